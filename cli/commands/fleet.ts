// vucrawl fleet status: the workers, their partitions and sites, what they did, the lag.
import { fleetStatus } from '../../pipeline/fleet/status.js';
import { WORKER_DEFAULTS } from '../../pipeline/fleet/worker.js';
import { createKafka } from '../../sinks/kafka/connect.js';
import { defineCommand, positionalsExactly, UsageError } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';

export const command = defineCommand(
  {
    name: 'fleet',
    summary: 'fleet status: workers, partitions, sites, pages, lag',
    args: 'status',
    groups: [
      {
        title: 'Fleet',
        flags: {
          ...JSON_FLAG,
          group: {
            kind: 'string',
            value: 'ID',
            help: 'consumer group of the fleet',
            default: () => WORKER_DEFAULTS.groupId,
          },
        },
      },
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 1, 'fleet takes one subcommand: vucrawl fleet status');
    if (positionals[0] !== 'status')
      throw new UsageError(`unknown fleet subcommand "${positionals[0]}" (known: status)`);
    const kafka = kafkaFrom(v);
    if (!kafka)
      throw new UsageError(
        'fleet status needs Kafka brokers: --kafka-brokers HOST:PORT, VUCRAWL_KAFKA_BROKERS or --kafka-config FILE',
      );
    const s = await fleetStatus(createKafka(kafka, log), v.group ?? WORKER_DEFAULTS.groupId);
    if (v.json) {
      process.stdout.write(`${JSON.stringify(s)}\n`);
      return 0;
    }
    const workers = s.workers.map((w) => ({
      worker: w.worker,
      member: w.member,
      partitions: w.partitions.join(','),
      sites: w.sites.length,
      pages_done: w.pages_done,
      in_flight: w.in_flight,
      queued: w.queued,
      pages_per_s: w.pages_per_second.toFixed(2),
      metrics: w.metrics ?? '',
      reported: new Date(w.at).toISOString(),
    }));
    process.stdout.write(
      `group ${s.group}: ${s.state}, ${s.members} members, lag ${s.partitions.reduce((n, p) => n + p.lag, 0)}\n\nworkers\n${formatRows(workers, false)}\npartitions\n${formatRows(s.partitions as unknown as Record<string, unknown>[], false)}`,
    );
    return 0;
  },
);
