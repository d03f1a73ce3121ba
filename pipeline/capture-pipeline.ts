// Where a capture becomes events during a crawl: each page's capture is appended to
// captures.ndjson (the extractor's input, so rules can be re-run later with `vucrawl
// extract`), then extracted, and the events handed to the event router (validation once,
// then every output); the last visit of a comparison brings its cloaking event along
// (comparisons.ts). A capture the extractor cannot handle is counted and reported with its
// URL, and kept; the crawl goes on. CaptureEvents does this for every path that turns
// captures into events (the live crawl, a resumed one, replay, vucrawl extract).
import type { Logger } from 'pino';
import type { PageCapture } from '../capture/capture.js';
import type { VucrawlEvent } from '../extractor/events.js';
import { extractEvents } from '../extractor/extract.js';
import { Comparisons } from './comparisons.js';
import type { OutPaths } from '../runtime/out-paths.js';
import { NdjsonSink } from '../sinks/ndjson.js';
import type { Sink } from '../sinks/sink.js';
import { validateEvent } from '../sinks/validate.js';

export class CapturePipeline implements Sink<PageCapture> {
  readonly captures: NdjsonSink<PageCapture>;
  extractionErrors = 0;

  /** Ordinal of the next capture among its crawl's captures: outputs journal what they stored by it. */
  private nextOrdinal = 0;
  private readonly extract: CaptureEvents;

  /** `before`: told of each batch of captures, and the ordinal of the first, before their events are written (watches read the pages' text). */
  constructor(
    out: OutPaths,
    private readonly events: Sink<unknown>,
    log: Logger,
    private readonly before?: (captures: PageCapture[], firstOrdinal: number) => void,
  ) {
    this.captures = new NdjsonSink(out.captures);
    if (this.captures.torn)
      log.warn(
        this.captures.torn,
        'a torn last capture line (a write cut off by a crash) was moved aside; that page is crawled again',
      );
    this.extract = new CaptureEvents(log, this);
  }

  /** A resumed crawl: the file already holds this many of its captures. */
  continueAt(ordinal: number): void {
    this.nextOrdinal = ordinal;
  }

  /**
   * The crawl's pages write at once (a comparison's visits in one batch): each batch takes its
   * ordinals before its first await, in the order its lines go into captures.ndjson (the
   * stream appends in call order), and observers learn each capture's ordinal then.
   */
  async write(batch: PageCapture[]): Promise<void> {
    const first = this.nextOrdinal;
    this.nextOrdinal += batch.length;
    this.before?.(batch, first);
    await this.captures.write(batch);
    for (const [i, c] of batch.entries()) await this.events.write(this.extract.of(c), { capture: first + i });
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

/**
 * Captures' events, the same on every path: extracted (a failure is counted and logged, and
 * the capture gives none), and a comparison's cloaking event with its last visit (captures
 * in the order they were written).
 */
export class CaptureEvents {
  private readonly comparisons = new Comparisons();

  /** `counts`: where extraction failures are counted (a pipeline's, or a command's). */
  constructor(
    private readonly log: Logger,
    private readonly counts: { extractionErrors: number },
  ) {}

  /** As extracted, for the event router (which validates them). */
  of(c: PageCapture): VucrawlEvent[] {
    let events: VucrawlEvent[];
    try {
      events = extractEvents(c);
    } catch (e) {
      this.counts.extractionErrors++;
      this.log.error(
        { url: c?.target?.url, err: (e as Error).message },
        'extraction failed for this capture; it is kept in captures.ndjson',
      );
      events = [];
    }
    return [...events, ...this.comparisons.after(c, events)];
  }

  /** Validated, as the router passes them on: for outputs written again without it (after a crash). */
  valid(c: PageCapture): VucrawlEvent[] {
    return this.of(c).flatMap((e) => {
      const v = validateEvent(e);
      return v.ok ? [v.event] : [];
    });
  }
}
