// Runs a command's work on the store it names (flags, then VUCRAWL_* variables), schema
// applied, and closes the store afterwards whatever happens.
import type { Logger } from 'pino';
import { openApplied, type OpenedStore } from '../store/open.js';
import type { StoreFlags } from './store-flags.js';

export async function withStore<T>(flags: StoreFlags, log: Logger, fn: (s: OpenedStore) => Promise<T>): Promise<T> {
  const s = await openApplied(flags, log);
  try {
    return await fn(s);
  } finally {
    await s.store.close();
  }
}
