// Shared by integration tests: crawl seeds of the test internet with real Chromium into
// memory, and look things up in the captures.
import pino from 'pino';
import type { PageCapture } from '../../capture/capture.js';
import { Crawl, type CrawlSummary } from '../../crawler/crawl.js';
import type { SeedInput } from '../../seeds/seed-file.js';
import { resolveCrawlOptions, type CrawlOptions } from '../../crawler/options.js';
import type { Sink } from '../../sinks/sink.js';
import type { TestInternet } from '../../internet/server.js';

export class MemorySink<T> implements Sink<T> {
  readonly items: T[] = [];
  flushes = 0;
  constructor(private readonly onWrite?: (item: T) => void) {}
  async write(batch: T[]): Promise<void> {
    for (const b of batch) {
      this.items.push(b);
      this.onWrite?.(b);
    }
  }
  async flush(): Promise<void> {
    this.flushes++;
  }
  async close(): Promise<void> {}
}

export const quietLog = pino({ level: process.env.VUCRAWL_TEST_LOG ?? 'silent' });

/** Options for crawling the test internet: loopback allowed, TLS errors ignored, *.test mapped to it. */
export function testOptions(net: TestInternet, o: Partial<CrawlOptions> = {}): CrawlOptions {
  return resolveCrawlOptions({
    allowPrivate: true,
    ignoreHttpsErrors: true,
    hostResolverRules: net.hostResolverRules,
    concurrency: 2,
    ...o,
  });
}

/** `screenshotsDir`: where the crawl writes screenshots (an output folder's screenshots/ in a real crawl). */
export async function crawlSeeds(
  net: TestInternet,
  seeds: (string | SeedInput)[],
  o: Partial<CrawlOptions> & { screenshotsDir?: string } = {},
  onCapture?: (c: PageCapture, crawl: Crawl) => void,
): Promise<{ captures: PageCapture[]; summary: CrawlSummary }> {
  let crawl: Crawl | undefined;
  const sink = new MemorySink<PageCapture>((c) => onCapture?.(c, crawl!));
  const { screenshotsDir, ...opts } = o;
  crawl = new Crawl(testOptions(net, opts), sink, quietLog, {
    out: screenshotsDir === undefined ? undefined : { screenshots: screenshotsDir },
  });
  crawl.addSeeds(seeds.map((s) => (typeof s === 'string' ? { url: s } : s)));
  const summary = await crawl.run();
  return { captures: sink.items, summary };
}

export function captureFor(captures: PageCapture[], seed: string): PageCapture {
  const c = captures.find((x) => x.target.url === seed);
  if (!c) throw new Error(`no capture for ${seed}; have ${captures.map((x) => x.target.url).join(', ')}`);
  return c;
}

/** `METHOD url` of every request that reached the network (not served from cache, not blocked before sending). */
export function requestKeys(c: PageCapture): string[] {
  return c.requests
    .filter((r) => r.status !== undefined && !r.from_cache)
    .map((r) => `${r.method} ${r.url}`)
    .sort();
}

export function request(c: PageCapture, url: string) {
  const r = c.requests.find((x) => x.url === url);
  if (!r) throw new Error(`no request for ${url} in ${c.target.url}; have ${c.requests.map((x) => x.url).join(', ')}`);
  return r;
}
