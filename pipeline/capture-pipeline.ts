// Where a capture becomes events during a crawl: each page's capture is appended to
// captures.ndjson (the extractor's input, so rules can be re-run later with `vucrawl
// extract`), then extracted, and the events handed to the event router (validation once,
// then every output); the last visit of a comparison brings its cloaking event along
// (comparisons.ts). A capture the extractor cannot handle is reported with its URL and
// kept; the crawl goes on.
import type { Logger } from 'pino';
import type { PageCapture } from '../capture/capture.js';
import type { VucrawlEvent } from '../extractor/events.js';
import { extractEvents } from '../extractor/extract.js';
import { Comparisons } from './comparisons.js';
import type { OutPaths } from '../runtime/out-paths.js';
import { NdjsonSink } from '../sinks/ndjson.js';
import type { Sink } from '../sinks/sink.js';

export class CapturePipeline implements Sink<PageCapture> {
  readonly captures: NdjsonSink<PageCapture>;
  extractionErrors = 0;

  /** Ordinal of the next capture among its crawl's captures: outputs journal what they stored by it. */
  private nextOrdinal = 0;
  private readonly comparisons = new Comparisons();

  /** `before`: told of each batch of captures before their events are written (watches read the pages' text). */
  constructor(out: OutPaths, private readonly events: Sink<unknown>, private readonly log: Logger, private readonly before?: (captures: PageCapture[]) => void) {
    this.captures = new NdjsonSink(out.captures);
    if (this.captures.torn) log.warn(this.captures.torn, 'a torn last capture line (a write cut off by a crash) was moved aside; that page is crawled again');
  }

  /** A resumed crawl: the file already holds this many of its captures. */
  continueAt(ordinal: number): void {
    this.nextOrdinal = ordinal;
  }

  async write(batch: PageCapture[]): Promise<void> {
    await this.captures.write(batch);
    this.before?.(batch);
    for (const c of batch) {
      const events = extractOrReport(c, this.log, () => this.extractionErrors++);
      await this.events.write([...events, ...this.comparisons.after(c, events)], { capture: this.nextOrdinal++ });
    }
  }

  async flush(): Promise<void> {
    await this.captures.flush();
    await this.events.flush();
  }

  async close(): Promise<void> {
    await this.captures.close();
    await this.events.close();
  }
}

/** The events of a capture, or none (reported) when extraction fails on it. */
export function extractOrReport(c: PageCapture, log: Logger, onError: () => void): VucrawlEvent[] {
  try {
    return extractEvents(c);
  } catch (e) {
    onError();
    log.error({ url: c?.target?.url, err: (e as Error).message }, 'extraction failed for this capture; it is kept in captures.ndjson');
    return [];
  }
}
