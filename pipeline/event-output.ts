// The destination of a command's events besides the NDJSON files: Kafka when brokers are
// configured (the loader then fills ClickHouse), otherwise the store, embedded or server
// (through the `vucrawl serve` that holds an embedded one).
import type { Logger } from 'pino';
import type { DeadLetterRecord, VucrawlEvent } from '../extractor/events.js';
import type { OutPaths } from '../runtime/out-paths.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS, tableOf } from '../sinks/clickhouse/event-store.js';
import { heldStoreTarget, openStoreTarget } from '../sinks/clickhouse/store-target.js';
import { StoreJournal, type JournalState } from '../sinks/clickhouse/store-journal.js';
import { PublishJournal } from '../sinks/kafka/publish-journal.js';
import { createKafka, describeKafka, type KafkaOptions } from '../sinks/kafka/connect.js';
import { deadLetterSink, eventSink, KafkaPublisher, PUBLISHER_DEFAULTS } from '../sinks/kafka/publisher.js';
import type { StoreOptions } from '../store/connect.js';
import type { OpenedStore } from '../store/open.js';
import type { Sink } from '../sinks/sink.js';
import type { StoreAccess } from '../store/access.js';
import type { Webhook } from '../sinks/alerts/webhooks.js';

/** Where events go besides NDJSON: Kafka when configured, else the store (none when both are unset). */
export interface EventDestination {
  kafka?: KafkaOptions;
  store?: Partial<StoreOptions>;
  /** A store this process holds open (vucrawl serve's own crawls): used as it is, and left open. */
  held?: OpenedStore;
  /** Insert into the store at least this often (default EVENT_STORE_DEFAULTS.flushMs). */
  storeFlushMs?: number;
  /** Where alerts of the watches evaluated on the crawl's events are POSTed, besides the store and OUT/alerts.ndjson. */
  webhooks?: Webhook[];
}

export interface EventOutput {
  events: Sink<VucrawlEvent>;
  deadLetters: Sink<DeadLetterRecord>;
  describe: string;
  /** Events on disk because the destination was unreachable (read after close). */
  spilled(): number;
  /** The folder they are kept in. */
  spillDir: string;
  spillHint: string;
  /** The store's alerting tables, when the events go to a store (with Kafka, the loader evaluates watches). */
  access?: StoreAccess;
  /** After a crash: given every capture of the crawl in order, writes again what the destination's journal does not show as safe. */
  recovery(): Promise<OutputRecovery>;
  close(): Promise<void>;
}

/** Fed the crawl's captures' events in capture order (ordinal 0, 1, ...) once, before the crawl goes on. */
export interface OutputRecovery {
  capture(ordinal: number, events: VucrawlEvent[]): Promise<void>;
  /** Events written again. */
  finish(): Promise<number>;
}

/** The output journals what it made safe in the folder's state (a Kafka publisher spills in it too). */
export async function openEventOutput(
  to: EventDestination,
  out: OutPaths,
  log: Logger,
): Promise<EventOutput | undefined> {
  if (to.kafka) {
    const spillDir = out.kafkaSpill;
    const settledThrough = await PublishJournal.read(out.kafkaJournal);
    const journal = new PublishJournal(out.kafkaJournal, settledThrough);
    const publisher = new KafkaPublisher(
      createKafka(to.kafka, log),
      to.kafka,
      { ...PUBLISHER_DEFAULTS, spillDir, journal },
      log,
    );
    const events = eventSink(publisher);
    return {
      events,
      deadLetters: deadLetterSink(publisher),
      describe: describeKafka(to.kafka),
      spilled: () => publisher.spilled,
      spillDir,
      spillHint: `sent by the next crawl with the same --out, or by "vucrawl replay ${spillDir}" with the Kafka settings`,
      // Every capture past the watermark is published again (at least once).
      recovery: async () => {
        let again = 0;
        return {
          capture: async (ordinal, evs) => {
            if (ordinal <= settledThrough) return;
            again += evs.length;
            await events.write(evs, { capture: ordinal });
          },
          finish: async () => again,
        };
      },
      close: () => publisher.close(),
    };
  }
  const target = to.held ? heldStoreTarget(to.held, log) : to.store && (await openStoreTarget(to.store, log));
  if (!target) return undefined;
  const journal = new StoreJournal(out.storeJournal);
  const events = new ClickHouseEvents(
    target.inserter,
    {
      ...EVENT_STORE_DEFAULTS,
      flushMs: to.storeFlushMs ?? EVENT_STORE_DEFAULTS.flushMs,
      db: target.db,
      spillDir: target.spillDir,
      journal,
    },
    log,
  );
  return {
    events,
    deadLetters: target.deadLetters,
    describe: target.describe,
    spilled: () => events.spilled,
    spillDir: target.spillDir,
    spillHint: 'run vucrawl replay',
    access: target.access,
    recovery: async () => storeRecovery(await StoreJournal.read(out.storeJournal), events),
    close: async () => {
      await events.close();
      await target.close();
    },
  };
}

/**
 * The store after a crash: a journaled batch that was neither acknowledged nor spilled is
 * rebuilt from its captures and inserted again under its token (dropped if it had landed);
 * events of captures past a table's last journaled batch were still in memory: inserted
 * as new batches.
 */
function storeRecovery(state: JournalState, store: ClickHouseEvents): OutputRecovery {
  const covered = new Map<string, number>();
  for (const b of state.batches) covered.set(b.table, Math.max(covered.get(b.table) ?? -1, b.to));
  const open = state.batches
    .filter((b) => !state.done.has(b.token))
    .map((b) => ({ ...b, events: [] as VucrawlEvent[] }));
  let again = 0;
  return {
    async capture(ordinal, evs) {
      const fresh: VucrawlEvent[] = [];
      for (const e of evs) {
        const table = tableOf(e);
        const batch = open.find((b) => b.table === table && b.from <= ordinal && ordinal <= b.to);
        if (batch) batch.events.push(e);
        else if (ordinal > (covered.get(table) ?? -1)) fresh.push(e);
      }
      if (fresh.length) await store.write(fresh, { capture: ordinal });
      again += fresh.length;
      for (const b of open.filter((x) => x.to === ordinal && x.events.length)) {
        await store.insertAgain(b.table, b.events, b.token);
        again += b.events.length;
      }
    },
    finish: async () => {
      await store.flush();
      return again;
    },
  };
}
