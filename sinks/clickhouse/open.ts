// Opening the event store for a command: embedded (chDB) in --data / VUCRAWL_DATA by
// default, or a ClickHouse server with --clickhouse-url (and user, password, database, CA),
// schema applied on open.
import path from 'node:path';
import type { Logger } from 'pino';
import { openStore, storeOptionsFromEnv, type Store, type StoreOptions } from './connect.js';
import { applySchema } from './schema.js';

export type StoreFlags = Partial<StoreOptions>;

export interface OpenedStore {
  store: Store;
  db: string;
  spillDir: string;
}

export async function openApplied(flags: StoreFlags, log: Logger): Promise<OpenedStore> {
  const o = storeOptionsFromEnv(flags);
  const store = await openStore(o);
  const db = o.database ?? 'vucrawl';
  try {
    const applied = await applySchema(store.client, db);
    if (applied.length) log.info({ store: store.describe, migrations: applied }, 'schema applied');
  } catch (e) {
    await store.close();
    throw e;
  }
  // Spilled batches stay with the data they belong to (or in ./vucrawl-spill for a server).
  const spillDir = store.embedded ? path.join(path.resolve(o.dataDir), 'spill') : path.resolve('vucrawl-spill');
  return { store, db, spillDir };
}
