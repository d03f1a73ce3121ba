// Runs one crawl for a command (crawl, demo): captures to DIR/captures.ndjson, events to
// one NDJSON file per type and to Kafka when it is configured, else to the store; live
// progress on a terminal, a summary at the end. The first Ctrl-C / SIGTERM stops taking
// work and lets pages in flight finish (shutdownGraceMs); a second one abandons them.
// Either way every capture and event already taken is flushed (to disk, and inserted or
// spilled) before the process exits.
import path from 'node:path';
import type { Logger } from 'pino';
import { Crawl, type CrawlSummary } from '../crawler/crawl.js';
import type { SeedInput } from '../crawler/frontier.js';
import type { CrawlOptions } from '../crawler/options.js';
import { CAPTURES_FILE, CapturePipeline } from '../pipeline/capture-pipeline.js';
import { EventFiles } from '../sinks/event-files.js';
import { EventRouter } from '../sinks/event-router.js';
import type { KafkaOptions } from '../sinks/kafka/connect.js';
import { openEventOutput, type EventOutput } from '../pipeline/event-output.js';
import type { StoreFlags } from '../sinks/clickhouse/open.js';
import { startProgress } from './progress.js';

export interface CrawlRun {
  summary: CrawlSummary;
  events: EventRouter['counts'];
  /** Where the events went besides the NDJSON files (the store, or Kafka). */
  destination?: string;
  /** Events kept on disk because the destination was unreachable, and how to send them. */
  spilled: number;
  spillHint?: string;
}

/** Where events go besides NDJSON: Kafka when configured, else the store (unless --no-store). */
export interface EventDestination {
  kafka?: KafkaOptions;
  store?: StoreFlags;
}

export async function runCrawl(opts: CrawlOptions, seeds: SeedInput[], outDir: string, log: Logger, to: EventDestination = {}): Promise<CrawlRun> {
  const files = new EventFiles(outDir);
  const output: EventOutput | undefined = await openEventOutput(to, outDir, log);
  const events = new EventRouter(output ? [files, output.events] : [files], output ? [files, output.deadLetters] : [files], log);
  const sink = new CapturePipeline(outDir, events, log);
  const crawl = new Crawl(opts, sink, log);
  for (const r of crawl.addSeeds(seeds)) log.warn({ url: r.url }, `seed skipped: ${r.reason}`);
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      log.warn(`${sig}: stopping; pages in flight get ${opts.shutdownGraceMs} ms (again to abandon them now)`);
      crawl.stop();
    } else {
      log.warn(`${sig} again: abandoning pages in flight; flushing captures and events`);
      void sink.close().then(() => output?.close()).finally(() => process.exit(130));
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopProgress = startProgress(() => crawl.progress());
  log.info({ crawlId: crawl.crawlId, seeds: seeds.length, out: outDir, concurrency: opts.concurrency, engine: opts.engine, profile: opts.profile }, 'crawl started');
  let summary: CrawlSummary;
  try {
    summary = await crawl.run();
  } finally {
    stopProgress();
    await sink.close();
    await output?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // Counted once the last batches were inserted or spilled.
  return { summary, events: events.counts, destination: output?.describe, spilled: output?.spilled() ?? 0, spillHint: output?.spillHint };
}

export function printSummary(run: CrawlRun, outDir: string, out: NodeJS.WriteStream = process.stdout): void {
  const { summary: s, events } = run;
  const rejected = Object.entries(s.rejectedLinks).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  out.write([
    `crawl ${s.crawlId}${s.stoppedEarly ? ' (stopped early)' : ''}`,
    `  pages       ${s.pages} (${s.ok} ok, ${s.failed} not ok, ${s.refused} refused, ${s.abandoned} abandoned, ${s.retries} retries)`,
    `  time        ${s.seconds.toFixed(1)} s, ${s.pagesPerSecond.toFixed(2)} pages/s`,
    `  browser     ${s.browserLaunches} launch(es), ${s.browserCrashes} crash(es)`,
    `  links left  ${s.queuedLeft} queued; not followed: ${rejected}`,
    `  captures    ${path.join(outDir, CAPTURES_FILE)}`,
    eventsLine(events, outDir),
    ...(run.destination ? [`  sent to     ${run.destination}${run.spilled ? ` (${run.spilled} events spilled to disk: ${run.spillHint})` : ''}`] : []),
    '',
  ].join('\n'));
}

export function eventsLine(events: CrawlRun['events'], outDir: string): string {
  const counts = Object.entries(events).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return `  events      ${counts} (one NDJSON file per type in ${outDir})`;
}
