// The alerting tables (projects, monitors, watches, alerts) for a command: through the
// `vucrawl serve` that holds the embedded store, or the store itself (store-or-server.ts).
import type { Logger } from 'pino';
import { DEFAULT_DATABASE, storeOptionsFromEnv } from '../store/connect.js';
import { clientAccess, servedAccess, type StoreAccess } from '../store/access.js';
import type { StoreFlags } from './store-flags.js';
import { withStoreOrServer } from './store-or-server.js';

export function withAlerting<T>(flags: StoreFlags, log: Logger, fn: (a: StoreAccess) => Promise<T>): Promise<T> {
  const db = storeOptionsFromEnv(flags).database ?? DEFAULT_DATABASE;
  return withStoreOrServer(flags, log, (s) => fn(clientAccess(s.store.client, s.db)), (api) => fn(servedAccess(api.server, db)));
}
