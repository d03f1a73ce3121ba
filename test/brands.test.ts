// A brand run end to end: `vucrawl brand run --once` as operators run it (a child process
// with real Chromium) for the test brand Acme Bank, against its look-alike sites on the test
// internet, a DNS server and an RDAP server of the test's own: each look-alike's verdict,
// exactly the listed alerts, nothing new from a second run, one alert when a site turns
// into a copy of the login; the findings in the brand's project; and `brand report`.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../alerting/alert.js';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import type { ImpersonationEvent } from '../extractor/events.js';
import { ACME_BANK, setAcmeUnrelated } from '../internet/server.js';
import type { BrandVariantView, BrandView } from '../store/queries/brands.js';
import {
  brandRunArgs,
  FIRST_ALERTS,
  FIRST_VERDICTS,
  judgedIn,
  ndjson,
  startBrandWorld,
  type BrandWorld,
} from './helpers/brand-world.js';
import { CLI, serve, runCli as vucrawl } from './helpers/cli.js';

let world: BrandWorld;
const L = ACME_BANK.lookalikes;
/** The store and the output folder of the runs, which the web UI's test then shows. */
const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'));
const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-brands-'));
const store = ['--data', data];

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  world = await startBrandWorld(out);
});
afterAll(async () => {
  await world?.close();
});

describe('vucrawl brand run', () => {
  it("judges each look-alike, raises exactly the listed alerts once, and one when a site turns into the brand's login", async () => {
    // Its findings go to a project.
    const project = await vucrawl(['project', 'create', 'acme', ...store]);
    expect(project.code, project.stderr).toBe(0);
    const add = await vucrawl([...world.acme.add, '--project', 'acme', ...store]);
    expect(add.code, add.stderr).toBe(0);
    const filed = async () => {
      const r = await vucrawl(['project', 'show', 'acme', '--json', ...store]);
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries(
        r.stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { value: string; kind: string; tags: string[] })
          .map((i) => [i.value, `${i.kind} ${[...i.tags].sort().join(' ')}`]),
      );
    };
    const run = () => vucrawl([...brandRunArgs(world, out), ...store]);
    const judged = () => judgedIn<ImpersonationEvent>(out);
    const alerts = () =>
      ndjson<Alert>(path.join(out, 'alerts.ndjson'))
        .map((a) => `${a.rule} ${a.subject}`)
        .sort();
    const rdapLookups = world.rdapLookups;

    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const verdicts = Object.fromEntries(judged().map((e) => [e.domain, e.verdict]));
    expect(verdicts, JSON.stringify(judged().map((e) => [e.domain, e.score, e.reasons]))).toEqual(FIRST_VERDICTS);
    const byDomain = new Map(judged().map((e) => [e.domain, e]));
    const copy = byDomain.get(L.impersonating)!;
    expect(copy.signals).toMatchObject({
      mx: true,
      password_form: true,
      form_action_sites: ['acme-verify.test'],
      favicon_distance: 0,
      registration_age_days: 3,
    });
    expect(copy.signals.screenshot_distance).toBeLessThanOrEqual(12);
    // Its logo is the brand's, recoloured.
    expect(copy.signals.logo_distance).toBeLessThanOrEqual(12);
    expect(copy.reasons).toContain('logo_alike');
    expect(copy.registrar).toBe('Cheap Names Inc.');
    expect(byDomain.get(L.parked)!.signals.parked_markers).toContain('ns:sedoparking.com');
    expect(byDomain.get(L.cloaking)!.signals.cloaking).toBe(true);
    expect(byDomain.get(L.defensive)!.final_url).toBe(`http://${ACME_BANK.official}/`);
    // RDAP for the five look-alikes, not for the brand's own domain.
    expect(rdapLookups()).toBe(5);

    const listed = FIRST_ALERTS;
    expect(alerts()).toEqual(listed);
    const summary = JSON.parse(first.stdout.trim().split('\n')[0]!) as Record<string, unknown>;
    expect(summary).toMatchObject({ brand: ACME_BANK.brand, resolving: 6, new: 5, alerts: listed.length });

    // The impersonating and the suspicious look-alike are in the brand's project, as domains.
    expect(await filed()).toEqual({
      [L.impersonating]: `domain brand:${ACME_BANK.brand} verdict:impersonating`,
      [L.cloaking]: `domain brand:${ACME_BANK.brand} verdict:suspicious`,
    });

    // The report: every domain judged, highest score first, with its signals and registration.
    const report = await vucrawl(['brand', 'report', ACME_BANK.brand, '--json', ...store]);
    expect(report.code, report.stderr).toBe(0);
    const lines = report.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.domain).sort()).toEqual(Object.keys(verdicts).sort());
    expect(lines.map((l) => l.score)).toEqual([...lines.map((l) => l.score as number)].sort((x, y) => y - x));
    expect(lines.find((l) => l.domain === L.impersonating)).toMatchObject({
      verdict: 'impersonating',
      score: copy.score,
      signals: { mx: true, password_form: true },
      registered_at: new Date(copy.registered_at!).toISOString(),
      first_seen: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const table = await vucrawl(['brand', 'report', ACME_BANK.brand, ...store]);
    expect(table.stdout.split('\n')[0]).toMatch(/^domain\s+verdict\s+score\s+reasons\s+registered/);

    // The same sites again: nothing new, no RDAP lookup.
    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ resolving: 6, new: 0, alerts: 0 });
    expect(alerts()).toEqual(listed);
    expect(rdapLookups()).toBe(5);

    // The unrelated site turns into a copy of the login: one alert, its verdict.
    setAcmeUnrelated('impersonating');
    const third = await run();
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout.trim())).toMatchObject({ alerts: 1 });
    const raised = ndjson<Alert>(path.join(out, 'alerts.ndjson')).at(-1)!;
    expect(raised).toMatchObject({
      source_kind: 'brand',
      source: ACME_BANK.brand,
      rule: 'verdict:impersonating',
      subject: L.unrelated,
      details: { from: 'unrelated', to: 'impersonating' },
    });

    expect((await filed())[L.unrelated]).toBe(`domain brand:${ACME_BANK.brand} verdict:impersonating`);

    // The table holds the same alerts.
    const stored = await vucrawl(['alerts', '--json', ...store]);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout.trim().split('\n').length).toBe(listed.length + 1);
  }, 600_000);

  it("shows the runs' verdicts in the web UI: every domain, highest score first, sortable, with screenshots beside the brand's", async () => {
    // The store the runs above filled, served as operators serve it, the brand's screenshots from its run folder.
    const server = await serve([
      ...store,
      '--screenshot-dir',
      path.join(out, ACME_BANK.brand),
      '--crawl-dir',
      path.join(out, 'crawls'),
    ]);
    const browser: Browser = await chromium.launch({
      executablePath: findBrowserBinary('headless-shell').executablePath,
    });
    try {
      // What the runs wrote: each domain's latest verdict.
      const latest = new Map(judgedIn<ImpersonationEvent>(out).map((e) => [e.domain, e]));
      expect(latest.size).toBe(6);
      const byScore = [...latest.values()]
        .sort((x, y) => y.score - x.score || (x.domain < y.domain ? -1 : 1))
        .map((e) => e.domain);

      const api = `${server.url}/api/v1/brands`;
      const view = (await (await fetch(`${api}/${ACME_BANK.brand}/variants`)).json()) as BrandView & {
        results: BrandVariantView[];
      };
      expect(view.results.map((r) => r.domain)).toEqual(byScore);
      const unknown = await fetch(`${api}/no-such-brand/variants`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({
        error: { code: 'not_found', message: 'no brand "no-such-brand" (vucrawl brand list shows them)' },
      });

      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      const ready = (hash: string) =>
        page.waitForSelector(`body[data-ready=${JSON.stringify(hash)}]`, { state: 'attached', timeout: 20_000 });
      await page.goto(`${server.url}/#/`);
      await ready('#/');
      await page.locator('header nav').getByRole('link', { name: 'Brands' }).click();
      await ready('#/brands');
      await page.locator('main table').getByRole('link', { name: ACME_BANK.brand }).click();
      const hash = `#/brand/${ACME_BANK.brand}`;
      await ready(hash);

      // A column's cells by its header's key; the rows' domains (each row names its own).
      const column = (key: string) =>
        page.evaluate(`(() => {
          const i = [...document.querySelectorAll('#variants thead th')].findIndex((th) => th.dataset.sort === ${JSON.stringify(key)});
          return [...document.querySelectorAll('#variants tbody tr')].map((tr) => tr.children[i].textContent.trim());
        })()`) as Promise<string[]>;
      const domains = () =>
        page.evaluate("[...document.querySelectorAll('#variants tbody tr')].map((tr) => tr.dataset.domain)") as Promise<
          string[]
        >;
      expect(await domains()).toEqual(byScore);
      const scores = await column('score');
      expect(scores).toEqual(byScore.map((d) => String(latest.get(d)!.score)));
      expect(await column('verdict')).toEqual(byScore.map((d) => latest.get(d)!.verdict));
      expect(await page.locator('#variants th[data-sort=score]').getAttribute('aria-sort')).toBe('descending');
      // The copy's signals and registration, as the run found them.
      const copy = page.locator(`#variants tr[data-domain="${L.impersonating}"]`);
      expect(await copy.locator('.badge').getAttribute('class')).toBe('badge v-impersonating');
      expect(await copy.textContent()).toContain('password field');
      expect(await copy.textContent()).toContain('MX records');
      expect(await copy.textContent()).toContain(latest.get(L.impersonating)!.registrar!);

      // A click on score reverses the order; on domain, sorts by name.
      await page.locator('#variants th[data-sort=score]').click();
      expect(await column('score')).toEqual([...scores].reverse());
      expect(await page.locator('#variants th[data-sort=score]').getAttribute('aria-sort')).toBe('ascending');
      await page.locator('#variants th[data-sort=domain]').click();
      expect(await domains()).toEqual([...byScore].sort());

      // Every screenshot the API names is drawn: each row's own and the official one beside it, and the official pages'.
      const shots = view.results.flatMap((r) => [r.screenshot_sha256, r.official_screenshot_sha256]).filter(Boolean);
      expect(shots.length).toBe(2 * latest.size);
      expect(view.official.length).toBeGreaterThan(0);
      const drawn = (await page.evaluate(
        "[...document.querySelectorAll('main img')].map((i) => i.complete && i.naturalWidth)",
      )) as (number | false)[];
      expect(drawn.length).toBe(shots.length + view.official.length);
      expect(
        drawn.every((w) => typeof w === 'number' && w > 0),
        JSON.stringify(drawn),
      ).toBe(true);

      // A domain leads to the host's view; an unknown brand says so.
      await copy.getByRole('link', { name: L.impersonating }).click();
      await ready(`#/i/${L.impersonating}`);
      await page.goto(`${server.url}/#/brand/no-such-brand`);
      await ready('#/brand/no-such-brand');
      expect(await page.locator('main .error').textContent()).toContain('no brand "no-such-brand"');
      expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
    } finally {
      await browser.close();
      await server.stop();
    }
  }, 120_000);
});
