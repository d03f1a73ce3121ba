// The API under load, as a SOAR playbook uses it (one enrichment per alert): a store of N
// host pairs built inside the engine (many parent sites with about 20 children each, the
// children heavy-tailed: a few hosts every site loads, a long tail loaded once), with the
// pages, trackers, IPs and certificates the indicator document reads; a real `vucrawl
// serve` child process on it, rate limit raised; C keep-alive clients, each sending its
// next request when its last one answered, for S seconds per endpoint, the values drawn
// from a fixed pool of stored hosts and misses (so values repeat, as alerts do). Optionally
// a crawl writing at the same time: a batch of host pairs every so often through the
// server's own insert route, the way a crawl writes while the server holds its store.
// The clients run in this process, on the same cores as the server: their CPU is the server's loss.
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ANSWER_CACHE_HEADER } from '../server/app.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../sinks/clickhouse/event-store.js';
import { servedInserter } from '../sinks/clickhouse/served-store.js';
import { openStore, type OwnerServer } from '../store/connect.js';
import { applySchema, LOOKUP_INDEXES, lookupIndex } from '../store/schema/migrations.js';
import { processCpuSeconds, processRss } from './proc-tree.js';
import { startServe, timing, type Timing } from './serve-bench.js';
import { hostPair } from './store-bench.js';

export const API_ENDPOINTS = {
  indicator: (v: string) => `/api/v1/indicator/${encodeURIComponent(v)}`,
  pairs: (v: string) => `/api/v1/hosts/${encodeURIComponent(v)}/pairs`,
} as const;
export type ApiEndpoint = keyof typeof API_ENDPOINTS;

export interface ApiLoadOptions {
  /** `dist/cli/main.js`. */
  cli: string;
  /** Host-pair rows in the store. */
  pairs: number;
  clients: number;
  /** Per endpoint. */
  seconds: number;
  /** Distinct values the clients draw from (uniformly): alerts repeat their indicators. */
  values: number;
  /** The store, kept between runs and rebuilt only for another size (building 10 million rows takes minutes). */
  dataDir: string;
  endpoints: ApiEndpoint[];
  /** A crawl writing meanwhile: a batch of `writeRows` host pairs through the server every this many ms (0: none). */
  writeEveryMs: number;
  writeRows: number;
  /** More flags for `vucrawl serve` (an ablation). */
  serveArgs: string[];
  /** The lookup indexes of migration 13 built (or dropped: an ablation). */
  indexes: boolean;
}

export const API_LOAD_DEFAULTS: Omit<ApiLoadOptions, 'cli' | 'dataDir'> = {
  pairs: 10_000_000,
  clients: 50,
  seconds: 60,
  values: 10_000,
  endpoints: ['indicator', 'pairs'],
  writeEveryMs: 0,
  writeRows: 2_000,
  serveArgs: [],
  indexes: true,
};

/** --quick: the same run, small enough for a minute. */
export const API_LOAD_QUICK: Partial<ApiLoadOptions> = { pairs: 200_000, clients: 20, seconds: 10, values: 2_000 };

export interface EndpointResult {
  endpoint: ApiEndpoint;
  requests: number;
  requestsPerSecond: number;
  latency: Timing;
  errors: number;
  /** Requests whose value had been asked before in this run (what an answer cache can serve at best). */
  repeatShare: number;
  /** Requests the server answered from its answer cache. */
  cacheHitShare: number;
  /** The server's RSS, MiB: at the start, the peak, at the end; and one sample a second. */
  rssMiB: { start: number; peak: number; end: number; samples: number[] };
  /** The server's CPU time per request, ms (less noisy than latency on a shared machine). */
  serverCpuMsPerRequest: number;
  /** Batches the concurrent writer stored during the run. */
  batchesWritten: number;
}

/** Lookups by key per second in the engine itself: one at a time and `concurrency` at once, values as parameters and inline. */
export interface EngineProbe {
  concurrency: number;
  parameters: { sequential: number; concurrent: number };
  inline: { sequential: number; concurrent: number };
}

export interface ApiLoadResult {
  pairs: number;
  clients: number;
  seconds: number;
  values: number;
  buildSeconds: number | null;
  writeEveryMs: number;
  serveArgs: string[];
  indexes: boolean;
  engine: EngineProbe;
  endpoints: EndpointResult[];
}

const DB = 'vucrawl';
/** The tables the bench fills, and the rollups fed from them. */
const ROLLED_UP = ['host_pairs', 'pages', 'trackers', 'host_ips', 'certificates'];
const ROLLUPS = [
  'host_pairs_by_child',
  'host_pairs_by_parent',
  'tracker_rollup',
  'host_ip_rollup',
  'certificate_rollup',
];
const CAUSES = ['script.src', 'img.src', 'iframe.src', 'xmlhttprequest', 'link.href', 'a.href', 'redirect'];

/** Store shape for N pairs: parent sites (about 20 pairs each) and the child pool the heavy tail is drawn from. */
const shape = (pairs: number) => ({ parents: Math.max(1, Math.floor(pairs / 20)), children: Math.max(2, pairs / 10) });

/** A deterministic number in [0, 1) from a row number and a salt (SQL). */
const unit = (salt: number) => `(intHash64(number + ${salt * 1_000_000_007}) % 1000000007) / 1000000007`;
/** The child of a row: log-uniform over the pool, so child k is about 1/k as frequent as child 1 (SQL). */
const childOf = (children: number) => `toUInt64(floor(exp(${unit(1)} * log(${children}))))`;
const timeOf = (salt: number) =>
  `toDateTime64(1790000000 + toUInt32(${unit(salt)} * 2592000) + number % 1000 / 1000, 3, 'UTC')`;

/** INSERT ... SELECT statements that fill the store with `pairs` host pairs and what the indicator document reads. */
export function storeStatements(pairs: number): string[] {
  const { parents, children } = shape(pairs);
  const chunk = 1_000_000;
  const hostPairs: string[] = [];
  for (let from = 0; from < pairs; from += chunk)
    hostPairs.push(`INSERT INTO ${DB}.host_pairs (observed_at, crawl_id, capture_id, page_url, profile, parent_host, child_host, parent_site, child_site,
      cause, parent_url, child_url, source, resource_type, initiator_type)
      SELECT ${timeOf(2)}, 'bench', concat('cap-', toString(number % ${parents})), concat('https://p', toString(number % ${parents}), '.test/'),
        'desktop-chrome-windows', concat('p', toString(number % ${parents}), '.test'), concat('c', toString(${childOf(children)}), '.test'),
        concat('p', toString(number % ${parents}), '.test'), concat('c', toString(${childOf(children)}), '.test'),
        ['${CAUSES.join("','")}'][number % ${CAUSES.length} + 1], concat('https://p', toString(number % ${parents}), '.test/'),
        concat('https://c', toString(${childOf(children)}), '.test/x.js'), 'network', 'script', 'parser'
      FROM numbers(${from}, ${Math.min(chunk, pairs - from)})`);
  // Each parent visited once, a quarter of them again; a tracker on half; an IP and a certificate each (children get IPs too).
  const visits = Math.floor(parents * 1.25);
  return [
    ...hostPairs,
    `INSERT INTO ${DB}.pages (observed_at, crawl_id, capture_id, page_url, profile, url, final_url, host, site, depth, seed_url, status, outcome, title, requests, frames)
      SELECT ${timeOf(3)}, 'bench', concat('cap-', toString(number % ${parents})), concat('https://p', toString(number % ${parents}), '.test/'),
        'desktop-chrome-windows', concat('https://p', toString(number % ${parents}), '.test/'), concat('https://p', toString(number % ${parents}), '.test/'),
        concat('p', toString(number % ${parents}), '.test'), concat('p', toString(number % ${parents}), '.test'), 0,
        concat('https://p', toString(number % ${parents}), '.test/'), 200, 'ok', concat('Site ', toString(number % ${parents})), 40, 2
      FROM numbers(${visits})`,
    `INSERT INTO ${DB}.trackers (observed_at, crawl_id, capture_id, page_url, profile, host, site, type, value, source, \`where\`)
      SELECT ${timeOf(4)}, 'bench', concat('cap-', toString(number * 2)), concat('https://p', toString(number * 2), '.test/'), 'desktop-chrome-windows',
        concat('p', toString(number * 2), '.test'), concat('p', toString(number * 2), '.test'), 'google-analytics',
        concat('G-', toString(number % ${Math.max(1, Math.floor(parents / 10))})), 'script', 'https://www.googletagmanager.com/gtag/js'
      FROM numbers(${Math.ceil(parents / 2)})`,
    `INSERT INTO ${DB}.host_ips (observed_at, crawl_id, capture_id, page_url, profile, host, ip, port)
      SELECT ${timeOf(5)}, 'bench', concat('cap-', toString(number % ${parents})), concat('https://p', toString(number % ${parents}), '.test/'),
        'desktop-chrome-windows', if(number < ${parents}, concat('p', toString(number), '.test'), concat('c', toString(number - ${parents} + 1), '.test')),
        IPv4NumToString(toUInt32(167772160 + number % 65536 * 97)), 443
      FROM numbers(${parents + Math.floor(children)})`,
    `INSERT INTO ${DB}.certificates (observed_at, crawl_id, capture_id, page_url, profile, host, sha256, subject, issuer, san, valid_from, valid_to, protocol)
      SELECT ${timeOf(6)}, 'bench', concat('cap-', toString(number)), concat('https://p', toString(number), '.test/'), 'desktop-chrome-windows',
        concat('p', toString(number), '.test'), lower(hex(SHA256(toString(number)))), concat('CN=p', toString(number), '.test'), 'CN=Bench CA',
        [concat('p', toString(number), '.test')], toDateTime64('2026-01-01 00:00:00', 3, 'UTC'), toDateTime64('2027-01-01 00:00:00', 3, 'UTC'), 'TLS 1.3'
      FROM numbers(${parents})`,
  ];
}

/** The pool of values clients look up: parents and children of the store (45% each) and hosts it never saw (10%). */
export function valuePool(pairs: number, n: number): string[] {
  const { parents, children } = shape(pairs);
  // A small deterministic generator: the same pool for every run at a size.
  let seed = 0x9e3779b9;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  return Array.from({ length: n }, (_, i) => {
    const r = rand();
    if (r < 0.45) return `p${Math.floor(rand() * parents)}.test`;
    if (r < 0.9) return `c${Math.floor(Math.exp(rand() * Math.log(children)))}.test`;
    return `nx${i}.test`;
  });
}

/**
 * The store for `pairs` pairs in dataDir, built unless a finished one of that size is there,
 * at the current schema, with the lookup indexes (migration 13) built or dropped: the
 * indexes' ablation. Returns the seconds spent building, or null.
 */
export async function prepareStore(dataDir: string, pairs: number, indexes: boolean): Promise<number | null> {
  const marker = path.join(dataDir, 'api-load-bench.json');
  const built = existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { pairs: number }).pairs === pairs;
  if (!built && existsSync(path.join(dataDir, 'metadata')) && !existsSync(marker))
    throw new Error(`${dataDir} holds a store that this bench did not build: give another --data`);
  const t0 = process.hrtime.bigint();
  const store = await openStore({ dataDir });
  try {
    await applySchema(store.client, DB);
    if (!built) {
      for (const table of [...ROLLED_UP, ...ROLLUPS])
        await store.client.command({ query: `TRUNCATE TABLE IF EXISTS ${DB}.${table}` });
      for (const query of storeStatements(pairs)) await store.client.command({ query });
      writeFileSync(marker, JSON.stringify({ pairs }));
    }
    for (const [table, column] of LOOKUP_INDEXES)
      await store.client.command({
        query: indexes
          ? `ALTER TABLE ${DB}.${table} ADD INDEX IF NOT EXISTS ${lookupIndex(column)} ${column} TYPE bloom_filter(0.01) GRANULARITY 1`
          : `ALTER TABLE ${DB}.${table} DROP INDEX IF EXISTS ${lookupIndex(column)}`,
      });
    if (indexes)
      for (const [table, column] of LOOKUP_INDEXES)
        await store.client.command({
          query: `ALTER TABLE ${DB}.${table} MATERIALIZE INDEX ${lookupIndex(column)} SETTINGS mutations_sync = 1`,
        });
  } finally {
    await store.close();
  }
  return built ? null : Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Whether the embedded engine runs queries side by side: the same small lookup (a parent's
 * children, by the rollup's key) one at a time and `concurrency` at once, with the value as a
 * query parameter (as vucrawl sends every value) and inline in the SQL text (safe here: the
 * pool's hosts are [a-z0-9.] only). chdb-node runs parameterized queries one at a time for
 * the whole process (a guard around the engine's parameter state); others may overlap.
 */
async function engineProbe(dataDir: string, pool: string[], concurrency: number, n = 300): Promise<EngineProbe> {
  const store = await openStore({ dataDir });
  const sql = `SELECT count() AS n FROM ${DB}.host_pairs_by_parent WHERE parent_host = `;
  const perSecond = async (inline: boolean, at: number) => {
    let next = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: at }, async () => {
        for (let i = next++; i < n; i = next++) {
          const host = pool[i % pool.length]!;
          if (!/^[a-z0-9.]+$/.test(host)) throw new Error(`not inlined: ${host}`);
          const r = inline
            ? await store.client.query({ query: `${sql}'${host}'`, format: 'JSONEachRow' })
            : await store.client.query({ query: `${sql}{h:String}`, query_params: { h: host }, format: 'JSONEachRow' });
          await r.json();
        }
      }),
    );
    return n / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  try {
    await perSecond(false, 1);
    return {
      concurrency,
      parameters: { sequential: await perSecond(false, 1), concurrent: await perSecond(false, concurrency) },
      inline: { sequential: await perSecond(true, 1), concurrent: await perSecond(true, concurrency) },
    };
  } finally {
    await store.close();
  }
}

/** One GET: its duration, status (0: no answer) and whether the server's answer cache had it. */
export function timedRequest(
  url: string,
  agent: http.Agent,
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ ms: number; status: number; cached: boolean }> {
  return new Promise((resolve) => {
    const t = process.hrtime.bigint();
    const done = (status: number, cached = false) =>
      resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, status, cached });
    http
      .get(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0, res.headers[ANSWER_CACHE_HEADER] === 'hit'));
        res.on('error', () => done(0));
      })
      .on('error', () => done(0));
  });
}

/** The concurrent crawl: batches of host-pair events through the server's insert route, as a crawl's sink sends them. */
function startWriter(server: OwnerServer, everyMs: number, rows: number): () => Promise<number> {
  const spillDir = mkdtempSync(path.join(tmpdir(), 'vucrawl-api-load-spill-'));
  const sink = new ClickHouseEvents(
    servedInserter(server, EVENT_STORE_DEFAULTS),
    { ...EVENT_STORE_DEFAULTS, spillDir, batchRows: rows },
    pino({ level: 'silent' }),
  );
  let batches = 0;
  let next = 50_000_000;
  let writing = Promise.resolve();
  const timer = setInterval(() => {
    const events = Array.from({ length: rows }, () => hostPair(next++));
    writing = writing.then(async () => {
      await sink.write(events);
      await sink.flush();
      batches++;
    });
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await writing;
    await sink.close();
    rmSync(spillDir, { recursive: true, force: true });
    if (sink.spilled) throw new Error(`the concurrent writer could not store ${sink.spilled} events`);
    return batches;
  };
}

async function drive(
  base: string,
  endpoint: ApiEndpoint,
  pool: string[],
  o: ApiLoadOptions,
  server: { pid: number; owner: OwnerServer },
): Promise<EndpointResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const ms: number[] = [];
  const asked = new Set<string>();
  let errors = 0;
  let repeats = 0;
  let hits = 0;
  const rss = () => Math.round((processRss(server.pid) ?? 0) / 2 ** 20);
  const samples = [rss()];
  const cpu0 = processCpuSeconds(server.pid) ?? 0;
  const sampler = setInterval(() => samples.push(rss()), 1000);
  const stopWriter = o.writeEveryMs > 0 ? startWriter(server.owner, o.writeEveryMs, o.writeRows) : undefined;
  const t0 = Date.now();
  const end = t0 + o.seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: o.clients }, async () => {
        while (Date.now() < end) {
          const value = pool[Math.floor(Math.random() * pool.length)]!;
          if (asked.has(value)) repeats++;
          else asked.add(value);
          const r = await timedRequest(`${base}${API_ENDPOINTS[endpoint](value)}`, agent);
          ms.push(r.ms);
          if (r.status !== 200) errors++;
          if (r.cached) hits++;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
  const seconds = (Date.now() - t0) / 1000;
  const cpu = (processCpuSeconds(server.pid) ?? cpu0) - cpu0;
  const batchesWritten = (await stopWriter?.()) ?? 0;
  samples.push(rss());
  return {
    endpoint,
    requests: ms.length,
    requestsPerSecond: ms.length / seconds,
    latency: timing(ms),
    errors,
    repeatShare: repeats / Math.max(1, ms.length),
    cacheHitShare: hits / Math.max(1, ms.length),
    serverCpuMsPerRequest: (1000 * cpu) / Math.max(1, ms.length),
    rssMiB: { start: samples[0]!, peak: Math.max(...samples), end: samples.at(-1)!, samples },
    batchesWritten,
  };
}

export async function apiLoadBench(o: ApiLoadOptions): Promise<ApiLoadResult> {
  const buildSeconds = await prepareStore(o.dataDir, o.pairs, o.indexes);
  const pool = valuePool(o.pairs, o.values);
  const engine = await engineProbe(o.dataDir, pool, o.clients);
  const crawlDir = mkdtempSync(path.join(tmpdir(), 'vucrawl-api-load-crawls-'));
  const server = await startServe(o.cli, o.dataDir, [
    '--crawl-dir',
    crawlDir,
    '--rate-limit',
    String(Math.max(1_000_000, o.clients * 100_000)),
    ...o.serveArgs,
  ]);
  try {
    // A warm-up at one client, so the first seconds of the run do not measure the page cache filling.
    const warm = new http.Agent({ keepAlive: true });
    for (const v of pool.slice(0, 20))
      for (const e of o.endpoints) await timedRequest(`${server.url}${API_ENDPOINTS[e](v)}`, warm);
    warm.destroy();
    const endpoints: EndpointResult[] = [];
    for (const e of o.endpoints)
      endpoints.push(
        await drive(server.url, e, pool, o, { pid: server.pid, owner: { url: server.url, token: server.token } }),
      );
    return {
      pairs: o.pairs,
      clients: o.clients,
      seconds: o.seconds,
      values: o.values,
      buildSeconds,
      writeEveryMs: o.writeEveryMs,
      serveArgs: o.serveArgs,
      indexes: o.indexes,
      engine,
      endpoints,
    };
  } finally {
    await server.stop();
    rmSync(crawlDir, { recursive: true, force: true });
  }
}
