// vucrawl load: the Kafka -> ClickHouse loader as a command, with a Prometheus metrics
// endpoint; SIGINT/SIGTERM load and commit the batches in hand, then exit.
import { WatchEvaluator } from '../../pipeline/watch-evaluator.js';
import { AlertDelivery } from '../../sinks/alerts/delivery.js';
import { DirectStore } from '../../store/direct.js';
import { openApplied } from '../../store/open.js';
import { ALERT_FLAGS, webhooksFrom } from '../alert-flags.js';
import { OUT_FLAG, outDir } from '../out-flag.js';
import { createKafka, describeKafka } from '../../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS } from '../../sinks/kafka/loader.js';
import { defineCommand, positionalsExactly, UsageError } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { metricsAddress, metricsFlag, startMetrics } from '../metrics-flag.js';
import { STORE_FLUSH_FLAG, STORE_GROUP, storeFlagsFrom, storeFlushMs } from '../store-flags.js';

const DEFAULT_METRICS = '127.0.0.1:9464';

export const command = defineCommand(
  {
    name: 'load',
    summary: 'Kafka topics -> ClickHouse (embedded or server), exactly once',
    args: '',
    groups: [
      {
        title: 'Loader',
        flags: {
          group: {
            kind: 'string',
            value: 'ID',
            help: 'consumer group',
            default: () => LOADER_DEFAULTS.groupId,
            env: 'VUCRAWL_LOADER_GROUP',
          },
          'until-caught-up': { kind: 'boolean', help: 'exit once every message in the topics is loaded' },
          ...STORE_FLUSH_FLAG,
          ...metricsFlag(DEFAULT_METRICS),
        },
      },
      {
        title:
          "Watches' alerts (evaluated on every batch loaded; besides the store, OUT/alerts.ndjson and vucrawl.alerts)",
        flags: { ...OUT_FLAG, ...ALERT_FLAGS },
      },
      STORE_GROUP,
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 0, 'load takes no arguments');
    const kafka = kafkaFrom(v);
    if (!kafka)
      throw new UsageError(
        'load needs Kafka brokers: --kafka-brokers HOST:PORT, VUCRAWL_KAFKA_BROKERS or --kafka-config FILE',
      );
    const metrics = metricsAddress(v.metrics, DEFAULT_METRICS);
    const groupId = v.group ?? process.env.VUCRAWL_LOADER_GROUP ?? LOADER_DEFAULTS.groupId;
    // The loader inserts with the engine's own client: the store is opened here, never through a server.
    const opened = await openApplied(storeFlagsFrom(v), log);
    const { store, db } = opened;
    const access = new DirectStore(opened);
    const watches = new WatchEvaluator(
      access,
      new AlertDelivery(access, { dir: outDir(v.out), kafka, webhooks: webhooksFrom(v) }, log),
      log,
    );
    const loader = new Loader(
      createKafka(kafka, log),
      kafka,
      store.client,
      {
        ...LOADER_DEFAULTS,
        db,
        groupId,
        flushMs: storeFlushMs(v) ?? LOADER_DEFAULTS.flushMs,
        untilCaughtUp: Boolean(v['until-caught-up']),
        onLoaded: (events) => watches.write(events),
      },
      log,
    );
    const served = await startMetrics(loader.metrics.registry, metrics, log);
    const onSignal = (sig: NodeJS.Signals) => {
      log.warn(`${sig}: loading and committing the batches in hand, then stopping`);
      void loader.stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    log.info(
      { kafka: describeKafka(kafka), store: store.describe, group: groupId, metrics: served?.url },
      'loader started',
    );
    try {
      await loader.run();
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await served?.close();
      await watches.close();
      await store.close();
    }
    const n = loader.loaded;
    process.stdout.write(
      `loaded ${n.events} events in ${n.batches} batches into ${store.describe}; ${n.deadLetters} dead letters\n`,
    );
    return 0;
  },
);
