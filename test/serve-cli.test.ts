// `vucrawl serve` as operators run it, with the other commands as child processes: while
// the server holds the embedded store, a crawl writes through it (exactly once) while
// `pivot` and the API read the same data, both succeeding; sql, stats and enrich go through
// it; the owner file names the server and a token only its user can read; after the
// server stops, the same commands open the store directly and answer the same.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import type { StoreOwner } from '../store/connect.js';
import { CLI, runCli as vucrawl, serve } from './helpers/cli.js';

let net: TestInternet;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build"`);
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

const SPLUNK_LOOKUP = path.resolve(path.dirname(CLI), '..', '..', 'examples', 'splunk-lookup.py');
const python3 = spawnSync('python3', ['--version']).status === 0;
const spawnResult = (r: SpawnSyncReturns<string>) => ({ status: r.status, stdout: r.stdout.replace(/\r\n/g, '\n') });
const json = async (url: string, init?: RequestInit) =>
  (await fetch(url, init)).json() as Promise<Record<string, unknown>>;
const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).length : 0;
const netFlags = () => ['--allow-private', '--ignore-https-errors', '--host-resolver-rules', net.hostResolverRules];

describe('vucrawl serve holds the store; the other commands go through it', () => {
  it('a crawl writes through it while pivot and the API read, then everything answers the same with the server gone', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-serve-data-'));
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-serve-out-'));
    const server = await serve(['--data', data]);
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const ownerFile = path.join(data, 'vucrawl-owner.json');
      const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as StoreOwner;
      expect(statSync(ownerFile).mode & 0o777).toBe(0o600);
      expect(owner).toMatchObject({ pid: server.child.pid, command: 'vucrawl', server: { url: server.url } });
      expect(Buffer.from(owner.server!.token, 'base64url')).toHaveLength(32);
      const auth = { authorization: `Bearer ${owner.server!.token}` };

      // The crawl, and reads while it runs: each succeeds.
      const reads: { pivot: number | null; api: number }[] = [];
      let reading: Promise<void> | undefined;
      const crawl = await vucrawl(
        [
          'crawl',
          scenarioSeeds.shop!,
          scenarioSeeds.trackers!,
          scenarioSeeds['cookies-https']!,
          scenarioSeeds['media-forms']!,
          '--data',
          data,
          '--out',
          out,
          '--concurrency',
          '1',
          ...netFlags(),
          '--log-level',
          'debug',
        ],
        (stderr) => {
          if (!reading && stderr.includes('"outcome":"ok"')) {
            reading = (async () => {
              const p = await vucrawl(['pivot', 'www.shop.test', '--data', data, '--json']);
              const a = await fetch(`${server.url}/api/v1/pivot/www.shop.test`);
              reads.push({ pivot: p.code, api: a.status });
            })();
          }
        },
      );
      await reading;
      expect(crawl.code).toBe(0);
      expect(crawl.stderr).toContain('the store is held by vucrawl serve: events go through it');
      expect(crawl.stdout).toContain(
        `sent to     embedded ClickHouse (chDB) in ${data}, through vucrawl serve at ${server.url}`,
      );
      expect(reads).toEqual([{ pivot: 0, api: 200 }]);

      // Exactly once: the store holds what the crawl's NDJSON copies hold.
      for (const [table, file] of [
        ['pages', 'page'],
        ['host_pairs', 'host_pair'],
        ['trackers', 'tracker'],
        ['resources', 'resource'],
        ['cookies', 'cookie'],
      ] as const) {
        const n = await vucrawl(['sql', `SELECT count() AS n FROM vucrawl.${table}`, '--data', data, '--json']);
        expect(JSON.parse(n.stdout), table).toEqual({ n: lines(path.join(out, `${file}.ndjson`)) });
      }
      // pivot, the API and the server's own sql agree.
      const cli = (await vucrawl(['pivot', 'www.shop.test', '--data', data, '--json'])).stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const apiRows = (await json(`${server.url}/api/v1/pivot/www.shop.test`)).results as Record<string, unknown>[];
      expect(cli).toEqual(apiRows);
      const children = await vucrawl([
        'sql',
        "SELECT child_host AS host, cause FROM vucrawl.host_pairs_by_parent WHERE parent_host = 'www.shop.test' GROUP BY host, cause ORDER BY host, cause",
        '--data',
        data,
        '--json',
      ]);
      expect(
        cli
          .filter((r) => r.direction === 'child')
          .map((r) => `${r.host} ${r.relation}`)
          .sort(),
      ).toEqual(
        children.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { host: string; cause: string })
          .map((r) => `${r.host} ${r.cause}`),
      );

      // Components both ways: the CLI through the server answers as the API does.
      const rowsOf = (r: { stdout: string }) =>
        r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      const ofHost = rowsOf(await vucrawl(['pivot', '--components', 'www.trackers.test', '--data', data, '--json']));
      expect(ofHost.map((r) => r.name)).toEqual(expect.arrayContaining(['Google Tag Manager', 'Facebook Pixel']));
      expect(ofHost).toEqual((await json(`${server.url}/api/v1/hosts/www.trackers.test/components`)).results);
      const running = rowsOf(await vucrawl(['pivot', '--component', 'google tag manager', '--data', data, '--json']));
      expect(running.map((r) => [r.host, r.name])).toContainEqual(['www.trackers.test', 'Google Tag Manager']);
      const componentTable = await vucrawl(['pivot', '--components', 'www.trackers.test', '--data', data]);
      expect(componentTable.stdout.split('\n')[0]).toMatch(
        /^host\s+name\s+version\s+category\s+first_seen\s+last_seen\s+observations$/,
      );
      expect(componentTable.stdout).toMatch(
        // The page loads GTM's script and carries its snippet: either is the evidence.
        /\n {2}evidence: (?:script-url https:\/\/www\.googletagmanager\.com\/gtm\.js\?id=GTM-\S+|html https:\/\/www\.trackers\.test\/) on https:\/\/www\.trackers\.test\/ \(capture /,
      );
      expect(await vucrawl(['pivot', '--component', 'nginx', '--components', 'x.test', '--data', data])).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('not both'),
      });

      // sql through the server is read-only; stats says who serves; the token works as an admin key.
      const drop = await vucrawl(['sql', 'DROP TABLE vucrawl.pages', '--data', data]);
      expect(drop.code).toBe(1);
      expect(drop.stderr).toContain('readonly');
      expect((await vucrawl(['stats', '--data', data])).stdout).toContain(`served by: vucrawl serve at ${server.url}`);
      expect(
        (
          await fetch(`${server.url}/api/v1/sql`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: '{"query":"SELECT 1 AS x"}',
          })
        ).status,
      ).toBe(200);
      // A query that names its FORMAT prints that output as it is, through the server as directly (below).
      const pages = lines(path.join(out, 'page.ndjson'));
      const tsv = await vucrawl(['sql', 'SELECT count() FROM vucrawl.pages FORMAT TSV', '--data', data]);
      expect(tsv).toMatchObject({ code: 0, stdout: `${pages}\n` });
      const csv = await vucrawl([
        'sql',
        "SELECT host, count() AS n FROM vucrawl.pages WHERE host = 'www.shop.test' GROUP BY host FORMAT CSVWithNames;",
        '--data',
        data,
      ]);
      expect(csv.stdout).toMatch(/^"host","n"\n"www\.shop\.test",\d+\n$/);
      const formatted = await fetch(`${server.url}/api/v1/sql`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: '{"query":"SELECT 1 AS x FORMAT JSONEachRow"}',
      });
      expect([formatted.headers.get('content-type'), await formatted.text()]).toEqual([
        'application/x-ndjson',
        '{"x":1}\n',
      ]);
      expect((await vucrawl(['sql', 'SELECT 1 FORMAT TSV', '--json', '--data', data])).code).toBe(2);

      // enrich through the server, and the same documents directly once it has stopped.
      const indicators = path.join(out, 'indicators.txt');
      writeFileSync(
        indicators,
        [
          'www.shop.test',
          'https://CDN.jquery-stats.test/x.js',
          'GTM-ABCD123',
          '',
          '127.0.0.1',
          '743163047',
          'px_uid',
          'no-such-thing',
        ].join('\n'),
      );
      const served = await vucrawl(['enrich', indicators, '--data', data]);
      expect(served.code).toBe(0);
      const docs = served.stdout
        .trim()
        .split('\n')
        .map(
          (l) => JSON.parse(l) as { indicator: string; kind: string; first_seen: string; hosts: { host: string }[] },
        );
      expect(docs.map((d) => [d.indicator, d.kind])).toEqual([
        ['www.shop.test', 'host'],
        ['https://CDN.jquery-stats.test/x.js', 'host'],
        ['GTM-ABCD123', 'tracker'],
        ['127.0.0.1', 'ip'],
        ['743163047', 'favicon'],
        ['px_uid', 'tracker'],
        ['no-such-thing', 'tracker'],
      ]);
      expect(docs[1]!.hosts.map((h) => h.host)).toEqual(['www.shop.test', 'js.metrics-cdn.test']);
      expect(docs[0]).toEqual(await json(`${server.url}/api/v1/indicator/www.shop.test`));

      // The Splunk lookup of examples/ fills its fields from the same documents.
      if (python3) {
        const lookup = spawnSync('python3', [SPLUNK_LOOKUP, 'indicator', 'kind', 'related_hosts', 'first_seen'], {
          input: 'indicator,kind,related_hosts,first_seen\ncdn.jquery-stats.test,,,\n,,,\nno-such-thing,,,\n',
          env: { ...process.env, VUCRAWL_URL: server.url },
          encoding: 'utf8',
        });
        expect(spawnResult(lookup)).toEqual({
          status: 0,
          stdout: `indicator,kind,related_hosts,first_seen\ncdn.jquery-stats.test,host,"js.metrics-cdn.test\nwww.shop.test",${docs[1]!.first_seen}\n,,,\nno-such-thing,tracker,,\n`,
        });
      }

      expect(await server.stop()).toBe(0);
      expect(existsSync(ownerFile)).toBe(false);
      const direct = await vucrawl(['enrich', indicators, '--data', data]);
      expect(direct.stdout).toBe(served.stdout);
      expect(
        (await vucrawl(['pivot', 'www.shop.test', '--data', data, '--json'])).stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown),
      ).toEqual(cli);
      expect(rowsOf(await vucrawl(['pivot', '--components', 'www.trackers.test', '--data', data, '--json']))).toEqual(
        ofHost,
      );
      expect(await vucrawl(['sql', 'SELECT count() FROM vucrawl.pages FORMAT TSV', '--data', data])).toMatchObject({
        code: 0,
        stdout: tsv.stdout,
      });
      const parquet = await vucrawl(['sql', 'SELECT host FROM vucrawl.pages FORMAT Parquet', '--data', data]);
      expect(parquet.stdout.startsWith('PAR1')).toBe(true);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('a pivot of a negative number is a value, and one with no rows says what it looked up', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-serve-empty-'));
    const r = await vucrawl(['pivot', '-1234567', '--data', data]);
    expect(r).toMatchObject({
      code: 0,
      stdout:
        '(no rows: looked up "-1234567" as favicon hash (hosts with that icon) and as tracker ID (hosts that carry it))\n',
    });
    expect((await vucrawl(['pivot', '--limit', '-5', 'x.test', '--data', data])).code).toBe(2);
  });

  it('refuses a non-loopback address without keys, and names a bad line of the keys file', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-serve-refuse-'));
    const open = await vucrawl(['serve', '--listen', '0.0.0.0:0', '--data', data]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('refusing to listen on 0.0.0.0, which is not a loopback address, without API keys');
    const keys = path.join(data, 'keys.txt');
    writeFileSync(keys, '# analysts\nread abcdefghijklmnop0123\nwrite abcdefghijklmnop4567\n');
    const bad = await vucrawl(['serve', '--listen', '127.0.0.1:0', '--api-keys', keys, '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${keys}:3: unknown role "write"`);
    expect(bad.stderr).not.toContain('abcdefghijklmnop');
  });

  it('with API keys: no key 401, a read key reads, the token of the owner file still serves the CLI', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-serve-keys-'));
    const keys = path.join(data, 'keys.txt');
    writeFileSync(keys, 'read reader-key-0123456789abcdef\nadmin admin-key-0123456789abcdef\n');
    const server = await serve(['--data', data, '--api-keys', keys]);
    try {
      expect((await fetch(`${server.url}/api/v1/stats`)).status).toBe(401);
      expect(
        (
          await fetch(`${server.url}/api/v1/stats`, {
            headers: { authorization: 'Bearer reader-key-0123456789abcdef' },
          })
        ).status,
      ).toBe(200);
      const stats = await vucrawl(['stats', '--data', data]);
      expect(stats.stdout).toContain(`served by: vucrawl serve at ${server.url}`);
      expect(server.stderr()).not.toContain('reader-key');
    } finally {
      await server.stop();
    }
  });
});
