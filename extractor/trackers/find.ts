// Generic tracker finder over the catalog (catalog.ts). Pure: no I/O, no shared state.
// Every text is scanned whole, however long: a snippet can sit anywhere in a 5 MB DOM and
// an ID at the end of a beacon URL thousands of characters long. Time stays linear in the
// text because every pattern is linear (catalog.ts, checked by the tests).

import {
  COMMON_PLACEHOLDERS,
  isDerived,
  matchesPlaceholder,
  TRACKER_CATALOG,
  type DerivedTracker,
  type PatternTracker,
  type TrackerLocation,
} from './catalog.js';
import type { TrackerContext, TrackerSource } from '../events.js';

export type { TrackerContext, TrackerSource } from '../events.js';

export interface TrackerScanInput {
  /** Every request URL the page made (network-observed). */
  requests: { url: string }[];
  /** Final serialized DOM (HTML) of every frame, with the frame's URL. */
  documents: { url: string; html: string }[];
  /** Bodies of scripts the page loaded (text), with their URL. */
  scripts: { url: string; text: string }[];
}

export interface TrackerFinding {
  type: string; // catalog type name
  value: string; // the ID
  source: TrackerSource; // url -> 'network', html -> 'dom', script -> 'script'
  /** URL of the request, document or script it was found in. */
  where: string;
  /** executed (also in a request the page made), else the kind of place it sits in (events.ts TRACKER_CONTEXTS). */
  context: TrackerContext;
}

/** A hostile page can write a million different fake IDs: a pattern looks at this many distinct matches per text. */
const MAX_VALUES_PER_PATTERN = 500;
/** `where` is a pointer, not a copy: data: URLs can be megabytes. */
const MAX_WHERE_CHARS = 4096;

interface CompiledPattern {
  re: RegExp;
  /** Ids (in LITERALS) of literals every match contains: absent ones rule the pattern out. */
  hints: number[];
}

interface CompiledTracker {
  def: PatternTracker;
  /** catalog.ts `vendor`: a code context matching it counts `inVendorCode` even beside a pattern's ID. */
  vendor?: RegExp;
  /** The fallbacks and `vendorPatterns`, read in a code context that names the vendor. */
  inVendorCode: CompiledPattern[];
  patterns: CompiledPattern[];
  /** Used in a text only when `patterns` found nothing there (catalog.ts `fallbackPatterns`). */
  fallback: CompiledPattern[];
  derived: DerivedTracker[];
}

type Node = { q?: { min: number } } & (
  | { kind: 'char'; ch: string }
  | { kind: 'other' }
  | { kind: 'group'; look: boolean; alts: Node[][] }
);

/**
 * Literal substrings (lower-cased, length >= 2) that every match of a regex contains, read
 * from its source. Conservative: whatever it does not understand ends the current run of
 * literals, so it may find too few, never a wrong one.
 */
export function requiredLiterals(source: string): string[] {
  let i = 0;
  const parseAlts = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < source.length && source[i] !== ')') {
      if (source[i] === '|') {
        i++;
        alts.push([]);
        continue;
      }
      const node = parseAtom();
      node.q = parseQuantifier();
      alts[alts.length - 1]!.push(node);
    }
    return alts;
  };
  const parseAtom = (): Node => {
    const c = source[i++]!;
    if (c === '(') {
      let look = false;
      if (source[i] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i, i + 40));
        look = m !== null && /^\?(?:=|!|<=|<!)$/.test(m[0]);
        i += m ? m[0].length : 1;
      }
      const alts = parseAlts();
      i++; // ')'
      return { kind: 'group', look, alts };
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'other' };
    }
    if (c === '\\') {
      const e = source[i++] ?? '';
      if (/[A-Za-z0-9]/.test(e)) {
        // Character classes, anchors, control/hex/unicode escapes and back-references.
        const skip =
          /^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{1,6}\}|c[A-Za-z]|k<[^>]{0,64}>|[pP]\{[^}]{0,64}\})/.exec(
            source.slice(i - 1, i + 70),
          );
        if (skip) i += skip[0].length - 1;
        return { kind: 'other' };
      }
      return { kind: 'char', ch: e };
    }
    if (c === '.' || c === '^' || c === '$') return { kind: 'other' };
    return { kind: 'char', ch: c };
  };
  const parseQuantifier = (): { min: number } | undefined => {
    let min: number | undefined;
    const c = source[i];
    if (c === '?' || c === '*') min = 0;
    else if (c === '+') min = 1;
    if (min !== undefined) i++;
    else {
      const m = /^\{(\d{1,9})(?:,\d{0,9})?\}/.exec(source.slice(i, i + 24));
      if (!m) return undefined;
      min = Number(m[1]);
      i += m[0].length;
    }
    if (source[i] === '?') i++; // lazy
    return { min };
  };

  const out = new Set<string>();
  let run = '';
  const flush = (): void => {
    if (run.length >= 2) out.add(run.toLowerCase());
    run = '';
  };
  const collect = (seq: Node[]): void => {
    for (const n of seq) {
      const once = n.q === undefined;
      if (n.kind === 'char') {
        if (once) run += n.ch;
        else {
          if (n.q!.min >= 1) run += n.ch;
          flush();
        }
      } else if (n.kind === 'group' && !n.look && n.alts.length === 1 && (once || n.q!.min >= 1)) {
        collect(n.alts[0]!);
        if (!once) flush();
      } else {
        flush();
      }
    }
  };
  try {
    const top = parseAlts();
    if (top.length === 1 && i >= source.length) collect(top[0]!);
    flush();
  } catch {
    return []; // a script the tokenizer cannot read gives no findings (pure: the extractor never throws on a page)
  }
  return [...out];
}

/**
 * Which of many lower-case ASCII literals occur in a text, case-insensitively, in one pass
 * (Aho-Corasick). Checking ~150 literals with includes() costs ~150 passes over every text.
 */
export class LiteralSet {
  private readonly delta: Uint16Array | Uint32Array; // state * 128 + char -> next state
  private readonly out: number[][]; // literal ids ending at a state (failure chain merged)
  private readonly count: number;

  /** literals: lower-case ASCII. */
  constructor(literals: readonly string[]) {
    this.count = literals.length;
    const next: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    literals.forEach((lit, id) => {
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        let t = next[s]!.get(c);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          out.push([]);
          next[s]!.set(c, t);
        }
        s = t;
      }
      out[s]!.push(id);
    });
    const delta = next.length <= 0xffff ? new Uint16Array(next.length * 128) : new Uint32Array(next.length * 128);
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    for (const [c, t] of next[0]!) {
      delta[c] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      out[s] = [...out[s]!, ...out[fail[s]!]!];
      for (let c = 0; c < 128; c++) {
        const t = next[s]!.get(c);
        const viaFail = delta[fail[s]! * 128 + c]!;
        if (t === undefined) delta[s * 128 + c] = viaFail;
        else {
          fail[t] = viaFail;
          delta[s * 128 + c] = t;
          queue.push(t);
        }
      }
    }
    this.delta = delta;
    this.out = out;
  }

  /** found[id] === 1 when literal id occurs in text. */
  scan(text: string): Uint8Array {
    const found = new Uint8Array(this.count);
    const { delta, out } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) {
        s = 0;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      s = delta[s * 128 + c]!;
      const o = out[s]!;
      for (let k = 0; k < o.length; k++) found[o[k]!] = 1;
    }
    return found;
  }
}

/**
 * A pattern that also reads URLs as JSON writes them (`https:\\/\\/www.facebook.com\\/tr?id=`, in
 * a configuration block or a script's string): every `\\/` outside a character class may follow
 * a backslash. A URL itself never holds one, so nothing else changes.
 */
export function jsonSlashes(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      out += !inClass && next === '/' ? String.raw`\\?\/` : c + next;
      i++;
    } else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
    }
  }
  return out;
}

// Compiled once. matchAll clones its regex, so these are never mutated.
const COMPILED: Record<TrackerLocation, CompiledTracker[]> = { url: [], html: [], script: [] };
const LITERALS: string[] = [];
{
  const literalId = (lit: string): number => {
    const known = LITERALS.indexOf(lit);
    return known >= 0 ? known : LITERALS.push(lit) - 1;
  };
  const derivedByFrom = new Map<string, DerivedTracker[]>();
  for (const def of TRACKER_CATALOG) {
    if (!isDerived(def)) continue;
    derivedByFrom.set(def.from, [...(derivedByFrom.get(def.from) ?? []), def]);
  }
  const compile = (re: RegExp): CompiledPattern => {
    const source = jsonSlashes(re.source);
    return {
      // d: the match's indices tell which part of a document (script, noscript, ...) holds it.
      re: new RegExp(source, `${re.flags.replace(/[gd]/g, '')}gd`),
      // Only ASCII literals can be looked up; a pattern without any is always run.
      hints: requiredLiterals(source)
        .filter((l) => /^[\x00-\x7f]+$/.test(l))
        .map(literalId),
    };
  };
  for (const def of TRACKER_CATALOG) {
    if (isDerived(def)) continue;
    const compiled: CompiledTracker = {
      def,
      patterns: def.patterns.map(compile),
      fallback: (def.fallbackPatterns ?? []).map(compile),
      ...(def.vendor ? { vendor: new RegExp(def.vendor.source, def.vendor.flags.replace('g', '')) } : {}),
      inVendorCode: def.vendor ? [...(def.fallbackPatterns ?? []), ...(def.vendorPatterns ?? [])].map(compile) : [],
      derived: derivedByFrom.get(def.type) ?? [],
    };
    for (const loc of def.in) COMPILED[loc].push(compiled);
  }
}
const LITERAL_SET = new LiteralSet(LITERALS);

const SOURCE_OF: Record<TrackerLocation, TrackerSource> = { url: 'network', html: 'dom', script: 'script' };

/** A part of a document that holds code or configuration, [start, end) in its text. */
export interface CodeSegment {
  start: number;
  end: number;
  context: Exclude<TrackerContext, 'executed' | 'markup'>;
}

/** A document has at most this many segments looked at (a page of 100,000 data- attributes is hostile). */
const MAX_SEGMENTS = 20_000;
const OPEN_TAG = /<(script|noscript)\b[^<>]{0,4000}>/gi;
/** A data- attribute up to its opening quote; its value ends at the next same quote (indexOf: one pass). */
const DATA_ATTRIBUTE = /\sdata-[\w.:-]{1,80}\s{0,5}=\s{0,5}(["'])/g;

/**
 * The code contexts of a document, in order, not overlapping: every <script> element's text
 * (inline-code, or config when its type names JSON), every <noscript>'s (noscript), and the
 * values of data- attributes outside them (config). Everything else is markup. Linear: one
 * pass for the elements (each ends at the first closing tag, as a parser ends it), one for
 * the attributes.
 */
export function codeSegments(html: string): CodeSegment[] {
  const out: CodeSegment[] = [];
  const lower = html.toLowerCase();
  const elements: CodeSegment[] = [];
  OPEN_TAG.lastIndex = 0;
  for (let m = OPEN_TAG.exec(html); m && elements.length < MAX_SEGMENTS; m = OPEN_TAG.exec(html)) {
    const name = m[1]!.toLowerCase();
    const start = m.index + m[0].length;
    const close = lower.indexOf(`</${name}`, start);
    const end = close < 0 ? html.length : close;
    const type = /\stype\s{0,5}=\s{0,5}["']?([^"'\s>]{1,100})/i.exec(m[0])?.[1]?.toLowerCase() ?? '';
    const context = name === 'noscript' ? 'noscript' : type.includes('json') ? 'config' : 'inline-code';
    if (end > start) elements.push({ start, end, context });
    OPEN_TAG.lastIndex = end;
  }
  // data- attributes between the elements (those inside a script are its code).
  let e = 0;
  DATA_ATTRIBUTE.lastIndex = 0;
  for (
    let m = DATA_ATTRIBUTE.exec(html);
    m && out.length + elements.length < MAX_SEGMENTS;
    m = DATA_ATTRIBUTE.exec(html)
  ) {
    while (e < elements.length && elements[e]!.end <= m.index) out.push(elements[e++]!);
    const inside = e < elements.length && elements[e]!.start <= m.index;
    if (inside) {
      DATA_ATTRIBUTE.lastIndex = elements[e]!.end;
      continue;
    }
    const start = m.index + m[0].length;
    const end = html.indexOf(m[1]!, start);
    if (end < 0) break; // an unclosed value runs to the end: no attribute follows it
    if (end > start) out.push({ start, end, context: 'config' });
    DATA_ATTRIBUTE.lastIndex = end + 1;
  }
  while (e < elements.length) out.push(elements[e++]!);
  return out;
}

/** The context of a position in a document: the segment that holds it, else markup. */
/** The first segment that ends after `index` (segments.length when none does): the one holding it, if it starts at or before it. */
function segmentFrom(segments: readonly CodeSegment[], index: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.end <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function contextAt(segments: readonly CodeSegment[], index: number): TrackerContext {
  const s = segments[segmentFrom(segments, index)];
  return s && s.start <= index ? s.context : 'markup';
}

/** When one ID sits in several places of one text, the one that says most about it is kept. */
const CONTEXT_RANK: Record<TrackerContext, number> = {
  executed: 0,
  'inline-code': 1,
  config: 2,
  noscript: 3,
  markup: 4,
};

/**
 * Serializers escape quotes and & in attribute values; patterns are written for the raw
 * form. String replacements (no callbacks) keep this linear and cheap; & goes last so
 * that "&amp;quot;" decodes once, to "&quot;".
 */
export function decodeAttributeEntities(html: string): string {
  if (!html.includes('&')) return html;
  return html
    .replace(/&(?:quot|#0{0,4}34|#x0{0,4}22);/gi, '"')
    .replace(/&(?:apos|#0{0,4}39|#x0{0,4}27);/gi, "'")
    .replace(/&(?:amp|#0{0,4}38|#x0{0,4}26);/gi, '&');
}

/** %XX decoding that never throws (IDs are ASCII, so byte-wise Latin-1 is enough). */
function percentDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    // A malformed escape: decoded as a browser's legacy unescape() would.
    return unescape(url);
  }
}

function isPlaceholder(value: string, def: PatternTracker | DerivedTracker): boolean {
  const common = !('commonPlaceholders' in def) || def.commonPlaceholders !== false;
  if (common && matchesPlaceholder(value, COMMON_PLACEHOLDERS)) return true;
  const own = 'placeholders' in def ? def.placeholders : undefined;
  return own !== undefined && matchesPlaceholder(value, own);
}

export function findTrackers(input: TrackerScanInput): TrackerFinding[] {
  const found = new Map<string, TrackerFinding>();

  const add = (type: string, value: string, source: TrackerSource, where: string, context: TrackerContext): void => {
    const key = `${type}\u0000${value}\u0000${source}`;
    const known = found.get(key);
    if (!known) found.set(key, { type, value, source, where: where.slice(0, MAX_WHERE_CHARS), context });
    else if (CONTEXT_RANK[context] < CONTEXT_RANK[known.context]) known.context = context;
  };

  /**
   * Every place the patterns find an accepted value in a text, in order of the patterns then
   * of the text. A page repeats its ID (one per ad slot): each distinct raw match is judged
   * once, and a pattern stops after MAX_VALUES_PER_PATTERN distinct ones or ten times as many places.
   */
  const placesOf = (
    def: PatternTracker,
    patterns: CompiledPattern[],
    text: string,
    present: Uint8Array,
  ): [value: string, at: number][] => {
    const places: [string, number][] = [];
    for (const { re, hints } of patterns) {
      if (!hints.every((h) => present[h] === 1)) continue;
      const judged = new Map<string, string[]>();
      let count = 0;
      for (const m of text.matchAll(re)) {
        const raw = m[1];
        if (!raw) continue;
        if (++count > 10 * MAX_VALUES_PER_PATTERN) break;
        let accepted = judged.get(raw);
        if (!accepted) {
          if (judged.size >= MAX_VALUES_PER_PATTERN) break;
          accepted = (def.list ? raw.split(def.list) : [raw]).flatMap((item) => {
            const value = def.normalize ? def.normalize(item) : item;
            return value && !isPlaceholder(value, def) && (!def.valid || def.valid(value)) ? [value] : [];
          });
          judged.set(raw, accepted);
        }
        const at = m.indices?.[1]?.[0] ?? m.index ?? 0;
        for (const value of accepted) places.push([value, at]);
      }
    }
    return places;
  };
  /** The distinct accepted values, each with where it was first seen. */
  const valuesOf = (...args: Parameters<typeof placesOf>): Map<string, number> => {
    const values = new Map<string, number>();
    for (const [value, at] of placesOf(...args)) if (!values.has(value)) values.set(value, at);
    return values;
  };

  const addWithDerived = (
    tracker: CompiledTracker,
    value: string,
    source: TrackerSource,
    where: string,
    context: TrackerContext,
  ): void => {
    add(tracker.def.type, value, source, where, context);
    for (const d of tracker.derived) {
      const dv = d.derive(value);
      if (dv && !isPlaceholder(dv, d)) add(d.type, dv, source, where, context);
    }
  };

  /**
   * One text: a request URL (executed), a document (each ID's context is the part of it that
   * holds it) or a loaded script (inline-code). Fallbacks count when the patterns found
   * nothing in the text, and, for a type that names its vendor, in every code context that
   * names it: an ID in a branch for another host, or in a configuration object, is in the
   * page's code whether or not this visit ran it.
   */
  const scan = (text: string, loc: TrackerLocation, where: string): void => {
    const source = SOURCE_OF[loc];
    const present = LITERAL_SET.scan(text);
    const segments: readonly CodeSegment[] =
      loc === 'html'
        ? codeSegments(text)
        : loc === 'script'
          ? [{ start: 0, end: text.length, context: 'inline-code' }]
          : [];
    const contextOf = (at: number): TrackerContext => (loc === 'url' ? 'executed' : contextAt(segments, at));
    for (const tracker of COMPILED[loc]) {
      const { def, patterns, fallback, vendor, inVendorCode } = tracker;
      let values = valuesOf(def, patterns, text, present);
      if (values.size === 0 && fallback.length > 0) values = valuesOf(def, fallback, text, present);
      for (const [value, at] of values) addWithDerived(tracker, value, source, where, contextOf(at));
      if (!vendor || inVendorCode.length === 0 || segments.length === 0) continue;
      // Candidates first (rare), then whether the segment holding each names the vendor: one
      // pass of the patterns over the text, and the vendor looked for in few segments.
      const names = new Map<number, boolean>();
      for (const [value, at] of placesOf(def, inVendorCode, text, present)) {
        const i = segmentFrom(segments, at);
        const seg = segments[i];
        if (!seg || seg.start > at) continue;
        let named = names.get(i);
        if (named === undefined) names.set(i, (named = vendor.test(text.slice(seg.start, seg.end))));
        if (named) addWithDerived(tracker, value, source, where, seg.context);
      }
    }
  };

  // One bad item (wrong types, a throwing edge case) must not cost the rest of the page.
  const each = <T>(items: unknown, fn: (item: T) => void): void => {
    if (!Array.isArray(items)) return;
    for (const item of items as unknown[]) {
      try {
        if (item !== null && typeof item === 'object') fn(item as T);
      } catch {
        // ignored: garbage input yields no findings rather than an exception
      }
    }
  };
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');

  const inp = (input ?? {}) as Partial<Record<keyof TrackerScanInput, unknown>>;
  each<{ url: unknown }>(inp.requests, (r) => {
    const url = str(r.url);
    if (!url) return;
    scan(url, 'url', url);
    if (url.includes('%')) {
      const decoded = percentDecode(url);
      if (decoded !== url) scan(decoded, 'url', url);
    }
  });
  each<{ url: unknown; html: unknown }>(inp.documents, (d) => {
    const html = str(d.html);
    if (html) scan(decodeAttributeEntities(html), 'html', str(d.url));
  });
  each<{ url: unknown; text: unknown }>(inp.scripts, (s) => {
    const text = str(s.text);
    if (text) scan(text, 'script', str(s.url));
  });

  // An ID the page's requests carried ran on this visit, wherever else it was also seen.
  const executed = new Set(
    [...found.values()].filter((f) => f.source === 'network').map((f) => `${f.type}\u0000${f.value}`),
  );
  for (const f of found.values()) if (executed.has(`${f.type}\u0000${f.value}`)) f.context = 'executed';
  return [...found.values()];
}
