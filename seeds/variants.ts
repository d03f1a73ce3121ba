// Domain variants of a brand, as dnstwist generates them: its fuzzers with its rules, so
// that each fuzzer makes the domains dnstwist makes for the same input (the fixtures in
// test/fixtures/dnstwist/ hold its output). Only the label of the registrable domain is
// fuzzed (an IDN as its letters); the subdomain and the public suffix stay. A domain two
// fuzzers make belongs to the first, and the input itself is never a variant. Output is
// ASCII (IDN as xn--) and sorted as dnstwist sorts: by fuzzer name, then domain. No DNS here.
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import {
  ADDED_CHARS,
  ASCII_GLYPHS,
  KEYBOARDS,
  LABEL_CHARS,
  LATIN_TO_CYRILLIC,
  REGISTRY_GLYPHS,
  UNICODE_GLYPHS,
  VOWELS,
} from './variant-data.js';

/** dnstwist's fuzzer names, in the order it runs them (which decides who owns a domain two of them make). */
export const FUZZERS = [
  'addition',
  'bitsquatting',
  'cyrillic',
  'homoglyph',
  'hyphenation',
  'insertion',
  'omission',
  'plural',
  'repetition',
  'replacement',
  'subdomain',
  'transposition',
  'vowel-swap',
  'dictionary',
  'tld-swap',
  'various',
] as const;

export type Fuzzer = (typeof FUZZERS)[number];

export interface Variant {
  /** ASCII, IDN labels as punycode. */
  domain: string;
  fuzzer: Fuzzer;
}

export interface VariantOptions {
  /** Default: all of them. */
  fuzzers?: readonly Fuzzer[];
  /** Words for `dictionary`, as dictionaryWords() reads them; without any it makes nothing (dnstwist has no built-in list). */
  dictionary?: readonly string[];
  /** Suffixes for `tld-swap`, as tldList() reads them; without any it makes nothing (nor does dnstwist without --tld). */
  tlds?: readonly string[];
}

/** The input is not a name under a public suffix (an IP address, a bare suffix, not a host name). */
export class NotRegistrableError extends Error {}

/** The input as the fuzzers see it: the label in Unicode, code point by code point; subdomain and suffix as given (ASCII). */
interface Parts {
  subdomain: string;
  label: string;
  chars: readonly string[];
  suffix: string;
}

interface Inputs {
  glyphs: Glyphs;
  words: readonly string[];
  tlds: readonly string[];
}

/** Look-alikes: a character (or two, like rn) -> what may stand for it. */
type Glyphs = ReadonlyMap<string, readonly string[]>;

/** dnstwist's test of a name worth keeping (after IDN encoding): labels of letters, digits and inner hyphens, 4 to 253 characters. */
const VALID_NAME = /^(?=.{4,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z0-9-]{2,63}$/;

/** The variants of `domain` (Unicode or punycode); throws NotRegistrableError for what is not a registrable domain. */
export function domainVariants(domain: string, o: VariantOptions = {}): Variant[] {
  const parts = splitDomain(domain);
  const selected = new Set(o.fuzzers ?? FUZZERS);
  const inputs: Inputs = { glyphs: glyphsFor(parts.suffix), words: o.dictionary ?? [], tlds: o.tlds ?? [] };
  const original = join(parts.subdomain, parts.label, parts.suffix);
  // As dnstwist: a name is taken by the first fuzzer that makes it, even if it then fails to
  // encode; two names that encode alike (none known) are kept once, for the first fuzzer.
  const made = new Set([original]);
  const kept = new Set([toAscii(original)]);
  const out: Variant[] = [];
  for (const fuzzer of FUZZERS.filter((f) => selected.has(f))) {
    for (const name of GENERATORS[fuzzer](parts, inputs)) {
      if (made.has(name)) continue;
      made.add(name);
      const ascii = toAscii(name);
      if (!ascii || kept.has(ascii)) continue;
      kept.add(ascii);
      out.push({ domain: ascii, fuzzer });
    }
  }
  return out.sort((a, b) => compare(a.fuzzer, b.fuzzer) || compare(a.domain, b.domain));
}

/** dnstwist's reading of a --dictionary file: lower case, once each, only what can be (part of) a label. */
export function dictionaryWords(text: string): string[] {
  return wordList(text, /^(?:xn--[a-z0-9-]{3,59}|[a-z0-9-]{1,63})$/);
}

/** dnstwist's reading of a --tld file: lower case, once each, one or two labels. */
export function tldList(text: string): string[] {
  return wordList(text, /^[a-z0-9-]{2,63}(?:\.[a-z0-9-]{2,63})?$/);
}

/** The line breaks of Python's str.splitlines(), which dnstwist reads word files with. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

function wordList(text: string, rule: RegExp): string[] {
  return [...new Set(text.toLowerCase().split(LINE_BREAK))].filter((w) => rule.test(w));
}

function splitDomain(input: string): Parts {
  const ascii = domainToASCII(input.trim());
  const p = parse(ascii, { allowPrivateDomains: true, extractHostname: false });
  if (!VALID_NAME.test(ascii) || p.isIp || !p.domainWithoutSuffix || !p.publicSuffix) {
    throw new NotRegistrableError(
      `"${input}" is not a registrable domain name (e.g. example.com, www.example.co.uk or münchen.de)`,
    );
  }
  const label = domainToUnicode(p.domainWithoutSuffix);
  return { subdomain: p.subdomain ?? '', label, chars: [...label], suffix: p.publicSuffix };
}

/** ASCII as is (dnstwist does not re-check it), else IDNA; '' for a name dnstwist would drop. */
function toAscii(name: string): string {
  const ascii = /^[\x00-\x7f]*$/.test(name) ? name : domainToASCII(name);
  return VALID_NAME.test(ascii) ? ascii : '';
}

/** Labels joined, empty ones left out (a label fuzzed to nothing). */
function join(...labels: string[]): string {
  return labels.filter(Boolean).join('.');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ASCII look-alikes plus the IDN ones the suffix's registry takes. */
function glyphsFor(suffix: string): Glyphs {
  const idn = REGISTRY_GLYPHS.find((r) => r.suffixes.includes(suffix))?.glyphs ?? UNICODE_GLYPHS;
  const glyphs = new Map<string, string[]>();
  const add = (key: string, values: Iterable<string>) =>
    glyphs.set(key, [...new Set([...(glyphs.get(key) ?? []), ...values])]);
  for (const [key, values] of Object.entries(ASCII_GLYPHS)) add(key, values);
  for (const [key, values] of Object.entries(idn)) add(key, values);
  return glyphs;
}

/** `chars` with the `width` characters from position i replaced by `s` ('' deletes them). */
function put(chars: readonly string[], i: number, s: string, width = 1): string {
  return chars.slice(0, i).join('') + s + chars.slice(i + width).join('');
}

/** `chars` with `s` inserted before position i. */
function insert(chars: readonly string[], i: number, s: string): string {
  return put(chars, i, s, 0);
}

/** Every index from `from` up to, not including, `to`. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

type LabelFuzzer = (chars: readonly string[], inputs: Inputs) => Iterable<string>;

/** A fuzzer of the label, its labels put back between subdomain and suffix. */
function onLabel(fuzz: LabelFuzzer): (p: Parts, inputs: Inputs) => Iterable<string> {
  return (p, inputs) => [...fuzz(p.chars, inputs)].map((label) => join(p.subdomain, label, p.suffix));
}

/** Neighbours of a key on every keyboard layout (repeats kept: the output is a set). */
function neighbours(c: string): string[] {
  return KEYBOARDS.flatMap((layout) => [...(layout[c] ?? '')]);
}

/** One homoglyph round: one character swapped, or, in each two-character window, one character (everywhere in the window) or the pair. */
function swapGlyphs(chars: readonly string[], glyphs: Glyphs): string[] {
  const out = range(0, chars.length).flatMap((i) => (glyphs.get(chars[i]!) ?? []).map((g) => put(chars, i, g)));
  for (const i of range(0, chars.length - 1)) {
    const window = chars[i]! + chars[i + 1]!;
    for (const key of new Set([chars[i]!, chars[i + 1]!, window])) {
      for (const g of glyphs.get(key) ?? []) out.push(put(chars, i, window.replaceAll(key, g), 2));
    }
  }
  return out;
}

const GENERATORS: Record<Fuzzer, (p: Parts, inputs: Inputs) => Iterable<string>> = {
  // A character appended to the label, and to each hyphen-separated part but the last.
  addition: onLabel((chars) => {
    const parts = chars.join('').split('-');
    const cut = range(1, parts.length).map(
      (p) => [parts.slice(0, p).join('-'), `-${parts.slice(p).join('-')}`] as const,
    );
    return [...ADDED_CHARS].flatMap((c) => [chars.join('') + c, ...cut.map(([head, tail]) => head + c + tail)]);
  }),
  // One bit flipped in one character, where the result is still a label character.
  bitsquatting: onLabel((chars) =>
    range(0, chars.length).flatMap((i) =>
      range(0, 8)
        .map((bit) => String.fromCodePoint(chars[i]!.codePointAt(0)! ^ (1 << bit)))
        .filter((c) => LABEL_CHARS.includes(c))
        .map((c) => put(chars, i, c)),
    ),
  ),
  // The whole label in Cyrillic look-alikes, when every character has one.
  cyrillic: onLabel((chars) => {
    const cyrillic = chars.map((c) => LATIN_TO_CYRILLIC[c]);
    return cyrillic.every(Boolean) ? [cyrillic.join('')] : [];
  }),
  // One or two rounds of look-alike swaps.
  homoglyph: onLabel((chars, { glyphs }) => {
    const once = new Set(swapGlyphs(chars, glyphs));
    return new Set([...once, ...[...once].flatMap((s) => swapGlyphs([...s], glyphs))]);
  }),
  hyphenation: onLabel((chars) => range(1, chars.length).map((i) => insert(chars, i, '-'))),
  // A neighbouring key pressed with a character, before or after it (not with the last one).
  insertion: onLabel((chars) =>
    range(0, chars.length - 1).flatMap((i) =>
      neighbours(chars[i]!).flatMap((k) => [insert(chars, i, k), insert(chars, i + 1, k)]),
    ),
  ),
  omission: onLabel((chars) => range(0, chars.length).map((i) => put(chars, i, ''))),
  // An s (es after s, x or z) after one character, from the third to the third-last.
  plural: onLabel((chars) =>
    range(2, chars.length - 2).map((i) => insert(chars, i + 1, 'sxz'.includes(chars[i]!) ? 'es' : 's')),
  ),
  repetition: onLabel((chars) => range(0, chars.length).map((i) => insert(chars, i, chars[i]!))),
  replacement: onLabel((chars) =>
    range(0, chars.length).flatMap((i) => neighbours(chars[i]!).map((k) => put(chars, i, k))),
  ),
  // A dot before one character, not the first nor the last, with no hyphen (or dot) on either side.
  subdomain: onLabel((chars) =>
    range(1, chars.length - 1)
      .filter((i) => !'-.'.includes(chars[i]!) && !'-.'.includes(chars[i - 1]!))
      .map((i) => insert(chars, i, '.')),
  ),
  transposition: onLabel((chars) => range(0, chars.length - 1).map((i) => put(chars, i, chars[i + 1]! + chars[i]!, 2))),
  'vowel-swap': onLabel((chars) =>
    range(0, chars.length)
      .filter((i) => VOWELS.includes(chars[i]!))
      .flatMap((i) => [...VOWELS].map((v) => put(chars, i, v))),
  ),
  // Each word before or after the label, with or without a hyphen (unless the label starts and
  // ends with it), and in place of the first or last hyphen-separated part.
  dictionary: onLabel((chars, { words }) => {
    const label = chars.join('');
    const parts = label.split('-');
    return words.flatMap((w) => [
      ...(label.startsWith(w) && label.endsWith(w) ? [] : [`${label}-${w}`, label + w, `${w}-${label}`, w + label]),
      ...(parts.length > 1 ? [`${parts.slice(0, -1).join('-')}-${w}`, `${w}-${parts.slice(1).join('-')}`] : []),
    ]);
  }),
  'tld-swap': (p, { tlds }) => tlds.filter((t) => t !== p.suffix).map((t) => join(p.subdomain, p.label, t)),
  // The suffix run into the label; for a two-label suffix, its last label alone; for one that
  // is not com, a .com with it; the subdomain run into the label.
  various: ({ subdomain: sub, label, suffix }) => {
    const multi = suffix.includes('.');
    return [
      ...(multi
        ? [join(sub, label, suffix.slice(suffix.lastIndexOf('.') + 1)), join(sub, label + suffix)]
        : [join(sub, label + suffix, suffix)]),
      ...(!multi && suffix !== 'com' ? [join(sub, `${label}-${suffix}`, 'com'), join(sub, label + suffix, 'com')] : []),
      ...(sub
        ? [sub + label, sub.replaceAll('.', '') + label, `${sub}-${label}`, `${sub.replaceAll('.', '-')}-${label}`].map(
            (l) => `${l}.${suffix}`,
          )
        : []),
    ];
  },
};
