// The vucrawl command as operators run it: a child process with real Chromium against
// the test internet (served from this test process).
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { CLI, runCli as vucrawl } from './helpers/cli.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

let net: TestInternet;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

const netFlags = () => ['--allow-private', '--ignore-https-errors', '--host-resolver-rules', net.hostResolverRules, '--data', mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'))];
const readCaptures = (dir: string): PageCapture[] => readFileSync(path.join(dir, 'captures.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PageCapture);

describe('vucrawl crawl', () => {
  it('reports bad seed lines with file and line, crawls the rest, one capture line per page', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    const seeds = path.join(dir, 'seeds.txt');
    writeFileSync(seeds, [scenarioSeeds['crawl'], 'htp:/broken', `${scenarioSeeds['meta-refresh']} profile=android`, 'http://x.test/ depth=two', ''].join('\n'));
    const r = await vucrawl(['crawl', '--seeds', seeds, '--out', dir, '--depth', '0', ...netFlags()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`bad seed at ${seeds}:2: not an http(s) URL: htp:/broken (skipped)`);
    expect(r.stderr).toContain(`bad seed at ${seeds}:4: depth must be a whole number >= 0, got \\"two\\" (skipped)`);
    const caps = readCaptures(dir);
    expect(caps.map((c) => [c.target.url, c.profile.name, c.schema]).sort()).toEqual([
      [scenarioSeeds['crawl'], 'desktop-chrome-windows', 'vucrawl.capture/1'],
      [scenarioSeeds['meta-refresh'], 'android', 'vucrawl.capture/1'],
    ]);
    expect(r.stdout).toMatch(/pages\s+2 \(2 ok, 0 not ok/);
    expect(r.stdout).toContain(path.join(dir, 'captures.ndjson'));
    // Logs are JSON lines when stderr is not a terminal.
    for (const line of r.stderr.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('on SIGTERM stops taking work, abandons what does not finish in time, and keeps every capture taken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    let sent = false;
    const started = Date.now();
    // One virtual user: the crawl site first, then a document that never ends.
    const r = await vucrawl(['crawl', scenarioSeeds['crawl']!, 'http://www.neverloads.test/document', '--depth', '1', '--concurrency', '1', '--page-timeout', '60000', '--nav-timeout', '60000', '--shutdown-grace', '1500', '--out', dir, '--log-level', 'debug', ...netFlags()],
      (stderr, kill) => {
        if (!sent && stderr.includes('"outcome":"ok"')) {
          sent = true;
          kill('SIGTERM');
        }
      });
    expect(sent).toBe(true);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toContain('SIGTERM: stopping');
    expect(r.stdout).toContain('(stopped early)');
    const caps = readCaptures(dir);
    // The endless document was in flight: it is kept as an abandoned partial capture.
    expect(caps.map((c) => c.outcome)).toEqual(['ok', 'abandoned']);
    expect(caps[1]).toMatchObject({ target: { url: 'http://www.neverloads.test/document' }, error: 'shutdown', status: 200 });
    expect(r.stdout).toMatch(/pages\s+2 \(1 ok, 0 not ok, 0 refused, 1 abandoned/);
  });

  it('refuses private targets with a message that says what to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    const r = await vucrawl(['crawl', `http://127.0.0.1:${net.httpPort}/`, '--out', dir, '--no-store']);
    // Every target refused: exit 1, so that cron and CI see it.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('target refused: 127.0.0.1 is denied: loopback (127.0.0.0/8); pass --allow-private to crawl private addresses, or --allow-net CIDR for a range');
    expect(r.stdout).toMatch(/pages\s+0 \(0 ok, 0 not ok, 1 refused/);
  });

  it('fails with usage errors that name the bad input', async () => {
    expect(await vucrawl(['crawl'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no valid seed URLs') });
    expect(await vucrawl(['crawl', 'http://a.test/', '--depth', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--depth needs a number >= 0, got "x"') });
    expect(await vucrawl(['crawl', 'http://a.test/', '--profile', 'nokia'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--profile "nokia" is unknown') });
    expect(await vucrawl(['crawl', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(await vucrawl(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
  });
});

describe('per-command flags and help', () => {
  it('gives each command its own help, from the table its parser uses, and refuses flags it does not take', async () => {
    const pivotHelp = await vucrawl(['pivot', '--help']);
    const crawlHelp = await vucrawl(['crawl', '--help']);
    expect(pivotHelp.code).toBe(0);
    expect(crawlHelp.code).toBe(0);
    expect(pivotHelp.stdout).not.toBe(crawlHelp.stdout);
    expect(pivotHelp.stdout).toMatch(/\s--direction\b/);
    expect(pivotHelp.stdout).not.toMatch(/\s--depth\b|\s--concurrency\b|\s--kafka-brokers\b/);
    expect(crawlHelp.stdout).toMatch(/\s--depth N\s+link depth to follow from each seed \(default 0\)/);
    expect(crawlHelp.stdout).not.toMatch(/\s--direction\b/);
    const stats = await vucrawl(['stats', '--depth', '3']);
    expect(stats.code).toBe(2);
    expect(stats.stderr).toContain("Unknown option '--depth': vucrawl stats does not take it");
    expect(await vucrawl(['crawl', 'http://a.test/', '--depth', '1.5'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--depth needs a whole number >= 0, got "1.5"') });
    expect(await vucrawl(['crawl', 'http://a.test/', '--log-level', 'shout'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--log-level must be one of') });
  });
});

describe('the main job: demo into the embedded store, then pivots', () => {
  it('crawls the bundled internet into ClickHouse and answers pivot, sql and stats', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-demo-'));
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-demo-data-'));
    const demo = await vucrawl(['demo', '--out', out, '--data', data]);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/pages\s+10 \(10 ok/);
    expect(demo.stdout).toContain(`sent to     embedded ClickHouse (chDB) in ${data}`);
    expect(demo.stdout).toContain('npx vucrawl pivot cdn.jquery-stats.test');

    const p = await vucrawl(['pivot', 'cdn.jquery-stats.test', '--data', data, '--json']);
    expect(p.code).toBe(0);
    const rows = p.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host: string; relation: string; direction: string });
    expect(rows.map((r) => [r.direction, r.relation, r.host])).toEqual([['parent', 'script.src', 'www.shop.test'], ['child', 'script.src', 'js.metrics-cdn.test']]);
    const table = await vucrawl(['pivot', 'cdn.jquery-stats.test', '--data', data, '--direction', 'children']);
    expect(table.stdout.split('\n')[0]).toMatch(/^kind\s+relation\s+host\s+direction\s+first_seen\s+last_seen\s+observations$/);

    const sql = await vucrawl(['sql', 'SELECT count() AS n FROM vucrawl.pages', '--data', data, '--json']);
    expect(sql.stdout.trim()).toBe('{"n":10}');
    const stats = await vucrawl(['stats', '--data', data]);
    expect(stats.stdout).toContain(`store: embedded ClickHouse (chDB) in ${data}`);
    expect(stats.stdout).toMatch(/pages\s+10\s/);
    expect(await vucrawl(['pivot', 'x.test', '--data', data, '--direction', 'up'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--direction must be parents or children') });
  });
});
