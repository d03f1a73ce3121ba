// A brand run (docs/brands.md): for each brand, the variants of its official domains are
// resolved (NS, A, AAAA, MX); the names that resolve and no earlier run judged get their
// registration through RDAP (the others keep the one found then: registrations rarely
// change, and registries limit lookups; one not found then is asked again); every resolving name, and the official domains
// themselves, is crawled as a victim (a comparison crawl, `victim`: cloaking counts) with a
// screenshot; each visit is judged (extractor/impersonation.ts) against the brand's profile
// (its logos, the official pages the store holds and those of this run), and the verdicts
// go out as impersonation events: OUT/<brand>/impersonation.ndjson and the crawl's
// destination (the store, or Kafka). What is new against the latest verdicts the store
// holds is raised as alerts (alerting/brand-rules.ts), before the events are written, so a
// run that fails between the two raises the same facts again and delivery keeps them to one.
import type { Logger } from 'pino';
import { toAlert, type Alert } from '../alerting/alert.js';
import { brandFindings } from '../alerting/brand-rules.js';
import { eventsOf } from '../alerting/observation.js';
import { inScope } from '../capture/url.js';
import { perceptualHash } from '../crawler/phash.js';
import { VICTIM, type CrawlOptions } from '../crawler/options.js';
import { ANSWERED, type ComparedVisit } from '../extractor/cloaking.js';
import type { ImpersonationEvent, VucrawlEvent } from '../extractor/events.js';
import { faviconBytes } from '../extractor/extract.js';
import { impersonationEvent, type BrandProfile } from '../extractor/impersonation.js';
import { outPaths } from '../runtime/out-paths.js';
import { errorText } from '../runtime/errors.js';
import { lookupRegistration, type RdapBootstrap, type RdapOptions } from '../seeds/rdap.js';
import type { SeedInput } from '../seeds/seed-file.js';
import { registeredVariants, type RegisteredOptions, type RegisteredVariant } from '../seeds/variant-dns.js';
import { domainVariants, type Fuzzer } from '../seeds/variants.js';
import type { AlertDelivery } from '../sinks/alerts/delivery.js';
import { EventFiles } from '../sinks/event-files.js';
import { EventRouter } from '../sinks/event-router.js';
import type { StoreAccess } from '../store/access.js';
import { brandProfile, brandVariants, getBrand, listBrands, type BrandVariantRow } from '../store/queries/brands.js';
import { CapturedVisits } from './captured-visits.js';
import { CrawlRun, type EventDestination } from './crawl-run.js';
import { openEventOutput } from './event-output.js';

/** The fuzzer name of a brand's own domains among the names judged (dnstwist's name for the input). */
export const ORIGINAL = '*original';

export interface BrandRunOptions {
  /** The crawl's options; its dnsServer is asked for the variants too. */
  crawl: CrawlOptions;
  /** Each brand crawls into OUT/<brand>/. */
  outDir: string;
  to: EventDestination;
  /** The RDAP bootstrap, loaded once for the run when a new name needs it. */
  rdapBootstrap: () => Promise<RdapBootstrap>;
  rdap?: Partial<RdapOptions>;
  dns?: Partial<Omit<RegisteredOptions, 'dnsServer'>>;
  /** Which fuzzers make the variants (default: all). */
  fuzzers?: Fuzzer[];
}

export interface BrandRunResult {
  brand: string;
  /** Names asked (the official domains and their variants). */
  names: number;
  resolving: number;
  /** Resolving names no earlier run judged. */
  fresh: number;
  /** The verdicts of this run (names whose visit got no answer are left for the next run). */
  judged: ImpersonationEvent[];
  alerts: Alert[];
}

/** A name judged: a brand's own domain (ORIGINAL) or a variant, with its records. */
type Name = RegisteredVariant<{ domain: string; fuzzer: string }>;

/** A victim's visit of a name, and whether its comparison found cloaking. */
export interface VictimVisit extends ComparedVisit {
  cloaking: boolean;
}

/** The registration a verdict reads: from RDAP, or what an earlier run found; null when unknown. */
type Registration = { registered_at: number | null; registrar: string | null } | null;

/** RDAP lookups at once: registries limit them. */
const RDAP_CONCURRENCY = 4;

/** Runs the brands named (all when none) one after another. */
export async function runBrands(
  a: StoreAccess,
  delivery: AlertDelivery,
  names: readonly string[] | undefined,
  o: BrandRunOptions,
  log: Logger,
): Promise<BrandRunResult[]> {
  const brands = names?.length ? names : (await listBrands(a)).map((b) => b.name);
  let bootstrap: Promise<RdapBootstrap> | undefined;
  const once: BrandRunOptions = { ...o, rdapBootstrap: () => (bootstrap ??= o.rdapBootstrap()) };
  const results: BrandRunResult[] = [];
  for (const name of brands) results.push(await runBrand(a, delivery, name, once, log));
  return results;
}

/** A brand's own domains (as ORIGINAL) and the variants of each, every name once (its first fuzzer). */
export function brandNames(domains: readonly string[], fuzzers?: Fuzzer[]) {
  const names = new Map<string, { domain: string; fuzzer: string }>();
  for (const domain of domains) names.set(domain, { domain, fuzzer: ORIGINAL });
  for (const domain of domains)
    for (const v of domainVariants(domain, { fuzzers }))
      if (!names.has(v.domain) && !inScope(v.domain, domains)) names.set(v.domain, v);
  return [...names.values()];
}

async function runBrand(
  a: StoreAccess,
  delivery: AlertDelivery,
  name: string,
  o: BrandRunOptions,
  log: Logger,
): Promise<BrandRunResult> {
  const brand = await getBrand(a, name);
  const names = brandNames(brand.domains, o.fuzzers);
  log.info({ brand: name, names: names.length }, 'brand run: asking DNS which names resolve');
  const resolving = await registeredVariants(names, { ...o.dns, dnsServer: o.crawl.dnsServer });
  const seen = new Map((await brandVariants(a, name)).map((v) => [v.domain, v]));
  const fresh = resolving.filter((v) => v.fuzzer !== ORIGINAL && !seen.has(v.domain));
  const registrations = await registrationsOf(
    resolving.filter((v) => v.fuzzer !== ORIGINAL),
    seen,
    o,
    log,
  );
  log.info(
    { brand: name, resolving: resolving.length, fresh: fresh.length },
    'brand run: visiting the resolving names as a victim',
  );
  const visits = await visitAsVictim(
    name,
    resolving.map((v) => v.domain),
    o,
    log,
  );
  const profile = withOfficialVisits(
    await brandProfile(a, name),
    resolving.flatMap((v) => (v.fuzzer === ORIGINAL ? (visits.get(v.domain) ?? []) : [])),
  );
  const judged: ImpersonationEvent[] = [];
  for (const v of resolving) {
    const visit = visits.get(v.domain);
    if (!visit || !ANSWERED.has(visit.capture.outcome)) {
      log.warn({ brand: name, domain: v.domain, outcome: visit?.capture.outcome }, 'no answer: judged next run');
      continue;
    }
    judged.push(await judgeVisit(profile, v, visit, registrations.get(v.domain) ?? null));
  }
  const alerts = brandFindings(seen, judged).map((f) => toAlert('brand', name, f, Date.now()));
  const raised = await delivery.raise(alerts);
  await writeJudged(judged, outPaths(o.outDir).monitor(name).dir, o.to, log);
  return { brand: name, names: names.length, resolving: resolving.length, fresh: fresh.length, judged, alerts: raised };
}

/**
 * The registration of each name: what an earlier run found, else RDAP (a fresh name, or one
 * whose earlier lookup found nothing: a resolving name is registered, so that was most
 * likely a failure). A failed lookup is logged, and the registration unknown.
 */
export async function registrationsOf(
  names: readonly Pick<Name, 'domain'>[],
  seen: ReadonlyMap<string, Pick<BrandVariantRow, 'registered_at' | 'registrar'>>,
  o: Pick<BrandRunOptions, 'rdapBootstrap' | 'rdap'>,
  log: Logger,
): Promise<Map<string, Registration>> {
  const out = new Map<string, Registration>();
  const ask: Pick<Name, 'domain'>[] = [];
  for (const v of names) {
    const before = seen.get(v.domain);
    if (before && (before.registered_at !== null || before.registrar !== null))
      out.set(v.domain, { registered_at: before.registered_at, registrar: before.registrar });
    else ask.push(v);
  }
  if (!ask.length) return out;
  const bootstrap = await o.rdapBootstrap();
  const queue = [...ask];
  const worker = async () => {
    for (let v = queue.shift(); v; v = queue.shift()) {
      try {
        const r = await lookupRegistration(v.domain, bootstrap, o.rdap);
        out.set(v.domain, { registered_at: r.registered_at, registrar: r.registrar });
      } catch (e) {
        log.warn({ domain: v.domain, err: errorText(e) }, 'RDAP lookup failed: registration unknown');
        out.set(v.domain, null);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(RDAP_CONCURRENCY, ask.length) }, worker));
  return out;
}

/** http://NAME/ of each name, visited as a victim and as a scanner (cloaking counts), with a screenshot; each name's victim visit. */
async function visitAsVictim(
  brand: string,
  domains: readonly string[],
  o: BrandRunOptions,
  log: Logger,
): Promise<Map<string, VictimVisit>> {
  const seedOf = (domain: string) => `http://${domain}/`;
  const seeds: SeedInput[] = domains.map((d) => ({
    url: seedOf(d),
    depth: 0,
    tags: [`brand:${brand}`],
    compare: [VICTIM],
    screenshots: true,
  }));
  const byDomain = new Map<string, VictimVisit>();
  if (!seeds.length) return byDomain;
  const captured = new CapturedVisits();
  const dir = outPaths(o.outDir).monitor(brand).dir;
  await (await CrawlRun.open(o.crawl, seeds, dir, log, o.to, { fresh: true, observer: captured })).run();
  const bySeed = new Map(domains.map((d) => [seedOf(d), d]));
  for (const v of captured.victimVisits()) {
    const domain = bySeed.get(v.capture.target.seed_url);
    if (domain) byDomain.set(domain, { capture: v.capture, events: v.events, cloaking: v.cloaking ?? false });
  }
  return byDomain;
}

/** The brand's profile with the screenshots and icons its official sites showed in this run (the store may not hold them yet). */
export function withOfficialVisits(profile: BrandProfile, official: readonly ComparedVisit[]): BrandProfile {
  const pages = official.flatMap((v) => eventsOf(v.events as VucrawlEvent[], 'page'));
  const merged = <T>(a: readonly T[], b: readonly (T | null)[]) => [
    ...new Set([...a, ...b.filter((x): x is T => x !== null)]),
  ];
  return {
    ...profile,
    screenshot_phashes: merged(
      profile.screenshot_phashes,
      pages.map((p) => p.screenshot_phash),
    ).sort(),
    favicon_mmh3: merged(
      profile.favicon_mmh3,
      pages.map((p) => p.favicon_mmh3),
    ).sort((x, y) => x - y),
  };
}

/** A name's verdict: its visit, DNS and registration, and its favicon's perceptual hash (an icon that does not decode has none). */
export async function judgeVisit(
  brand: BrandProfile,
  v: Pick<Name, 'domain' | 'fuzzer' | 'mx' | 'ns'>,
  visit: VictimVisit,
  registration: Registration,
): Promise<ImpersonationEvent> {
  const icon = faviconBytes(visit.capture);
  let faviconPhash: string | null = null;
  if (icon)
    try {
      faviconPhash = (await perceptualHash(icon)).phash;
    } catch {
      // An .ico sharp cannot read, or not an image at all: the Shodan hash still compares it.
    }
  return impersonationEvent({
    brand,
    variant: { domain: v.domain, fuzzer: v.fuzzer },
    visit,
    cloaking: visit.cloaking,
    registration,
    dns: { mx: v.mx, ns: v.ns },
    favicon_phash: faviconPhash,
    image_phashes: [],
  });
}

/** The verdicts to OUT/impersonation.ndjson and the crawl's destination, validated like every event. */
async function writeJudged(
  events: ImpersonationEvent[],
  dir: string,
  to: EventDestination,
  log: Logger,
): Promise<void> {
  if (!events.length) return;
  const files = new EventFiles(dir, log);
  const output = await openEventOutput(to, outPaths(dir), log);
  try {
    const router = new EventRouter(
      [files, ...(output ? [output.events] : [])],
      [files, ...(output ? [output.deadLetters] : [])],
      log,
    );
    await router.write(events);
  } finally {
    await files.close();
    await output?.close();
  }
}
