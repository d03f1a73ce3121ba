// Seed lists: one URL a line, optionally followed by key=value settings for that seed
// (profile=NAME depth=N priority=N screenshots=on|off referer=URL compare=NAME,... tag=NAME, the last repeatable);
// blank lines and lines starting with # are skipped. Also CSV (.csv, a header row) and JSON
// Lines (.jsonl, .ndjson) with the same settings. A bad line is reported with its file and
// line number and the rest is kept. Parsing knows nothing of the browser side: the caller
// says which profile names exist.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { BrandCheck } from '../capture/capture.js';
import { maskCredentials, MAX_URL_LENGTH, parseHttpUrl } from '../capture/url.js';

/** One crawl target as an operator named it; settings it leaves out take the crawl's. */
export interface SeedInput {
  url: string;
  profile?: string;
  depth?: number;
  priority?: number;
  /** The operator's tags (project, case, brand): they travel with the target into the capture and every event. */
  tags?: string[];
  /** screenshots=on|off: a viewport screenshot of each page of this seed, whatever the crawl's --screenshots says. */
  screenshots?: boolean;
  /** referer=URL: where the victim arrived from (a mail link, a search result): the first navigation's Referer and document.referrer. */
  referer?: string;
  /** compare=NAME,...: visit with each of these profiles and compare what they were shown (`victim`: the seed's profile, then the scanner). */
  compare?: string[];
  /** A brand run's name to judge (pipeline/brand-run.ts sets it; no seed file does). */
  brand?: BrandCheck;
}

/** What a tag may be made of: it becomes part of queries and file names downstream. */
export const TAG = /^[\w.:/@-]{1,300}$/;

/** What a seed line is checked against. */
export interface SeedRules {
  /** The virtual-user profile names a seed may choose. */
  profiles: readonly string[];
  /** What is wrong with a comparison list, or undefined (the crawler's rule: crawler/options.ts comparisonError). */
  comparison?: (list: string[]) => string | undefined;
}

export interface SeedError {
  /** `file:line` (or `argument N` for URLs given on the command line). */
  where: string;
  message: string;
}

export interface ParsedSeeds {
  seeds: SeedInput[];
  errors: SeedError[];
  /** Lines kept with a change the operator should know of (credentials removed). */
  warnings: SeedError[];
}

/** A good line: its seed, and what was changed in it that the operator should know of. */
export interface ParsedLine {
  seed: SeedInput;
  warning?: string;
}

/** Each setting a seed may carry: it applies the value to the seed, or says what is wrong with it. */
const SETTINGS: Record<string, (seed: SeedInput, value: string, rules: SeedRules) => string | undefined> = {
  profile: (seed, v, rules) => {
    if (!rules.profiles.includes(v)) return `unknown profile "${v.slice(0, 100)}"; known: ${rules.profiles.join(', ')}`;
    seed.profile = v;
  },
  depth: (seed, v) =>
    wholeNumber(v, 'depth', 0, (n) => {
      seed.depth = n;
    }),
  priority: (seed, v) =>
    wholeNumber(v, 'priority', -Infinity, (n) => {
      seed.priority = n;
    }),
  screenshots: (seed, v) => {
    if (v !== 'on' && v !== 'off') return `screenshots must be on or off, got "${v.slice(0, 100)}"`;
    seed.screenshots = v === 'on';
  },
  referer: (seed, v) => {
    const u = v.length <= MAX_URL_LENGTH ? parseHttpUrl(v) : undefined;
    if (!u) return `referer must be an http(s) URL, got "${maskCredentials(v.slice(0, 100))}"`;
    u.username = '';
    u.password = '';
    seed.referer = u.href;
  },
  compare: (seed, v, rules) => {
    const list = v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const wrong =
      rules.comparison?.(list) ?? (list.length ? undefined : 'compare needs profile names, e.g. compare=victim');
    if (wrong) return `compare: ${wrong}`;
    seed.compare = list;
  },
  tag: (seed, v) => {
    if (!TAG.test(v)) return `tag "${v.slice(0, 100)}" must be 1 to 300 letters, digits or . _ - : / @`;
    seed.tags = [...new Set([...(seed.tags ?? []), v])];
  },
};
const SETTING_NAMES = Object.keys(SETTINGS);

function wholeNumber(v: string, key: string, min: number, set: (n: number) => void): string | undefined {
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isInteger(n) || n < min)
    return `${key} must be a whole number${min === 0 ? ' >= 0' : ''}, got "${v.slice(0, 100)}"`;
  set(n);
}

/** A seed from its URL and settings, whatever the file format said them in. */
export function seedOf(
  raw: string,
  settings: [key: string, value: string][],
  where: string,
  rules: SeedRules,
): ParsedLine | SeedError {
  if (raw.length > MAX_URL_LENGTH)
    return { where, message: `URL longer than ${MAX_URL_LENGTH} characters: ${maskCredentials(raw.slice(0, 100))}...` };
  const url = parseHttpUrl(raw);
  if (!url) return { where, message: `not an http(s) URL: ${maskCredentials(raw.slice(0, 200))}` };
  let warning: string | undefined;
  if (url.username || url.password) {
    // Never sent, stored or logged: the page is crawled without them.
    url.username = '';
    url.password = '';
    warning = 'user:password@ removed from the URL: vucrawl never sends, stores or logs URL credentials';
  }
  const seed: SeedInput = { url: url.href };
  for (const [key, value] of settings) {
    const apply = SETTINGS[key];
    if (!apply)
      return { where, message: `unknown setting "${key.slice(0, 100)}" (expected ${SETTING_NAMES.join(', ')})` };
    const wrong = apply(seed, value, rules);
    if (wrong) return { where, message: wrong };
  }
  return { seed, warning };
}

/** A line of a plain seed list: the URL, then key=value settings. */
export function parseSeedLine(line: string, where: string, rules: SeedRules): ParsedLine | SeedError | undefined {
  const text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  const [raw, ...tokens] = text.split(/\s+/) as [string, ...string[]];
  // A token that is not key=value is an unknown setting of that name (seedOf says so, after the URL).
  const settings = tokens.map((t): [string, string] =>
    t.includes('=') ? [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] : [t, ''],
  );
  return seedOf(raw, settings, where, rules);
}

export function parseSeedText(text: string, file: string, rules: SeedRules): ParsedSeeds {
  const out: ParsedSeeds = { seeds: [], errors: [], warnings: [] };
  for (const [i, line] of text.split(/\r?\n/).entries())
    addParsed(out, parseSeedLine(line, `${file}:${i + 1}`, rules), `${file}:${i + 1}`);
  return out;
}

/**
 * A CSV seed list: a header row naming the columns (url, and any of tags, profile, depth,
 * priority, screenshots, referer, compare; tags separated by ";"), one seed a row; # comments.
 */
export function parseSeedCsv(text: string, file: string, rules: SeedRules): ParsedSeeds {
  const out: ParsedSeeds = { seeds: [], errors: [], warnings: [] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With info, each record comes with the line it started on.
    records = parseCsv(text, {
      info: true,
      comment: '#',
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      ...out,
      errors: [{ where: `${file}:${line ?? 1}`, message: `not CSV: ${(e as Error).message.slice(0, 200)}` }],
    };
  }
  const [header, ...rows] = records;
  if (!header) return out;
  const columns = header.record.map((c) => c.toLowerCase());
  const where = (r: { info: { lines: number } }) => `${file}:${r.info.lines}`;
  const unknown = columns.filter((c) => c !== 'url' && c !== 'tags' && !SETTINGS[c]);
  if (!columns.includes('url') || unknown.length) {
    return {
      ...out,
      errors: [
        {
          where: where(header),
          message: `the header must name a url column and only these: url, tags, ${SETTING_NAMES.filter((k) => k !== 'tag').join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ').slice(0, 200)})` : ''}`,
        },
      ],
    };
  }
  for (const r of rows) {
    const cells = new Map(columns.map((c, i) => [c, r.record[i] ?? '']));
    const settings: [string, string][] = [];
    for (const [c, v] of cells) {
      if (c === 'url' || v === '') continue;
      if (c === 'tags')
        for (const t of v
          .split(';')
          .map((x) => x.trim())
          .filter(Boolean))
          settings.push(['tag', t]);
      else settings.push([c, v]);
    }
    addParsed(out, seedOf(cells.get('url') ?? '', settings, where(r), rules), where(r));
  }
  return out;
}

/** JSON Lines: one object a line, {"url": ..., "tags": [...], "profile", "depth", "priority", "screenshots", "referer", "compare"}. */
export function parseSeedJsonl(text: string, file: string, rules: SeedRules): ParsedSeeds {
  const out: ParsedSeeds = { seeds: [], errors: [], warnings: [] };
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const where = `${file}:${i + 1}`;
    if (!line.trim()) continue;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      out.errors.push({ where, message: `not JSON: ${(e as Error).message.slice(0, 100)}` });
      continue;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o) || typeof (o as { url?: unknown }).url !== 'string') {
      out.errors.push({ where, message: 'not a seed: an object with a "url" string' });
      continue;
    }
    const { url, tags, ...rest } = o as Record<string, unknown>;
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
      out.errors.push({ where, message: '"tags" must be an array of strings' });
      continue;
    }
    const settings: [string, string][] = [
      ...((tags as string[] | undefined) ?? []).map((t): [string, string] => ['tag', t]),
    ];
    for (const [k, v] of Object.entries(rest)) {
      if (v === null || v === undefined) continue;
      settings.push([k, typeof v === 'boolean' && k === 'screenshots' ? (v ? 'on' : 'off') : String(v)]);
    }
    addParsed(out, seedOf(url as string, settings, where, rules), where);
  }
  return out;
}

/** The seed-list formats, by file extension (anything else is a plain list). */
const FORMATS: Record<string, typeof parseSeedText> = {
  '.csv': parseSeedCsv,
  '.jsonl': parseSeedJsonl,
  '.ndjson': parseSeedJsonl,
};

export async function readSeedFile(file: string, rules: SeedRules): Promise<ParsedSeeds> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return {
      seeds: [],
      errors: [{ where: file, message: `cannot read seed file: ${(e as Error).message}` }],
      warnings: [],
    };
  }
  return (FORMATS[path.extname(file).toLowerCase()] ?? parseSeedText)(text, file, rules);
}

/** URLs given as command-line arguments, checked the same way. */
export function parseSeedArgs(urls: string[], rules: SeedRules): ParsedSeeds {
  const out: ParsedSeeds = { seeds: [], errors: [], warnings: [] };
  for (const [i, u] of urls.entries())
    addParsed(out, parseSeedLine(u, `argument ${i + 1}`, rules), `argument ${i + 1}`);
  return out;
}

function addParsed(out: ParsedSeeds, r: ParsedLine | SeedError | undefined, where: string): void {
  if (!r) return;
  if ('message' in r) return void out.errors.push(r);
  out.seeds.push(r.seed);
  if (r.warning) out.warnings.push({ where, message: r.warning });
}
