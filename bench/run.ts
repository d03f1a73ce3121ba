// npm run bench: runs the benchmarks and prints one table per benchmark plus one JSON
// line per run (for keeping results). The crawl bench runs vucrawl and the Crawlee peer
// of ../shared/bench in turn (alternating, --reps times) on the same browser binary:
//   --browser headless-shell,chromium --latency 20 --max-pages 150 --reps 3
//   --concurrency N,...        vucrawl's (default: its own default)
//   --crawlee-concurrency 8    the peer's (its best on 2 cores)
//   --egress on|on,off         vucrawl behind its egress proxy, and/or connecting directly
//   --screenshots off|on,off   vucrawl without and/or with --screenshots (the cost of a viewport PNG and its hashes)
//   --node-profile DIR         write Node CPU profiles of vucrawl there
//   --vucrawl-args "ARGS"      more flags for vucrawl crawl (an ablation: --profile, --profiles FILE, ...)
// --only crawl,extract,store,kafka,serve,fleet,soak picks benchmarks (fleet: --workers 1,2,3 worker
// processes on one broker, the first --browser, 3 pages a site; soak, not in the default set as it
// takes hours: --soak crawl,worker runs of --soak-pages 10000 on a site of --soak-sites 100 x
// --soak-site-pages 100, the first --browser, the first --latency); the extraction corpus is the first
// crawl's captures unless --corpus names one. The synthetic internet is
// ../shared/bench/site.mjs unless VUCRAWL_BENCH_SITE names another copy.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { CRAWL_DEFAULTS, type BrowserEngine } from '../crawler/options.js';
import {
  crawlBench,
  crawleePeer,
  SCREENSHOTS_LABEL,
  startSite,
  type Crawler,
  type CrawlBenchResult,
} from './crawl-bench.js';
import { extractBench } from './extract-bench.js';
import { kafkaBench } from './kafka-bench.js';
import { fleetBench } from './fleet-bench.js';
import { serveBench } from './serve-bench.js';
import { SOAK_TABLE_HEAD, soakBench, soakReport, soakRow, type SoakMode } from './soak-bench.js';
import { storeBench } from './store-bench.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: v } = parseArgs({
  options: {
    concurrency: { type: 'string', default: String(CRAWL_DEFAULTS.concurrency) },
    'crawlee-concurrency': { type: 'string', default: '8' },
    latency: { type: 'string', default: '20' },
    'max-pages': { type: 'string', default: '150' },
    reps: { type: 'string', default: '3' },
    browser: { type: 'string', default: 'headless-shell,chromium' },
    egress: { type: 'string', default: 'on' },
    screenshots: { type: 'string', default: 'off' },
    'node-profile': { type: 'string' },
    'vucrawl-args': { type: 'string', default: '' },
    only: { type: 'string', default: 'crawl,extract,store,kafka,serve,fleet' },
    workers: { type: 'string', default: '1,2,3' },
    corpus: { type: 'string' },
    soak: { type: 'string', default: 'crawl,worker' },
    'soak-pages': { type: 'string', default: '10000' },
    'soak-sites': { type: 'string', default: '100' },
    'soak-site-pages': { type: 'string', default: '100' },
  },
});
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const sharedBench = path.resolve(root, '..', 'shared', 'bench');
const siteScript = process.env.VUCRAWL_BENCH_SITE ?? path.join(sharedBench, 'site.mjs');
const only = new Set(list(v.only));
let corpus = v.corpus;
if (only.has('crawl')) {
  const crawleeScript = crawleePeer(path.dirname(siteScript));
  if (!crawleeScript) console.log(`(no Crawlee peer at ${path.dirname(siteScript)}: vucrawl alone)`);
  const crawlers: Crawler[] = [
    ...list(v.concurrency).flatMap((c) =>
      list(v.egress).flatMap((e) =>
        list(v.screenshots).map(
          (s): Crawler => ({
            tool: 'vucrawl',
            egress: e === 'on',
            screenshots: s === 'on',
            concurrency: c === 'auto' ? 'auto' : Number(c),
            extraArgs: v['vucrawl-args'].split(' ').filter(Boolean),
          }),
        ),
      ),
    ),
    ...(crawleeScript ? [{ tool: 'crawlee', concurrency: Number(v['crawlee-concurrency']) } as const] : []),
  ];
  const results: CrawlBenchResult[] = [];
  for (const latencyMs of list(v.latency).map(Number)) {
    const site = await startSite(siteScript, latencyMs);
    try {
      // Repetitions alternate the crawlers, so that a slow hour on this machine hits them all.
      for (let rep = 0; rep < Number(v.reps); rep++) {
        for (const engine of list(v.browser) as BrowserEngine[]) {
          for (const crawler of crawlers) {
            const keepCaptures =
              corpus || crawler.tool !== 'vucrawl'
                ? undefined
                : (corpus = path.join(tmpdir(), 'vucrawl-bench-corpus.ndjson'));
            const r = await crawlBench({
              site,
              crawler,
              engine,
              maxPages: Number(v['max-pages']),
              cli: path.join(root, 'dist', 'cli', 'main.js'),
              crawleeScript,
              keepCaptures,
              nodeProfileDir: crawler.tool === 'vucrawl' ? v['node-profile'] : undefined,
            });
            console.log(JSON.stringify({ bench: 'crawl', rep, ...r }));
            results.push(r);
          }
        }
      }
    } finally {
      site.close();
    }
  }
  printCrawlTables(results);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function spread(xs: number[], digits: number): string {
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

function printCrawlTables(results: CrawlBenchResult[]): void {
  const groups = new Map<string, CrawlBenchResult[]>();
  for (const r of results) {
    const key = `${r.engine}|${r.latencyMs}|${r.label}|${r.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  console.log(
    '\n| browser | latency ms | crawler | concurrency | runs | pages | pages/s | CPU s/page | peak RSS sum MiB | peak anon MiB | requests/page | bodies hashed/page |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const rs of groups.values()) {
    const r = rs[0]!;
    console.log(
      `| ${r.engine} | ${r.latencyMs} | ${r.label} | ${r.concurrency} | ${rs.length} | ${median(rs.map((x) => x.pages))} | ${spread(
        rs.map((x) => x.pagesPerSecond),
        2,
      )} | ${spread(
        rs.map((x) => x.cpuSecondsPerPage),
        3,
      )} | ${spread(
        rs.map((x) => x.peakRssMiB),
        0,
      )} | ${spread(
        rs.map((x) => x.peakAnonMiB),
        0,
      )} | ${median(rs.map((x) => x.requestsPerPage)).toFixed(1)} | ${median(rs.map((x) => x.hashedPerPage)).toFixed(1)} |`,
    );
  }
  // vucrawl against the peer, from the medians of the same run.
  for (const rs of groups.values()) {
    const r = rs[0]!;
    const peer = [...groups.values()].find(
      (g) => g[0]!.tool === 'crawlee' && g[0]!.engine === r.engine && g[0]!.latencyMs === r.latencyMs,
    );
    if (r.tool !== 'vucrawl' || !peer) continue;
    const ratio = median(rs.map((x) => x.pagesPerSecond)) / median(peer.map((x) => x.pagesPerSecond));
    const cpu = median(peer.map((x) => x.cpuSecondsPerPage)) / median(rs.map((x) => x.cpuSecondsPerPage));
    console.log(
      `${r.engine}, ${r.latencyMs} ms, ${r.label} ${r.concurrency} vs crawlee ${peer[0]!.concurrency}: ${ratio.toFixed(2)}x the pages/s, ${cpu.toFixed(2)}x less CPU per page`,
    );
  }
  // What --screenshots costs: each vucrawl variant with them against the same one without, from the medians of the same run.
  for (const rs of groups.values()) {
    const r = rs[0]!;
    if (!r.label.endsWith(SCREENSHOTS_LABEL)) continue;
    const without = groups.get(
      `${r.engine}|${r.latencyMs}|${r.label.slice(0, -SCREENSHOTS_LABEL.length)}|${r.concurrency}`,
    );
    if (!without) continue;
    const cpu = median(rs.map((x) => x.cpuSecondsPerPage)) - median(without.map((x) => x.cpuSecondsPerPage));
    const ratio = median(rs.map((x) => x.pagesPerSecond)) / median(without.map((x) => x.pagesPerSecond));
    const shots = median(rs.map((x) => x.screenshotsPerPage ?? 0));
    console.log(
      `${r.engine}, ${r.latencyMs} ms, ${r.label} ${r.concurrency}: ${cpu >= 0 ? '+' : ''}${cpu.toFixed(3)} CPU s/page (${((100 * cpu) / median(without.map((x) => x.cpuSecondsPerPage))).toFixed(0)}%), ${ratio.toFixed(2)}x the pages/s of the same crawler without, ${shots.toFixed(2)} screenshots/page`,
    );
  }
  console.log(
    '\nCPU seconds per page by process kind (medians; sampled, so short-lived processes lose their last 100 ms):',
  );
  const kinds = [...new Set(results.flatMap((r) => Object.keys(r.cpuByKind)))].sort();
  console.log(`| browser | crawler | ${kinds.join(' | ')} |\n|---|---|${kinds.map(() => '---').join('|')}|`);
  for (const rs of groups.values()) {
    const r = rs[0]!;
    console.log(
      `| ${r.engine} | ${r.label} | ${kinds.map((k) => median(rs.map((x) => (x.cpuByKind[k] ?? 0) / x.pages)).toFixed(3)).join(' | ')} |`,
    );
  }
}

if (only.has('extract')) {
  if (!corpus)
    throw new Error(
      'the extraction bench needs a corpus: run it with the crawl bench, or pass --corpus FILE (a captures.ndjson)',
    );
  const r = extractBench(corpus);
  console.log(JSON.stringify({ bench: 'extract', corpus, ...r }));
  console.log(
    '\n| captures | passes | s | captures/s | MB scanned | MB/s | events/capture |\n|---|---|---|---|---|---|---|',
  );
  console.log(
    `| ${r.captures} | ${r.passes} | ${r.seconds.toFixed(2)} | ${r.capturesPerSecond.toFixed(1)} | ${r.mbScanned.toFixed(1)} | ${r.mbPerSecond.toFixed(1)} | ${r.eventsPerCapture.toFixed(1)} |`,
  );
}

if (only.has('store')) {
  const r = await storeBench();
  console.log(JSON.stringify({ bench: 'store', ...r }));
  console.log(
    `\ningest into embedded ClickHouse: ${r.ingestEvents} host-pair events in ${r.ingestSeconds.toFixed(2)} s = ${Math.round(r.ingestEventsPerSecond)} events/s (the engine alone parses ${Math.round(r.parseCeilingEventsPerSecond)}/s of these rows into a Null table)`,
  );
  console.log('\n| host-pair rows | pivot p50 ms | pivot p95 ms | queries |\n|---|---|---|---|');
  for (const p of r.pivots) console.log(`| ${p.rows} | ${p.p50Ms.toFixed(1)} | ${p.p95Ms.toFixed(1)} | ${p.queries} |`);
}

if (only.has('serve')) {
  const r = await serveBench(path.join(root, 'dist', 'cli', 'main.js'));
  console.log(JSON.stringify({ bench: 'serve', ...r }));
  const row = (what: string, t: { p50Ms: number; p95Ms: number; minMs: number; runs: number }) =>
    console.log(`| ${what} | ${t.p50Ms.toFixed(1)} | ${t.p95Ms.toFixed(1)} | ${t.minMs.toFixed(1)} | ${t.runs} |`);
  console.log(
    `\nvucrawl serve at ${r.rows} host-pair rows\n\n| measure | p50 ms | p95 ms | min ms | runs |\n|---|---|---|---|---|`,
  );
  row('`vucrawl pivot` from the shell, store opened directly', r.pivotShellDirect);
  row('`vucrawl pivot` from the shell, through `vucrawl serve`', r.pivotShellThroughServer);
  row('GET /api/v1/pivot/{host}, one at a time', r.apiPivot);
  row('GET /api/v1/indicator/{host}, one at a time', r.apiIndicator);
  row(`GET /api/v1/indicator/{host}, ${r.connections} connections`, r.indicatorUnderLoad);
  console.log(
    `\nindicator requests/s with ${r.connections} keep-alive connections: ${Math.round(r.indicatorRequestsPerSecond)}`,
  );
}

if (only.has('fleet')) {
  const site = await startSite(siteScript, Number(list(v.latency)[0]));
  try {
    console.log(
      '\n| browser | workers | pages | s | pages/s | CPU s/page (workers) | broker share of CPU | pages crawled twice |\n|---|---|---|---|---|---|---|---|',
    );
    for (const engine of list(v.browser).slice(0, 1) as BrowserEngine[]) {
      for (const workers of list(v.workers).map(Number)) {
        const r = await fleetBench({
          site,
          workers,
          engine,
          pagesPerSite: 3,
          concurrency: list(v.concurrency)[0]!,
          cli: path.join(root, 'dist', 'cli', 'main.js'),
        });
        console.log(JSON.stringify({ bench: 'fleet', ...r }));
        console.log(
          `| ${engine} | ${workers} | ${r.pages} | ${r.seconds.toFixed(1)} | ${r.pagesPerSecond.toFixed(2)} | ${r.cpuSecondsPerPage.toFixed(3)} | ${(100 * r.brokerCpuShare).toFixed(1)}% | ${r.repeats} |`,
        );
      }
    }
  } finally {
    site.close();
  }
}

if (only.has('kafka')) {
  console.log(
    '\n| events | compression | publisher events/s | bare kafkajs consumer events/s | loader events/s | loader / bare |\n|---|---|---|---|---|---|',
  );
  for (const compression of ['gzip', 'none'] as const) {
    const r = await kafkaBench(500_000, compression);
    console.log(JSON.stringify({ bench: 'kafka', ...r }));
    console.log(
      `| ${r.events} | ${r.compression} | ${Math.round(r.producerEventsPerSecond)} | ${Math.round(r.bareConsumerEventsPerSecond)} | ${Math.round(r.loaderEventsPerSecond)} | ${(100 * r.loaderShareOfLimit).toFixed(0)}% |`,
    );
  }
}

if (only.has('soak')) {
  const site = await startSite(siteScript, Number(list(v.latency)[0]), {
    sites: Number(v['soak-sites']),
    pagesPerSite: Number(v['soak-site-pages']),
  });
  try {
    for (const mode of list(v.soak) as SoakMode[]) {
      console.log(`\nsoak, vucrawl ${mode}: every 1,000 pages as they come\n${SOAK_TABLE_HEAD}`);
      const r = await soakBench({
        onWindow: (w) => console.log(soakRow(w)),
        mode,
        site,
        pages: Number(v['soak-pages']),
        engine: list(v.browser)[0] as BrowserEngine,
        concurrency: list(v.concurrency)[0]!,
        cli: path.join(root, 'dist', 'cli', 'main.js'),
      });
      console.log(JSON.stringify({ bench: 'soak', ...r }));
      console.log(soakReport(r));
    }
  } finally {
    site.close();
  }
}
