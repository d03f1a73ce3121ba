// The vucrawl command as operators run it: a child process with real Chromium against
// the test internet (served from this test process).
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { spillBatch, toRow } from '../sinks/clickhouse/event-store.js';
import sharp from 'sharp';
import { perceptualHash } from '../crawler/phash.js';
import { CLI, runCli as vucrawl, serve } from './helpers/cli.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

let net: TestInternet;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

const netFlags = () => [
  '--allow-private',
  '--ignore-https-errors',
  '--host-resolver-rules',
  net.hostResolverRules,
  '--data',
  mkdtempSync(path.join(tmpdir(), 'vucrawl-data-')),
];
const readCaptures = (dir: string): PageCapture[] =>
  readFileSync(path.join(dir, 'captures.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PageCapture);

describe('vucrawl crawl', () => {
  it('reports bad seed lines with file and line, crawls the rest, one capture line per page', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    const seeds = path.join(dir, 'seeds.txt');
    writeFileSync(
      seeds,
      [
        scenarioSeeds.crawl,
        'htp:/broken',
        `${scenarioSeeds['meta-refresh']} profile=android`,
        'http://x.test/ depth=two',
        '',
      ].join('\n'),
    );
    const r = await vucrawl(['crawl', '--seeds', seeds, '--out', dir, '--depth', '0', ...netFlags()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`bad seed at ${seeds}:2: not an http(s) URL: htp:/broken (skipped)`);
    expect(r.stderr).toContain(`bad seed at ${seeds}:4: depth must be a whole number >= 0, got \\"two\\" (skipped)`);
    const caps = readCaptures(dir);
    expect(caps.map((c) => [c.target.url, c.profile.name, c.schema]).sort()).toEqual([
      [scenarioSeeds.crawl, 'desktop-chrome-windows', 'vucrawl.capture/1'],
      [scenarioSeeds['meta-refresh'], 'android', 'vucrawl.capture/1'],
    ]);
    expect(r.stdout).toMatch(/pages\s+2 \(2 ok, 0 not ok/);
    expect(r.stdout).toContain(path.join(dir, 'captures.ndjson'));
    // Logs are JSON lines when stderr is not a terminal.
    for (const line of r.stderr.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("carries a CSV seed file's tags into every event, with ids that vucrawl extract gives again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    const seeds = path.join(dir, 'brand.csv');
    writeFileSync(
      seeds,
      `url,tags\n${scenarioSeeds.shop},case-42;brand:shop\n${scenarioSeeds.trackers},brand:shop;case-42\n`,
    );
    const r = await vucrawl(['crawl', '--seeds', seeds, '--out', dir, '--no-store', ...netFlags()]);
    expect(r.code, r.stderr).toBe(0);
    const read = (d: string, type: string) =>
      readFileSync(path.join(d, `${type}.ndjson`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const pairs = read(dir, 'host_pair');
    expect(pairs.length).toBeGreaterThan(3);
    for (const type of ['page', 'host_pair', 'tracker', 'resource']) {
      for (const e of read(dir, type))
        expect(e, type).toMatchObject({
          schema: `vucrawl.${type}/4`,
          tags: ['brand:shop', 'case-42'],
          event_id: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
    }
    expect(pairs).toContainEqual(
      expect.objectContaining({
        parent_host: 'www.shop.test',
        child_host: 'cdn.jquery-stats.test',
        parent_site: 'shop.test',
        child_site: 'jquery-stats.test',
      }),
    );
    // Every event its own id; the same ids again from the saved captures.
    const ids = ['page', 'host_pair', 'tracker', 'resource', 'cookie', 'host_ip', 'certificate']
      .filter((t) => existsSync(path.join(dir, `${t}.ndjson`)))
      .flatMap((t) => read(dir, t).map((e) => e.event_id));
    expect(new Set(ids).size).toBe(ids.length);
    const again = mkdtempSync(path.join(tmpdir(), 'vucrawl-extract-'));
    expect((await vucrawl(['extract', path.join(dir, 'captures.ndjson'), '--out', again])).code).toBe(0);
    expect(read(again, 'host_pair').map((e) => e.event_id)).toEqual(pairs.map((e) => e.event_id));
  });

  it('on SIGTERM stops taking work, abandons what does not finish in time, and keeps every capture taken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    let sent = false;
    const started = Date.now();
    // One virtual user: the crawl site first, then a document that never ends.
    const r = await vucrawl(
      [
        'crawl',
        scenarioSeeds.crawl!,
        'http://www.neverloads.test/document',
        '--depth',
        '1',
        '--concurrency',
        '1',
        '--page-timeout',
        '60000',
        '--nav-timeout',
        '60000',
        '--shutdown-grace',
        '1500',
        '--out',
        dir,
        '--log-level',
        'debug',
        ...netFlags(),
      ],
      (stderr, kill) => {
        if (!sent && stderr.includes('"outcome":"ok"')) {
          sent = true;
          kill('SIGTERM');
        }
      },
    );
    expect(sent).toBe(true);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toContain('SIGTERM: stopping');
    expect(r.stdout).toContain('(stopped early)');
    const caps = readCaptures(dir);
    // The endless document was in flight: it is kept as an abandoned partial capture.
    expect(caps.map((c) => c.outcome)).toEqual(['ok', 'abandoned']);
    expect(caps[1]).toMatchObject({
      target: { url: 'http://www.neverloads.test/document' },
      error: 'shutdown',
      status: 200,
    });
    expect(r.stdout).toMatch(/pages\s+2 \(1 ok, 0 not ok, 0 refused, 1 abandoned/);
  });

  it('refuses private targets with a message that says what to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    const r = await vucrawl(['crawl', `http://127.0.0.1:${net.httpPort}/`, '--out', dir, '--no-store']);
    // Every target refused: exit 1, so that cron and CI see it.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'target refused: 127.0.0.1 is denied: loopback (127.0.0.0/8); pass --allow-private to crawl private addresses, or --allow-net CIDR for a range',
    );
    expect(r.stdout).toMatch(/pages\s+0 \(0 ok, 0 not ok, 1 refused/);
  });

  it('fails with usage errors that name the bad input', async () => {
    expect(await vucrawl(['crawl'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no valid seed URLs') });
    expect(await vucrawl(['crawl', 'http://a.test/', '--depth', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--depth needs a number >= 0, got "x"'),
    });
    expect(await vucrawl(['crawl', 'http://a.test/', '--profile', 'nokia'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--profile "nokia" is unknown'),
    });
    expect(await vucrawl(['crawl', '--bogus'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--bogus'"),
    });
    expect(await vucrawl(['frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "frobnicate"'),
    });
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
    expect(await vucrawl(['crawl', 'http://a.test/', '--depth', '1.5'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--depth needs a whole number >= 0, got "1.5"'),
    });
    expect(await vucrawl(['crawl', 'http://a.test/', '--log-level', 'shout'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--log-level must be one of'),
    });
  });
});

describe('vucrawl brand: stored like projects, directly or through the vucrawl serve that holds the store', () => {
  it('adds a brand with its logos hashed, lists it, refuses what is wrong, removes it; the same through serve', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-brand-data-'));
    const store = ['--data', data];
    const logo = path.join(data, 'logo.png');
    // A logo with structure (a gradient and a block), so that its pHash is not all one bit.
    const w = 64;
    const px = Buffer.alloc(w * w * 3);
    for (let i = 0; i < w * w; i++) px.fill(i % w < 20 && i / w < 30 ? 20 : (i % w) * 4, 3 * i, 3 * i + 3);
    writeFileSync(
      logo,
      await sharp(px, { raw: { width: w, height: w, channels: 3 } })
        .png()
        .toBuffer(),
    );
    const { phash } = await perceptualHash(readFileSync(logo));
    const added = await vucrawl([
      'brand',
      'add',
      'acme-bank',
      '--domain',
      'AcmeBank.test,acme.test.',
      '--logo',
      logo,
      '--keyword',
      'AcmePay',
      '--keyword',
      'Acme, the bank',
      '--json',
      ...store,
    ]);
    expect(added.code, added.stderr).toBe(0);
    const brand = {
      name: 'acme-bank',
      domains: ['acmebank.test', 'acme.test'],
      keywords: ['AcmePay', 'Acme, the bank'],
      logo_files: ['logo.png'],
      logo_phashes: [phash],
      project: '',
    };
    expect(JSON.parse(added.stdout)).toEqual(brand);
    const listed = await vucrawl(['brand', 'list', '--json', ...store]);
    expect(JSON.parse(listed.stdout)).toEqual({ ...brand, updated_at: expect.stringMatching(/^\d{4}-/) });

    const refused = async (args: string[], message: string) =>
      expect(await vucrawl(['brand', ...args, ...store])).toMatchObject({
        code: 1,
        stderr: expect.stringContaining(message),
      });
    await refused(['add', 'acme-bank', '--domain', 'acme.test'], 'brand "acme-bank" exists');
    await refused(['add', 'other'], 'brand other: give its official domains (--domain)');
    await refused(['add', 'other', '--domain', 'not a domain'], 'brand other: "not a domain" is not a domain name');
    await refused(
      ['add', 'other', '--domain', 'o.test', '--logo', path.join(data, 'nope.png')],
      `brand other: logo ${path.join(data, 'nope.png')}: `,
    );
    await refused(['add', 'other', '--domain', 'o.test', '--project', 'nope'], 'no project "nope"');
    await refused(['remove', 'nope'], 'no brand "nope" (vucrawl brand list shows them)');
    expect(await vucrawl(['brand', 'remove', 'acme-bank', ...store])).toMatchObject({ code: 0 });
    expect((await vucrawl(['brand', 'list', ...store])).stdout).toBe('(no rows)\n');

    // While vucrawl serve holds the store, the same commands go through it.
    const server = await serve(store);
    try {
      expect((await vucrawl(['project', 'create', 'acme', ...store])).code).toBe(0);
      const through = await vucrawl([
        'brand',
        'add',
        'acme-bank',
        '--domain',
        'acmebank.test',
        '--project',
        'acme',
        ...store,
      ]);
      expect(through.code, through.stderr).toBe(0);
      expect((await vucrawl(['brand', 'list', ...store])).stdout).toMatch(
        /^acme-bank\s+\["acmebank.test"\]\s+\[\]\s+\[\]\s+\[\]\s+acme\s/m,
      );
    } finally {
      await server.stop();
    }
    expect(JSON.parse((await vucrawl(['brand', 'list', '--json', ...store])).stdout)).toMatchObject({
      project: 'acme',
    });
  });
});

describe('the main job: demo into the embedded store, then pivots', () => {
  it('crawls the bundled internet into ClickHouse and answers pivot, sql and stats', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-demo-'));
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-demo-data-'));
    const demo = await vucrawl(['demo', '--out', out, '--data', data]);
    expect(demo.code).toBe(0);
    // Ten pages, and the login kit a second time as the scanner, which it answers 403.
    expect(demo.stdout).toMatch(/pages\s+12 \(11 ok, 1 not ok/);
    expect(demo.stdout).toMatch(/events .*cloaking 1 /);
    expect(demo.stdout).toContain(`sent to     embedded ClickHouse (chDB) in ${data}`);
    expect(demo.stdout).toContain('npx vucrawl pivot cdn.jquery-stats.test');

    const p = await vucrawl(['pivot', 'cdn.jquery-stats.test', '--data', data, '--json']);
    expect(p.code).toBe(0);
    const rows = p.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { host: string; relation: string; direction: string });
    expect(rows.map((r) => [r.direction, r.relation, r.host])).toEqual([
      ['parent', 'script.src', 'www.shop.test'],
      ['child', 'script.src', 'js.metrics-cdn.test'],
    ]);
    const table = await vucrawl(['pivot', 'cdn.jquery-stats.test', '--data', data, '--direction', 'children']);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^kind\s+relation\s+host\s+direction\s+first_seen\s+last_seen\s+observations$/,
    );

    const sql = await vucrawl(['sql', 'SELECT count() AS n FROM vucrawl.pages', '--data', data, '--json']);
    expect(sql.stdout.trim()).toBe('{"n":12}');
    const stats = await vucrawl(['stats', '--data', data]);
    expect(stats.stdout).toContain(`store: embedded ClickHouse (chDB) in ${data}`);
    expect(stats.stdout).toMatch(/pages\s+12\s/);
    expect(await vucrawl(['pivot', 'x.test', '--data', data, '--direction', 'up'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--direction must be parents or children'),
    });
  });
});

describe('secrets, exit codes and a second Ctrl-C', () => {
  it('keeps a password given as a flag out of every output, with a warning; one line for a server that is down', async () => {
    const r = await vucrawl([
      'stats',
      '--clickhouse-url',
      'http://127.0.0.1:1',
      '--clickhouse-password',
      'hunter2-secret',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--clickhouse-password is a secret on the command line');
    expect(r.stderr).toContain('prefer VUCRAWL_CLICKHOUSE_PASSWORD');
    expect(r.stderr).toContain(
      'vucrawl: cannot use the ClickHouse server at http://127.0.0.1:1 (ECONNREFUSED): start it or check --clickhouse-url',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
    expect(r.stdout + r.stderr).not.toContain('hunter2-secret');
  });

  it('refuses bad flags with usage errors that name them', async () => {
    expect(await vucrawl(['crawl', 'http://a.test/', '--chromium', '/nonexistent/chrome'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--chromium /nonexistent/chrome: no such file'),
    });
    expect(await vucrawl(['crawl', 'http://a.test/', '--proxy', 'notaurl'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--proxy needs an http://'),
    });
    expect(await vucrawl(['crawl', 'http://a.test/', '--max-pages', ''])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--max-pages needs a number >= 0, got ""'),
    });
    expect(await vucrawl(['crawl', 'http://a.test/', '--allow-net', '10.0.0.0/33'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--allow-net: "10.0.0.0/33" is not a CIDR range'),
    });
    expect(await vucrawl(['crawl', 'http://a.test/', '--host-resolver-rules', 'SEND *.test away'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--host-resolver-rules: host resolver rule "SEND *.test away"'),
    });
    const proxied = await vucrawl([
      'crawl',
      'http://a.test/',
      '--proxy',
      'http://me:pa55word@127.0.0.1:9/',
      '--depth',
      'x',
    ]);
    expect(proxied.stderr).not.toContain('pa55word');
  });

  it('holds no arguments in the store owner file, readable by its user only, removed at exit', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-owner-'));
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    const owner = path.join(data, 'vucrawl-owner.json');
    let seen: { text: string; mode: number } | undefined;
    const r = await vucrawl(
      [
        'crawl',
        'http://www.neverloads.test/document',
        '--out',
        dir,
        '--data',
        data,
        '--clickhouse-password',
        'not-for-the-owner-file',
        '--page-timeout',
        '3000',
        '--nav-timeout',
        '3000',
        '--allow-private',
        '--host-resolver-rules',
        net.hostResolverRules,
        '--log-level',
        'debug',
      ],
      (stderr) => {
        if (!seen && stderr.includes('page started') && existsSync(owner))
          seen = { text: readFileSync(owner, 'utf8'), mode: statSync(owner).mode & 0o777 };
      },
    );
    expect(r.code).toBe(0);
    expect(seen?.mode).toBe(0o600);
    const o = JSON.parse(seen!.text) as Record<string, unknown>;
    expect(Object.keys(o).sort()).toEqual(['command', 'pid', 'since']);
    expect(o.command).toBe('vucrawl');
    expect(seen!.text).not.toContain('not-for-the-owner-file');
    expect(seen!.text).not.toContain(dir);
    expect(existsSync(owner)).toBe(false);
  });

  it('on a second SIGINT abandons the pages in flight at once and still writes them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-cli-'));
    let sent = 0;
    const started = Date.now();
    const r = await vucrawl(
      [
        'crawl',
        'http://www.neverloads.test/document',
        '--concurrency',
        '1',
        '--page-timeout',
        '60000',
        '--nav-timeout',
        '60000',
        '--shutdown-grace',
        '60000',
        '--out',
        dir,
        '--no-store',
        '--allow-private',
        '--host-resolver-rules',
        net.hostResolverRules,
        '--log-level',
        'debug',
      ],
      (stderr, kill) => {
        // The second one once the first was handled: two signals that arrive together are one.
        if (sent === 0 && stderr.includes('page started')) {
          sent = 1;
          kill('SIGINT');
        } else if (sent === 1 && stderr.includes('SIGINT: stopping')) {
          sent = 2;
          kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(2);
    expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s grace
    expect(r.stderr).toContain('SIGINT again: abandoning pages in flight');
    const caps = readCaptures(dir);
    expect(caps.map((c) => [c.target.url, c.outcome, c.error])).toEqual([
      ['http://www.neverloads.test/document', 'abandoned', 'shutdown'],
    ]);
    expect(r.stdout).toContain('(stopped early)');
  });
});

describe('vucrawl replay with a corrupt spill file', () => {
  it('moves it to quarantine/, names it, replays the others and exits 1 at the end', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-replay-'));
    const spill = mkdtempSync(path.join(tmpdir(), 'vucrawl-spill-'));
    const env = {
      schema: 'vucrawl.host_ip/4',
      event_id: 'f'.repeat(32),
      tags: [] as string[],
      crawl_id: 'c',
      capture_id: 'k',
      page_url: 'http://a.test/',
      observed_at: 1_700_000_000_000,
      profile: 'p',
      comparison_id: null,
    } as const;
    const good = spillBatch(spill, 'host_ips', 'a'.repeat(64), [
      toRow({ ...env, host: 'a.test', ip: '192.0.2.1', port: 80 }),
    ]);
    const bad = path.join(spill, `host_ips.${'b'.repeat(64)}.ndjson`);
    writeFileSync(bad, '["c","k"\n');
    const r = await vucrawl(['replay', spill, '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`replayed 1 spilled batches (1 events) from ${spill}`);
    expect(r.stderr).toContain(
      `1 spill file(s) could not be read and were moved aside: ${path.join(spill, 'quarantine', path.basename(bad))}`,
    );
    expect(existsSync(good)).toBe(false);
    expect(existsSync(path.join(spill, 'quarantine', path.basename(bad)))).toBe(true);
    const n = await vucrawl(['sql', 'SELECT count() AS n FROM vucrawl.host_ips', '--data', data, '--json']);
    expect(n.stdout.trim()).toBe('{"n":1}');
  });
});
