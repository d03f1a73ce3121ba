// npm run bench: runs the benchmarks and prints one table per benchmark plus one JSON
// line per run (for keeping results). The crawl bench runs vucrawl, the Crawlee peer and
// the bare Playwright loop of ../shared/bench in turn (alternating, --reps times) on the
// same browser binary:
//   --browser headless-shell,chromium --latency 20 --max-pages 150 --reps 3
//   --concurrency N,...        vucrawl's (default: its own default)
//   --crawlee-concurrency 8    the Crawlee peer's (its best on 2 cores)
//   --bare-concurrency 6,...   the bare loop's (vucrawl is compared with the best of them)
//   --peers crawlee,bare       which peers run (none: vucrawl alone)
//   --vucrawl-variants L,...   levers, each a vucrawl variant beside the defaults (crawl-bench.ts
//                              VUCRAWL_LEVERS, or switch:--FLAG for one more Chromium switch)
//   --egress on|on,off         vucrawl behind its egress proxy, and/or connecting directly
//   --screenshots off|on,off   vucrawl without and/or with --screenshots (the cost of a viewport PNG and its hashes)
//   --node-profile DIR         write Node CPU profiles of vucrawl there
//   --vucrawl-args "ARGS"      more flags for vucrawl crawl (an ablation: --profile, --profiles FILE, ...)
// --only crawl,extract,store,kafka,serve,fleet,kafka-clients,api-load,soak picks benchmarks (fleet: --workers
// 1,2,3 worker processes on one broker, the first --browser, 3 pages a site; kafka-clients: kafkajs against
// the maintained Kafka clients, --reps runs each, --kafka-events 500000; soak, not in the default set as it
// takes hours: --soak crawl,worker runs of --soak-pages 10000 on a site of --soak-sites 100 x
// --soak-site-pages 100, the first --browser, the first --latency); the extraction corpus is the first
// crawl's captures unless --corpus names one. The synthetic internet is
// ../shared/bench/site.mjs unless VUCRAWL_BENCH_SITE names another copy. api-load (not in the
// default set: it builds a 10-million-pair store) takes --pairs, --clients, --seconds, --values,
// --endpoints indicator,pairs, --write-every MS (a crawl writing meanwhile), --serve-args "ARGS",
// --data DIR (the store, kept for the next run), --indexes on|off (migration 13's lookup indexes built
// or dropped) and --quick (a small store, a short run).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { CRAWL_DEFAULTS, type BrowserEngine } from '../crawler/options.js';
import {
  crawlBench,
  benchPeers,
  SCREENSHOTS_LABEL,
  startSite,
  type Crawler,
  type CrawlBenchResult,
} from './crawl-bench.js';
import { extractBench } from './extract-bench.js';
import { kafkaBench } from './kafka-bench.js';
import { kafkaClientsBench, labelOfRun } from './kafka-clients-bench.js';
import { fleetBench } from './fleet-bench.js';
import { API_LOAD_DEFAULTS, API_LOAD_QUICK, apiLoadBench, type ApiEndpoint } from './api-load-bench.js';
import { serveBench } from './serve-bench.js';
import { SOAK_TABLE_HEAD, soakBench, soakReport, soakRow, type SoakMode } from './soak-bench.js';
import { storeBench } from './store-bench.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: v } = parseArgs({
  options: {
    concurrency: { type: 'string', default: String(CRAWL_DEFAULTS.concurrency) },
    'crawlee-concurrency': { type: 'string', default: '8' },
    'bare-concurrency': { type: 'string', default: '6' },
    peers: { type: 'string', default: 'crawlee,bare' },
    'vucrawl-variants': { type: 'string', default: '' },
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
    'kafka-events': { type: 'string', default: '500000' },
    corpus: { type: 'string' },
    pairs: { type: 'string' },
    clients: { type: 'string' },
    seconds: { type: 'string' },
    values: { type: 'string' },
    endpoints: { type: 'string' },
    'write-every': { type: 'string' },
    'serve-args': { type: 'string', default: '' },
    data: { type: 'string' },
    indexes: { type: 'string', default: 'on' },
    quick: { type: 'boolean', default: false },
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
  const wanted = new Set(list(v.peers));
  const peers = wanted.size ? benchPeers(path.dirname(siteScript)) : undefined;
  if (!peers) console.log(`(no peers at ${path.dirname(siteScript)}: vucrawl alone)`);
  const crawlers: Crawler[] = [
    ...list(v.concurrency).flatMap((c) =>
      list(v.egress).flatMap((e) =>
        list(v.screenshots).flatMap((s) =>
          [undefined, ...list(v['vucrawl-variants'])].map(
            (lever): Crawler => ({
              tool: 'vucrawl',
              egress: e === 'on',
              screenshots: s === 'on',
              concurrency: c === 'auto' ? 'auto' : Number(c),
              extraArgs: v['vucrawl-args'].split(' ').filter(Boolean),
              lever,
            }),
          ),
        ),
      ),
    ),
    ...(peers && wanted.has('crawlee')
      ? [{ tool: 'crawlee', concurrency: Number(v['crawlee-concurrency']) } as const]
      : []),
    ...(peers && wanted.has('bare')
      ? list(v['bare-concurrency']).map((c) => ({ tool: 'bare', concurrency: Number(c) }) as const)
      : []),
  ];
  const results: RepResult[] = [];
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
              peers,
              keepCaptures,
              nodeProfileDir: crawler.tool === 'vucrawl' ? v['node-profile'] : undefined,
            });
            console.log(JSON.stringify({ bench: 'crawl', rep, ...r }));
            results.push({ ...r, rep });
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

type RepResult = CrawlBenchResult & { rep: number };

function printCrawlTables(results: RepResult[]): void {
  const groups = new Map<string, RepResult[]>();
  for (const r of results) {
    const key = `${r.engine}|${r.latencyMs}|${r.label}|${r.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  console.log(
    '\n| browser | latency ms | crawler | concurrency | runs | pages | pages/s | CPU s/page | peak RSS sum MiB | peak anon MiB | requests/page | bodies hashed/page |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
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
  // vucrawl against each peer (the bare loop at its best concurrency), from the medians of the same run,
  // and per repetition (the runs of one repetition were next to each other in time).
  const medianOf = (rs: RepResult[], f: (r: RepResult) => number) => median(rs.map(f));
  const pps = (r: RepResult) => r.pagesPerSecond;
  const cpu = (r: RepResult) => r.cpuSecondsPerPage;
  for (const rs of groups.values()) {
    const r = rs[0]!;
    if (r.tool !== 'vucrawl' || r.label.includes('[')) continue;
    for (const tool of ['crawlee', 'bare'] as const) {
      const peer = [...groups.values()]
        .filter((g) => g[0]!.tool === tool && g[0]!.engine === r.engine && g[0]!.latencyMs === r.latencyMs)
        .sort((a, b) => medianOf(b, pps) - medianOf(a, pps))[0];
      if (!peer) continue;
      const perRep = rs.flatMap((x) => {
        const p = peer.find((y) => y.rep === x.rep);
        return p ? [x.pagesPerSecond / p.pagesPerSecond] : [];
      });
      console.log(
        `${r.engine}, ${r.latencyMs} ms, ${r.label} ${r.concurrency} vs ${peer[0]!.label} ${peer[0]!.concurrency}: ${(medianOf(rs, pps) / medianOf(peer, pps)).toFixed(2)}x the pages/s (per repetition ${Math.min(...perRep).toFixed(2)}–${Math.max(...perRep).toFixed(2)}), CPU s/page ${(medianOf(rs, cpu) / medianOf(peer, cpu)).toFixed(2)}x the peer's`,
      );
    }
  }
  // Each lever against vucrawl's defaults in the same run.
  const levers = [...groups.values()].filter((rs) => rs[0]!.label.includes('['));
  if (levers.length) {
    console.log(
      '\n| browser | lever | pages/s | vs defaults | CPU s/page | vs defaults | peak RSS sum MiB |\n|---|---|---|---|---|---|---|',
    );
    for (const rs of levers) {
      const r = rs[0]!;
      const base = groups.get(`${r.engine}|${r.latencyMs}|${r.label.replace(/ \[[^\]]*\]/, '')}|${r.concurrency}`);
      if (!base) continue;
      const dCpu = medianOf(rs, cpu) - medianOf(base, cpu);
      console.log(
        `| ${r.engine} | ${r.label.slice(r.label.indexOf('[') + 1, r.label.indexOf(']'))} | ${spread(rs.map(pps), 2)} | ${(medianOf(rs, pps) / medianOf(base, pps)).toFixed(2)}x | ${spread(rs.map(cpu), 3)} | ${dCpu >= 0 ? '+' : ''}${dCpu.toFixed(3)} | ${spread(
          rs.map((x) => x.peakRssMiB),
          0,
        )} |`,
      );
    }
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
    const r = await kafkaBench(Number(v['kafka-events']), compression);
    console.log(JSON.stringify({ bench: 'kafka', ...r }));
    console.log(
      `| ${r.events} | ${r.compression} | ${Math.round(r.producerEventsPerSecond)} | ${Math.round(r.bareConsumerEventsPerSecond)} | ${Math.round(r.loaderEventsPerSecond)} | ${(100 * r.loaderShareOfLimit).toFixed(0)}% |`,
    );
  }
}

if (only.has('kafka-clients')) {
  const runs = await kafkaClientsBench(Number(v['kafka-events']), Number(v.reps));
  const byLabel = new Map<string, typeof runs>();
  for (const r of runs) byLabel.set(labelOfRun(r), [...(byLabel.get(labelOfRun(r)) ?? []), r]);
  type Phase = 'publish' | 'bare' | 'loader' | 'realLoader' | 'worker';
  const rate = (rs: typeof runs, k: Phase) => {
    const ps = rs.flatMap((r) => (r[k] ? [r[k]] : []));
    return ps.length
      ? `${spread(
          ps.map((p) => p.events / p.seconds / 1000),
          1,
        )} | ${spread(
          ps.map((p) => p.cpuSeconds),
          1,
        )}`
      : '– | –';
  };
  console.log(
    "\nthousand events/s and CPU s of the client process (median (range)); loader = the loader's steps with that client; own loader = sinks/kafka/loader.ts",
  );
  console.log(
    '| client (Node) | runs | publisher k/s | CPU s | bare consumer k/s | CPU s | loader k/s | CPU s | loader / bare | own loader k/s | CPU s | own loader / bare | worker consumer k/s | CPU s | boundary in commit metadata |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [label, rs] of byLabel) {
    const ratio = (k: 'loader' | 'realLoader') =>
      rs[0]![k] ? `${(100 * median(rs.map((r) => r.bare.seconds / r[k]!.seconds))).toFixed(0)}%` : '–';
    console.log(
      `| ${label} | ${rs.length} | ${rate(rs, 'publish')} | ${rate(rs, 'bare')} | ${rate(rs, 'loader')} | ${ratio('loader')} | ${rate(rs, 'realLoader')} | ${ratio('realLoader')} | ${rate(rs, 'worker')} | ${rs[0]!.commitMetadata ? 'yes' : 'no'} |`,
    );
  }
}

if (only.has('api-load')) {
  const o = { ...API_LOAD_DEFAULTS, ...(v.quick ? API_LOAD_QUICK : {}) };
  const num = (x: string | undefined, d: number) => (x === undefined ? d : Number(x));
  const pairs = num(v.pairs, o.pairs);
  const r = await apiLoadBench({
    ...o,
    cli: path.join(root, 'dist', 'cli', 'main.js'),
    pairs,
    clients: num(v.clients, o.clients),
    seconds: num(v.seconds, o.seconds),
    values: num(v.values, o.values),
    endpoints: v.endpoints ? (list(v.endpoints) as ApiEndpoint[]) : o.endpoints,
    writeEveryMs: num(v['write-every'], o.writeEveryMs),
    serveArgs: v['serve-args'].split(' ').filter(Boolean),
    indexes: v.indexes !== 'off',
    dataDir: path.resolve(v.data ?? path.join(tmpdir(), `vucrawl-api-load-${pairs}`)),
  });
  console.log(JSON.stringify({ bench: 'api-load', ...r }));
  console.log(
    `\nvucrawl serve, embedded store of ${r.pairs} host pairs${r.buildSeconds === null ? '' : ` (built in ${r.buildSeconds.toFixed(0)} s)`}, ${r.clients} clients, ${r.seconds} s per endpoint, ${r.values} distinct values${r.writeEveryMs ? `, a batch written every ${r.writeEveryMs} ms` : ''}${r.serveArgs.length ? `, serve ${r.serveArgs.join(' ')}` : ''}, lookup indexes ${r.indexes ? 'on' : 'off'}`,
  );
  const e = r.engine;
  console.log(
    `\nthe engine alone, a parent's children by the rollup's key, queries/s: values as parameters ${Math.round(e.parameters.sequential)} one at a time, ${Math.round(e.parameters.concurrent)} with ${e.concurrency} at once; values inline ${Math.round(e.inline.sequential)} and ${Math.round(e.inline.concurrent)}`,
  );
  console.log(
    '\n| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors | repeated values | cache hits | server CPU ms/request | server RSS MiB start / peak / end | batches written |\n|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const e of r.endpoints)
    console.log(
      `| ${e.endpoint} | ${e.requests} | ${Math.round(e.requestsPerSecond)} | ${e.latency.p50Ms.toFixed(1)} | ${e.latency.p95Ms.toFixed(1)} | ${e.latency.p99Ms.toFixed(1)} | ${e.errors} | ${(100 * e.repeatShare).toFixed(0)}% | ${(100 * e.cacheHitShare).toFixed(0)}% | ${e.serverCpuMsPerRequest.toFixed(1)} | ${e.rssMiB.start} / ${e.rssMiB.peak} / ${e.rssMiB.end} | ${e.batchesWritten} |`,
    );
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
