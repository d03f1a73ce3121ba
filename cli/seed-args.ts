// Seeds for the commands that take them (crawl, submit): URLs given as arguments and seed
// files, every bad line named by file and line and skipped, warnings said.
import type { Logger } from 'pino';
import { comparisonError } from '../crawler/options.js';
import { parseSeedArgs, readSeedFile, type SeedInput } from '../seeds/seed-file.js';
import { UsageError, type FlagTable } from './flags.js';

export const SEED_FLAGS = {
  seeds: {
    kind: 'list',
    value: 'FILE',
    help: 'seed list: one URL a line with optional profile=NAME depth=N priority=N screenshots=on referer=URL compare=NAME,... tag=NAME; or .csv (header row), .jsonl',
  },
} as const satisfies FlagTable;

/** @param profiles the profile names a seed may choose (the built-in ones and the crawl's --profiles) */
export async function seedsFrom(
  urls: string[],
  files: string[] | undefined,
  log: Logger,
  profiles: readonly string[],
): Promise<SeedInput[]> {
  const rules = { profiles, comparison: (list: string[]) => comparisonError(list, profiles) };
  const parsed = parseSeedArgs(urls, rules);
  for (const f of files ?? []) {
    const p = await readSeedFile(f, rules);
    parsed.seeds.push(...p.seeds);
    parsed.errors.push(...p.errors);
    parsed.warnings.push(...p.warnings);
  }
  for (const e of parsed.errors) log.warn(`bad seed at ${e.where}: ${e.message} (skipped)`);
  for (const w of parsed.warnings) log.warn(`seed at ${w.where}: ${w.message}`);
  if (parsed.seeds.length === 0) throw new UsageError('no valid seed URLs: give URLs as arguments or --seeds FILE');
  return parsed.seeds;
}
