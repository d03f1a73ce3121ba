// URL helpers of the capture contract, for every part that reads URLs (seeds, the
// frontier, the extractor, the sinks): one parse rule for http(s), one normalization
// rule for dedup, the host of a URL, the "site" (registrable domain) that scopes a
// crawl, keys politeness and groups hosts in pivots, and the rule that credentials in a
// URL (user:password@) never reach a capture, an event, a log line or a store.
import { getDomain } from 'tldts';

/** Longest URL a seed or a followed link may have (longer ones are rejected, or treated as a crawler trap). */
export const MAX_URL_LENGTH = 2048;

/** A URL without its user:password@ part; text that does not parse as a URL has it masked. */
export function withoutCredentials(url: string): string {
  // Most URLs have no '@' at all: no parse needed.
  if (!url.includes('@')) return url;
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    // Not a URL: shown as it was given, credentials masked all the same.
    return maskCredentials(url);
  }
}

/** Masks every `//user:password@` in free text (an error message, a bad seed line echoed back). */
export function maskCredentials(text: string): string {
  return text.replace(/\/\/[^\s/@]+@/g, '//[credentials removed]@');
}

/** Parses an absolute http(s) URL, or returns undefined. */
export function parseHttpUrl(raw: string, base?: string): URL | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim(), base);
  } catch {
    return undefined; // not a URL: no link
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
}

/**
 * The dedup key of a URL: lower-case scheme and host (URL does that), no default port,
 * no fragment, no empty query, query parameters sorted (same page, other order), and
 * percent-encoding of unreserved characters undone by the URL parser's own rules.
 */
export function normalizeUrl(u: URL): string {
  const n = new URL(u.href);
  n.hash = '';
  if (n.search) {
    const params = [...n.searchParams.entries()].sort(([a, av], [b, bv]) => (a === b ? cmp(av, bv) : cmp(a, b)));
    n.search = params.length ? new URLSearchParams(params).toString() : '';
  }
  // "http://h/?" -> "http://h/"
  return n.href.endsWith('?') ? n.href.slice(0, -1) : n.href;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Registrable domain (eTLD+1) of a host; the host itself for IPs, localhost and bare names. */
export function siteOf(host: string): string {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

/** Whether a host is one of the names or under one of them (www.brand.example is under brand.example). */
export function inScope(host: string, names: readonly string[]): boolean {
  return names.some((n) => host === n || host.endsWith(`.${n}`));
}

/** Host of a URL string (lower case, IPv6 without brackets), or '' when there is none. */
export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return ''; // not a URL: no host
  }
}

/** The port a URL connects to: its own, else its scheme's (ws and wss as http and https). */
export function defaultPort(u: URL): number {
  if (u.port) return Number(u.port);
  return u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80;
}
