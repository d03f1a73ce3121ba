// A store command's way to its data: while a `vucrawl serve` holds the embedded store (its
// owner file says where, with a token for this user), through that server's API, without
// loading the engine at all; otherwise (or if that server does not answer) the store
// itself, opened here as before. A server that takes the store between the look and the
// open is found on the second look.
import type { Logger } from 'pino';
import { storeOptionsFromEnv } from '../store/connect.js';
import type { OpenedStore } from '../store/open.js';
import { holdingServer, ServerUnreachable } from '../store/server-call.js';
import { ApiClient } from '../server/client.js';
import type { StoreFlags } from './store-flags.js';
import { withStore } from './with-store.js';

export async function withStoreOrServer<T>(flags: StoreFlags, log: Logger, direct: (s: OpenedStore) => Promise<T>, served: (api: ApiClient) => Promise<T>): Promise<T> {
  const o = storeOptionsFromEnv(flags);
  const viaServer = async (): Promise<{ value: T } | undefined> => {
    const server = o.url ? undefined : holdingServer(o.dataDir);
    if (!server) return undefined;
    try {
      return { value: await served(new ApiClient(server)) };
    } catch (e) {
      // An owner file that outlived its server (kill -9): open the store directly.
      if (e instanceof ServerUnreachable) return undefined;
      throw e;
    }
  };
  const first = await viaServer();
  if (first) return first.value;
  try {
    return await withStore(flags, log, direct);
  } catch (e) {
    const late = await viaServer();
    if (late) return late.value;
    throw e;
  }
}
