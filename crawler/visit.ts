// One visit: a virtual user opens a target, waits for it to load and settle (client-side
// redirects included), then the capture is assembled from the recorder, the frames'
// DOMs and the cookie jar. Every step is bounded by the page deadline; a page that hit a
// bound gets its tab replaced, so nothing hostile carries over to the next page.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Cookie } from 'playwright';
import {
  CAPTURE_SCHEMA,
  type CaptureComparison,
  type CapturedFavicon,
  type CaptureOutcome,
  nothingRecorded,
  type PageCapture,
} from '../capture/capture.js';
import { mainFrameDocuments } from '../capture/main-document.js';
import { attributeCookies } from './cookies.js';
import { errorText } from '../runtime/errors.js';
import { withTimeout } from '../runtime/timing.js';
import type { Egress, EgressLog } from './egress/egress.js';
import type { BrowserPool, VirtualUser } from './browser-pool.js';
import type { Target } from './frontier.js';
import type { CrawlOptions } from './options.js';
import { probeGlobals } from './globals-probe.js';
import { PageSession } from './page-session.js';
import { EGRESS_BLOCK } from './recorder.js';
import { perceptualHash } from './phash.js';
import { takeScreenshot } from './screenshot.js';
import { logoPhashes } from './logos.js';
import { settle } from './settle.js';
import { ROBOTS_MAX_BYTES, ROBOTS_TIMEOUT_MS } from './robots.js';
import { hostOf, parseHttpUrl, withoutCredentials } from '../capture/url.js';

export interface VisitResult {
  capture: PageCapture;
  /** A connection-level failure or a browser crash: worth another attempt. */
  retryable: boolean;
}

const BODY_WAIT_MS = 10_000;
const FAVICON_CACHE = 1_000;
const ABANDONED_BODY_WAIT_MS = 1_000;
/** Reading the probed globals of every frame (globals-probe.ts): about a millisecond a read. */
const GLOBALS_PROBE_MS = 2_000;
const NAV_TIMEOUT = /Timeout .*exceeded/;
const RETRYABLE =
  /ERR_CONNECTION_(REFUSED|RESET|CLOSED|ABORTED)|ERR_EMPTY_RESPONSE|ERR_NETWORK_CHANGED|ERR_TUNNEL_CONNECTION_FAILED|has been closed|Target crashed|Page crashed/;

/** What every visit of a crawl shares. */
export interface VisitContext {
  opts: CrawlOptions;
  crawlId: string;
  browsers: BrowserPool;
  /** Where connections really went, behind the egress proxy. */
  egress?: EgressLog;
  /** Aborted when the shutdown grace expires. */
  shutdown: AbortSignal;
  /** Site icons by URL: fetched once per crawl. */
  favicons: Map<string, Promise<CapturedFavicon>>;
  /** Where screenshots are written (<sha256>.png); unset, only their hashes are kept. */
  screenshotsDir?: string;
  log: Logger;
}

/** How one visit differs from a plain one: a comparison's visit, and how long it stays on the page at least. */
export interface VisitOptions {
  comparison?: CaptureComparison;
  stayMs?: number;
}

export async function visit(
  user: VirtualUser,
  target: Target,
  ctx: VisitContext,
  o: VisitOptions = {},
): Promise<VisitResult> {
  const { opts, crawlId, browsers, shutdown } = ctx;
  const startedAt = Date.now();
  const deadline = startedAt + opts.pageTimeoutMs;
  const session = await withTimeout(
    PageSession.of(user.page, user.context, user.browser.cdp, user.identity, opts, ctx.egress),
    15_000,
  );
  const rec = session.recorder;
  const cookiesBefore = await withTimeout(user.context.cookies(), 5_000).catch((): Cookie[] => []);
  session.begin(target.url, target.viaUrl ? 'link-follow' : 'seed');
  const pageTimer = setTimeout(() => rec.abandon('page-timeout'), opts.pageTimeoutMs);
  const onCrash = () => rec.abandon('page-crash');
  user.page.once('crash', onCrash);
  const onShutdown = () => rec.abandon('shutdown');
  if (shutdown.aborted) onShutdown();
  shutdown.addEventListener('abort', onShutdown);

  let navError: string | undefined;
  try {
    await Promise.race([
      user.page.goto(target.url, {
        waitUntil: 'load',
        timeout: opts.navTimeoutMs,
        referer: arrivedFrom(target, user, opts),
      }),
      rec.abandoned(),
    ]);
  } catch (e) {
    navError = errorText(e, 300);
    if (NAV_TIMEOUT.test(navError)) rec.limit('nav-timeout');
  }
  if (!rec.abandonReason) await settle(rec, opts, deadline, o.stayMs, user.identity.timerKey);
  const settledMs = Date.now() - startedAt;
  // Of the settled page; none when it was abandoned or shows no document of its own (blank, Chromium's error page).
  const showing = user.page.url();
  // The screenshot and then the logos it shows share its time.
  const shotsUntil = Date.now() + Math.max(0, Math.min(opts.screenshotTimeoutMs, deadline - Date.now()));
  const screenshot =
    (target.screenshots ?? opts.screenshots) && !rec.abandonReason && showing !== 'about:blank' && !isErrorPage(showing)
      ? await takeScreenshot(rec.cdp, ctx.screenshotsDir, Math.max(0, shotsUntil - Date.now()))
      : undefined;
  const logos = screenshot && !screenshot.error ? await logoPhashes(rec.cdp, showing, shotsUntil) : undefined;
  if (logos?.error) ctx.log.debug({ url: showing, err: logos.error }, 'logos not all hashed');

  // Chromium's own error pages (a document that failed to load) are not the page's content.
  const frameIds = rec.frameIds().filter((id) => !isErrorPage(rec.frameUrl(id)));
  // A page that will not give its DOMs in time is captured without them (capture.frames[].dom absent).
  const snapshots =
    rec.abandonReason === 'page-crash'
      ? []
      : await withTimeout(session.snapshotFrames(frameIds), Math.max(1_000, deadline - Date.now())).catch(() => []);
  // A renderer busy in the page's own loop never starts a read: the whole probe is bounded too.
  const globalsMs = Math.max(0, Math.min(GLOBALS_PROBE_MS, deadline - Date.now()));
  const noGlobals = new Map<string, Record<string, string>>();
  const globalsBy =
    rec.abandonReason === 'page-crash'
      ? noGlobals
      : await withTimeout(probeGlobals(rec.cdp, rec.contexts, frameIds, Date.now() + globalsMs), globalsMs + 100).catch(
          () => noGlobals,
        );
  const cookiesAfter = await withTimeout(user.context.cookies(), 5_000).catch((): Cookie[] => []);
  await session.waitDownloads(Math.max(0, Math.min(10_000, deadline - Date.now())));
  // A stopped page can leave body reads hanging: an abandoned visit waits for them only briefly.
  const bodyWaitMs = rec.abandonReason ? ABANDONED_BODY_WAIT_MS : Math.min(BODY_WAIT_MS, deadline - Date.now());
  const record = await rec.end(Math.max(0, bodyWaitMs));
  // After the recording ended, so the icon's own load is not one of the page's requests.
  const mainFrameId = record.mainFrameId;
  const faviconUrl = iconUrl(snapshots.find((s) => s.frameId === mainFrameId)?.icon, user.page.url());
  const favicon =
    faviconUrl && mainFrameId && !record.abandonReason
      ? await fetchFaviconOnce(ctx, session, mainFrameId, faviconUrl, deadline)
      : undefined;
  clearTimeout(pageTimer);
  user.page.off('crash', onCrash);
  shutdown.removeEventListener('abort', onShutdown);

  const doms = new Map(snapshots.map((s) => [s.frameId, s]));
  const frames = record.frames.map((f) => {
    const s = doms.get(f.id);
    const globals = globalsBy.get(f.id);
    return s || globals
      ? { ...f, ...(s && { dom: s.html, dom_truncated: s.truncated || undefined }), ...(globals && { globals }) }
      : f;
  });
  const main = frames.find((f) => f.id === record.mainFrameId);
  const mainSnap = record.mainFrameId ? doms.get(record.mainFrameId) : undefined;
  const mainDoc = mainFrameDocuments(record.requests, record.mainFrameId).at(-1);
  const shown =
    main?.url && main.url !== 'about:blank'
      ? main.url
      : user.page.url() === 'about:blank'
        ? target.url
        : withoutCredentials(user.page.url());
  // On an error page the page ended on the document that failed to load.
  const finalUrl = isErrorPage(shown) ? (mainDoc?.url ?? target.url) : shown;
  // Behind the egress proxy the browser reports its own proxy error for the document: say what really happened.
  if (navError?.includes('ERR_SOCKS_CONNECTION_FAILED') && mainDoc?.failure)
    navError = `${mainDoc.failure.error} at ${mainDoc.url}`;
  const egressBlock = mainDoc?.failure?.blocked_reason?.startsWith(EGRESS_BLOCK)
    ? mainDoc.failure.blocked_reason
    : undefined;
  const requestedHosts = new Set(record.requests.map((r) => hostOf(r.url)).filter(Boolean));
  requestedHosts.add(hostOf(finalUrl));

  // Ended on Chromium's error page (e.g. a script redirect to a host that does not resolve): the page failed.
  const failedDocument =
    isErrorPage(shown) && mainDoc?.failure ? `${mainDoc.failure.error} at ${mainDoc.url}` : undefined;
  const status = failedDocument ? undefined : record.mainStatus;
  const outcome = egressBlock
    ? 'refused'
    : outcomeOf(record.abandonReason, navError ?? failedDocument, status, session.downloads.length > 0);
  const capture: PageCapture = {
    schema: CAPTURE_SCHEMA,
    crawl_id: crawlId,
    capture_id: randomUUID(),
    target: captureTarget(target, user, opts, o.comparison),
    profile: user.profile,
    browser: { engine: browsers.engine, version: user.browser.version, proxied: Boolean(opts.proxy) },
    started_at: startedAt,
    finished_at: Date.now(),
    outcome,
    error: egressBlock ?? record.abandonReason ?? navError ?? failedDocument,
    final_url: finalUrl,
    status,
    title: mainSnap?.title || undefined,
    main_frame_id: record.mainFrameId,
    requests: record.requests,
    frames,
    navigations: record.navigations,
    popups: record.navigations
      .filter((n) => n.cause === 'window-open')
      .slice(0, opts.maxPopups)
      .map((n) => ({ url: n.url, at: n.at })),
    dialogs: session.dialogs,
    downloads: session.downloads,
    cookies: attributeCookies(
      cookiesBefore,
      cookiesAfter,
      record.setCookies,
      requestedHosts,
      frames.map((f) => f.url),
    ),
    console: record.console,
    links: uniqueHttpLinks(mainSnap?.links ?? []),
    scripts: record.scripts,
    favicon,
    screenshot,
    logo_phashes: logos?.phashes,
    timings: {
      dom_content_loaded_ms: record.domContentLoadedMs,
      load_ms: record.loadMs,
      settled_ms: settledMs,
      total_ms: Date.now() - startedAt,
    },
    limits_hit: record.limitsHit,
  };

  await leavePage(
    user,
    browsers,
    Boolean(record.abandonReason) || session.popups > opts.maxPopups || outcome === 'timeout',
  );
  const retryable = outcome === 'failed' && RETRYABLE.test(navError ?? record.abandonReason ?? '');
  return { capture, retryable };
}

function outcomeOf(
  abandon: string | undefined,
  navError: string | undefined,
  status: number | undefined,
  downloaded: boolean,
): CaptureOutcome {
  if (abandon === 'shutdown') return 'abandoned';
  // A page that never reached `load` is a partial capture, whatever its status.
  if (abandon === 'page-timeout' || (navError !== undefined && NAV_TIMEOUT.test(navError))) return 'timeout';
  if (status !== undefined) return status >= 400 ? 'http-error' : 'ok';
  if (downloaded && navError?.includes('Download is starting')) return 'ok';
  return navError || abandon ? 'failed' : 'ok';
}

/** Chromium's error page, shown in a frame whose document failed to load. */
function isErrorPage(url: string | undefined): boolean {
  return url?.startsWith('chrome-error:') ?? false;
}

/** Leaves the page blank for the next visit, or replaces the tab when the page may still be hostile. */
async function leavePage(user: VirtualUser, browsers: BrowserPool, replace: boolean): Promise<void> {
  if (!replace && !user.page.isClosed()) {
    try {
      await user.page.goto('about:blank', { timeout: 5_000 });
      return;
    } catch {
      // fall through: a page that will not let go gets a new tab
    }
  }
  await withTimeout(browsers.freshPage(user), 10_000).catch(() => {
    user.retire = true;
  }); // handled: the user is retired
}

/** The icon the page names, else /favicon.ico of the page's origin (http(s) pages only). */
function iconUrl(declared: string | undefined, pageUrl: string): string | undefined {
  if (declared && parseHttpUrl(declared)) return withoutCredentials(declared);
  const page = parseHttpUrl(pageUrl);
  return page ? `${page.origin}/favicon.ico` : undefined;
}

async function fetchFaviconOnce(
  ctx: VisitContext,
  session: PageSession,
  frameId: string,
  url: string,
  deadline: number,
): Promise<CapturedFavicon | undefined> {
  let p = ctx.favicons.get(url);
  if (!p) {
    p = session.fetchFavicon(frameId, url).then(withPhash);
    ctx.favicons.set(url, p);
    // Bounded: the oldest icons go first (a Map iterates in insertion order).
    if (ctx.favicons.size > FAVICON_CACHE) ctx.favicons.delete(ctx.favicons.keys().next().value!);
  }
  return withTimeout(p, Math.max(1_000, Math.min(5_000, deadline - Date.now()))).catch(() => ({
    url,
    error: 'timed out',
  }));
}

/** The icon with its perceptual hash (brand runs compare it with logos), when it decodes as an image. */
async function withPhash(f: CapturedFavicon): Promise<CapturedFavicon> {
  if (!f.base64 || f.status !== 200) return f;
  try {
    return { ...f, phash: (await perceptualHash(Buffer.from(f.base64, 'base64'))).phash };
  } catch {
    return f; // an .ico sharp cannot read, or not an image at all: the Shodan hash still compares it
  }
}

function uniqueHttpLinks(links: string[]): string[] {
  const out = new Set<string>();
  for (const l of links) if (parseHttpUrl(l)) out.add(withoutCredentials(l));
  return [...out];
}

/** Reads a robots.txt through the virtual user's own page (its network stack, proxy and user agent). */
/** A site's robots.txt, fetched by the crawler through the egress proxy as the virtual user; undefined when it could not be fetched at all. */
export async function fetchRobots(
  egress: Egress,
  userAgent: string,
  opts: CrawlOptions,
  url: string,
): Promise<{ status?: number; text?: string } | undefined> {
  const r = await egress.fetch(url, {
    userAgent,
    maxBytes: ROBOTS_MAX_BYTES,
    timeoutMs: ROBOTS_TIMEOUT_MS,
    ignoreHttpsErrors: opts.ignoreHttpsErrors,
  });
  return r.error !== undefined && r.status === undefined
    ? undefined
    : { status: r.status, text: r.body?.toString('utf8') };
}

/** The capture of a target that was not visited: robots.txt disallows it. */
export function skippedCapture(user: VirtualUser, target: Target, ctx: VisitContext, why: string): PageCapture {
  const now = Date.now();
  return {
    schema: CAPTURE_SCHEMA,
    crawl_id: ctx.crawlId,
    capture_id: randomUUID(),
    target: captureTarget(target, user, ctx.opts),
    profile: user.profile,
    browser: { engine: ctx.browsers.engine, version: user.browser.version, proxied: Boolean(ctx.opts.proxy) },
    started_at: now,
    finished_at: now,
    outcome: 'skipped',
    error: `robots.txt: ${why}`,
    final_url: target.url,
    ...nothingRecorded(),
    timings: { settled_ms: 0, total_ms: 0 },
  };
}

/**
 * How long a host asks to be left alone, when its page answered 429 or 503: its
 * Retry-After (seconds or an HTTP date), bounded; the configured pause without one.
 */
export function busyPause(
  c: PageCapture,
  o: Pick<CrawlOptions, 'backoffMs' | 'maxRetryAfterMs'>,
  now = Date.now(),
): number | undefined {
  if (c.status !== 429 && c.status !== 503) return undefined;
  const raw = mainFrameDocuments(c.requests, c.main_frame_id).at(-1)?.response_headers?.['retry-after']?.trim();
  const ms = raw === undefined ? NaN : /^\d+$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw) - now;
  return Math.max(0, Math.min(o.maxRetryAfterMs, Number.isFinite(ms) ? ms : o.backoffMs));
}

/**
 * The Referer of a target's first navigation: the page whose link led here, else the seed's
 * (or the crawl's) arrival; none for a scanner, which arrives from nowhere.
 */
function arrivedFrom(t: Target, user: VirtualUser, opts: CrawlOptions): string | undefined {
  if (user.identity.identity.automated) return undefined;
  return t.viaUrl ?? (t.depth === 0 ? (t.referer ?? opts.referer) : undefined);
}

function captureTarget(
  t: Target,
  user: VirtualUser,
  opts: CrawlOptions,
  comparison?: CaptureComparison,
): PageCapture['target'] {
  const referer = t.viaUrl ? undefined : arrivedFrom(t, user, opts);
  return {
    url: t.url,
    depth: t.depth,
    seed_url: t.seedUrl,
    via_url: t.viaUrl,
    referer,
    tags: t.tags?.length ? t.tags : undefined,
    screenshots: t.screenshots,
    attempt: t.attempt || undefined,
    comparison,
    brand: t.brand,
  };
}
