// npm run bench: runs the benchmarks and prints one table per benchmark plus one JSON
// line per run (for keeping results). Options: --concurrency 2,4 --latency 0,50
// --max-pages 200 --browser headless-shell,chromium. The synthetic internet is
// ../shared/bench/site.mjs unless VUCRAWL_BENCH_SITE names another copy.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crawlBench, type CrawlBenchResult } from './crawl-bench.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: v } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '2,4' },
    latency: { type: 'string', default: '0,50' },
    'max-pages': { type: 'string', default: '200' },
    browser: { type: 'string', default: 'headless-shell,chromium' },
  },
});
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

const siteScript = process.env.VUCRAWL_BENCH_SITE ?? path.resolve(root, '..', 'shared', 'bench', 'site.mjs');
const results: CrawlBenchResult[] = [];
for (const engine of list(v.browser)) {
  for (const latencyMs of list(v.latency).map(Number)) {
    for (const concurrency of list(v.concurrency).map(Number)) {
      const r = await crawlBench({ siteScript, engine, latencyMs, concurrency, maxPages: Number(v['max-pages']), cli: path.join(root, 'dist', 'cli', 'main.js') });
      console.log(JSON.stringify({ bench: 'crawl', ...r }));
      results.push(r);
    }
  }
}
console.log('\n| engine | concurrency | latency ms | pages | ok | s | pages/s | peak RSS sum MiB | peak anon MiB | requests/page | bodies hashed/page |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.engine} | ${r.concurrency} | ${r.latencyMs} | ${r.pages} | ${r.ok} | ${r.seconds.toFixed(1)} | ${r.pagesPerSecond.toFixed(2)} | ${r.peakRssMiB.toFixed(0)} | ${r.peakAnonMiB.toFixed(0)} | ${r.requestsPerPage.toFixed(1)} | ${r.hashedPerPage.toFixed(1)} |`);
}
