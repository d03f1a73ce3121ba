// Validated events into ClickHouse. Rows are batched per table and inserted when a batch
// reaches batchRows or every flushMs; up to maxInflight inserts are in flight while the
// next batch fills, and write() waits for a free slot: the backpressure the crawler feels.
// An insert is retried with exponential backoff; if the database stays unreachable the
// batch is spilled to an NDJSON file and `vucrawl replay` loads it later. Every batch
// carries insert_deduplication_token = SHA-256 of its rows, so a retry, or a replay of a
// batch that had in fact landed, is dropped by ClickHouse: each event is stored once.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { schemaType, type EventType, type VucrawlEvent } from '../../extractor/events.js';
import { DEFAULT_DATABASE } from '../../store/connect.js';
import { chTime, INSERT_RETRIES, insertStatement, withRetries } from '../../store/insert.js';
import { COLUMNS, HEX_UINT64, TABLES } from '../../store/schema/event-tables.js';
import { quarantineFile, writeNdjsonFile } from '../ndjson.js';
import type { Sink, WriteOrigin } from '../sink.js';
import type { StoreJournal } from './store-journal.js';

export interface EventStoreOptions {
  db: string;
  batchRows: number;
  flushMs: number;
  retries: number;
  retryBaseMs: number;
  /** Inserts in flight at once (the embedded engine runs them one at a time; a second one keeps it busy while the next batch is encoded). */
  maxInflight: number;
  /** Where batches go when the database stays unreachable. */
  spillDir: string;
  /** A crawl's journal of batches (store-journal.ts); events written with their capture's ordinal are journaled in it. */
  journal?: StoreJournal;
}

/**
 * flushMs: a crawl's events arrive a few hundred a second, so a batch per table every
 * 10 s rather than every 2 s: each insert costs the engine a part per table and per
 * rollup whatever its size, and at 2 s the embedded store took about a fifth of the
 * crawler's Node CPU (measured in `npm run bench`).
 */
export const EVENT_STORE_DEFAULTS: Omit<EventStoreOptions, 'spillDir'> = {
  db: DEFAULT_DATABASE,
  batchRows: 20_000,
  flushMs: 10_000,
  maxInflight: 2,
  ...INSERT_RETRIES,
};

/**
 * The columns of a batch spilled by an older version of the events: each table's columns
 * less the ones later versions added. replaySpill inserts such rows with the columns they
 * have (the store fills the rest with its defaults: no id, no tags, no sites, no comparison).
 */
const ADDED_IN_V2: Record<string, string[]> = {
  host_pairs: ['parent_site', 'child_site'],
  trackers: ['site'],
  pages: ['screenshot_sha256', 'screenshot_phash'],
};
export const V3_COLUMNS = Object.fromEntries(
  Object.entries(COLUMNS).map(([table, cols]) => [
    table,
    cols.filter((c) => !(table === 'trackers' && c === 'context')),
  ]),
) as Record<string, string[]>;
export const V2_COLUMNS = Object.fromEntries(
  Object.entries(V3_COLUMNS).map(([table, cols]) => [table, cols.filter((c) => c !== 'comparison_id')]),
) as Record<string, string[]>;
export const V1_COLUMNS = Object.fromEntries(
  Object.entries(V2_COLUMNS).map(([table, cols]) => [
    table,
    cols.filter((c) => c !== 'event_id' && c !== 'tags' && !ADDED_IN_V2[table]?.includes(c)),
  ]),
) as Record<string, string[]>;
const TIME_FIELDS = new Set(['observed_at', 'valid_from', 'valid_to']);
/** Key columns that are never NULL in ClickHouse (a missing hash is ''). */
const NOT_NULL_KEYS = new Set(['sha256']);
const notNull = (v: unknown): unknown => v ?? '';
const asIs = (v: unknown): unknown => v;
/** As a decimal string: a JavaScript number cannot hold every 64-bit value. */
const hexToUInt64 = (v: unknown): unknown => (typeof v === 'string' ? BigInt(`0x${v}`).toString() : v);
/** Per table, one value encoder per column, chosen once rather than per value. */
const ENCODERS = Object.fromEntries(
  Object.entries(COLUMNS).map(([table, cols]) => [
    table,
    cols.map((c) => ({
      column: c,
      encode: TIME_FIELDS.has(c)
        ? chTime
        : NOT_NULL_KEYS.has(c)
          ? notNull
          : HEX_UINT64[table]?.has(c)
            ? hexToUInt64
            : asIs,
    })),
  ]),
) as Record<string, { column: string; encode: (v: unknown) => unknown }[]>;

export const tableOf = (e: VucrawlEvent): string => TABLES[schemaType(e.schema) as EventType];

/** Event -> row: values in its table's column order. */
export function toRow(e: VucrawlEvent): unknown[] {
  const ev = e as unknown as Record<string, unknown>;
  return ENCODERS[tableOf(e)]!.map(({ column, encode }) => encode(ev[column]));
}

/** The formats a batch travels in: TabSeparated to the database, NDJSON rows on disk. */
export type RowFormat = 'TabSeparated' | 'JSONCompactEachRow';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
  "'": "\\'",
};
const SPECIAL = /[\\\t\n\r\0']/;
/** Escapes for both a TabSeparated field and a quoted string inside an array (most strings need none). */
const escapeTsv = (s: string): string => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r\0']/g, (c) => ESCAPES[c]!) : s);

function tsvValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeTsv(v);
  return typeof v === 'object' ? nested(v) : String(v);
}

/**
 * A value inside an array or a tuple, in ClickHouse's text form: strings quoted, NULL, arrays
 * in brackets, objects as tuples of their values (their fields in the order events build them).
 */
function nested(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return `'${escapeTsv(v)}'`;
  if (Array.isArray(v)) return `[${v.map(nested).join(',')}]`;
  if (typeof v === 'object') return `(${Object.values(v).map(nested).join(',')})`;
  return String(v);
}

/**
 * A table's events as TabSeparated rows. ClickHouse parses this about 1.5 times as fast as
 * JSONCompactEachRow and 2.7 times as fast as keyed JSON (host-pair rows into a Null table,
 * embedded engine); building it is the sender's share of the work.
 */
export function tsvRowEncoder(table: string): (e: VucrawlEvent) => string {
  const encoders = ENCODERS[table]!;
  return (e) => {
    const ev = e as unknown as Record<string, unknown>;
    return encoders.map(({ column, encode }) => tsvValue(encode(ev[column]))).join('\t');
  };
}

/** Events of one table as a TabSeparated body. */
export function tsvBody(events: VucrawlEvent[]): string {
  return events.length ? events.map(tsvRowEncoder(tableOf(events[0]!))).join('\n') : '';
}

/** A table's events waiting for their batch, and the captures (by ordinal) they came from. */
interface Buffer {
  events: VucrawlEvent[];
  from?: number;
  to?: number;
}

/**
 * Sends one encoded batch to the store, retrying; rejects once its retries are spent. The
 * store's own client (insertBatch), or the `vucrawl serve` that holds the store: the same
 * body under the same token either way, so retries, spills and the crash journal keep
 * their exactly-once meaning.
 */
export type BatchInserter = (table: string, body: string, token: string, format: RowFormat) => Promise<void>;

export class ClickHouseEvents implements Sink<VucrawlEvent> {
  private readonly buffers = new Map<string, Buffer>();
  private readonly timer: NodeJS.Timeout;
  /** The inserts running now. */
  private readonly inflight = new Set<Promise<void>>();
  private readonly insert: BatchInserter;
  inserted = 0;
  spilled = 0;

  constructor(
    to: ClickHouseClient | BatchInserter,
    private readonly o: EventStoreOptions,
    private readonly log: Logger,
  ) {
    this.insert =
      typeof to === 'function' ? to : (table, body, token, format) => insertBatch(to, o, table, body, token, format);
    this.timer = setInterval(() => {
      void this.flush().catch((e: Error) => this.log.error({ err: e.message }, 'periodic flush failed'));
    }, o.flushMs);
    this.timer.unref();
  }

  async write(batch: VucrawlEvent[], origin?: WriteOrigin): Promise<void> {
    const full: string[] = [];
    for (const e of batch) {
      const table = tableOf(e);
      let buf = this.buffers.get(table);
      if (!buf) this.buffers.set(table, (buf = { events: [] }));
      buf.events.push(e);
      if (origin) {
        buf.from ??= origin.capture;
        buf.to = origin.capture;
      }
      if (buf.events.length >= this.o.batchRows) full.push(table);
    }
    for (const table of new Set(full)) await this.flushTable(table);
  }

  async flush(): Promise<void> {
    for (const table of [...this.buffers.keys()]) await this.flushTable(table);
    await Promise.all(this.inflight);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /**
   * Inserts a batch a crash left unacknowledged, rebuilt from its captures, under the token
   * it was journaled with (the store drops it if it had landed); waits until it is done.
   */
  async insertAgain(table: string, events: VucrawlEvent[], token: string): Promise<void> {
    await this.startInsert(table, events, tsvBody(events), token);
    await Promise.all(this.inflight);
  }

  /**
   * Starts inserting a table's buffered rows once an insert slot is free; resolves when it
   * has started, not when it is done. The batch is encoded while other inserts run.
   */
  private async flushTable(table: string): Promise<void> {
    const buf = this.buffers.get(table);
    if (!buf || buf.events.length === 0) return;
    this.buffers.delete(table);
    const body = tsvBody(buf.events);
    const token = createHash('sha256').update(`${table}\n${body}`).digest('hex');
    // Journaled before the insert: a kill from here on is recovered from the journal.
    if (this.o.journal && buf.from !== undefined) this.o.journal.batch({ token, table, from: buf.from, to: buf.to! });
    await this.startInsert(table, buf.events, body, token);
  }

  private async startInsert(table: string, rows: VucrawlEvent[], body: string, token: string): Promise<void> {
    while (this.inflight.size >= this.o.maxInflight) await Promise.race(this.inflight);
    this.log.debug({ table, rows: rows.length, token }, 'inserting a batch');
    const insert: Promise<void> = this.insertOrSpill(table, rows, body, token).finally(() =>
      this.inflight.delete(insert),
    );
    this.inflight.add(insert);
  }

  private async insertOrSpill(table: string, rows: VucrawlEvent[], body: string, token: string): Promise<void> {
    try {
      await this.insert(table, body, token, 'TabSeparated');
      this.inserted += rows.length;
      this.o.journal?.acknowledged(token);
    } catch (e) {
      const file = spillBatch(this.o.spillDir, table, token, rows.map(toRow));
      this.spilled += rows.length;
      this.o.journal?.spilled(token);
      this.log.warn(
        { table, rows: rows.length, file, err: (e as Error).message },
        `database unreachable: batch spilled to disk; load it later with "vucrawl replay ${this.o.spillDir}"`,
      );
    }
  }
}

/**
 * Inserts one batch (rows in COLUMNS order, in `format`), retrying with exponential
 * backoff; the token makes retries idempotent, whatever the format it is sent in.
 */
export async function insertBatch(
  client: ClickHouseClient,
  o: Pick<EventStoreOptions, 'db' | 'retries' | 'retryBaseMs'>,
  table: string,
  body: string,
  token: string,
  format: RowFormat,
  columns = COLUMNS[table]!,
): Promise<void> {
  // The views feeding the rollups run in parallel rather than one after the other.
  const statement = insertStatement(`${o.db}.${table}`, columns, format, {
    insert_deduplication_token: token,
    deduplicate_blocks_in_dependent_materialized_views: 1,
    parallel_view_processing: 1,
  });
  await withRetries(o, async () => {
    // The rows inline after FORMAT, as one query text: one copy of the batch, and the same
    // call for the embedded engine and a server.
    const r = await client.exec({ query: `${statement}\n${body}\n` });
    r.stream.destroy();
  });
}

/** Writes a batch (NDJSON rows) to DIR/<table>.<token>.ndjson, atomically: a half-written spill is never replayed. */
export function spillBatch(dir: string, table: string, token: string, rows: unknown[][]): string {
  const file = path.join(dir, `${table}.${token}.ndjson`);
  writeNdjsonFile(file, rows);
  return file;
}

/** What a replay of spilled batches did. */
export interface ReplayResult {
  files: number;
  rows: number;
  /** Files that could not be read as batches, moved to DIR/quarantine/ and named here (absent when none). */
  quarantined?: string[];
}

/**
 * Loads every spilled batch with its original token, deleting each file once stored. A
 * file whose lines are not rows of its table is moved to DIR/quarantine/ and the rest go on.
 */
export async function replaySpill(
  client: ClickHouseClient,
  o: Pick<EventStoreOptions, 'db' | 'retries' | 'retryBaseMs'>,
  dir: string,
  log: Logger,
): Promise<ReplayResult> {
  const result: ReplayResult = { files: 0, rows: 0 };
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => /^[a-z_]+\.[0-9a-f]{64}\.ndjson$/.test(f))
      .sort();
  } catch (e) {
    throw new Error(`cannot read spill folder ${dir}: ${(e as Error).message}`);
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const [table, token] = name.split('.') as [string, string];
    if (!Object.values(TABLES).includes(table)) {
      log.warn(`${file}: unknown table ${table}; left in place`);
      continue;
    }
    const body = readFileSync(file, 'utf8').trimEnd();
    const columns = [COLUMNS[table]!, V3_COLUMNS[table]!, V2_COLUMNS[table]!, V1_COLUMNS[table]!].find(
      (cols) => !badSpillLine(body, cols.length),
    );
    if (!columns) {
      const moved = quarantineFile(file);
      log.error(`${file}: ${badSpillLine(body, COLUMNS[table]!.length)}; moved to ${moved}`);
      (result.quarantined ??= []).push(moved);
      continue;
    }
    await insertBatch(client, o, table, body, token, 'JSONCompactEachRow', columns);
    rmSync(file);
    result.files++;
    result.rows += body.split('\n').length;
  }
  return result;
}

/** Why a spilled batch is not rows of a table with `columns` columns (line number and what is wrong), or undefined. */
function badSpillLine(body: string, columns: number): string | undefined {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let row: unknown;
    try {
      row = JSON.parse(lines[i]!);
    } catch (e) {
      return `line ${i + 1} is not JSON (${(e as Error).message.slice(0, 80)})`;
    }
    if (!Array.isArray(row) || row.length !== columns) return `line ${i + 1} is not a row of ${columns} values`;
  }
  return undefined;
}
