// Runs one crawl for a command (crawl, demo): captures to DIR/captures.ndjson, live
// progress on a terminal, a summary at the end. The first Ctrl-C / SIGTERM stops taking
// work and lets pages in flight finish (shutdownGraceMs); a second one abandons them.
// Either way every capture already taken is flushed to disk before the process exits.
import path from 'node:path';
import type { Logger } from 'pino';
import type { PageCapture } from '../crawler/capture.js';
import { Crawl, type CrawlSummary } from '../crawler/crawl.js';
import type { SeedInput } from '../crawler/frontier.js';
import type { CrawlOptions } from '../crawler/options.js';
import { NdjsonSink } from '../sinks/ndjson.js';
import { startProgress } from './progress.js';

export const CAPTURES_FILE = 'captures.ndjson';

export async function runCrawl(opts: CrawlOptions, seeds: SeedInput[], outDir: string, log: Logger): Promise<CrawlSummary> {
  const sink = new NdjsonSink<PageCapture>(path.join(outDir, CAPTURES_FILE));
  const crawl = new Crawl(opts, sink, log);
  for (const r of crawl.addSeeds(seeds)) log.warn({ url: r.url }, `seed skipped: ${r.reason}`);
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      log.warn(`${sig}: stopping; pages in flight get ${opts.shutdownGraceMs} ms (again to abandon them now)`);
      crawl.stop();
    } else {
      log.warn(`${sig} again: abandoning pages in flight; flushing captures`);
      void sink.close().finally(() => process.exit(130));
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopProgress = startProgress(() => crawl.progress());
  log.info({ crawlId: crawl.crawlId, seeds: seeds.length, out: sink.file, concurrency: opts.concurrency, engine: opts.engine, profile: opts.profile }, 'crawl started');
  try {
    return await crawl.run();
  } finally {
    stopProgress();
    await sink.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function printSummary(s: CrawlSummary, outDir: string, out: NodeJS.WriteStream = process.stdout): void {
  const rejected = Object.entries(s.rejectedLinks).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  out.write([
    `crawl ${s.crawlId}${s.stoppedEarly ? ' (stopped early)' : ''}`,
    `  pages       ${s.pages} (${s.ok} ok, ${s.failed} not ok, ${s.refused} refused, ${s.abandoned} abandoned, ${s.retries} retries)`,
    `  time        ${s.seconds.toFixed(1)} s, ${s.pagesPerSecond.toFixed(2)} pages/s`,
    `  browser     ${s.browserLaunches} launch(es), ${s.browserCrashes} crash(es)`,
    `  links left  ${s.queuedLeft} queued; not followed: ${rejected}`,
    `  captures    ${path.join(outDir, CAPTURES_FILE)}`,
    '',
  ].join('\n'));
}
