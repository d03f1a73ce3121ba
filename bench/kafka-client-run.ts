// One client's run of the Kafka client comparison (kafka-clients-bench.ts starts one per
// client and repetition, each in its own process on the Node version the client needs, so
// that its CPU is its own): on topics the parent has just emptied, it publishes the same
// 500,000 host-pair events and 500,000 crawl targets, then reads them back four ways:
//   bare    a consumer that only counts (the limit any reader built on this client reaches);
//   loader  the loader's steps: each message parsed, validated and encoded as a row, per
//           partition batches of 50,000 rows (or what is left at the end), each batch
//           committed at its first offset with its boundary as metadata, inserted into
//           the embedded store with its deduplication token, committed past its end;
//           for kafkajs also the project's own Loader (sinks/kafka/loader.ts);
//   worker  the fleet worker's consumer: 16 partitions at a time, each target parsed and
//           tracked (partition-progress.ts), the lowest pending offset committed every second.
// kafkajs publishes through the project's own publisher, the others with the same settings.
// Every reader fetches with the loader's sizes (LOADER_FETCH). @platformatic/kafka commits
// no metadata: its loader run makes the same two commits without the boundary.
// Every phase is timed from connect (group join included) to its last message handled,
// with this process's CPU (user + system, from process.cpuUsage) over the same span.
// Usage: node kafka-client-run.js CLIENT BROKERS EVENTS WORKDIR; prints one JSON line.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { Kafka as KafkaJs } from 'kafkajs';
import { validateEvent } from '../sinks/validate.js';
import { insertBatch, tsvRowEncoder } from '../sinks/clickhouse/event-store.js';
import { createKafka, kafkaOptions, type KafkaOptions } from '../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS, LOADER_FETCH } from '../sinks/kafka/loader.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../sinks/kafka/publisher.js';
import { EVENT_TOPICS, eventMessage, type OutMessage } from '../sinks/kafka/topics.js';
import { TABLES } from '../store/schema/event-tables.js';
import { applySchema } from '../store/schema/migrations.js';
import { openStore } from '../store/connect.js';
import type { ClickHouseClient } from '@clickhouse/client';
import { PartitionProgress } from '../pipeline/fleet/partition-progress.js';
import { PARTITIONS_AT_ONCE } from '../pipeline/fleet/worker.js';
import { parseTargetMessage, targetMessage } from '../pipeline/fleet/target-message.js';
import { candidateDir, type ClientName, type ClientRun, type Phase } from './kafka-clients-bench.js';
import { hostPair } from './store-bench.js';

/** One fetched batch of one partition, as the patterns below see it whatever the client. */
interface ReadBatch {
  topic: string;
  partition: number;
  messages: { offset: string; value: Buffer | null }[];
}
interface CommitOffset {
  topic: string;
  partition: number;
  offset: string;
  metadata?: string;
}
interface Reader {
  commit(offsets: CommitOffset[]): Promise<void>;
  stop(): Promise<void>;
}
interface ReadOptions {
  topic: string;
  groupId: string;
  /** Partitions handled at the same time (kafkajs's partitionsConsumedConcurrently). */
  concurrency: number;
  /** A returned promise holds back this partition's reading until it settles (backpressure). */
  onBatch(b: ReadBatch): Promise<void> | undefined;
}
/** What the patterns need of a client. */
interface BenchClient {
  /** Sends in order with the publisher's settings (idempotent, acks from all replicas, gzip, batches of 5,000). */
  publish(messages: OutMessage[]): Promise<void>;
  /** Joins a new group, reads the topic from the beginning and hands over every batch. */
  read(o: ReadOptions): Promise<Reader>;
  /** Whether commit() keeps the metadata. */
  commitMetadata: boolean;
  close(): Promise<void>;
}

const PUBLISH_BATCH = PUBLISHER_DEFAULTS.batchMessages;
const CLIENT_ID = 'vucrawl-bench';

function kafkajsClient(kafka: KafkaJs, ko: KafkaOptions, spillDir: string): BenchClient {
  const log = pino({ level: 'warn' });
  return {
    commitMetadata: true,
    // The project's own publisher, with its defaults.
    async publish(messages) {
      const publisher = new KafkaPublisher(kafka, ko, { ...PUBLISHER_DEFAULTS, spillDir }, log);
      for (let i = 0; i < messages.length; i += 10_000) await publisher.publish(messages.slice(i, i + 10_000));
      await publisher.close();
      if (publisher.spilled) throw new Error(`${publisher.spilled} messages spilled`);
    },
    async read(o) {
      const consumer = kafka.consumer({ ...LOADER_FETCH, groupId: o.groupId });
      await consumer.connect();
      await consumer.subscribe({ topic: o.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: o.concurrency,
        eachBatch: async ({ batch }) => o.onBatch(batch),
      });
      return { commit: (offsets) => consumer.commitOffsets(offsets), stop: () => consumer.disconnect() };
    },
    close: async () => undefined,
  };
}

/** The subset of @confluentinc/kafka-javascript's KafkaJS-compatible API used here. */
interface ConfluentModule {
  KafkaJS: {
    Kafka: new (config: {
      kafkaJS: { brokers: string[]; clientId: string; logLevel: number };
    }) => {
      producer(config: Record<string, unknown>): {
        connect(): Promise<void>;
        send(r: { topic: string; messages: { key: string | null; value: string }[] }): Promise<unknown>;
        disconnect(): Promise<void>;
      };
      consumer(config: Record<string, unknown>): {
        connect(): Promise<void>;
        subscribe(s: { topics: string[] }): Promise<void>;
        run(r: Record<string, unknown>): Promise<void>;
        commitOffsets(o: CommitOffset[]): Promise<void>;
        disconnect(): Promise<void>;
      };
    };
    logLevel: { ERROR: number };
  };
}

async function confluentClient(brokers: string[]): Promise<BenchClient> {
  const require = createRequire(path.join(candidateDir('confluent'), 'package.json'));
  const { KafkaJS } = require('@confluentinc/kafka-javascript') as ConfluentModule;
  const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers, clientId: CLIENT_ID, logLevel: KafkaJS.logLevel.ERROR } });
  return {
    commitMetadata: true,
    async publish(messages) {
      const producer = kafka.producer({
        kafkaJS: { idempotent: true, acks: -1, compression: 'gzip' },
        'linger.ms': PUBLISHER_DEFAULTS.lingerMs,
        'batch.num.messages': PUBLISH_BATCH,
      });
      await producer.connect();
      for (let i = 0; i < messages.length; i += PUBLISH_BATCH) {
        const batch = messages.slice(i, i + PUBLISH_BATCH);
        await producer.send({ topic: batch[0]!.topic, messages: batch.map(({ key, value }) => ({ key, value })) });
      }
      await producer.disconnect();
    },
    async read(o) {
      const consumer = kafka.consumer({
        kafkaJS: {
          groupId: o.groupId,
          fromBeginning: true,
          autoCommit: false,
          maxBytesPerPartition: LOADER_FETCH.maxBytesPerPartition,
          maxBytes: LOADER_FETCH.maxBytes,
          maxWaitTimeInMs: LOADER_FETCH.maxWaitTimeInMs,
        },
        // Its default hands eachBatch 32 messages at a time.
        'js.consumer.max.batch.size': -1,
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [o.topic] });
      await consumer.run({
        partitionsConsumedConcurrently: o.concurrency,
        eachBatch: async ({ batch }: { batch: ReadBatch }) => o.onBatch(batch),
      });
      return { commit: (offsets) => consumer.commitOffsets(offsets), stop: () => consumer.disconnect() };
    },
    close: async () => undefined,
  };
}

/** The subset of @platformatic/kafka's API used here. */
interface PlatformaticModule {
  Producer: new (
    o: Record<string, unknown>,
  ) => {
    send(r: { messages: { topic: string; key?: string; value: string }[] }): Promise<unknown>;
    close(): Promise<void>;
  };
  Consumer: new (
    o: Record<string, unknown>,
  ) => {
    consume(o: Record<string, unknown>): Promise<
      NodeJS.EventEmitter & {
        pause(): void;
        resume(): void;
        close(): Promise<void>;
      }
    >;
    commit(o: { offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number }[] }): Promise<void>;
    close(force?: boolean): Promise<void>;
  };
  stringSerializers: unknown;
}
interface PlatformaticMessage {
  topic: string;
  partition: number;
  offset: bigint;
  value: Buffer | null;
}

async function platformaticClient(brokers: string[]): Promise<BenchClient> {
  const require = createRequire(path.join(candidateDir('platformatic'), 'package.json'));
  const k = (await import(pathToFileURL(require.resolve('@platformatic/kafka')).href)) as PlatformaticModule;
  const base = { clientId: CLIENT_ID, bootstrapBrokers: brokers };
  return {
    // Its commit() sends no metadata (the protocol's field is there, its client sets it to null).
    commitMetadata: false,
    async publish(messages) {
      const producer = new k.Producer({
        ...base,
        idempotent: true,
        acks: -1,
        compression: 'gzip',
        serializers: k.stringSerializers,
      });
      for (let i = 0; i < messages.length; i += PUBLISH_BATCH)
        await producer.send({
          messages: messages
            .slice(i, i + PUBLISH_BATCH)
            .map(({ topic, key, value }) => ({ topic, key: key ?? undefined, value })),
        });
      await producer.close();
    },
    async read(o) {
      const consumer = new k.Consumer({ ...base, groupId: o.groupId });
      const stream = await consumer.consume({
        topics: [o.topic],
        mode: 'committed',
        fallbackMode: 'earliest',
        autocommit: false,
        maxBytesPerPartition: LOADER_FETCH.maxBytesPerPartition,
        maxBytes: LOADER_FETCH.maxBytes,
        maxWaitTime: LOADER_FETCH.maxWaitTimeInMs,
      });
      // It hands over one message at a time: a batch of one.
      stream.on('data', (m: PlatformaticMessage) => {
        const held = o.onBatch({
          topic: m.topic,
          partition: m.partition,
          messages: [{ offset: String(m.offset), value: m.value }],
        });
        if (held) {
          stream.pause();
          void held.finally(() => stream.resume());
        }
      });
      return {
        commit: (offsets) =>
          consumer.commit({
            offsets: offsets.map((c) => ({ ...c, offset: BigInt(c.offset), leaderEpoch: -1 })),
          }),
        stop: async () => {
          await stream.close();
          await consumer.close(true);
        },
      };
    },
    close: async () => undefined,
  };
}

/** Times fn over its span: wall seconds and this process's CPU seconds. */
async function timed(events: number, fn: () => Promise<void>): Promise<Phase> {
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu);
  return { events, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Reads until `n` messages were handled; the phase ends there (leaving the group is not timed). */
async function readUntil(client: BenchClient, o: Omit<ReadOptions, 'onBatch'>, n: number, handle: HandleFn) {
  let reader: Reader | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((r) => {
    finish = r;
  });
  const phase = await timed(n, async () => {
    reader = await client.read({ ...o, onBatch: (b) => handle(b, reader!, finish) });
    await finished;
  });
  await reader!.stop();
  return phase;
}
type HandleFn = (b: ReadBatch, reader: Reader, finish: () => void) => Promise<void> | undefined;

function bare(client: BenchClient, topic: string, n: number): Promise<Phase> {
  let got = 0;
  return readUntil(
    client,
    { topic, groupId: `bare-${Date.now()}`, concurrency: LOADER_DEFAULTS.concurrency },
    n,
    (b, _, finish) => {
      got += b.messages.length;
      if (got >= n) finish();
      return undefined;
    },
  );
}

/** The loader's steps (see the header), per partition, with this client. */
function loaderPattern(client: BenchClient, store: ClickHouseClient, db: string, n: number): Promise<Phase> {
  const topic = EVENT_TOPICS.host_pair.topic;
  const table = TABLES.host_pair;
  const encode = tsvRowEncoder(table);
  const parts = new Map<number, { rows: string[]; first?: string; last?: string; chain: Promise<void> }>();
  let read = 0;
  let loaded = 0;
  const cut = (partition: number, reader: Reader, finish: () => void) => {
    const p = parts.get(partition)!;
    if (!p.rows.length) return;
    const { rows, first, last } = { ...p, first: p.first!, last: p.last! };
    p.rows = [];
    p.first = undefined;
    p.chain = p.chain.then(async () => {
      await reader.commit([{ topic, partition, offset: first, metadata: `vucrawl-pending-end=${last}` }]);
      await insertBatch(
        store,
        { db, retries: 3, retryBaseMs: 250 },
        table,
        rows.join('\n'),
        `${topic}-${partition}-${first}-${last}`,
        'TabSeparated',
      );
      await reader.commit([{ topic, partition, offset: String(BigInt(last) + 1n) }]);
      loaded += rows.length;
      if (loaded >= n) finish();
    });
  };
  return readUntil(
    client,
    { topic, groupId: `loader-${Date.now()}`, concurrency: LOADER_DEFAULTS.concurrency },
    n,
    (b, reader, finish) => {
      let p = parts.get(b.partition);
      if (!p) parts.set(b.partition, (p = { rows: [], chain: Promise.resolve() }));
      for (const m of b.messages) {
        const v = validateEvent(JSON.parse(m.value!.toString('utf8')));
        if (!v.ok) throw new Error(`invalid event at ${b.partition}/${m.offset}: ${v.reason}`);
        p.rows.push(encode(v.event));
        p.first ??= m.offset;
        p.last = m.offset;
      }
      read += b.messages.length;
      if (read >= n) for (const partition of parts.keys()) cut(partition, reader, finish);
      else if (p.rows.length >= LOADER_DEFAULTS.batchRows) {
        cut(b.partition, reader, finish);
        // Do not read far ahead of the store.
        return p.chain;
      }
      return undefined;
    },
  );
}

/** The fleet worker's consumer (see the header), without the crawl. */
function workerPattern(client: BenchClient, topic: string, n: number): Promise<Phase> {
  const progress = new Map<number, PartitionProgress>();
  let handled = 0;
  let timer: NodeJS.Timeout | undefined;
  const commit = (reader: Reader) =>
    reader.commit(
      [...progress].flatMap(([partition, p]) => {
        const offset = p.toCommit();
        return offset === undefined ? [] : [{ topic, partition, offset }];
      }),
    );
  return readUntil(
    client,
    { topic, groupId: `worker-${Date.now()}`, concurrency: PARTITIONS_AT_ONCE },
    n,
    (b, reader, finish) => {
      timer ??= setInterval(() => void commit(reader), 1_000);
      let p = progress.get(b.partition);
      if (!p) progress.set(b.partition, (p = new PartitionProgress()));
      for (const m of b.messages) {
        p.read(m.offset);
        if (typeof parseTargetMessage(m.value!.toString('utf8')) === 'string')
          throw new Error(`not a target at ${b.partition}/${m.offset}`);
        p.done(m.offset);
      }
      handled += b.messages.length;
      if (handled < n) return undefined;
      clearInterval(timer);
      return commit(reader).then(finish);
    },
  );
}

/** The bench's crawl targets: one seed URL each, across 5,000 sites (as many keys as partitions need). */
function targets(n: number): OutMessage[] {
  return Array.from({ length: n }, (_, i) => {
    const url = `https://s${i % 5_000}.test/page/${i}`;
    return targetMessage(
      { url, depth: 0, seedUrl: url, maxDepth: 1, priority: 0, crawlId: 'bench', tags: [], attempt: 0 },
      1_790_000_000_000,
    );
  });
}

async function main(): Promise<void> {
  const [client, brokerList, eventsArg, workDir] = process.argv.slice(2) as [ClientName, string, string, string];
  const n = Number(eventsArg);
  const brokers = brokerList.split(',');
  const log = pino({ level: 'warn' });
  const ko = kafkaOptions({ brokers: brokerList, clientId: CLIENT_ID })!;
  const kafka = createKafka(ko, log);
  const c =
    client === 'kafkajs'
      ? kafkajsClient(kafka, ko, path.join(workDir, 'spill'))
      : client === 'confluent'
        ? await confluentClient(brokers)
        : await platformaticClient(brokers);
  const events = Array.from({ length: n }, (_, i) => eventMessage(hostPair(i)));
  const publish = await timed(n, () => c.publish(events));
  const publishTargets = await timed(n, () => c.publish(targets(n)));
  const bareRead = await bare(c, EVENT_TOPICS.host_pair.topic, n);
  const store = await openStore({ dataDir: path.join(workDir, 'store') });
  let loader: Phase;
  let realLoader: Phase | undefined;
  try {
    await applySchema(store.client, 'bench');
    loader = await loaderPattern(c, store.client, 'bench', n);
    if (client === 'kafkajs') {
      // Its own database: the same batches would carry the same deduplication tokens.
      await applySchema(store.client, 'bench_own');
      realLoader = await ownLoader(kafka, ko, store.client, n);
    }
  } finally {
    await store.close();
  }
  const worker = await workerPattern(c, 'vucrawl.targets', n);
  await c.close();
  const run: ClientRun = {
    client,
    node: process.version,
    publish,
    publishTargets,
    bare: bareRead,
    loader,
    realLoader,
    worker,
    commitMetadata: c.commitMetadata,
  };
  console.log(JSON.stringify(run));
}

/** The project's Loader, timed like kafka-bench.ts: from its start to the last event stored. */
async function ownLoader(kafka: KafkaJs, ko: KafkaOptions, store: ClickHouseClient, n: number): Promise<Phase> {
  const log = pino({ level: 'warn' });
  const loader = new Loader(
    kafka,
    ko,
    store,
    { ...LOADER_DEFAULTS, db: 'bench_own', groupId: `own-loader-${Date.now()}`, untilCaughtUp: true },
    log,
  );
  let running!: Promise<void>;
  const phase = await timed(n, async () => {
    running = loader.run();
    await new Promise<void>((stored) => {
      const poll = setInterval(() => {
        if (loader.loaded.events < n) return;
        clearInterval(poll);
        stored();
      }, 5);
    });
  });
  await running;
  if (loader.loaded.events !== n) throw new Error(`the loader loaded ${loader.loaded.events} of ${n} events`);
  return phase;
}

await main();
