// The references a frame's final DOM makes to other URLs, by tag, with the host-pair
// cause each tag stands for. Used to name the tag behind a network request, and for the
// document pairs (links, forms, references never loaded). Data-driven: one row per
// tag/attribute.
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
  /** The attribute holds a srcset list (URL plus descriptor, comma separated). */
  srcset?: boolean;
  /** Only when the parent element is one of these (e.g. <source> in <video> vs <picture>). */
  parents?: string[];
}

/** Tag name -> the attributes that reference URLs, and the cause each stands for. */
const RULES: Record<string, RefRule[]> = {
  a: [{ attr: 'href', cause: 'a.href' }],
  area: [{ attr: 'href', cause: 'a.href' }],
  form: [{ attr: 'action', cause: 'form.action' }],
  button: [{ attr: 'formaction', cause: 'form.action' }],
  input: [{ attr: 'formaction', cause: 'form.action' }, { attr: 'src', cause: 'img.src' }],
  script: [{ attr: 'src', cause: 'script.src' }],
  img: [{ attr: 'src', cause: 'img.src' }, { attr: 'srcset', cause: 'img.src', srcset: true }],
  iframe: [{ attr: 'src', cause: 'iframe.src' }],
  frame: [{ attr: 'src', cause: 'frame.src' }],
  link: [{ attr: 'href', cause: 'link.href' }],
  video: [{ attr: 'src', cause: 'media.src' }, { attr: 'poster', cause: 'img.src' }],
  audio: [{ attr: 'src', cause: 'media.src' }],
  source: [
    { attr: 'src', cause: 'media.src', parents: ['video', 'audio'] },
    { attr: 'srcset', cause: 'img.src', srcset: true, parents: ['picture'] },
  ],
  track: [{ attr: 'src', cause: 'media.src' }],
  object: [{ attr: 'data', cause: 'object.data' }],
  embed: [{ attr: 'src', cause: 'embed.src' }],
};

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
    if (!raw || out.length >= MAX_REFS) return;
    const url = resolve(raw, base);
    if (url) out.push({ tag, url, cause });
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
      if (rule.srcset) for (const part of (raw ?? '').split(',')) add(tag, part.trim().split(/\s+/)[0], rule.cause);
      else add(tag, raw, rule.cause);
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
