// A crawl as the crawl and demo commands run it: live progress on a terminal, a summary at
// the end. The first Ctrl-C / SIGTERM stops taking work and lets pages in flight finish
// (shutdownGraceMs); a second one abandons them. Either way every capture and event
// already taken is flushed (to disk, and inserted or spilled) before the process exits.
import type { Logger } from 'pino';
import type { CrawlOptions } from '../crawler/options.js';
import { CrawlRun, type CrawlResult, type CrawlRunOptions, type EventDestination } from '../pipeline/crawl-run.js';
import type { SeedInput } from '../seeds/seed-file.js';
import { createRegistry } from '../runtime/metrics.js';
import { outPaths } from '../runtime/out-paths.js';
import { startMetrics } from './metrics-flag.js';
import { startProgress } from './progress.js';

export interface RunCrawlOptions extends Omit<CrawlRunOptions, 'metrics'> {
  /** Serve the crawl's Prometheus metrics there (metrics-flag.ts). */
  metricsAt?: { host: string; port: number };
}

export async function runCrawl(
  opts: CrawlOptions,
  seeds: SeedInput[],
  outDir: string,
  log: Logger,
  to: EventDestination = {},
  o: RunCrawlOptions = {},
): Promise<CrawlResult> {
  const registry = o.metricsAt && createRegistry();
  const run = await CrawlRun.open(opts, seeds, outDir, log, to, { fresh: o.fresh, metrics: registry });
  const served = registry && (await startMetrics(registry, o.metricsAt, log));
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      log.warn(`${sig}: stopping; pages in flight get ${opts.shutdownGraceMs} ms (again to abandon them now)`);
      run.crawl.stop();
    } else if (signals === 2) {
      // Pages in flight end at once and are still written, as abandoned captures.
      log.warn(
        `${sig} again: abandoning pages in flight; writing them as abandoned and flushing captures and events (a third time: exit now)`,
      );
      run.crawl.abandonNow();
    } else {
      log.warn(
        `${sig} a third time: exiting now; what was written is safe, the rest is written again by the next run in ${outDir}`,
      );
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopProgress = startProgress(() => run.crawl.progress());
  log.info(
    {
      crawlId: run.crawl.crawlId,
      seeds: seeds.length,
      out: outDir,
      concurrency: opts.concurrency,
      engine: opts.engine,
      profile: opts.profile,
    },
    'crawl started',
  );
  try {
    return await run.run();
  } finally {
    stopProgress();
    await served?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function printSummary(run: CrawlResult, outDir: string, out: NodeJS.WriteStream = process.stdout): void {
  const { summary: s, events } = run;
  const rejected =
    Object.entries(s.rejectedLinks)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  out.write(
    [
      `crawl ${s.crawlId}${s.stoppedEarly ? ' (stopped early)' : ''}`,
      ...(s.resumed
        ? [
            `  resumed: ${s.resumed.done} done, ${s.resumed.queued} queued${run.recovered ? `; ${run.recovered} events written again` : ''}`,
          ]
        : []),
      `  pages       ${s.pages} (${s.ok} ok, ${s.failed} not ok, ${s.refused} refused, ${s.abandoned} abandoned, ${s.retries} retries)`,
      `  time        ${s.seconds.toFixed(1)} s, ${s.pagesPerSecond.toFixed(2)} pages/s (at most ${s.peakInFlight} pages in flight)`,
      `  browser     ${s.browserLaunches} launch(es), ${s.browserCrashes} crash(es)`,
      ...(s.robotsSkipped
        ? [`  robots.txt  ${s.robotsSkipped} page(s) not visited (disallowed; see the skipped captures)`]
        : []),
      `  links left  ${s.queuedLeft} queued; not followed: ${rejected}`,
      `  captures    ${outPaths(outDir).captures}`,
      eventsLine(events, outDir),
      ...(run.destination
        ? [
            `  sent to     ${run.destination}${run.spilled ? ` (${run.spilled} events spilled to disk: ${run.spillHint})` : ''}`,
          ]
        : []),
      ...(s.stoppedEarly
        ? ['  to resume   run the same command again (same --out); --fresh starts a new crawl there']
        : []),
      '',
    ].join('\n'),
  );
}

export function eventsLine(events: CrawlResult['events'], outDir: string): string {
  const counts =
    Object.entries(events)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return `  events      ${counts} (one NDJSON file per type in ${outDir})`;
}

/**
 * The exit code of a crawl: 1 when it tried targets and every one failed or was refused
 * (cron and CI must see it); a page abandoned at shutdown is unfinished, not failed.
 */
export function crawlExitCode(s: CrawlResult['summary']): number {
  const tried = s.pages + s.refused;
  return tried > 0 && s.crawled === 0 && s.abandoned === 0 && s.robotsSkipped === 0 ? 1 : 0;
}
