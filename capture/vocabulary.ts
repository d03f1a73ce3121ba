// The words the crawler writes and the extractor and the event schemas read: how a frame
// got a document, how a visit ended, who set a cookie, and the host-pair causes. Defined
// once here; the recorder maps Chromium's words onto them, the capture type and the
// schemas are built from them, and the extractor's rule tables are keyed by them.

/**
 * How a frame came to show a document. `seed` and `link-follow` are the crawler's own
 * top-level navigations; the rest are what the page (or the server) made the browser do.
 */
export const NAVIGATION_CAUSES = [
  'seed',
  'link-follow',
  'http-redirect',
  'meta-refresh',
  'http-refresh',
  'script',
  'window-open',
  'form',
  'anchor-click',
  'reload',
  'frame-initial',
  'other',
] as const;
export type NavigationCause = (typeof NAVIGATION_CAUSES)[number];

/** Chromium's ClientNavigationReason (Page.frameRequestedNavigation) -> our navigation cause; anything else is `other`. */
export const CHROMIUM_NAVIGATION_REASONS: Readonly<Record<string, NavigationCause>> = {
  anchorClick: 'anchor-click',
  formSubmissionGet: 'form',
  formSubmissionPost: 'form',
  httpHeaderRefresh: 'http-refresh',
  metaTagRefresh: 'meta-refresh',
  scriptInitiated: 'script',
  reload: 'reload',
  initialFrameNavigation: 'frame-initial',
};

/** Main-frame navigations that replace the document the page shows (not popups, reloads or frames' first documents). */
export const DOCUMENT_CHANGING_CAUSES: ReadonlySet<NavigationCause> = new Set<NavigationCause>([
  'seed',
  'link-follow',
  'http-redirect',
  'meta-refresh',
  'http-refresh',
  'script',
  'form',
  'anchor-click',
]);

/**
 * How a visit ended. `timeout`: a partial capture of a page that never reached `load`;
 * `refused`: its address is not allowed; `abandoned`: the crawl was stopping and the page
 * did not finish within the shutdown grace; `skipped`: not visited, robots.txt disallows
 * it (`error` says which rule).
 */
export const CAPTURE_OUTCOMES = ['ok', 'http-error', 'timeout', 'failed', 'refused', 'abandoned', 'skipped'] as const;
export type CaptureOutcome = (typeof CAPTURE_OUTCOMES)[number];

/** http: a Set-Cookie header of this page set it; script: it appeared or changed without one (document.cookie); earlier: already in the jar. */
export const COOKIE_SETTERS = ['http', 'script', 'earlier'] as const;
export type CookieSetter = (typeof COOKIE_SETTERS)[number];

/**
 * PassiveTotal / Defender TI host-pair causes, then vucrawl's own extensions (from `frame.src`),
 * then a `<link>` by the rel the page declared (`link.<rel>`, extractor/dom-refs.ts
 * LINK_REL_CAUSES); `link.href` stays the cause of a link whose rel is none of these.
 */
export const HOST_PAIR_CAUSES = [
  'redirect',
  'topLevelRedirect',
  'finalRedirect',
  'meta.refresh',
  'location.refresh',
  'script.src',
  'iframe.src',
  'img.src',
  'link.href',
  'css.import',
  'a.href',
  'xmlhttprequest',
  'parentPage',
  'unknown',
  'frame.src',
  'form.action',
  'window.open',
  'websocket',
  'media.src',
  'object.data',
  'embed.src',
  'link.stylesheet',
  'link.preload',
  'link.modulepreload',
  'link.prefetch',
  'link.prerender',
  'link.dns-prefetch',
  'link.preconnect',
  'link.icon',
  'link.apple-touch-icon',
  'link.apple-touch-startup-image',
  'link.mask-icon',
  'link.manifest',
  'link.canonical',
  'link.amphtml',
  'link.alternate',
  'link.search',
  'link.author',
  'link.publisher',
  'link.license',
  'link.me',
  'link.pingback',
  'link.edituri',
  'link.wlwmanifest',
  'link.shortlink',
  'link.next',
  'link.prev',
  'link.image_src',
  'link.webmention',
  'link.hub',
] as const;
export type HostPairCause = (typeof HOST_PAIR_CAUSES)[number];
