// Store benchmark, embedded ClickHouse (chDB): ingest throughput of host-pair events
// through the same sink crawls use (validated events, batched, deduplication token), and
// pivot latency (p50/p95 of `pivot` on a host, both directions) at 1 and 10 million
// host-pair rows generated inside the engine (1 million distinct pairs, each seen again).
import type { ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { withEventId } from '../extractor/event-id.js';
import type { HostPairEvent } from '../extractor/events.js';
import { openStore } from '../store/connect.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS, tsvBody } from '../sinks/clickhouse/event-store.js';
import { COLUMNS } from '../store/schema/event-tables.js';
import { pivot } from '../store/queries/pivot.js';
import { applySchema } from '../store/schema/migrations.js';

export interface StoreBenchResult {
  ingestEvents: number;
  ingestSeconds: number;
  ingestEventsPerSecond: number;
  /** The engine alone parsing the same rows into a Null table: the ceiling for any sink here. */
  parseCeilingEventsPerSecond: number;
  pivots: { rows: number; p50Ms: number; p95Ms: number; queries: number }[];
}

const CAUSES = [
  'script.src',
  'img.src',
  'iframe.src',
  'xmlhttprequest',
  'link.href',
  'a.href',
  'redirect',
  'css.import',
];

/** The i-th generated host-pair event (deterministic). */
export function hostPair(i: number): HostPairEvent {
  return withEventId({
    schema: 'vucrawl.host_pair/4',
    event_id: '',
    tags: [],
    crawl_id: 'bench',
    capture_id: `cap-${Math.floor(i / 50)}`,
    page_url: `https://p${i % 50_000}.test/`,
    observed_at: 1_790_000_000_000 + i,
    profile: 'desktop-chrome-windows',
    comparison_id: null,
    parent_host: `p${i % 50_000}.test`,
    child_host: `c${(i * 7919) % 200_000}.test`,
    parent_site: `p${i % 50_000}.test`,
    child_site: `c${(i * 7919) % 200_000}.test`,
    cause: CAUSES[i % CAUSES.length] as HostPairEvent['cause'],
    parent_url: `https://p${i % 50_000}.test/`,
    child_url: `https://c${(i * 7919) % 200_000}.test/x.js`,
    source: 'network',
    tag: null,
    resource_type: 'script',
    initiator_type: 'parser',
    initiator_url: `https://p${i % 50_000}.test/`,
    frame_url: null,
  });
}

/** Generates host-pair rows inside the engine, same shape as the events above (1M distinct pairs). */
export function generateHostPairs(db: string, from: number, n: number): string {
  return `INSERT INTO ${db}.host_pairs (observed_at, crawl_id, capture_id, page_url, profile, parent_host, child_host, cause, parent_url, child_url, source,
    tag, resource_type, initiator_type, initiator_url, frame_url) SELECT toDateTime64(1790000000 + number / 1000, 3, 'UTC'), 'bench', concat('cap-', toString(intDiv(number, 50))),
    concat('https://p', toString(number % 50000), '.test/'), 'desktop-chrome-windows', concat('p', toString(k % 50000), '.test'),
    concat('c', toString(intHash32(k) % 200000), '.test'), ['${CAUSES.join("','")}'][k % ${CAUSES.length} + 1], '', '', 'network', NULL, 'script', 'parser', NULL, NULL
    FROM (SELECT number, number % 1000000 AS k FROM numbers(${from}, ${n}))`;
}

/** Seconds for the engine to parse the events' rows into a table that stores nothing. */
async function parseOnly(client: ClickHouseClient, batches: HostPairEvent[][]): Promise<number> {
  await client.command({ query: 'CREATE TABLE ingest.host_pairs_null AS ingest.host_pairs ENGINE = Null' });
  const bodies: string[] = [];
  for (let i = 0; i < batches.length; i += 5) bodies.push(tsvBody(batches.slice(i, i + 5).flat()));
  const t0 = process.hrtime.bigint();
  for (const body of bodies) {
    const r = await client.exec({
      query: `INSERT INTO ingest.host_pairs_null (${COLUMNS.host_pairs!.join(', ')}) FORMAT TabSeparated\n${body}\n`,
    });
    r.stream.destroy();
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function storeBench(ingestEvents = 500_000, sizes = [1_000_000, 10_000_000]): Promise<StoreBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-store-bench-'));
  const store = await openStore({ dataDir: dir });
  const log = pino({ level: 'warn' });
  try {
    await applySchema(store.client, 'ingest');
    const sink = new ClickHouseEvents(
      store.client,
      { ...EVENT_STORE_DEFAULTS, db: 'ingest', spillDir: path.join(dir, 'spill'), batchRows: 50_000 },
      log,
    );
    // Events are made before the clock starts: this measures the sink and the engine.
    const batches: HostPairEvent[][] = [];
    for (let i = 0; i < ingestEvents; i += 10_000)
      batches.push(Array.from({ length: Math.min(10_000, ingestEvents - i) }, (_, j) => hostPair(i + j)));
    const t0 = process.hrtime.bigint();
    for (const b of batches) await sink.write(b);
    await sink.close();
    const ingestSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (sink.spilled) throw new Error(`${sink.spilled} events spilled during the ingest bench`);
    const parseCeilingEventsPerSecond = ingestEvents / (await parseOnly(store.client, batches));

    await applySchema(store.client, 'pivots');
    const pivots: StoreBenchResult['pivots'] = [];
    let loaded = 0;
    for (const size of sizes) {
      for (; loaded < size; loaded += 1_000_000)
        await store.client.command({ query: generateHostPairs('pivots', loaded, Math.min(1_000_000, size - loaded)) });
      const times: number[] = [];
      for (let q = 0; q < 100; q++) {
        const host = q % 2 ? `c${(q * 7919) % 200_000}.test` : `p${(q * 131) % 50_000}.test`;
        const t = process.hrtime.bigint();
        await pivot(store.client, 'pivots', host, { limit: 100 });
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      times.sort((a, b) => a - b);
      pivots.push({ rows: size, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), queries: times.length });
    }
    return {
      ingestEvents,
      ingestSeconds,
      ingestEventsPerSecond: ingestEvents / ingestSeconds,
      parseCeilingEventsPerSecond,
      pivots,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
