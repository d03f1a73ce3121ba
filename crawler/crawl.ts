// A crawl run: hands frontier targets to virtual users (the browser pool's), at most `concurrency` pages at a
// time (p-queue), writes each page's capture to its output (waiting for it:
// backpressure), feeds the links back to the frontier, retries connection failures with
// backoff, and stops cleanly: stop() takes no new work, lets pages in flight finish
// within shutdownGraceMs, abandons the rest, and flushes the output. What the output
// does with a capture (files, extraction, stores) is not the crawler's business.
import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { CapturedFavicon, PageCapture } from '../capture/capture.js';
import type { OutPaths } from '../runtime/out-paths.js';
import { backoffDelay, withTimeout } from '../runtime/timing.js';
import type { SeedInput } from '../seeds/seed-file.js';
import { Autoscaler, AUTOSCALE_DEFAULTS } from './autoscale.js';
import { Egress } from './egress/egress.js';
import { RobotsPolicy } from './robots.js';
import { BrowserPool, type VirtualUser } from './browser-pool.js';
import { Frontier, type Rejection, type Target } from './frontier.js';
import { comparisonProfiles, peakConcurrency, type CrawlOptions } from './options.js';
import { busyPause, fetchRobots, skippedCapture, visit, type VisitContext } from './visit.js';

const ABANDON_MS = 10_000;

/**
 * How a crawl hands on what it finds. A local crawl queues a page's links itself; a fleet
 * worker sends them back to the shared frontier (Kafka) and confirms each target there.
 */
export interface CrawlHooks {
  /** A page is about to be visited; resolving false means it is no longer this crawl's to visit (it is dropped unreported). */
  pageStarted?(target: Target): Promise<boolean>;
  /** A page's capture was written: instead of queueing its links here. */
  pageDone?(target: Target, capture: PageCapture): Promise<void>;
  /** A target ended without a capture (refused, or failed for good). */
  targetDropped?(target: Target): Promise<void>;
  /** Targets keep arriving from elsewhere: an empty frontier does not end the crawl, stop() does. */
  keepRunning?: boolean;
}

/** Where a crawl hands each page's capture; write() resolving late slows the crawl (backpressure). */
export interface CaptureOutput {
  write(captures: PageCapture[]): Promise<void>;
  /** Makes everything written durable; called once the crawl is over. */
  flush(): Promise<void>;
}

/** Who a crawl is, how it hands on what it finds, and where in the output folder it writes itself. */
export interface CrawlSetup {
  crawlId?: string;
  hooks?: CrawlHooks;
  /** The output folder's layout, of which the crawl writes the screenshots; unset, only their hashes are kept. */
  out?: Pick<OutPaths, 'screenshots'>;
}

export interface CrawlProgress {
  done: number;
  failed: number;
  active: number;
  queued: number;
  pagesPerSecond: number;
}

/** What the crawl's metrics read when Prometheus scrapes. */
export interface CrawlGauges {
  queued: number;
  inFlight: number;
  /** Pages that may be in flight now (with concurrency 'auto', what the CPU allows). */
  concurrency: number;
  browserLaunches: number;
  browserCrashes: number;
  robotsSkipped: number;
  /** Connections the egress policy refused. */
  egressDenied: number;
}

export interface CrawlSummary {
  crawlId: string;
  pages: number;
  /** Pages whose document answered (ok, http-error, or a partial capture after a timeout). */
  crawled: number;
  ok: number;
  failed: number;
  refused: number;
  retries: number;
  abandoned: number;
  queuedLeft: number;
  rejectedLinks: Partial<Record<Rejection, number>>;
  browserLaunches: number;
  browserCrashes: number;
  /** Pages not visited because robots.txt disallows them (written as skipped captures). */
  robotsSkipped: number;
  seconds: number;
  pagesPerSecond: number;
  stoppedEarly: boolean;
  /** Most pages that were in flight at once (with concurrency 'auto', how far the CPU let it grow). */
  peakInFlight: number;
  /** Set when this run resumed an interrupted crawl: pages it had captured, and targets left to crawl. */
  resumed?: { done: number; queued: number };
}

export class Crawl {
  readonly crawlId: string;
  private readonly frontier: Frontier;
  private readonly browsers: BrowserPool;
  private readonly queue: PQueue;
  private stopping = false;
  private wake?: () => void;
  private pendingRetries = 0;
  private readonly counts = { done: 0, crawled: 0, ok: 0, failed: 0, refused: 0, retries: 0, abandoned: 0 };
  private restored?: { done: number };
  private startedAt = 0;
  private readonly egress: Egress;
  private readonly robots: RobotsPolicy;
  /** Sets how many pages may be in flight when concurrency is 'auto'. */
  private readonly autoscaler?: Autoscaler;
  private peakInFlight = 0;
  /** Aborted when the shutdown grace expires: pages in flight end at once as `abandoned`. */
  private readonly shutdown = new AbortController();
  private readonly favicons = new Map<string, Promise<CapturedFavicon>>();
  private readonly hooks: CrawlHooks;
  private readonly screenshotsDir?: string;

  constructor(
    private readonly opts: CrawlOptions,
    private readonly output: CaptureOutput,
    private readonly log: Logger,
    setup: CrawlSetup = {},
  ) {
    this.crawlId = setup.crawlId ?? randomUUID();
    this.hooks = setup.hooks ?? {};
    this.screenshotsDir = setup.out?.screenshots;
    this.frontier = new Frontier(opts);
    this.egress = new Egress(opts, log);
    this.robots = new RobotsPolicy(opts.robots);
    this.browsers = new BrowserPool(opts, log, this.egress);
    this.queue = new PQueue({ concurrency: peakConcurrency(opts) });
    this.autoscaler =
      opts.concurrency === 'auto'
        ? new Autoscaler(
            { ...AUTOSCALE_DEFAULTS, max: opts.maxConcurrency },
            () => this.frontier.queued > 0 && this.queue.pending >= this.limit(),
          )
        : undefined;
  }

  /** Queues seeds; returns the ones the frontier refused, with the reason. */
  addSeeds(seeds: SeedInput[]): { url: string; reason: Rejection }[] {
    const refused: { url: string; reason: Rejection }[] = [];
    for (const s of seeds) {
      const r = this.frontier.addSeed(s);
      if (typeof r === 'string') refused.push({ url: s.url, reason: r });
    }
    this.wake?.();
    return refused;
  }

  /** Queues targets another part admitted already (a fleet worker's shared frontier): no dedup or limits here, politeness and priority only. */
  addAdmitted(targets: Target[]): void {
    for (const t of targets) this.frontier.enqueueAdmitted(t);
    this.wake?.();
  }

  /** Takes queued targets off the queue (a fleet worker's partition moved away); pages in flight finish. */
  dropQueued(match: (t: Target) => boolean): number {
    return this.frontier.dropQueued(match);
  }

  /** Pages queued and in flight now. */
  get load(): { queued: number; inFlight: number } {
    return { queued: this.frontier.queued + this.pendingRetries, inFlight: this.frontier.active };
  }

  /**
   * A capture an interrupted run of this crawl already wrote: its page is not crawled
   * again, and its links are queued as they were. Call for each, in file order, after
   * the crawl's seeds were added and before run(). An abandoned page is crawled again.
   */
  restoreCapture(c: Pick<PageCapture, 'target' | 'final_url' | 'links' | 'outcome'>): boolean {
    if (c.outcome === 'abandoned') return false;
    const t = this.frontier.restoreDone(c.target.url);
    if (!t) return false;
    this.frontier.addLinks(t, c.final_url, c.links);
    this.restored = { done: (this.restored?.done ?? 0) + 1 };
    return true;
  }

  progress(): CrawlProgress {
    const secs = this.startedAt ? (Date.now() - this.startedAt) / 1000 : 0;
    return {
      done: this.counts.done,
      failed: this.counts.failed,
      active: this.frontier.active,
      queued: this.frontier.queued + this.pendingRetries,
      pagesPerSecond: secs > 0 ? this.counts.done / secs : 0,
    };
  }

  gauges(): CrawlGauges {
    return {
      ...this.load,
      concurrency: this.limit(),
      browserLaunches: this.browsers.launches,
      browserCrashes: this.browsers.crashes,
      robotsSkipped: this.robots.skipped,
      egressDenied: this.egress.stats?.denied ?? 0,
    };
  }

  /** Stop taking work; pages in flight get shutdownGraceMs to finish. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.log.info(
      { inFlight: this.frontier.active, graceMs: this.opts.shutdownGraceMs },
      'stopping: no new pages; finishing pages in flight',
    );
    this.wake?.();
  }

  /** Stop now: no grace; pages in flight end at once and are written as `abandoned` captures. */
  abandonNow(): void {
    this.stop();
    this.shutdown.abort();
  }

  async run(): Promise<CrawlSummary> {
    this.startedAt = Date.now();
    const resumed = this.restored && { done: this.restored.done, queued: this.frontier.queued };
    this.autoscaler?.start();
    try {
      await this.schedule();
      const signal = this.shutdown.signal;
      const abandoned = signal.aborted
        ? Promise.resolve()
        : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      const grace = this.stopping ? this.opts.shutdownGraceMs : 2 ** 31 - 1;
      // The grace expiring is the answer "not finished", not an error.
      const finished = await withTimeout(
        Promise.race([this.queue.onIdle().then(() => true), abandoned.then(() => false)]),
        grace,
      ).catch(() => false);
      if (!finished) {
        if (!this.shutdown.signal.aborted)
          this.log.warn({ inFlight: this.frontier.active }, 'shutdown grace expired; abandoning pages in flight');
        this.shutdown.abort();
        // Abandoned pages still hand in what they captured; a page stuck past this is dropped.
        await withTimeout(this.queue.onIdle(), ABANDON_MS).catch(() =>
          this.log.warn(
            { stuck: this.queue.pending },
            'pages stuck after they were abandoned: dropped (a resumed crawl visits them again)',
          ),
        );
      }
    } finally {
      this.autoscaler?.stop();
      await this.browsers.close();
      await this.egress.close();
      await this.output.flush();
    }
    const seconds = (Date.now() - this.startedAt) / 1000;
    return {
      crawlId: this.crawlId,
      pages: this.counts.done,
      crawled: this.counts.crawled,
      ok: this.counts.ok,
      failed: this.counts.failed,
      refused: this.counts.refused,
      retries: this.counts.retries,
      abandoned: this.counts.abandoned,
      queuedLeft: this.frontier.queued,
      rejectedLinks: { ...this.frontier.rejected },
      browserLaunches: this.browsers.launches,
      browserCrashes: this.browsers.crashes,
      robotsSkipped: this.robots.skipped,
      seconds,
      pagesPerSecond: seconds > 0 ? this.counts.done / seconds : 0,
      stoppedEarly: this.stopping,
      resumed,
      peakInFlight: this.peakInFlight,
    };
  }

  private async schedule(): Promise<void> {
    while (!this.stopping) {
      if (this.queue.pending >= this.limit()) {
        await this.sleep(1_000);
        continue;
      }
      const t = this.frontier.take();
      if (t === undefined) {
        if (this.queue.pending === 0 && this.pendingRetries === 0 && !this.hooks.keepRunning) return;
        await this.sleep(1_000);
      } else if ('waitMs' in t) {
        await this.sleep(t.waitMs);
      } else {
        void this.queue.add(() => this.runTarget(t)).finally(() => this.wake?.());
        this.peakInFlight = Math.max(this.peakInFlight, this.queue.pending + 1);
      }
    }
  }

  /** Pages that may be in flight now. */
  private limit(): number {
    return this.autoscaler?.current ?? (this.opts.concurrency as number);
  }

  /** Sleeps until `ms` passed or something changed (a page finished, seeds arrived, stop). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async runTarget(t: Target): Promise<void> {
    let retry = false;
    let retryDelay: number | undefined;
    try {
      const refusal = await this.egress.refusal(t.url);
      if (refusal) {
        this.counts.refused++;
        this.log.warn(
          { url: t.url },
          `target refused: ${refusal}; pass --allow-private to crawl private addresses, or --allow-net CIDR for a range`,
        );
        await this.hooks.targetDropped?.(t);
        return;
      }
      this.log.debug({ url: t.url, attempt: t.attempt }, 'page started');
      if (this.hooks.pageStarted && !(await this.hooks.pageStarted(t))) {
        this.log.debug({ url: t.url }, 'page no longer ours: not visited');
        return;
      }
      const egress = this.egress;
      const ctx = {
        opts: this.opts,
        crawlId: t.crawlId ?? this.crawlId,
        browsers: this.browsers,
        shutdown: this.shutdown.signal,
        favicons: this.favicons,
        screenshotsDir: this.screenshotsDir,
        log: this.log,
        // Read when a visit starts: the egress proxy starts with the first browser, after this.
        get egress() {
          return egress.connections;
        },
      };
      const result = await this.visitTarget(t, ctx);
      if (result.retryable && t.attempt < this.opts.retries && !this.stopping) {
        retry = true;
        return;
      }
      // The first visit is the page's: its links are followed, its host's politeness applies.
      const c = result.captures[0]!;
      // A 429 or 503 pauses the host (its Retry-After, bounded) while other hosts go on; the page is tried again after it.
      const pause = busyPause(c, this.opts);
      if (pause !== undefined) {
        this.frontier.backoff(new URL(t.url).host, pause);
        this.log.info({ url: t.url, status: c.status, pauseMs: pause }, 'host says it is busy: pausing it');
        if (t.attempt < this.opts.retries && !this.stopping) {
          retryDelay = pause;
          retry = true;
          return;
        }
      }
      // A comparison's visits go out together: their comparison is made once the last is in.
      await this.output.write(result.captures);
      for (const x of result.captures) this.count(x);
      let added: number;
      if (this.hooks.pageDone) {
        await this.hooks.pageDone(t, c);
        added = c.links.length;
      } else {
        added = this.frontier.addLinks(t, c.final_url, c.links);
      }
      this.log.debug(
        {
          url: t.url,
          final: c.final_url,
          outcome: c.outcome,
          status: c.status,
          requests: c.requests.length,
          links: added,
          ms: c.timings.total_ms,
        },
        'page',
      );
      if (c.outcome !== 'ok')
        this.log.info({ url: t.url, outcome: c.outcome, error: c.error, status: c.status }, 'page not ok');
    } catch (e) {
      // The browser died under the page, or the output failed: retry the page or report it.
      if (t.attempt < this.opts.retries && !this.stopping) retry = true;
      else {
        this.counts.failed++;
        this.log.error({ url: t.url, err: (e as Error).message }, 'page failed');
        await this.hooks
          .targetDropped?.(t)
          .catch((err: Error) => this.log.error({ url: t.url, err: err.message }, 'could not hand on a failed target'));
      }
    } finally {
      this.frontier.done(t);
      if (retry) this.scheduleRetry(t, retryDelay);
    }
  }

  /**
   * A target's visits: one, or one per profile of its comparison, in order, each from fresh
   * browser state (a profile named again revisits with its first visit's state); a person
   * stays on a compared page compareDwellMs at least, a scanner leaves once it is quiet.
   * robots.txt is asked once, as the first visit's user agent.
   */
  private async visitTarget(t: Target, ctx: VisitContext): Promise<{ captures: PageCapture[]; retryable: boolean }> {
    const profile = t.profile ?? this.opts.profile;
    const list = t.compare ?? this.opts.compare;
    const profiles = list.length ? comparisonProfiles(list, profile) : [profile];
    const comparison = list.length ? { id: randomUUID(), profiles } : undefined;
    const users = new Map<string, VirtualUser>();
    const captures: PageCapture[] = [];
    try {
      for (const [index, name] of profiles.entries()) {
        let user = users.get(name);
        if (!user) users.set(name, (user = await this.browsers.acquire(name, { fresh: comparison !== undefined })));
        if (index === 0 && this.robots.applies(t.depth)) {
          const ua = user.profile.user_agent;
          const robots = await this.robots.check(t.url, ua, (url) => fetchRobots(this.egress, ua, this.opts, url));
          if (!robots.allowed) return { captures: [skippedCapture(user, t, ctx, robots.why)], retryable: false };
          if (robots.crawlDelayMs) this.frontier.backoff(new URL(t.url).host, robots.crawlDelayMs);
        }
        const stayMs = comparison && !user.identity.identity.automated ? this.opts.compareDwellMs : 0;
        const r = await visit(user, t, ctx, { comparison: comparison && { ...comparison, index }, stayMs });
        if (index === 0 && r.retryable) return { captures: [r.capture], retryable: true };
        captures.push(r.capture);
      }
    } finally {
      for (const u of users.values()) {
        if (comparison) u.retire = true;
        await this.browsers.release(u);
      }
    }
    return { captures, retryable: false };
  }

  private count(c: PageCapture): void {
    this.counts.done++;
    if (c.outcome === 'ok' || c.outcome === 'http-error' || c.outcome === 'timeout') this.counts.crawled++;
    if (c.outcome === 'ok') this.counts.ok++;
    else if (c.outcome === 'refused') this.counts.refused++;
    else if (c.outcome === 'abandoned') this.counts.abandoned++;
    else if (c.outcome !== 'skipped') this.counts.failed++;
  }

  private scheduleRetry(t: Target, delay = backoffDelay(t.attempt, this.opts.retryBaseMs)): void {
    this.counts.retries++;
    this.pendingRetries++;
    this.log.info({ url: t.url, attempt: t.attempt + 1, delayMs: delay }, 'retrying page');
    setTimeout(() => {
      this.pendingRetries--;
      if (!this.stopping) this.frontier.retry(t);
      this.wake?.();
    }, delay).unref();
  }
}
