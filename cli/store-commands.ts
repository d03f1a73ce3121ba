// Commands on the event store: pivot, sql, stats, replay.
import type { Logger } from 'pino';
import { replaySpill, EVENT_STORE_DEFAULTS, TABLES } from '../sinks/clickhouse/event-store.js';
import { pivot, type PivotOptions } from '../sinks/clickhouse/pivot.js';
import { schemaVersion } from '../sinks/clickhouse/schema.js';
import { openApplied, type OpenedStore, type StoreFlags } from '../sinks/clickhouse/open.js';
import { formatRows } from './table.js';

async function withStore<T>(flags: StoreFlags, log: Logger, fn: (s: OpenedStore) => Promise<T>): Promise<T> {
  const s = await openApplied(flags, log);
  try {
    return await fn(s);
  } finally {
    await s.store.close();
  }
}

export function runPivot(value: string, o: PivotOptions & { json: boolean }, flags: StoreFlags, log: Logger): Promise<string> {
  return withStore(flags, log, async ({ store, db }) => formatRows(await pivot(store.client, db, value, o) as unknown as Record<string, unknown>[], o.json));
}

export function runSql(query: string, json: boolean, flags: StoreFlags, log: Logger): Promise<string> {
  return withStore(flags, log, async ({ store }) => {
    const r = await store.client.query({ query, format: 'JSONEachRow' });
    return formatRows(await r.json<Record<string, unknown>>(), json);
  });
}

export function runStats(json: boolean, flags: StoreFlags, log: Logger): Promise<string> {
  return withStore(flags, log, async ({ store, db, spillDir }) => {
    const tables = Object.values(TABLES);
    const q = `SELECT name AS table, total_rows AS rows, formatReadableSize(total_bytes) AS size FROM system.tables
      WHERE database = {db:String} AND name IN {tables:Array(String)} ORDER BY name`;
    const rows = await (await store.client.query({ query: q, format: 'JSONEachRow', query_params: { db, tables } })).json<Record<string, unknown>>();
    const head = `store: ${store.describe}\nschema version: ${await schemaVersion(store.client, db)}\nspill folder: ${spillDir}\n`;
    return json ? formatRows(rows, true) : head + formatRows(rows, false);
  });
}

export function runReplay(dir: string | undefined, flags: StoreFlags, log: Logger): Promise<string> {
  return withStore(flags, log, async ({ store, db, spillDir }) => {
    const from = dir ?? spillDir;
    const r = await replaySpill(store.client, { ...EVENT_STORE_DEFAULTS, db }, from, log);
    return `replayed ${r.files} spilled batches (${r.rows} events) from ${from} into ${store.describe}\n`;
  });
}
