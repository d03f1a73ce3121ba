// The impersonation rule (extractor/impersonation.ts) on plain captures: every verdict, the
// boundaries of the thresholds and of the image distances, each signal as the event keeps it.
import { describe, expect, it } from 'vitest';
import type { BrandCheck, BrandProfile } from '../../capture/capture.js';
import type { ComparedVisit } from '../../extractor/cloaking.js';
import type { ImpersonationSignals } from '../../extractor/events.js';
import { extractEvents } from '../../extractor/extract.js';
import {
  impersonationEvent,
  scoreOf,
  SCORING_RULES,
  THRESHOLDS,
  type ImpersonationInput,
} from '../../extractor/impersonation.js';
import { validateEvent } from '../../sinks/validate.js';
import { pageVisit, request, type VisitOptions } from '../helpers/page-visit.js';

const BRAND: BrandProfile = {
  name: 'Acme Bank',
  domains: ['acmebank.test'],
  keywords: ['AcmePay'],
  logo_phashes: ['f0f0f0f0f0f0f0f0'],
  screenshot_phashes: ['0123456789abcdef'],
  favicon_mmh3: [123456],
};
const VARIANT = { domain: 'acmebamk.test', fuzzer: 'replacement' };
const DAY = 86_400_000;
const AT = Date.UTC(2026, 11, 1);

/** A visit of https://acmebamk.test/ that showed `html` (and ended at final_url). */
const visit = (html: string, o: VisitOptions = {}): ComparedVisit =>
  pageVisit(VARIANT.domain, html, { at: AT, ...o, capture: { capture_id: 'cap-1', ...o.capture } });

/** What a test sets: the brand check's parts, whether the comparison found cloaking, and the images the crawler hashed. */
interface Given {
  brand?: BrandProfile;
  variant?: { domain: string; fuzzer: string };
  cloaking?: boolean;
  registration?: BrandCheck['registration'];
  dns?: { mx: string[]; ns: string[] };
  favicon_phash?: string;
  image_phashes?: string[];
}

function input(v: ComparedVisit, o: Given = {}): ImpersonationInput {
  const { domain, fuzzer } = o.variant ?? VARIANT;
  const capture = {
    ...v.capture,
    ...(o.favicon_phash && { favicon: { url: `https://${domain}/favicon.ico`, status: 200, phash: o.favicon_phash } }),
    ...(o.image_phashes && { logo_phashes: o.image_phashes }),
  };
  return {
    check: {
      profile: o.brand ?? BRAND,
      domain,
      fuzzer,
      mx: o.dns?.mx ?? [],
      ns: o.dns?.ns ?? [],
      registration: o.registration ?? null,
    },
    visit: { ...v, capture },
    cloaking: o.cloaking ?? false,
  };
}

const LOGIN = `<html><title>Acme Bank - Sign in</title><body><h1>Welcome to Acme Bank</h1>
  <form action="https://collect.drop.test/p.php" method="post"><label>AcmePay user ID</label><input name="u">
  <input type="password" name="p"><button>Sign in</button></form></body></html>`;
const NEWS = '<html><title>Acme Bank results</title><body><p>Acme Bank reported its results today.</p></body></html>';
const PLAIN_LOGIN =
  '<html><title>Members</title><body><form method="post"><input name="u"><input type="password" name="p"></form></body></html>';
const PARKED =
  '<html><title>acmebamk.test</title><body><h1>This domain is for sale!</h1><p>Related Searches: bank, loans</p></body></html>';

/** Signals with nothing found, for the score table alone. */
const NONE: ImpersonationSignals = {
  screenshot_distance: null,
  logo_distance: null,
  favicon_distance: null,
  title_hits: [],
  text_hits: [],
  form_hits: [],
  password_form: false,
  payment_form: false,
  form_action_sites: [],
  script_sites: [],
  cloaking: false,
  registration_age_days: null,
  mx: false,
  redirects_to_official: false,
  parked_markers: [],
};

describe('impersonation verdicts', () => {
  it("impersonating: the brand's login page copied, its words, a password field and a drop outside the brand", () => {
    const e = impersonationEvent(
      input(visit(LOGIN, { page: { screenshot_phash: '0123456789abcdee' } }), {
        registration: { registered_at: AT - 3 * DAY, registrar: 'Cheap Names Inc.' },
        dns: { mx: ['mx.acmebamk.test'], ns: ['ns1.host.test'] },
      }),
    );
    expect(e.verdict).toBe('impersonating');
    expect(e.signals).toEqual({
      ...NONE,
      screenshot_distance: 1,
      logo_distance: expect.any(Number),
      title_hits: ['acme bank'],
      text_hits: ['acme bank', 'acmepay'],
      form_hits: ['acmepay'],
      password_form: true,
      form_action_sites: ['drop.test'],
      registration_age_days: 3,
      mx: true,
    });
    expect(e.reasons).toEqual([
      'screenshot_alike',
      'brand_in_title',
      'brand_in_form',
      'brand_in_text',
      'password_form',
      'form_off_brand',
      'registered_30_days',
      'mx',
    ]);
    expect(e.score).toBe(35 + 15 + 15 + 10 + 15 + 5 + 15 + 10);
    expect([e.brand, e.domain, e.fuzzer, e.capture_id, e.registrar, e.registered_at]).toEqual([
      'Acme Bank',
      'acmebamk.test',
      'replacement',
      'cap-1',
      'Cheap Names Inc.',
      AT - 3 * DAY,
    ]);
    expect(validateEvent(e)).toEqual({ ok: true, event: e });
  });

  it('official: one of the brand own domains (or a host under one), whatever its page asks', () => {
    for (const domain of ['acmebank.test', 'login.AcmeBank.test']) {
      const e = impersonationEvent(input(visit(LOGIN), { variant: { domain, fuzzer: '*original' } }));
      expect([e.domain, e.verdict]).toEqual([domain.toLowerCase(), 'official']);
    }
  });

  it('defensive: the visit ended on an official domain (a redirect), though it is new and has MX', () => {
    const e = impersonationEvent(
      input(visit('<html><title>Acme Bank</title></html>', { final_url: 'https://www.acmebank.test/' }), {
        registration: { registered_at: AT, registrar: 'Brand Registrar' },
        dns: { mx: ['mx.acmebank.test'], ns: [] },
      }),
    );
    expect([e.verdict, e.signals.redirects_to_official, e.final_url]).toEqual([
      'defensive',
      true,
      'https://www.acmebank.test/',
    ]);
  });

  it("parked: a parking provider's name servers, hosts or words, without a login form", () => {
    const byNs = impersonationEvent(
      input(visit('<html><title>x</title></html>'), {
        dns: { mx: [], ns: ['NS1.SEDOPARKING.COM.', 'ns2.sedoparking.com'] },
      }),
    );
    expect([byNs.verdict, byNs.signals.parked_markers]).toEqual(['parked', ['ns:sedoparking.com']]);
    const byWords = impersonationEvent(input(visit(PARKED)));
    expect([byWords.verdict, byWords.signals.parked_markers]).toEqual([
      'parked',
      ['text:for sale', 'text:related searches'],
    ]);
    const byLander = impersonationEvent(
      input(
        visit('<html><title>x</title></html>', {
          requests: [request('https://img1.wsimg.com/parking-lander/static/js/main.js', 'script')],
        }),
      ),
    );
    expect(byLander.signals.parked_markers).toEqual(['host:img1.wsimg.com/parking-lander']);
    // Another path on the same CDN is not a lander.
    const cdn = impersonationEvent(
      input(
        visit('<html><title>x</title></html>', { requests: [request('https://img1.wsimg.com/site/a.js', 'script')] }),
      ),
    );
    expect([cdn.verdict, cdn.signals.parked_markers]).toEqual(['unrelated', []]);
  });

  it('a parking marker with a password field is not parked: the score decides', () => {
    const e = impersonationEvent(
      input(visit(LOGIN.replace('<h1>', '<p>This domain is for sale</p><h1>')), {
        dns: { mx: [], ns: ['ns1.bodis.com'] },
      }),
    );
    expect(e.signals.parked_markers).toEqual(['ns:bodis.com', 'text:for sale']);
    expect(e.verdict).toBe('impersonating');
  });

  it('unrelated: a news page naming the brand, or a login page naming no brand', () => {
    const news = impersonationEvent(input(visit(NEWS)));
    expect([news.verdict, news.score, news.reasons]).toEqual(['unrelated', 25, ['brand_in_title', 'brand_in_text']]);
    const login = impersonationEvent(input(visit(PLAIN_LOGIN)));
    expect([login.verdict, login.score, login.signals.form_action_sites]).toEqual(['unrelated', 20, ['acmebamk.test']]);
  });

  it('suspicious: a cloaking login page that names no brand, on a name registered this year', () => {
    const e = impersonationEvent(
      input(visit(PLAIN_LOGIN), { cloaking: true, registration: { registered_at: AT - 31 * DAY, registrar: null } }),
    );
    expect([e.verdict, e.score, e.signals.registration_age_days]).toEqual(['suspicious', 20 + 25 + 5, 31]);
    // One day younger, and it is past 60.
    const younger = impersonationEvent(
      input(visit(PLAIN_LOGIN), { cloaking: true, registration: { registered_at: AT - 30 * DAY, registrar: null } }),
    );
    expect([younger.verdict, younger.score]).toEqual(['impersonating', 60]);
  });

  it('words match as words, or a name run together, never inside another word', () => {
    const e = impersonationEvent(
      input(visit('<html><title>ACME-BANK online</title><body>acmebank login; acmepayments</body></html>')),
    );
    expect([e.signals.title_hits, e.signals.text_hits]).toEqual([['acme bank'], ['acme bank']]);
    const inside = impersonationEvent(
      input(visit('<html><title>purchase</title></html>'), { brand: { ...BRAND, name: 'Chase', keywords: [] } }),
    );
    expect(inside.signals.title_hits).toEqual([]);
  });

  it('image distances: screenshot to official pages, images to logos, favicon to logos or an official favicon hash', () => {
    const e = impersonationEvent(
      input(visit(NEWS, { page: { screenshot_phash: 'ffffffffffffffff', favicon_mmh3: 999 } }), {
        image_phashes: ['f0f0f0f0f0f0f0f1', '0000000000000000'],
        favicon_phash: '0f0f0f0f0f0f0f0f',
      }),
    );
    expect([e.signals.screenshot_distance, e.signals.logo_distance, e.signals.favicon_distance]).toEqual([32, 1, 64]);
    const sameIcon = impersonationEvent(input(visit(NEWS, { page: { favicon_mmh3: 123456 } })));
    expect(sameIcon.signals.favicon_distance).toBe(0);
    const unknown = impersonationEvent(input(visit(NEWS)));
    expect([
      unknown.signals.screenshot_distance,
      unknown.signals.logo_distance,
      unknown.signals.favicon_distance,
    ]).toEqual([null, null, null]);
  });

  it('scripts outside the brand and the variant count, vendors and the brand own scripts do not', () => {
    const e = impersonationEvent(
      input(
        visit(NEWS, {
          requests: [
            request('https://cdn.kit.test/k.js', 'script'),
            request('https://static.acmebank.test/app.js', 'script'),
            request('https://acmebamk.test/own.js', 'script'),
            request('https://www.googletagmanager.com/gtag/js?id=G-ABC123', 'script'),
          ],
        }),
      ),
    );
    expect(e.signals.script_sites).toEqual(['kit.test']);
  });

  it('a name that resolves but shows no page is judged on its DNS and registration alone', () => {
    const failed = visit('');
    failed.capture = {
      ...failed.capture,
      outcome: 'failed',
      status: undefined,
      error: 'net::ERR_CONNECTION_REFUSED',
      frames: [],
    };
    failed.events = extractEvents(failed.capture);
    const fresh = { registered_at: AT - 2 * DAY, registrar: 'Cheap Names Inc.' };
    const mail = impersonationEvent(input(failed, { registration: fresh, dns: { mx: ['mx.acmebamk.test'], ns: [] } }));
    expect([mail.verdict, mail.score, mail.reasons]).toEqual(['unrelated', 25, ['registered_30_days', 'mx']]);
    const parked = impersonationEvent(input(failed, { dns: { mx: [], ns: ['ns1.parkingcrew.net'] } }));
    expect([parked.verdict, parked.signals.parked_markers]).toEqual(['parked', ['ns:parkingcrew.net']]);
    expect(validateEvent(mail)).toMatchObject({ ok: true });
  });

  it('is deterministic: the same inputs give the same event and id', () => {
    const a = impersonationEvent(input(visit(LOGIN)));
    const b = impersonationEvent(input(visit(LOGIN)));
    expect(b).toEqual(a);
  });
});

describe('the score', () => {
  it('adds the points of each matching row, and the thresholds split the verdicts at their boundaries', () => {
    expect(scoreOf(NONE)).toEqual({ score: 0, reasons: [] });
    const all = SCORING_RULES.map((r) => r.name);
    expect(all).toEqual([
      'screenshot_alike',
      'logo_alike',
      'favicon_alike',
      'brand_in_title',
      'brand_in_form',
      'brand_in_text',
      'password_form',
      'payment_form',
      'form_off_brand',
      'scripts_off_brand',
      'cloaking',
      'registered_30_days',
      'registered_365_days',
      'mx',
    ]);
    expect(THRESHOLDS).toEqual({ impersonating: 60, suspicious: 30 });
    // Image distances: 12 bits is alike, 13 is not.
    expect(scoreOf({ ...NONE, screenshot_distance: 12 }).score).toBe(35);
    expect(scoreOf({ ...NONE, screenshot_distance: 13 }).score).toBe(0);
    expect(scoreOf({ ...NONE, logo_distance: 12, favicon_distance: 12 }).score).toBe(50);
    // Registration age: 30 days is fresh, 31 to 365 recent, older nothing.
    expect(scoreOf({ ...NONE, registration_age_days: 30 }).reasons).toEqual(['registered_30_days']);
    expect(scoreOf({ ...NONE, registration_age_days: 31 }).reasons).toEqual(['registered_365_days']);
    expect(scoreOf({ ...NONE, registration_age_days: 365 }).reasons).toEqual(['registered_365_days']);
    expect(scoreOf({ ...NONE, registration_age_days: 366 }).reasons).toEqual([]);
  });

  it('suspicious from 30, impersonating from 60', () => {
    const verdict = (html: string, o: Given) => {
      const e = impersonationEvent(input(visit(html), o));
      return [e.score, e.verdict];
    };
    const fresh = { registration: { registered_at: AT - DAY, registrar: null } };
    const plain = '<html><title>x</title></html>';
    // 15 + 10 = 25, then + 5 (a year old) = 30.
    expect(verdict(plain, { ...fresh, dns: { mx: ['mx.x.test'], ns: [] } })).toEqual([25, 'unrelated']);
    expect(
      verdict(plain, { cloaking: true, registration: { registered_at: AT - 100 * DAY, registrar: null } }),
    ).toEqual([30, 'suspicious']);
    // 25 (news) + 25 (cloaking) + 5 (a year) = 55; + mx = 65.
    const cloaked = { cloaking: true, registration: { registered_at: AT - 100 * DAY, registrar: null } };
    expect(verdict(NEWS, cloaked)).toEqual([55, 'suspicious']);
    expect(verdict(NEWS, { ...cloaked, dns: { mx: ['mx'], ns: [] } })).toEqual([65, 'impersonating']);
    // Exactly 60: title, form and text words, a password field, a form posting off the brand.
    expect(verdict(LOGIN.replace('Welcome to Acme Bank', 'Welcome'), {})).toEqual([60, 'impersonating']);
  });
});
