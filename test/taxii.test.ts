// TAXII 2.1 in vucrawl serve, as a threat-intel platform uses it: OASIS's own client
// (taxii2-client, test/helpers/taxii_client.py) walks discovery, the API root and every
// collection, pages through objects and manifests, polls again with added_after after more
// observations were stored and gets only those, and is refused without a key; every served
// collection is a bundle stix2-validator passes in strict mode. The store is filled in this
// process with events of known observation times (two batches a day apart), a project and
// an alert, through the store's own writers. Media types, errors, filters and the OpenAPI
// document are checked over HTTP. Needs .venv-validate with taxii2-client (npm test makes it:
// tools/validators.sh); without it the tests are skipped, saying so.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAlert } from '../alerting/alert.js';
import { schemaId, type VucrawlEvent } from '../extractor/events.js';
import { factId, factUuid, scoId } from '../exchange/ids.js';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../exchange/taxii.js';
import type { TestInternet } from '../internet/server.js';
import { insertAlerts } from '../sinks/clickhouse/alert-table.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../sinks/clickhouse/event-store.js';
import { validateEvent } from '../sinks/validate.js';
import { openStore, type Store } from '../store/connect.js';
import { DirectStore } from '../store/direct.js';
import { addIndicators, createProject } from '../store/queries/projects.js';
import { applySchema } from '../store/schema/migrations.js';
import { KEYS, testApp, type TestApp } from './helpers/api.js';
import { pairEvent, trackerEvent } from './helpers/events.js';
import { quietLog } from './helpers/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENV = path.join(ROOT, '.venv-validate');
const INSTALLED = path.join(VENV, 'installed');
const HAS_CLIENT = existsSync(INSTALLED) && readFileSync(INSTALLED, 'utf8').includes('taxii2-client');
const CLIENT = path.join(ROOT, 'test', 'helpers', 'taxii_client.py');
if (!HAS_CLIENT)
  process.stderr.write(
    `test/taxii.test.ts skipped: no taxii2-client in ${VENV}. Create it with sh tools/validators.sh (npm test runs it)\n`,
  );

const DB = 'vucrawl';
const T1 = Date.parse('2026-11-01T10:00:00.000Z');
const T2 = Date.parse('2026-11-02T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

interface Polled {
  title: string;
  api_roots: string[];
  default: string;
  root: { title: string; versions: string[]; max_content_length: number };
  collections: {
    id: string;
    title: string;
    alias: string;
    can_read: boolean;
    can_write: boolean;
    media_types: string[];
    pages: number;
    ids: string[];
    types: string[];
    manifest: { id: string; date_added: string; version: string; media_type: string }[];
  }[];
}

let n = 0;
const at = (observed_at: number, capture_id: string) => ({
  observed_at,
  capture_id,
  event_id: (++n).toString(16).padStart(32, '0'),
  crawl_id: 'crawl-1',
  page_url: 'https://www.shop.test/',
});
const component = (host: string, name: string, version: string, o: ReturnType<typeof at>) =>
  ({
    schema: schemaId('component'),
    tags: [],
    profile: 'desktop-chrome-windows',
    comparison_id: null,
    ...o,
    host,
    category: 'Server',
    name,
    version,
    source: 'header',
    where: 'server',
  }) as unknown as VucrawlEvent;

const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-taxii-'));
let store: Store;
let t: TestApp;
let url: string;

async function write(events: VucrawlEvent[]) {
  const valid = events.map((e) => {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(`test event does not validate: ${JSON.stringify(v)}`);
    return v.event;
  });
  const sink = new ClickHouseEvents(
    store.client,
    { ...EVENT_STORE_DEFAULTS, db: DB, spillDir: path.join(dir, 'spill') },
    quietLog,
  );
  await sink.write(valid);
  await sink.close();
}

/** The client, as a child process (asynchronously: the server it talks to runs in this process). */
async function python(...args: string[]): Promise<string> {
  const r = await promisify(execFile)(path.join(VENV, 'bin', 'python'), [CLIENT, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return r.stdout;
}
async function poll(out: string, perPage: number, addedAfter?: string): Promise<Polled> {
  const args = [`${url}/taxii2/`, KEYS.read, out, String(perPage), ...(addedAfter ? [addedAfter] : [])];
  return JSON.parse(await python('poll', ...args)) as Polled;
}
const validate = (f: string) =>
  spawnSync(path.join(VENV, 'bin', 'stix2_validator'), ['--strict', '--enforce-refs', '--disable', '202', f], {
    encoding: 'utf8',
    timeout: 120_000,
  });
const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${p}`, {
    headers: { authorization: `Bearer ${KEYS.read}`, accept: TAXII_MEDIA_TYPE, ...headers },
  });

const domain = (h: string) => scoId('domain-name', { value: h });
const pair = (p: string, c: string, cause: string) => factId('relationship', 'host_pair', p, c, cause);
const COLLECTIONS = ['host-pairs', 'trackers', 'components', 'alerts', 'project-demo'];

let first: Polled;
const out1 = path.join(dir, 'poll-1');
const out2 = path.join(dir, 'poll-2');

beforeAll(async () => {
  if (!HAS_CLIENT) return;
  store = await openStore({ dataDir: path.join(dir, 'data') });
  await applySchema(store.client, DB);
  await write([
    pairEvent('www.shop.test', 'cdn.jquery-stats.test', 'script.src', at(T1, 'cap-1')),
    pairEvent('www.shop.test', 'www.trackers.test', 'iframe.src', at(T1 + 1000, 'cap-1')),
    trackerEvent('GTM-ABCD123', 'GoogleTagManagerId', {
      ...at(T1, 'cap-1'),
      host: 'www.shop.test',
      site: 'shop.test',
    }),
    component('cdn.jquery-stats.test', 'nginx', '1.25.3', at(T1 + 2000, 'cap-2')),
  ]);
  const a = new DirectStore({ store, db: DB, spillDir: path.join(dir, 'spill') });
  await createProject(a, 'demo', { tags: ['brand', 'case-42'] });
  await addIndicators(a, 'demo', ['www.shop.test'], {});
  await insertAlerts(a, [
    toAlert(
      'watch',
      'hotlinks',
      {
        rule: 'new-parent:@demo',
        subject: 'www.shop.test',
        scope: 'cdn.jquery-stats.test',
        details: {},
        urls: ['https://www.shop.test/'],
        observed_at: T1,
        capture_id: 'cap-1',
      },
      T1 + 5000,
    ),
  ]);
  const net = { hostResolverRules: '' } as unknown as TestInternet;
  t = await testApp({ store, db: DB, spillDir: path.join(dir, 'spill') }, net, path.join(dir, 'crawls'));
  url = await t.listen();
  for (const d of [out1, out2]) mkdirSync(d, { recursive: true });
  first = await poll(out1, 2);
}, 240_000);

afterAll(async () => {
  await t?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAS_CLIENT)('TAXII 2.1: vucrawl serve polled by taxii2-client', () => {
  it('discovers the API root and its collections, read-only, with deterministic ids', () => {
    expect(first.title).toBe('vucrawl TAXII 2.1');
    expect(first.api_roots).toEqual([`${url}/taxii2/vucrawl/`]);
    expect(first.default).toBe(`${url}/taxii2/vucrawl/`);
    expect(first.root.versions).toEqual([TAXII_MEDIA_TYPE]);
    expect(first.root.max_content_length).toBeGreaterThan(0);
    expect(first.collections.map((c) => c.alias)).toEqual(COLLECTIONS);
    for (const c of first.collections) {
      expect([c.can_read, c.can_write]).toEqual([true, false]);
      expect(c.media_types).toEqual([STIX_MEDIA_TYPE]);
    }
    expect(first.collections[0]!.id).toBe(factUuid('taxii-collection', 'host-pairs'));
    expect(first.collections.at(-1)!.id).toBe(factUuid('taxii-collection', 'project', 'demo'));
  });

  it('serves each collection page by page: every object once, the manifest alike, valid STIX 2.1', () => {
    const byAlias = Object.fromEntries(first.collections.map((c) => [c.alias, c]));
    const hostPairs = byAlias['host-pairs']!;
    // identity, extension-definition, three hosts, two relationships: four pages of two.
    expect(hostPairs.ids.length).toBe(7);
    expect(hostPairs.pages).toBe(4);
    expect(hostPairs.ids).toEqual(
      expect.arrayContaining([pair('www.shop.test', 'cdn.jquery-stats.test', 'script.src')]),
    );
    expect(byAlias.trackers!.types).toEqual(['domain-name', 'extension-definition', 'identity']);
    expect(byAlias.components!.ids).toContain(domain('cdn.jquery-stats.test'));
    expect(byAlias.alerts!.types).toEqual(['extension-definition', 'identity', 'indicator', 'sighting']);
    expect(byAlias['project-demo']!.types).toEqual(
      expect.arrayContaining(['relationship', 'domain-name', 'indicator', 'sighting']),
    );
    for (const c of first.collections) {
      expect(new Set(c.ids).size, c.alias).toBe(c.ids.length);
      expect(c.manifest.map((r) => r.id)).toEqual(c.ids);
      for (const r of c.manifest) expect(r.media_type).toBe(STIX_MEDIA_TYPE);
      // Oldest added first: what a poller's next added_after continues from.
      const added = c.manifest.map((r) => r.date_added);
      expect([...added].sort()).toEqual(added);
      const v = validate(path.join(out1, `${c.alias}.json`));
      expect(v.status, `${c.alias}: ${v.stdout}${v.stderr}`).toBe(0);
    }
    const rel = hostPairs.manifest.find((r) => r.id === pair('www.shop.test', 'www.trackers.test', 'iframe.src'))!;
    expect([rel.date_added, rel.version]).toEqual([iso(T1 + 1000), iso(T1 + 1000)]);
  });

  it('gives a poll with added_after only what was observed since the last one', async () => {
    const last = first.collections
      .flatMap((c) => c.manifest.map((r) => r.date_added))
      .sort()
      .at(-1)!;
    expect(last).toBe(iso(T1 + 5000)); // the alert, raised 5 s after its fact was seen
    await write([
      pairEvent('www.shop.test', 'evil.test', 'script.src', at(T2, 'cap-3')),
      trackerEvent('UA-1234-1', 'GoogleAnalyticsTrackingId', {
        ...at(T2, 'cap-3'),
        host: 'www.shop.test',
        site: 'shop.test',
      }),
    ]);
    const again = await poll(out2, 2, last);
    const ids = Object.fromEntries(again.collections.map((c) => [c.alias, [...c.ids].sort()]));
    expect(ids['host-pairs']).toEqual(
      [pair('www.shop.test', 'evil.test', 'script.src'), domain('www.shop.test'), domain('evil.test')].sort(),
    );
    expect(ids.trackers).toEqual([domain('www.shop.test')]);
    expect(ids.components).toEqual([]);
    expect(ids.alerts).toEqual([]);
    expect(ids['project-demo']).toEqual(ids['host-pairs']);
    for (const c of again.collections) for (const r of c.manifest) expect(r.date_added).toBe(iso(T2));
    // The host now carries both tracker IDs: the object as it is, not only what is new.
    const trackers = JSON.parse(readFileSync(path.join(out2, 'trackers.json'), 'utf8')) as {
      objects: { extensions: Record<string, { trackers: { value: string }[] }> }[];
    };
    const ext = Object.values(trackers.objects[0]!.extensions)[0]!;
    expect(ext.trackers.map((x) => x.value).sort()).toEqual(['GTM-ABCD123', 'UA-1234-1']);
  }, 120_000);

  it("polls as docs/exchange.md configures Microsoft Sentinel's TAXII connector, and gets the alerts as indicators", async () => {
    // The settings as the worked example gives them, so the doc and the server cannot drift apart.
    const doc = readFileSync(path.join(ROOT, 'docs', 'exchange.md'), 'utf8');
    const setting = (name: string) => new RegExp(`^\\| ${name} \\| \`([^\`]+)\``, 'm').exec(doc)?.[1];
    const apiRoot = setting('API root URL')!.replace('https://vucrawl.example', url);
    const collectionId = setting('Collection ID')!;
    expect(collectionId).toBe(factUuid('taxii-collection', 'alerts'));
    interface Sentinel {
      api_root_versions: string[];
      title: string;
      indicators: { pattern: string; pattern_type: string; valid_from: string; labels: string[] }[];
      last: string | null;
    }
    const sentinel = async (after?: string) =>
      JSON.parse(
        await python('sentinel', apiRoot, collectionId, 'sentinel', KEYS.read, ...(after ? [after] : [])),
      ) as Sentinel;
    const all = await sentinel(); // "Import indicators: All available"
    expect(all.api_root_versions).toEqual([TAXII_MEDIA_TYPE]);
    expect(all.indicators.map((i) => [i.pattern, i.pattern_type, i.valid_from])).toEqual([
      ["[domain-name:value = 'www.shop.test']", 'stix', iso(T1)],
    ]);
    expect(all.indicators[0]!.labels).toEqual(['vucrawl-rule:new-parent']); // a project's collection adds its tags
    expect(all.last).toBe(iso(T1 + 5000));
    const next = await sentinel(all.last!); // the next hourly poll: nothing new was raised
    expect(next.indicators).toEqual([]);
  }, 120_000);

  it('refuses a client without a key (401, a TAXII error message)', async () => {
    const { status, body } = JSON.parse(await python('unauthorized', `${url}/taxii2/`)) as {
      status: number;
      body: Record<string, string>;
    };
    expect(status).toBe(401);
    expect(body).toMatchObject({ title: 'Unauthorized', http_status: '401', error_code: 'unauthorized' });
  });
});

describe.skipIf(!HAS_CLIENT)('TAXII 2.1 over HTTP: media types, headers, filters, errors', () => {
  const root = '/taxii2/vucrawl/';
  const objects = `${root}collections/${factUuid('taxii-collection', 'host-pairs')}/objects/`;

  it('answers application/taxii+json;version=2.1 with the date headers of the page and a next token', async () => {
    const r = await get(`${objects}?limit=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(TAXII_MEDIA_TYPE);
    const body = (await r.json()) as { more: boolean; next: string; objects: { id: string }[] };
    expect(body.more).toBe(true);
    expect(body.objects.length).toBe(2);
    const m = (await (
      await get(`${root}collections/${factUuid('taxii-collection', 'host-pairs')}/manifest/?limit=2`)
    ).json()) as {
      objects: { date_added: string }[];
    };
    expect(r.headers.get('x-taxii-date-added-first')).toBe(m.objects[0]!.date_added);
    expect(r.headers.get('x-taxii-date-added-last')).toBe(m.objects[1]!.date_added);
    // The next page continues after the last object; a token is only good for its own request.
    const next = (await (await get(`${objects}?limit=2&next=${body.next}`)).json()) as { objects: { id: string }[] };
    expect(next.objects.map((o) => o.id)).not.toContain(body.objects[1]!.id);
    const wrong = await get(`${objects}?limit=2&match[type]=relationship&next=${body.next}`);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ title: 'Bad Request', http_status: '400' });
  });

  it('filters by match[type], match[id], match[version]; serves one object and its versions', async () => {
    const rel = pair('www.shop.test', 'cdn.jquery-stats.test', 'script.src');
    const types = (await (await get(`${objects}?match[type]=relationship`)).json()) as { objects: { type: string }[] };
    expect(new Set(types.objects.map((o) => o.type))).toEqual(new Set(['relationship']));
    const byId = (await (await get(`${objects}?match[id]=${rel},${domain('evil.test')}`)).json()) as {
      objects: { id: string; modified: string }[];
    };
    expect(byId.objects.map((o) => o.id).sort()).toEqual([rel, domain('evil.test')].sort());
    const modified = byId.objects.find((o) => o.id === rel)!.modified;
    for (const v of ['first', 'last', 'all', modified]) {
      const r = (await (await get(`${objects}?match[id]=${rel}&match[version]=${v}`)).json()) as { objects: unknown[] };
      expect(r.objects.length, v).toBe(1);
    }
    const none = (await (await get(`${objects}?match[id]=${rel}&match[version]=2000-01-01T00:00:00.000Z`)).json()) as {
      objects: unknown[];
    };
    expect(none.objects).toEqual([]);
    const one = (await (await get(`${objects}${rel}/`)).json()) as { objects: { id: string }[] };
    expect(one.objects.map((o) => o.id)).toEqual([rel]);
    expect(await (await get(`${objects}${rel}/versions/`)).json()).toEqual({ more: false, versions: [modified] });
    expect((await get(`${objects}${factId('relationship', 'nothing')}/`)).status).toBe(404);
  });

  it('answers 406 to an Accept it cannot meet, and every error as a TAXII error message', async () => {
    const r = await get(root, { accept: 'application/json' });
    expect(r.status).toBe(406);
    expect(r.headers.get('content-type')).toBe(TAXII_MEDIA_TYPE);
    expect(await r.json()).toMatchObject({ title: 'Not Acceptable', http_status: '406' });
    for (const accept of ['application/taxii+json', '*/*', 'application/taxii+json;version=2.1'])
      expect((await get(root, { accept })).status, accept).toBe(200);
    expect((await get(root, { accept: 'application/taxii+json;version=2.0' })).status).toBe(406);
    const missing = await get(`${root}collections/${factUuid('taxii-collection', 'nothing')}/`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ title: 'Not Found', http_status: '404' });
    expect((await get(`${objects}?added_after=yesterday`)).status).toBe(400);
    expect((await get(`${objects}?unknown=1`)).status).toBe(400);
    for (const p of ['/taxii2/elsewhere/', '/taxii2', '/taxii2/vucrawl']) {
      const noRoute = await get(p);
      expect([noRoute.status, ((await noRoute.json()) as { http_status: string }).http_status], p).toEqual([
        404,
        '404',
      ]);
    }
    // Read-only: no route writes (404, in TAXII's shape, whatever the body).
    for (const [method, p] of [
      ['POST', objects],
      ['DELETE', `${objects}${pair('www.shop.test', 'evil.test', 'script.src')}/`],
    ] as const) {
      const w = await fetch(`${url}${p}`, {
        method,
        headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': TAXII_MEDIA_TYPE },
        body: method === 'POST' ? '{"objects":[]}' : undefined,
      });
      expect([method, w.status]).toEqual([method, 404]);
      expect(w.headers.get('content-type')).toBe(TAXII_MEDIA_TYPE);
    }
    // A key the server does not know, as Bearer or as Basic's password.
    const basic = `Basic ${Buffer.from('user:not-a-known-key-0123456789').toString('base64')}`;
    for (const authorization of [`Bearer not-a-known-key-0123456789`, basic]) {
      const u = await get(root, { authorization });
      expect(u.status).toBe(401);
      expect(u.headers.get('www-authenticate')).toContain('Basic');
    }
    // Basic is for TAXII routes only: the rest of the API takes Bearer.
    const api = await fetch(`${url}/api/v1/alerts`, {
      headers: { authorization: `Basic ${Buffer.from(`user:${KEYS.read}`).toString('base64')}` },
    });
    expect(api.status).toBe(401);
  });

  it('answers hostile parameters with 200, 400 or 404, never a server fault', async () => {
    const payloads = ["'", "' OR '1'='1", 'x\\', '\u0000', '{v:String}', 'ünï ✓', 'a'.repeat(3000), '%FF%FE'];
    for (const p of payloads) {
      const v = p.startsWith('%') ? p : encodeURIComponent(p);
      for (const q of [
        'added_after',
        'match[id]',
        'match[type]',
        'match[version]',
        'match[spec_version]',
        'next',
        'limit',
      ]) {
        const r = await get(`${objects}?${q}=${v}`);
        expect([200, 400], `${q}=${p.slice(0, 20)}`).toContain(r.status);
        expect(r.headers.get('content-type')).toBe(TAXII_MEDIA_TYPE);
      }
      for (const path of [`${root}collections/${v}/`, `${objects}${v}/`]) {
        const r = await get(path);
        expect([400, 404], path.slice(0, 80)).toContain(r.status);
      }
    }
  });

  it('lists the TAXII routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    };
    const objectsDoc = doc.paths['/taxii2/vucrawl/collections/{id}/objects/']!.get;
    expect(Object.keys(objectsDoc.responses['200']!.content)).toEqual([TAXII_MEDIA_TYPE]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/taxii2/',
        '/taxii2/vucrawl/',
        '/taxii2/vucrawl/collections/',
        '/taxii2/vucrawl/collections/{id}/',
        '/taxii2/vucrawl/collections/{id}/objects/',
        '/taxii2/vucrawl/collections/{id}/manifest/',
        '/taxii2/vucrawl/collections/{id}/objects/{object_id}/',
        '/taxii2/vucrawl/collections/{id}/objects/{object_id}/versions/',
      ]),
    );
  });
});
