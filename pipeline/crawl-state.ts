// A crawl's state lives in its output folder, so that the same command run again resumes
// it: OUT/state/crawl.json says which crawl the folder is in the middle of (its id, its
// seeds, whether it finished), and the captures already in OUT/captures.ndjson say which
// pages are done. Nothing else is needed: replaying the done captures' links through a
// fresh frontier rebuilds the queue exactly (captures are appended in the order pages
// finished). The outputs keep journals beside it (store-journal.ndjson,
// kafka-journal.ndjson) that say which captures' events they had made safe.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutPaths } from '../runtime/out-paths.js';
import type { SeedInput } from '../seeds/seed-file.js';

export const CRAWL_STATE_SCHEMA = 'vucrawl.crawl-state/1';

export interface CrawlState {
  schema: typeof CRAWL_STATE_SCHEMA;
  crawl_id: string;
  started_at: string;
  /** running: not finished (also after Ctrl-C or a crash): the next run in this folder resumes it. */
  status: 'running' | 'finished';
  seeds: SeedInput[];
}

/** The folder's crawl state, or undefined when it has none (or one this version cannot read, which is named). */
export function readCrawlState(out: OutPaths): CrawlState | undefined {
  const file = out.crawlState;
  if (!existsSync(file)) return undefined;
  let s: CrawlState;
  try {
    s = JSON.parse(readFileSync(file, 'utf8')) as CrawlState;
  } catch (e) {
    throw new Error(
      `${file} is not readable (${(e as Error).message}); move it away, or pass --fresh to start a new crawl in ${out.dir}`,
    );
  }
  if (s.schema !== CRAWL_STATE_SCHEMA)
    throw new Error(`${file} is not a ${CRAWL_STATE_SCHEMA} state; pass --fresh to start a new crawl in ${out.dir}`);
  return s;
}

/** Written whole through a temporary file and a rename: a crash leaves the old state or the new one. */
export function writeCrawlState(out: OutPaths, s: CrawlState): void {
  const file = out.crawlState;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(s, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** A new crawl in this folder: the journals of the one before are moved aside (kept, named by its id). */
export function retireJournals(out: OutPaths, previous: CrawlState | undefined): void {
  for (const file of [out.storeJournal, out.kafkaJournal]) {
    if (existsSync(file)) renameSync(file, `${file}.${previous?.crawl_id ?? 'old'}`);
  }
}
