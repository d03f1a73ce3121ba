// A brand run end to end: `vucrawl brand run --once` as operators run it (a child process
// with real Chromium) for the test brand Acme Bank, against its look-alike sites on the test
// internet, a DNS server and an RDAP server of the test's own: each look-alike's verdict,
// exactly the listed alerts, nothing new from a second run, one alert when a site turns
// into a copy of the login; and `brand report`.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../alerting/alert.js';
import type { ImpersonationEvent } from '../extractor/events.js';
import {
  ACME_BANK,
  ACME_BANK_DNS,
  acmeBankRegistrations,
  setAcmeUnrelated,
  startTestInternet,
  type TestInternet,
} from '../internet/server.js';
import { CLI, runCli as vucrawl } from './helpers/cli.js';
import { startDnsServer, type TestDnsServer } from './helpers/dns-server.js';
import { startRdapServer, type TestRdapServer } from './helpers/rdap-server.js';

let net: TestInternet;
let dns: TestDnsServer;
let rdap: TestRdapServer;
const now = Date.now();
const L = ACME_BANK.lookalikes;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
  net = await startTestInternet();
  dns = await startDnsServer((name, type) => ACME_BANK_DNS[name]?.[type as 'A' | 'NS' | 'MX'] ?? []);
  rdap = await startRdapServer(acmeBankRegistrations(now));
});
afterAll(async () => {
  setAcmeUnrelated('unrelated');
  await net?.close();
  await dns?.close();
  await rdap?.close();
});

const ndjson = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : [];

describe('vucrawl brand run', () => {
  it("judges each look-alike, raises exactly the listed alerts once, and one when a site turns into the brand's login", async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'));
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-brands-'));
    const bootstrap = path.join(out, 'dns.json');
    writeFileSync(bootstrap, JSON.stringify(rdap.bootstrap));
    const store = ['--data', data];
    const add = await vucrawl([
      'brand',
      'add',
      ACME_BANK.brand,
      '--domain',
      ACME_BANK.official,
      '--keyword',
      ACME_BANK.keyword,
      ...store,
    ]);
    expect(add.code, add.stderr).toBe(0);
    const run = () =>
      vucrawl([
        'brand',
        'run',
        ACME_BANK.brand,
        '--once',
        '--json',
        '--out',
        out,
        '--dns-server',
        dns.address,
        '--rdap-bootstrap',
        bootstrap,
        '--allow-private',
        '--host-resolver-rules',
        net.hostResolverRules,
        '--compare-dwell',
        '1000',
        ...store,
      ]);
    const judged = () => ndjson<ImpersonationEvent>(path.join(out, ACME_BANK.brand, 'impersonation.ndjson'));
    const alerts = () =>
      ndjson<Alert>(path.join(out, 'alerts.ndjson'))
        .map((a) => `${a.rule} ${a.subject}`)
        .sort();
    const rdapLookups = () => rdap.requests.filter((r) => r.path.startsWith('/rdap/domain/')).length;

    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const verdicts = Object.fromEntries(judged().map((e) => [e.domain, e.verdict]));
    expect(verdicts, JSON.stringify(judged().map((e) => [e.domain, e.score, e.reasons]))).toEqual({
      [ACME_BANK.official]: 'official',
      [L.impersonating]: 'impersonating',
      [L.parked]: 'parked',
      [L.defensive]: 'defensive',
      [L.unrelated]: 'unrelated',
      [L.cloaking]: 'suspicious',
    });
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
    expect(copy.registrar).toBe('Cheap Names Inc.');
    expect(byDomain.get(L.parked)!.signals.parked_markers).toContain('ns:sedoparking.com');
    expect(byDomain.get(L.cloaking)!.signals.cloaking).toBe(true);
    expect(byDomain.get(L.defensive)!.final_url).toBe(`http://${ACME_BANK.official}/`);
    // RDAP for the five look-alikes, not for the brand's own domain.
    expect(rdapLookups()).toBe(5);

    const listed = [
      ...Object.values(L).map((d) => `new-variant ${d}`),
      `verdict:impersonating ${L.impersonating}`,
      `verdict:suspicious ${L.cloaking}`,
    ].sort();
    expect(alerts()).toEqual(listed);
    const summary = JSON.parse(first.stdout.trim().split('\n')[0]!) as Record<string, unknown>;
    expect(summary).toMatchObject({ brand: ACME_BANK.brand, resolving: 6, new: 5, alerts: listed.length });

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

    // The table holds the same alerts.
    const stored = await vucrawl(['alerts', '--json', ...store]);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout.trim().split('\n').length).toBe(listed.length + 1);
  }, 600_000);
});
