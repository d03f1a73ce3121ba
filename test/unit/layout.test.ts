// The folders say the data flow (seeds -> crawler -> capture -> extractor -> sinks, wired
// by pipeline/ and cli/; store/ is what is read back), and the import graph must say the
// same. This reads every TypeScript file's imports (static and dynamic) and fails on any
// that crosses a rule below.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What each top-level folder may import from the project (itself always). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  runtime: [],
  capture: [],
  seeds: ['capture', 'runtime'],
  crawler: ['capture', 'seeds', 'runtime'],
  extractor: ['capture', 'runtime'],
  // Monitor and watch rules, observations, alerts: pure, over captures, events and a brand's domain variants (their I/O is in sinks/ and pipeline/).
  alerting: ['capture', 'extractor', 'seeds', 'runtime'],
  // The read model: connection, schema and migrations, every query (over events, and over the alerting
  // tables through the interface that works directly or through `vucrawl serve`). Nothing of crawling,
  // writing events, commands or HTTP routes: the writers (sinks/), pipeline/, server/ and cli/ import it.
  store: ['capture', 'extractor', 'runtime', 'alerting'],
  sinks: ['capture', 'extractor', 'runtime', 'alerting', 'store'],
  pipeline: ['capture', 'seeds', 'crawler', 'extractor', 'sinks', 'store', 'runtime', 'alerting'],
  internet: [],
  tools: ['extractor', 'crawler', 'alerting', 'internet'],
  // STIX and MISP mappings and the report for people's HTML page: pure, from the rows the store's queries
  // read (their types) to objects or markup.
  exchange: ['alerting', 'store'],
  // The API server: lookups over the store, crawls it runs itself (no seed files, no CLI), TAXII over the
  // same STIX mapping as `vucrawl export`, and the report page of `vucrawl report` (exchange/).
  server: ['capture', 'extractor', 'sinks', 'store', 'pipeline', 'crawler', 'runtime', 'alerting', 'exchange'],
  cli: [
    'capture',
    'seeds',
    'crawler',
    'extractor',
    'sinks',
    'store',
    'pipeline',
    'runtime',
    'internet',
    'server',
    'alerting',
    'exchange',
  ],
  bench: [
    'capture',
    'seeds',
    'crawler',
    'extractor',
    'sinks',
    'store',
    'pipeline',
    'runtime',
    'internet',
    'tools',
    'cli',
    'server',
  ],
  test: [
    'runtime',
    'capture',
    'seeds',
    'crawler',
    'extractor',
    'sinks',
    'store',
    'pipeline',
    'internet',
    'tools',
    'cli',
    'bench',
    'server',
    'alerting',
    'exchange',
  ],
};

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of one file, as repository paths without extension. */
function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)).replace(/\.js$/, ''),
  );
}

/** Every import that breaks the rules, as "file -> target (folder X may not import Y)". */
function layoutViolations(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const from = file.split('/')[0]!;
    const allowed = MAY_IMPORT[from];
    for (const target of importsOf(file, text)) {
      const to = target.split('/')[0]!;
      if (to === from) continue;
      if (!allowed) out.push(`${file} -> ${target} (${from}/ has no rule: add it to MAY_IMPORT)`);
      else if (!allowed.includes(to)) out.push(`${file} -> ${target} (${from}/ may not import ${to}/)`);
    }
  }
  return out;
}

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of Object.keys(MAY_IMPORT)) {
    for (const f of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (f.endsWith('.ts'))
        files.set(`${dir}/${f.split(path.sep).join('/')}`, readFileSync(path.join(ROOT, dir, f), 'utf8'));
    }
  }
  return files;
}

describe('the import graph follows the data flow', () => {
  const files = sourceFiles();

  it('reads every folder that holds code', () => {
    const withCode = readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !['node_modules', 'dist', '.git'].includes(d.name) && !d.name.startsWith('.'))
      .filter((d) =>
        readdirSync(path.join(ROOT, d.name), { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.ts')),
      )
      .map((d) => d.name);
    expect(withCode.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
    expect(files.size).toBeGreaterThan(100);
  });

  it('has no import that crosses a rule', () => {
    expect(layoutViolations(files)).toEqual([]);
  });

  it('nothing outside test/ imports test/', () => {
    const intoTest = [...files].flatMap(([f, text]) =>
      f.startsWith('test/')
        ? []
        : importsOf(f, text)
            .filter((t) => t.startsWith('test/'))
            .map((t) => `${f} -> ${t}`),
    );
    expect(intoTest).toEqual([]);
  });

  it('a pivot loads no browser library: nothing cli/commands/pivot.ts imports statically reaches playwright or the crawler', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !files.has(file)) return;
      seen.add(file);
      // Type-only imports cost nothing at run time; dynamic ones load only when used.
      const statics = files
        .get(file)!
        .split('\n')
        .filter((l) => /^import (?!type )/.test(l) || /^} from /.test(l))
        .join('\n');
      expect(statics, file).not.toMatch(/from 'playwright/);
      for (const dep of importsOf(file, statics)) visit(`${dep}.ts`);
    };
    visit('cli/commands/pivot.ts');
    expect(seen.size).toBeGreaterThan(5);
    expect([...seen].filter((f) => /^(crawler|pipeline)\//.test(f))).toEqual([]);
  });

  it('decides in one place how the store is reached (directly, or through the vucrawl serve that holds it): store/choose.ts', () => {
    const deciders = [...files]
      .filter(([f, text]) => f !== 'store/server-call.ts' && /\bholdingServer\(/.test(text))
      .map(([f]) => f);
    expect(deciders).toEqual(['store/choose.ts']);
  });

  it('fails when a forbidden import is added (the check itself)', () => {
    const bad = new Map([
      ['extractor/extract.ts', "import { Fleet } from '../crawler/fleet.js';"],
      ['sinks/x.ts', "const m = await import('../crawler/visit.js');"],
      ['seeds/seed-file.ts', "import type { Sink } from '../sinks/sink.js';"],
      ['crawler/crawl.ts', "import {\n  EventFiles,\n} from '../sinks/event-files.js';"],
      ['cli/demo.ts', "import { startTestInternet } from '../test/internet/server.js';"],
      ['capture/url.ts', "import './../runtime/timing.js';"],
      ['store/queries/pivot.ts', "import type { Page } from '../../server/paging.js';"],
      ['store/open.ts', "import { ClickHouseEvents } from '../sinks/clickhouse/event-store.js';"],
    ]);
    expect(layoutViolations(bad)).toEqual([
      'extractor/extract.ts -> crawler/fleet (extractor/ may not import crawler/)',
      'sinks/x.ts -> crawler/visit (sinks/ may not import crawler/)',
      'seeds/seed-file.ts -> sinks/sink (seeds/ may not import sinks/)',
      'crawler/crawl.ts -> sinks/event-files (crawler/ may not import sinks/)',
      'cli/demo.ts -> test/internet/server (cli/ may not import test/)',
      'capture/url.ts -> runtime/timing (capture/ may not import runtime/)',
      'store/queries/pivot.ts -> server/paging (store/ may not import server/)',
      'store/open.ts -> sinks/clickhouse/event-store (store/ may not import sinks/)',
    ]);
    // And an allowed one passes.
    expect(
      layoutViolations(new Map([['crawler/crawl.ts', "import type { PageCapture } from '../capture/capture.js';"]])),
    ).toEqual([]);
  });
});
