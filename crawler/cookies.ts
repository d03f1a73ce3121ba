// Which cookies a page set, and who set them. A virtual user's cookie jar outlives a page,
// so the capture keeps the cookies that apply to a host the page requested, and says for
// each whether a Set-Cookie header of this page set it (http), it appeared or changed
// without one (script: document.cookie), or it was already there (earlier).
import { createHash } from 'node:crypto';
import type { Cookie } from 'playwright';
import type { CapturedCookie } from '../capture/capture.js';
import { hostOf } from '../capture/url.js';

export function domainMatches(host: string, cookieDomain: string): boolean {
  const d = cookieDomain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

/** Name and Domain attribute of a Set-Cookie header line. */
export function parseSetCookie(line: string): { name: string; domain?: string } | undefined {
  const [pair, ...attrs] = line.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return undefined;
  const domainAttr = attrs.map((a) => a.trim()).find((a) => /^domain=/i.test(a));
  return { name: pair.slice(0, eq).trim(), domain: domainAttr?.slice(7).trim() || undefined };
}

export function attributeCookies(
  before: Cookie[],
  after: Cookie[],
  setCookies: { url: string; line: string }[],
  requestedHosts: Set<string>,
  /** URLs of the page's frame documents, main frame first: a script cookie is put on the first whose host it belongs to. */
  documentUrls: string[],
): CapturedCookie[] {
  const key = (c: Cookie) => `${c.name}\u0000${c.domain}\u0000${c.path}`;
  const old = new Map(before.map((c) => [key(c), c.value]));
  const headers = setCookies.flatMap(({ url, line }) => {
    const p = parseSetCookie(line);
    return p ? [{ ...p, url, host: hostOf(url) }] : [];
  });
  const out: CapturedCookie[] = [];
  for (const c of after) {
    if (![...requestedHosts].some((h) => domainMatches(h, c.domain))) continue;
    const fromHeader = headers.find((h) => h.name === c.name && domainMatches(h.host, c.domain));
    const changed = old.get(key(c)) !== c.value;
    const set_by = fromHeader && changed ? 'http' : changed ? 'script' : 'earlier';
    out.push({
      name: c.name,
      domain: c.domain,
      path: c.path,
      expires: c.expires,
      http_only: c.httpOnly,
      secure: c.secure,
      same_site: c.sameSite,
      set_by,
      setter_url: set_by === 'http' ? fromHeader!.url : set_by === 'script' ? scriptSetter(c, documentUrls) : undefined,
      value_sha256: createHash('sha256').update(c.value).digest('hex'),
    });
  }
  return out;
}

function scriptSetter(c: Cookie, documentUrls: string[]): string | undefined {
  return documentUrls.find((u) => domainMatches(hostOf(u), c.domain)) ?? documentUrls[0];
}
