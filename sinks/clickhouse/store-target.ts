// Where a crawl's store batches and dead letters go: the store its flags name, opened
// here; or, when that is an embedded store a `vucrawl serve` holds (its owner file says
// where), through that server; or a store this very process holds (the server's own crawls).
import type { ClickHouseClient } from '@clickhouse/client';
import path from 'node:path';
import type { Logger } from 'pino';
import type { DeadLetterRecord } from '../../extractor/events.js';
import type { Sink } from '../sink.js';
import { DEFAULT_DATABASE, storeOptionsFromEnv, type StoreOptions } from '../../store/connect.js';
import { storeDeadLetters } from './dead-letters.js';
import { EVENT_STORE_DEFAULTS, type BatchInserter } from './event-store.js';
import { openApplied, type OpenedStore } from '../../store/open.js';
import { servedDeadLetters, servedInserter } from './served-store.js';
import { holdingServer, serverAnswers } from '../../store/server-call.js';
import { clientAccess, servedAccess, type StoreAccess } from '../../store/access.js';

export interface StoreTarget {
  /** What ClickHouseEvents inserts with. */
  inserter: ClickHouseClient | BatchInserter;
  deadLetters: Sink<DeadLetterRecord>;
  db: string;
  spillDir: string;
  describe: string;
  /** Queries and rows of the alerting tables (watches read it). */
  access: StoreAccess;
  /** Closes what was opened for the crawl (nothing for a store held elsewhere). */
  close(): Promise<void>;
}

/** A store this process holds: used, and left open unless `close` says otherwise. */
export function heldStoreTarget(s: OpenedStore, log: Logger, close = async () => {}): StoreTarget {
  return {
    inserter: s.store.client, deadLetters: storeDeadLetters(s.store.client, s.db, log), db: s.db, spillDir: s.spillDir, describe: s.store.describe,
    access: clientAccess(s.store.client, s.db), close,
  };
}

export async function openStoreTarget(flags: Partial<StoreOptions>, log: Logger): Promise<StoreTarget> {
  const o = storeOptionsFromEnv(flags);
  const served = async (): Promise<StoreTarget | undefined> => {
    const server = o.url ? undefined : holdingServer(o.dataDir);
    // An owner file that outlived its server (kill -9) names one that does not answer.
    if (!server || !await serverAnswers(server)) return undefined;
    const dir = path.resolve(o.dataDir);
    const db = o.database ?? DEFAULT_DATABASE;
    log.info({ server: server.url }, 'the store is held by vucrawl serve: events go through it');
    return {
      inserter: servedInserter(server, EVENT_STORE_DEFAULTS), deadLetters: servedDeadLetters(server, log), db, access: servedAccess(server, db),
      // Spilled batches stay with the data they belong to, as for the embedded store.
      spillDir: path.join(dir, 'spill'), describe: `embedded ClickHouse (chDB) in ${dir}, through vucrawl serve at ${server.url}`, close: async () => {},
    };
  };
  const viaServer = await served();
  if (viaServer) return viaServer;
  try {
    const opened = await openApplied(flags, log);
    return heldStoreTarget(opened, log, () => opened.store.close());
  } catch (e) {
    // A server may have taken the store between the look at its owner file and the open.
    const late = await served();
    if (late) return late;
    throw e;
  }
}
