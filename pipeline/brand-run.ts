// A brand run (docs/brands.md): for each brand, the variants of its official domains are
// resolved (NS, A, AAAA, MX); the names that resolve and no earlier run judged get their
// registration through RDAP (the others keep the one found then: registrations rarely
// change, and registries limit lookups; one not found then is asked again). Every
// resolving name is crawled as a victim (a comparison crawl, `victim`: cloaking counts)
// with a screenshot, its target carrying the brand check (capture/capture.ts BrandCheck),
// so that its visit is judged where captures become events (extractor/impersonation.ts),
// here or on a fleet worker alike: first the official domains, whose screenshots and icons
// join the brand's profile, then the look-alikes against that profile. The verdicts go
// with the crawl's events (the store or Kafka, and OUT/<brand>/impersonation.ndjson); the
// facts they show are raised as alerts (alerting/brand-rules.ts).
import type { Logger } from 'pino';
import { toAlert, type Alert } from '../alerting/alert.js';
import { brandFindings } from '../alerting/brand-rules.js';
import { eventsOf } from '../alerting/observation.js';
import type { BrandCheck, BrandProfile } from '../capture/capture.js';
import { inScope } from '../capture/url.js';
import { VICTIM, type CrawlOptions } from '../crawler/options.js';
import type { ImpersonationEvent, PageEvent, VucrawlEvent } from '../extractor/events.js';
import { outPaths } from '../runtime/out-paths.js';
import { errorText } from '../runtime/errors.js';
import { lookupRegistration, type RdapBootstrap, type RdapOptions } from '../seeds/rdap.js';
import type { SeedInput } from '../seeds/seed-file.js';
import { registeredVariants, type RegisteredOptions, type RegisteredVariant } from '../seeds/variant-dns.js';
import { domainVariants, type Fuzzer } from '../seeds/variants.js';
import type { AlertDelivery } from '../sinks/alerts/delivery.js';
import type { StoreAccess } from '../store/access.js';
import {
  brandProfile,
  brandVariants,
  fileFindings,
  getBrand,
  listBrands,
  verdictsBefore,
  type BrandVariantRow,
} from '../store/queries/brands.js';
import { CapturedVisits } from './captured-visits.js';
import { CrawlRun, type EventDestination } from './crawl-run.js';
import { followFleetCrawl, type FleetHandOff } from './fleet/follow-crawl.js';

/** The fuzzer name of a brand's own domains among the names judged (dnstwist's name for the input). */
export const ORIGINAL = '*original';

export interface BrandRunOptions {
  /** The crawl's options; its dnsServer is asked for the variants too. */
  crawl: CrawlOptions;
  /** Each brand crawls into OUT/<brand>/ (its official domains, then their look-alikes). */
  outDir: string;
  to: EventDestination;
  /** The RDAP bootstrap, loaded once for the run when a new name needs it. */
  rdapBootstrap: () => Promise<RdapBootstrap>;
  rdap?: Partial<RdapOptions>;
  dns?: Partial<Omit<RegisteredOptions, 'dnsServer'>>;
  /** Which fuzzers make the variants (default: all). */
  fuzzers?: Fuzzer[];
  /** Hand the names to the fleet's workers through Kafka instead of crawling them here; wait at most timeoutMs for each crawl. */
  fleet?: FleetHandOff;
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

/** The registration a verdict reads: from RDAP, or what an earlier run found; null when unknown. */
type Registration = BrandCheck['registration'];

/** How long the topics stay quiet after a fleet crawl's last page before its events count as arrived. */
const FLEET_QUIET_MS = 2_000;

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
  const official = resolving.filter((v) => v.fuzzer === ORIGINAL);
  const variants = resolving.filter((v) => v.fuzzer !== ORIGINAL);
  const fresh = variants.filter((v) => !seen.has(v.domain));
  const registrations = await registrationsOf(variants, seen, o, log);
  log.info(
    { brand: name, resolving: resolving.length, fresh: fresh.length, through: o.fleet ? 'fleet' : 'local crawl' },
    'brand run: visiting the resolving names as a victim',
  );
  const stored = await brandProfile(a, name);
  const first = await visitAsVictim(name, checks(stored, official, registrations), o, log);
  const profile = withOfficialPages(stored, first.pages);
  const second = await visitAsVictim(name, checks(profile, variants, registrations), o, log);
  const judged = [...first.judged, ...second.judged];
  const unanswered = resolving.filter((v) => !judged.some((e) => e.domain === v.domain)).map((v) => v.domain);
  if (unanswered.length) log.warn({ brand: name, domains: unanswered }, 'no answer: judged next run');
  const before = await verdictsBefore(a, name, judged);
  const alerts = brandFindings(before, judged).map((f) => toAlert('brand', name, f, Date.now()));
  const raised = await delivery.raise(alerts);
  if (brand.project) {
    const filed = await fileFindings(a, name, brand.project, judged);
    if (filed.length)
      log.info({ brand: name, project: brand.project, domains: filed }, 'findings filed in the project');
  }
  return { brand: name, names: names.length, resolving: resolving.length, fresh: fresh.length, judged, alerts: raised };
}

/** What each name's visit is judged against: the brand's profile, the name's DNS and registration. */
function checks(
  profile: BrandProfile,
  names: readonly Name[],
  registrations: ReadonlyMap<string, Registration>,
): BrandCheck[] {
  return names.map((v) => ({
    profile,
    domain: v.domain,
    fuzzer: v.fuzzer,
    mx: [...v.mx],
    ns: [...v.ns],
    registration: registrations.get(v.domain) ?? null,
  }));
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

/** The verdicts of a brand run's crawl, and the victim's page of each verdict. */
interface JudgedVisits {
  judged: ImpersonationEvent[];
  pages: PageEvent[];
}

/**
 * http://NAME/ of each name, visited as a victim and as a scanner (cloaking counts), with a
 * screenshot: crawled here into OUT/<brand>/, or handed to the fleet and followed
 * to its events. Of a name judged twice (a fleet worker's retry), the later verdict.
 */
async function visitAsVictim(
  brand: string,
  checks: readonly BrandCheck[],
  o: BrandRunOptions,
  log: Logger,
): Promise<JudgedVisits> {
  if (!checks.length) return { judged: [], pages: [] };
  const seeds: SeedInput[] = checks.map((check) => ({
    url: `http://${check.domain}/`,
    depth: 0,
    tags: [`brand:${brand}`],
    compare: [VICTIM],
    screenshots: true,
    brand: check,
  }));
  let events: VucrawlEvent[];
  if (o.fleet) {
    const r = await followFleetCrawl(
      o.fleet.kafka,
      seeds,
      { types: ['impersonation'], timeoutMs: o.fleet.timeoutMs, quietMs: FLEET_QUIET_MS },
      log,
    );
    if (r.missing.length)
      log.warn({ brand, crawlId: r.crawlId, missing: r.missing }, 'the fleet did not visit these names in time');
    events = [...r.captures.values()].flat();
  } else {
    const captured = new CapturedVisits();
    const dir = outPaths(o.outDir).monitor(brand).dir;
    await (await CrawlRun.open(o.crawl, seeds, dir, log, o.to, { fresh: true, observer: captured })).run();
    events = captured.list.flatMap((v) => v.events);
  }
  const latest = new Map<string, ImpersonationEvent>();
  for (const e of eventsOf(events, 'impersonation')) {
    const seen = latest.get(e.domain);
    if (!seen || seen.observed_at < e.observed_at) latest.set(e.domain, e);
  }
  const judged = [...latest.values()];
  const victims = new Set(judged.map((e) => e.capture_id));
  return { judged, pages: eventsOf(events, 'page').filter((p) => victims.has(p.capture_id)) };
}

/** The brand's profile with the screenshots and icons its official sites showed in this run (the store may not hold them yet). */
export function withOfficialPages(profile: BrandProfile, pages: readonly PageEvent[]): BrandProfile {
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
