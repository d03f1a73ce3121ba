// The references a frame's final DOM makes to other URLs, by tag, with the host-pair
// cause each tag stands for. Used to name the tag behind a network request, and for the
// document pairs (links, forms, references never loaded). Data-driven: one row per
// tag/attribute, and for <link> one row per rel (LINK_REL_CAUSES). URLs resolve against the
// first <base href> (itself resolved against the frame's URL); a `javascript:` URL stands for
// the URLs written in it as plain string literals (`javascript:window.open('https://x/')`).
import * as cheerio from 'cheerio';
import type { HostPairCause } from '../capture/vocabulary.js';

export interface DomRef {
  /** e.g. `iframe.src`, `link.href`. */
  tag: string;
  url: string;
  cause: HostPairCause;
}

interface RefRule {
  attr: string;
  cause: HostPairCause;
  /** The element's rel names the cause (LINK_REL_CAUSES); `cause` when it names none of them. */
  byRel?: boolean;
  /** The attribute holds a srcset list (URL plus descriptor, comma separated). */
  srcset?: boolean;
  /** Only when the parent element is one of these (e.g. <source> in <video> vs <picture>). */
  parents?: string[];
}

/** Tag name -> the attributes that reference URLs, and the cause each stands for. */
const RULES: Record<string, RefRule[]> = {
  a: [
    { attr: 'href', cause: 'a.href' },
    { attr: 'xlink:href', cause: 'a.href' },
  ],
  area: [{ attr: 'href', cause: 'a.href' }],
  form: [{ attr: 'action', cause: 'form.action' }],
  button: [{ attr: 'formaction', cause: 'form.action' }],
  input: [
    { attr: 'formaction', cause: 'form.action' },
    { attr: 'src', cause: 'img.src' },
  ],
  script: [{ attr: 'src', cause: 'script.src' }],
  img: [
    { attr: 'src', cause: 'img.src' },
    { attr: 'srcset', cause: 'img.src', srcset: true },
  ],
  iframe: [{ attr: 'src', cause: 'iframe.src' }],
  frame: [{ attr: 'src', cause: 'frame.src' }],
  link: [{ attr: 'href', cause: 'link.href', byRel: true }],
  video: [
    { attr: 'src', cause: 'media.src' },
    { attr: 'poster', cause: 'img.src' },
  ],
  audio: [{ attr: 'src', cause: 'media.src' }],
  source: [
    { attr: 'src', cause: 'media.src', parents: ['video', 'audio'] },
    { attr: 'srcset', cause: 'img.src', srcset: true, parents: ['picture'] },
  ],
  track: [{ attr: 'src', cause: 'media.src' }],
  object: [{ attr: 'data', cause: 'object.data' }],
  embed: [{ attr: 'src', cause: 'embed.src' }],
};

/**
 * A <link>'s cause, by the rel the page declared: a rel is a list of tokens, and the first
 * row here that the list holds names the cause, so the rels that load something come first
 * ("alternate stylesheet" is a stylesheet, "shortcut icon" an icon). A rel none of them
 * names is `link.href`.
 */
export const LINK_REL_CAUSES: Readonly<Record<string, HostPairCause>> = {
  stylesheet: 'link.stylesheet',
  preload: 'link.preload',
  modulepreload: 'link.modulepreload',
  prefetch: 'link.prefetch',
  prerender: 'link.prerender',
  'dns-prefetch': 'link.dns-prefetch',
  preconnect: 'link.preconnect',
  icon: 'link.icon',
  'apple-touch-icon': 'link.apple-touch-icon',
  'apple-touch-icon-precomposed': 'link.apple-touch-icon',
  'apple-touch-startup-image': 'link.apple-touch-startup-image',
  'mask-icon': 'link.mask-icon',
  manifest: 'link.manifest',
  canonical: 'link.canonical',
  amphtml: 'link.amphtml',
  alternate: 'link.alternate',
  search: 'link.search',
  author: 'link.author',
  publisher: 'link.publisher',
  license: 'link.license',
  me: 'link.me',
  pingback: 'link.pingback',
  edituri: 'link.edituri',
  wlwmanifest: 'link.wlwmanifest',
  shortlink: 'link.shortlink',
  next: 'link.next',
  prev: 'link.prev',
  previous: 'link.prev',
  image_src: 'link.image_src',
  webmention: 'link.webmention',
  hub: 'link.hub',
};
const LINK_RELS = Object.keys(LINK_REL_CAUSES);

/** The cause a rel attribute names (case-insensitive tokens), undefined when none. */
export function linkRelCause(rel: string | undefined): HostPairCause | undefined {
  if (!rel) return undefined;
  const tokens = new Set(rel.toLowerCase().split(/[\s,]+/));
  const first = LINK_RELS.find((r) => tokens.has(r));
  return first === undefined ? undefined : LINK_REL_CAUSES[first];
}

/** At most this many URLs are read from one javascript: URL. */
const MAX_SCRIPT_URLS = 8;
/** An absolute or protocol-relative web URL as a plain string literal ('…', "…" or `…` without ${}). */
const SCRIPT_URL_LITERAL = /(["'`])((?:https?:|wss?:)?\/\/[^"'`\s\\<>]{1,2000})\1/gi;

/** The URLs a javascript: URL writes as plain string literals; [raw] for any other URL. */
function urlsIn(raw: string): string[] {
  if (!/^\s*javascript:/i.test(raw)) return [raw];
  let code = raw.replace(/^\s*javascript:/i, '');
  try {
    code = decodeURIComponent(code);
  } catch {
    // kept as written
  }
  return [...code.matchAll(SCRIPT_URL_LITERAL)]
    .slice(0, MAX_SCRIPT_URLS)
    .map((m) => m[2]!)
    .filter((u) => !u.includes('${'));
}

/** The parts of a parsed element this module reads. */
interface TagNode {
  tagName: string;
  attribs: Record<string, string | undefined>;
  parent: { tagName?: string } | null;
}

/** One selection pass for every element that can reference a URL. */
const SELECTOR = [...Object.keys(RULES), 'base', 'meta'].join(',');
/** Web URLs: the only ones that name a host on the web (not chrome-error:, about:, data:, blob:, file:). */
const WEB_SCHEME = /^(https?|wss?):$/;
const MAX_REFS = 20_000;

/**
 * The host of a web URL (http, https, ws, wss), '' for any other: only web URLs can be one
 * end of a host pair, make a resource or give a tracker its host. Chromium's error page
 * (`chrome-error://chromewebdata/`) would otherwise name a host, `chromewebdata`.
 */
export function webHostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return WEB_SCHEME.test(u.protocol) ? u.hostname.replace(/^\[|\]$/g, '') : '';
  } catch {
    return ''; // not a URL: no host
  }
}

/** Every http(s)/ws(s) reference in a frame's HTML, resolved against <base href> or the frame URL. */
export function domRefs(html: string, frameUrl: string): DomRef[] {
  let $: cheerio.CheerioAPI;
  try {
    // htmlparser2 in HTML mode (cheerio's `xml` option with xmlMode off): the DOM was
    // serialized by the browser, so the fast tolerant parser reads it as well as a spec
    // parser would, at a fraction of the cost.
    $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  } catch {
    return []; // markup cheerio cannot read names no hosts (pure: the extractor never throws on a page)
  }
  // A selector of tag names selects only elements.
  const elements = $(SELECTOR).toArray() as unknown as TagNode[];
  const baseHref = elements.find((e) => e.tagName.toLowerCase() === 'base' && e.attribs.href)?.attribs.href;
  const base = resolve(baseHref ?? '', frameUrl) ?? frameUrl;
  const out: DomRef[] = [];
  const add = (tag: string, raw: string | undefined, cause: HostPairCause) => {
    if (!raw) return;
    for (const written of urlsIn(raw)) {
      if (out.length >= MAX_REFS) return;
      const url = resolve(written, base);
      if (url) out.push({ tag, url, cause });
    }
  };
  for (const el of elements) {
    const name = el.tagName.toLowerCase();
    if (name === 'meta') {
      if ((el.attribs['http-equiv'] ?? '').toLowerCase() !== 'refresh') continue;
      const m = /url\s*=\s*['"]?([^'"\s]+)/i.exec(el.attribs.content ?? '');
      add('meta.refresh', m?.[1], 'meta.refresh');
      continue;
    }
    const parent = el.parent?.tagName?.toLowerCase() ?? '';
    for (const rule of RULES[name] ?? []) {
      if (rule.parents && !rule.parents.includes(parent)) continue;
      const raw = el.attribs[rule.attr];
      const tag = `${name}.${rule.attr}`;
      const cause = (rule.byRel && linkRelCause(el.attribs.rel)) || rule.cause;
      if (rule.srcset) for (const part of (raw ?? '').split(',')) add(tag, part.trim().split(/\s+/)[0], cause);
      else add(tag, raw, cause);
    }
  }
  return out;
}

function resolve(raw: string, base: string): string | undefined {
  try {
    const u = new URL(raw.trim(), base);
    if (!WEB_SCHEME.test(u.protocol)) return undefined;
    // Credentials in a URL never reach an event (capture/url.ts).
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return undefined; // not a URL: no reference
  }
}
