// Validated events into ClickHouse. Rows are batched per table and inserted when a batch
// reaches batchRows or every flushMs; write() waits for a full batch's insert, which is
// the backpressure the crawler feels. An insert is retried with exponential backoff; if
// the database stays unreachable the batch is spilled to an NDJSON file and `vucrawl
// replay` loads it later. Every batch carries insert_deduplication_token = SHA-256 of its
// rows, so a retry, or a replay of a batch that had in fact landed, is dropped by
// ClickHouse: each event is stored exactly once.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { EVENT_SCHEMAS, EVENT_TYPES, schemaType, type EventType, type VucrawlEvent } from '../../extractor/events.js';
import type { Sink } from '../sink.js';

export const TABLES: Record<EventType, string> = {
  page: 'pages', host_pair: 'host_pairs', tracker: 'trackers', resource: 'resources',
  cookie: 'cookies', host_ip: 'host_ips', certificate: 'certificates',
};

export interface EventStoreOptions {
  db: string;
  batchRows: number;
  flushMs: number;
  retries: number;
  retryBaseMs: number;
  /** Where batches go when the database stays unreachable. */
  spillDir: string;
}

export const EVENT_STORE_DEFAULTS: Omit<EventStoreOptions, 'spillDir'> = { db: 'vucrawl', batchRows: 20_000, flushMs: 2_000, retries: 5, retryBaseMs: 250 };

/** Each table's columns, in the order of its event schema's properties (`schema` itself is not stored). */
export const COLUMNS = Object.fromEntries(
  EVENT_TYPES.map((t) => [TABLES[t], Object.keys(EVENT_SCHEMAS[t].properties).filter((k) => k !== 'schema')]),
) as Record<string, string[]>;
const TIME_FIELDS = new Set(['observed_at', 'valid_from', 'valid_to']);
/** Key columns that are never NULL in ClickHouse (a missing hash is ''). */
const NOT_NULL_KEYS = new Set(['sha256']);

/**
 * Event -> row for JSONCompactEachRow (values in column order: about twice as fast for
 * ClickHouse to parse as keyed JSON), times in ClickHouse's own text form.
 */
export function toRow(e: VucrawlEvent): unknown[] {
  const table = TABLES[schemaType(e.schema) as EventType];
  const ev = e as unknown as Record<string, unknown>;
  return COLUMNS[table]!.map((c) => {
    const v = ev[c];
    if (TIME_FIELDS.has(c)) return chTime(v as number);
    if (v === null && NOT_NULL_KEYS.has(c)) return '';
    return v;
  });
}

/** UTC ms -> 'YYYY-MM-DD hh:mm:ss.mmm', which DateTime64(3, 'UTC') reads without best-effort parsing. */
function chTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

export class ClickHouseEvents implements Sink<VucrawlEvent> {
  private readonly buffers = new Map<string, unknown[][]>();
  private readonly timer: NodeJS.Timeout;
  private inflight: Promise<void> = Promise.resolve();
  inserted = 0;
  spilled = 0;

  constructor(private readonly client: ClickHouseClient, private readonly o: EventStoreOptions, private readonly log: Logger) {
    this.timer = setInterval(() => { void this.flush().catch((e: Error) => this.log.error({ err: e.message }, 'periodic flush failed')); }, o.flushMs);
    this.timer.unref();
  }

  async write(batch: VucrawlEvent[]): Promise<void> {
    const full: string[] = [];
    for (const e of batch) {
      const table = TABLES[schemaType(e.schema) as EventType];
      let buf = this.buffers.get(table);
      if (!buf) this.buffers.set(table, (buf = []));
      buf.push(toRow(e));
      if (buf.length >= this.o.batchRows) full.push(table);
    }
    for (const table of new Set(full)) await this.flushTable(table);
  }

  async flush(): Promise<void> {
    for (const table of [...this.buffers.keys()]) await this.flushTable(table);
    await this.inflight;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** One batch at a time, in order: each insert finishes (or spills) before the next starts. */
  private flushTable(table: string): Promise<void> {
    const rows = this.buffers.get(table)?.splice(0) ?? [];
    if (rows.length === 0) return this.inflight;
    this.inflight = this.inflight.then(() => this.insertOrSpill(table, rows));
    return this.inflight;
  }

  private async insertOrSpill(table: string, rows: unknown[][]): Promise<void> {
    const body = rows.map((r) => JSON.stringify(r)).join('\n');
    const token = createHash('sha256').update(`${table}\n${body}`).digest('hex');
    try {
      await insertBatch(this.client, this.o, table, body, token);
      this.inserted += rows.length;
    } catch (e) {
      const file = spillBatch(this.o.spillDir, table, token, body);
      this.spilled += rows.length;
      this.log.warn({ table, rows: rows.length, file, err: (e as Error).message }, `database unreachable: batch spilled to disk; load it later with "vucrawl replay ${this.o.spillDir}"`);
    }
  }
}

/**
 * Inserts one batch (NDJSON: a JSON array of values a line, in COLUMNS order), retrying
 * with exponential backoff; the token makes retries idempotent. The text that was hashed
 * for the token is the text sent.
 */
export async function insertBatch(client: ClickHouseClient, o: Pick<EventStoreOptions, 'db' | 'retries' | 'retryBaseMs'>, table: string, body: string, token: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      // The rows inline after FORMAT, as one query text: the client wants object-mode
      // streams for JSON formats, and this avoids serializing every row a second time.
      const r = await client.exec({
        query: `INSERT INTO ${o.db}.${table} (${COLUMNS[table]!.join(', ')}) FORMAT JSONCompactEachRow\n${body}\n`,
        clickhouse_settings: { insert_deduplication_token: token, deduplicate_blocks_in_dependent_materialized_views: 1 },
      });
      r.stream.destroy();
      return;
    } catch (e) {
      if (attempt >= o.retries) throw e;
      await new Promise((r) => setTimeout(r, o.retryBaseMs * 2 ** attempt));
    }
  }
}

/** Writes a batch to DIR/<table>.<token>.ndjson (atomically: a half-written spill is never replayed). */
export function spillBatch(dir: string, table: string, token: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${table}.${token}.ndjson`);
  writeFileSync(`${file}.tmp`, `${body}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Loads every spilled batch with its original token, deleting each file once stored. */
export async function replaySpill(client: ClickHouseClient, o: Pick<EventStoreOptions, 'db' | 'retries' | 'retryBaseMs'>, dir: string, log: Logger): Promise<{ files: number; rows: number }> {
  let files = 0;
  let rows = 0;
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => /^[a-z_]+\.[0-9a-f]{64}\.ndjson$/.test(f)).sort();
  } catch (e) {
    throw new Error(`cannot read spill folder ${dir}: ${(e as Error).message}`);
  }
  for (const name of names) {
    const [table, token] = name.split('.') as [string, string];
    if (!Object.values(TABLES).includes(table)) {
      log.warn(`${path.join(dir, name)}: unknown table ${table}; left in place`);
      continue;
    }
    const body = readFileSync(path.join(dir, name), 'utf8').trimEnd();
    await insertBatch(client, o, table, body, token);
    rmSync(path.join(dir, name));
    files++;
    rows += body.split('\n').length;
  }
  return { files, rows };
}
