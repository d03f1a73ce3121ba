// `vucrawl load`: the Kafka -> ClickHouse loader as a command, with a Prometheus metrics
// endpoint; SIGINT/SIGTERM load and commit the batches in hand, then exit. And `vucrawl
// replay DIR` with Kafka settings: send the messages a crawl spilled while the broker was
// unreachable.
import { readdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { createKafka, describeKafka, type KafkaOptions } from '../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS } from '../sinks/kafka/loader.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../sinks/kafka/publisher.js';
import { openApplied, type StoreFlags } from '../sinks/clickhouse/open.js';

export interface LoadFlags {
  kafka: KafkaOptions;
  store: StoreFlags;
  groupId?: string;
  untilCaughtUp: boolean;
  metrics?: { host: string; port: number };
}

export async function runLoad(f: LoadFlags, log: Logger): Promise<string> {
  const { store, db } = await openApplied(f.store, log);
  const loader = new Loader(createKafka(f.kafka, log), f.kafka, store.client, {
    ...LOADER_DEFAULTS, db, groupId: f.groupId ?? LOADER_DEFAULTS.groupId, untilCaughtUp: f.untilCaughtUp,
    exitAfterInsert: process.env.VUCRAWL_TEST_EXIT_AFTER_INSERT === '1',
  }, log);
  const served = f.metrics ? await loader.metrics.serve(f.metrics.host, f.metrics.port) : undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    log.warn(`${sig}: loading and committing the batches in hand, then stopping`);
    void loader.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log.info({ kafka: describeKafka(f.kafka), store: store.describe, group: f.groupId ?? LOADER_DEFAULTS.groupId, metrics: served && `http://${served.address}/metrics` }, 'loader started');
  try {
    await loader.run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    served?.server.close();
    await store.close();
  }
  const m = loader.metrics;
  return `loaded ${m.total('vucrawl_loader_events_total')} events in ${m.total('vucrawl_loader_batches_total')} batches into ${store.describe}; ${m.total('vucrawl_loader_dead_letters_total')} dead letters\n`;
}

export async function replayKafkaSpill(dir: string, kafka: KafkaOptions, log: Logger): Promise<string> {
  let files: number;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).length;
  } catch (e) {
    throw new Error(`cannot read Kafka spill folder ${dir}: ${(e as Error).message}`);
  }
  const publisher = new KafkaPublisher(createKafka(kafka, log), kafka, { ...PUBLISHER_DEFAULTS, spillDir: dir }, log);
  const before = publisher.spilled;
  await publisher.close();
  return `sent ${before - publisher.spilled} spilled messages from ${files} files in ${dir} to ${describeKafka(kafka)}${publisher.spilled ? `; ${publisher.spilled} still on disk (broker unreachable)` : ''}\n`;
}
