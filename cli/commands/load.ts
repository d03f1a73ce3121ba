// vucrawl load: the Kafka -> ClickHouse loader as a command, with a Prometheus metrics
// endpoint; SIGINT/SIGTERM load and commit the batches in hand, then exit.
import { openApplied } from '../../sinks/clickhouse/open.js';
import { createKafka, describeKafka } from '../../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS } from '../../sinks/kafka/loader.js';
import { defineCommand, hostPort, positionalsExactly, UsageError } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';

const DEFAULT_METRICS = '127.0.0.1:9464';

export const command = defineCommand({
  name: 'load',
  summary: 'Kafka topics -> ClickHouse (embedded or server), exactly once',
  args: '',
  groups: [{
    title: 'Loader',
    flags: {
      group: { kind: 'string', value: 'ID', help: 'consumer group', default: () => LOADER_DEFAULTS.groupId, env: 'VUCRAWL_LOADER_GROUP' },
      'until-caught-up': { kind: 'boolean', help: 'exit once every message in the topics is loaded' },
      metrics: { kind: 'string', value: 'HOST:PORT', help: 'serve Prometheus metrics on /metrics ("off" for none)', default: () => DEFAULT_METRICS, env: 'VUCRAWL_METRICS' },
    },
  }, STORE_GROUP, KAFKA_GROUP],
}, async ({ values: v, positionals, log }) => {
  positionalsExactly(positionals, 0, 'load takes no arguments');
  const kafka = kafkaFrom(v);
  if (!kafka) throw new UsageError('load needs Kafka brokers: --kafka-brokers HOST:PORT, VUCRAWL_KAFKA_BROKERS or --kafka-config FILE');
  const metrics = hostPort(v.metrics ?? process.env.VUCRAWL_METRICS ?? DEFAULT_METRICS, 'metrics');
  const groupId = v.group ?? process.env.VUCRAWL_LOADER_GROUP ?? LOADER_DEFAULTS.groupId;
  const { store, db } = await openApplied(storeFlagsFrom(v), log);
  const loader = new Loader(createKafka(kafka, log), kafka, store.client, { ...LOADER_DEFAULTS, db, groupId, untilCaughtUp: Boolean(v['until-caught-up']) }, log);
  const served = metrics ? await loader.metrics.serve(metrics.host, metrics.port) : undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    log.warn(`${sig}: loading and committing the batches in hand, then stopping`);
    void loader.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log.info({ kafka: describeKafka(kafka), store: store.describe, group: groupId, metrics: served && `http://${served.address}/metrics` }, 'loader started');
  try {
    await loader.run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    served?.server.close();
    await store.close();
  }
  const m = loader.metrics;
  process.stdout.write(`loaded ${m.total('vucrawl_loader_events_total')} events in ${m.total('vucrawl_loader_batches_total')} batches into ${store.describe}; ${m.total('vucrawl_loader_dead_letters_total')} dead letters\n`);
  return 0;
});
