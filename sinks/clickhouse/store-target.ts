// Where a crawl's store batches and dead letters go: the store its flags name, reached the
// way every command reaches it (store/choose.ts), so through the `vucrawl serve` that holds
// it (served-store.ts) or opened here; or a store this very process holds (the server's own crawls).
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { DeadLetterRecord } from '../../extractor/events.js';
import type { StoreAccess } from '../../store/access.js';
import { openStoreAccess } from '../../store/choose.js';
import type { StoreOptions } from '../../store/connect.js';
import { DirectStore } from '../../store/direct.js';
import type { OpenedStore } from '../../store/open.js';
import type { Sink } from '../sink.js';
import { storeDeadLetters } from './dead-letters.js';
import { EVENT_STORE_DEFAULTS, type BatchInserter } from './event-store.js';
import { servedDeadLetters, servedInserter } from './served-store.js';

export interface StoreTarget {
  /** What ClickHouseEvents inserts with. */
  inserter: ClickHouseClient | BatchInserter;
  deadLetters: Sink<DeadLetterRecord>;
  db: string;
  spillDir: string;
  describe: string;
  /** The store itself: the alerting tables (watches read them), and every query. */
  access: StoreAccess;
  /** Closes what was opened for the crawl (nothing for a store held elsewhere). */
  close(): Promise<void>;
}

/** A store this process holds: used, and left open unless `close` says otherwise. */
export function heldStoreTarget(s: OpenedStore, log: Logger, close = async () => {}): StoreTarget {
  return targetOf(new DirectStore(s, close), log);
}

export async function openStoreTarget(flags: Partial<StoreOptions>, log: Logger): Promise<StoreTarget> {
  const access = await openStoreAccess(flags, log);
  if (access.server)
    log.info({ server: access.server.url }, 'the store is held by vucrawl serve: events go through it');
  return targetOf(access, log);
}

function targetOf(a: StoreAccess, log: Logger): StoreTarget {
  const common = { db: a.db, spillDir: a.spillDir, describe: a.describe, access: a, close: () => a.close() };
  if (a.server)
    return {
      ...common,
      inserter: servedInserter(a.server, EVENT_STORE_DEFAULTS),
      deadLetters: servedDeadLetters(a.server, log),
    };
  if (!a.held) throw new Error(`${a.describe}: neither held here nor through a server`);
  const { client } = a.held.store;
  return { ...common, inserter: client, deadLetters: storeDeadLetters(client, a.db, log) };
}
