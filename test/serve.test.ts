// The enrichment API over a store filled by a real crawl of the test internet (real
// Chromium, the extractor, the crawl's own store sink, the embedded ClickHouse): each
// endpoint's answer against the same lookup written as plain SQL, cursors and windows,
// access (401, 403), injection in every parameter changing nothing, static files that
// cannot be traversed, body limits (413), read-only SQL, rate limits, CORS, and a crawl
// submitted to the server landing in the store it holds.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SCHEMAS } from '../extractor/events.js';
import { PNG_1x1, scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import { SECURITY_HEADERS } from '../server/app.js';
import { insertBatch, tsvBody } from '../sinks/clickhouse/event-store.js';
import { withEventId } from '../extractor/event-id.js';
import { impersonationEvent } from './helpers/events.js';
import { TABLES } from '../store/schema/event-tables.js';
import { pivot } from '../store/queries/pivot.js';
import { OBSERVED } from '../store/schema/migrations.js';
import { INTERNAL_INSERT_PATH } from '../sinks/clickhouse/served-store.js';
import { validateEvent } from '../sinks/validate.js';
import { crawledStore, KEYS, testApp, type CrawledStore, type TestApp } from './helpers/api.js';

const DB = 'api';
const dataDir = mkdtempSync(path.join(tmpdir(), 'vucrawl-api-'));
let net: TestInternet;
let crawled: CrawledStore;
let client: ClickHouseClient;
let api: TestApp;

beforeAll(async () => {
  net = await startTestInternet();
  crawled = await crawledStore(
    net,
    ['shop', 'trackers', 'cookies-https', 'media-forms', 'redirect-chain'].map((n) => scenarioSeeds[n]!),
    dataDir,
    DB,
  );
  client = crawled.store.client;
  api = await testApp(crawled.opened, net, path.join(dataDir, 'crawls'));
});
afterAll(async () => {
  await api?.close();
  await crawled?.store.close();
  await net?.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown> & { results?: Record<string, unknown>[]; error?: { code: string; message: string } };
  headers: Record<string, unknown>;
}

async function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'OPTIONS',
  url: string,
  o: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const r = await t.app.inject({
    method,
    url,
    payload: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    headers: {
      ...(o.key ? { authorization: `Bearer ${o.key}` } : {}),
      ...(o.body !== undefined && typeof o.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...o.headers,
    },
  });
  let body: Answer['body'] = {};
  try {
    body = r.json();
  } catch {
    body = { text: r.body };
  }
  return { status: r.statusCode, body, headers: r.headers };
}
const get = (url: string, key: string = KEYS.read) => call(api, 'GET', url, { key });

async function sql<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<T>();
}
const triples = (rows: Record<string, unknown>[], a: string, b: string, c: string) =>
  rows.map((r) => `${r[a]} ${r[b]} ${Number(r[c])}`).sort();

/** Every row's evidence is a raw row of the relation: its URL and its capture. */
async function expectEvidence(
  rows: Record<string, unknown>[],
  table: string,
  url: string,
  keys: (r: Record<string, unknown>) => Record<string, string>,
): Promise<void> {
  for (const r of rows) {
    const k = keys(r);
    const where = Object.keys(k)
      .map((c) => `${c} = {${c}:String}`)
      .join(' AND ');
    const found = await sql<{ u: string; c: string }>(
      `SELECT ${url} AS u, capture_id AS c FROM ${DB}.${table} WHERE ${where}`,
      k,
    );
    expect(
      found.map((f) => `${f.u} ${f.c}`),
      JSON.stringify(r),
    ).toContain(`${r.evidence_url} ${r.capture_id}`);
  }
}

describe('each endpoint answers what the same lookup in SQL says', () => {
  it('host pairs of a host, both directions, with causes and evidence', async () => {
    const children = await get('/api/v1/hosts/www.shop.test/pairs?direction=children');
    expect(children.status).toBe(200);
    const want = await sql(
      `SELECT child_host, cause, ${OBSERVED} AS n FROM ${DB}.host_pairs_by_parent WHERE parent_host = 'www.shop.test' GROUP BY child_host, cause`,
    );
    expect(triples(children.body.results!, 'host', 'relation', 'observations')).toEqual(
      triples(want, 'child_host', 'cause', 'n'),
    );
    expect(children.body.results!.map((r) => r.host)).toEqual(
      expect.arrayContaining(['cdn.jquery-stats.test', 'pay.shop-payments.test', 'chat.shop-support.test']),
    );
    await expectEvidence(children.body.results!, 'host_pairs', 'child_url', (r) => ({
      parent_host: 'www.shop.test',
      child_host: r.host as string,
      cause: r.relation as string,
    }));
    const parents = await get('/api/v1/hosts/cdn.jquery-stats.test/pairs?direction=parents');
    expect(parents.body.results!.map((r) => [r.host, r.relation, r.direction])).toEqual([
      ['www.shop.test', 'script.src', 'parent'],
    ]);
    await expectEvidence(parents.body.results!, 'host_pairs', 'parent_url', (r) => ({
      child_host: 'cdn.jquery-stats.test',
      parent_host: r.host as string,
      cause: r.relation as string,
    }));
    // Both directions, a cause filter, and the CLI's pivot giving the same rows.
    const both = await get('/api/v1/hosts/cdn.jquery-stats.test/pairs');
    expect(both.body.results).toEqual(await pivot(client, DB, 'cdn.jquery-stats.test', { limit: 100 }));
    const redirects = await get('/api/v1/hosts/www.shop.test/pairs?cause=redirect&cause=finalRedirect');
    expect(redirects.body.results!.map((r) => `${r.host} ${r.relation}`).sort()).toEqual([
      'clk.shop-track.test redirect',
      'go.shop-deals.test finalRedirect',
    ]);
  });

  it('hosts are matched in any case, a URL is taken as its host, and site=true widens to the registrable domain', async () => {
    const plain = (await get('/api/v1/hosts/www.shop.test/pairs')).body.results;
    expect((await get('/api/v1/hosts/WWW.Shop.TEST/pairs')).body.results).toEqual(plain);
    expect(
      (await get(`/api/v1/hosts/${encodeURIComponent('https://www.shop.test/checkout?x=1')}/pairs`)).body.results,
    ).toEqual(plain);
    expect((await get('/api/v1/hosts/shop.test/pairs')).body.results).toEqual([]);
    const site = (await get('/api/v1/hosts/shop.test/pairs?site=true')).body.results!;
    expect(site.length).toBe(plain!.length);
    expect(new Set(site.map((r) => r.looked_up))).toEqual(new Set(['www.shop.test']));
  });

  it('trackers of a host, and hosts of a tracker ID', async () => {
    const t = await get('/api/v1/hosts/www.trackers.test/trackers');
    const want = await sql(
      `SELECT type, value, ${OBSERVED} AS n FROM ${DB}.tracker_rollup WHERE host = 'www.trackers.test' GROUP BY type, value`,
    );
    expect(triples(t.body.results!, 'type', 'value', 'observations')).toEqual(triples(want, 'type', 'value', 'n'));
    expect(t.body.results!.map((r) => r.value)).toEqual(
      expect.arrayContaining(['UA-48213377-2', 'GTM-ABCD123', 'G-ABC123DEF4']),
    );
    await expectEvidence(t.body.results!, 'trackers', 'page_url', (r) => ({
      host: 'www.trackers.test',
      type: r.type as string,
      value: r.value as string,
    }));
    const hosts = await get('/api/v1/trackers/GTM-ABCD123/hosts');
    const wantHosts = await sql(
      `SELECT host, type, ${OBSERVED} AS n FROM ${DB}.tracker_rollup WHERE value = 'GTM-ABCD123' GROUP BY host, type`,
    );
    expect(triples(hosts.body.results!, 'host', 'relation', 'observations')).toEqual(
      triples(wantHosts, 'host', 'type', 'n'),
    );
    expect(hosts.body.results!.map((r) => r.host)).toContain('www.trackers.test');
    expect((await get('/api/v1/trackers/GTM-ABCD123/hosts?type=FacebookId')).body.results).toEqual([]);
  });

  it('cookies by name and by domain', async () => {
    const byName = await get('/api/v1/cookies/name/px_uid');
    const want = await sql(
      `SELECT host, domain, ${OBSERVED} AS n FROM ${DB}.cookie_rollup WHERE name = 'px_uid' GROUP BY host, domain`,
    );
    expect(triples(byName.body.results!, 'host', 'relation', 'observations')).toEqual(
      triples(want, 'host', 'domain', 'n'),
    );
    expect(byName.body.results!.map((r) => r.host)).toEqual(['pixel.cookies.test']);
    const byDomain = await get('/api/v1/cookies/domain/secure.cookies.test');
    const wantDomain = await sql(
      `SELECT host, name, ${OBSERVED} AS n FROM ${DB}.cookie_rollup WHERE domain IN ('secure.cookies.test', '.secure.cookies.test') GROUP BY host, name`,
    );
    expect(triples(byDomain.body.results!, 'host', 'value', 'observations')).toEqual(
      triples(wantDomain, 'host', 'name', 'n'),
    );
    expect(byDomain.body.results!.map((r) => r.value)).toEqual(expect.arrayContaining(['secure_session', 'js_secure']));
  });

  it('hosts and URLs of a body by its SHA-256', async () => {
    const png = createHash('sha256').update(PNG_1x1).digest('hex');
    const hosts = await get(`/api/v1/resources/${png.toUpperCase()}/hosts`);
    const want = await sql(
      `SELECT host, 'served' AS r, ${OBSERVED} AS n FROM ${DB}.resource_rollup WHERE sha256 = {s:String} GROUP BY host`,
      { s: png },
    );
    expect(triples(hosts.body.results!, 'host', 'relation', 'observations')).toEqual(triples(want, 'host', 'r', 'n'));
    expect(hosts.body.results!.length).toBeGreaterThan(2);
    await expectEvidence(hosts.body.results!, 'resources', 'url', (r) => ({ sha256: png, host: r.host as string }));
    const urls = await get(`/api/v1/resources/${png}/urls`);
    const wantUrls = await sql(
      `SELECT url, host, count() AS n FROM ${DB}.resources WHERE sha256 = {s:String} GROUP BY url, host`,
      { s: png },
    );
    expect(triples(urls.body.results!, 'url', 'host', 'observations')).toEqual(triples(wantUrls, 'url', 'host', 'n'));
  });

  it('hosts of an IP and IPs of a host', async () => {
    const hosts = await get('/api/v1/ips/127.0.0.1/hosts');
    const want = await sql(
      `SELECT host, 'resolved to' AS r, ${OBSERVED} AS n FROM ${DB}.host_ip_rollup WHERE ip = '127.0.0.1' GROUP BY host`,
    );
    expect(triples(hosts.body.results!, 'host', 'relation', 'observations')).toEqual(triples(want, 'host', 'r', 'n'));
    expect(hosts.body.results!.map((r) => r.host)).toContain('gate.cardexfil.test');
    const ips = await get('/api/v1/hosts/www.shop.test/ips');
    expect(ips.body.results!.map((r) => [r.type, r.value])).toEqual([['ip', '127.0.0.1']]);
    expect((await get('/api/v1/ips/not-an-ip/hosts')).status).toBe(400);
  });

  it('certificates of a host and hosts of a certificate', async () => {
    const certs = await get('/api/v1/hosts/secure.cookies.test/certificates');
    const want = await sql<{ sha256: string; subject: string }>(
      `SELECT sha256, any(subject) AS subject FROM ${DB}.certificates WHERE host = 'secure.cookies.test' GROUP BY sha256`,
    );
    expect(certs.body.results!.map((r) => [r.value, r.subject])).toEqual(want.map((w) => [w.sha256, w.subject]));
    expect(certs.body.results![0]).toMatchObject({
      type: 'certificate',
      issuer: expect.stringContaining('TEST-ONLY'),
      valid_from: expect.stringMatching(/Z$/),
    });
    const hosts = await get(`/api/v1/certificates/${want[0]!.sha256}/hosts`);
    const wantHosts = await sql(
      `SELECT host, 'certificate' AS r, ${OBSERVED} AS n FROM ${DB}.certificate_rollup WHERE sha256 = {s:String} GROUP BY host`,
      { s: want[0]!.sha256 },
    );
    expect(triples(hosts.body.results!, 'host', 'relation', 'observations')).toEqual(
      triples(wantHosts, 'host', 'r', 'n'),
    );
  });

  it('components of a host, and the hosts running a technology (its name in any case, one version with version=)', async () => {
    const c = await get('/api/v1/hosts/WWW.trackers.test/components');
    const want = await sql(
      `SELECT name, version, ${OBSERVED} AS n FROM ${DB}.component_rollup WHERE host = 'www.trackers.test' GROUP BY name, version, category`,
    );
    expect(triples(c.body.results!, 'name', 'version', 'observations')).toEqual(triples(want, 'name', 'version', 'n'));
    expect(c.body.results!.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Google Tag Manager', 'Facebook Pixel']),
    );
    await expectEvidence(c.body.results!, 'components', 'page_url', (r) => ({
      host: 'www.trackers.test',
      name: r.name as string,
      source: r.source as string,
      where: r.where as string,
    }));
    const hosts = await get('/api/v1/components/google%20tag%20manager/hosts');
    const wantHosts = await sql(
      `SELECT host, version, ${OBSERVED} AS n FROM ${DB}.component_rollup WHERE name = 'Google Tag Manager' GROUP BY host, version, category`,
    );
    expect(triples(hosts.body.results!, 'host', 'version', 'observations')).toEqual(
      triples(wantHosts, 'host', 'version', 'n'),
    );
    expect(hosts.body.results!.map((r) => r.host)).toContain('www.trackers.test');
    expect((await get('/api/v1/components/Google%20Tag%20Manager/hosts?version=9.9')).body.results).toEqual([]);
    expect((await get('/api/v1/hosts/www.trackers.test/components?category=CMS')).body.results).toEqual([]);
  });

  it("a host's page history", async () => {
    const h = await get('/api/v1/hosts/www.shop.test/pages');
    const want = await sql<{ title: string; final_url: string; status: number; capture_id: string }>(
      `SELECT title, final_url, status, capture_id FROM ${DB}.pages WHERE host = 'www.shop.test'`,
    );
    expect(h.body).toMatchObject({
      host: 'www.shop.test',
      visits: want.length,
      titles: [...new Set(want.map((w) => w.title))].sort(),
      statuses: [200],
    });
    expect((h.body.results as Record<string, unknown>[]).map((r) => r.capture_id).sort()).toEqual(
      want.map((w) => w.capture_id).sort(),
    );
    expect(h.body.first_seen).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('one capture: its page event and every event of every other table, each valid against its schema', async () => {
    const [page] = await sql<{ capture_id: string }>(
      `SELECT capture_id FROM ${DB}.pages WHERE host = 'www.shop.test' LIMIT 1`,
    );
    const c = await get(`/api/v1/captures/${page!.capture_id}`);
    expect(c.status).toBe(200);
    for (const [field, type] of [
      ['host_pairs', 'host_pair'],
      ['trackers', 'tracker'],
      ['resources', 'resource'],
      ['cookies', 'cookie'],
      ['host_ips', 'host_ip'],
      ['certificates', 'certificate'],
      ['components', 'component'],
    ] as const) {
      const [n] = await sql<{ n: number }>(
        `SELECT count() AS n FROM ${DB}.${TABLES[type]} WHERE capture_id = {c:String}`,
        { c: page!.capture_id },
      );
      expect((c.body[field] as unknown[]).length, field).toBe(Number(n!.n));
    }
    const events = [
      c.body.page,
      ...(
        ['host_pairs', 'trackers', 'resources', 'cookies', 'host_ips', 'certificates', 'components'] as const
      ).flatMap((f) => c.body[f] as unknown[]),
    ];
    for (const e of events) expect(validateEvent(e)).toMatchObject({ ok: true });
    // The very events the crawl produced, field for field.
    const original = crawled.events.find((e) => e.schema === 'vucrawl.page/4' && e.capture_id === page!.capture_id);
    expect(c.body.page).toEqual(original);
    expect((await get('/api/v1/captures/no-such-capture')).status).toBe(404);
    // The verdict on a look-alike is served with the victim's capture it was judged by, as it was stored.
    const verdict = withEventId(impersonationEvent('acmebamk.test', { capture_id: 'victim-visit-1' }));
    await insertBatch(
      client,
      { db: DB, retries: 0, retryBaseMs: 1 },
      'impersonation',
      tsvBody([verdict]),
      'imp-1',
      'TabSeparated',
    );
    const judged = await get('/api/v1/captures/victim-visit-1');
    expect([judged.status, judged.body.page, judged.body.impersonations]).toEqual([200, null, [verdict]]);
  });

  it('an indicator: what it was looked up as, its hosts, and for a host what it carries', async () => {
    const host = await get('/api/v1/indicator/www.trackers.test');
    expect(host.body).toMatchObject({
      indicator: 'www.trackers.test',
      kind: 'host',
      looked_up_as: ['host', 'tracker'],
      pages: { visits: 1 },
    });
    expect(host.body.hosts).toEqual(await pivot(client, DB, 'www.trackers.test', { limit: 100 }));
    expect((host.body.trackers as Record<string, unknown>[]).map((t) => t.value)).toContain('GTM-ABCD123');
    expect((host.body.ips as Record<string, unknown>[]).map((t) => t.value)).toEqual(['127.0.0.1']);
    const tracker = await get('/api/v1/indicator/GTM-ABCD123');
    expect(tracker.body).toMatchObject({ kind: 'tracker', looked_up_as: ['tracker', 'cookie'] });
    expect((tracker.body.hosts as Record<string, unknown>[]).map((h) => h.host)).toContain('www.trackers.test');
    expect(tracker.body.trackers).toBeUndefined();
    const favicon = await get('/api/v1/indicator/743163047');
    expect((favicon.body.hosts as Record<string, unknown>[]).map((h) => [h.kind, h.host])).toEqual([
      ['favicon', 'www.shop.test'],
    ]);
    const none = await get('/api/v1/indicator/-1234567');
    expect(none.body).toMatchObject({
      kind: 'favicon',
      hosts: [],
      first_seen: null,
      description: expect.stringContaining('looked up "-1234567" as favicon hash'),
    });
  });

  it('pages through results with an opaque cursor, and refuses a cursor of another query', async () => {
    const all = (await get('/api/v1/ips/127.0.0.1/hosts')).body.results!;
    const walked: unknown[] = [];
    let url = '/api/v1/ips/127.0.0.1/hosts?limit=3';
    for (;;) {
      const page = await get(url);
      walked.push(...page.body.results!);
      if (!page.body.next_cursor) break;
      url = `/api/v1/ips/127.0.0.1/hosts?limit=3&cursor=${page.body.next_cursor as string}`;
    }
    expect(walked).toEqual(all);
    const first = await get('/api/v1/ips/127.0.0.1/hosts?limit=1');
    expect(
      (await get(`/api/v1/hosts/www.shop.test/pairs?cursor=${first.body.next_cursor as string}`)).body.error?.code,
    ).toBe('bad_request');
  });

  it('keeps relations whose seen interval overlaps the window', async () => {
    expect((await get('/api/v1/hosts/www.shop.test/pairs?end=2000-01-01')).body.results).toEqual([]);
    expect((await get('/api/v1/hosts/www.shop.test/pairs?start=2999-01-01T00:00:00Z')).body.results).toEqual([]);
    expect((await get('/api/v1/hosts/www.shop.test/pairs?start=2000-01-01&end=2999-01-01')).body.results).toEqual(
      (await get('/api/v1/hosts/www.shop.test/pairs')).body.results,
    );
    expect(await get('/api/v1/hosts/www.shop.test/pairs?start=yesterday')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request' } },
    });
  });
});

describe('access', () => {
  const READ_ROUTES = [
    '/api/v1/indicator/x.test',
    '/api/v1/pivot/x.test',
    '/api/v1/hosts/x.test/pairs',
    '/api/v1/stats',
    '/api/v1/graph/x.test',
    '/api/v1/captures/x',
  ];
  const ADMIN_ROUTES: [string, unknown][] = [
    ['/api/v1/sql', { query: 'SELECT 1' }],
    ['/api/v1/crawls', { urls: ['http://x.test/'] }],
    [`${INTERNAL_INSERT_PATH}?table=pages&token=${'a'.repeat(64)}&format=TabSeparated`, 'x'],
    ['/api/v1/internal/dead-letters', []],
  ];

  it('no key: 401; an unknown key: 401; a read key on an admin route: 403; an admin key and the per-start token pass', async () => {
    for (const url of READ_ROUTES) {
      expect((await call(api, 'GET', url)).status, url).toBe(401);
      expect((await call(api, 'GET', url, { key: 'not-a-key-of-this-server' })).status, url).toBe(401);
      expect((await call(api, 'GET', url, { key: KEYS.read })).status, url).not.toBe(401);
    }
    for (const [url, body] of ADMIN_ROUTES) {
      const noKey = await call(api, 'POST', url, { body });
      expect([noKey.status, noKey.body.error?.code, noKey.headers['www-authenticate']], url).toEqual([
        401,
        'unauthorized',
        'Bearer',
      ]);
      expect((await call(api, 'POST', url, { body, key: KEYS.read })).body.error?.code, url).toBe('forbidden');
    }
    expect(
      (await call(api, 'POST', '/api/v1/sql', { key: KEYS.admin, body: { query: 'SELECT 1 AS x' } })).body,
    ).toEqual({ rows: [{ x: 1 }] });
    expect(
      (await call(api, 'POST', '/api/v1/sql', { key: KEYS.token, body: { query: 'SELECT 2 AS x' } })).body,
    ).toEqual({ rows: [{ x: 2 }] });
    // Health, the OpenAPI document and the UI need no key.
    for (const url of ['/healthz', '/openapi.json', '/', '/ui/app.js'])
      expect((await call(api, 'GET', url)).status, url).toBe(200);
  });

  it('reads are open without a keys file (loopback), admin routes still need the token', async () => {
    const open = await testApp(crawled.opened, net, path.join(dataDir, 'crawls-open'), { openReads: true });
    try {
      expect((await call(open, 'GET', '/api/v1/pivot/www.shop.test')).status).toBe(200);
      expect((await call(open, 'POST', '/api/v1/sql', { body: { query: 'SELECT 1' } })).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('rate-limits per key with a JSON error; the per-start token is not limited', async () => {
    const limited = await testApp(crawled.opened, net, path.join(dataDir, 'crawls-limited'), { rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await call(limited, 'GET', '/api/v1/stats', { key: KEYS.read })).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect((await call(limited, 'GET', '/api/v1/stats', { key: KEYS.read })).body.error?.code).toBe('rate_limited');
      // Another key has its own budget; the token has none.
      expect((await call(limited, 'GET', '/api/v1/stats', { key: KEYS.admin })).status).toBe(200);
      for (let i = 0; i < 5; i++)
        expect((await call(limited, 'GET', '/api/v1/stats', { key: KEYS.token })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('sends no CORS headers unless an origin is configured, and then only to it', async () => {
    const plain = await call(api, 'GET', '/api/v1/stats', {
      key: KEYS.read,
      headers: { origin: 'https://evil.example' },
    });
    expect(Object.keys(plain.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
    const cors = await testApp(crawled.opened, net, path.join(dataDir, 'crawls-cors'), {
      corsOrigin: 'https://siem.example',
    });
    try {
      expect(
        (await call(cors, 'GET', '/api/v1/stats', { key: KEYS.read, headers: { origin: 'https://siem.example' } }))
          .headers['access-control-allow-origin'],
      ).toBe('https://siem.example');
      expect(
        (await call(cors, 'GET', '/api/v1/stats', { key: KEYS.read, headers: { origin: 'https://evil.example' } }))
          .headers['access-control-allow-origin'],
      ).toBeUndefined();
      const pre = await call(cors, 'OPTIONS', '/api/v1/stats', {
        headers: { origin: 'https://siem.example', 'access-control-request-method': 'GET' },
      });
      expect([pre.status, pre.headers['access-control-allow-headers']]).toEqual([204, 'Authorization, Content-Type']);
    } finally {
      await cors.close();
    }
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const url of ['/', '/api/v1/stats', '/nope']) {
      const r = await call(api, 'GET', url, { key: KEYS.read });
      for (const [h, v] of Object.entries(SECURITY_HEADERS)) expect(r.headers[h], `${url} ${h}`).toBe(v);
    }
    expect(SECURITY_HEADERS['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('hostile input', () => {
  const PAYLOADS = [
    "'",
    '"',
    "' OR '1'='1",
    "x') OR 1=1 --",
    `x'); DROP TABLE ${DB}.pages; --`,
    '1 UNION ALL SELECT name FROM system.tables',
    'x FORMAT JSON',
    'x\\',
    "\\'",
    '/* c */ x',
    'x -- c',
    'x; SELECT 1',
    '{v:String}',
    "' || (SELECT version()) || '",
    '\u0000',
    '\t\n',
    'ünï ✓ 𝄞',
    'a'.repeat(5000),
  ];
  /** Percent-encoded bytes that are not UTF-8. */
  const RAW = ['%FF%FE', '%C3%28', '%ED%A0%80', '%E2%82'];
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        [
          ...Object.values(TABLES),
          'host_pairs_by_child',
          'host_pairs_by_parent',
          'tracker_rollup',
          'resource_rollup',
          'cookie_rollup',
          'host_ip_rollup',
          'certificate_rollup',
          'favicon_rollup',
          'component_rollup',
          'dead_letters',
        ].map(async (t) => [t, Number((await sql<{ n: string }>(`SELECT count() AS n FROM ${DB}.${t}`))[0]!.n)]),
      ),
    );
  const PATHS = [
    '/api/v1/indicator/{}',
    '/api/v1/pivot/{}',
    '/api/v1/hosts/{}/pairs',
    '/api/v1/hosts/{}/trackers',
    '/api/v1/hosts/{}/ips',
    '/api/v1/hosts/{}/certificates',
    '/api/v1/hosts/{}/pages',
    '/api/v1/trackers/{}/hosts',
    '/api/v1/cookies/name/{}',
    '/api/v1/cookies/domain/{}',
    '/api/v1/resources/{}/hosts',
    '/api/v1/resources/{}/urls',
    '/api/v1/ips/{}/hosts',
    '/api/v1/certificates/{}/hosts',
    '/api/v1/captures/{}',
    '/api/v1/graph/{}',
    '/api/v1/crawls/{}',
    '/api/v1/components/{}/hosts',
    '/api/v1/hosts/{}/components',
  ];
  const QUERIES = [
    '/api/v1/hosts/www.shop.test/pairs?{}',
    '/api/v1/pivot/www.shop.test?{}',
    '/api/v1/trackers/GTM-ABCD123/hosts?{}',
    '/api/v1/cookies/name/px_uid?{}',
    '/api/v1/graph/www.shop.test?{}',
    '/api/v1/indicator/www.shop.test?{}',
  ];
  const PARAMS = [
    'start',
    'end',
    'cause',
    'type',
    'domain',
    'relation',
    'direction',
    'limit',
    'cursor',
    'site',
    'hops',
    'max_nodes',
  ];

  /** 400 or 414 (refused), 404, or 200 with nothing found for the hostile value; never a server fault. */
  function expectHarmless(r: Answer, what: string): void {
    expect([200, 400, 404, 414], `${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
    if (r.status !== 200) expect(r.body.error?.code, what).toMatch(/^(bad_request|not_found|uri_too_long)$/);
    if (r.status === 200 && Array.isArray(r.body.results)) expect(r.body.results, what).toEqual([]);
    if (r.status === 200 && Array.isArray(r.body.hosts)) expect(r.body.hosts, what).toEqual([]);
  }

  it('in every path and query parameter: refused or nothing found, and the store unchanged', async () => {
    const before = await counts();
    for (const p of PAYLOADS) {
      for (const t of PATHS)
        expectHarmless(await get(t.replace('{}', encodeURIComponent(p))), `${t} ${JSON.stringify(p.slice(0, 40))}`);
      for (const t of QUERIES) {
        for (const q of PARAMS) {
          const r = await get(t.replace('{}', `${q}=${encodeURIComponent(p)}`));
          // A filter that matches nothing empties the answer; a window, a number or an enum that does not parse is refused.
          expect([200, 400], `${t} ${q}=${JSON.stringify(p.slice(0, 40))}: ${r.status}`).toContain(r.status);
          if (r.status === 200 && ['cause', 'type', 'domain', 'relation'].includes(q) && Array.isArray(r.body.results))
            expect(r.body.results).toEqual([]);
        }
      }
    }
    for (const raw of RAW) {
      for (const t of PATHS) expectHarmless(await get(t.replace('{}', raw)), `${t} ${raw}`);
      for (const t of QUERIES)
        for (const q of PARAMS) expect([200, 400]).toContain((await get(t.replace('{}', `${q}=${raw}`))).status);
    }
    expect(await counts()).toEqual(before);
  });

  it('ad-hoc SQL is read-only and bounded, and writes nothing whatever it says', async () => {
    const before = await counts();
    for (const query of [
      `DROP TABLE ${DB}.pages`,
      `INSERT INTO ${DB}.host_ips (host, ip) VALUES ('evil.test', '6.6.6.6')`,
      `CREATE TABLE ${DB}.evil (x UInt8) ENGINE = Memory`,
      `ALTER TABLE ${DB}.pages DELETE WHERE 1`,
      `TRUNCATE TABLE ${DB}.pages`,
      `SELECT 1; DROP TABLE ${DB}.pages`,
      'SET readonly = 0',
      `SELECT * FROM ${DB}.pages SETTINGS readonly = 0`,
      "SELECT * FROM file('/etc/passwd', 'LineAsString')",
      'SELECT number FROM numbers(100000)',
    ]) {
      const r = await call(api, 'POST', '/api/v1/sql', { key: KEYS.admin, body: { query } });
      expect([r.status, r.body.error?.code], query).toEqual([400, 'query_failed']);
    }
    expect(await counts()).toEqual(before);
    const ok = await call(api, 'POST', '/api/v1/sql', {
      key: KEYS.admin,
      body: { query: `SELECT count() AS n FROM ${DB}.pages` },
    });
    expect(ok.body).toEqual({ rows: [{ n: before.pages }] });
  });

  it('refuses oversized bodies with 413', async () => {
    expect(
      (await call(api, 'POST', '/api/v1/sql', { key: KEYS.admin, body: { query: `SELECT '${'x'.repeat(300_000)}'` } }))
        .body.error?.code,
    ).toBe('payload_too_large');
    expect(
      (
        await call(api, 'POST', '/api/v1/crawls', {
          key: KEYS.admin,
          body: { urls: Array.from({ length: 900 }, (_, i) => `http://x${i}.test/${'p'.repeat(700)}`) },
        })
      ).status,
    ).toBe(413);
    expect(
      (
        await call(api, 'POST', '/api/v1/sql', {
          key: KEYS.admin,
          body: 'SELECT 1',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(400);
  });

  it('serves a fixed set of files: no path reaches the file system', async () => {
    const url = await api.listen();
    const { port } = new URL(url);
    // Raw requests, so that no client normalizes the dots away.
    const raw = (target: string) =>
      new Promise<string>((resolve) => {
        const s = connect(Number(port), '127.0.0.1', () =>
          s.end(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
        );
        let text = '';
        s.on('data', (d) => {
          text += d;
        });
        s.on('close', () => resolve(text));
      });
    for (const target of [
      '/ui/../package.json',
      '/ui/%2e%2e/%2e%2e/package.json',
      '/ui/..%2f..%2fpackage.json',
      '/ui/vendor/../../server/serve.ts',
      '/../../../../etc/passwd',
      '/ui/vendor/..%5c..%5cpackage.json',
      '/ui/app.js/../../package.json',
      '/%2e%2e/package.json',
      '/ui/vendor/cytoscape.min.js%00.txt',
    ]) {
      const answer = await raw(target);
      expect(answer, target).toMatch(/^HTTP\/1\.1 (400|404)/);
      expect(answer, target).not.toMatch(/"name": "vucrawl"|root:x:0|startServer/);
    }
    expect(await raw('/ui/vendor/cytoscape.min.js')).toMatch(/^HTTP\/1\.1 200[\s\S]*content-type: text\/javascript/i);
  });
});

describe('writes that belong to the server', () => {
  it('stores a batch sent through the internal route once, however often it is sent', async () => {
    const hostIps = crawled.events
      .filter((e) => e.schema === 'vucrawl.host_ip/4')
      .slice(0, 3)
      .map((e) => ({ ...e, capture_id: `through-server-${e.capture_id}` }));
    const body = tsvBody(hostIps);
    const token = createHash('sha256').update(`host_ips\n${body}`).digest('hex');
    for (let i = 0; i < 2; i++) {
      const r = await call(api, 'POST', `${INTERNAL_INSERT_PATH}?table=host_ips&token=${token}&format=TabSeparated`, {
        key: KEYS.token,
        body,
        headers: { 'content-type': 'text/plain' },
      });
      expect(r.body).toEqual({ ok: true });
    }
    expect(
      await sql(`SELECT count() AS n FROM ${DB}.host_ips WHERE startsWith(capture_id, 'through-server-')`),
    ).toEqual([{ n: 3 }]);
    expect(
      (
        await call(api, 'POST', `${INTERNAL_INSERT_PATH}?table=system.users&token=${token}&format=TabSeparated`, {
          key: KEYS.token,
          body,
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(400);
  });

  it('crawls submitted targets into the store it holds and reports their status', async () => {
    expect(
      (await call(api, 'POST', '/api/v1/crawls', { key: KEYS.admin, body: { urls: ['file:///etc/passwd'] } })).body
        .error?.code,
    ).toBe('bad_request');
    const submitted = await call(api, 'POST', '/api/v1/crawls', {
      key: KEYS.admin,
      body: { urls: [scenarioSeeds.crawl], depth: 0 },
    });
    expect(submitted.status).toBe(202);
    const id = submitted.body.id as string;
    let job = submitted.body;
    for (let i = 0; i < 120 && !['finished', 'failed', 'stopped'].includes(job.status as string); i++) {
      await new Promise((r) => setTimeout(r, 500));
      job = (await get(`/api/v1/crawls/${id}`)).body;
    }
    expect(job).toMatchObject({ id, status: 'finished', pages: 1, ok: 1, targets: [scenarioSeeds.crawl] });
    const history = await get('/api/v1/hosts/www.crawl.test/pages');
    expect(history.body.visits).toBe(1);
    expect(
      (await get('/api/v1/hosts/www.crawl.test/pairs?direction=children')).body.results!.map((r) => r.host),
    ).toEqual(expect.arrayContaining(['other.crawl.test', 'www.elsewhere.test']));
    expect((await get('/api/v1/crawls/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('the API document', () => {
  it('describes every route with its parameters, and reuses the event schemas for a capture', async () => {
    const doc = (await call(api, 'GET', '/openapi.json')).body as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }>;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/indicator/{value}',
      '/api/v1/hosts/{host}/pairs',
      '/api/v1/trackers/{value}/hosts',
      '/api/v1/cookies/name/{name}',
      '/api/v1/cookies/domain/{domain}',
      '/api/v1/resources/{sha256}/hosts',
      '/api/v1/resources/{sha256}/urls',
      '/api/v1/ips/{ip}/hosts',
      '/api/v1/hosts/{host}/ips',
      '/api/v1/hosts/{host}/certificates',
      '/api/v1/certificates/{sha256}/hosts',
      '/api/v1/hosts/{host}/pages',
      '/api/v1/components/{name}/hosts',
      '/api/v1/hosts/{host}/components',
      '/api/v1/captures/{id}',
      '/api/v1/crawls',
      '/api/v1/crawls/{id}',
      '/api/v1/sql',
    ])
      expect(doc.paths[p], p).toBeDefined();
    const capture =
      doc.paths['/api/v1/captures/{id}']!.get!.responses['200']!.content['application/json']!.schema.properties;
    expect(Object.keys((capture.trackers as { items: { properties: object } }).items.properties)).toEqual(
      Object.keys(EVENT_SCHEMAS.tracker.properties),
    );
  });
});
