// The event store with the real embedded ClickHouse engine (chDB): a crawl of the test
// internet pivoted on exactly, idempotent schema, a migration that keeps data, retried
// inserts and outage spills stored exactly once, and a clear message for a locked store.
import type { ClickHouseClient } from '@clickhouse/client';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaId, type ComponentSource, type EventOf, type VucrawlEvent } from '../extractor/events.js';
import { extractEvents } from '../extractor/extract.js';
import { openStore, type Store } from '../store/connect.js';
import {
  ClickHouseEvents,
  EVENT_STORE_DEFAULTS,
  insertBatch,
  replaySpill,
  tableOf,
  toRow,
  V1_COLUMNS,
} from '../sinks/clickhouse/event-store.js';
import { COLUMNS, TABLES } from '../store/schema/event-tables.js';
import { withEventId } from '../extractor/event-id.js';
import { lookupComponents } from '../store/queries/lookups.js';
import { readEvents } from '../store/queries/records.js';
import { addBrand, brandProfile } from '../store/queries/brands.js';
import type { TableAccess } from '../store/access.js';
import { insertRows } from '../store/direct.js';
import { pivot } from '../store/queries/pivot.js';
import {
  applySchema,
  MIGRATIONS,
  OBSERVED,
  schemaStatements,
  schemaVersion,
  SCHEMA_VERSION,
} from '../store/schema/migrations.js';
import { impersonationEvent } from './helpers/events.js';
import { crawlSeeds, quietLog } from './helpers/harness.js';
import { PNG_1x1, scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

// chDB runs one engine per process: every test here shares one data folder, each in a database of its own.
const dataDir = mkdtempSync(path.join(tmpdir(), 'vucrawl-store-'));
let store: Store;
let client: ClickHouseClient;
let net: TestInternet;
let events: VucrawlEvent[];

beforeAll(async () => {
  store = await openStore({ dataDir });
  client = store.client;
  net = await startTestInternet();
  const { captures } = await crawlSeeds(
    net,
    ['shop', 'trackers', 'cookies-https', 'media-forms'].map((n) => scenarioSeeds[n]!),
  );
  events = captures.flatMap((c) => extractEvents(c));
});
afterAll(async () => {
  await store?.close();
  await net?.close();
});

const count = async (db: string, table: string) =>
  Number(
    (
      await (
        await client.query({ query: `SELECT count() AS n FROM ${db}.${table}`, format: 'JSONEachRow' })
      ).json<{ n: string }>()
    )[0]!.n,
  );
/** A rollup's observations (distinct events since schema 5, plus the counts of rows before it). */
const sum = async (db: string, table: string) =>
  Number(
    (
      await (
        await client.query({ query: `SELECT ${OBSERVED} AS n FROM ${db}.${table}`, format: 'JSONEachRow' })
      ).json<{ n: string }>()
    )[0]!.n,
  );
const opts = { limit: 100 };
const brief = (rows: Awaited<ReturnType<typeof pivot>>) =>
  rows.map((r) => [r.kind, r.relation, r.host, r.direction, r.observations]);

/** Stores events in a database whose schema the caller applied. */
async function load(db: string, evs = events, o: Partial<typeof EVENT_STORE_DEFAULTS> = {}): Promise<ClickHouseEvents> {
  const sink = new ClickHouseEvents(
    client,
    { ...EVENT_STORE_DEFAULTS, ...o, db, spillDir: path.join(dataDir, `spill-${db}`) },
    quietLog,
  );
  await sink.write(evs);
  await sink.close();
  return sink;
}

describe('pivots over a crawl of the test internet', () => {
  beforeAll(async () => {
    await applySchema(client, 'pv');
    await load('pv');
  });

  it('stores every event once, in its table', async () => {
    for (const [table, schema] of [
      ['pages', 'page'],
      ['host_pairs', 'host_pair'],
      ['trackers', 'tracker'],
      ['resources', 'resource'],
      ['cookies', 'cookie'],
      ['host_ips', 'host_ip'],
      ['certificates', 'certificate'],
      ['components', 'component'],
    ] as const) {
      expect(await count('pv', table), table).toBe(events.filter((e) => e.schema === schemaId(schema)).length);
    }
  });

  it('a host: who leads to it and where it leads', async () => {
    expect(brief(await pivot(client, 'pv', 'cdn.jquery-stats.test', opts))).toEqual([
      ['host', 'script.src', 'www.shop.test', 'parent', 1],
      ['host', 'script.src', 'js.metrics-cdn.test', 'child', 1],
    ]);
    expect(
      brief(await pivot(client, 'pv', 'www.media.test', { ...opts, direction: 'children' }))
        .map((r) => `${r[2]} ${r[1]}`)
        .sort(),
    ).toEqual([
      'audio.media.test media.src',
      'blog.media.test a.href',
      'embed.media.test embed.src',
      'forms.media.test form.action',
      'img.media.test img.src',
      'object.media.test object.data',
      'video.media.test media.src',
      'www.media-partner.test a.href',
    ]);
    expect(await pivot(client, 'pv', 'www.media.test', { ...opts, direction: 'parents' })).toEqual([]);
  });

  it('a tracker ID, a SHA-256, a favicon hash, an IP and a cookie name', async () => {
    expect(brief(await pivot(client, 'pv', 'GTM-ABCD123', opts))).toEqual([
      ['tracker', 'GoogleTagManagerId', 'www.trackers.test', null, 2],
    ]);
    const png = createHash('sha256').update(PNG_1x1).digest('hex');
    // Every host that served those bytes, by the resource events themselves.
    const served = [
      ...new Set(events.flatMap((e) => (e.schema === 'vucrawl.resource/4' && e.sha256 === png ? [e.host] : []))),
    ].sort();
    expect(served).toEqual(
      expect.arrayContaining(['img.media.test', 'pixel.cookies.test', 'www.shop.test', 'embed.media.test']),
    );
    expect(
      brief(await pivot(client, 'pv', png, opts))
        .map((r) => r[2])
        .sort(),
    ).toEqual(served);
    expect(brief(await pivot(client, 'pv', '743163047', opts))).toEqual([
      ['favicon', 'favicon', 'www.shop.test', null, 1],
    ]);
    const ip = await pivot(client, 'pv', '127.0.0.1', opts);
    expect(ip.map((r) => r.host)).toContain('gate.cardexfil.test');
    expect(ip.every((r) => r.kind === 'ip' && r.relation === 'resolved to')).toBe(true);
    expect(brief(await pivot(client, 'pv', 'px_uid', opts))).toEqual([
      ['cookie', 'pixel.cookies.test', 'pixel.cookies.test', null, 1],
    ]);
  });

  it("a brand's profile: its definition, and the favicon and screenshot hashes of its official sites' pages", async () => {
    await applySchema(client, 'brandp');
    const shop = events.filter(
      (e): e is EventOf<'page'> => e.schema === schemaId('page') && e.host === 'www.shop.test',
    );
    // One visit with a screenshot, one of another site that must not count.
    await load('brandp', [
      ...shop,
      withEventId({ ...shop[0]!, capture_id: 'shot', screenshot_phash: '0123456789abcdef' }),
      withEventId({ ...shop[0]!, capture_id: 'other', host: 'www.notshop.test', screenshot_phash: 'fedcba9876543210' }),
    ]);
    const a: TableAccess = {
      db: 'brandp',
      rows: async (query, params) =>
        (await client.query({ query, format: 'JSONEachRow', query_params: params })).json(),
      insert: (table, rows) => insertRows(client, 'brandp', table, rows),
    };
    await addBrand(a, {
      name: 'shop',
      domains: ['shop.test'],
      keywords: ['Shop'],
      logo_files: ['shop.png'],
      logo_phashes: ['f0f0f0f0f0f0f0f0'],
      project: '',
    });
    expect(await brandProfile(a, 'shop')).toEqual({
      name: 'shop',
      domains: ['shop.test'],
      keywords: ['Shop'],
      logo_phashes: ['f0f0f0f0f0f0f0f0'],
      screenshot_phashes: ['0123456789abcdef'],
      favicon_mmh3: [743163047],
    });
    await expect(brandProfile(a, 'nope')).rejects.toThrow('no brand "nope"');
  });

  it('windows by first and last seen, and limits', async () => {
    expect(await pivot(client, 'pv', 'cdn.jquery-stats.test', { ...opts, until: '2000-01-01' })).toEqual([]);
    expect(await pivot(client, 'pv', 'cdn.jquery-stats.test', { ...opts, since: '2999-01-01' })).toEqual([]);
    expect(await pivot(client, 'pv', 'cdn.jquery-stats.test', { limit: 1, direction: 'children' })).toHaveLength(1);
  });
});

describe('rows', () => {
  it('store awkward text exactly as the event had it', async () => {
    await applySchema(client, 'text');
    const page = events.find((e) => e.schema === 'vucrawl.page/4')!;
    const odd = [
      'tab\there',
      'new\nline\r\n',
      'back\\slash \\N \\t',
      'it\'s "quoted"',
      '\\N',
      '',
      'nul\0byte',
      'ünï ✓ 𝄞',
      "['not', 'an array']",
    ];
    const pages = odd.map((title, i) => ({ ...page, capture_id: `odd-${i}`, title, redirect_chain: odd }));
    await load('text', pages);
    const stored = await (
      await client.query({
        query: 'SELECT title, redirect_chain FROM text.pages ORDER BY capture_id',
        format: 'JSONEachRow',
      })
    ).json<{ title: string; redirect_chain: string[] }>();
    expect(stored).toEqual(odd.map((title) => ({ title, redirect_chain: odd })));
  });

  it('an impersonation event comes back as it went in: its signals object, its nulls, its registration', async () => {
    await applySchema(client, 'brands');
    const written = [
      impersonationEvent('acmebamk.test'),
      impersonationEvent('acme-bank.test', {
        capture_id: 'cap-2',
        verdict: 'parked',
        score: 0,
        reasons: [],
        registered_at: null,
        registrar: null,
        signals: {
          ...impersonationEvent('x.test').signals,
          registration_age_days: null,
          parked_markers: ['ns:bodis.com'],
        },
      }),
    ].map(withEventId);
    await load('brands', written);
    expect(await readEvents(client, 'brands', 'impersonation', 'ORDER BY domain', {})).toEqual(
      [...written].sort((a, b) => a.domain.localeCompare(b.domain)),
    );
  });
});

describe('components', () => {
  const T = Date.UTC(2026, 10, 1);
  const component = (
    host: string,
    name: string,
    version: string | null,
    source: ComponentSource,
    where: string,
    at: number,
    capture: string,
  ): VucrawlEvent =>
    withEventId({
      schema: schemaId('component'),
      event_id: '',
      tags: [],
      crawl_id: 'crawl-c',
      capture_id: capture,
      page_url: `https://${host}/`,
      observed_at: at,
      profile: 'desktop',
      comparison_id: null,
      host,
      category: name === 'nginx' ? 'Server' : 'CMS',
      name,
      version,
      source,
      where,
    });
  beforeAll(async () => {
    await applySchema(client, 'comp');
    await load('comp', [
      component('www.blog.test', 'nginx', '1.25.3', 'header', 'server', T, 'c1'),
      component('www.blog.test', 'nginx', '1.25.3', 'header', 'server', T + 3_600_000, 'c2'),
      component(
        'www.blog.test',
        'WordPress',
        null,
        'request-path',
        'https://www.blog.test/wp-content/themes/t/style.css',
        T,
        'c1',
      ),
      component('www.blog.test', 'WordPress', '6.4.2', 'meta', 'generator', T, 'c1'),
      component('shop.blog.test', 'WordPress', '6.4.2', 'meta', 'generator', T, 'c3'),
      component('www.other.test', 'nginx', null, 'header', 'server', T, 'c4'),
    ]);
  });
  const brief = (rows: Awaited<ReturnType<typeof lookupComponents>>) =>
    rows.map((r) => [r.host, r.name, r.version, r.observations]);

  it('hosts running a technology (its name in any case), every version or one, with the latest evidence', async () => {
    const running = await lookupComponents(client, 'comp', 'componentHosts', { value: 'wordpress' }, opts);
    expect(brief(running)).toEqual([
      ['www.blog.test', 'WordPress', '', 1],
      ['shop.blog.test', 'WordPress', '6.4.2', 1],
      ['www.blog.test', 'WordPress', '6.4.2', 1],
    ]);
    // A version the evidence did not state is '' and still has its evidence.
    expect(running[0]).toMatchObject({
      category: 'CMS',
      source: 'request-path',
      where: 'https://www.blog.test/wp-content/themes/t/style.css',
      evidence_url: 'https://www.blog.test/',
      capture_id: 'c1',
    });
    expect(
      brief(
        await lookupComponents(
          client,
          'comp',
          'componentHosts',
          { value: 'WordPress' },
          { ...opts, filter: ['6.4.2'] },
        ),
      ),
    ).toEqual([
      ['shop.blog.test', 'WordPress', '6.4.2', 1],
      ['www.blog.test', 'WordPress', '6.4.2', 1],
    ]);
    expect(await lookupComponents(client, 'comp', 'componentHosts', { value: 'Drupal' }, opts)).toEqual([]);
  });

  it('the components of a host (or of its site), most observed first, with first and last seen', async () => {
    const of = await lookupComponents(client, 'comp', 'hostComponents', { value: 'www.blog.test' }, opts);
    expect(brief(of)).toEqual([
      ['www.blog.test', 'nginx', '1.25.3', 2],
      ['www.blog.test', 'WordPress', '', 1],
      ['www.blog.test', 'WordPress', '6.4.2', 1],
    ]);
    expect(of[0]).toMatchObject({
      category: 'Server',
      first_seen: '2026-11-01T00:00:00.000Z',
      last_seen: '2026-11-01T01:00:00.000Z',
      source: 'header',
      where: 'server',
      capture_id: 'c2',
    });
    expect(
      brief(
        await lookupComponents(
          client,
          'comp',
          'hostComponents',
          { value: 'blog.test', site: true },
          { ...opts, filter: ['CMS'] },
        ),
      )
        .map((r) => r[0])
        .sort(),
    ).toEqual(['shop.blog.test', 'www.blog.test', 'www.blog.test']);
    expect(
      await lookupComponents(
        client,
        'comp',
        'hostComponents',
        { value: 'www.blog.test' },
        { ...opts, since: T + 7_200_000 },
      ),
    ).toEqual([]);
  });
});

describe('schema', () => {
  it('on a cluster: every statement is ClickHouse SQL its parser accepts', async () => {
    const statements = schemaStatements({ db: 'vucrawl', cluster: 'crawl_cluster' });
    expect(statements.length).toBeGreaterThan(40);
    for (const query of statements) {
      // formatQuery parses without running: ON CLUSTER needs a real cluster, the grammar does not.
      const [row] = await (
        await client.query({
          query: 'SELECT formatQuery({q:String}) AS f',
          query_params: { q: query },
          format: 'JSONEachRow',
        })
      ).json<{ f: string }>();
      if (!query.startsWith('INSERT')) expect(row!.f, query).toContain('ON CLUSTER crawl_cluster');
    }
  });

  it('applying it twice changes nothing', async () => {
    expect(await applySchema(client, 'twice')).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = async () =>
      await (
        await client.query({
          query: "SELECT name, create_table_query FROM system.tables WHERE database = 'twice' ORDER BY name",
          format: 'JSONEachRow',
        })
      ).json<{ name: string }>();
    const before = await tables();
    expect(await applySchema(client, 'twice')).toEqual([]);
    expect(await tables()).toEqual(before);
    expect(await count('twice', 'schema_migrations')).toBe(MIGRATIONS.length);
  });

  it('migrates a store of the previous version and keeps its data', async () => {
    expect(await applySchema(client, 'old', 1)).toEqual([1]);
    // What a version-1 crawler stored: its rows have no event ids, tags or sites.
    // Components came with version 8.
    for (const table of new Set(events.map(tableOf).filter((t) => t !== TABLES.component))) {
      const body = events
        .filter((e) => tableOf(e) === table)
        .map((e) => JSON.stringify(V1_COLUMNS[table]!.map((c) => toRow(e)[COLUMNS[table]!.indexOf(c)])))
        .join('\n');
      await insertBatch(
        client,
        { db: 'old', retries: 0, retryBaseMs: 0 },
        table,
        body,
        `v1-${table}`,
        'JSONCompactEachRow',
        V1_COLUMNS[table],
      );
    }
    const pagesBefore = await count('old', 'pages');
    expect(await schemaVersion(client, 'old')).toBe(1);
    expect(await applySchema(client, 'old')).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(await schemaVersion(client, 'old')).toBe(SCHEMA_VERSION);
    expect(await count('old', 'pages')).toBe(pagesBefore);
    // The favicon rollup of version 2 was backfilled from the pages stored before it existed.
    expect(brief(await pivot(client, 'old', '743163047', opts))).toEqual([
      ['favicon', 'favicon', 'www.shop.test', null, 1],
    ]);
    // Version 4: plain strings, and views that still feed every rollup, on top of what was there.
    const lowCardinality = await (
      await client.query({
        query: "SELECT table, name FROM system.columns WHERE database = 'old' AND type LIKE '%LowCardinality%'",
        format: 'JSONEachRow',
      })
    ).json();
    expect(lowCardinality).toEqual([]);
    const wideAt = await (
      await client.query({
        query:
          "SELECT name, extract(create_table_query, 'min_bytes_for_wide_part = (\\d+)') AS bytes FROM system.tables WHERE database = 'old' AND engine = 'MergeTree' AND name NOT IN ('schema_migrations', 'dead_letters') ORDER BY name",
        format: 'JSONEachRow',
      })
    ).json();
    expect(wideAt.filter((t) => Object.values(TABLES).includes((t as { name: string }).name))).toEqual(
      [
        'certificates',
        'cloaking',
        'components',
        'cookies',
        'host_ips',
        'host_pairs',
        'impersonation',
        'pages',
        'resources',
        'trackers',
      ].map((name) => ({ name, bytes: String(64 << 20) })),
    );
    await load(
      'old',
      events.map((e) => withEventId({ ...e, capture_id: `again-${e.capture_id}` })),
    );
    const pairs = events.filter((e) => e.schema === 'vucrawl.host_pair/4').length;
    expect([
      await count('old', 'host_pairs'),
      await sum('old', 'host_pairs_by_child'),
      await sum('old', 'host_pairs_by_parent'),
    ]).toEqual([2 * pairs, 2 * pairs, 2 * pairs]);
    expect(brief(await pivot(client, 'old', 'cdn.jquery-stats.test', opts))).toEqual([
      ['host', 'script.src', 'www.shop.test', 'parent', 2],
      ['host', 'script.src', 'js.metrics-cdn.test', 'child', 2],
    ]);
    expect(brief(await pivot(client, 'old', '743163047', opts))).toEqual([
      ['favicon', 'favicon', 'www.shop.test', null, 2],
    ]);
  });
});

describe('exactly once', () => {
  it('an event published twice (Kafka is at-least-once) counts once in the rollups', async () => {
    await applySchema(client, 'twice_published');
    await load('twice_published');
    // The same events again, in another batch (another insert token): the raw table has both copies.
    await load('twice_published', [...events].reverse());
    const pairs = events.filter((e) => e.schema === schemaId('host_pair')).length;
    expect(await count('twice_published', 'host_pairs')).toBe(2 * pairs);
    expect([
      await sum('twice_published', 'host_pairs_by_child'),
      await sum('twice_published', 'host_pairs_by_parent'),
    ]).toEqual([pairs, pairs]);
    expect(brief(await pivot(client, 'twice_published', 'cdn.jquery-stats.test', opts))).toEqual([
      ['host', 'script.src', 'www.shop.test', 'parent', 1],
      ['host', 'script.src', 'js.metrics-cdn.test', 'child', 1],
    ]);
  });

  it('a failing insert is retried without duplicates', async () => {
    await applySchema(client, 'retry');
    const pages = events.filter((e) => e.schema === 'vucrawl.page/4');
    const body = pages.map((e) => JSON.stringify(toRow(e))).join('\n');
    // The first attempt reaches the table and then "fails" (as when the answer is lost), so it is retried.
    let calls = 0;
    const flaky = {
      exec: async (args: Parameters<ClickHouseClient['exec']>[0]) => {
        calls++;
        const r = await client.exec(args);
        if (calls === 1) throw new Error('socket hang up');
        return r;
      },
    } as unknown as ClickHouseClient;
    await insertBatch(
      flaky,
      { db: 'retry', retries: 3, retryBaseMs: 10 },
      'pages',
      body,
      'token-1',
      'JSONCompactEachRow',
    );
    expect(calls).toBe(2);
    expect(await count('retry', 'pages')).toBe(pages.length);
    // The rollups fed by the raw table saw the batch once too.
    expect(await sum('retry', 'favicon_rollup')).toBe(1);
    // The token was the insert's own: a later statement in the same session does not inherit it.
    const after = await (
      await client.query({ query: "SELECT getSetting('insert_deduplication_token') AS t", format: 'JSONEachRow' })
    ).json();
    expect(after).toEqual([{ t: '' }]);
  });

  it('an outage spills to disk and replay stores every event exactly once, even replayed twice', async () => {
    await applySchema(client, 'outage');
    const down = {
      exec: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    } as unknown as ClickHouseClient;
    const spillDir = path.join(dataDir, 'spill-outage');
    const sink = new ClickHouseEvents(
      down,
      { ...EVENT_STORE_DEFAULTS, db: 'outage', spillDir, retries: 1, retryBaseMs: 1, batchRows: 50 },
      quietLog,
    );
    await sink.write(events);
    await sink.close();
    expect(sink.spilled).toBe(events.length);
    expect(await count('outage', 'host_pairs')).toBe(0);
    const spilled = readdirSync(spillDir);
    copyFileSync(path.join(spillDir, spilled[0]!), path.join(dataDir, 'first-spill'));
    const r = await replaySpill(client, { db: 'outage', retries: 1, retryBaseMs: 10 }, spillDir, quietLog);
    expect(r).toEqual({ files: spilled.length, rows: events.length });
    expect(readdirSync(spillDir)).toEqual([]);
    // A batch replayed again (say, the process died after inserting, before deleting the file) is dropped.
    copyFileSync(path.join(dataDir, 'first-spill'), path.join(spillDir, spilled[0]!));
    await replaySpill(client, { db: 'outage', retries: 1, retryBaseMs: 10 }, spillDir, quietLog);
    for (const [table, schema] of [
      ['pages', 'page'],
      ['host_pairs', 'host_pair'],
      ['resources', 'resource'],
    ] as const) {
      expect(await count('outage', table), table).toBe(events.filter((e) => e.schema === schemaId(schema)).length);
    }
    expect(await sum('outage', 'host_pairs_by_child')).toBe(
      events.filter((e) => e.schema === 'vucrawl.host_pair/4').length,
    );
  });
});

describe('a store in use', () => {
  it('names the process that holds it and says what to do', async () => {
    const held = mkdtempSync(path.join(tmpdir(), 'vucrawl-held-'));
    const holder = spawn(process.execPath, [
      '-e',
      `import('${path.resolve('dist/store/connect.js')}').then(async (m) => { const s = await m.openStore({ dataDir: '${held}' }); console.log('open'); setTimeout(() => s.close(), 60000); });`,
    ]);
    try {
      await new Promise<void>((resolve) =>
        holder.stdout.on('data', (d) => {
          if (String(d).includes('open')) resolve();
        }),
      );
      // This process has its own store open; chDB refuses a second folder in one process, so ask a child.
      const child = spawn(process.execPath, [
        '-e',
        `import('${path.resolve('dist/store/connect.js')}').then((m) => m.openStore({ dataDir: '${held}' })).then(() => console.log('opened?!'), (e) => console.log(e.message))`,
      ]);
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      await new Promise((r) => child.on('exit', r));
      expect(out).toContain(`the store in ${held} is in use by process ${holder.pid} (`);
      expect(out).toContain('wait for it to finish, stop it, or use another folder with --data');
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.on('exit', r));
    }
  });
});
