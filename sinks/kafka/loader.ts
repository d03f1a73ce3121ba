// Kafka -> ClickHouse, exactly once in effect. A consumer group reads the event topics;
// each message is validated and encoded as a row as it arrives, and per partition the rows
// are loaded in batches (batchRows, or flushMs after the first message). For each batch
// [first, last] of a partition, in this order:
//   1. commit offset `first` with metadata "pending-end=<last>": the batch's boundaries are
//      recorded in Kafka before anything is inserted;
//   2. insert the valid rows with insert_deduplication_token "<topic>-<partition>-<first>-<last>";
//      the invalid messages go to vucrawl.dlq and the dead_letters table;
//   3. commit offset last + 1: the batch is done.
// A loader that dies between 2 and 3 is replaced by one that reads the recorded boundary
// and inserts exactly that range again, with the same token, so ClickHouse drops it: the
// tables hold every event once. A failed insert is retried until it lands (Kafka holds the
// data meanwhile, nothing is committed). stop() finishes the batches in hand and commits.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Admin, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { schemaType, type DeadLetterRecord, type VucrawlEvent } from '../../extractor/events.js';
import { backoffDelay, sleep } from '../../runtime/timing.js';
import { insertDeadLetters } from '../clickhouse/dead-letters.js';
import { EVENT_STORE_DEFAULTS, insertBatch, tsvRowEncoder } from '../clickhouse/event-store.js';
import { TABLES } from '../../store/schema/event-tables.js';
import { deadLetter, validateEvent } from '../validate.js';
import { ensureTopics, type KafkaOptions } from './connect.js';
import { GroupConsumer, groupLag } from './group-consumer.js';
import { Counter, Gauge } from 'prom-client';
import { createRegistry, type Registry } from '../../runtime/metrics.js';
import { DLQ_TOPIC, EVENT_TOPIC_NAMES, eventTypeOfTopic } from './topics.js';

export interface LoaderOptions {
  groupId: string;
  db: string;
  batchRows: number;
  flushMs: number;
  /** Partitions loaded at the same time. */
  concurrency: number;
  /** Stop once every partition of every event topic is loaded and committed. */
  untilCaughtUp: boolean;
  /** Log progress this often. */
  reportMs: number;
  /** Called between a batch's insert and its commit (a test passes one that kills the loader there). */
  afterInsert?: (batch: { topic: string; partition: number; first: string; last: string }) => void;
  /** Given each batch's events once they are stored and committed (watches are evaluated on them). */
  onLoaded?: (events: VucrawlEvent[]) => Promise<void>;
}

/**
 * How the loader fetches (the bench's bare consumer fetches the same way, to compare like
 * with like). The sizes count compressed bytes: 4 MiB of gzip'd events is ~115k messages
 * per partition, one long decode that nothing overlaps; 2 MiB was faster for both readers
 * with gzip and as fast without compression.
 */
export const LOADER_FETCH = { maxBytesPerPartition: 2 << 20, maxBytes: 32 << 20, maxWaitTimeInMs: 500 };

/**
 * flushMs: a live loader's batches are small (a crawl's events spread over every partition),
 * and each is an insert, a part to merge into a table that keeps growing, and two commits:
 * at 2 s, a loader beside one crawling worker took over a third of a core
 * (`npm run bench -- --only soak --soak worker`). It inserts as often as a crawl's own store.
 * A batch job (untilCaughtUp) loads a partition as soon as it has read to its end.
 */
export const LOADER_DEFAULTS: LoaderOptions = {
  groupId: 'vucrawl-loader',
  db: 'vucrawl',
  batchRows: 50_000,
  flushMs: EVENT_STORE_DEFAULTS.flushMs,
  concurrency: 4,
  untilCaughtUp: false,
  reportMs: 10_000,
};

const PENDING = 'vucrawl-pending-end=';
/** Pauses before re-inserting a batch: 1 s doubling to 30 s. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * A message as the loader holds it until its batch loads: its row, or its dead letter.
 * Decoded as it arrives, so the buffers keep one string per message rather than kafkajs's
 * message objects and the parsed event (a smaller heap, which the collector scans less).
 */
interface Held {
  offset: string;
  row?: string;
  /** Kept only for onLoaded. */
  event?: VucrawlEvent;
  dead?: DeadLetterRecord;
}

interface Partition {
  topic: string;
  partition: number;
  buf: Held[];
  /**
   * Messages read and not yet decoded into `buf`. eachBatch hands them over and returns,
   * and they are decoded on a later turn of the event loop, so kafkajs fetches the next
   * batch while this one is decoded (it fetches only once eachBatch has returned).
   */
  raw: KafkaMessage[];
  /** The decoding of `raw`, in arrival order. */
  decoding: Promise<void>;
  /** Whether the last batch read reached the end of the partition. */
  atEnd: boolean;
  /** Event rows for this topic's table (undefined on a topic that is not an event topic). */
  encode?: (e: VucrawlEvent) => string;
  /** When the oldest buffered message arrived. */
  since: number;
  /** The last offset of a batch a previous loader recorded but did not commit (null: none; undefined: not looked up yet). */
  pendingEnd?: bigint | null;
  /** The offset that batch started at. */
  pendingFrom?: bigint;
  /** Batches of this partition load one after the other. */
  chain: Promise<void>;
  /** Set when a batch failed: nothing after it may load until it is read again from here. */
  retryFrom?: bigint;
  /** Set by a rebalance: its queued batches are dropped (they are read again from the committed offset). */
  revoked?: boolean;
}

/** The loader's Prometheus metrics (`vucrawl load --metrics`). */
function loaderMetrics(registry: Registry) {
  const registers = [registry];
  return {
    registry,
    events: new Counter({
      name: 'vucrawl_loader_events_total',
      help: 'Events sent to ClickHouse, by table (a batch sent again after a crash counts again; ClickHouse stores it once).',
      labelNames: ['table'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'vucrawl_loader_dead_letters_total',
      help: 'Messages sent to the dead-letter topic and table, by topic.',
      labelNames: ['topic'],
      registers,
    }),
    batches: new Counter({ name: 'vucrawl_loader_batches_total', help: 'Batches loaded and committed.', registers }),
    insertSeconds: new Counter({
      name: 'vucrawl_loader_insert_seconds_total',
      help: 'Time spent in ClickHouse inserts.',
      registers,
    }),
    insertRetries: new Counter({
      name: 'vucrawl_loader_insert_retries_total',
      help: 'Inserts retried because ClickHouse failed.',
      registers,
    }),
    lag: new Gauge({
      name: 'vucrawl_loader_lag',
      help: 'Messages in Kafka not yet loaded and committed, by topic and partition.',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    buffered: new Gauge({ name: 'vucrawl_loader_buffered', help: 'Messages read and not yet loaded.', registers }),
  };
}

export class Loader {
  readonly metrics = loaderMetrics(createRegistry());
  /** Running totals for the progress log and the exit line. */
  readonly loaded = { events: 0, batches: 0, deadLetters: 0 };
  private readonly consumer: GroupConsumer;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly parts = new Map<string, Partition>();
  /** The loads still running for partitions a rebalance took away, by partition. */
  private readonly settling = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopping = false;
  /** Batches being read from Kafka into the buffers right now. */
  private readonly reading = new Set<Promise<void>>();
  private stopped?: Promise<void>;
  private finished!: () => void;
  private readonly done = new Promise<void>((r) => {
    this.finished = r;
  });

  constructor(
    private readonly kafka: Kafka,
    private readonly ko: KafkaOptions,
    private readonly client: ClickHouseClient,
    private readonly o: LoaderOptions,
    private readonly log: Logger,
  ) {
    // A loader that died is noticed after 10 s (kafkajs's default is 30 s) and its partitions go to the others.
    this.consumer = new GroupConsumer(
      kafka,
      {
        consumer: {
          ...LOADER_FETCH,
          groupId: o.groupId,
          allowAutoTopicCreation: false,
          sessionTimeout: 10_000,
          heartbeatInterval: 1_000,
        },
        topics: EVENT_TOPIC_NAMES,
        run: {
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: o.concurrency,
          eachBatch: (p) => this.onBatch(p),
        },
        reads: 'events',
        // A rebalance, or a new consumer, restarts every partition from its committed offset.
        onJoin: () => this.revokeAll(),
        onReplace: () => this.revokeAll(),
      },
      log,
    );
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.admin = kafka.admin();
  }

  /** Runs until stop() (or, with untilCaughtUp, until everything is loaded). */
  async run(): Promise<void> {
    await ensureTopics(this.kafka, this.ko);
    await this.producer.connect();
    await this.admin.connect();
    await this.consumer.start();
    let lastReport = Date.now();
    let lastEvents = 0;
    this.timer = setInterval(
      () => {
        void (async () => {
          for (const p of this.parts.values()) if (p.buf.length && Date.now() - p.since >= this.o.flushMs) this.cut(p);
          // A gauge, unreadable while the broker is down: read again next tick.
          const lag = await this.updateLag().catch(() => undefined);
          if (Date.now() - lastReport >= this.o.reportMs) {
            const events = this.loaded.events;
            this.log.info(
              {
                events,
                perSecond: Math.round((events - lastEvents) / ((Date.now() - lastReport) / 1000)),
                lag,
                deadLetters: this.loaded.deadLetters,
              },
              'loader progress',
            );
            lastReport = Date.now();
            lastEvents = events;
          }
          if (this.o.untilCaughtUp && lag === 0 && this.idle()) void this.stop();
        })();
      },
      Math.min(500, this.o.flushMs),
    );
    await this.done;
  }

  /**
   * Drops what was buffered and queued for every partition (they are read again from the
   * committed offset); a load already running finishes before its partition is read again.
   */
  private revokeAll(): void {
    for (const [key, p] of this.parts) {
      p.revoked = true;
      p.buf = [];
      p.raw = [];
      this.settling.set(key, p.chain);
    }
    this.parts.clear();
  }

  /** Stops reading, loads and commits the batches in hand, disconnects. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      clearInterval(this.timer);
      this.consumer.stopReading();
      await Promise.all(this.reading);
      await Promise.all([...this.parts.values()].map((p) => p.decoding));
      for (const p of this.parts.values()) this.cut(p, true);
      await Promise.all([...this.parts.values()].map((p) => p.chain).concat([...this.settling.values()]));
      await this.updateLag().catch(() => undefined); // a gauge: stale while the broker is down
      await this.consumer.disconnect();
      await this.producer.disconnect();
      await this.admin.disconnect();
      this.finished();
    })();
    return this.stopped;
  }

  private onBatch(payload: EachBatchPayload): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const reading = this.read(payload).finally(() => this.reading.delete(reading));
    this.reading.add(reading);
    return reading;
  }

  private async read({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!batch.messages.length || !isRunning() || isStale()) return;
    const p = await this.partition(batch.topic, batch.partition);
    const from = BigInt(batch.firstOffset()!);
    // After a failed batch, only a re-read from its first offset may go on (see cut()).
    if (p.retryFrom !== undefined) {
      if (from > p.retryFrom) return;
      p.retryFrom = undefined;
    }
    // The same offsets again (a fetch restarted from the committed offset): keep one copy.
    const last = (p.raw.at(-1) ?? p.buf.at(-1))?.offset;
    if (last !== undefined && from <= BigInt(last))
      for (const xs of [p.raw, p.buf]) {
        const i = xs.findIndex((x) => BigInt(x.offset) >= from);
        if (i !== -1) xs.splice(i);
      }
    if (!p.buf.length && !p.raw.length) p.since = Date.now();
    for (const m of batch.messages) p.raw.push(m);
    p.atEnd = batch.offsetLag() === '0';
    resolveOffset(batch.lastOffset());
    p.decoding = p.decoding.then(() => new Promise<void>((r) => setImmediate(r))).then(() => this.decode(p));
    // Backpressure: do not read far ahead of ClickHouse.
    if (p.buf.length + p.raw.length >= 2 * this.o.batchRows) await p.chain;
    await heartbeat();
  }

  /** Decodes what was read so far and cuts a batch if one is due. */
  private decode(p: Partition): void {
    for (const m of p.raw.splice(0)) p.buf.push(this.hold(p, m));
    // A batch job loads what it has as soon as it reached the end of the partition.
    this.cut(p, this.o.untilCaughtUp && p.atEnd);
  }

  private async partition(topic: string, partition: number): Promise<Partition> {
    const key = `${topic}/${partition}`;
    let p = this.parts.get(key);
    if (!p) {
      const type = eventTypeOfTopic(topic);
      this.parts.set(
        key,
        (p = {
          topic,
          partition,
          buf: [],
          raw: [],
          decoding: Promise.resolve(),
          atEnd: false,
          since: Date.now(),
          chain: this.settling.get(key) ?? Promise.resolve(),
          encode: type && tsvRowEncoder(TABLES[type]),
        }),
      );
      this.settling.delete(key);
    }
    if (p.pendingEnd === undefined) {
      // The committed offset and its recorded boundary are final only once no load of this partition runs.
      await p.chain;
      const [t] = await this.admin.fetchOffsets({ groupId: this.o.groupId, topics: [topic] });
      const c = t?.partitions.find((x) => x.partition === partition);
      p.pendingEnd = c?.metadata?.startsWith(PENDING) ? BigInt(c.metadata.slice(PENDING.length)) : null;
      if (p.pendingEnd !== null) {
        p.pendingFrom = BigInt(c!.offset);
        this.log.info(
          { topic, partition, from: String(p.pendingFrom), to: String(p.pendingEnd) },
          'a batch was inserted but not committed by an earlier loader: loading the same range again (ClickHouse drops the copy)',
        );
      }
    }
    return p;
  }

  /** Takes the next batch off a partition's buffer, if one is due, and queues its load. */
  private cut(p: Partition, force = false): void {
    if (!p.buf.length) return;
    let n: number;
    if (p.pendingEnd != null && BigInt(p.buf[0]!.offset) === p.pendingFrom) {
      const after = p.buf.findIndex((m) => BigInt(m.offset) > p.pendingEnd!);
      // Not all of the recorded range is here yet: wait for it (at stop, leave it for next time).
      if (after === -1 && BigInt(p.buf.at(-1)!.offset) < p.pendingEnd) return;
      n = after === -1 ? p.buf.length : after;
    } else {
      if (!force && p.buf.length < this.o.batchRows && Date.now() - p.since < this.o.flushMs) return;
      n = Math.min(p.buf.length, this.o.batchRows);
    }
    p.pendingEnd = null;
    const held = p.buf.splice(0, n);
    p.since = Date.now();
    p.chain = p.chain
      .then(() => (p.retryFrom === undefined && !p.revoked ? this.load(p, held) : undefined))
      .catch((e: Error) => {
        // Not committed, so nothing is lost; but later batches must not commit past it. Read
        // it again from its first offset, with its recorded boundary looked up anew, so a
        // range that was in fact inserted gets the same token and is dropped as a copy.
        const first = held[0]!.offset;
        this.log.error(
          { topic: p.topic, partition: p.partition, from: first, err: e.message },
          'batch not loaded; reading it again',
        );
        p.buf = [];
        p.raw = [];
        p.retryFrom = BigInt(first);
        p.pendingEnd = undefined;
        try {
          if (!this.stopping) this.consumer.seek(p.topic, p.partition, first);
        } catch {
          // Not ours any more (a rebalance): its next owner starts from the committed offset.
        }
      });
  }

  /** Validates a message against its topic's event schema and keeps its row, or its dead letter. */
  private hold(p: Partition, m: KafkaMessage): Held {
    const dead = (value: unknown, reason: string): Held => ({
      offset: m.offset,
      dead: { ...deadLetter(value, reason), stage: 'loader', topic: p.topic, partition: p.partition, offset: m.offset },
    });
    const text = m.value?.toString('utf8') ?? '';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return dead(text, `not JSON: ${(e as Error).message}`);
    }
    const v = validateEvent(value);
    if (!v.ok) return dead(value, v.reason);
    if (!p.encode || schemaType(v.event.schema) !== eventTypeOfTopic(p.topic))
      return dead(value, `${v.event.schema} does not belong on topic ${p.topic}`);
    return { offset: m.offset, row: p.encode(v.event), ...(this.o.onLoaded ? { event: v.event } : {}) };
  }

  private async load(p: Partition, held: Held[]): Promise<void> {
    const first = held[0]!.offset;
    const last = held.at(-1)!.offset;
    const { topic, partition } = p;
    await this.consumer.commitOffsets([{ topic, partition, offset: first, metadata: `${PENDING}${last}` }]);
    const rows = held.flatMap((h) => (h.row === undefined ? [] : [h.row]));
    const dead = held.flatMap((h) => (h.dead ? [h.dead] : []));
    const token = `${topic}-${partition}-${first}-${last}`;
    if (rows.length) {
      const table = TABLES[eventTypeOfTopic(topic)!];
      await this.untilStored(() =>
        insertBatch(
          this.client,
          { db: this.o.db, retries: 3, retryBaseMs: 250 },
          table,
          rows.join('\n'),
          token,
          'TabSeparated',
        ),
      );
      this.metrics.events.inc({ table }, rows.length);
      this.loaded.events += rows.length;
    }
    if (dead.length) {
      this.log.warn(
        { topic, partition, count: dead.length, first: dead[0]!.reason },
        'invalid messages sent to the dead-letter topic and table',
      );
      await this.producer.send({
        topic: DLQ_TOPIC,
        acks: -1,
        messages: dead.map((d) => ({ key: `${topic}-${partition}-${d.offset}`, value: JSON.stringify(d) })),
      });
      await this.untilStored(() => insertDeadLetters(this.client, this.o.db, dead, `${token}-dlq`));
      this.metrics.deadLetters.inc({ topic }, dead.length);
      this.loaded.deadLetters += dead.length;
    }
    this.o.afterInsert?.({ topic, partition, first, last });
    await this.consumer.commitOffsets([{ topic, partition, offset: String(BigInt(last) + 1n), metadata: null }]);
    this.metrics.batches.inc();
    this.loaded.batches++;
    if (this.o.onLoaded) await this.o.onLoaded(held.flatMap((h) => (h.event ? [h.event] : [])));
  }

  /** Retries an insert until ClickHouse takes it (with backoff); gives up only when stopping. */
  private async untilStored(insert: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const delay = backoffDelay(attempt, RETRY_BASE_MS, RETRY_MAX_MS);
      const t = process.hrtime.bigint();
      try {
        await insert();
        this.metrics.insertSeconds.inc(Number(process.hrtime.bigint() - t) / 1e9);
        return;
      } catch (e) {
        if (this.stopping) throw e;
        this.metrics.insertRetries.inc();
        this.log.warn(
          { err: (e as Error).message, retryInMs: delay },
          'ClickHouse insert failed; the batch stays in hand (nothing committed), retrying',
        );
        await sleep(delay);
      }
    }
  }

  private idle(): boolean {
    return [...this.parts.values()].every((p) => p.buf.length === 0 && p.raw.length === 0);
  }

  /** Lag per partition (the topic's end minus the group's committed offset); returns the total. */
  private async updateLag(): Promise<number> {
    let total = 0;
    for (const { topic, partition, lag } of await groupLag(this.admin, this.o.groupId, EVENT_TOPIC_NAMES)) {
      this.metrics.lag.set({ topic, partition }, lag);
      total += lag;
    }
    this.metrics.buffered.set([...this.parts.values()].reduce((n, p) => n + p.buf.length + p.raw.length, 0));
    return total;
  }
}
