// Host pairs of one page: which host made the browser go to, or load from, which other
// host, and why. Three sources, in this order:
//  1. navigation: how frames moved (HTTP redirect hops, meta refresh, script location,
//     window.open, forms, link clicks), the seed-to-landing `finalRedirect`, and the page
//     the crawler came from (`parentPage`);
//  2. network: every other request the browser really made. THE RULE for its parent: the
//     host of the initiator's URL (the script on the stack, or the document or stylesheet
//     whose parser asked); when Chromium names none, the host of the document of the frame
//     that made the request (for a frame's own document, its parent frame's). The cause
//     comes from the resource type (RESOURCE_CAUSES), refined by the tag that references the
//     URL in the parent frame's DOM (iframe/frame/object/embed, img vs link; a <link> by the
//     rel the page declared, dom-refs.ts LINK_REL_CAUSES: a script a <link rel=preload>
//     fetched is link.preload);
//  3. dom: links and forms of every frame's final DOM, and references that were never
//     loaded (lazy images, preconnects, ...), with the frame's document as parent.
// A pair is kept once per (parent, child, cause), with the first evidence; only pairs
// whose hosts differ. Only web URLs (http, https, ws, wss) are a parent or a child, and a
// pair's evidence names no other document (its frame_url is then null): Chromium's error
// page, chrome-error://chromewebdata/, is never a host.
import type { CapturedRequest, PageCapture } from '../capture/capture.js';
import type { HostPairCause, NavigationCause } from '../capture/vocabulary.js';
import { webHostOf, type DomRef } from './dom-refs.js';
import type { HostPairSource } from './events.js';

export interface PairDraft {
  parent_host: string;
  child_host: string;
  cause: HostPairCause;
  parent_url: string;
  child_url: string;
  source: HostPairSource;
  tag: string | null;
  resource_type: string | null;
  initiator_type: string | null;
  initiator_url: string | null;
  frame_url: string | null;
}

/** Client-side navigation causes -> host-pair causes. */
const PAIR_CAUSE_OF_NAVIGATION: Partial<Record<NavigationCause, HostPairCause>> = {
  'meta-refresh': 'meta.refresh',
  'http-refresh': 'meta.refresh',
  script: 'location.refresh',
  'window-open': 'window.open',
  form: 'form.action',
  'anchor-click': 'a.href',
};

/** Resource type -> cause, before the DOM and the initiator refine it. */
const RESOURCE_CAUSES: Partial<Record<string, HostPairCause>> = {
  script: 'script.src',
  stylesheet: 'link.stylesheet',
  image: 'img.src',
  font: 'link.href',
  media: 'media.src',
  xhr: 'xmlhttprequest',
  fetch: 'xmlhttprequest',
  ping: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  websocket: 'websocket',
  document: 'iframe.src',
  manifest: 'link.manifest',
  texttrack: 'media.src',
  prefetch: 'link.prefetch',
};

/** Subresources that CSS asked for (@import, url() of fonts and images) are css.import. */
const CSS_LOADED = new Set(['stylesheet', 'font', 'image']);
/** A preflight repeats the request it precedes. */
const SKIPPED_TYPES = new Set(['preflight']);

export function hostPairs(c: PageCapture, refsByFrame: Map<string, DomRef[]>): PairDraft[] {
  const pairs = new Map<string, PairDraft>();
  const add = (d: Omit<PairDraft, 'parent_host' | 'child_host'>) => {
    const parent_host = webHostOf(d.parent_url);
    const child_host = webHostOf(d.child_url);
    if (!parent_host || !child_host || parent_host === child_host) return;
    const key = `${parent_host}\u0000${child_host}\u0000${d.cause}`;
    if (!pairs.has(key)) pairs.set(key, { parent_host, child_host, ...d });
  };
  const none = { tag: null, resource_type: null, initiator_type: null, initiator_url: null, frame_url: null };
  const frames = new Map(c.frames.map((f) => [f.id, f]));
  const webUrl = (url: string | undefined) => (webHostOf(url) ? url! : null);
  const frameUrl = (id: string | undefined) => webUrl(id ? frames.get(id)?.url : undefined);

  // 1. Navigations.
  for (const n of c.navigations) {
    if (!n.from_url) continue;
    const main = n.frame_id === undefined || n.frame_id === c.main_frame_id;
    if (n.cause === 'http-redirect') {
      add({
        ...none,
        cause: 'redirect',
        parent_url: n.from_url,
        child_url: n.url,
        source: 'navigation',
        resource_type: 'document',
        frame_url: frameUrl(n.frame_id),
      });
      if (main)
        add({
          ...none,
          cause: 'topLevelRedirect',
          parent_url: n.from_url,
          child_url: n.url,
          source: 'navigation',
          resource_type: 'document',
        });
      continue;
    }
    const cause = PAIR_CAUSE_OF_NAVIGATION[n.cause];
    if (cause) add({ ...none, cause, parent_url: n.from_url, child_url: n.url, source: 'navigation', tag: n.cause });
  }
  if (c.final_url !== c.target.url)
    add({ ...none, cause: 'finalRedirect', parent_url: c.target.url, child_url: c.final_url, source: 'navigation' });
  if (c.target.via_url)
    add({
      ...none,
      cause: 'parentPage',
      parent_url: c.target.via_url,
      child_url: c.target.url,
      source: 'crawl',
      tag: 'a.href',
    });

  // 2. Requests the browser made.
  const byUrl = new Map<string, CapturedRequest>();
  for (const r of c.requests) if (!byUrl.has(r.url)) byUrl.set(r.url, r);
  for (const r of c.requests) {
    if (SKIPPED_TYPES.has(r.resource_type)) continue;
    const isMainDocument = r.resource_type === 'document' && r.frame_id === c.main_frame_id;
    if (isMainDocument) continue; // its hops are navigations
    if (r.redirect_from) {
      add({
        ...none,
        cause: 'redirect',
        parent_url: r.redirect_from,
        child_url: r.url,
        source: 'network',
        resource_type: r.resource_type,
        frame_url: frameUrl(r.frame_id),
      });
      continue;
    }
    const frame = r.frame_id ? frames.get(r.frame_id) : undefined;
    // A frame's own document is requested by its parent frame's document.
    const ownerFrame = r.resource_type === 'document' && frame?.parent_id ? frames.get(frame.parent_id) : frame;
    const parentUrl = r.initiator.url ?? ownerFrame?.url;
    if (!parentUrl) continue;
    const ref = ownerFrame ? refsByFrame.get(ownerFrame.id)?.find((x) => x.url === r.url) : undefined;
    const initiatorIsCss = byUrl.get(r.initiator.url ?? '')?.resource_type === 'stylesheet';
    const cause: HostPairCause =
      initiatorIsCss && CSS_LOADED.has(r.resource_type)
        ? 'css.import'
        : ref && refinesType(r.resource_type, ref.cause)
          ? ref.cause
          : (RESOURCE_CAUSES[r.resource_type] ?? ref?.cause ?? 'unknown');
    add({
      cause,
      parent_url: parentUrl,
      child_url: r.url,
      source: 'network',
      tag: ref?.tag ?? null,
      resource_type: r.resource_type,
      initiator_type: r.initiator.type,
      initiator_url: r.initiator.url ?? null,
      frame_url: webUrl(ownerFrame?.url),
    });
  }

  // 3. The final DOM of every frame: links, forms, and references never loaded.
  for (const f of c.frames) {
    for (const ref of refsByFrame.get(f.id) ?? []) {
      const navigational = ref.cause === 'a.href' || ref.cause === 'form.action';
      if (!navigational && byUrl.has(ref.url)) continue;
      add({
        ...none,
        cause: ref.cause,
        parent_url: f.url,
        child_url: ref.url,
        source: 'dom',
        tag: ref.tag,
        frame_url: f.url,
      });
    }
  }
  return [...pairs.values()];
}

/**
 * Whether the tag referencing a URL names its cause better than the resource type does:
 * a document can be an iframe, frame or object; an image can come from <embed>, <object>
 * or a <link rel=icon>; a <link> whose rel the page declared names it for any type (a
 * preload, a modulepreload, an icon); anything the type does not name.
 */
function refinesType(type: string, tagCause: HostPairCause): boolean {
  if (tagCause.startsWith('link.') && tagCause !== 'link.href') return true;
  if (type === 'document') return ['iframe.src', 'frame.src', 'object.data', 'embed.src'].includes(tagCause);
  if (type === 'image') return ['embed.src', 'object.data', 'link.href', 'img.src'].includes(tagCause);
  return RESOURCE_CAUSES[type] === undefined;
}
