// One crawl, wired end to end: the crawler's captures go through the capture pipeline
// (captures.ndjson, extraction, validation once) to the NDJSON event files and to Kafka
// when brokers are configured, else to the store (unless there is none). The commands that
// crawl (crawl, demo) add a terminal, signals and a summary around it.
import type { Logger } from 'pino';
import { Crawl, type CrawlSummary } from '../crawler/crawl.js';
import type { CrawlOptions } from '../crawler/options.js';
import type { SeedInput } from '../seeds/seed-file.js';
import { EventFiles } from '../sinks/event-files.js';
import { EventRouter } from '../sinks/event-router.js';
import { CapturePipeline } from './capture-pipeline.js';
import { openEventOutput, type EventDestination, type EventOutput } from './event-output.js';

export type { EventDestination } from './event-output.js';

export interface CrawlResult {
  summary: CrawlSummary;
  events: EventRouter['counts'];
  /** Where the events went besides the NDJSON files (the store, or Kafka). */
  destination?: string;
  /** Events kept on disk because the destination was unreachable, and how to send them. */
  spilled: number;
  spillHint?: string;
}

export class CrawlRun {
  private constructor(
    readonly crawl: Crawl,
    private readonly pipeline: CapturePipeline,
    private readonly router: EventRouter,
    private readonly output: EventOutput | undefined,
    private readonly log: Logger,
  ) {}

  static async open(opts: CrawlOptions, outDir: string, log: Logger, to: EventDestination = {}): Promise<CrawlRun> {
    const files = new EventFiles(outDir);
    const output = await openEventOutput(to, outDir, log);
    const router = new EventRouter(output ? [files, output.events] : [files], output ? [files, output.deadLetters] : [files], log);
    const pipeline = new CapturePipeline(outDir, router, log);
    return new CrawlRun(new Crawl(opts, pipeline, log), pipeline, router, output, log);
  }

  /** Queues seeds; the ones the frontier refuses are logged with the reason. */
  addSeeds(seeds: SeedInput[]): void {
    for (const r of this.crawl.addSeeds(seeds)) this.log.warn({ url: r.url }, `seed skipped: ${r.reason}`);
  }

  /** Crawls until the frontier is empty or the crawl is stopped, then closes every output. */
  async run(): Promise<CrawlResult> {
    let summary: CrawlSummary;
    try {
      summary = await this.crawl.run();
    } finally {
      await this.closeNow();
    }
    // Counted once the last batches were inserted or spilled.
    const o = this.output;
    return { summary, events: this.router.counts, destination: o?.describe, spilled: o?.spilled() ?? 0, spillHint: o?.spillHint };
  }

  /** Flushes and closes the capture file, the event files and the destination (also when abandoning the crawl). */
  async closeNow(): Promise<void> {
    await this.pipeline.close();
    await this.output?.close();
  }
}
