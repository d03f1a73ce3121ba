// Cloaking end to end, in real Chromium against the test internet: one comparison crawl
// (`vucrawl crawl` with compare= on each seed line, screenshots on, the embedded store)
// over every cloaking kit and every honest page that changes per visit; then what an
// analyst does with it: the cloaking events, `pivot --cloaking`, the API, the comparison
// view of the web UI, a watch on a brand's names and look-alikes, and a monitor whose page
// starts cloaking.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../alerting/alert.js';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import type { EventOf } from '../extractor/events.js';
import {
  CLOAKING_KITS,
  CONTEXT_KITS,
  forgetVisitors,
  HONEST_VARYING,
  setSwitchingKit,
  startTestInternet,
  SWITCHING_KIT,
  type TestInternet,
} from '../internet/server.js';
import { openStore, type Store } from '../store/connect.js';
import { CLI, runCli as vucrawl } from './helpers/cli.js';
import { testApp } from './helpers/api.js';

type Cloaking = EventOf<'cloaking'>;

/** Per kit: its seed line's settings and the decisive signals its comparison must name (the targeted visitor first). */
const KITS: {
  url: string;
  compare: readonly string[];
  referer?: string;
  signals: string[];
  statuses?: (number | null)[];
}[] = [
  ...Object.values(CONTEXT_KITS).map((k) => ({
    url: k.url,
    compare: k.compare,
    referer: 'referer' in k ? k.referer : undefined,
    signals: [
      'password_form',
      'form_action_sites',
      ...(k === CONTEXT_KITS.mobile ? ['final_site'] : []),
      ...(k === CONTEXT_KITS.header ? ['status'] : []),
    ],
    statuses: k === CONTEXT_KITS.header ? [200, 403] : undefined,
  })),
  // The identity kits that catch a plain scanner (its webdriver flag, its HeadlessChrome brand, its empty plugin list).
  ...[CLOAKING_KITS.webdriver, CLOAKING_KITS.secChUa, CLOAKING_KITS.plugins].map((k) => ({
    url: k.url,
    compare: ['victim'],
    signals: ['password_form', 'form_action_sites', 'script_sites'],
  })),
];
const HONEST = Object.values(HONEST_VARYING);

let net: TestInternet;
const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-cloaking-data-'));
const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-cloaking-out-'));
const store = ['--data', data];
const netFlags = () => ['--allow-private', '--ignore-https-errors', '--host-resolver-rules', net.hostResolverRules];
const read = <T>(type: string): T[] =>
  existsSync(path.join(out, `${type}.ndjson`))
    ? readFileSync(path.join(out, `${type}.ndjson`), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : [];
let crawlStderr = '';

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  net = await startTestInternet();
  forgetVisitors();
  // Watches set before the crawl: the brand's own names, and a domain whose look-alike a kit sits on.
  for (const args of [
    ['watch', 'add', 'header-kit', '--when', 'cloaking:header-kit.test'],
    ['watch', 'add', 'language-brand', '--when', 'cloaking:languagekit.test'],
    ['watch', 'add', 'unrelated', '--when', 'cloaking:unrelated-brand.test'],
  ]) {
    const r = await vucrawl([...args, ...store]);
    expect(r.code, r.stderr).toBe(0);
  }
  const seeds = path.join(out, 'seeds.txt');
  writeFileSync(
    seeds,
    `${[...KITS, ...HONEST].map((s) => [s.url, `compare=${s.compare.join(',')}`, 'referer' in s && s.referer ? `referer=${s.referer}` : ''].join(' ').trim()).join('\n')}\n`,
  );
  const r = await vucrawl([
    'crawl',
    '--seeds',
    seeds,
    '--depth',
    '0',
    '--screenshots',
    '--out',
    out,
    ...netFlags(),
    ...store,
  ]);
  expect(r.code, r.stderr).toBe(0);
  crawlStderr = r.stderr;
}, 300_000);
afterAll(async () => {
  setSwitchingKit(false);
  await net?.close();
});

describe('a comparison crawl', () => {
  it('raises exactly one cloaking event per kit, naming what differs, the targeted visitor first', () => {
    const events = read<Cloaking>('cloaking');
    for (const k of KITS) {
      const mine = events.filter((e) => e.url === k.url);
      expect(mine, `${k.url}: ${crawlStderr.slice(-2000)}`).toHaveLength(1);
      const e = mine[0]!;
      expect(e.signals, k.url).toEqual(expect.arrayContaining(k.signals));
      expect(e.password_form, k.url).toEqual([true, false]);
      expect(e.form_action_sites[0]!.length, k.url).toBe(1);
      expect(e.form_action_sites[1], k.url).toEqual([]);
      if (k.statuses) expect(e.statuses).toEqual(k.statuses);
      expect(e.profile).toBe(e.profiles[0]);
      expect(e.capture_id).toBe(e.capture_ids[0]);
      // Screenshots were on: every visit has one, and the distance says how far apart they are.
      expect(
        e.screenshot_phash.every((h) => /^[0-9a-f]{16}$/.test(h ?? '')),
        k.url,
      ).toBe(true);
      expect(e.screenshot_distance).toEqual(expect.any(Number));
    }
    const mobile = events.find((e) => e.url === CONTEXT_KITS.mobile.url)!;
    expect(mobile.final_urls[1]).toBe('http://www.parcel-news.test/');
    const header = events.find((e) => e.url === CONTEXT_KITS.header.url)!;
    expect(header.child_hosts).toEqual([
      {
        host: CONTEXT_KITS.header.dropHost,
        site: 'header-kit-collect.test',
        causes: ['form.action'],
        profiles: ['desktop-chrome-windows'],
      },
    ]);
    expect(events).toHaveLength(KITS.length);
  });

  it('raises none for honest pages that change on every visit, though their visits did differ', () => {
    const events = read<Cloaking>('cloaking');
    const pages = read<EventOf<'page'>>('page');
    for (const h of HONEST) {
      expect(
        events.filter((e) => e.url === h.url),
        h.url,
      ).toEqual([]);
      const visits = pages.filter((p) => p.url === h.url);
      expect(visits, h.url).toHaveLength(2);
      expect(new Set(visits.map((p) => p.dom_sha256)).size, `${h.url}: the two visits saw the same DOM`).toBe(2);
    }
  });

  it("carries the comparison and the profile on every visit's events", () => {
    const pages = read<EventOf<'page'>>('page');
    const pairs = read<EventOf<'host_pair'>>('host_pair');
    for (const s of [...KITS, ...HONEST]) {
      const visits = pages.filter((p) => p.url === s.url);
      const expected = s.compare.flatMap((p) => (p === 'victim' ? ['desktop-chrome-windows', 'scanner'] : [p]));
      expect(visits.map((p) => p.profile).sort(), s.url).toEqual([...expected].sort());
      expect(new Set(visits.map((p) => p.comparison_id)).size, s.url).toBe(1);
      expect(visits[0]!.comparison_id).toEqual(expect.any(String));
      for (const p of pairs.filter((x) => visits.some((v) => v.capture_id === x.capture_id)))
        expect(p.comparison_id).toBe(visits[0]!.comparison_id);
    }
  });
});

describe('what an analyst does with it', () => {
  it('pivot --cloaking lists them newest first, for a host or its site, as JSON or with each visit on its line', async () => {
    const all = await vucrawl(['pivot', '--cloaking', '--json', ...store]);
    expect(all.code, all.stderr).toBe(0);
    const rows = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Cloaking);
    expect(rows.map((r) => r.url).sort()).toEqual(KITS.map((k) => k.url).sort());
    expect(rows.map((r) => r.observed_at)).toEqual([...rows.map((r) => r.observed_at)].sort((a, b) => b - a));
    const one = await vucrawl(['pivot', '--cloaking', new URL(CONTEXT_KITS.header.url).hostname, ...store]);
    expect(one.stdout).toContain(`${CONTEXT_KITS.header.url}  differs in: status, password_form, form_action_sites`);
    expect(one.stdout).toMatch(
      / {2}desktop-chrome-windows: 200 http:\/\/secure\.header-kit\.test\/login {2}"Account" {2}\(password field; forms post to header-kit-collect\.test\)/,
    );
    expect(one.stdout).toContain('  scanner: 403 http://secure.header-kit.test/login  "403 Forbidden"');
    expect(one.stdout).toContain(`  only desktop-chrome-windows reached ${CONTEXT_KITS.header.dropHost} (form.action)`);
    const site = await vucrawl(['pivot', '--cloaking', 'other.header-kit.test', '--site', '--json', ...store]);
    expect(
      site.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Cloaking).url),
    ).toEqual([CONTEXT_KITS.header.url]);
    const none = await vucrawl(['pivot', '--cloaking', 'www.daily-courier.test', ...store]);
    expect(none.stdout).toBe('(no rows: no comparison of www.daily-courier.test found cloaking)\n');
  });

  it('a watch on a brand alerts on a kit under its names and one on a look-alike of its domain, once each', async () => {
    const listed = await vucrawl(['alerts', '--json', ...store]);
    const alerts = listed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Alert);
    expect(alerts.map((a) => [a.source, a.rule, a.subject]).sort()).toEqual([
      ['header-kit', 'cloaking:header-kit.test', 'secure.header-kit.test'],
      ['language-brand', 'cloaking:languagekit.test', 'secure.language-kit.test'],
    ]);
    expect(alerts.find((a) => a.source === 'language-brand')!.details).toMatchObject({
      variant_of: 'languagekit.test',
      profiles: 'desktop-chrome-de,desktop-chrome-windows',
    });
  });

  it('the API and the web UI show one comparison side by side: screenshots, and the host pairs only one visit had, highlighted', async () => {
    const s: Store = await openStore({ dataDir: data });
    const api = await testApp(
      { store: s, db: 'vucrawl', spillDir: path.join(data, 'spill') },
      net,
      path.join(out, 'served-crawls'),
      { openReads: true },
      [out],
    );
    const browser = await chromium.launch({ executablePath: findBrowserBinary('headless-shell').executablePath });
    try {
      const url = await api.listen();
      const list = (await (
        await fetch(`${url}/api/v1/cloaking?host=${encodeURIComponent('secure.header-kit.test')}`)
      ).json()) as { results: Cloaking[] };
      expect(list.results).toHaveLength(1);
      const event = list.results[0]!;
      const cmp = (await (await fetch(`${url}/api/v1/comparisons/${event.comparison_id}`)).json()) as {
        visits: { profile: string; only: string[]; page: { screenshot_sha256: string } }[];
        cloaking: Cloaking;
      };
      expect(cmp.cloaking.event_id).toBe(event.event_id);
      expect(cmp.visits.map((v) => [v.profile, v.only])).toEqual([
        ['desktop-chrome-windows', [CONTEXT_KITS.header.dropHost]],
        ['scanner', []],
      ]);
      const png = await fetch(`${url}/api/v1/screenshots/${cmp.visits[0]!.page.screenshot_sha256}`);
      expect([png.status, png.headers.get('content-type')]).toEqual([200, 'image/png']);
      expect(
        Buffer.from(await png.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      expect((await fetch(`${url}/api/v1/screenshots/${'0'.repeat(64)}`)).status).toBe(404);
      expect((await fetch(`${url}/api/v1/comparisons/nope`)).status).toBe(404);

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      const hash = `#/cmp/${encodeURIComponent(event.comparison_id!)}`;
      await page.goto(`${url}/${hash}`);
      await page.waitForSelector(`body[data-ready=${JSON.stringify(hash)}]`, { state: 'attached', timeout: 20_000 });
      expect(await page.locator('section.visit h2').allTextContents()).toEqual([' desktop-chrome-windows', ' scanner']);
      await page.waitForFunction(
        '[...document.querySelectorAll("img.shot")].every((i) => i.complete && i.naturalWidth > 0)',
      );
      expect(await page.locator('img.shot').count()).toBe(2);
      const graph = (await page.evaluate('window.__vucrawl.graph()')) as {
        edges: { target: string; only: string[]; width: number }[];
      };
      const drop = graph.edges.find((e) => e.target === `host:${CONTEXT_KITS.header.dropHost}`)!;
      expect(drop).toMatchObject({ only: ['desktop-chrome-windows'], width: 3.5 });
      expect(await page.locator('.error').first().textContent()).toContain(
        'Cloaking: the visits differ in status, password_form, form_action_sites',
      );
      // The list view links to it.
      await page.goto(`${url}/#/cloaking`);
      await page.waitForSelector('body[data-ready="#/cloaking"]', { state: 'attached' });
      expect(await page.locator('main tbody tr').count()).toBe(KITS.length);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await api.close();
      await s.close();
    }
  });
});

describe('the monitor rule cloaking', () => {
  it('alerts once when a page starts cloaking, not again while it goes on, and once when it stops', async () => {
    const monitors = mkdtempSync(path.join(tmpdir(), 'vucrawl-cloaking-monitor-'));
    const own = ['--data', path.join(monitors, 'data')];
    const add = await vucrawl([
      'monitor',
      'add',
      'account',
      '--url',
      SWITCHING_KIT.url,
      '--every',
      '1h',
      '--alert',
      'cloaking',
      ...own,
    ]);
    expect(add.code, add.stderr).toBe(0);
    const run = async () => {
      const r = await vucrawl([
        'monitor',
        'run',
        '--once',
        '--force',
        '--out',
        path.join(monitors, 'out'),
        ...netFlags(),
        ...own,
      ]);
      expect(r.code, r.stderr).toBe(0);
      return (await vucrawl(['alerts', '--json', ...own])).stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Alert);
    };
    setSwitchingKit(false);
    expect(await run()).toEqual([]);
    setSwitchingKit(true);
    const started = await run();
    expect(started.map((a) => [a.rule, a.subject, a.details])).toEqual([
      ['cloaking', 'cloaking started', { from: 'false', to: 'true' }],
    ]);
    expect(await run()).toHaveLength(1);
    setSwitchingKit(false);
    expect((await run()).map((a) => a.subject).sort()).toEqual(['cloaking started', 'cloaking stopped']);
  }, 240_000);
});
