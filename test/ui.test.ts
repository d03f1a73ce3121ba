// The web UI in real Chromium (the crawler's own binary), over a store filled by a real
// crawl of the test internet, hostile pages included: search, result pages, the host-pair
// graph read from its model (not its pixels) and clicked, the capture page; every view of
// the XSS scenario's data with no payload run and no dialog opened; and not one
// Content-Security-Policy violation, Cytoscape included.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import { XSS_PAYLOADS } from '../internet/scenarios/xss.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import { crawledStore, KEYS, testApp, type CrawledStore, type TestApp } from './helpers/api.js';

const DB = 'ui';
const dataDir = mkdtempSync(path.join(tmpdir(), 'vucrawl-ui-'));
let net: TestInternet;
let crawled: CrawledStore;
let api: TestApp;
let url: string;
let browser: Browser;

beforeAll(async () => {
  net = await startTestInternet();
  crawled = await crawledStore(
    net,
    ['shop', 'trackers', 'redirect-chain', 'cookies-https', 'xss'].map((n) => scenarioSeeds[n]!),
    dataDir,
    DB,
  );
  api = await testApp(crawled.opened, net, path.join(dataDir, 'crawls'), { openReads: true });
  url = await api.listen();
  browser = await chromium.launch({ executablePath: findBrowserBinary('headless-shell').executablePath });
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await crawled?.store.close();
  await net?.close();
});

interface Watched {
  page: Page;
  pwned: () => Promise<string[]>;
  dialogs: string[];
  problems: string[];
}

/** A page with the payloads' hook recorded (window.__pwned), and dialogs, page errors and console errors (CSP violations among them) collected. */
async function watchedPage(): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Injected by the browser itself: the page's CSP does not apply to it.
  await page.addInitScript(
    'window.__pwnedCalls = []; window.__pwned = (where) => window.__pwnedCalls.push(String(where)); window.alert = (m) => window.__pwned("alert " + m);',
  );
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return { page, dialogs, problems, pwned: () => page.evaluate('window.__pwnedCalls') as Promise<string[]> };
}

/** Opens a view and waits until the UI says it is drawn. */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${url}/${hash}`);
  await ready(page, hash);
}
const ready = (page: Page, hash: string) =>
  page.waitForSelector(`body[data-ready=${JSON.stringify(hash)}]`, { state: 'attached', timeout: 20_000 });
const cells = (page: Page, table: number, column: number) =>
  page.locator(`main table >> nth=${table}`).locator(`tbody tr td:nth-child(${column})`).allTextContents();

interface GraphModel {
  nodes: { id: string; kind: string; value: string; label: string }[];
  edges: { source: string; target: string; relation: string; kind: string; colour: string }[];
}
const graphModel = (page: Page) => page.evaluate('window.__vucrawl.graph()') as Promise<GraphModel>;

describe('the web UI', () => {
  it('searches a host and shows its related hosts with first and last seen and counts; a host link pivots', async () => {
    const w = await watchedPage();
    try {
      await open(w.page, '#/');
      await w.page.fill('#q', 'WWW.SHOP.TEST');
      await w.page.press('#q', 'Enter');
      await ready(w.page, `#/i/${encodeURIComponent('WWW.SHOP.TEST')}`);
      expect(await w.page.locator('main h1').textContent()).toBe('www.shop.test');
      const want = (await (await fetch(`${url}/api/v1/indicator/www.shop.test`)).json()) as {
        hosts: { host: string; relation: string; first_seen: string; observations: number }[];
      };
      expect(await cells(w.page, 0, 1)).toEqual(want.hosts.map((r) => r.host));
      expect(await cells(w.page, 0, 2)).toEqual(want.hosts.map((r) => r.relation));
      expect(await cells(w.page, 0, 4)).toEqual(want.hosts.map((r) => r.first_seen));
      expect(await w.page.locator('dl.facts').first().textContent()).toContain(
        `${new Set(want.hosts.map((r) => r.host)).size} hosts, ${want.hosts.length} relations`,
      );
      await w.page
        .locator('main table')
        .first()
        .getByRole('link', { name: 'cdn.jquery-stats.test', exact: true })
        .click();
      await ready(w.page, '#/i/cdn.jquery-stats.test');
      expect(await cells(w.page, 0, 1)).toEqual(['www.shop.test', 'js.metrics-cdn.test']);
      expect(w.problems).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it("draws a host's neighbourhood: the expected nodes and edges, labelled and coloured by cause, trackers as linking nodes; clicking a node pivots", async () => {
    const w = await watchedPage();
    try {
      await open(w.page, '#/g/www.shop.test?hops=1');
      const one = await graphModel(w.page);
      const pairs = (await (await fetch(`${url}/api/v1/hosts/www.shop.test/pairs`)).json()) as {
        results: { host: string; relation: string; direction: string }[];
      };
      expect(
        one.nodes
          .filter((n) => n.kind === 'host')
          .map((n) => n.value)
          .sort(),
      ).toEqual([...new Set(['www.shop.test', ...pairs.results.map((r) => r.host)])].sort());
      const edges = (g: GraphModel) =>
        g.edges
          .filter((e) => e.kind === 'pair')
          .map((e) => `${e.source.slice(5)} ${e.relation} ${e.target.slice(5)}`)
          .sort();
      expect(edges(one)).toEqual(
        pairs.results
          .map((r) =>
            r.direction === 'parent'
              ? `${r.host} ${r.relation} www.shop.test`
              : `www.shop.test ${r.relation} ${r.host}`,
          )
          .sort(),
      );
      // One colour per cause.
      const colours = new Map(one.edges.map((e) => [e.relation, e.colour]));
      for (const e of one.edges) expect(e.colour, e.relation).toBe(colours.get(e.relation));
      expect(new Set(colours.values()).size).toBeGreaterThan(2);
      // Two hops reach the skimmer's own host.
      await open(w.page, '#/g/www.shop.test?hops=2');
      expect(edges(await graphModel(w.page))).toContain('cdn.jquery-stats.test script.src js.metrics-cdn.test');
      // Trackers link the hosts that carry them.
      await open(w.page, '#/g/www.trackers.test?hops=1');
      const trackers = await graphModel(w.page);
      expect(trackers.nodes.filter((n) => n.kind === 'tracker').map((n) => n.value)).toEqual(
        expect.arrayContaining(['GTM-ABCD123', 'UA-48213377-2']),
      );
      expect(trackers.edges).toContainEqual(
        expect.objectContaining({
          source: 'host:www.trackers.test',
          target: 'tracker:GTM-ABCD123',
          relation: 'carries',
          kind: 'tracker',
        }),
      );
      // A click on a node opens the pivot on it.
      const at = (await w.page.evaluate('window.__vucrawl.nodePosition("host:www.googletagmanager.com")')) as {
        x: number;
        y: number;
      };
      await w.page.mouse.click(at.x, at.y);
      await ready(w.page, '#/i/www.googletagmanager.com');
      expect(await w.page.locator('main h1').textContent()).toBe('www.googletagmanager.com');
      expect(w.problems).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it('shows a capture: redirect chain, requests with initiator and frame, trackers, cookies, certificate', async () => {
    const w = await watchedPage();
    try {
      const pages = (await (await fetch(`${url}/api/v1/hosts/www.shop.test/pages`)).json()) as {
        results: { capture_id: string }[];
      };
      await open(w.page, `#/c/${pages.results[0]!.capture_id}`);
      expect(await w.page.locator('ol.chain li').allTextContents()).toEqual([
        'http://go.shop-deals.test/summer-sale',
        'http://clk.shop-track.test/c?campaign=summer&dest=shop',
        'https://www.shop.test/',
      ]);
      const text = await w.page.locator('main').textContent();
      expect(text).toContain('https://cdn.jquery-stats.test/jquery-3.7.1.min.js');
      expect(text).toContain('vucrawl test internet TEST-ONLY certificate');
      expect(w.problems).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it('asks for an API key when the server needs one, and uses it', async () => {
    const keyed = await testApp(crawled.opened, net, path.join(dataDir, 'crawls-keyed'));
    const keyedUrl = await keyed.listen();
    const w = await watchedPage();
    try {
      await w.page.goto(`${keyedUrl}/#/i/www.shop.test`);
      await ready(w.page, '#/i/www.shop.test');
      expect(await w.page.locator('main .error').textContent()).toContain('needs an API key');
      await w.page.fill('#key input', KEYS.read);
      await w.page.press('#key input', 'Enter');
      await w.page.waitForSelector('main table');
      expect(await w.page.locator('main h1').textContent()).toBe('www.shop.test');
    } finally {
      await w.page.close();
      await keyed.close();
    }
  });
});

describe('hostile data in every view', () => {
  it('shows the payloads of the XSS page as text, and none of them runs', async () => {
    const w = await watchedPage();
    try {
      const pages = (await (await fetch(`${url}/api/v1/hosts/www.xss.test/pages`)).json()) as {
        results: { capture_id: string }[];
        titles: string[];
      };
      expect(pages.titles).toEqual([XSS_PAYLOADS.title]);
      const capture = pages.results[0]!.capture_id;
      const views = [
        '#/i/www.xss.test',
        '#/site/xss.test',
        '#/i/cdn.xss.test',
        '#/i/frame.xss.test',
        '#/i/links.xss.test',
        '#/h/www.xss.test',
        `#/c/${capture}`,
        '#/g/www.xss.test?hops=2',
        `#/i/${encodeURIComponent(XSS_PAYLOADS.cookieFromHttp)}`,
        `#/i/${encodeURIComponent(XSS_PAYLOADS.title)}`,
        '#/i/127.0.0.1',
      ];
      const shown: string[] = [];
      for (const v of views) {
        await open(w.page, v);
        shown.push((await w.page.locator('main').textContent()) ?? '');
        // Hovering and clicking every row's text gives an attribute payload its chance too.
        for (const cell of await w.page.locator('main td.url, main h1, main dd').all())
          await cell.hover({ timeout: 2_000 }).catch(() => undefined);
      }
      const all = shown.join('\n');
      // The markup is there, as text.
      expect(all).toContain(XSS_PAYLOADS.title);
      expect(all).toContain(XSS_PAYLOADS.cookieFromHttp);
      expect(all).toContain("http://links.xss.test/'onmouseover='__pwned(1)'");
      expect(all).toContain("http://frame.xss.test/'%3E%3Csvg%20onload=__pwned('frame')%3E");
      // The cookie's own page shows the host that set it.
      const cookieHosts = (await (
        await fetch(`${url}/api/v1/cookies/name/${encodeURIComponent(XSS_PAYLOADS.cookieFromHttp)}`)
      ).json()) as { results: { host: string }[] };
      expect(cookieHosts.results.map((r) => r.host)).toEqual(['www.xss.test']);
      // The graph of the hostile site is drawn (and its labels are canvas text).
      await open(w.page, '#/g/www.xss.test?hops=1');
      expect((await graphModel(w.page)).nodes.map((n) => n.value)).toEqual(
        expect.arrayContaining(['www.xss.test', 'cdn.xss.test', 'frame.xss.test', 'links.xss.test']),
      );
      expect(await w.page.locator('main img, main script, main svg, main iframe').count()).toBe(0);
      expect(await w.pwned()).toEqual([]);
      expect(w.dialogs).toEqual([]);
      expect(w.problems).toEqual([]);
    } finally {
      await w.page.close();
    }
  });

  it("saves a host's report for people from its page; the hostile site's report loads nothing and runs none of its payloads", async () => {
    const w = await watchedPage();
    const file = path.join(dataDir, 'xss-report.html');
    try {
      await open(w.page, '#/i/www.xss.test');
      const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#report')]);
      expect(download.suggestedFilename()).toBe('vucrawl-report-www.xss.test.html');
      await download.saveAs(file);
      expect(readFileSync(file, 'utf8')).toContain('<h1>vucrawl report: host www.xss.test</h1>');
      expect(w.problems).toEqual([]);
    } finally {
      await w.page.close();
    }
    const r = await watchedPage();
    try {
      const requests: string[] = [];
      r.page.on('request', (q) => requests.push(q.url()));
      await r.page.goto(pathToFileURL(file).href);
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(await r.page.locator('#graph svg circle').count()).toBeGreaterThan(1);
      expect(await r.pwned()).toEqual([]);
      expect(r.dialogs).toEqual([]);
      expect(r.problems).toEqual([]);
    } finally {
      await r.page.close();
    }
  });

  it('sends the strict policy with the page, and the UI needs nothing it forbids', async () => {
    const r = await fetch(`${url}/`);
    expect(r.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'self'; style-src 'self';/,
    );
    const html = await r.text();
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|\son[a-z]+=|style=/i);
  });
});
