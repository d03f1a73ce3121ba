// One process owns the store: `vucrawl serve` opens it, listens, and only then tells the
// store's owner file where it listens and its per-start token (32 random bytes, an admin
// key, in a file only its user can read), so the same user's pivot, sql, stats, enrich and
// crawl commands go through it. Closing stops submitted crawls, the listener, then the store.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CrawlOptions } from '../crawler/options.js';
import type { StoreOptions } from '../store/connect.js';
import { openApplied } from '../store/open.js';
import type { KafkaOptions } from '../sinks/kafka/connect.js';
import { readApiKeys, startToken } from './api-keys.js';
import { buildApp } from './app.js';
import { CrawlJobs } from './crawls.js';
import { listenUrl, refuseToListen, type ServeOptions } from './options.js';
import { SQL_LIMITS } from './routes/admin.js';
import { ScreenshotFiles } from './screenshots.js';

export interface RunningServer {
  url: string;
  /** The store it holds, in words. */
  store: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface ServeSettings {
  store: Partial<StoreOptions>;
  serve: ServeOptions;
  /** How submitted crawls run (egress policy, browser, bounds). */
  crawl: Partial<CrawlOptions>;
  kafka?: KafkaOptions;
}

export async function startServer(s: ServeSettings, log: Logger): Promise<RunningServer> {
  const refusal = refuseToListen(s.serve);
  if (refusal) throw new Error(refusal);
  const keys = s.serve.apiKeysFile ? readApiKeys(s.serve.apiKeysFile) : [];
  const opened = await openApplied(s.store, log);
  const token = startToken();
  const crawls = new CrawlJobs(
    { store: opened, dir: path.resolve(s.serve.crawlDir), crawl: s.crawl, kafka: s.kafka },
    log,
  );
  const closeAll = async (app?: FastifyInstance) => {
    await crawls.close();
    await app?.close();
    await opened.store.close();
  };
  let app: FastifyInstance | undefined;
  try {
    const screenshots = new ScreenshotFiles(
      s.serve.screenshotDirs.map((d) => path.resolve(d)),
      path.resolve(s.serve.crawlDir),
    );
    app = await buildApp(
      { store: opened, sqlSession: () => opened.store.restrictedClient(SQL_LIMITS), crawls, screenshots, log },
      {
        keys: [...keys, token.key],
        openReads: !keys.length,
        unlimited: token.key,
        rateLimitPerMinute: s.serve.rateLimitPerMinute,
        answerCache: {
          maxBytes: s.serve.answerCacheMB === undefined ? undefined : s.serve.answerCacheMB * 2 ** 20,
          ttlMs: s.serve.answerCacheTtlMs,
        },
        corsOrigin: s.serve.corsOrigin,
      },
    );
    await app.listen({ host: s.serve.listen.host, port: s.serve.listen.port });
  } catch (e) {
    await closeAll(app);
    throw e;
  }
  const url = listenUrl({ host: s.serve.listen.host, port: (app.server.address() as AddressInfo).port });
  opened.store.advertise({ url, token: token.secret });
  log.info({ url, store: opened.store.describe, keys: keys.length }, 'serving');
  const running = app;
  return { url, store: opened.store.describe, app: running, close: () => closeAll(running) };
}
