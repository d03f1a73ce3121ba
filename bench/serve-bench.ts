// Serve benchmark at 1 million host-pair rows (generated inside the embedded engine, as
// the store bench does): `vucrawl pivot` timed from the shell (process start to exit)
// with the store opened directly and through a running `vucrawl serve`; the API's
// latency for a pivot and for an indicator document (p50/p95, one request at a time);
// and indicator requests per second with several keep-alive connections at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type StoreOwner } from '../store/connect.js';
import { applySchema } from '../store/schema/migrations.js';
import { generateHostPairs } from './store-bench.js';

export interface Timing {
  p50Ms: number;
  p95Ms: number;
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

function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { p50Ms: at(50), p95Ms: at(95), minMs: s[0]!, runs: s.length };
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

/** One GET with the token, resolving to its duration in ms. */
function timedGet(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    http
      .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - t) / 1e6)
            : reject(new Error(`${url}: HTTP ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
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
  let server: ChildProcess | undefined;
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

    const started = spawn(
      process.execPath,
      [cli, 'serve', '--data', data, '--listen', '127.0.0.1:0', '--crawl-dir', path.join(dir, 'crawls')],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    server = started;
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      started.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      started.on('exit', (code) => reject(new Error(`vucrawl serve exited ${code}`)));
    });
    const { token } = (JSON.parse(readFileSync(path.join(data, 'vucrawl-owner.json'), 'utf8')) as StoreOwner).server!;
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
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.on('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
