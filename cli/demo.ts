// The main job on a machine with no network: start the bundled test internet (many
// virtual hosts on loopback), crawl its demo seeds, stop it.
import type { Logger } from 'pino';
import { resolveCrawlOptions, type CrawlOptions } from '../crawler/options.js';
import { demoSeeds, startTestInternet } from '../internet/server.js';
import { runCrawl, type CrawlRun, type EventDestination } from './run-crawl.js';

export async function runDemo(flags: Partial<CrawlOptions>, outDir: string, log: Logger, to: EventDestination = {}): Promise<CrawlRun> {
  const net = await startTestInternet();
  log.info({ http: net.httpPort, https: net.httpsPort }, 'test internet started on 127.0.0.1');
  try {
    const opts = resolveCrawlOptions({
      depth: 1,
      ...flags,
      // The test internet lives on loopback: the demo allows it explicitly.
      allowPrivate: true,
      ignoreHttpsErrors: true,
      hostResolverRules: net.hostResolverRules,
    });
    return await runCrawl(opts, demoSeeds.map((url) => ({ url })), outDir, log, to);
  } finally {
    await net.close();
  }
}
