// What the routes share: the store the server holds, the restricted session ad-hoc SQL
// runs on, the crawl jobs, the log; and who may call each route.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { OpenedStore } from '../store/open.js';
import type { ApiKey } from './api-keys.js';
import type { CrawlJobs } from './crawls.js';
import type { ScreenshotFiles } from './screenshots.js';

/** public: anyone (health, OpenAPI, the UI's files); read: any key (anyone on loopback without a keys file); admin: an admin key. */
export type Access = 'public' | 'read' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A TAXII route: errors in TAXII's shape, and a key may come as HTTP Basic's password. */
    taxii?: boolean;
    /** A GET whose answers are kept until the store is written to (server/answer-cache.ts). */
    cached?: boolean;
  }
  interface FastifyRequest {
    apiKey?: ApiKey;
    /** Where this request's answer goes in the cache, and the store's write count when it was asked. */
    cacheFill?: { key: string; writes: number };
  }
}

export interface ServerContext {
  store: OpenedStore;
  /**
   * Ad-hoc SQL: a new session that is read-only, with a row and a time limit, for one query
   * (the embedded engine can carry a failed query's partial output over to the next one
   * of a session: a session of its own per query keeps each answer its own). Close it after.
   */
  sqlSession(): Promise<ClickHouseClient>;
  crawls: CrawlJobs;
  screenshots: ScreenshotFiles;
  log: Logger;
}
