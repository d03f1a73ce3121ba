// Seed lists: one URL a line, optionally followed by key=value settings for that seed
// (profile=NAME depth=N priority=N tag=NAME, the last repeatable). Blank lines and lines starting with # are skipped.
// A bad line is reported with its file and line number and the rest is kept. Parsing
// knows nothing of the browser side: the caller says which profile names exist.
import { readFile } from 'node:fs/promises';
import { maskCredentials, MAX_URL_LENGTH, parseHttpUrl } from '../capture/url.js';

/** One crawl target as an operator named it; settings it leaves out take the crawl's. */
export interface SeedInput {
  url: string;
  profile?: string;
  depth?: number;
  priority?: number;
  /** The operator's tags (project, case, brand): they travel with the target into the capture and every event. */
  tags?: string[];
}

/** What a tag may be made of: it becomes part of queries and file names downstream. */
export const TAG = /^[\w.:/@-]{1,300}$/;

/** What a seed line is checked against. */
export interface SeedRules {
  /** The virtual-user profile names a seed may choose. */
  profiles: readonly string[];
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

export function parseSeedLine(line: string, where: string, rules: SeedRules): ParsedLine | SeedError | undefined {
  const text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  const [raw, ...settings] = text.split(/\s+/) as [string, ...string[]];
  if (raw.length > MAX_URL_LENGTH) return { where, message: `URL longer than ${MAX_URL_LENGTH} characters: ${maskCredentials(raw.slice(0, 100))}...` };
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
  for (const s of settings) {
    const m = /^(profile|depth|priority|tag)=(.+)$/.exec(s);
    if (!m) return { where, message: `unknown setting "${s.slice(0, 100)}" (expected profile=, depth=, priority= or tag=)` };
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'tag') {
      if (!TAG.test(value)) return { where, message: `tag "${value.slice(0, 100)}" must be 1 to 300 letters, digits or . _ - : / @` };
      seed.tags = [...new Set([...(seed.tags ?? []), value])];
    } else if (key === 'profile') {
      if (!rules.profiles.includes(value)) return { where, message: `unknown profile "${value}"; known: ${rules.profiles.join(', ')}` };
      seed.profile = value;
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || (key === 'depth' && n < 0)) return { where, message: `${key} must be a whole number${key === 'depth' ? ' >= 0' : ''}, got "${value}"` };
      seed[key as 'depth' | 'priority'] = n;
    }
  }
  return { seed, warning };
}

export function parseSeedText(text: string, file: string, rules: SeedRules): ParsedSeeds {
  const out: ParsedSeeds = { seeds: [], errors: [], warnings: [] };
  text.split(/\r?\n/).forEach((line, i) => addParsed(out, parseSeedLine(line, `${file}:${i + 1}`, rules), `${file}:${i + 1}`));
  return out;
}

export async function readSeedFile(file: string, rules: SeedRules): Promise<ParsedSeeds> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { seeds: [], errors: [{ where: file, message: `cannot read seed file: ${(e as Error).message}` }], warnings: [] };
  }
  return parseSeedText(text, file, rules);
}

/** URLs given as command-line arguments, checked the same way. */
export function parseSeedArgs(urls: string[], rules: SeedRules): ParsedSeeds {
  const out: ParsedSeeds = { seeds: [], errors: [], warnings: [] };
  urls.forEach((u, i) => addParsed(out, parseSeedLine(u, `argument ${i + 1}`, rules), `argument ${i + 1}`));
  return out;
}

function addParsed(out: ParsedSeeds, r: ParsedLine | SeedError | undefined, where: string): void {
  if (!r) return;
  if ('message' in r) return void out.errors.push(r);
  out.seeds.push(r.seed);
  if (r.warning) out.warnings.push({ where, message: r.warning });
}
