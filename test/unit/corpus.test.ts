// Recall on a corpus of real saved pages (test/corpus/: the pages, their provenance in
// manifest.json, the expected results in expected.json, README.md). Each page is extracted
// as a capture whose one frame holds the saved HTML at its original URL (and the script and
// stylesheet requests its markup makes: test/corpus/capture.ts). Prints recall per tracker
// type, per host-pair cause and per component category, and asserts a floor on each.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../extractor/extract.js';
import { savedPageCapture } from '../corpus/capture.js';

interface ManifestEntry {
  file: string;
  url: string;
  repository: string;
  path: string;
  commit: string;
  licence: string;
  bytes: number;
}
interface Expected {
  trackers: string[];
  pairs: string[];
  components: string[];
}

const dir = new URL('../corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as ManifestEntry[];
const expected = (
  JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as { pages: Record<string, Expected> }
).pages;

/** Per key (a tracker type, a cause, a category): expected items found / expected. */
class Recall {
  readonly found = new Map<string, number>();
  readonly total = new Map<string, number>();
  readonly missed: string[] = [];
  count(key: string, hit: boolean, what: string): void {
    this.total.set(key, (this.total.get(key) ?? 0) + 1);
    if (hit) this.found.set(key, (this.found.get(key) ?? 0) + 1);
    else this.missed.push(what);
  }
  of(key: string): number {
    return (this.found.get(key) ?? 0) / (this.total.get(key) ?? 1);
  }
  overall(): number {
    const total = [...this.total.values()].reduce((a, b) => a + b, 0);
    return [...this.found.values()].reduce((a, b) => a + b, 0) / (total || 1);
  }
  table(title: string): string {
    const rows = [...this.total.keys()]
      .sort()
      .map(
        (k) =>
          `  ${k.padEnd(34)} ${String(this.found.get(k) ?? 0).padStart(4)}/${String(this.total.get(k)).padEnd(4)} ${this.of(k).toFixed(3)}`,
      );
    return [`${title}: ${this.overall().toFixed(3)}`, ...rows].join('\n');
  }
}

const trackers = new Recall();
const pairs = new Recall();
const components = new Recall();
/** Findings of a labelled type that the labels do not have: each must be explained (or the labels fixed). */
const unexpected: string[] = [];
/** Components found whose name no label of the page has (in any category): a label to add, or a finding to explain. */
const unlabelled: string[] = [];
const contexts = new Map<string, number>();

for (const page of manifest) {
  const html = readFileSync(new URL(`pages/${page.file}`, dir), 'utf8');
  const events = extractEvents(savedPageCapture(html, page.url)) as unknown as Record<string, string>[];
  const want = expected[page.file]!;
  const ofSchema = (type: string) => events.filter((e) => e.schema!.startsWith(`vucrawl.${type}/`));
  const gotTrackers = new Set(ofSchema('tracker').map((e) => `${e.type}=${e.value}`));
  for (const e of ofSchema('tracker')) contexts.set(e.context!, (contexts.get(e.context!) ?? 0) + 1);
  const gotPairs = new Set(ofSchema('host_pair').map((e) => `${e.cause} ${e.child_host}`));
  const gotComponents = new Set(ofSchema('component').map((e) => `${e.category}=${e.name}`));
  for (const t of want.trackers) trackers.count(t.split('=')[0]!, gotTrackers.has(t), `${page.file}: ${t}`);
  const labelled = new Set(want.trackers.map((t) => t.split('=')[0]!));
  for (const t of gotTrackers)
    if (labelled.has(t.split('=')[0]!) && !want.trackers.includes(t)) unexpected.push(`${page.file}: ${t}`);
  for (const p of want.pairs) pairs.count(p.split(' ')[0]!, gotPairs.has(p), `${page.file}: ${p}`);
  for (const c of want.components) components.count(c.split('=')[0]!, gotComponents.has(c), `${page.file}: ${c}`);
  const labelledNames = new Set(want.components.map((c) => c.slice(c.indexOf('=') + 1)));
  for (const c of gotComponents)
    if (!labelledNames.has(c.slice(c.indexOf('=') + 1))) unlabelled.push(`${page.file}: ${c}`);
}

describe(`corpus of ${manifest.length} real saved pages`, () => {
  it('reports recall per tracker type, host-pair cause and component category', () => {
    console.log(
      [
        trackers.table('tracker IDs'),
        `  missed: ${trackers.missed.join('; ') || 'none'}`,
        `  not in the labels: ${unexpected.join('; ') || 'none'}`,
        `  contexts: ${[...contexts].map(([k, v]) => `${k} ${v}`).join(', ')}`,
        pairs.table('host pairs'),
        `  missed: ${pairs.missed.slice(0, 40).join('; ') || 'none'}`,
        components.table('components'),
        `  missed: ${components.missed.join('; ') || 'none'}`,
        `  found, no label of that name: ${unlabelled.join('; ') || 'none'}`,
      ].join('\n'),
    );
    expect(manifest.length).toBeGreaterThanOrEqual(50);
  });

  it('every page has its provenance, its expected results, and a permissive licence', () => {
    for (const page of manifest) {
      expect(page.url, page.file).toMatch(/^https?:\/\//);
      expect(page.commit, page.file).toMatch(/^[0-9a-f]{40}$/);
      expect(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'CC0-1.0'], page.file).toContain(page.licence);
      expect(expected[page.file], page.file).toBeDefined();
    }
  });

  it('finds the labelled tracker IDs, and no ID of a labelled type that the labels lack', () => {
    expect(trackers.overall()).toBeGreaterThanOrEqual(FLOOR.trackers);
    expect(unexpected).toEqual([]);
  });

  it('finds the host pairs the markup makes, each with its cause', () => {
    expect(pairs.overall()).toBeGreaterThanOrEqual(FLOOR.pairs);
    for (const cause of pairs.total.keys()) expect(pairs.of(cause), cause).toBeGreaterThanOrEqual(FLOOR.perCause);
  });

  it('finds the technologies the markup shows, in the labelled category', () => {
    expect(components.overall()).toBeGreaterThanOrEqual(FLOOR.components);
  });
});

/**
 * Recall this corpus must keep (measured, then rounded down to 0.05): a drop is a regression.
 * components: 0.379 measured with the catalog before issue 22's catalog work (most misses are
 * technologies it does not know yet, or knows under another category than the labels' homes);
 * raise it when that work merges.
 */
const FLOOR = { trackers: 0.95, pairs: 0.95, perCause: 0.9, components: 0.35 };
