// One crawl, wired end to end: the crawler's captures go through the capture pipeline
// (captures.ndjson, extraction, validation once) to the NDJSON event files and to Kafka
// when brokers are configured, else to the store (unless there is none). The commands that
// crawl (crawl, demo) add a terminal, signals and a summary around it.
//
// Crash safety: the crawl's state is in its output folder (crawl-state.ts). Opening a
// folder whose crawl did not finish resumes it under the same crawl id: the captures
// already written are its journal (their pages are not crawled again, their links are
// queued again), and each output re-writes what its own journal does not show as safe.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PageCapture } from '../capture/capture.js';
import type { Crawl, CrawlSummary } from '../crawler/crawl.js';
import type { CrawlOptions } from '../crawler/options.js';
import type { SeedInput } from '../seeds/seed-file.js';
import { AlertDelivery } from '../sinks/alerts/delivery.js';
import type { EventRouter } from '../sinks/event-router.js';
import { readNdjson } from '../sinks/ndjson.js';
import type { Registry } from '../runtime/metrics.js';
import { outPaths, type OutPaths } from '../runtime/out-paths.js';
import { CaptureEvents, type CapturePipeline } from './capture-pipeline.js';
import { assembleCrawl, type CaptureObserver } from './crawl-assembly.js';
import { CRAWL_STATE_SCHEMA, readCrawlState, retireJournals, writeCrawlState, type CrawlState } from './crawl-state.js';
import { openEventOutput, type EventDestination, type EventOutput } from './event-output.js';
import { WatchEvaluator } from './watch-evaluator.js';

export type { EventDestination } from './event-output.js';

export interface CrawlResult {
  summary: CrawlSummary;
  events: EventRouter['counts'];
  /** Where the events went besides the NDJSON files (the store, or Kafka). */
  destination?: string;
  /** Events kept on disk because the destination was unreachable, and how to send them. */
  spilled: number;
  spillHint?: string;
  /** After a resume: events the destination got again because its journal did not show them safe. */
  recovered?: number;
}

export interface CrawlRunOptions {
  /** Start a new crawl in the folder even if the one there did not finish. */
  fresh?: boolean;
  /** Count the crawl in this Prometheus registry. */
  metrics?: Registry;
  /** Given each capture's events as the outputs get them (a monitor's visits). */
  observer?: CaptureObserver;
}

export class CrawlRun {
  private constructor(
    readonly crawl: Crawl,
    private readonly state: CrawlState,
    private readonly out: OutPaths,
    private readonly pipeline: CapturePipeline,
    private readonly router: EventRouter,
    private readonly output: EventOutput | undefined,
    private readonly recovered: number | undefined,
  ) {}

  /** Opens the folder's crawl: resumes an unfinished one (unless fresh), else starts a new one with these seeds. */
  static async open(
    opts: CrawlOptions,
    seeds: SeedInput[],
    outDir: string,
    log: Logger,
    to: EventDestination = {},
    o: CrawlRunOptions = {},
  ): Promise<CrawlRun> {
    const out = outPaths(outDir);
    const previous = readCrawlState(out);
    const resuming = !o.fresh && previous?.status === 'running';
    let state: CrawlState;
    if (resuming) {
      // Seeds named again are kept; new ones join the crawl.
      const known = new Set(previous.seeds.map((s) => s.url));
      state = { ...previous, seeds: [...previous.seeds, ...seeds.filter((s) => !known.has(s.url))] };
    } else {
      retireJournals(out, previous);
      state = {
        schema: CRAWL_STATE_SCHEMA,
        crawl_id: randomUUID(),
        started_at: new Date().toISOString(),
        status: 'running',
        seeds,
      };
    }
    writeCrawlState(out, state);

    const output = await openEventOutput(to, out, log);
    // Watches read the store, so they are evaluated where the events go to one (with Kafka, by the loader).
    const watches =
      output?.access &&
      new WatchEvaluator(
        output.access,
        new AlertDelivery(output.access, { dir: out.dir, webhooks: to.webhooks ?? [] }, log),
        log,
      );
    const observers = [...(watches ? [watches] : []), ...(o.observer ? [o.observer] : [])];
    const { crawl, pipeline, router } = assembleCrawl(opts, out, log, {
      crawlId: state.crawl_id,
      output,
      observers,
      metrics: o.metrics,
    });
    for (const r of crawl.addSeeds(state.seeds)) log.warn({ url: r.url }, `seed skipped: ${r.reason}`);
    let recovered: number | undefined;
    if (resuming) {
      const recovery = await output?.recovery();
      let ordinal = 0;
      // Counted with the pipeline's: the captures already written are this crawl's too.
      const events = new CaptureEvents(log, pipeline);
      for await (const c of capturesOf(out.dir, state.crawl_id, log)) {
        crawl.restoreCapture(c);
        await recovery?.capture(ordinal, events.valid(c));
        ordinal++;
      }
      pipeline.continueAt(ordinal);
      recovered = await recovery?.finish();
      log.info(
        { crawlId: state.crawl_id, captures: ordinal, recovered },
        'resuming the unfinished crawl in this folder',
      );
    }
    return new CrawlRun(crawl, state, out, pipeline, router, output, recovered);
  }

  /** Crawls until the frontier is empty or the crawl is stopped, then closes every output. */
  async run(): Promise<CrawlResult> {
    let summary: CrawlSummary;
    try {
      summary = await this.crawl.run();
    } finally {
      await this.closeNow();
    }
    // Only a crawl that ran out of work is finished; one stopped early is resumed next time.
    if (!summary.stoppedEarly) writeCrawlState(this.out, { ...this.state, status: 'finished' });
    // Counted once the last batches were inserted or spilled.
    const o = this.output;
    return {
      summary,
      events: this.router.counts,
      destination: o?.describe,
      spilled: o?.spilled() ?? 0,
      spillHint: o?.spillHint,
      recovered: this.recovered,
    };
  }

  /** Flushes and closes the capture file, the event files and the destination (also when abandoning the crawl). */
  async closeNow(): Promise<void> {
    await this.pipeline.close();
    await this.output?.close();
  }
}

/**
 * `vucrawl replay OUT`: writes again, without crawling, what the destination's journal does
 * not show as safe for the folder's latest crawl. Undefined when the folder has no crawl.
 */
export async function recoverCrawlOutputs(
  outDir: string,
  to: EventDestination,
  log: Logger,
): Promise<{ crawlId: string; captures: number; recovered: number; destination: string } | undefined> {
  const out = outPaths(outDir);
  const state = readCrawlState(out);
  if (!state) return undefined;
  const output = await openEventOutput(to, out, log);
  if (!output) return undefined;
  try {
    const recovery = await output.recovery();
    let ordinal = 0;
    const events = new CaptureEvents(log, { extractionErrors: 0 });
    for await (const c of capturesOf(outDir, state.crawl_id, log)) await recovery.capture(ordinal++, events.valid(c));
    return {
      crawlId: state.crawl_id,
      captures: ordinal,
      recovered: await recovery.finish(),
      destination: output.describe,
    };
  } finally {
    await output.close();
  }
}

/** The captures of one crawl in a folder's captures.ndjson, in file order (lines that do not parse are skipped). */
export async function* capturesOf(outDir: string, crawlId: string, log: Logger): AsyncGenerator<PageCapture> {
  const file = outPaths(outDir).captures;
  try {
    for await (const { value } of readNdjson<PageCapture>(file, (line, error) =>
      log.warn(`${file}:${line}: not JSON (${error}); skipped`),
    )) {
      if (value?.crawl_id === crawlId) yield value;
    }
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
}
