// Kafka benchmark against a real broker (the project's own, tools/kafka/broker.ts): the
// publisher's throughput (host-pair events/s acknowledged by the broker), then two
// readers of the same topic: a bare kafkajs consumer that only counts (the limit any
// kafkajs reader can reach here), and the loader into the embedded ClickHouse. Both readers
// are timed from connect (group join included) to the last event counted or stored; the
// disconnect after it is not timed, for either.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { openStore } from '../store/connect.js';
import { applySchema } from '../store/schema/migrations.js';
import { createKafka, kafkaOptions } from '../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS, LOADER_FETCH } from '../sinks/kafka/loader.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../sinks/kafka/publisher.js';
import { EVENT_TOPICS, eventMessage } from '../sinks/kafka/topics.js';
import { startBroker } from '../tools/kafka/broker.js';
import { hostPair } from './store-bench.js';

export interface KafkaBenchResult {
  events: number;
  compression: string;
  producerEventsPerSecond: number;
  bareConsumerEventsPerSecond: number;
  loaderEventsPerSecond: number;
  loaderShareOfLimit: number;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** A consumer that does nothing but count: how fast kafkajs alone drains the topic. */
async function bareDrain(kafka: Kafka, topic: string, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  const consumer = kafka.consumer({ ...LOADER_FETCH, groupId: `bare-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let got = 0;
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        partitionsConsumedConcurrently: LOADER_DEFAULTS.concurrency,
        eachBatch: async ({ batch }) => {
          got += batch.messages.length;
          if (got >= n) resolve();
        },
      })
      .catch(reject);
  });
  const s = seconds(t0);
  await consumer.disconnect();
  return n / s;
}

export async function kafkaBench(events = 300_000, compression: 'gzip' | 'none' = 'gzip'): Promise<KafkaBenchResult> {
  const log = pino({ level: 'warn' });
  const broker = await startBroker({ heapMb: 1024 });
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-kafka-bench-'));
  try {
    const ko = kafkaOptions({ brokers: broker.bootstrap })!;
    const kafka = createKafka(ko, log);
    const batches: ReturnType<typeof eventMessage>[][] = [];
    for (let i = 0; i < events; i += 10_000)
      batches.push(Array.from({ length: Math.min(10_000, events - i) }, (_, j) => eventMessage(hostPair(i + j))));

    const publisher = new KafkaPublisher(
      kafka,
      ko,
      { ...PUBLISHER_DEFAULTS, compression, spillDir: path.join(dir, 'spill') },
      log,
    );
    let t0 = process.hrtime.bigint();
    for (const b of batches) await publisher.publish(b);
    await publisher.close();
    const producerEventsPerSecond = events / seconds(t0);
    if (publisher.spilled) throw new Error(`${publisher.spilled} messages spilled during the bench`);

    const bareConsumerEventsPerSecond = await bareDrain(kafka, EVENT_TOPICS.host_pair.topic, events);

    const store = await openStore({ dataDir: path.join(dir, 'store') });
    try {
      await applySchema(store.client, 'bench');
      const loader = new Loader(
        kafka,
        ko,
        store.client,
        { ...LOADER_DEFAULTS, db: 'bench', groupId: 'bench-loader', untilCaughtUp: true },
        log,
      );
      t0 = process.hrtime.bigint();
      let s = 0;
      const stored = setInterval(() => {
        if (!s && loader.loaded.events >= events) s = seconds(t0);
      }, 5);
      await loader.run();
      clearInterval(stored);
      const loaded = loader.loaded.events;
      if (loaded !== events) throw new Error(`the loader loaded ${loaded} of ${events} events`);
      const loaderEventsPerSecond = events / s;
      return {
        events,
        compression,
        producerEventsPerSecond,
        bareConsumerEventsPerSecond,
        loaderEventsPerSecond,
        loaderShareOfLimit: loaderEventsPerSecond / bareConsumerEventsPerSecond,
      };
    } finally {
      await store.close();
    }
  } finally {
    await broker.stop();
    rmSync(broker.dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
