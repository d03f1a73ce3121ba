// A brand run end to end: `vucrawl brand run --once` as operators run it (a child process
// with real Chromium) for the test brand Acme Bank, against its look-alike sites on the test
// internet, a DNS server and an RDAP server of the test's own: each look-alike's verdict,
// exactly the listed alerts, nothing new from a second run, one alert when a site turns
// into a copy of the login; and `brand report`.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../alerting/alert.js';
import type { ImpersonationEvent } from '../extractor/events.js';
import { ACME_BANK, setAcmeUnrelated } from '../internet/server.js';
import {
  addBrandArgs,
  brandRunArgs,
  FIRST_ALERTS,
  FIRST_VERDICTS,
  ndjson,
  startBrandWorld,
  type BrandWorld,
} from './helpers/brand-world.js';
import { CLI, runCli as vucrawl } from './helpers/cli.js';

let world: BrandWorld;
const L = ACME_BANK.lookalikes;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  world = await startBrandWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('vucrawl brand run', () => {
  it("judges each look-alike, raises exactly the listed alerts once, and one when a site turns into the brand's login", async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'));
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-brands-'));
    const store = ['--data', data];
    // Its findings go to a project.
    const project = await vucrawl(['project', 'create', 'acme', ...store]);
    expect(project.code, project.stderr).toBe(0);
    const add = await vucrawl([...addBrandArgs(world), '--project', 'acme', ...store]);
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
    const judged = () =>
      ['official', 'variants'].flatMap((names) =>
        ndjson<ImpersonationEvent>(path.join(out, ACME_BANK.brand, names, 'impersonation.ndjson')),
      );
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
});
