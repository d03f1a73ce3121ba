// Generic component finder over the catalog (catalog.ts). Pure: no I/O, no shared state.
// Which host a finding belongs to follows the evidence: a header, a cookie or the favicon
// belongs to the host that sent it; a meta tag, a global, the DOM, a script a document
// loaded or a path it requested, to that document's host.
// A combined or minified bundle URL (`/_static/??/a.js,/b.js`, `/min/?f=a.js,b.js`, jsDelivr's
// /combine/) is matched as itself and as each file it names (bundleParts).
import { siteOf } from '../../capture/url.js';
import { webHostOf } from '../dom-refs.js';
import type { ComponentCategory, ComponentSource } from '../events.js';
import { decodeAttributeEntities, LiteralSet, requiredLiterals } from '../trackers/find.js';
import { COMPONENT_CATALOG, type ComponentDefinition, type GlobalRule } from './catalog.js';

export interface ComponentScanInput {
  /** Every response: its URL and headers (lower-case names; lines of a repeated header joined by \n). */
  responses: { url: string; headers: Readonly<Record<string, string>> }[];
  /** Every cookie, with the host that set it. */
  cookies: { name: string; host: string }[];
  /** Every frame's document: its URL, final DOM and probed globals (capture/probes.ts). */
  documents: { url: string; html?: string; globals?: Readonly<Record<string, string>> }[];
  /** Every request, with the URL of the document that made it. */
  requests: { url: string; resource_type: string; document_url: string }[];
  /** The site icon and its Shodan hash. */
  favicon?: { url: string; mmh3: number };
}

export interface ComponentFinding {
  host: string;
  category: ComponentCategory;
  name: string;
  version: string | null;
  source: ComponentSource;
  /** The header, cookie, meta tag or global that matched; the URL for the others. */
  where: string;
}

/** `where` is a pointer, not a copy. */
const MAX_WHERE_CHARS = 4096;
/** A page can hold thousands of meta tags: the ones past this are not read. */
const MAX_META_TAGS = 1000;

type Rule = { def: ComponentDefinition; re: RegExp };

/**
 * Rules on URLs: each rule runs only on a URL that holds its pattern's literals (one pass over
 * the URL finds them all), and only the rules keyed by a literal the URL holds are looked at.
 */
class UrlRules {
  private readonly rules: (Rule & { hints: number[] })[] = [];
  private readonly literals: string[] = [];
  /** Literal id -> the rules (by index) keyed by it, each rule under its longest literal; rules without one run on every URL. */
  private readonly byLiteral: number[][] = [];
  private readonly always: number[] = [];
  private set: LiteralSet | undefined;
  add(def: ComponentDefinition, re: RegExp): void {
    const hints = requiredLiterals(re.source).map((lit) =>
      this.literals.includes(lit) ? this.literals.indexOf(lit) : this.literals.push(lit) - 1,
    );
    const i = this.rules.push({ def, re, hints }) - 1;
    if (hints.length === 0) this.always.push(i);
    else {
      const key = hints.reduce((a, b) => (this.literals[b]!.length > this.literals[a]!.length ? b : a));
      (this.byLiteral[key] ??= []).push(i);
    }
  }
  /** Per technology, its first rule (catalog order) that matches one of the texts. */
  *matches(texts: readonly string[]): Generator<[ComponentDefinition, RegExpExecArray]> {
    this.set ??= new LiteralSet(this.literals);
    const done = new Set<ComponentDefinition>();
    for (const text of texts) {
      const present = this.set.scan(text);
      let candidates = this.always;
      for (let key = 0; key < present.length; key++) {
        const keyed = present[key] === 1 ? this.byLiteral[key] : undefined;
        if (!keyed) continue;
        // The shared list is copied once, on the first keyed rule, then grown in place.
        if (candidates === this.always) candidates = [...candidates, ...keyed];
        else candidates.push(...keyed);
      }
      if (candidates !== this.always) candidates.sort((a, b) => a - b);
      for (const i of candidates) {
        const { def, re, hints } = this.rules[i]!;
        if (done.has(def) || !hints.every((h) => present[h] === 1)) continue;
        const m = re.exec(text);
        if (m) {
          done.add(def);
          yield [def, m];
        }
      }
    }
  }
}

// Indexed once by what each kind of evidence is looked up with.
const HEADER_RULES = new Map<string, Rule[]>();
const META_RULES = new Map<string, Rule[]>();
const GLOBAL_RULES = new Map<string, { def: ComponentDefinition; rule: GlobalRule }[]>();
const COOKIE_NAMES = new Map<string, ComponentDefinition[]>();
const COOKIE_PATTERNS: Rule[] = [];
const SCRIPT_RULES = new UrlRules();
const STYLESHEET_RULES = new UrlRules();
const PATH_RULES = new UrlRules();
const FAVICONS = new Map<number, ComponentDefinition[]>();
const HTML_LITERALS: string[] = [];
const HTML_RULES: (Rule & { hints: number[] })[] = [];
const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => void m.set(k, [...(m.get(k) ?? []), v]);
for (const def of COMPONENT_CATALOG) {
  for (const [h, re] of Object.entries(def.headers ?? {})) push(HEADER_RULES, h, { def, re });
  for (const [n, re] of Object.entries(def.meta ?? {})) push(META_RULES, n, { def, re });
  for (const rule of def.globals ?? []) push(GLOBAL_RULES, rule.path, { def, rule });
  for (const c of def.cookies ?? []) {
    if (typeof c === 'string') push(COOKIE_NAMES, c, def);
    else COOKIE_PATTERNS.push({ def, re: c });
  }
  for (const re of def.scripts ?? []) SCRIPT_RULES.add(def, re);
  for (const re of def.stylesheets ?? []) STYLESHEET_RULES.add(def, re);
  for (const re of def.paths ?? []) PATH_RULES.add(def, re);
  for (const f of def.favicons ?? []) push(FAVICONS, f, def);
  for (const re of def.html ?? []) {
    const hints = requiredLiterals(re.source).map((lit) =>
      HTML_LITERALS.includes(lit) ? HTML_LITERALS.indexOf(lit) : HTML_LITERALS.push(lit) - 1,
    );
    HTML_RULES.push({ def, re, hints });
  }
}
const HTML_LITERAL_SET = new LiteralSet(HTML_LITERALS);

const META_TAG = /<meta\s[^<>]{0,4000}>/gi;
const META_NAME = /\sname="([^"]{1,200})"/i;
const META_CONTENT = /\scontent="([^"]{0,2000})"/i;

/** name -> contents of a document's `<meta name content>` tags (attribute values as the DOM serializer writes them). */
function metaTags(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let n = 0;
  for (const [tag] of html.matchAll(META_TAG)) {
    if (++n > MAX_META_TAGS) break;
    const name = META_NAME.exec(tag)?.[1];
    const content = META_CONTENT.exec(tag)?.[1];
    if (name !== undefined && content !== undefined) push(out, name.toLowerCase(), decodeAttributeEntities(content));
  }
  return out;
}

/** The source a stylesheet's URL is reported under. */
const STYLESHEET_SOURCE: ComponentSource = 'stylesheet-url';

/** A bundle names at most this many files: the ones past it are not read. */
const MAX_BUNDLE_PARTS = 100;
/** Minify's list of files. */
const FILES_PARAM = /[?&]f=/;

/**
 * The URL and, for a URL that combines several files into one response, each file's URL:
 * nginx/Tengine concat and WordPress.com's `/_static/??/wp-includes/a.js,/wp-content/b.js?m=1`
 * (a part with a leading / is from the site's root, one without from the folder before `??`),
 * Minify's `/min/?f=a.js,b.js` and `?b=folder&f=a.js` (from the root), and jsDelivr's
 * `/combine/npm/a@1,npm/b@2/x.js`. The bundle's own query is not the parts' (it is a cache key).
 */
export function bundleParts(url: string): string[] {
  const out = [url];
  const concat = url.indexOf('??');
  const comma = url.indexOf(',');
  if (concat < 0 && comma < 0 && !FILES_PARAM.test(url)) return out;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return out; // not a URL: only itself to match
  }
  const root = u.origin;
  if (concat > 0) {
    const folder = url.slice(0, concat).replace(/\/?$/, '/');
    const files = url.slice(concat + 2).split('?', 1)[0]!;
    for (const f of files.split(',').slice(0, MAX_BUNDLE_PARTS))
      if (f) out.push(f.startsWith('/') ? root + f : folder + f);
    return out;
  }
  if (u.hostname.endsWith('jsdelivr.net') && u.pathname.startsWith('/combine/')) {
    for (const f of u.pathname.slice('/combine/'.length).split(',').slice(0, MAX_BUNDLE_PARTS))
      if (f) out.push(`${root}/${f}`);
    return out;
  }
  const files = u.searchParams.get('f');
  if (files && /\.(?:js|css)(?:,|$)/i.test(files)) {
    const base = (u.searchParams.get('b') ?? '').replace(/^\/{1,10}|\/{1,10}$/g, '');
    for (const f of files.split(',').slice(0, MAX_BUNDLE_PARTS))
      if (f) out.push(`${root}/${base ? `${base}/` : ''}${f.replace(/^\/{1,10}/, '')}`);
  }
  return out;
}

/** The path and query of a web URL, '' for any other. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return ''; // not a URL: no path to match
  }
}

export function findComponents(input: ComponentScanInput): ComponentFinding[] {
  const found = new Map<string, ComponentFinding>();
  const add = (
    host: string,
    def: ComponentDefinition,
    m: RegExpExecArray | null | true,
    source: ComponentSource,
    where: string,
  ): void => {
    if (!host || !m) return;
    const version = m === true ? null : (m[1] ?? null);
    // A request path says the same about its host whichever request of the site shows it: the first one stands for all.
    const key = JSON.stringify([host, def.name, version, source, source === 'request-path' ? '' : where]);
    if (!found.has(key))
      found.set(key, {
        host,
        category: def.category,
        name: def.name,
        version,
        source,
        where: where.slice(0, MAX_WHERE_CHARS),
      });
  };

  for (const r of input.responses) {
    const host = webHostOf(r.url);
    for (const [header, value] of Object.entries(r.headers)) {
      for (const { def, re } of HEADER_RULES.get(header) ?? []) {
        for (const line of value.split('\n')) add(host, def, re.exec(line.trim()), 'header', header);
      }
    }
  }

  for (const k of input.cookies) {
    for (const def of COOKIE_NAMES.get(k.name) ?? []) add(k.host, def, true, 'cookie', k.name);
    for (const { def, re } of COOKIE_PATTERNS) add(k.host, def, re.exec(k.name), 'cookie', k.name);
  }

  for (const d of input.documents) {
    const host = webHostOf(d.url);
    if (!host) continue;
    const globals = d.globals ?? {};
    for (const [path, value] of Object.entries(globals)) {
      for (const { def, rule } of GLOBAL_RULES.get(path) ?? []) {
        if (!rule.with || globals[rule.with] !== undefined)
          add(host, def, rule.value ? rule.value.exec(value) : true, 'js-global', path);
      }
    }
    if (!d.html) continue;
    for (const [name, contents] of metaTags(d.html)) {
      for (const { def, re } of META_RULES.get(name) ?? [])
        for (const content of contents) add(host, def, re.exec(content), 'meta', name);
    }
    const html = decodeAttributeEntities(d.html);
    const present = HTML_LITERAL_SET.scan(html);
    for (const { def, re, hints } of HTML_RULES)
      if (hints.every((h) => present[h] === 1)) add(host, def, re.exec(html), 'html', d.url);
  }

  // A page makes hundreds of requests to a few hosts: each host's site is looked up once.
  const sites = new Map<string, string>();
  const site = (host: string): string => sites.get(host) ?? sites.set(host, siteOf(host)).get(host)!;
  for (const r of input.requests) {
    const host = webHostOf(r.document_url);
    const requested = webHostOf(r.url);
    if (!host || !requested) continue;
    const urls = bundleParts(r.url);
    if (r.resource_type === 'script')
      for (const [def, m] of SCRIPT_RULES.matches(urls)) add(host, def, m, 'script-url', r.url);
    if (r.resource_type === 'stylesheet')
      for (const [def, m] of STYLESHEET_RULES.matches(urls)) add(host, def, m, STYLESHEET_SOURCE, r.url);
    if (site(requested) !== site(host)) continue;
    for (const [def, m] of PATH_RULES.matches(urls.map(pathOf))) add(host, def, m, 'request-path', r.url);
  }

  if (input.favicon) {
    for (const def of FAVICONS.get(input.favicon.mmh3) ?? [])
      add(webHostOf(input.favicon.url), def, true, 'favicon', input.favicon.url);
  }
  return [...found.values()];
}
