// The frontier owns what gets crawled and when: scope (depth, same registrable domain,
// include/exclude, trap heuristics), dedup by normalized URL, crawl and per-site page
// limits, priorities (higher first, then breadth-first) and per-host politeness
// (pages open at once and the pause between two pages of a host).
import type { BrandCheck } from '../capture/capture.js';
import { normalizeUrl, parseHttpUrl, siteOf } from '../capture/url.js';
import type { SeedInput } from '../seeds/seed-file.js';
import type { CrawlOptions, CrawlScope } from './options.js';

export interface Target {
  url: string;
  depth: number;
  seedUrl: string;
  /** The page whose link led here. */
  viaUrl?: string;
  /** A seed's arrival: the Referer (and document.referrer) of its first navigation. */
  referer?: string;
  /** A comparison crawl's profile list, as named (`victim` unexpanded); the pages its links lead to are compared too. */
  compare?: string[];
  /** Virtual-user profile for this target; the run's default when unset. */
  profile?: string;
  /** Higher first. Links inherit their seed's priority. */
  priority: number;
  /** The crawl this target belongs to, when one crawler serves several (a fleet worker); else the crawl's own. */
  crawlId?: string;
  /** The operator's tags, carried into the capture. */
  tags?: string[];
  /** The seed's screenshots= setting, which wins over the crawl's; carried into the capture. */
  screenshots?: boolean;
  /** A brand run's name to judge (capture/capture.ts BrandCheck); not carried to links. */
  brand?: BrandCheck;
  /** The seed's scope, carried to its links ('any': they may lead to other sites whatever the crawl's scope). */
  scope?: CrawlScope;
  /** Where a fleet worker read the target: its partition and offset on vucrawl.targets. */
  source?: { partition: number; offset: string };
  /** Depth limit of this target's seed. */
  maxDepth: number;
  /** How many times it was tried already. */
  attempt: number;
}

/** The settings the frontier acts on (defaults and docs in options.ts). */
export type FrontierOptions = Pick<
  CrawlOptions,
  | 'depth'
  | 'maxPages'
  | 'maxPagesPerSite'
  | 'scope'
  | 'include'
  | 'exclude'
  | 'maxPathSegments'
  | 'maxUrlLength'
  | 'maxPagesPerUrlShape'
  | 'hostConcurrency'
  | 'hostDelayMs'
>;

export type Rejection =
  | 'invalid'
  | 'duplicate'
  | 'out-of-scope'
  | 'excluded'
  | 'not-included'
  | 'too-deep'
  | 'site-limit'
  | 'crawl-limit'
  | 'trap';

interface HostState {
  active: number;
  nextStart: number;
}

const BUSY_POLL_MS = 1000;

export class Frontier {
  private readonly seen = new Set<string>();
  private readonly perSite = new Map<string, number>();
  private readonly perShape = new Map<string, number>();
  private readonly hosts = new Map<string, HostState>();
  /** Buckets by "priority/depth", visited in sorted order; each a FIFO. */
  private readonly buckets = new Map<string, { priority: number; depth: number; items: Target[] }>();
  /** Queued targets by dedup key, for restoreDone(). */
  private readonly queuedByKey = new Map<string, Target>();
  private admitted = 0;
  private inFlight = 0;
  readonly rejected: Partial<Record<Rejection, number>> = {};

  constructor(private readonly opts: FrontierOptions) {}

  get queued(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.items.length;
    return n;
  }

  get active(): number {
    return this.inFlight;
  }

  addSeed(seed: SeedInput): Rejection | Target {
    const u = targetUrl(seed.url);
    if (!u) return this.reject('invalid');
    return this.admit(u, {
      url: u.href,
      depth: 0,
      seedUrl: u.href,
      profile: seed.profile,
      referer: seed.referer,
      compare: seed.compare,
      priority: seed.priority ?? 0,
      maxDepth: seed.depth ?? this.opts.depth,
      attempt: 0,
      tags: seed.tags,
      screenshots: seed.screenshots,
      brand: seed.brand,
    });
  }

  /** Queues the links found on `from` (whose document ended at `pageUrl`); returns how many were new. */
  addLinks(from: Target, pageUrl: string, links: string[]): number {
    if (from.depth >= from.maxDepth) return 0;
    let added = 0;
    for (const link of links) {
      const t = linkTarget(from, pageUrl, link, this.opts);
      const r = typeof t === 'string' ? this.reject(t) : this.admit(new URL(t.url), t);
      if (typeof r !== 'string') added++;
    }
    return added;
  }

  /**
   * A page an interrupted run of the same crawl captured already: its target leaves the
   * queue without being crawled (it keeps its place in the limits) and is returned, so
   * that its links can be queued again as they were. Undefined when it is not queued.
   */
  restoreDone(url: string): Target | undefined {
    const u = targetUrl(url);
    const t = u && this.queuedByKey.get(normalizeUrl(u));
    if (!t) return undefined;
    this.queuedByKey.delete(normalizeUrl(u));
    const key = `${t.priority}/${t.depth}`;
    const bucket = this.buckets.get(key)!;
    bucket.items.splice(bucket.items.indexOf(t), 1);
    if (bucket.items.length === 0) this.buckets.delete(key);
    return t;
  }

  /** Takes the queued targets that match off the queue (a fleet worker's partition moved to another worker); returns how many. */
  dropQueued(match: (t: Target) => boolean): number {
    let n = 0;
    for (const [key, b] of this.buckets) {
      const keep = b.items.filter((t) => !match(t));
      n += b.items.length - keep.length;
      for (const t of b.items) if (match(t)) this.queuedByKey.delete(normalizeUrl(new URL(t.url)));
      if (keep.length) b.items = keep;
      else this.buckets.delete(key);
    }
    return n;
  }

  /** Queues a target admitted elsewhere (a fleet's shared state): politeness and priority apply, not dedup or limits. */
  enqueueAdmitted(t: Target): void {
    this.enqueue(t);
  }

  /** Puts a failed target back for another attempt (it keeps its slot in the limits). */
  retry(t: Target): void {
    this.enqueue({ ...t, attempt: t.attempt + 1 });
  }

  /**
   * The next target whose host may start a page now; `{ waitMs }` when every queued
   * target waits for its host; undefined when nothing is queued.
   */
  take(now = Date.now()): Target | { waitMs: number } | undefined {
    let wait = Infinity;
    for (const key of [...this.buckets.keys()].sort(bucketOrder)) {
      const bucket = this.buckets.get(key)!;
      for (let i = 0; i < bucket.items.length; i++) {
        const t = bucket.items[i]!;
        const h = this.host(new URL(t.url).host);
        if (h.active >= this.opts.hostConcurrency) continue;
        if (h.nextStart > now) {
          wait = Math.min(wait, h.nextStart - now);
          continue;
        }
        bucket.items.splice(i, 1);
        if (bucket.items.length === 0) this.buckets.delete(key);
        this.queuedByKey.delete(normalizeUrl(new URL(t.url)));
        h.active++;
        h.nextStart = now + this.opts.hostDelayMs;
        this.inFlight++;
        return t;
      }
    }
    if (wait !== Infinity) return { waitMs: wait };
    // Only busy hosts block: the crawl is woken when one of their pages finishes.
    return this.queued > 0 ? { waitMs: BUSY_POLL_MS } : undefined;
  }

  /** Keeps a host from starting pages for `ms` (a 429 or 503 with its Retry-After, a robots.txt Crawl-delay). */
  backoff(host: string, ms: number, now = Date.now()): void {
    const h = this.host(host);
    h.nextStart = Math.max(h.nextStart, now + ms);
  }

  /** Call once for every target handed out by take(), when its page is done. */
  done(t: Target, now = Date.now()): void {
    const h = this.host(new URL(t.url).host);
    h.active--;
    h.nextStart = Math.max(h.nextStart, now + this.opts.hostDelayMs);
    this.inFlight--;
  }

  private admit(u: URL, t: Target): Rejection | Target {
    if (t.depth > t.maxDepth) return this.reject('too-deep');
    const unwanted = urlRejection(u, t.depth, this.opts);
    if (unwanted) return this.reject(unwanted);
    const key = normalizeUrl(u);
    if (this.seen.has(key)) return this.reject('duplicate');
    if (this.admitted >= this.opts.maxPages) return this.reject('crawl-limit');
    const site = siteOf(u.hostname);
    const n = this.perSite.get(site) ?? 0;
    if (n >= this.opts.maxPagesPerSite) return this.reject('site-limit');
    const shape = urlShape(u);
    const ns = this.perShape.get(shape) ?? 0;
    if (t.depth > 0 && ns >= this.opts.maxPagesPerUrlShape) return this.reject('trap');
    this.seen.add(key);
    this.perSite.set(site, n + 1);
    this.perShape.set(shape, ns + 1);
    this.admitted++;
    t.url = u.href.replace(/#.*$/, '');
    this.enqueue(t);
    return t;
  }

  private enqueue(t: Target): void {
    this.queuedByKey.set(normalizeUrl(new URL(t.url)), t);
    const key = `${t.priority}/${t.depth}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { priority: t.priority, depth: t.depth, items: [] }));
    b.items.push(t);
  }

  private host(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { active: 0, nextStart: 0 }));
    return h;
  }

  private reject(r: Rejection): Rejection {
    this.rejected[r] = (this.rejected[r] ?? 0) + 1;
    return r;
  }
}

/** The rules a followed link must pass that need no memory of the crawl (a fleet worker applies them before sending links on). */
export type LinkRules = Pick<FrontierOptions, 'scope' | 'include' | 'exclude' | 'maxPathSegments' | 'maxUrlLength'>;

/** A link found on `from` (whose document ended at pageUrl) as the target to follow, or why not. */
export function linkTarget(from: Target, pageUrl: string, link: string, opts: LinkRules): Target | Rejection {
  if (from.depth >= from.maxDepth) return 'too-deep';
  const u = targetUrl(link);
  if (!u) return 'invalid';
  if (opts.scope === 'site' && from.scope !== 'any' && siteOf(u.hostname) !== siteOf(new URL(pageUrl).hostname))
    return 'out-of-scope';
  const unwanted = urlRejection(u, from.depth + 1, opts);
  if (unwanted) return unwanted;
  return {
    url: u.href.replace(/#.*$/, ''),
    depth: from.depth + 1,
    seedUrl: from.seedUrl,
    viaUrl: pageUrl,
    profile: from.profile,
    compare: from.compare,
    priority: from.priority,
    maxDepth: from.maxDepth,
    attempt: 0,
    crawlId: from.crawlId,
    tags: from.tags,
    screenshots: from.screenshots,
    scope: from.scope,
  };
}

/** Why a URL is not wanted whatever the crawl holds: a crawler trap's shape, or the operator's include/exclude. */
function urlRejection(
  u: URL,
  depth: number,
  opts: Pick<LinkRules, 'include' | 'exclude' | 'maxPathSegments' | 'maxUrlLength'>,
): Rejection | undefined {
  if (isTrap(u, opts)) return 'trap';
  if (opts.exclude.some((re) => re.test(u.href))) return 'excluded';
  if (depth > 0 && opts.include.length && !opts.include.some((re) => re.test(u.href))) return 'not-included';
  return undefined;
}

/** Calendar-style traps show up as ever longer URLs or one path segment repeated. */
function isTrap(u: URL, opts: Pick<LinkRules, 'maxPathSegments' | 'maxUrlLength'>): boolean {
  if (u.href.length > opts.maxUrlLength) return true;
  const segments = u.pathname.split('/').filter(Boolean);
  if (segments.length > opts.maxPathSegments) return true;
  const counts = new Map<string, number>();
  for (const s of segments) {
    const c = (counts.get(s) ?? 0) + 1;
    if (c > 3) return true;
    counts.set(s, c);
  }
  return false;
}

/** An http(s) URL to crawl, without credentials: they are never used, stored or logged (capture/url.ts). */
function targetUrl(raw: string): URL | undefined {
  const u = parseHttpUrl(raw);
  if (u) {
    u.username = '';
    u.password = '';
  }
  return u;
}

/** Host and path with every run of digits folded: calendar and pager pages share one shape. */
export function urlShape(u: URL): string {
  return `${u.host}${u.pathname.replace(/\d+/g, '0')}`;
}

/** "priority/depth" keys: higher priority first, then lower depth (breadth-first). */
function bucketOrder(a: string, b: string): number {
  const [pa, da] = a.split('/').map(Number) as [number, number];
  const [pb, db] = b.split('/').map(Number) as [number, number];
  return pb - pa || da - db;
}
