// The report for people, end to end: a store filled by `vucrawl demo` (the bundled test
// internet, screenshots on) with a project and a watch that raises alerts; `vucrawl report`
// (the built CLI) writes the page; real Chromium opens it from file:// and records every
// request, console message and page error: nothing but the file itself is requested and
// nothing complains. What the page names (host pairs, trackers, components, alerts,
// pages) is compared with SQL on the same store. Then GET /ui/report of `vucrawl serve`
// with API keys: 401 without a key, the same page with one, opened in Chromium under the
// server's own Content-Security-Policy.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import { CLI, runCli as vucrawl, serve } from './helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-report-'));
const store = ['--data', path.join(dir, 'data')];
const out = path.join(dir, 'out');
const reportFile = path.join(dir, 'report.html');
const READ_KEY = 'report-reader-0123456789abcdef';
let browser: Browser;

const run = async (args: string[]) => {
  const r = await vucrawl([...args, ...store]);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
};
const sql = async <T>(query: string): Promise<T[]> =>
  (await run(['sql', query, '--json']))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
const sorted = (xs: string[]) => [...new Set(xs)].sort();

interface Opened {
  page: Page;
  requests: string[];
  problems: string[];
}

/** A page that records every request it makes and every error it reports, with the network refused. */
async function openRecorded(url: string, headers: Record<string, string> = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: headers });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  // Only the report's own address may load; anything else would be a leak (and is refused).
  await context.route('**/*', (r) => (r.request().url() === url ? r.continue() : r.abort()));
  page.on('request', (r) => {
    if (!r.url().startsWith('data:')) requests.push(r.url());
  });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, problems };
}

/** The text of the first node of each cell of a section's table (a "new" badge after it left out). */
const column = (page: Page, table: string, n: number) =>
  page.$$eval(`${table} tbody tr td:nth-child(${n})`, (tds) =>
    tds.map((td) => td.firstChild?.textContent?.trim() ?? ''),
  );

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  await run(['project', 'create', 'demo', '--tag', 'brand']);
  await run(['project', 'add', 'demo', 'www.shop.test']);
  await run(['project', 'add', 'demo', 'GTM-ABCD123', '--kind', 'tracker']);
  await run(['watch', 'add', 'hotlinks', '--when', 'new-parent:@demo']);
  await run(['demo', '--out', out, '--screenshots']);
  await run(['report', '--project', 'demo', '--since', '7d', '--screenshot-dir', out, '--out', reportFile]);
  browser = await chromium.launch({ executablePath: findBrowserBinary('headless-shell').executablePath });
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

describe('vucrawl report', () => {
  it('opens offline in Chromium: no request but the file, no script or console error, the SVG well-formed, printable', async () => {
    const url = pathToFileURL(reportFile).href;
    const { page, requests, problems } = await openRecorded(url);
    try {
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      // The graph parses as XML on its own (well-formed SVG), and the screenshots decoded.
      // (Strings: this project's TypeScript has no DOM types.)
      const svg = (await page.evaluate(`(() => {
        const s = document.querySelector('figure.graph > svg');
        const doc = new DOMParser().parseFromString(s.outerHTML, 'image/svg+xml');
        return { errors: doc.getElementsByTagName('parsererror').length, circles: s.querySelectorAll('circle').length };
      })()`)) as { errors: number; circles: number };
      expect(svg.errors).toBe(0);
      expect(svg.circles).toBeGreaterThan(2);
      const images = (await page.evaluate(
        `[...document.querySelectorAll('#screenshots img')].map((i) => ({ src: i.src.slice(0, 23), w: i.naturalWidth }))`,
      )) as { src: string; w: number }[];
      expect(images.length).toBeGreaterThan(0);
      for (const i of images) {
        expect(i.src).toBe('data:image/jpeg;base64,');
        expect(i.w).toBeGreaterThan(100);
        expect(i.w).toBeLessThanOrEqual(480);
      }
      expect(await page.$$eval('script, link, iframe', (x) => x.length)).toBe(0);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.context().close();
    }
  });

  it("names the project's host pairs, trackers, components, alerts and pages that SQL finds in the store", async () => {
    const { page } = await openRecorded(pathToFileURL(reportFile).href);
    try {
      // The project's hosts: its host, and those that carried its tracker ID.
      const hosts = sorted([
        'www.shop.test',
        ...(await sql<{ host: string }>("SELECT DISTINCT host FROM vucrawl.trackers WHERE value = 'GTM-ABCD123'")).map(
          (r) => r.host,
        ),
      ]);
      expect(hosts.length).toBeGreaterThan(1);
      expect((await page.textContent('header dl'))!).toContain(hosts.join(', '));
      const list = `[${hosts.map((h) => `'${h}'`).join(',')}]`;

      const pairs = await sql<{ p: string }>(
        `SELECT DISTINCT concat(parent_host, ' ', child_host, ' ', cause) AS p FROM vucrawl.host_pairs WHERE has(${list}, parent_host) OR has(${list}, child_host)`,
      );
      const shown = await page.$$eval('#graph table tbody tr', (trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td')]
            .slice(0, 3)
            .map((td) => td.firstChild?.textContent?.trim())
            .join(' '),
        ),
      );
      expect(pairs.length).toBeGreaterThan(3);
      expect(sorted(shown)).toEqual(sorted(pairs.map((r) => r.p)));

      const trackers = await sql<{ value: string }>(
        `SELECT DISTINCT value FROM vucrawl.trackers WHERE has(${list}, host)`,
      );
      expect(trackers.map((t) => t.value)).toContain('GTM-ABCD123');
      expect(sorted(await column(page, '#trackers', 1))).toEqual(sorted(trackers.map((t) => t.value)));

      const components = await sql<{ c: string }>(
        `SELECT DISTINCT concat(name, ' ', ifNull(version, '')) AS c FROM vucrawl.components WHERE has(${list}, host)`,
      );
      const names = await column(page, '#components', 1);
      const versions = await page.$$eval('#components tbody tr td:nth-child(2)', (tds) =>
        tds.map((td) => (td.textContent === '—' ? '' : (td.textContent ?? ''))),
      );
      expect(components.length).toBeGreaterThan(0);
      expect(sorted(names.map((n, i) => `${n} ${versions[i]}`))).toEqual(sorted(components.map((c) => c.c)));

      const alerts = await sql<{ subject: string; rule: string }>('SELECT DISTINCT subject, rule FROM vucrawl.alerts');
      expect(alerts.length).toBeGreaterThan(0);
      expect(sorted(await column(page, '#alerts', 4))).toEqual(sorted(alerts.map((a) => a.subject)));
      expect(await page.textContent('#alerts')).toContain('new-parent:@demo');

      const [visits] = await sql<{ n: string }>(`SELECT count() AS n FROM vucrawl.pages WHERE has(${list}, host)`);
      expect(await page.textContent('#evidence h2')).toBe(`Evidence: pages visited (${Number(visits!.n)})`);
      // Every fact is new: the store saw nothing before this window.
      expect(
        await page.$$eval('#changes > table:first-of-type tbody tr td:nth-child(4)', (tds) =>
          tds.map((t) => t.textContent),
        ),
      ).toEqual(['0', '0', '0', '0']);
      // Evidence links lead to the crawled pages, without a referrer, and nothing followed them.
      const links = await page.$$eval('a[href]', (as) =>
        as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]),
      );
      expect(links.length).toBeGreaterThan(5);
      for (const [href, rel] of links) {
        expect(href).toMatch(/^https?:\/\//);
        expect(rel).toBe('noreferrer noopener');
      }
    } finally {
      await page.context().close();
    }
  });

  it("a monitor's report: the hosts of its URLs, and its own alerts only (the watch's are not)", async () => {
    await run([
      'monitor',
      'add',
      'shop',
      '--url',
      'https://www.shop.test/',
      '--every',
      '6h',
      '--alert',
      'new-child-host:script.src',
    ]);
    const file = path.join(dir, 'monitor.html');
    await run(['report', '--monitor', 'shop', '--out', file]);
    const { page, problems } = await openRecorded(pathToFileURL(file).href);
    try {
      expect(problems).toEqual([]);
      expect(await page.textContent('h1')).toBe('vucrawl report: monitor shop');
      expect(await page.textContent('header dl')).toContain('https://www.shop.test/');
      const pairs = await sql<{ n: string }>(
        "SELECT count(DISTINCT parent_host, child_host, cause) AS n FROM vucrawl.host_pairs WHERE parent_host = 'www.shop.test' OR child_host = 'www.shop.test'",
      );
      expect(await page.$$eval('#graph table tbody tr', (trs) => trs.length)).toBe(Number(pairs[0]!.n));
      expect(await page.textContent('#alerts')).toContain('No alert was raised in the window.');
    } finally {
      await page.context().close();
    }
  });

  it('refuses a missing or double scope, an unknown project and a bad window, saying why', async () => {
    const bad = async (args: string[], code: number, message: RegExp) => {
      const r = await vucrawl(['report', ...args, ...store]);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
    };
    await bad([], 2, /exactly one of --project, --monitor or --host/);
    await bad(['--project', 'demo', '--host', 'www.shop.test'], 2, /exactly one/);
    await bad(['--host', 'www.shop.test', '--since', 'last week'], 2, /--since needs a duration/);
    await bad(['--project', 'nope'], 1, /no project "nope"/);
    await bad(['--monitor', 'nope'], 1, /no monitor "nope"/);
  });

  it('GET /ui/report of vucrawl serve: 401 without a key; with one, the same report, loading nothing under its own CSP', async () => {
    const keys = path.join(dir, 'keys');
    writeFileSync(keys, `read ${READ_KEY}\n`);
    const server = await serve([
      ...store,
      '--api-keys',
      keys,
      '--screenshot-dir',
      out,
      '--crawl-dir',
      path.join(dir, 'crawls'),
    ]);
    try {
      const url = `${server.url}/ui/report?project=demo&since=7d`;
      const refused = await fetch(url);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const auth = { authorization: `Bearer ${READ_KEY}` };
      const r = await fetch(url, { headers: auth });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
      const html = await r.text();
      // The same report as the file but for the times it was made at.
      const times = (s: string) => s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'T');
      expect(times(html)).toBe(times(readFileSync(reportFile, 'utf8')));

      const hostile = await fetch(`${server.url}/ui/report?host=${encodeURIComponent('<script>x')}`, { headers: auth });
      expect(hostile.status).toBe(400);
      expect(((await hostile.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      expect((await fetch(`${server.url}/ui/report?project=nope`, { headers: auth })).status).toBe(404);
      expect((await fetch(`${server.url}/ui/report?host=www.shop.test&since=soon`, { headers: auth })).status).toBe(
        400,
      );

      const { page, requests, problems } = await openRecorded(url, auth);
      try {
        expect(requests).toEqual([url]);
        expect(problems).toEqual([]);
        expect(await page.$$eval('#screenshots img', (i) => i.length)).toBeGreaterThan(0);
      } finally {
        await page.context().close();
      }
    } finally {
      await server.stop();
    }
  });
  // Last: it crawls the demo a second time, which the tests above must not see.
  it('marks as new only what was first seen in the window: after a second crawl, a window between the two shows what recurred as seen before', async () => {
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 1100));
    await run(['demo', '--out', path.join(dir, 'out2')]);
    const file = path.join(dir, 'second.html');
    await run(['report', '--project', 'demo', '--since', between, '--out', file]);
    const { page, problems } = await openRecorded(pathToFileURL(file).href);
    try {
      expect(problems).toEqual([]);
      const hosts = sorted([
        'www.shop.test',
        ...(await sql<{ host: string }>("SELECT DISTINCT host FROM vucrawl.trackers WHERE value = 'GTM-ABCD123'")).map(
          (r) => r.host,
        ),
      ]);
      const list = `[${hosts.map((h) => `'${h}'`).join(',')}]`;
      const t = `parseDateTime64BestEffort('${between}', 3)`;
      const [pairs] = await sql<{ seen: string; fresh: string }>(
        `SELECT count() AS seen, countIf(f >= ${t}) AS fresh FROM (SELECT min(observed_at) AS f, max(observed_at) AS l
        FROM vucrawl.host_pairs WHERE has(${list}, parent_host) OR has(${list}, child_host) GROUP BY parent_host, child_host, cause) WHERE l >= ${t}`,
      );
      const row = await page.$$eval('#changes > table:first-of-type tbody tr:nth-child(2) td', (tds) =>
        tds.map((td) => td.textContent),
      );
      expect(row).toEqual([
        'host pairs',
        String(Number(pairs!.seen)),
        String(Number(pairs!.fresh)),
        String(Number(pairs!.seen) - Number(pairs!.fresh)),
      ]);
      // The second crawl found the shop's pairs again: seen before, not new.
      expect(Number(pairs!.seen) - Number(pairs!.fresh)).toBeGreaterThan(3);
      // The watch raised each fact once, on the first crawl: before this window.
      expect(await page.textContent('#alerts')).toContain('No alert was raised in the window.');
      const [visits] = await sql<{ n: string }>(
        `SELECT count() AS n FROM vucrawl.pages WHERE has(${list}, host) AND observed_at >= ${t}`,
      );
      expect(await page.textContent('#evidence h2')).toBe(`Evidence: pages visited (${Number(visits!.n)})`);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
