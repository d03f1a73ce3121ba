// Crawler -> Kafka -> loader -> ClickHouse against a real broker and the real embedded
// engine: the loaded tables equal, row for row, what the same crawl's events give when
// stored directly; every message on every topic passes the published JSON Schemas; a
// loader killed between insert and commit leaves no duplicate; a poison message lands in
// the dead-letter topic and table while the loader goes on.
import type { ClickHouseClient } from '@clickhouse/client';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../cli/commands/demo.js';
import { EVENT_TYPES, schemaType, type EventType, type VucrawlEvent } from '../../extractor/events.js';
import { openStore, type Store } from '../../store/connect.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../../sinks/clickhouse/event-store.js';
import { TABLES } from '../../store/schema/event-tables.js';
import { applySchema } from '../../store/schema/migrations.js';
import { createKafka, kafkaOptions, type KafkaOptions } from '../../sinks/kafka/connect.js';
import { Loader, LOADER_DEFAULTS } from '../../sinks/kafka/loader.js';
import { DLQ_TOPIC, EVENT_TOPICS, EVENT_TOPIC_NAMES, eventTypeOfTopic } from '../../sinks/kafka/topics.js';
import { quietLog } from '../helpers/harness.js';
import { startBroker, type Broker } from '../../tools/kafka/broker.js';
import { readTopics } from './read-topics.js';

const work = mkdtempSync(path.join(tmpdir(), 'vucrawl-pipeline-'));
const outDir = path.join(work, 'out');
let broker: Broker;
let ko: KafkaOptions;
let store: Store;
let client: ClickHouseClient;
/** The crawl's events as its NDJSON files hold them. */
let events: VucrawlEvent[];

beforeAll(async () => {
  broker = await startBroker();
  ko = kafkaOptions({ brokers: broker.bootstrap })!;
  store = await openStore({ dataDir: path.join(work, 'store') });
  client = store.client;
  const run = await runDemo({}, outDir, quietLog, { kafka: ko });
  expect(run.spilled).toBe(0);
  events = EVENT_TYPES.flatMap((t) => ndjson(path.join(outDir, `${t}.ndjson`))) as VucrawlEvent[];
  expect(events.length).toBeGreaterThan(100);
});
afterAll(async () => {
  await store?.close();
  await broker?.stop();
  rmSync(work, { recursive: true, force: true });
});

function ndjson(file: string): unknown[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

async function loadUntilCaughtUp(db: string, groupId: string): Promise<Loader> {
  await applySchema(client, db);
  const loader = new Loader(
    createKafka(ko, quietLog),
    ko,
    client,
    { ...LOADER_DEFAULTS, db, groupId, untilCaughtUp: true, flushMs: 300 },
    quietLog,
  );
  await loader.run();
  return loader;
}

/** Rows per event table in a store another process filled, read through the CLI (chDB opens one folder per process). */
function storedCounts(data: string): Record<string, number> {
  const query = `SELECT ${Object.values(TABLES)
    .map((t) => `(SELECT count() FROM vucrawl.${t}) AS ${t}`)
    .join(', ')}`;
  const r = spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), 'sql', query, '--json', '--data', data], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return Object.fromEntries(
    Object.entries(JSON.parse(r.stdout) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]),
  );
}

const rows = async (query: string) =>
  (await client.query({ query, format: 'JSONEachRow' })).json<Record<string, unknown>>();
const countsByType = (evs: VucrawlEvent[]) =>
  Object.fromEntries(EVENT_TYPES.map((t) => [TABLES[t], evs.filter((e) => schemaType(e.schema) === t).length]));

describe('crawl -> Kafka -> loader -> ClickHouse', () => {
  it('fills the tables exactly as storing the same events directly does, row for row', async () => {
    await applySchema(client, 'direct');
    const direct = new ClickHouseEvents(
      client,
      { ...EVENT_STORE_DEFAULTS, db: 'direct', spillDir: path.join(work, 'spill') },
      quietLog,
    );
    await direct.write(events);
    await direct.close();
    const loader = await loadUntilCaughtUp('viakafka', 'pipeline-loader');
    expect(loader.loaded.events).toBe(events.length);
    for (const table of Object.values(TABLES)) {
      const viaKafka = await rows(`SELECT * FROM viakafka.${table} ORDER BY ALL`);
      expect(viaKafka, table).toEqual(await rows(`SELECT * FROM direct.${table} ORDER BY ALL`));
      expect(viaKafka.length, table).toBe(countsByType(events)[table]);
    }
    const rollup = (db: string) =>
      rows(
        `SELECT child_host, parent_host, cause, min(first_seen) f, max(last_seen) l, sum(observations) n FROM ${db}.host_pairs_by_child GROUP BY ALL ORDER BY ALL`,
      );
    expect(await rollup('viakafka')).toEqual(await rollup('direct'));
    // Lag is measured and exported: everything is loaded.
    expect(await loader.metrics.registry.metrics()).toMatch(
      /^vucrawl_loader_lag\{topic="vucrawl.host_pairs",partition="0"\} 0$/m,
    );
  });

  it('publishes messages a plain consumer validates against the published JSON Schemas, keyed as documented', async () => {
    const ajv = new Ajv({ allowUnionTypes: true });
    const validators = new Map(
      EVENT_TYPES.map((t) => [
        EVENT_TOPICS[t].topic,
        ajv.compile(JSON.parse(readFileSync(path.join('schemas', `${t}.schema.json`), 'utf8'))),
      ]),
    );
    const got = await readTopics(
      new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }),
      EVENT_TOPIC_NAMES,
      events.length,
    );
    expect(got).toHaveLength(events.length);
    for (const m of got) {
      const value = JSON.parse(m.value) as Record<string, unknown>;
      const validate = validators.get(m.topic)!;
      expect(validate(value), `${m.topic}@${m.offset}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      const keyField = EVENT_TOPICS[schemaType(value.schema as string) as EventType].key;
      expect(m.key).toBe(value[keyField] || null);
    }
    expect(got.map((m) => m.value).sort()).toEqual(events.map((e) => JSON.stringify(e)).sort());
  });

  it('a loader killed between insert and commit leaves no duplicate when it restarts', async () => {
    // Separate processes: the killed loader and its successor, on a store of their own.
    const data = path.join(work, 'killed-store');
    const run = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, [path.resolve(script), ...args], { encoding: 'utf8', timeout: 90_000 });
    const load = () =>
      run(
        'dist/cli/main.js',
        'load',
        '--kafka-brokers',
        broker.bootstrap,
        '--group',
        'killed-loader',
        '--until-caught-up',
        '--metrics',
        'off',
        '--log-level',
        'warn',
        '--data',
        data,
      );
    // The same loader with a hook that kills it between its first insert and that batch's commit.
    const killed = run('dist/test/kafka/dying-loader.js', broker.bootstrap, 'killed-loader', data);
    expect(killed.signal).toBe('SIGKILL');
    const counts = () => storedCounts(data);
    const afterKill = counts();
    // Something was inserted (and not committed) before the kill.
    expect(Object.values(afterKill).some((n) => n > 0)).toBe(true);
    const rerun = load();
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(counts()).toEqual(countsByType(events));
  });

  it('on SIGTERM loads and commits the batches in hand, then exits', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const a = srv.address() as AddressInfo;
        srv.close(() => resolve(a.port));
      });
    });
    const data = path.join(work, 'sigterm-store');
    const child = spawn(
      process.execPath,
      [
        path.resolve('dist/cli/main.js'),
        'load',
        '--kafka-brokers',
        broker.bootstrap,
        '--group',
        'sigterm-loader',
        '--metrics',
        `127.0.0.1:${port}`,
        '--data',
        data,
        '--log-level',
        'warn',
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until it holds messages it has read and not yet loaded (a batch waits up to 2 s).
    for (let inHand = false; !inHand; await new Promise((r) => setTimeout(r, 100))) {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
        (r) => r.text(),
        () => '',
      );
      inHand = /^vucrawl_loader_buffered [1-9]/m.test(text);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The tables hold exactly what the group committed: nothing read was left unloaded or loaded uncommitted.
    const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const committed: Record<string, number> = {};
    for (const t of await admin.fetchOffsets({ groupId: 'sigterm-loader', topics: EVENT_TOPIC_NAMES })) {
      const table = TABLES[eventTypeOfTopic(t.topic)!];
      committed[table] = t.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    }
    await admin.disconnect();
    const stored = storedCounts(data);
    expect(Object.values(stored).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(stored).toEqual(committed);
  });

  it('sends a poison message to the dead-letter topic and table, and goes on', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const pair = events.find((e) => e.schema === 'vucrawl.host_pair/4')!;
    const page = events.find((e) => e.schema === 'vucrawl.page/4')!;
    const good = { ...pair, capture_id: 'after-the-poison' };
    await producer.send({
      topic: EVENT_TOPICS.host_pair.topic,
      messages: [
        { key: 'p', value: 'this is not JSON' },
        { key: 'p', value: JSON.stringify({ ...pair, cause: 'telepathy' }) },
        { key: 'p', value: JSON.stringify(page) },
        { key: 'p', value: JSON.stringify(good) },
      ],
    });
    await producer.disconnect();
    const loader = await loadUntilCaughtUp('viakafka', 'pipeline-loader');
    expect(loader.loaded.deadLetters).toBe(3);
    expect(loader.loaded.events).toBe(1);
    expect(await rows("SELECT count() AS n FROM viakafka.host_pairs WHERE capture_id = 'after-the-poison'")).toEqual([
      { n: 1 },
    ]);
    const dead = await rows('SELECT stage, topic, reason, event FROM viakafka.dead_letters ORDER BY offset');
    expect(dead.map((d) => [d.stage, d.topic])).toEqual(Array(3).fill(['loader', 'vucrawl.host_pairs']));
    expect(dead[0]!.reason).toMatch(/^not JSON/);
    expect(dead[0]!.event).toBe('this is not JSON');
    expect(dead[1]!.reason).toMatch(/vucrawl\.host_pair\/4: \/cause must be equal to one of the allowed values/);
    expect(dead[2]!.reason).toBe('vucrawl.page/4 does not belong on topic vucrawl.host_pairs');
    const dlq = (await readTopics(kafka, [DLQ_TOPIC], 3))
      .map((m) => JSON.parse(m.value) as Record<string, unknown>)
      .sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(dlq.map((d) => [d.stage, d.topic, d.reason])).toEqual(dead.map((d) => [d.stage, d.topic, d.reason]));
    expect(dlq.every((d) => typeof d.offset === 'string' && d.partition !== undefined)).toBe(true);
  });
});

describe('the published schemas folder', () => {
  it('holds one schema per event type, besides the dead-letter and alert records', () => {
    const records = ['dead_letter.schema.json', 'alert.schema.json'];
    expect(
      readdirSync('schemas')
        .filter((f) => f.endsWith('.schema.json') && !records.includes(f))
        .sort(),
    ).toEqual(EVENT_TYPES.map((t) => `${t}.schema.json`).sort());
    expect(readdirSync('schemas')).toEqual(expect.arrayContaining(records));
  });
});
