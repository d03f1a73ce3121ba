// Every crawl setting with its default, in one place. The CLI, the demo, the bench and
// the tests all build a CrawlOptions through resolveCrawlOptions().
import { withDefaults } from '../runtime/defaults.js';
import type { NetRangeInput } from './egress/address-policy.js';
import type { HostRulesInput } from './egress/host-rules.js';
import { ProfileCatalog, type NamedProfile } from './identity/profiles.js';
import type { RobotsMode } from './robots.js';

export type BrowserEngine = 'headless-shell' | 'chromium';

export const SETTLE_RULES = ['quiet', 'idle'] as const;
export type SettleRule = (typeof SETTLE_RULES)[number];

/** Where followed links may lead: site, within the seed's registrable domain (tldts); any, to other sites too (--any-site). */
export type CrawlScope = 'site' | 'any';

export interface CrawlOptions {
  /** Frontier */
  depth: number;
  maxPages: number;
  maxPagesPerSite: number;
  /** Where followed links may lead (a target's own scope 'any' widens it). */
  scope: CrawlScope;
  include: RegExp[];
  exclude: RegExp[];
  /** Links with more path segments / characters than this are treated as crawler traps. */
  maxPathSegments: number;
  maxUrlLength: number;
  /** Pages per host whose URLs differ only in their digits (/calendar/2026/11, /calendar/2026/12, ...). */
  maxPagesPerUrlShape: number;

  /** Browser pool: pages in flight (one virtual user each), fixed, or 'auto': following the CPU (autoscale.ts) up to maxConcurrency. */
  concurrency: number | 'auto';
  maxConcurrency: number;
  /** Pages a target host may have open at once, and the pause between two of its pages. */
  hostConcurrency: number;
  hostDelayMs: number;
  /** The virtual user of a target that names none (a built-in profile or one of `profiles`). */
  profile: string;
  /** The operator's own profiles (--profiles FILE), beside the built-in ones. */
  profiles: NamedProfile[];
  /** Where the victim arrived from: the Referer and document.referrer of each seed's first navigation (a seed's referer= wins). */
  referer?: string;
  /**
   * A comparison crawl (a seed's compare= wins): every target visited once per profile named,
   * in order, each from fresh browser state (a profile named again revisits with the state of
   * its first visit); `victim` stands for the target's profile and then `scanner`. Empty: one visit.
   */
  compare: string[];
  /** In a comparison, how long a person-like virtual user stays on the page at least (a scanner leaves once it is quiet). */
  compareDwellMs: number;
  engine: BrowserEngine;
  /** More Chromium switches, after the crawler's own (browser-pool.ts BASE_CHROMIUM_ARGS). */
  browserArgs: string[];
  /** Browser binary; when unset, found from VUCRAWL_CHROMIUM, Debian's paths, or Playwright's own. */
  executablePath?: string;
  /** Every virtual user's traffic through this HTTP proxy. */
  proxy?: string;
  /** Extra Chromium host-resolver rules (the test internet maps *.test to loopback this way); the CLI gives them read. */
  hostResolverRules?: HostRulesInput;
  ignoreHttpsErrors: boolean;
  /**
   * The egress policy (crawler/egress/): every connection the browser makes is checked on
   * the address it goes to. allowPrivate allows every address; allowNets allows just
   * those ranges; denyNets denies more (and wins). Default: loopback, private,
   * link-local and special-purpose ranges are denied. The CLI gives the ranges parsed.
   */
  allowPrivate: boolean;
  allowNets: NetRangeInput[];
  denyNets: NetRangeInput[];
  /** DNS server (HOST:PORT) that resolves target names; the system's resolver when unset. */
  dnsServer?: string;
  /** robots.txt: obey, seeds-exempt (the operator's targets are crawled, followed links obey), ignore. */
  robots: RobotsMode;
  /** A 429 or 503 without Retry-After pauses its host this long; Retry-After is honoured up to maxRetryAfterMs. */
  backoffMs: number;
  maxRetryAfterMs: number;
  pagesPerContext: number;
  pagesPerBrowser: number;

  /** Per-page bounds */
  navTimeoutMs: number;
  pageTimeoutMs: number;
  /**
   * After `load`, wait up to settleMs for the page to settle, client redirects followed.
   * 'quiet' (settle.ts): until no request is in flight for quietMs and none of the page's
   * timeouts or its meta refresh is due within the window; 'idle', and 'quiet' on a page
   * without the timer book (a scanner): until the network has been quiet for idleMs.
   */
  settleMs: number;
  settleRule: SettleRule;
  quietMs: number;
  idleMs: number;
  maxRedirects: number;
  maxNavigations: number;
  maxRequests: number;
  maxBodyBytes: number;
  maxDomBytes: number;
  /** Script bodies kept per script for identifier scans, and in all per page. */
  maxScriptBytes: number;
  maxScriptBytesPerPage: number;
  maxDialogs: number;
  maxPopups: number;
  /** Folder to keep downloads in; when unset they are hashed and discarded. */
  downloadsDir?: string;
  /** A viewport screenshot of each page once it settled (a seed's screenshots= wins), then its logos' hashes (logos.ts), at most screenshotTimeoutMs together. */
  screenshots: boolean;
  screenshotTimeoutMs: number;
  retries: number;
  retryBaseMs: number;
  /** On SIGINT/SIGTERM: how long in-flight pages may take to finish before they are abandoned. */
  shutdownGraceMs: number;
}

export const CRAWL_DEFAULTS: CrawlOptions = {
  depth: 0,
  maxPages: 1000,
  maxPagesPerSite: 200,
  scope: 'site',
  include: [],
  exclude: [],
  maxPathSegments: 12,
  maxUrlLength: 2048,
  maxPagesPerUrlShape: 50,

  concurrency: 'auto',
  maxConcurrency: 8,
  hostConcurrency: 2,
  hostDelayMs: 0,
  profile: 'desktop-chrome-windows',
  profiles: [],
  compare: [],
  compareDwellMs: 5_000,
  engine: 'headless-shell',
  browserArgs: [],
  ignoreHttpsErrors: false,
  allowPrivate: false,
  allowNets: [],
  denyNets: [],
  robots: 'seeds-exempt',
  backoffMs: 5_000,
  maxRetryAfterMs: 60_000,
  pagesPerContext: 100,
  pagesPerBrowser: 500,

  navTimeoutMs: 30_000,
  pageTimeoutMs: 45_000,
  settleMs: 2_000,
  settleRule: 'quiet',
  quietMs: 100,
  idleMs: 300,
  maxRedirects: 20,
  maxNavigations: 10,
  maxRequests: 2_000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxDomBytes: 4 * 1024 * 1024,
  maxScriptBytes: 512 * 1024,
  maxScriptBytesPerPage: 4 * 1024 * 1024,
  maxDialogs: 20,
  maxPopups: 10,
  screenshots: false,
  screenshotTimeoutMs: 5_000,
  retries: 1,
  retryBaseMs: 1_000,
  shutdownGraceMs: 10_000,
};

export function resolveCrawlOptions(partial: Partial<CrawlOptions> = {}): CrawlOptions {
  const o = withDefaults(CRAWL_DEFAULTS, partial);
  const positive: (keyof CrawlOptions)[] = [
    'maxPages',
    'maxPagesPerSite',
    'maxConcurrency',
    'hostConcurrency',
    'navTimeoutMs',
    'pageTimeoutMs',
    'maxBodyBytes',
    'pagesPerContext',
    'pagesPerBrowser',
  ];
  for (const k of positive) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new Error(`option ${k} must be a positive number, got ${String(v)}`);
  }
  if (o.concurrency !== 'auto' && !(Number.isInteger(o.concurrency) && o.concurrency > 0))
    throw new Error(`option concurrency must be a whole number > 0 or 'auto', got ${String(o.concurrency)}`);
  if (!Number.isInteger(o.depth) || o.depth < 0)
    throw new Error(`option depth must be a whole number >= 0, got ${o.depth}`);
  if (o.scope !== 'site' && o.scope !== 'any')
    throw new Error(`option scope must be site or any, got ${String(o.scope)}`);
  if (!SETTLE_RULES.includes(o.settleRule))
    throw new Error(`option settleRule must be ${SETTLE_RULES.join(' or ')}, got ${String(o.settleRule)}`);
  if (o.engine !== 'headless-shell' && o.engine !== 'chromium')
    throw new Error(`option engine must be headless-shell or chromium, got ${String(o.engine)}`);
  const profiles = ProfileCatalog.with(o.profiles);
  if (!profiles.has(o.profile))
    throw new Error(`option profile: unknown profile "${o.profile}"; known profiles: ${profiles.names.join(', ')}`);
  const wrong = comparisonError(o.compare, profiles.names);
  if (o.compare.length && wrong) throw new Error(`option compare: ${wrong}`);
  return o;
}

/** Most pages in flight a crawl can have: its fixed concurrency, or the autoscaler's ceiling. */
export function peakConcurrency(o: Pick<CrawlOptions, 'concurrency' | 'maxConcurrency'>): number {
  return o.concurrency === 'auto' ? o.maxConcurrency : o.concurrency;
}

/** What stands for "a victim and a scanner" in a comparison list. */
export const VICTIM = 'victim';
/** The built-in profile that looks like an automated client. */
export const SCANNER_PROFILE = 'scanner';

/** The profiles a comparison visits with, in order: `victim` is `profile` (the target's) and then the scanner. */
export function comparisonProfiles(list: readonly string[], profile: string): string[] {
  return list.flatMap((name) => (name === VICTIM ? [profile, SCANNER_PROFILE] : [name]));
}

/** What is wrong with a comparison list (names it may use: these profiles and `victim`), or undefined. */
export function comparisonError(list: readonly string[], profiles: readonly string[]): string | undefined {
  const unknown = list.find((n) => n !== VICTIM && !profiles.includes(n));
  if (unknown !== undefined)
    return `unknown profile "${unknown.slice(0, 64)}"; known: ${VICTIM}, ${profiles.join(', ')}`;
  if (comparisonProfiles(list, 'x').length < 2)
    return `a comparison needs two visits or more (e.g. ${VICTIM}, or desktop-chrome-windows,android)`;
  return undefined;
}
