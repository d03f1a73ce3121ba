// The destination of a command's events besides the NDJSON files: Kafka when brokers are
// configured (the loader then fills ClickHouse), otherwise the store, embedded or server.
import path from 'node:path';
import type { Logger } from 'pino';
import type { DeadLetterRecord, VucrawlEvent } from '../extractor/events.js';
import { storeDeadLetters } from '../sinks/clickhouse/dead-letters.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../sinks/clickhouse/event-store.js';
import { createKafka, describeKafka, type KafkaOptions } from '../sinks/kafka/connect.js';
import { deadLetterSink, eventSink, KafkaPublisher, PUBLISHER_DEFAULTS } from '../sinks/kafka/publisher.js';
import type { StoreOptions } from '../sinks/clickhouse/connect.js';
import { openApplied } from '../sinks/clickhouse/open.js';
import type { Sink } from '../sinks/sink.js';

/** Where events go besides NDJSON: Kafka when configured, else the store (none when both are unset). */
export interface EventDestination {
  kafka?: KafkaOptions;
  store?: Partial<StoreOptions>;
}

export interface EventOutput {
  events: Sink<VucrawlEvent>;
  deadLetters: Sink<DeadLetterRecord>;
  describe: string;
  /** Events on disk because the destination was unreachable (read after close). */
  spilled(): number;
  spillHint: string;
  close(): Promise<void>;
}

/** Where a publisher keeps messages while the broker is unreachable. */
export const kafkaSpillDir = (outDir: string): string => path.resolve(outDir, 'kafka-spill');

export async function openEventOutput(to: EventDestination, outDir: string, log: Logger): Promise<EventOutput | undefined> {
  if (to.kafka) {
    const spillDir = kafkaSpillDir(outDir);
    const publisher = new KafkaPublisher(createKafka(to.kafka, log), to.kafka, { ...PUBLISHER_DEFAULTS, spillDir }, log);
    return {
      events: eventSink(publisher),
      deadLetters: deadLetterSink(publisher),
      describe: describeKafka(to.kafka),
      spilled: () => publisher.spilled,
      spillHint: `sent by the next crawl with the same --out, or by "vucrawl replay ${spillDir}" with the Kafka settings`,
      close: () => publisher.close(),
    };
  }
  if (!to.store) return undefined;
  const { store, db, spillDir } = await openApplied(to.store, log);
  const events = new ClickHouseEvents(store.client, { ...EVENT_STORE_DEFAULTS, db, spillDir }, log);
  return {
    events,
    deadLetters: storeDeadLetters(store.client, db, log),
    describe: store.describe,
    spilled: () => events.spilled,
    spillHint: 'run vucrawl replay',
    close: async () => {
      await events.close();
      await store.close();
    },
  };
}
