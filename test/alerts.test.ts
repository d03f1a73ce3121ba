// Monitors, watches and alerts end to end: the vucrawl command as operators run it (a
// child process with real Chromium) against the test internet served from this process,
// with a webhook receiver of the test's own whose first delivery fails.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../alerting/alert.js';
import { faviconHash } from '../extractor/favicon-hash.js';
import { CHANGING_SHOP, setChangingShop } from '../internet/scenarios/changing-shop.js';
import { NORTHBANK_ICON, PHISHING_COPY_URLS } from '../internet/scenarios/phishing-copy.js';
import { startTestInternet, type TestInternet } from '../internet/server.js';
import { CLI, runCli as vucrawl, serve } from './helpers/cli.js';

/** A webhook receiver on loopback: answers 500 to the first request, 200 to the rest, and keeps every body. */
interface Receiver {
  url: string;
  bodies: unknown[];
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.writeHead(bodies.length === 1 ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

let net: TestInternet;
let receiver: Receiver;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  net = await startTestInternet();
  receiver = await startReceiver();
});
afterAll(async () => {
  setChangingShop('before');
  await net?.close();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

const netFlags = () => ['--allow-private', '--ignore-https-errors', '--host-resolver-rules', net.hostResolverRules];
const ndjson = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

describe('vucrawl monitor', () => {
  it('raises exactly the expected alerts, once each, in the table, alerts.ndjson and a webhook (one delivery retried)', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'));
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-monitors-'));
    const store = ['--data', data];
    const add = await vucrawl([
      'monitor',
      'add',
      'gear',
      '--url',
      CHANGING_SHOP.url,
      '--every',
      '1h',
      '--alert',
      'new-child-host',
      '--alert',
      'new-tracker',
      '--alert',
      'gone-tracker',
      '--alert',
      `keyword:${CHANGING_SHOP.keyword}`,
      '--alert',
      'hash-change:favicon',
      '--alert',
      'status-change',
      ...store,
    ]);
    expect(add.code, add.stderr).toBe(0);
    const run = (...more: string[]) =>
      vucrawl(['monitor', 'run', '--once', '--out', out, '--webhook', receiver.url, ...more, ...netFlags(), ...store]);

    setChangingShop('before');
    const baseline = await run();
    expect(baseline.code, baseline.stderr).toBe(0);
    expect(baseline.stdout).toMatch(/gear\s+1\s+0\s+0/);
    // Not due again for an hour.
    expect((await run()).stdout).toContain('no monitor is due');

    setChangingShop('after');
    const changed = await run('--force');
    expect(changed.code, changed.stderr).toBe(0);
    const expected = [
      ['gone-tracker', CHANGING_SHOP.tracker],
      ['hash-change:favicon', expect.stringMatching(/^favicon -?\d+$/)],
      [`keyword:${CHANGING_SHOP.keyword}`, CHANGING_SHOP.keyword],
      ['new-child-host', CHANGING_SHOP.newHost],
    ];
    const bySubject = (alerts: Pick<Alert, 'rule' | 'subject'>[]) =>
      alerts.map((a) => [a.rule, a.subject]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(bySubject(ndjson<Alert>(path.join(out, 'alerts.ndjson')))).toEqual(expected);

    // The same page again: every fact is known, nothing is raised twice.
    const again = await run('--force');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/gear\s+1\s+1\s+0/);

    const listed = await vucrawl(['alerts', '--json', ...store]);
    expect(listed.code, listed.stderr).toBe(0);
    const alerts = listed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Alert);
    expect(bySubject(alerts)).toEqual(expected);
    for (const a of alerts) {
      expect(a).toMatchObject({
        source_kind: 'monitor',
        source: 'gear',
        capture_id: expect.stringMatching(/.+/),
        first_seen: expect.stringMatching(/^\d{4}-/),
      });
      expect(a.urls[0]).toBe(CHANGING_SHOP.url);
    }
    expect(alerts.find((a) => a.rule === 'new-child-host')!.details).toMatchObject({
      child: CHANGING_SHOP.newHost,
      parent: CHANGING_SHOP.host,
      cause: 'script.src',
    });

    // The webhook: one failed delivery, retried; then each alert once.
    const keys = (receiver.bodies as Alert[]).map((b) => b.key);
    expect(keys.length).toBe(5);
    expect(new Set(keys).size).toBe(4);
    expect(existsSync(path.join(out, 'alert-webhook-dead-letters.ndjson'))).toBe(false);
  }, 240_000);
});

describe('vucrawl watch', () => {
  it("raises an alert when another host serves the brand's favicon, and not for the brand's own host (everything through vucrawl serve)", async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'));
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-out-'));
    const store = ['--data', data];
    const server = await serve(store);
    try {
      const mmh3 = String(faviconHash(NORTHBANK_ICON));
      for (const args of [
        ['project', 'create', 'northbank', '--tag', 'brand'],
        ['project', 'add', 'northbank', 'northbank.test'],
        ['project', 'add', 'northbank', mmh3, '--kind', 'favicon'],
        ['watch', 'add', 'copied-login', '--when', 'favicon-copy:@northbank'],
      ]) {
        const r = await vucrawl([...args, ...store]);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      const shown = await vucrawl(['project', 'show', 'northbank', '--json', ...store]);
      expect(shown.stdout).toContain('{"value":"northbank.test","kind":"domain"');

      const crawl = await vucrawl([
        'crawl',
        PHISHING_COPY_URLS.genuine,
        PHISHING_COPY_URLS.copy,
        '--depth',
        '0',
        '--out',
        out,
        ...netFlags(),
        ...store,
      ]);
      expect(crawl.code, crawl.stderr).toBe(0);
      expect(crawl.stderr).toContain('the store is held by vucrawl serve');
      const listed = await vucrawl(['alerts', '--json', ...store]);
      const alerts = listed.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Alert);
      expect(alerts.map((a) => [a.source_kind, a.source, a.rule, a.subject])).toEqual([
        ['watch', 'copied-login', 'favicon-copy:@northbank', 'northbank.account-verify.test'],
      ]);
      expect(alerts[0]!.urls[0]).toBe(PHISHING_COPY_URLS.copy);
      expect(alerts[0]!.details).toMatchObject({ favicon_mmh3: mmh3 });
      expect(ndjson<Alert>(path.join(out, 'alerts.ndjson')).map((a) => a.key)).toEqual([alerts[0]!.key]);

      // A pivot kept to a project's hosts: the hosts with the bank's icon, of the look-alike's domain only.
      expect((await vucrawl(['project', 'create', 'lookalike', ...store])).code).toBe(0);
      expect((await vucrawl(['project', 'add', 'lookalike', 'account-verify.test', ...store])).code).toBe(0);
      const hostsOf = async (...args: string[]) =>
        (await vucrawl(['pivot', mmh3, '--json', ...args, ...store])).stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { host: string }).host)
          .sort();
      expect(await hostsOf()).toEqual(['northbank.account-verify.test', 'www.northbank.test']);
      expect(await hostsOf('--project', 'lookalike')).toEqual(['northbank.account-verify.test']);

      // The API lists the same alert, and the watch it came from.
      const owner = JSON.parse(readFileSync(path.join(data, 'vucrawl-owner.json'), 'utf8')) as {
        server: { token: string };
      };
      const get = async (p: string) =>
        (
          await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${owner.server.token}` } })
        ).json() as Promise<{ results: Record<string, unknown>[] }>;
      expect((await get('/api/v1/alerts')).results).toEqual(alerts);
      expect((await get('/api/v1/alerts?since=2999-01-01')).results).toEqual([]);
      expect((await get('/api/v1/watches')).results.map((w) => w.name)).toEqual(['copied-login']);
      expect((await get(`/api/v1/pivot/${mmh3}?project=lookalike`)).results.map((r) => r.host)).toEqual([
        'northbank.account-verify.test',
      ]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 180_000);
});
