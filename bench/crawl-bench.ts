// Crawl benchmark: the synthetic internet of ../shared/bench/site.mjs (50 sites on one
// HTTP server that routes by Host, also an HTTP proxy), crawled with full capture by
// `vucrawl crawl`, by the Crawlee peer of ../shared/bench (crawlee.mjs: PlaywrightCrawler,
// every body hashed) and by its bare Playwright loop (raw.mjs: N contexts, every body
// hashed, nothing else recorded, no settle wait: the limit) on the same browser binary,
// each as a child process timed from its start to its exit. For each run: pages/s, CPU seconds per page
// of the whole process tree and its split by process kind (sampled from /proc), peak
// memory, requests and hashed bodies per page. vucrawl reaches the sites through host rules; with `egress` it runs behind its
// egress proxy (--allow-net 127.0.0.1/32), without it the browser connects directly.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BINARY_CANDIDATES } from '../crawler/browser-binary.js';
import type { BrowserEngine } from '../crawler/options.js';
import { watchTree } from './proc-tree.js';

export interface Site {
  child: ChildProcess;
  url: string;
  port: number;
  latencyMs: number;
  seedsFile: string;
  close(): void;
}

export type Crawler =
  | {
      tool: 'vucrawl';
      egress: boolean;
      concurrency: number | 'auto';
      screenshots?: boolean;
      extraArgs?: string[];
      /** A lever of VUCRAWL_LEVERS, measured against the defaults in the same run. */
      lever?: string;
    }
  | { tool: 'crawlee' | 'bare'; concurrency: number };

/**
 * The levers of issue 25, each a vucrawl variant measured on its own against vucrawl's
 * defaults (`--vucrawl-variants`): the flags that turn one on or off.
 */
export const VUCRAWL_LEVERS: Record<string, string[]> = {
  /** The settle rule before quiet settle: network quiet for --idle ms, at most --settle. */
  'settle-idle': ['--settle-rule', 'idle'],
  'settle-quiet': ['--settle-rule', 'quiet'],
  /** The upper bound of any settle rule: none at all (client redirects and late beacons missed). */
  'no-settle': ['--settle', '0'],
  /** The upper bound of taking the store off the crawl's path: no store at all. */
  'no-store': ['--no-store'],
  /** Not a lever: the bare loop's fixed concurrency instead of the autoscaler's (which backs off when others load the CPU). */
  'concurrency-6': ['--concurrency', '6'],
};

/** A Chromium switch as a lever: `switch:--flag[=value]`. */
export function leverArgs(lever: string): string[] {
  if (lever.startsWith('switch:')) return [`--browser-args=${lever.slice('switch:'.length)}`];
  const args = VUCRAWL_LEVERS[lever];
  if (!args) throw new Error(`unknown lever ${lever}; known: ${Object.keys(VUCRAWL_LEVERS).join(', ')}, switch:--FLAG`);
  return args;
}

export interface CrawlBenchResult {
  tool: string;
  label: string;
  engine: BrowserEngine;
  concurrency: number | 'auto';
  latencyMs: number;
  pages: number;
  ok: number;
  seconds: number;
  pagesPerSecond: number;
  cpuSecondsPerPage: number;
  cpuByKind: Record<string, number>;
  peakRssMiB: number;
  peakAnonMiB: number;
  peakProcesses: number;
  requestsPerPage: number;
  hashedPerPage: number;
  /** vucrawl: pages whose capture has a screenshot, per page. */
  screenshotsPerPage?: number;
}

/** Starts site.mjs (its default size unless `size` says otherwise); resolves once it prints its ready line. */
export async function startSite(
  script: string,
  latencyMs: number,
  size?: { sites: number; pagesPerSite: number },
): Promise<Site> {
  if (!existsSync(script)) throw new Error(`synthetic internet not found at ${script} (set VUCRAWL_BENCH_SITE)`);
  const child = spawn(
    process.execPath,
    [
      script,
      '--port',
      '0',
      '--latency',
      String(latencyMs),
      '--host',
      '127.0.0.1',
      ...(size ? ['--sites', String(size.sites), '--pages', String(size.pagesPerSite)] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const rl = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ proxy: string }>((resolve, reject) => {
    rl.once('line', (l) => resolve(JSON.parse(l)));
    child.once('exit', (code) => reject(new Error(`site.mjs exited with ${code}`)));
  });
  rl.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-bench-site-'));
  const seedsFile = path.join(dir, 'seeds.txt');
  writeFileSync(seedsFile, await (await fetch(`${ready.proxy}/__seeds.txt`)).text());
  return {
    child,
    url: ready.proxy,
    port: Number(new URL(ready.proxy).port),
    latencyMs,
    seedsFile,
    close: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The browser binary both crawlers run. */
export function browserBinary(engine: BrowserEngine): string {
  const found = BINARY_CANDIDATES[engine].find((p) => existsSync(p));
  if (!found)
    throw new Error(`no ${engine} binary on this machine (looked for ${BINARY_CANDIDATES[engine].join(', ')})`);
  return found;
}

/**
 * The peers, ready to run: ../shared/bench's crawlee.mjs, raw.mjs (the bare loop) and
 * lib.mjs with their package files, installed once into a cache folder (their code stays
 * outside this project).
 */
export function benchPeers(sharedBench: string): { crawlee: string; bare: string } | undefined {
  if (!existsSync(path.join(sharedBench, 'crawlee.mjs'))) return undefined;
  const dir = process.env.VUCRAWL_CRAWLEE_PEER ?? path.join(homedir(), '.cache', 'vucrawl', 'crawlee-peer');
  if (!existsSync(path.join(dir, 'node_modules', '@crawlee', 'playwright'))) {
    mkdirSync(dir, { recursive: true });
    for (const f of ['crawlee.mjs', 'lib.mjs', 'package.json', 'package-lock.json'])
      cpSync(path.join(sharedBench, f), path.join(dir, f));
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    });
    if (r.status !== 0) throw new Error(`npm install of the Crawlee peer in ${dir} failed`);
  }
  // Copied on every run: a cache made before the bare loop was a peer has no raw.mjs.
  for (const f of ['crawlee.mjs', 'raw.mjs', 'lib.mjs']) cpSync(path.join(sharedBench, f), path.join(dir, f));
  return { crawlee: path.join(dir, 'crawlee.mjs'), bare: path.join(dir, 'raw.mjs') };
}

export interface RunConfig {
  site: Site;
  crawler: Crawler;
  engine: BrowserEngine;
  maxPages: number;
  cli: string;
  peers?: { crawlee: string; bare: string };
  /** Keep vucrawl's captures here (the extraction bench's corpus). */
  keepCaptures?: string;
  /** Write a Node CPU profile of vucrawl into this folder. */
  nodeProfileDir?: string;
}

/** The end of the label of a vucrawl run with --screenshots (the bench compares it with the same label without). */
export const SCREENSHOTS_LABEL = ' (screenshots)';

export function labelOf(c: Crawler): string {
  return c.tool === 'vucrawl'
    ? `vucrawl${c.lever ? ` [${c.lever}]` : ''}${c.egress ? '' : ' (no egress proxy)'}${c.screenshots ? SCREENSHOTS_LABEL : ''}`
    : c.tool === 'bare'
      ? 'bare loop'
      : 'crawlee';
}

export type VucrawlCrawler = Extract<Crawler, { tool: 'vucrawl' }>;

/** The command line of `vucrawl crawl` over the site (after Node's own flags), writing into `dir`. */
export function vucrawlCrawlArgs(cfg: {
  site: Site;
  crawler: VucrawlCrawler;
  engine: BrowserEngine;
  maxPages: number;
  cli: string;
  dir: string;
  binary: string;
}): string[] {
  const { crawler } = cfg;
  const policy = crawler.egress ? ['--allow-net', '127.0.0.1/32'] : ['--allow-private'];
  return [
    cfg.cli,
    'crawl',
    '--seeds',
    cfg.site.seedsFile,
    '--host-resolver-rules',
    `MAP *.test 127.0.0.1:${cfg.site.port}`,
    ...policy,
    '--concurrency',
    String(crawler.concurrency),
    '--max-pages',
    String(cfg.maxPages),
    '--depth',
    '100',
    '--browser',
    cfg.engine,
    '--chromium',
    cfg.binary,
    '--out',
    cfg.dir,
    '--data',
    path.join(cfg.dir, 'data'),
    '--log-level',
    'warn',
    ...(crawler.screenshots ? ['--screenshots'] : []),
    ...(crawler.extraArgs ?? []),
  ];
}

/** One crawl by one crawler, measured. */
export async function crawlBench(cfg: RunConfig): Promise<CrawlBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-bench-'));
  const binary = browserBinary(cfg.engine);
  try {
    let args: string[];
    let env = { ...process.env };
    const { crawler } = cfg;
    if (crawler.tool === 'vucrawl') {
      args = [
        ...(cfg.nodeProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cfg.nodeProfileDir] : []),
        ...vucrawlCrawlArgs({ ...cfg, crawler, dir, binary }),
        ...(crawler.lever ? leverArgs(crawler.lever) : []),
      ];
      env = { ...env, VUCRAWL_LOG_PRETTY: '0' };
    } else {
      if (!cfg.peers) throw new Error('no peers (../shared/bench/crawlee.mjs, raw.mjs) on this machine');
      args = [
        cfg.peers[crawler.tool],
        '--proxy',
        cfg.site.url,
        '--seeds',
        cfg.site.seedsFile,
        '--concurrency',
        String(crawler.concurrency),
        '--max-pages',
        String(cfg.maxPages),
      ];
      env = { ...env, CHROMIUM: binary };
    }
    const started = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    const stop = watchTree(child.pid!);
    let stdout = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const seconds = (Date.now() - started) / 1000;
    const watch = stop();
    const cpu = Object.values(watch.cpuByKind).reduce((a, b) => a + b, 0);
    if (code !== 0) throw new Error(`${crawler.tool} exited with ${code}: ${stdout.slice(-2000)}`);
    const counts = crawler.tool === 'vucrawl' ? vucrawlCounts(dir, cfg.keepCaptures) : peerCounts(stdout);
    return {
      tool: crawler.tool,
      label: labelOf(crawler),
      engine: cfg.engine,
      concurrency: crawler.concurrency,
      latencyMs: cfg.site.latencyMs,
      ...counts,
      seconds,
      pagesPerSecond: counts.pages / seconds,
      cpuSecondsPerPage: cpu / counts.pages,
      cpuByKind: watch.cpuByKind,
      peakRssMiB: watch.peakRss / 2 ** 20,
      peakAnonMiB: watch.peakAnon / 2 ** 20,
      peakProcesses: watch.peakProcesses,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Counts = {
  pages: number;
  ok: number;
  requestsPerPage: number;
  hashedPerPage: number;
  screenshotsPerPage?: number;
};

function vucrawlCounts(dir: string, keep?: string): Counts {
  const file = path.join(dir, 'captures.ndjson');
  const captures = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          outcome: string;
          requests: { body?: { sha256?: string } }[];
          screenshot?: { sha256?: string };
        },
    );
  if (keep) copyFileSync(file, keep);
  const pages = captures.length;
  return {
    pages,
    ok: captures.filter((c) => c.outcome === 'ok').length,
    requestsPerPage: captures.reduce((n, c) => n + c.requests.length, 0) / pages,
    hashedPerPage: captures.reduce((n, c) => n + c.requests.filter((r) => r.body?.sha256).length, 0) / pages,
    screenshotsPerPage: captures.filter((c) => c.screenshot?.sha256).length / pages,
  };
}

/** The summary line both peers print (lib.mjs). */
function peerCounts(stdout: string): Counts {
  const s = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    pages: number;
    pagesOk: number;
    requests: number;
    hashed: number;
  };
  return { pages: s.pages, ok: s.pagesOk, requestsPerPage: s.requests / s.pages, hashedPerPage: s.hashed / s.pages };
}
