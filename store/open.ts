// The store ready for use: connected (embedded chDB in a folder by default, or a
// ClickHouse server by URL; settings over the VUCRAWL_* variables), schema applied, and
// the folder where batches are spilled while the database is unreachable.
import path from 'node:path';
import type { Logger } from 'pino';
import { DEFAULT_DATABASE, openStore, storeOptionsFromEnv, type Store, type StoreOptions } from './connect.js';
import { applySchema } from './schema/migrations.js';

export interface OpenedStore {
  store: Store;
  db: string;
  spillDir: string;
}

export async function openApplied(flags: Partial<StoreOptions>, log: Logger): Promise<OpenedStore> {
  const o = storeOptionsFromEnv(flags);
  const store = await openStore(o);
  const db = o.database ?? DEFAULT_DATABASE;
  try {
    const applied = await applySchema(store.client, { db, cluster: o.cluster });
    if (applied.length) log.info({ store: store.describe, migrations: applied }, 'schema applied');
  } catch (e) {
    await store.close();
    throw store.embedded ? e : new Error(unreachableMessage(o.url!, e as Error));
  }
  // Spilled batches stay with the data they belong to (or in ./vucrawl-spill for a server).
  const spillDir = store.embedded ? path.join(path.resolve(o.dataDir), 'spill') : path.resolve('vucrawl-spill');
  return { store, db, spillDir };
}

/** One line for a server that cannot be used at start: which one, why, and what to do. */
export function unreachableMessage(url: string, e: Error): string {
  const code = (e as { code?: string }).code;
  const why = code ?? e.message.split('\n')[0]!.slice(0, 200);
  return (
    `cannot use the ClickHouse server at ${new URL(url).origin} (${why}): start it or check --clickhouse-url and its credentials ` +
    '(VUCRAWL_CLICKHOUSE_*); or use the embedded store (no --clickhouse-url), or crawl with --no-store'
  );
}
