// A crawl killed with SIGKILL through the real CLI loses nothing: run again with the same
// --out, it resumes the same crawl, crawls no page it had captured, crawls the pages that
// were in flight again, and the store holds every captured page's events exactly once.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { extractEvents } from '../extractor/extract.js';
import { schemaType, type EventType } from '../extractor/events.js';
import { TABLES } from '../store/schema/event-tables.js';
import { validateEvent } from '../sinks/validate.js';
import { logMessage, runCli, runCliUntilKilled } from './helpers/cli.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

let net: TestInternet;
beforeAll(async () => {
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

/** Enough pages that a kill lands in the middle: the small site to depth 2 and a few scenarios. */
const seeds = () => [
  scenarioSeeds.crawl!,
  scenarioSeeds.shop!,
  scenarioSeeds.trackers!,
  scenarioSeeds['redirect-chain']!,
  scenarioSeeds['nested-iframes']!,
  scenarioSeeds.cookies!,
];
const crawlArgs = (out: string, data: string) => [
  'crawl',
  ...seeds(),
  '--depth',
  '2',
  '--out',
  out,
  '--data',
  data,
  '--concurrency',
  '2',
  '--settle',
  '500',
  '--allow-private',
  '--ignore-https-errors',
  '--host-resolver-rules',
  net.hostResolverRules,
  '--log-level',
  'debug',
];

const readCaptures = (dir: string): PageCapture[] =>
  readFileSync(path.join(dir, 'captures.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PageCapture);

/** Rows per event table in a store the CLI filled. */
async function storedCounts(data: string): Promise<Record<string, number>> {
  const query = `SELECT ${Object.values(TABLES)
    .map((t) => `(SELECT count() FROM vucrawl.${t}) AS ${t}`)
    .join(', ')}`;
  const r = await runCli(['sql', query, '--json', '--data', data]);
  expect(r.code, r.stderr).toBe(0);
  return Object.fromEntries(
    Object.entries(JSON.parse(r.stdout) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]),
  );
}

/** What the store must hold: every valid event of every capture, once. */
function expectedCounts(captures: PageCapture[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.values(TABLES).map((t) => [t, 0]));
  for (const c of captures)
    for (const e of extractEvents(c))
      if (validateEvent(e).ok) counts[TABLES[schemaType((e as { schema: string }).schema) as EventType]]!++;
  return counts;
}

let reference: string[];

describe('a crawl killed with SIGKILL', () => {
  it('uninterrupted, as the reference', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-ref-'));
    const r = await runCli(crawlArgs(out, mkdtempSync(path.join(tmpdir(), 'vucrawl-ref-data-'))));
    expect(r.code, r.stderr).toBe(0);
    reference = readCaptures(out)
      .map((c) => c.target.url)
      .sort();
    expect(reference.length).toBeGreaterThan(12);
    expect(new Set(reference).size).toBe(reference.length);
  });

  const points: [string, (line: string, seen: string[]) => boolean, string[]?][] = [
    [
      'in the middle of a page',
      (line, seen) => logMessage(line) === 'page started' && seen.filter((l) => logMessage(l) === 'page').length >= 3,
    ],
    [
      'right after a capture was written',
      (line, seen) => logMessage(line) === 'page' && seen.filter((l) => logMessage(l) === 'page').length >= 4,
    ],
    // Inserts every second, so that one happens while pages are still being crawled.
    ['during a store insert', (line) => logMessage(line) === 'inserting a batch', ['--store-flush', '1']],
  ];
  for (const [when, trigger, extra = []] of points) {
    it(`${when}, resumes and ends with every page once, in the captures and in the store`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-crash-'));
      const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-crash-data-'));
      const first = await runCliUntilKilled([...crawlArgs(out, data), ...extra], trigger);
      expect(first.killed).toBe(true);
      const before = existsSync(path.join(out, 'captures.ndjson')) ? readCaptures(out) : [];
      expect(before.length).toBeLessThan(reference.length);

      const again = await runCli(crawlArgs(out, data));
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`resumed: ${before.length} done, \\d+ queued`));
      const captures = readCaptures(out);
      // One crawl id across both runs, each page once, the same pages as without the kill.
      expect(new Set(captures.map((c) => c.crawl_id)).size).toBe(1);
      const urls = captures.map((c) => c.target.url).sort();
      expect(urls).toEqual(reference);
      // The pages captured before the kill were not crawled again.
      expect(captures.slice(0, before.length).map((c) => c.capture_id)).toEqual(before.map((c) => c.capture_id));
      expect(await storedCounts(data)).toEqual(expectedCounts(captures));
    });
  }
});
