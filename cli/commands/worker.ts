// vucrawl worker: one crawler of the fleet: crawls the targets of its partitions of
// vucrawl.targets with its local browsers and publishes the events to Kafka.
import { resolveCrawlOptions, type CrawlOptions } from '../../crawler/options.js';
import { WORKER_DEFAULTS, Worker } from '../../pipeline/fleet/worker.js';
import { createRegistry } from '../../runtime/metrics.js';
import { CRAWL_GROUP, crawlOptionsFromFlags } from '../crawl-flags.js';
import { defineCommand, positionalsExactly, UsageError, wholeNumber } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { metricsAddress, metricsFlag, startMetrics } from '../metrics-flag.js';
import { OUT_FLAG, outDir } from '../out-flag.js';
import { withTestInternet } from './demo.js';

/** Any free loopback port: several workers on one machine do not collide; `vucrawl fleet status` shows each one's URL. */
const DEFAULT_METRICS = '127.0.0.1:0';

export const command = defineCommand(
  {
    name: 'worker',
    summary: 'crawl targets from vucrawl.targets as one worker of the fleet, events to Kafka',
    args: '',
    description:
      'Joins the consumer group (default vucrawl-crawlers); a site is crawled by one worker at a time.\nSIGINT/SIGTERM: pages in flight finish and are confirmed, then the worker leaves the group.',
    groups: [
      {
        title: 'Worker',
        flags: {
          ...OUT_FLAG,
          group: {
            kind: 'string',
            value: 'ID',
            help: 'consumer group of the fleet',
            default: () => WORKER_DEFAULTS.groupId,
          },
          'worker-id': {
            kind: 'string',
            value: 'ID',
            help: "this worker's name in vucrawl fleet status",
            default: () => 'HOSTNAME-PID',
          },
          'until-idle': {
            kind: 'string',
            value: 'SECONDS',
            help: 'exit once there was no work for this long and the group has no lag',
          },
          ...metricsFlag(DEFAULT_METRICS),
          demo: {
            kind: 'boolean',
            help: 'crawl the bundled test internet, started in this process (no network needed; pair with submit --demo)',
          },
        },
      },
      CRAWL_GROUP,
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 0, 'worker takes no arguments');
    const kafka = kafkaFrom(v);
    if (!kafka)
      throw new UsageError(
        'worker needs Kafka brokers: --kafka-brokers HOST:PORT, VUCRAWL_KAFKA_BROKERS or --kafka-config FILE',
      );
    const idle = wholeNumber(v['until-idle'], 'until-idle');
    const registry = createRegistry();
    const served = await startMetrics(registry, metricsAddress(v.metrics, DEFAULT_METRICS), log);
    const work = async (opts: CrawlOptions) => {
      const worker = new Worker(
        opts,
        kafka,
        outDir(v.out),
        {
          ...WORKER_DEFAULTS,
          groupId: v.group ?? WORKER_DEFAULTS.groupId,
          workerId: v['worker-id'] ?? WORKER_DEFAULTS.workerId,
          untilIdleMs: idle === undefined ? undefined : idle * 1000,
          metrics: registry,
          metricsUrl: served?.url,
        },
        log,
      );
      const onSignal = (sig: NodeJS.Signals) => {
        log.warn(`${sig}: finishing the pages in flight, then leaving the fleet`);
        void worker.stop();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await worker.run();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    };
    try {
      const flags = crawlOptionsFromFlags(v);
      await (v.demo ? withTestInternet(flags, log, work) : work(resolveCrawlOptions(flags)));
    } finally {
      await served?.close();
    }
    return 0;
  },
);
