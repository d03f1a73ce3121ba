// The one place that decides how the store is reached, from the store flags: while a
// `vucrawl serve` holds the embedded store (its owner file says where, with a token for
// this user) and answers, through that server's API (served.ts), without loading the
// engine at all; otherwise the store itself, opened here with its schema applied
// (direct.ts). A server that takes the store between the look and the open is found on a
// second look. Commands, monitor runs and crawls all come through here.
import type { Logger } from 'pino';
import type { StoreAccess } from './access.js';
import { DEFAULT_DATABASE, storeOptionsFromEnv, type StoreOptions } from './connect.js';
import { DirectStore } from './direct.js';
import { openApplied } from './open.js';
import { ServedStore } from './served.js';
import { holdingServer, serverAnswers, ServerUnreachable } from './server-call.js';

/** The store the flags name (over the VUCRAWL_* variables), through the server that holds it or opened here; close it after. */
export async function openStoreAccess(flags: Partial<StoreOptions>, log: Logger): Promise<StoreAccess> {
  const o = storeOptionsFromEnv(flags);
  const viaServer = async (): Promise<StoreAccess | undefined> => {
    const server = o.url ? undefined : holdingServer(o.dataDir);
    // An owner file that outlived its server (kill -9) names one that does not answer.
    if (!server || !(await serverAnswers(server))) return undefined;
    return new ServedStore(server, o.database ?? DEFAULT_DATABASE, o.dataDir);
  };
  const served = await viaServer();
  if (served) return served;
  try {
    const opened = await openApplied(flags, log);
    return new DirectStore(opened, () => opened.store.close());
  } catch (e) {
    // A server may have taken the store between the look at its owner file and the open.
    const late = await viaServer();
    if (late) return late;
    throw e;
  }
}

/**
 * Runs fn on the store (openStoreAccess) and closes it afterwards whatever happens. If the
 * server goes away while fn runs, fn runs once more on the store itself: what it keeps
 * outside (vucrawl enrich's next value) says where to go on.
 */
export async function withStoreAccess<T>(
  flags: Partial<StoreOptions>,
  log: Logger,
  fn: (a: StoreAccess) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const a = await openStoreAccess(flags, log);
    try {
      return await fn(a);
    } catch (e) {
      if (attempt > 0 || !a.server || !(e instanceof ServerUnreachable)) throw e;
    } finally {
      await a.close();
    }
  }
}
