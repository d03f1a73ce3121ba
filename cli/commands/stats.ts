// vucrawl stats: which store is in use, where its data lives, its schema version and what
// each table holds (through `vucrawl serve` while it holds the store).
import { tableStats } from '../../store/queries/records.js';
import { schemaVersion } from '../../store/schema/migrations.js';
import type { StoreStats } from '../../server/client.js';
import { defineCommand, positionalsExactly } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { withStoreOrServer } from '../store-or-server.js';
import { formatRows, JSON_FLAG } from '../table.js';

export const command = defineCommand({
  name: 'stats',
  summary: 'what the store holds',
  args: '',
  groups: [{ title: 'Output', flags: JSON_FLAG }, STORE_GROUP],
}, async ({ values: v, positionals, log }) => {
  positionalsExactly(positionals, 0, 'stats takes no arguments');
  const s = await withStoreOrServer<StoreStats & { via?: string }>(storeFlagsFrom(v), log,
    async ({ store, db, spillDir }) => ({ store: store.describe, schema_version: await schemaVersion(store.client, db), spill_folder: spillDir, tables: await tableStats(store.client, db) }),
    async (api) => ({ ...await api.stats(), via: api.server.url }));
  const rows = s.tables as unknown as Record<string, unknown>[];
  const head = `store: ${s.store}\n${s.via ? `served by: vucrawl serve at ${s.via}\n` : ''}schema version: ${s.schema_version}\nspill folder: ${s.spill_folder}\n`;
  process.stdout.write(v.json ? formatRows(rows, true) : head + formatRows(rows, false));
  return 0;
});
