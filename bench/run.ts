// npm run bench: runs the benchmarks and prints one table per benchmark plus one JSON
// line per run (for keeping results). Options: --only crawl,extract,store --concurrency 2,4 --egress on,off
// --latency 0,50 --max-pages 200 --browser headless-shell,chromium --corpus FILE, and
// --only store (ingest and pivot latency in the embedded ClickHouse), --only kafka
// (publisher, bare consumer and loader throughput against a real broker). The
// synthetic internet is ../shared/bench/site.mjs unless VUCRAWL_BENCH_SITE names another
// copy; the extraction corpus is the first crawl's captures unless --corpus names one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { crawlBench, type CrawlBenchResult } from './crawl-bench.js';
import { extractBench } from './extract-bench.js';
import { kafkaBench } from './kafka-bench.js';
import { storeBench } from './store-bench.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: v } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '2,4' },
    latency: { type: 'string', default: '0,50' },
    'max-pages': { type: 'string', default: '200' },
    browser: { type: 'string', default: 'headless-shell,chromium' },
    egress: { type: 'string', default: 'on,off' },
    only: { type: 'string', default: 'crawl,extract,store,kafka' },
    corpus: { type: 'string' },
  },
});
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

const siteScript = process.env.VUCRAWL_BENCH_SITE ?? path.resolve(root, '..', 'shared', 'bench', 'site.mjs');
const only = new Set(list(v.only));
const results: CrawlBenchResult[] = [];
let corpus = v.corpus;
for (const engine of only.has('crawl') ? list(v.browser) : []) {
  for (const latencyMs of list(v.latency).map(Number)) {
    for (const concurrency of list(v.concurrency).map(Number)) {
      // With and without the egress proxy back to back, so that its cost is measured in the same conditions.
      for (const egress of list(v.egress).map((e) => e === 'on')) {
        const keepCaptures = corpus ? undefined : (corpus = path.join(tmpdir(), 'vucrawl-bench-corpus.ndjson'));
        const r = await crawlBench({ siteScript, engine, latencyMs, concurrency, egress, maxPages: Number(v['max-pages']), cli: path.join(root, 'dist', 'cli', 'main.js'), keepCaptures });
        console.log(JSON.stringify({ bench: 'crawl', ...r }));
        results.push(r);
      }
    }
  }
}
if (results.length) console.log('\n| engine | egress proxy | concurrency | latency ms | pages | ok | s | pages/s | peak RSS sum MiB | peak anon MiB | requests/page | bodies hashed/page |');
if (results.length) console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.engine} | ${r.egress ? 'on' : 'off'} | ${r.concurrency} | ${r.latencyMs} | ${r.pages} | ${r.ok} | ${r.seconds.toFixed(1)} | ${r.pagesPerSecond.toFixed(2)} | ${r.peakRssMiB.toFixed(0)} | ${r.peakAnonMiB.toFixed(0)} | ${r.requestsPerPage.toFixed(1)} | ${r.hashedPerPage.toFixed(1)} |`);
}

if (only.has('extract')) {
  if (!corpus) throw new Error('the extraction bench needs a corpus: run it with the crawl bench, or pass --corpus FILE (a captures.ndjson)');
  const r = extractBench(corpus);
  console.log(JSON.stringify({ bench: 'extract', corpus, ...r }));
  console.log('\n| captures | passes | s | captures/s | MB scanned | MB/s | events/capture |\n|---|---|---|---|---|---|---|');
  console.log(`| ${r.captures} | ${r.passes} | ${r.seconds.toFixed(2)} | ${r.capturesPerSecond.toFixed(1)} | ${r.mbScanned.toFixed(1)} | ${r.mbPerSecond.toFixed(1)} | ${r.eventsPerCapture.toFixed(1)} |`);
}

if (only.has('store')) {
  const r = await storeBench();
  console.log(JSON.stringify({ bench: 'store', ...r }));
  console.log(`\ningest into embedded ClickHouse: ${r.ingestEvents} host-pair events in ${r.ingestSeconds.toFixed(2)} s = ${Math.round(r.ingestEventsPerSecond)} events/s (the engine alone parses ${Math.round(r.parseCeilingEventsPerSecond)}/s of these rows into a Null table)`);
  console.log('\n| host-pair rows | pivot p50 ms | pivot p95 ms | queries |\n|---|---|---|---|');
  for (const p of r.pivots) console.log(`| ${p.rows} | ${p.p50Ms.toFixed(1)} | ${p.p95Ms.toFixed(1)} | ${p.queries} |`);
}

if (only.has('kafka')) {
  console.log('\n| events | compression | publisher events/s | bare kafkajs consumer events/s | loader events/s | loader / bare |\n|---|---|---|---|---|---|');
  for (const compression of ['gzip', 'none'] as const) {
    const r = await kafkaBench(500_000, compression);
    console.log(JSON.stringify({ bench: 'kafka', ...r }));
    console.log(`| ${r.events} | ${r.compression} | ${Math.round(r.producerEventsPerSecond)} | ${Math.round(r.bareConsumerEventsPerSecond)} | ${Math.round(r.loaderEventsPerSecond)} | ${(100 * r.loaderShareOfLimit).toFixed(0)}% |`);
  }
}
