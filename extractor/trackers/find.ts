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
import type { TrackerSource } from '../events.js';

export type { TrackerSource } from '../events.js';

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
        const skip = /^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{1,6}\}|c[A-Za-z]|k<[^>]{0,64}>|[pP]\{[^}]{0,64}\})/.exec(
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
  const compile = (re: RegExp): CompiledPattern => ({
    re: new RegExp(re.source, `${re.flags.replace('g', '')}g`),
    // Only ASCII literals can be looked up; a pattern without any is always run.
    hints: requiredLiterals(re.source).filter((l) => /^[\x00-\x7f]+$/.test(l)).map(literalId),
  });
  for (const def of TRACKER_CATALOG) {
    if (isDerived(def)) continue;
    const compiled: CompiledTracker = {
      def,
      patterns: def.patterns.map(compile),
      fallback: (def.fallbackPatterns ?? []).map(compile),
      derived: derivedByFrom.get(def.type) ?? [],
    };
    for (const loc of def.in) COMPILED[loc].push(compiled);
  }
}
const LITERAL_SET = new LiteralSet(LITERALS);

const SOURCE_OF: Record<TrackerLocation, TrackerSource> = { url: 'network', html: 'dom', script: 'script' };

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

  const add = (type: string, value: string, source: TrackerSource, where: string): void => {
    const key = `${type}\u0000${value}\u0000${source}`;
    if (!found.has(key)) found.set(key, { type, value, source, where: where.slice(0, MAX_WHERE_CHARS) });
  };

  /** The distinct accepted values the patterns find in a text, in order. */
  const valuesOf = (def: PatternTracker, patterns: CompiledPattern[], text: string, present: Uint8Array): string[] => {
    const values = new Set<string>();
    for (const { re, hints } of patterns) {
      if (!hints.every((h) => present[h] === 1)) continue;
      const seen = new Set<string>(); // a page repeats its ID (one per ad slot): check each once
      for (const m of text.matchAll(re)) {
        const raw = m[1];
        if (!raw || seen.has(raw)) continue;
        if (seen.add(raw).size > MAX_VALUES_PER_PATTERN) break;
        for (const item of def.list ? raw.split(def.list) : [raw]) {
          const value = def.normalize ? def.normalize(item) : item;
          if (value && !isPlaceholder(value, def) && (!def.valid || def.valid(value))) values.add(value);
        }
      }
    }
    return [...values];
  };

  const scan = (text: string, loc: TrackerLocation, where: string): void => {
    const source = SOURCE_OF[loc];
    const present = LITERAL_SET.scan(text);
    for (const { def, patterns, fallback, derived } of COMPILED[loc]) {
      let values = valuesOf(def, patterns, text, present);
      if (values.length === 0 && fallback.length > 0) values = valuesOf(def, fallback, text, present);
      for (const value of values) {
        add(def.type, value, source, where);
        for (const d of derived) {
          const dv = d.derive(value);
          if (dv && !isPlaceholder(dv, d)) add(d.type, dv, source, where);
        }
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

  return [...found.values()];
}
