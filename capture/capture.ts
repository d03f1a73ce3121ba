// PageCapture: everything a virtual user's browser did for one target page. The crawler
// writes it, the extractor reads it, neither imports the other: it is the single input of
// the extractor, written as one NDJSON line per page, so it holds only plain JSON values
// (no Maps, no class instances) and its shape changes only with a new CAPTURE_SCHEMA
// version (fields added as optional, which every reader of version 1 can skip, excepted). Its words (navigation causes, outcomes, cookie setters) are in vocabulary.ts.
import type { CaptureOutcome, CookieSetter, NavigationCause } from './vocabulary.js';

export type { CaptureOutcome, CookieSetter, NavigationCause } from './vocabulary.js';

export const CAPTURE_SCHEMA = 'vucrawl.capture/1' as const;

/** How a page was reached: a seed, or a link the crawler followed from another page. */
export interface CaptureTarget {
  url: string;
  depth: number;
  seed_url: string;
  /** The page whose link led here (absent for seeds). */
  via_url?: string;
  /** A seed's arrival (referer=, --referer): the Referer and document.referrer of its first navigation. */
  referer?: string;
  /** The operator's tags of the seed it came from. */
  tags?: string[];
  /** The seed's own screenshots= setting (absent: the crawl's --screenshots). */
  screenshots?: boolean;
  /** 1 and more: crawled again (after a connection failure or a crash, or after its fleet worker went away). */
  attempt?: number;
  /** A comparison crawl's visit (--compare): the comparison, every visit's profile in visit order, and which visit this is. */
  comparison?: CaptureComparison;
  /** A brand run's look-alike (or official domain): what its visit is judged against (extractor/impersonation.ts). */
  brand?: BrandCheck;
}

/** A brand as an impersonation verdict needs it (the store keeps it: store/queries/brands.ts). */
export interface BrandProfile {
  name: string;
  /** Its official domains (registrable domains or hosts), lower case. */
  domains: string[];
  /** Words that name it besides its name (products, slogans), any case. */
  keywords: string[];
  /** Perceptual hashes of its logos (16 hex digits). */
  logo_phashes: string[];
  /** Perceptual hashes of its official pages' screenshots. */
  screenshot_phashes: string[];
  /** Shodan favicon hashes (MurmurHash3) of its official sites. */
  favicon_mmh3: number[];
}

/**
 * A brand run's name to judge, carried by its target into the capture (and through the
 * fleet in the target message), so that the visit is judged where it is extracted.
 */
export interface BrandCheck {
  profile: BrandProfile;
  /** The name visited and the fuzzer that made it (`*original` for an official domain). */
  domain: string;
  fuzzer: string;
  /** Its MX and NS records. */
  mx: string[];
  ns: string[];
  /** From RDAP (seeds/rdap.ts); null when unknown. */
  registration: { registered_at: number | null; registrar: string | null } | null;
}

export interface CaptureComparison {
  id: string;
  profiles: string[];
  index: number;
}

/** The virtual user that visited the page, as the page saw it (crawler/identity/). */
export interface CaptureProfile {
  name: string;
  user_agent: string;
  /** navigator.platform (absent in captures older than the identity profiles). */
  platform?: string;
  /** navigator.languages, most preferred first. */
  languages?: string[];
  locale: string;
  timezone: string;
  /** The page's viewport (window.innerWidth/innerHeight). */
  viewport: { width: number; height: number } | null;
  screen?: { width: number; height: number };
  is_mobile: boolean;
  geolocation?: { latitude: number; longitude: number };
}

/** Who caused a request, from the DevTools protocol's `initiator`. */
export interface CapturedInitiator {
  /** parser, script, preload, redirect, other, ... as Chromium reports it. */
  type: string;
  /** Parser: the document URL. Script: the URL of the innermost script on the stack. */
  url?: string;
  line?: number;
}

export interface CapturedTls {
  protocol: string;
  cipher: string;
  subject: string;
  issuer: string;
  san: string[];
  valid_from: number;
  valid_to: number;
  /** SHA-256 of the leaf certificate (DER), the fingerprint certificate searches use. */
  cert_sha256?: string;
}

export interface CapturedBody {
  /** SHA-256 (hex) of the decoded body; absent when the body could not be read or was over the cap. */
  sha256?: string;
  /** Decoded size in bytes (as far as it was received). */
  size: number;
  /** True when the body was larger than maxBodyBytes and was not hashed. */
  over_cap?: boolean;
  error?: string;
}

/** One HTTP exchange. A redirect chain is several entries linked by redirect_from / redirect_to. */
export interface CapturedRequest {
  /** Chromium's request id, with `#n` for the n-th hop of a redirect chain. */
  id: string;
  url: string;
  method: string;
  /** Lower-case DevTools resource type: document, stylesheet, image, media, font, script, xhr, fetch, websocket, ping, other, ... */
  resource_type: string;
  frame_id?: string;
  initiator: CapturedInitiator;
  /** ms since the capture started. */
  at: number;
  redirect_from?: string;
  redirect_to?: string;
  status?: number;
  mime?: string;
  protocol?: string;
  request_headers?: Record<string, string>;
  response_headers?: Record<string, string>;
  remote_ip?: string;
  remote_port?: number;
  tls?: CapturedTls;
  from_cache?: boolean;
  body?: CapturedBody;
  failure?: { error: string; canceled?: boolean; blocked_reason?: string };
}

export interface CapturedFrame {
  id: string;
  parent_id?: string;
  url: string;
  name?: string;
  /** Serialized final DOM of the frame (capped at maxDomBytes). */
  dom?: string;
  dom_truncated?: boolean;
  /**
   * The JavaScript globals of capture/probes.ts the frame had once the page settled: a
   * string as it was (cut to MAX_GLOBAL_VALUE_CHARS), a number as text, anything else its
   * typeof. Absent in captures made before the probe existed.
   */
  globals?: Record<string, string>;
}

export interface CapturedNavigation {
  frame_id?: string;
  url: string;
  cause: NavigationCause;
  /** The document the frame showed before (or the previous hop of a redirect). */
  from_url?: string;
  status?: number;
  /** ms since the capture started. */
  at: number;
}

export interface CapturedCookie {
  name: string;
  domain: string;
  path: string;
  expires: number;
  http_only: boolean;
  secure: boolean;
  same_site: string;
  set_by: CookieSetter;
  /** URL of the response that set it, or of the page for script cookies. */
  setter_url?: string;
  value_sha256: string;
}

/** Text of a script the page loaded, kept (bounded) so identifiers inside it can be found later. */
export interface CapturedScript {
  url: string;
  sha256: string;
  text: string;
  truncated?: boolean;
}

/** The site icon: from <link rel="icon">, else /favicon.ico of the final URL's origin. */
export interface CapturedFavicon {
  url: string;
  status?: number;
  sha256?: string;
  size?: number;
  /** The bytes, base64 (standard alphabet, no line breaks), when at most 256 KiB. */
  base64?: string;
  /** Its perceptual hash (16 hex digits), when it decodes as an image (an .ico often does not). */
  phash?: string;
  error?: string;
}

/**
 * The page's viewport screenshot (--screenshots), taken once it settled. The PNG itself is
 * never in the capture: it is the file screenshots/<sha256>.png of the crawl's output folder.
 */
export interface CapturedScreenshot {
  /** SHA-256 (hex) of the PNG. */
  sha256?: string;
  /** Perceptual hash (pHash, 64 bits as 16 hex digits): near-identical pages differ in few bits. */
  phash?: string;
  width?: number;
  height?: number;
  /** Why there is none (the page did not paint in time, ...). */
  error?: string;
}

export interface CapturedDownload {
  url: string;
  suggested_filename: string;
  sha256?: string;
  size: number;
  over_cap?: boolean;
  saved_path?: string;
  error?: string;
}

export interface PageCapture {
  schema: typeof CAPTURE_SCHEMA;
  crawl_id: string;
  capture_id: string;
  target: CaptureTarget;
  profile: CaptureProfile;
  /** `proxied`: traffic went through --proxy, so remote addresses are the proxy's. */
  browser: { engine: string; version: string; proxied: boolean };
  /** UTC ms. */
  started_at: number;
  finished_at: number;
  outcome: CaptureOutcome;
  error?: string;
  /** URL of the top document at the end. */
  final_url: string;
  /** HTTP status of the final top document, if one was received. */
  status?: number;
  title?: string;
  main_frame_id?: string;
  requests: CapturedRequest[];
  frames: CapturedFrame[];
  navigations: CapturedNavigation[];
  popups: { url: string; at: number }[];
  dialogs: { type: string; message: string; at: number }[];
  downloads: CapturedDownload[];
  cookies: CapturedCookie[];
  console: { level: string; text: string; url?: string; at: number }[];
  /** Absolute http(s) links (a.href, area.href) of the main frame's final document, deduplicated. */
  links: string[];
  /** Bodies of the scripts the page loaded (one per distinct SHA-256), within maxScriptBytes each. */
  scripts: CapturedScript[];
  favicon?: CapturedFavicon;
  /** Only when screenshots were asked for and the page showed a document. */
  screenshot?: CapturedScreenshot;
  /**
   * With a screenshot: the perceptual hashes (pHash, as the screenshot's) of the logos the
   * page showed, distinct, in document order (crawler/logos.ts says which elements are logos);
   * [] when it showed none, absent when there was no screenshot or the page could not be read.
   */
  logo_phashes?: string[];
  /** ms since the visit started: DOMContentLoaded and load of the top document, end of the settle wait, capture done. */
  timings: { dom_content_loaded_ms?: number; load_ms?: number; settled_ms: number; total_ms: number };
  /** Bounds that were hit while capturing (e.g. max-requests, max-dialogs, page-timeout). */
  limits_hit: string[];
}

/** What a capture records in lists. */
export type CaptureLists = Pick<
  PageCapture,
  | 'requests'
  | 'frames'
  | 'navigations'
  | 'popups'
  | 'dialogs'
  | 'downloads'
  | 'cookies'
  | 'console'
  | 'links'
  | 'scripts'
  | 'limits_hit'
>;

/** Every list empty: a page that was not visited, and where a capture made by hand starts. */
export function nothingRecorded(): CaptureLists {
  return {
    requests: [],
    frames: [],
    navigations: [],
    popups: [],
    dialogs: [],
    downloads: [],
    cookies: [],
    console: [],
    links: [],
    scripts: [],
    limits_hit: [],
  };
}

/**
 * A capture made by hand, not by a browser (a saved page, a test's, a benchmark's): a visit
 * of `url` by a plain profile that ended there, in one frame, with nothing else recorded;
 * each caller overrides what its case is about.
 */
export function captureOf(url: string, over: Partial<PageCapture> = {}): PageCapture {
  return {
    schema: CAPTURE_SCHEMA,
    crawl_id: 'c',
    capture_id: 'k',
    target: { url, depth: 0, seed_url: url },
    profile: { name: 'p', user_agent: 'ua', locale: 'en', timezone: 'UTC', viewport: null, is_mobile: false },
    browser: { engine: 'headless-shell', version: '1', proxied: false },
    started_at: 0,
    finished_at: 1,
    outcome: 'ok',
    final_url: url,
    main_frame_id: 'F0',
    ...nothingRecorded(),
    frames: [{ id: 'F0', url }],
    timings: { settled_ms: 0, total_ms: 1 },
    ...over,
  };
}
