// Serve benchmark at 1 million host-pair rows (generated inside the embedded engine, as
// the store bench does): `vucrawl pivot` timed from the shell (process start to exit)
// with the store opened directly and through a running `vucrawl serve`; the API's
// latency for a pivot and for an indicator document (p50/p95, one request at a time);
// and indicator requests per second with several keep-alive connections at once.
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type StoreOwner } from '../store/connect.js';
import { applySchema } from '../store/schema/migrations.js';
import { timedRequest } from './api-load-bench.js';
import { generateHostPairs } from './store-bench.js';

export interface Timing {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  minMs: number;
  runs: number;
}

export interface ServeBenchResult {
  rows: number;
  pivotShellDirect: Timing;
  pivotShellThroughServer: Timing;
  apiPivot: Timing;
  apiIndicator: Timing;
  indicatorRequestsPerSecond: number;
  indicatorUnderLoad: Timing;
  connections: number;
}

const DB = 'vucrawl';

export function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return { p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), minMs: s[0] ?? 0, runs: s.length };
}

/** The i-th host looked up: parents and children of the generated pairs in turn. */
const hostOf = (i: number) => (i % 2 ? `c${(i * 7919) % 200_000}.test` : `p${(i * 131) % 50_000}.test`);

/** Wall time of one `vucrawl pivot` process, start to exit. */
function pivotFromShell(cli: string, data: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, 'pivot', host, '--data', data, '--json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - t) / 1e6)
        : reject(new Error(`vucrawl pivot exited ${code}: ${err.slice(0, 300)}`)),
    );
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface RunningServe {
  url: string;
  /** Its per-start token (an admin key, not rate limited). */
  token: string;
  pid: number;
  /** SIGTERM, and its exit. */
  stop(): Promise<void>;
}

/** A `vucrawl serve` child process on an embedded store, on a free loopback port, once it listens. */
export async function startServe(cli: string, data: string, args: string[] = []): Promise<RunningServe> {
  const child = spawn(process.execPath, [cli, 'serve', '--data', data, '--listen', '127.0.0.1:0', ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`vucrawl serve exited ${code}`)));
    });
    const { token } = (JSON.parse(readFileSync(path.join(data, 'vucrawl-owner.json'), 'utf8')) as StoreOwner).server!;
    return { url, token, pid: child.pid!, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One GET with the token, resolving to its duration in ms. */
async function timedGet(url: string, token: string): Promise<number> {
  const r = await timedRequest(url, agent, { authorization: `Bearer ${token}` });
  if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
  return r.ms;
}

async function sequential(n: number, url: (i: number) => string, token: string): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push(await timedGet(url(i), token));
  return timing(ms);
}

/** `connections` loops, each sending the next request when its last one answered, for `seconds`. */
async function load(
  url: (i: number) => string,
  token: string,
  connections: number,
  seconds: number,
): Promise<{ perSecond: number; timing: Timing }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = Date.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) ms.push(await timedGet(url(next++), token));
    }),
  );
  return { perSecond: ms.length / ((Date.now() - t0) / 1000), timing: timing(ms) };
}

export async function serveBench(
  cli: string,
  rows = 1_000_000,
  shellRuns = 20,
  apiRuns = 200,
  connections = 8,
  seconds = 10,
): Promise<ServeBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-serve-bench-'));
  let server: RunningServe | undefined;
  try {
    const data = path.join(dir, 'data');
    const store = await openStore({ dataDir: data });
    await applySchema(store.client, DB);
    for (let loaded = 0; loaded < rows; loaded += 1_000_000)
      await store.client.command({ query: generateHostPairs(DB, loaded, Math.min(1_000_000, rows - loaded)) });
    await store.close();

    // A first run warms the page cache for the library and the data, as an analyst's shell would be.
    await pivotFromShell(cli, data, hostOf(0));
    const direct: number[] = [];
    for (let i = 0; i < shellRuns; i++) direct.push(await pivotFromShell(cli, data, hostOf(i)));

    const started = await startServe(cli, data, ['--crawl-dir', path.join(dir, 'crawls')]);
    server = started;
    const { url, token } = started;
    const served: number[] = [];
    for (let i = 0; i < shellRuns; i++) served.push(await pivotFromShell(cli, data, hostOf(i)));

    const pivotUrl = (i: number) => `${url}/api/v1/pivot/${hostOf(i)}`;
    const indicatorUrl = (i: number) => `${url}/api/v1/indicator/${hostOf(i)}`;
    await sequential(20, pivotUrl, token);
    const apiPivot = await sequential(apiRuns, pivotUrl, token);
    const apiIndicator = await sequential(apiRuns, indicatorUrl, token);
    const loaded = await load(indicatorUrl, token, connections, seconds);
    return {
      rows,
      pivotShellDirect: timing(direct),
      pivotShellThroughServer: timing(served),
      apiPivot,
      apiIndicator,
      indicatorRequestsPerSecond: loaded.perSecond,
      indicatorUnderLoad: loaded.timing,
      connections,
    };
  } finally {
    agent.destroy();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
