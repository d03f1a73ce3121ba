// Impersonation: is a look-alike domain of a brand pretending to be it? Judged from a
// victim's visit of the domain (its capture and events) and the brand check its target
// carried into the capture (capture/capture.ts BrandCheck: the brand, the name's DNS and
// RDAP registration, gathered by the brand run); the crawler decoded the images (the
// favicon's and the logos' pHashes are in the capture). Judged where captures become
// events (pipeline/comparisons.ts), so a fleet worker judges its visits as a local crawl
// does. Pure: the same inputs always give the same event.
//
// THE SIGNALS (the event's `signals`, each kept as data so an analyst sees why):
//   screenshot_distance  bits between the page's screenshot and the nearest official page's
//   logo_distance        bits between the page's images (its screenshot, the logos it
//                        showed: crawler/logos.ts) and the nearest brand logo
//   favicon_distance     bits between its favicon and the nearest brand logo; 0 when its
//                        Shodan hash is an official site's
//   title_hits, text_hits, form_hits  the brand's name and keywords in the title, in the
//                        text of every frame (titles included), in the forms' labels,
//                        placeholders and buttons; as whole words or a name run together
//                        ("acmebank" for "Acme Bank"), never inside a word ("chase" is not
//                        in "purchase")
//   password_form, payment_form       what it asks for
//   form_action_sites    where its forms post, outside the brand
//   script_sites         where its scripts come from, outside the brand and the variant
//                        (advertising and analytics vendors aside)
//   cloaking             its comparison crawl found cloaking
//   registration_age_days  from the RDAP registration to the visit
//   mx                   it can receive mail
//   redirects_to_official  the visit ended on an official domain
//   parked_markers       a parking provider's name servers or hosts, or a parking page's words
//
// THE SCORE is the sum of the points of the SCORING_RULES that match (one row each):
//   screenshot_alike     35  screenshot_distance <= 12 (SAME_IMAGE_BITS)
//   logo_alike           30  logo_distance <= 12
//   favicon_alike        20  favicon_distance <= 12
//   brand_in_title       15  title_hits not empty
//   brand_in_form        15  form_hits not empty
//   brand_in_text        10  text_hits not empty
//   password_form        15
//   payment_form         15
//   form_off_brand        5  form_action_sites not empty
//   scripts_off_brand     5  script_sites not empty
//   cloaking             25
//   registered_30_days   15  registration_age_days <= 30
//   registered_365_days   5  30 < registration_age_days <= 365
//   mx                   10
// THE VERDICT is the first row of VERDICT_RULES that holds:
//   official       the domain is one of the brand's (or under one)
//   defensive      the visit ended on an official domain (a registration kept from others)
//   parked         a parking marker, and no password or payment field
//   impersonating  score >= 60
//   suspicious     score >= 30
//   unrelated      otherwise
// So a copy of the brand's login page scores well past 60 on its looks alone, and without
// screenshots on its words and its password field (15 + 15 + 10 + 15 + 5 = 60); a brand name
// in a news article's title and text (25) stays unrelated; a login page that names no brand
// (20) too; a fresh registration with MX (25) needs one more signal to be suspicious.
import { hostOf, inScope, siteOf } from '../capture/url.js';
import type { BrandCheck } from '../capture/capture.js';
import { ANSWERED, pageOf, type ComparedVisit } from './cloaking.js';
import { withEventId } from './event-id.js';
import {
  envelopeOf,
  schemaId,
  type ImpersonationEvent,
  type ImpersonationSignals,
  type ImpersonationVerdict,
} from './events.js';
import { pageAsks } from './page-asks.js';
import { pageText } from './page-text.js';
import { nearestDistance, SAME_IMAGE_BITS } from './phash-distance.js';

export interface ImpersonationInput {
  /** The brand, the name visited, its DNS and registration (the target carried it into the capture). */
  check: BrandCheck;
  /** A victim's visit of the domain: its capture (its favicon's and logos' pHashes too) and events. */
  visit: ComparedVisit;
  /** Whether the visit's comparison crawl found cloaking. */
  cloaking: boolean;
}

const DAY_MS = 86_400_000;
const near = (d: number | null) => d !== null && d <= SAME_IMAGE_BITS;
const age = (s: ImpersonationSignals) => s.registration_age_days;

export interface ScoringRule {
  name: string;
  points: number;
  matches(s: ImpersonationSignals): boolean;
}

/** The points of each signal (the table in the header; docs/brands.md shows it too). */
export const SCORING_RULES: readonly ScoringRule[] = [
  { name: 'screenshot_alike', points: 35, matches: (s) => near(s.screenshot_distance) },
  { name: 'logo_alike', points: 30, matches: (s) => near(s.logo_distance) },
  { name: 'favicon_alike', points: 20, matches: (s) => near(s.favicon_distance) },
  { name: 'brand_in_title', points: 15, matches: (s) => s.title_hits.length > 0 },
  { name: 'brand_in_form', points: 15, matches: (s) => s.form_hits.length > 0 },
  { name: 'brand_in_text', points: 10, matches: (s) => s.text_hits.length > 0 },
  { name: 'password_form', points: 15, matches: (s) => s.password_form },
  { name: 'payment_form', points: 15, matches: (s) => s.payment_form },
  { name: 'form_off_brand', points: 5, matches: (s) => s.form_action_sites.length > 0 },
  { name: 'scripts_off_brand', points: 5, matches: (s) => s.script_sites.length > 0 },
  { name: 'cloaking', points: 25, matches: (s) => s.cloaking },
  { name: 'registered_30_days', points: 15, matches: (s) => age(s) !== null && age(s)! <= 30 },
  { name: 'registered_365_days', points: 5, matches: (s) => age(s) !== null && age(s)! > 30 && age(s)! <= 365 },
  { name: 'mx', points: 10, matches: (s) => s.mx },
];

/** The scores from which a variant is impersonating, or suspicious. */
export const THRESHOLDS = { impersonating: 60, suspicious: 30 } as const;

interface Judged {
  official: boolean;
  signals: ImpersonationSignals;
  score: number;
}

/** The verdicts in order of precedence: the first that holds is the verdict. */
export const VERDICT_RULES: readonly { verdict: ImpersonationVerdict; holds(j: Judged): boolean }[] = [
  { verdict: 'official', holds: (j) => j.official },
  { verdict: 'defensive', holds: (j) => j.signals.redirects_to_official },
  {
    verdict: 'parked',
    holds: (j) => j.signals.parked_markers.length > 0 && !j.signals.password_form && !j.signals.payment_form,
  },
  { verdict: 'impersonating', holds: (j) => j.score >= THRESHOLDS.impersonating },
  { verdict: 'suspicious', holds: (j) => j.score >= THRESHOLDS.suspicious },
  { verdict: 'unrelated', holds: () => true },
];

/**
 * Parking providers, by what their documentation tells a domain owner to set or what their
 * landers load: the name servers a parked domain is delegated to, and the hosts (or URL
 * prefixes) a parked page is served from or loads its lander from.
 */
export const PARKING_PROVIDERS: readonly { name: string; ns: readonly string[]; urls: readonly string[] }[] = [
  { name: 'Sedo', ns: ['sedoparking.com'], urls: ['sedoparking.com'] },
  { name: 'ParkingCrew', ns: ['parkingcrew.net'], urls: ['parkingcrew.net'] },
  { name: 'Bodis', ns: ['bodis.com'], urls: ['bodis.com'] },
  { name: 'Above.com', ns: ['above.com'], urls: ['above.com'] },
  { name: 'Afternic', ns: ['afternic.com'], urls: ['afternic.com'] },
  { name: 'Dan.com', ns: ['dan.com'], urls: ['dan.com'] },
  { name: 'HugeDomains', ns: [], urls: ['hugedomains.com'] },
  { name: 'Namecheap', ns: [], urls: ['parkingpage.namecheap.com'] },
  { name: 'GoDaddy', ns: [], urls: ['img1.wsimg.com/parking-lander'] },
];

/** What a parking page says (its visible text), each with the marker it records. */
export const PARKED_PHRASES: readonly { marker: string; pattern: RegExp }[] = [
  { marker: 'for sale', pattern: /\b(this|the) domain( name)? (\S+ )?(is|may be) for sale\b/i },
  { marker: 'buy this domain', pattern: /\bbuy this domain\b/i },
  { marker: 'parked', pattern: /\b(this domain|domain) (is |has been )?parked\b|\bparked (free|domain)\b/i },
  { marker: 'related searches', pattern: /\brelated (searches|links)\b/i },
];

/** Text as words: lower case, every run of other characters one space, padded. */
const words = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** The terms found in a text as whole words, or run together as one word ("acmebank" for "Acme Bank"). */
function hits(terms: readonly string[], text: string): string[] {
  const t = words(text);
  return terms.filter((term) => {
    const w = words(term);
    return w.trim() !== '' && (t.includes(w) || t.includes(` ${w.replace(/ /g, '')} `));
  });
}

/** Where a URL points, as host and path; undefined for what is not a URL. */
function hostPath(url: string): { host: string; path: string } | undefined {
  try {
    const u = new URL(url);
    return { host: u.hostname, path: u.pathname };
  } catch {
    return undefined; // about:blank, data: and the like name no provider
  }
}

function parkedMarkers(input: ImpersonationInput, text: string): string[] {
  const c = input.visit.capture;
  const seen = [c.final_url, ...c.requests.map((r) => r.url), ...c.frames.map((f) => f.url)].flatMap(
    (u) => hostPath(u) ?? [],
  );
  const ns = input.check.ns.map((n) => n.toLowerCase().replace(/\.$/, ''));
  const out = new Set<string>();
  for (const p of PARKING_PROVIDERS) {
    for (const name of p.ns) if (ns.some((n) => inScope(n, [name]))) out.add(`ns:${name}`);
    for (const prefix of p.urls) {
      const slash = prefix.indexOf('/');
      const [host, path] = slash < 0 ? [prefix, '/'] : [prefix.slice(0, slash), prefix.slice(slash)];
      if (seen.some((u) => inScope(u.host, [host]) && u.path.startsWith(path))) out.add(`host:${prefix}`);
    }
  }
  for (const { marker, pattern } of PARKED_PHRASES) if (pattern.test(text)) out.add(`text:${marker}`);
  return [...out].sort();
}

/** The signals of one variant's visit, as the event records them. */
export function impersonationSignals(input: ImpersonationInput): ImpersonationSignals {
  const { visit } = input;
  const { profile: brand, domain } = input.check;
  const { favicon, logo_phashes: logos = [] } = visit.capture;
  const page = pageOf(visit);
  const official = brand.domains.map((d) => d.toLowerCase());
  const offBrand = (site: string) => !inScope(site, official);
  const asks = pageAsks(visit.capture, visit.events);
  const terms = [...new Set([brand.name, ...brand.keywords].map((t) => t.toLowerCase().trim()).filter(Boolean))].sort();
  const text = pageText({ frames: visit.capture.frames });
  const own = new Set([siteOf(domain.toLowerCase()), page.site]);
  const registered = input.check.registration?.registered_at ?? null;
  return {
    screenshot_distance: page.screenshot_phash
      ? nearestDistance([page.screenshot_phash], brand.screenshot_phashes)
      : null,
    logo_distance: nearestDistance(
      [...(page.screenshot_phash ? [page.screenshot_phash] : []), ...logos],
      brand.logo_phashes,
    ),
    favicon_distance:
      page.favicon_mmh3 !== null && brand.favicon_mmh3.includes(page.favicon_mmh3)
        ? 0
        : favicon?.phash
          ? nearestDistance([favicon.phash], brand.logo_phashes)
          : null,
    title_hits: hits(terms, page.title ?? ''),
    text_hits: hits(terms, text),
    form_hits: hits(terms, asks.form_text),
    password_form: asks.password_form,
    payment_form: asks.payment_form,
    form_action_sites: asks.form_action_sites.filter(offBrand),
    script_sites: asks.script_sites.filter((s) => offBrand(s) && !own.has(s)),
    cloaking: input.cloaking,
    registration_age_days:
      registered === null ? null : Math.max(0, Math.floor((page.observed_at - registered) / DAY_MS)),
    mx: input.check.mx.length > 0,
    redirects_to_official: inScope(hostOf(page.final_url), official),
    parked_markers: parkedMarkers(input, text),
  };
}

/** The score and the rules behind it. */
export function scoreOf(signals: ImpersonationSignals): { score: number; reasons: string[] } {
  const matched = SCORING_RULES.filter((r) => r.matches(signals));
  return { score: matched.reduce((sum, r) => sum + r.points, 0), reasons: matched.map((r) => r.name) };
}

/** The impersonation event of one variant: its signals, score and verdict, in its visit's envelope. */
export function impersonationEvent(input: ImpersonationInput): ImpersonationEvent {
  const page = pageOf(input.visit);
  const signals = impersonationSignals(input);
  const { score, reasons } = scoreOf(signals);
  const { profile, fuzzer, registration } = input.check;
  const domain = input.check.domain.toLowerCase();
  const official = inScope(
    domain,
    profile.domains.map((d) => d.toLowerCase()),
  );
  const { verdict } = VERDICT_RULES.find((r) => r.holds({ official, signals, score }))!;
  return withEventId({
    schema: schemaId('impersonation'),
    ...envelopeOf(page),
    brand: profile.name,
    domain,
    fuzzer,
    final_url: page.final_url,
    verdict,
    score,
    reasons,
    signals,
    registered_at: registration?.registered_at ?? null,
    registrar: registration?.registrar ?? null,
  });
}

/**
 * A comparison's verdict, once its visits are in: the first visit (the victim's) judged
 * against the brand check its target carried; none without one, or when that visit got no
 * answer (a DNS or connection error, a timeout: the next run tries the name again).
 */
export function judgedVisit(visits: readonly ComparedVisit[], cloaking: boolean): ImpersonationEvent | undefined {
  const victim = visits[0];
  const check = victim?.capture.target.brand;
  if (!check || !ANSWERED.has(victim.capture.outcome)) return undefined;
  return impersonationEvent({ check, visit: victim, cloaking });
}
