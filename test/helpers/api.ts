// Shared by the API and UI tests: a store filled by a real crawl of the test internet
// (real Chromium, the extractor, the crawl's own store sink), and the server's HTTP app
// over it, built in this process and, when a test needs sockets, listening on 127.0.0.1.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { VucrawlEvent } from '../../extractor/events.js';
import { extractEvents } from '../../extractor/extract.js';
import type { TestInternet } from '../../internet/server.js';
import { apiKey, type ApiKey } from '../../server/api-keys.js';
import { buildApp, type AppOptions } from '../../server/app.js';
import { CrawlJobs } from '../../server/crawls.js';
import { SQL_LIMITS } from '../../server/routes/admin.js';
import { ScreenshotFiles } from '../../server/screenshots.js';
import { openStore, type Store } from '../../store/connect.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../../sinks/clickhouse/event-store.js';
import type { OpenedStore } from '../../store/open.js';
import { applySchema } from '../../store/schema/migrations.js';
import { validateEvent } from '../../sinks/validate.js';
import { crawlSeeds, quietLog } from './harness.js';

/** Keys the tests use (long enough for the keys file's rule). */
export const KEYS = {
  read: 'read-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
  token: 'per-start-token-0123456789abcdef',
} as const;

export interface CrawledStore {
  store: Store;
  opened: OpenedStore;
  events: VucrawlEvent[];
}

/** Crawls the seeds with real Chromium and stores their events in database `db` of an embedded store in dataDir. */
export async function crawledStore(
  net: TestInternet,
  seeds: string[],
  dataDir: string,
  db: string,
): Promise<CrawledStore> {
  const store = await openStore({ dataDir });
  await applySchema(store.client, db);
  const { captures } = await crawlSeeds(net, seeds);
  const events = captures
    .flatMap((c) => extractEvents(c))
    .flatMap((e) => {
      const v = validateEvent(e);
      return v.ok ? [v.event] : [];
    });
  const sink = new ClickHouseEvents(
    store.client,
    { ...EVENT_STORE_DEFAULTS, db, spillDir: path.join(dataDir, 'spill') },
    quietLog,
  );
  await sink.write(events);
  await sink.close();
  return { store, opened: { store, db, spillDir: path.join(dataDir, 'spill') }, events };
}

export interface TestApp {
  app: FastifyInstance;
  crawls: CrawlJobs;
  /** Set once listen() was called. */
  url?: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The server's app over an open store; with keys unless `openReads`. */
export async function testApp(
  opened: OpenedStore,
  net: TestInternet,
  crawlDir: string,
  o: Partial<AppOptions> = {},
  outDirs: string[] = [],
): Promise<TestApp> {
  const token: ApiKey = apiKey('admin', KEYS.token);
  const crawls = new CrawlJobs(
    {
      store: opened,
      dir: crawlDir,
      crawl: { allowPrivate: true, ignoreHttpsErrors: true, hostResolverRules: net.hostResolverRules, concurrency: 2 },
    },
    quietLog,
  );
  const screenshots = new ScreenshotFiles(outDirs, crawlDir);
  const app = await buildApp(
    { store: opened, sqlSession: () => opened.store.restrictedClient(SQL_LIMITS), crawls, screenshots, log: quietLog },
    {
      keys: [apiKey('read', KEYS.read), apiKey('admin', KEYS.admin), token],
      openReads: false,
      unlimited: token,
      rateLimitPerMinute: 100_000,
      ...o,
    },
  );
  const t: TestApp = {
    app,
    crawls,
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      t.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return t.url;
    },
    async close() {
      await crawls.close();
      await app.close();
    },
  };
  return t;
}
