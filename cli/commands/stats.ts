// vucrawl stats: which store is in use, where its data lives, its schema version and what each table holds.
import { TABLES } from '../../sinks/clickhouse/event-store.js';
import { schemaVersion } from '../../sinks/clickhouse/schema.js';
import { defineCommand, positionalsExactly } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';
import { withStore } from '../with-store.js';

export const command = defineCommand({
  name: 'stats',
  summary: 'what the store holds',
  args: '',
  groups: [{ title: 'Output', flags: JSON_FLAG }, STORE_GROUP],
}, async ({ values: v, positionals, log }) => {
  positionalsExactly(positionals, 0, 'stats takes no arguments');
  process.stdout.write(await withStore(storeFlagsFrom(v), log, async ({ store, db, spillDir }) => {
    const tables = Object.values(TABLES);
    const q = `SELECT name AS table, total_rows AS rows, formatReadableSize(total_bytes) AS size FROM system.tables
      WHERE database = {db:String} AND name IN {tables:Array(String)} ORDER BY name`;
    const rows = await (await store.client.query({ query: q, format: 'JSONEachRow', query_params: { db, tables } })).json<Record<string, unknown>>();
    const head = `store: ${store.describe}\nschema version: ${await schemaVersion(store.client, db)}\nspill folder: ${spillDir}\n`;
    return v.json ? formatRows(rows, true) : head + formatRows(rows, false);
  }));
  return 0;
});
