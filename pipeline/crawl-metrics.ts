// A crawl's Prometheus metrics (`--metrics HOST:PORT` on crawl and worker): pages by
// outcome, page time, requests and bytes hashed, counted as each capture is written; the
// frontier, the browsers, robots.txt and the egress policy, events by type and what is
// spilled, read from their owners when Prometheus scrapes.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Counter, Histogram } from 'prom-client';
import type { PageCapture } from '../capture/capture.js';
import { CAPTURE_OUTCOMES } from '../capture/vocabulary.js';
import type { CaptureOutput, CrawlGauges } from '../crawler/crawl.js';
import { counterOf, gaugeOf, type Registry } from '../runtime/metrics.js';

/** Where the scrape-time values come from. */
export interface CrawlMetricSources {
  crawl(): CrawlGauges | undefined;
  /** Events handed to the outputs so far, by type (dead letters included). */
  events(): Partial<Record<string, number>>;
  /** Folders where events wait while their destination is down. */
  spillDirs(): string[];
}

const PAGE_SECONDS_BUCKETS = [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

export class CrawlMetrics {
  private readonly pages: Counter<'outcome'>;
  private readonly pageSeconds: Histogram;
  private readonly requests: Counter;
  private readonly bytesHashed: Counter;

  constructor(
    readonly registry: Registry,
    sources: CrawlMetricSources,
  ) {
    const registers = [registry];
    this.pages = new Counter({
      name: 'vucrawl_pages_total',
      help: 'Pages captured, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of CAPTURE_OUTCOMES) this.pages.inc({ outcome }, 0);
    this.pageSeconds = new Histogram({
      name: 'vucrawl_page_seconds',
      help: 'Time from the start of a visit to its capture.',
      buckets: PAGE_SECONDS_BUCKETS,
      registers,
    });
    this.requests = new Counter({
      name: 'vucrawl_requests_total',
      help: 'HTTP requests recorded in captures (each hop of a redirect chain counts).',
      registers,
    });
    this.bytesHashed = new Counter({
      name: 'vucrawl_bytes_hashed_total',
      help: 'Bytes of response bodies and downloads hashed with SHA-256.',
      registers,
    });

    const g = (read: (c: CrawlGauges) => number) => () => {
      const c = sources.crawl();
      return c ? read(c) : 0;
    };
    gaugeOf(
      registry,
      'vucrawl_frontier_queued',
      'Targets waiting in the frontier (retries included).',
      g((c) => c.queued),
    );
    gaugeOf(
      registry,
      'vucrawl_pages_in_flight',
      'Pages being visited now.',
      g((c) => c.inFlight),
    );
    gaugeOf(
      registry,
      'vucrawl_concurrency_limit',
      'Pages that may be in flight now (with --concurrency auto, what the CPU allows).',
      g((c) => c.concurrency),
    );
    counterOf(
      registry,
      {
        name: 'vucrawl_browser_launches_total',
        help: 'Browsers launched (one per virtual user, again after a crash or pages-per-browser).',
      },
      g((c) => c.browserLaunches),
    );
    counterOf(
      registry,
      { name: 'vucrawl_browser_crashes_total', help: 'Browsers that crashed or disconnected.' },
      g((c) => c.browserCrashes),
    );
    counterOf(
      registry,
      { name: 'vucrawl_robots_skipped_total', help: 'Targets not visited because robots.txt disallows them.' },
      g((c) => c.robotsSkipped),
    );
    counterOf(
      registry,
      { name: 'vucrawl_egress_denied_total', help: 'Connections the egress policy refused.' },
      g((c) => c.egressDenied),
    );
    counterOf(
      registry,
      {
        name: 'vucrawl_events_total',
        help: 'Events extracted and handed to the outputs, by type (dead_letter: events that failed validation).',
        label: 'type',
      },
      sources.events,
    );
    gaugeOf(
      registry,
      'vucrawl_spill_files',
      'Files of events kept on disk while their destination is unreachable.',
      () => spillFiles(sources.spillDirs()).files,
    );
    gaugeOf(
      registry,
      'vucrawl_spill_bytes',
      'Bytes of events kept on disk while their destination is unreachable.',
      () => spillFiles(sources.spillDirs()).bytes,
    );
  }

  observe(c: PageCapture): void {
    this.pages.inc({ outcome: c.outcome });
    if (c.outcome !== 'skipped' && c.outcome !== 'refused') this.pageSeconds.observe(c.timings.total_ms / 1000);
    this.requests.inc(c.requests.length);
    let bytes = 0;
    for (const r of c.requests) if (r.body?.sha256) bytes += r.body.size;
    for (const d of c.downloads) if (d.sha256) bytes += d.size;
    this.bytesHashed.inc(bytes);
  }

  /** The same output, counting each capture as it is written. */
  observing(output: CaptureOutput): CaptureOutput {
    return {
      write: async (captures) => {
        await output.write(captures);
        for (const c of captures) this.observe(c);
      },
      flush: () => output.flush(),
    };
  }
}

function spillFiles(dirs: string[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // no such folder (yet): nothing spilled there
    }
    for (const n of names) {
      try {
        bytes += statSync(path.join(dir, n)).size;
        files++;
      } catch {
        // gone while we looked: sent meanwhile
      }
    }
  }
  return { files, bytes };
}
