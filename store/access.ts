// How projects, monitors, watches and alerts reach the store: SELECTs with every value a
// query parameter, and rows appended to their tables. Directly with a client, or, while a
// `vucrawl serve` holds the embedded store, through it (its read-only SQL route with the
// parameters, and an internal route that takes rows for these tables only), so that every
// command and crawl works whichever process holds the store.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import type { OwnerServer } from './connect.js';
import { INSERT_RETRIES, insertStatement, withRetries } from './insert.js';
import { serverRequest } from './server-call.js';

/** The tables rows may be appended to through the server. */
export const ALERTING_TABLES = ['projects', 'project_indicators', 'monitors', 'watches', 'monitor_observations', 'alerts'] as const;
export type AlertingTable = (typeof ALERTING_TABLES)[number];

export const INTERNAL_ROWS_PATH = '/api/v1/internal/rows';
const SQL_PATH = '/api/v1/sql';

export interface StoreAccess {
  /** The database the tables are in. */
  db: string;
  rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]>;
  /** Appends rows (objects with the same keys) to a table; retried, and dropped by the store if the same rows landed before. */
  insert(table: AlertingTable, rows: Record<string, unknown>[]): Promise<void>;
}

export function clientAccess(client: ClickHouseClient, db: string): StoreAccess {
  return {
    db,
    rows: async <T>(query: string, params: Record<string, unknown> = {}) => (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<T>(),
    insert: (table, rows) => insertRows(client, db, table, rows),
  };
}

export function servedAccess(server: OwnerServer, db: string): StoreAccess {
  return {
    db,
    rows: async <T>(query: string, params: Record<string, unknown> = {}) =>
      (await serverRequest<{ rows: T[] }>(server, 'POST', SQL_PATH, { body: { query, params } })).rows,
    insert: (table, rows) => (rows.length
      ? withRetries(INSERT_RETRIES, () => serverRequest(server, 'POST', INTERNAL_ROWS_PATH, { query: { table }, body: rows }))
      : Promise.resolve()),
  };
}

/** One INSERT of JSON rows, its deduplication token the SHA-256 of the rows (settings in its text: see insertStatement). */
export async function insertRows(client: ClickHouseClient, db: string, table: AlertingTable, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const body = rows.map((r) => JSON.stringify(r)).join('\n');
  const statement = insertStatement(`${db}.${table}`, Object.keys(rows[0]!), 'JSONEachRow',
    { insert_deduplication_token: createHash('sha256').update(`${table}\n${body}`).digest('hex') });
  await withRetries(INSERT_RETRIES, async () => {
    const r = await client.exec({ query: `${statement}\n${body}\n` });
    r.stream.destroy();
  });
}
