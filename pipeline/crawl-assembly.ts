// A crawl put together, the one way every caller does it (crawl-run.ts for vucrawl crawl,
// demo, the server's crawls and monitor runs; fleet/worker.ts for a Kafka worker): the
// crawl (its frontier and browser pool) hands each page's capture to the capture pipeline
// (OUT/captures.ndjson, extraction), whose events pass the event router (validation once)
// to the NDJSON event files, to the output the caller opened (the store or Kafka) and to
// its observers (watches, a monitor's visits); the crawl writes screenshots where the
// output folder's layout says. With a registry, the crawl is counted in it.
import type { Logger } from 'pino';
import type { PageCapture } from '../capture/capture.js';
import { Crawl, type CrawlHooks } from '../crawler/crawl.js';
import type { CrawlOptions } from '../crawler/options.js';
import type { DeadLetterRecord, VucrawlEvent } from '../extractor/events.js';
import type { Registry } from '../runtime/metrics.js';
import type { OutPaths } from '../runtime/out-paths.js';
import { EventFiles } from '../sinks/event-files.js';
import { EventRouter } from '../sinks/event-router.js';
import type { Sink } from '../sinks/sink.js';
import { CapturePipeline } from './capture-pipeline.js';
import { CrawlMetrics } from './crawl-metrics.js';

/** Where a crawl's events go besides the NDJSON files. */
export interface CrawlOutput {
  events: Sink<VucrawlEvent>;
  deadLetters: Sink<DeadLetterRecord>;
  /** Where it keeps events while their destination is unreachable (the metrics count them). */
  spillDir: string;
}

/**
 * Given every capture's events as the outputs get them (validated), one write per capture
 * with its ordinal; told of each batch of captures, and the ordinal of the first, before.
 */
export interface CaptureObserver extends Sink<VucrawlEvent> {
  remember(captures: readonly PageCapture[], firstOrdinal: number): void;
}

export interface CrawlAssembly {
  crawlId: string;
  output?: CrawlOutput;
  observers?: readonly CaptureObserver[];
  hooks?: CrawlHooks;
  metrics?: Registry;
}

export interface AssembledCrawl {
  crawl: Crawl;
  /** Close it once the crawl ran: it closes the event files and the output. */
  pipeline: CapturePipeline;
  router: EventRouter;
}

export function assembleCrawl(opts: CrawlOptions, out: OutPaths, log: Logger, a: CrawlAssembly): AssembledCrawl {
  const files = new EventFiles(out.dir, log);
  const observers = a.observers ?? [];
  const router = new EventRouter(
    [files, ...(a.output ? [a.output.events] : []), ...observers],
    [files, ...(a.output ? [a.output.deadLetters] : [])],
    log,
  );
  const pipeline = new CapturePipeline(
    out,
    router,
    log,
    observers.length
      ? (captures, first) => {
          for (const o of observers) o.remember(captures, first);
        }
      : undefined,
  );
  const gauges: { crawl?: Crawl } = {};
  const metrics =
    a.metrics &&
    new CrawlMetrics(a.metrics, {
      crawl: () => gauges.crawl?.gauges(),
      events: () => router.counts,
      spillDirs: () => (a.output ? [a.output.spillDir] : []),
    });
  const crawl = new Crawl(opts, metrics ? metrics.observing(pipeline) : pipeline, log, {
    crawlId: a.crawlId,
    hooks: a.hooks,
    out,
  });
  gauges.crawl = crawl;
  return { crawl, pipeline, router };
}
