// PageCapture in, events out: the page itself, host pairs, trackers, resources (every
// response body's hash), cookies, the IPs and certificates hosts answered with, and the
// components (server, framework, libraries, CMS, ...) the evidence shows.
// Pure: no I/O, the same capture always gives the same events. Only web URLs (http, https,
// ws, wss) make a resource or give a tracker its host (dom-refs.ts webHostOf); Chromium's own
// documents (its error page, chrome-error://chromewebdata/) are not scanned for trackers
// or components.
import { createHash } from 'node:crypto';
import type { CapturedCookie, CapturedRequest, PageCapture } from '../capture/capture.js';
import { mainFrameDocuments } from '../capture/main-document.js';
import { hostOf, siteOf } from '../capture/url.js';
import { DOCUMENT_CHANGING_CAUSES } from '../capture/vocabulary.js';
import { findComponents } from './components/find.js';
import { domRefs, webHostOf, type DomRef } from './dom-refs.js';
import { withEventId } from './event-id.js';
import {
  schemaId,
  type CertificateEvent,
  type ComponentEvent,
  type CookieEvent,
  type HostIpEvent,
  type HostPairEvent,
  type PageEvent,
  type ResourceEvent,
  type TrackerEvent,
  type VucrawlEvent,
  type Envelope,
} from './events.js';
import { faviconHash } from './favicon-hash.js';
import { hostPairs } from './host-pairs.js';
import { findTrackers } from './trackers/find.js';

export function extractEvents(c: PageCapture): VucrawlEvent[] {
  // event_id is set last, from everything else (event-id.ts).
  const envelope: Envelope = {
    event_id: '',
    tags: [...new Set(c.target.tags ?? [])].sort(),
    crawl_id: c.crawl_id,
    capture_id: c.capture_id,
    page_url: c.target.url,
    observed_at: c.finished_at,
    profile: c.profile.name,
    comparison_id: c.target.comparison?.id ?? null,
  };
  const refs = new Map<string, DomRef[]>();
  for (const f of c.frames) if (f.dom) refs.set(f.id, domRefs(f.dom, f.url));

  const events: VucrawlEvent[] = [pageEvent(c, envelope)];
  for (const p of hostPairs(c, refs)) {
    events.push({
      schema: schemaId('host_pair'),
      ...envelope,
      ...p,
      parent_site: siteOf(p.parent_host),
      child_site: siteOf(p.child_host),
    } satisfies HostPairEvent);
  }
  events.push(...trackerEvents(c, envelope));
  for (const r of c.requests) {
    const ev = resourceEvent(r, c, envelope);
    if (ev) events.push(ev);
  }
  for (const k of c.cookies) {
    events.push({
      schema: schemaId('cookie'),
      ...envelope,
      host: cookieHost(k),
      name: k.name,
      domain: k.domain,
      path: k.path,
      secure: k.secure,
      http_only: k.http_only,
      same_site: k.same_site,
      expires: k.expires,
      set_by: k.set_by,
      value_sha256: k.value_sha256,
    } satisfies CookieEvent);
  }
  events.push(...addressEvents(c, envelope));
  events.push(...componentEvents(c, envelope, refs));
  return events.map(withEventId);
}

function pageEvent(c: PageCapture, envelope: Envelope): PageEvent {
  const host = hostOf(c.final_url);
  const mainDoc = lastMainDocument(c);
  const mainDom = c.frames.find((f) => f.id === c.main_frame_id)?.dom;
  const fav = c.favicon;
  const favBytes = faviconBytes(c);
  const chain = c.navigations
    .filter(
      (n) => DOCUMENT_CHANGING_CAUSES.has(n.cause) && (n.frame_id === undefined || n.frame_id === c.main_frame_id),
    )
    .map((n) => n.url);
  return {
    schema: schemaId('page'),
    ...envelope,
    url: c.target.url,
    final_url: c.final_url,
    host,
    site: host ? siteOf(host) : '',
    depth: c.target.depth,
    seed_url: c.target.seed_url,
    status: c.status ?? null,
    outcome: c.outcome,
    error: c.error ?? null,
    title: c.title ?? null,
    redirect_chain: chain,
    body_sha256: mainDoc?.body?.sha256 ?? null,
    body_size: mainDoc?.body ? mainDoc.body.size : null,
    dom_sha256: mainDom === undefined ? null : sha256(mainDom),
    favicon_url: fav?.url ?? null,
    favicon_sha256: favBytes ? (fav!.sha256 ?? null) : null,
    favicon_mmh3: favBytes ? faviconHash(favBytes) : null,
    ip: c.browser.proxied ? null : (mainDoc?.remote_ip ?? null),
    port: c.browser.proxied ? null : (mainDoc?.remote_port ?? null),
    tls_protocol: mainDoc?.tls?.protocol ?? null,
    tls_issuer: mainDoc?.tls?.issuer ?? null,
    requests: c.requests.length,
    frames: c.frames.length,
    screenshot_sha256: c.screenshot?.sha256 ?? null,
    screenshot_phash: c.screenshot?.phash ?? null,
  };
}

/** The icon's bytes, when it was fetched (status 200) and kept. */
function faviconBytes(c: PageCapture): Buffer | undefined {
  return c.favicon?.base64 && c.favicon.status === 200 ? Buffer.from(c.favicon.base64, 'base64') : undefined;
}

/** The host that set a cookie: of the response with Set-Cookie or the page that wrote it, else its domain. */
function cookieHost(k: CapturedCookie): string {
  return hostOf(k.setter_url) || k.domain.replace(/^\./, '');
}

/** The response that delivered the document the page ended on. */
function lastMainDocument(c: PageCapture): CapturedRequest | undefined {
  const docs = mainFrameDocuments(c.requests, c.main_frame_id);
  return docs.findLast((r) => r.url === c.final_url) ?? docs.at(-1);
}

/** Chromium's own documents (its error page, chrome-error://chromewebdata/): the page's IDs are not in them. */
const BROWSER_DOCUMENT = /^(?:chrome-error|chrome|chrome-extension|chrome-untrusted|devtools):/i;

function trackerEvents(c: PageCapture, envelope: Envelope): TrackerEvent[] {
  const findings = findTrackers({
    requests: c.requests,
    documents: c.frames
      .filter((f) => f.dom !== undefined && !BROWSER_DOCUMENT.test(f.url))
      .map((f) => ({ url: f.url, html: f.dom! })),
    scripts: c.scripts,
  });
  const pageHost = webHostOf(c.final_url);
  // An ID in a frame's DOM belongs to that frame's host; one the page requested or loaded, to the page's.
  return findings.map((t) => {
    const host = t.source === 'dom' ? webHostOf(t.where) || pageHost : pageHost;
    return {
      schema: schemaId('tracker'),
      ...envelope,
      host,
      site: host ? siteOf(host) : '',
      type: t.type,
      value: t.value,
      source: t.source,
      where: t.where,
      context: t.context,
    };
  });
}

function resourceEvent(r: CapturedRequest, c: PageCapture, envelope: Envelope): ResourceEvent | undefined {
  // Every web response that carried a body (hashed, or recorded with its size when over the cap).
  const host = webHostOf(r.url);
  if (!host || r.status === undefined || !r.body || (r.status >= 300 && r.status < 400)) return undefined;
  return {
    schema: schemaId('resource'),
    ...envelope,
    url: r.url,
    host,
    resource_type: r.resource_type,
    status: r.status,
    mime: r.mime ?? null,
    size: r.body.size,
    sha256: r.body.sha256 ?? null,
    ip: c.browser.proxied ? null : (r.remote_ip ?? null),
    from_cache: r.from_cache ?? false,
  };
}

/** One host_ip per (host, ip, port) and one certificate per (host, certificate) the page saw. */
function addressEvents(c: PageCapture, envelope: Envelope): (HostIpEvent | CertificateEvent)[] {
  const out = new Map<string, HostIpEvent | CertificateEvent>();
  for (const r of c.requests) {
    const host = hostOf(r.url);
    if (!host) continue;
    if (r.remote_ip && !c.browser.proxied) {
      const key = `ip ${host} ${r.remote_ip} ${r.remote_port}`;
      if (!out.has(key))
        out.set(key, { schema: schemaId('host_ip'), ...envelope, host, ip: r.remote_ip, port: r.remote_port ?? null });
    }
    const t = r.tls;
    if (t) {
      const key = `cert ${host} ${t.cert_sha256 ?? `${t.subject}|${t.issuer}|${t.valid_from}`}`;
      if (!out.has(key)) {
        out.set(key, {
          schema: schemaId('certificate'),
          ...envelope,
          host,
          sha256: t.cert_sha256 ?? null,
          subject: t.subject,
          issuer: t.issuer,
          san: t.san,
          valid_from: t.valid_from,
          valid_to: t.valid_to,
          protocol: t.protocol,
        });
      }
    }
  }
  return [...out.values()];
}

/** The markup's script and stylesheet references, as the request each stands for. */
const DECLARED_LOADS: Readonly<Record<string, string>> = { 'script.src': 'script', 'link.stylesheet': 'stylesheet' };

function componentEvents(c: PageCapture, envelope: Envelope, refs: Map<string, DomRef[]>): ComponentEvent[] {
  const frameUrl = new Map(c.frames.map((f) => [f.id, f.url]));
  const favBytes = faviconBytes(c);
  // A request of a frame the capture does not list (gone before the end) counts for the page.
  const requests = c.requests.map((r) => ({
    url: r.url,
    resource_type: r.resource_type,
    document_url: (r.frame_id && frameUrl.get(r.frame_id)) || c.final_url,
  }));
  // A script or stylesheet the markup names but the browser did not fetch (a `nomodule`
  // script, a load blocked by the egress policy or a consent gate, a saved page) still says
  // what the page is built with. Markup inside comments is not in the DOM, so not counted.
  const requested = new Set(requests.map((r) => r.url));
  for (const f of c.frames)
    for (const ref of refs.get(f.id) ?? []) {
      const type = DECLARED_LOADS[ref.cause];
      if (type && !requested.has(ref.url)) {
        requested.add(ref.url);
        requests.push({ url: ref.url, resource_type: type, document_url: f.url });
      }
    }
  const findings = findComponents({
    responses: c.requests.flatMap((r) =>
      r.response_headers && r.status !== undefined ? [{ url: r.url, headers: r.response_headers }] : [],
    ),
    cookies: c.cookies.map((k) => ({ name: k.name, host: cookieHost(k) })),
    documents: c.frames.map((f) => ({ url: f.url, html: f.dom, globals: f.globals })),
    requests,
    favicon: favBytes ? { url: c.favicon!.url, mmh3: faviconHash(favBytes) } : undefined,
  });
  return findings.map((f) => ({ schema: schemaId('component'), ...envelope, ...f }));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
