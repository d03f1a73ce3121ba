// Crawl benchmark: the synthetic internet of ../shared/bench/site.mjs (50 sites on one
// HTTP server that routes by Host), crawled by `vucrawl crawl` as a child process with
// full capture, while its whole process tree (Node + Chromium) is sampled. Prints pages/s
// and peak memory. Host rules send every *.test name to the server; with `egress: true`
// the crawl runs behind its egress proxy (--allow-net 127.0.0.1/32: every connection
// checked), without it the browser connects directly (--allow-private: nothing to check).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { watchTree } from './proc-tree.js';

export interface CrawlBenchConfig {
  siteScript: string;
  concurrency: number;
  latencyMs: number;
  maxPages: number;
  engine: string;
  cli: string;
  /** Behind the egress proxy (policy enforced), or direct. */
  egress: boolean;
  /** Keep the crawl's captures here (the extraction bench's corpus). */
  keepCaptures?: string;
}

export interface CrawlBenchResult {
  engine: string;
  egress: boolean;
  concurrency: number;
  latencyMs: number;
  pages: number;
  ok: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssMiB: number;
  peakAnonMiB: number;
  peakProcesses: number;
  requestsPerPage: number;
  hashedPerPage: number;
}

/** Starts site.mjs and resolves with its ready line (it prints one JSON line when listening). */
async function startSite(script: string, latencyMs: number): Promise<{ child: ChildProcess; proxy: string }> {
  const child = spawn(process.execPath, [script, '--port', '0', '--latency', String(latencyMs), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ proxy: string }>((resolve, reject) => {
    rl.once('line', (l) => resolve(JSON.parse(l)));
    child.once('exit', (code) => reject(new Error(`site.mjs exited with ${code}`)));
  });
  rl.close();
  return { child, proxy: ready.proxy };
}

export async function crawlBench(cfg: CrawlBenchConfig): Promise<CrawlBenchResult> {
  if (!existsSync(cfg.siteScript)) throw new Error(`synthetic internet not found at ${cfg.siteScript} (set VUCRAWL_BENCH_SITE)`);
  const site = await startSite(cfg.siteScript, cfg.latencyMs);
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-bench-'));
  try {
    const seeds = await (await fetch(`${site.proxy}/__seeds.txt`)).text();
    writeFileSync(path.join(dir, 'seeds.txt'), seeds);
    const port = new URL(site.proxy).port;
    const policy = cfg.egress ? ['--allow-net', '127.0.0.1/32'] : ['--allow-private'];
    const args = [cfg.cli, 'crawl', '--seeds', path.join(dir, 'seeds.txt'), '--host-resolver-rules', `MAP *.test 127.0.0.1:${port}`, ...policy,
      '--concurrency', String(cfg.concurrency), '--max-pages', String(cfg.maxPages), '--depth', '100',
      '--browser', cfg.engine, '--out', dir, '--log-level', 'warn'];
    const crawler = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, VUCRAWL_LOG_PRETTY: '0' } });
    const stop = watchTree(crawler.pid!);
    let stdout = '';
    crawler.stdout!.on('data', (d) => { stdout += d; });
    const code = await new Promise<number | null>((resolve) => crawler.once('exit', resolve));
    const peak = stop();
    if (code !== 0) throw new Error(`crawler exited with ${code}: ${stdout}`);
    const m = /pages\s+(\d+) \((\d+) ok.*\n\s+time\s+([\d.]+) s/.exec(stdout);
    if (!m) throw new Error(`cannot read the crawl summary: ${stdout}`);
    const captures = readFileSync(path.join(dir, 'captures.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { requests: { body?: { sha256?: string } }[] });
    const requests = captures.reduce((n, c) => n + c.requests.length, 0);
    const hashed = captures.reduce((n, c) => n + c.requests.filter((r) => r.body?.sha256).length, 0);
    if (cfg.keepCaptures) copyFileSync(path.join(dir, 'captures.ndjson'), cfg.keepCaptures);
    const pages = Number(m[1]);
    const seconds = Number(m[3]);
    return {
      engine: cfg.engine, egress: cfg.egress, concurrency: cfg.concurrency, latencyMs: cfg.latencyMs, pages, ok: Number(m[2]), seconds,
      pagesPerSecond: pages / seconds, peakRssMiB: peak.peakRss / 2 ** 20, peakAnonMiB: peak.peakAnon / 2 ** 20,
      peakProcesses: peak.peakProcesses, requestsPerPage: requests / pages, hashedPerPage: hashed / pages,
    };
  } finally {
    site.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
