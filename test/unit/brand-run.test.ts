// A brand run's parts on plain data (pipeline/brand-run.ts, alerting/brand-rules.ts,
// pipeline/comparisons.ts): the names asked, the profile with this run's official pages, a
// visit judged where its comparison's events are made (its favicon's pHash, its MX), and
// the alerts: every fact proposed by each run, one key per fact, one fact per change.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toAlert } from '../../alerting/alert.js';
import { brandFindings } from '../../alerting/brand-rules.js';
import { eventsOf } from '../../alerting/observation.js';
import type { BrandCheck, BrandProfile, PageCapture } from '../../capture/capture.js';
import { perceptualHash } from '../../crawler/phash.js';
import { toMispEvent } from '../../exchange/misp.js';
import { toStixBundle } from '../../exchange/stix.js';
import type { ImpersonationEvent, ImpersonationVerdict } from '../../extractor/events.js';
import { impersonationEvent, judgedVisit } from '../../extractor/impersonation.js';
import { brandNames, ORIGINAL, registrationsOf, withOfficialPages } from '../../pipeline/brand-run.js';
import { Comparisons } from '../../pipeline/comparisons.js';
import { parseBootstrap } from '../../seeds/rdap.js';
import { domainVariants } from '../../seeds/variants.js';
import { ACME_BANK } from '../../internet/scenarios/brand-lookalikes.js';
import { quietLog } from '../helpers/harness.js';
import { pageVisit } from '../helpers/page-visit.js';
import { startRdapServer } from '../../internet/rdap-server.js';

const BRAND: BrandProfile = {
  name: 'acme-bank',
  domains: ['acmebank.test'],
  keywords: ['AcmePay'],
  logo_phashes: [],
  screenshot_phashes: [],
  favicon_mmh3: [],
};

const LOGIN = `<html><title>Acme Bank - Sign in</title><body><h1>Welcome to Acme Bank</h1>
  <form action="https://collect.drop.test/p.php" method="post"><label>AcmePay user ID</label><input name="u">
  <input type="password" name="p"><button>Sign in</button></form></body></html>`;
const PARKED = '<html><title>For sale</title><body><h1>This domain is for sale!</h1></body></html>';
const GARDEN = '<html><title>Allotment diary</title><body><p>The courgettes have won.</p></body></html>';

const check = (domain: string, fuzzer = 'replacement', o: Partial<BrandCheck> = {}): BrandCheck => ({
  profile: BRAND,
  domain,
  fuzzer,
  mx: [],
  ns: [],
  registration: null,
  ...o,
});

function judged(domain: string, html: string, fuzzer = 'replacement'): ImpersonationEvent {
  return impersonationEvent({ check: check(domain, fuzzer), visit: pageVisit(domain, html), cloaking: false });
}

describe('the names a brand run asks', () => {
  it('are the official domains (first, as *original) and their variants, each once, none under an official domain', () => {
    const names = brandNames(['acmebank.test', 'acme.test']);
    expect(names.slice(0, 2)).toEqual([
      { domain: 'acmebank.test', fuzzer: ORIGINAL },
      { domain: 'acme.test', fuzzer: ORIGINAL },
    ]);
    const domains = names.map((n) => n.domain);
    expect(new Set(domains).size).toBe(domains.length);
    expect(domains).toContain('acmebamk.test');
    // acmebank.test is a variant of acme.test (addition) and stays official.
    expect(names.filter((n) => n.domain === 'acmebank.test')).toEqual([{ domain: 'acmebank.test', fuzzer: ORIGINAL }]);
    expect(domains.filter((d) => d.endsWith('.acme.test') || d.endsWith('.acmebank.test'))).toEqual([]);
    const variants = new Set([...domainVariants('acmebank.test'), ...domainVariants('acme.test')].map((v) => v.domain));
    expect(names.length).toBe(new Set([...variants, 'acmebank.test', 'acme.test']).size);
  });

  it("include every look-alike of the test internet's brand", () => {
    const fuzzerOf = new Map(brandNames([ACME_BANK.official]).map((n) => [n.domain, n.fuzzer]));
    expect(Object.values(ACME_BANK.lookalikes).map((d) => fuzzerOf.get(d))).toEqual([
      'homoglyph',
      'hyphenation',
      'transposition',
      'omission',
      'homoglyph',
    ]);
  });
});

describe('the registrations a brand run reads', () => {
  it('are looked up for new names and for names whose earlier lookup found nothing; kept for the others', async () => {
    const rdap = await startRdapServer({
      'acmebamk.test': { registrar: 'Cheap Names Inc.', registered: '2026-11-28T00:00:00Z' },
      'acmbank.test': { registrar: 'Garden Domains', registered: '2018-03-01T00:00:00Z' },
    });
    try {
      let bootstraps = 0;
      const o = {
        rdapBootstrap: async () => {
          bootstraps++;
          return parseBootstrap(rdap.bootstrap, 'test');
        },
      };
      const seen = new Map([
        ['acme-bank.test', { registered_at: Date.UTC(2020, 0, 1), registrar: 'Sedo Registrar' }],
        // Found nothing last time (the registry was down): asked again.
        ['acmbank.test', { registered_at: null, registrar: null }],
      ]);
      const names = ['acmebamk.test', 'acme-bank.test', 'acmbank.test', 'slow.acmebank.test'].map((domain) => ({
        domain,
      }));
      const got = await registrationsOf(names, seen, { ...o, rdap: { timeoutMs: 300 } }, quietLog);
      expect(Object.fromEntries(got)).toEqual({
        'acmebamk.test': { registered_at: Date.UTC(2026, 10, 28), registrar: 'Cheap Names Inc.' },
        'acme-bank.test': { registered_at: Date.UTC(2020, 0, 1), registrar: 'Sedo Registrar' },
        'acmbank.test': { registered_at: Date.UTC(2018, 2, 1), registrar: 'Garden Domains' },
        // Its registry does not answer in time: unknown, and the run goes on.
        'slow.acmebank.test': null,
      });
      expect(rdap.requests.map((r) => r.path).sort()).toEqual([
        '/rdap/domain/acmbank.test',
        '/rdap/domain/acmebamk.test',
        '/rdap/domain/slow.acmebank.test',
      ]);
      // Nothing to ask: the bootstrap file is not even read.
      await registrationsOf([{ domain: 'acme-bank.test' }], seen, o, quietLog);
      expect(bootstraps).toBe(1);
    } finally {
      await rdap.close();
    }
  });
});

describe('the profile a brand run judges with', () => {
  it("adds the screenshots and icons of this run's official pages to the store's", () => {
    const official = pageVisit('acmebank.test', LOGIN, {
      page: { screenshot_phash: '00000000000000ff', favicon_mmh3: 42 },
    });
    const p = withOfficialPages(
      { ...BRAND, screenshot_phashes: ['ff00000000000000'], favicon_mmh3: [7, 42] },
      eventsOf(official.events, 'page'),
    );
    expect(p.screenshot_phashes).toEqual(['00000000000000ff', 'ff00000000000000']);
    expect(p.favicon_mmh3).toEqual([7, 42]);
  });
});

describe("a visit's verdict", () => {
  it("reads its favicon's perceptual hash (the crawler's) against the logos, and its MX", async () => {
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0b4aa2' } })
      .composite([
        {
          input: await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } })
            .png()
            .toBuffer(),
          left: 8,
          top: 8,
        },
      ])
      .png()
      .toBuffer();
    const { phash } = await perceptualHash(logo);
    const brand = { ...BRAND, logo_phashes: [phash] };
    const withIcon = pageVisit('acmebamk.test', GARDEN, {
      capture: { favicon: { url: 'https://x/favicon.ico', status: 200, phash } },
    });
    const e = impersonationEvent({
      check: check('acmebamk.test', 'replacement', {
        profile: brand,
        mx: ['mx.acmebamk.test'],
        registration: { registered_at: null, registrar: 'Cheap Names Inc.' },
      }),
      visit: withIcon,
      cloaking: false,
    });
    expect(e.signals.favicon_distance).toBe(0);
    expect(e.signals.mx).toBe(true);
    expect(e.reasons).toEqual(['favicon_alike', 'mx']);
    expect(e.registrar).toBe('Cheap Names Inc.');
  });

  it("is made with a comparison's last visit, from the check its target carried; none without one or without an answer", () => {
    const visitOf = (domain: string, html: string, index: number, o: Partial<PageCapture> = {}) => {
      const v = pageVisit(domain, html, { capture: { capture_id: `cap-${domain}-${index}`, ...o } });
      const comparison = { id: `cmp-${domain}`, profiles: ['desktop-chrome-windows', 'scanner'], index };
      return { ...v, capture: { ...v.capture, target: { ...v.capture.target, comparison, brand: check(domain) } } };
    };
    const c = new Comparisons();
    const victim = visitOf('acmebamk.test', LOGIN, 0);
    expect(c.after(victim.capture, victim.events)).toEqual([]);
    const scanner = visitOf('acmebamk.test', GARDEN, 1);
    const out = c.after(scanner.capture, scanner.events);
    // The scanner was shown another page: cloaking, and the verdict counts it.
    const verdict = eventsOf(out, 'impersonation')[0]!;
    expect(eventsOf(out, 'cloaking')).toHaveLength(1);
    expect([verdict.domain, verdict.capture_id, verdict.verdict, verdict.signals.cloaking]).toEqual([
      'acmebamk.test',
      'cap-acmebamk.test-0',
      'impersonating',
      true,
    ]);
    // No answer: judged next run. No check: not a brand run's visit.
    const refused = visitOf('acmbank.test', GARDEN, 0, { outcome: 'failed' });
    expect(judgedVisit([refused], false)).toBeUndefined();
    expect(judgedVisit([pageVisit('acmbank.test', GARDEN)], false)).toBeUndefined();
  });
});

describe("a brand run's alerts", () => {
  const facts = (before: Map<string, ImpersonationVerdict>, events: ImpersonationEvent[]) =>
    brandFindings(before, events).map((f) => `${f.rule} ${f.subject}${f.scope ? ` (${f.scope})` : ''}`);
  const keys = (before: Map<string, ImpersonationVerdict>, events: ImpersonationEvent[]) =>
    brandFindings(before, events).map((f) => toAlert('brand', 'acme-bank', f, Date.now()).key);

  it('first run: each look-alike is new, an impersonating one says so too, the official domain raises nothing', () => {
    const run = [
      judged('acmebank.test', LOGIN, ORIGINAL),
      judged('acmebamk.test', LOGIN),
      judged('acme-bank.test', PARKED, 'hyphenation'),
      judged('acmbank.test', GARDEN, 'omission'),
    ];
    expect(run.map((e) => e.verdict)).toEqual(['official', 'impersonating', 'parked', 'unrelated']);
    expect(facts(new Map(), run)).toEqual([
      'new-variant acmebamk.test',
      'verdict:impersonating acmebamk.test',
      'new-variant acme-bank.test',
      'new-variant acmbank.test',
    ]);
    // The same verdicts again propose the same facts, under the same keys: delivery raises none of them again.
    const again = run.map((e) => ({ ...e, observed_at: e.observed_at + 86_400_000, score: e.score + 1 }));
    expect(keys(new Map(), again)).toEqual(keys(new Map(), run));
  });

  it('a change to impersonating is one alert; any other change is a verdict-change', () => {
    const before = new Map<string, ImpersonationVerdict>([
      ['acmbank.test', 'unrelated'],
      ['acmebamk.test', 'impersonating'],
    ]);
    const after = [judged('acmbank.test', LOGIN), judged('acmebamk.test', PARKED)];
    const found = brandFindings(before, after);
    expect(found.map((f) => [f.rule, f.subject, f.scope, f.details.from, f.details.to])).toEqual([
      ['new-variant', 'acmbank.test', '', undefined, undefined],
      ['verdict:impersonating', 'acmbank.test', '', 'unrelated', 'impersonating'],
      ['new-variant', 'acmebamk.test', '', undefined, undefined],
      ['verdict-change', 'acmebamk.test', 'impersonating -> parked', 'impersonating', 'parked'],
    ]);
    // The fact, not the run, names the alert: the same change seen by two runs has one key.
    expect(keys(before, after)).toEqual(found.map((f) => toAlert('brand', 'acme-bank', f, 2).key));
    expect(found[1]!.urls).toEqual(['https://acmbank.test/', 'https://acmbank.test/']);
  });
});

describe("a brand run's alerts in the exports", () => {
  it('are STIX indicators on the domain and MISP domain attributes, as every alert', async () => {
    const [, verdict] = brandFindings(new Map(), [judged('acmebamk.test', LOGIN)]);
    const alert = toAlert('brand', 'acme-bank', verdict!, Date.UTC(2026, 11, 1));
    const facts = {
      hostPairs: [],
      trackers: [],
      components: [],
      hostIps: [],
      certificates: [],
      resources: [],
      alerts: [alert],
    };
    const labels = { scopeKey: 'alerts', description: 'the alerts', labels: [] };
    const indicator = toStixBundle(facts, labels).objects.find((o) => o.type === 'indicator');
    expect(indicator).toMatchObject({
      name: 'verdict:impersonating: acmebamk.test',
      pattern: "[domain-name:value = 'acmebamk.test']",
    });
    expect(toMispEvent(facts, labels).Event.Attribute).toEqual([
      expect.objectContaining({ type: 'domain', value: 'acmebamk.test', to_ids: true }),
    ]);
  });
});
