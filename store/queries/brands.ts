// Brands: what brand protection watches over (docs/brands.md). A brand's official domains,
// the words that name it, its logos (each file's name and perceptual hash, computed by the
// command that adds it) and the project its findings go to, in the versioned table
// `brands` (read through `brands_current`, as projects and monitors are); the brand as
// the impersonation rule reads it, with what its official sites showed when crawled; and
// the domains brand runs judged for it, with their screenshots beside the brand's (the web UI).
import { checkName } from '../../alerting/names.js';
import type { BrandProfile } from '../../capture/capture.js';
import type { ImpersonationEvent, ImpersonationSignals, ImpersonationVerdict } from '../../extractor/events.js';
import { phashDistance } from '../../extractor/phash-distance.js';
import { chTime } from '../insert.js';
import { addIndicators, NoSuchProject, listProjects, showProject } from './projects.js';
import { iso } from './relations.js';
import type { TableAccess } from '../access.js';

export interface BrandDefinition {
  name: string;
  /** Official domains (registrable domains or hosts), lower case, without a trailing dot. */
  domains: string[];
  keywords: string[];
  /** The logos' file names, as given (for people), and their pHashes (16 hex digits), in the same order. */
  logo_files: string[];
  logo_phashes: string[];
  /** '' when none. */
  project: string;
}

export interface BrandRow extends BrandDefinition {
  updated_at: string;
}

/** A host name: labels of letters, digits and hyphens (punycode for the others), at least two. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const PHASH = /^[0-9a-f]{16}$/;

/** A domain as brands keep it, or an Error naming what is wrong with it. */
export function brandDomain(brand: string, input: string): string {
  const d = input.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(d))
    throw new Error(`brand ${brand}: "${input.slice(0, 100)}" is not a domain name (e.g. brand.example)`);
  return d;
}

export async function listBrands(a: TableAccess): Promise<BrandRow[]> {
  return a.rows<BrandRow>(
    `SELECT name, domains, keywords, logo_files, logo_phashes, project, ${iso('updated_at')} AS updated_at
    FROM ${a.db}.brands_current ORDER BY name`,
  );
}

export class NoSuchBrand extends Error {
  constructor(readonly brand: string) {
    super(`no brand "${brand}" (vucrawl brand list shows them)`);
  }
}

export async function getBrand(a: TableAccess, name: string): Promise<BrandRow> {
  const b = (await listBrands(a)).find((x) => x.name === name);
  if (!b) throw new NoSuchBrand(name);
  return b;
}

/** Checks and stores a new brand; returns it as stored. */
export async function addBrand(a: TableAccess, b: BrandDefinition): Promise<BrandDefinition> {
  checkName('brand', b.name);
  if (!b.domains.length) throw new Error(`brand ${b.name}: give its official domains (--domain)`);
  if (b.logo_files.length !== b.logo_phashes.length || !b.logo_phashes.every((h) => PHASH.test(h)))
    throw new Error(`brand ${b.name}: each logo needs its perceptual hash (16 hex digits)`);
  const brand: BrandDefinition = {
    ...b,
    domains: [...new Set(b.domains.map((d) => brandDomain(b.name, d)))],
    keywords: [...new Set(b.keywords.map((k) => k.trim()).filter(Boolean))],
  };
  if (brand.project && !(await listProjects(a)).some((p) => p.name === brand.project))
    throw new NoSuchProject(brand.project);
  if ((await listBrands(a)).some((x) => x.name === brand.name))
    throw new Error(`brand "${brand.name}" exists; remove it first (vucrawl brand remove ${brand.name})`);
  await a.insert('brands', [{ ...brand, deleted: 0, changed_at: chTime(Date.now()) }]);
  return brand;
}

export async function removeBrand(a: TableAccess, name: string): Promise<void> {
  await getBrand(a, name);
  await a.insert('brands', [
    {
      name,
      domains: [],
      keywords: [],
      logo_files: [],
      logo_phashes: [],
      project: '',
      deleted: 1,
      changed_at: chTime(Date.now()),
    },
  ]);
}

/** Official pages read for a brand's profile: the latest ones, enough to cover its sites' screenshots and icons. */
const OFFICIAL_PAGES = 500;

/** Pages of the brand's official domains and the hosts under them (the parameter `domains`). */
const OFFICIAL_HOST = "arrayExists(d -> host = d OR endsWith(host, concat('.', d)), {domains:Array(String)})";
/** A screenshot's pHash column as 16 hex digits. */
const PHASH_HEX = "if(isNull(screenshot_phash), NULL, leftPad(lower(hex(assumeNotNull(screenshot_phash))), 16, '0'))";

/**
 * The brand as the impersonation rule reads it (extractor/impersonation.ts): its definition,
 * and the screenshots' pHashes and favicon hashes of the latest visits of its official
 * domains (and hosts under them) that the store holds.
 */
export async function brandProfile(a: TableAccess, name: string): Promise<BrandProfile> {
  const b = await getBrand(a, name);
  const pages = await a.rows<{ phash: string | null; mmh3: number | null }>(
    `SELECT ${PHASH_HEX} AS phash, favicon_mmh3 AS mmh3
    FROM ${a.db}.pages
    WHERE outcome = 'ok' AND ${OFFICIAL_HOST}
    ORDER BY observed_at DESC LIMIT ${OFFICIAL_PAGES}`,
    { domains: b.domains },
  );
  const distinct = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];
  return {
    name: b.name,
    domains: b.domains,
    keywords: b.keywords,
    logo_phashes: b.logo_phashes,
    screenshot_phashes: distinct(pages.map((p) => p.phash)).sort(),
    favicon_mmh3: distinct(pages.map((p) => (p.mmh3 === null ? null : Number(p.mmh3)))).sort((x, y) => x - y),
  };
}

/** A look-alike domain of a brand as brand runs judged it: its latest verdict, and when it was first and last judged. */
export interface BrandVariantRow {
  domain: string;
  fuzzer: string;
  verdict: ImpersonationVerdict;
  score: number;
  reasons: string[];
  signals: ImpersonationSignals;
  /** UTC ms; null when RDAP gave none. */
  registered_at: number | null;
  registrar: string | null;
  final_url: string;
  capture_id: string;
  /** UTC, ISO 8601. */
  first_seen: string;
  last_seen: string;
}

/** Every domain brand runs judged for a brand (its impersonation events), the latest verdict of each; highest score first. */
export async function brandVariants(a: TableAccess, brand: string): Promise<BrandVariantRow[]> {
  const latest = (c: string) => `argMax(${c}, observed_at) AS ${c}`;
  const rows = await a.rows<Omit<BrandVariantRow, 'registered_at'> & { registered_at: string | number | null }>(
    `SELECT domain, ${['fuzzer', 'verdict', 'score', 'reasons', 'signals', 'registered_at', 'registrar', 'final_url', 'capture_id'].map(latest).join(', ')},
      ${iso('min(observed_at)')} AS first_seen, ${iso('max(observed_at)')} AS last_seen
    FROM ${a.db}.impersonation WHERE brand = {brand:String}
    GROUP BY domain ORDER BY score DESC, domain`,
    { brand },
  );
  // Int64 comes as a string in JSON.
  return rows.map((r) => ({ ...r, registered_at: r.registered_at === null ? null : Number(r.registered_at) }));
}

/**
 * For each verdict given now, the verdict its domain had before it (the latest earlier one
 * that differs): the change that led to it, whether or not it was alerted on then.
 * Domains that never had another verdict are absent.
 */
export async function verdictsBefore(
  a: TableAccess,
  brand: string,
  now: readonly Pick<ImpersonationEvent, 'domain' | 'verdict' | 'observed_at'>[],
): Promise<Map<string, ImpersonationVerdict>> {
  if (!now.length) return new Map();
  const rows = await a.rows<{ domain: string; before: ImpersonationVerdict }>(
    `SELECT i.domain AS domain, argMax(i.verdict, i.observed_at) AS before
    FROM ${a.db}.impersonation AS i
    INNER JOIN (
      SELECT x.1 AS domain, x.2 AS verdict, fromUnixTimestamp64Milli(x.3, 'UTC') AS at
      FROM (SELECT arrayJoin(arrayZip({domains:Array(String)}, {verdicts:Array(String)}, {ats:Array(Int64)})) AS x)
    ) AS n ON i.domain = n.domain
    WHERE i.brand = {brand:String} AND i.verdict != n.verdict AND i.observed_at < n.at
    GROUP BY i.domain`,
    {
      brand,
      domains: now.map((e) => e.domain),
      verdicts: now.map((e) => e.verdict),
      ats: now.map((e) => e.observed_at),
    },
  );
  return new Map(rows.map((r) => [r.domain, r.before]));
}

/** The verdicts a brand files into its project (as domain indicators). */
const FILED: ReadonlySet<ImpersonationVerdict> = new Set(['impersonating', 'suspicious']);

/**
 * A brand's findings into its project: every variant judged impersonating or suspicious
 * becomes a domain indicator tagged `brand:NAME` and `verdict:VERDICT`, so that the
 * project's watches, pivots, report, exports and TAXII collection cover it; a variant filed
 * before keeps its place (and the operator's tags) and its verdict tag follows its verdict.
 * Only what changed is written. Returns the domains written.
 */
export async function fileFindings(
  a: TableAccess,
  brand: string,
  project: string,
  judged: readonly Pick<ImpersonationEvent, 'domain' | 'verdict'>[],
): Promise<string[]> {
  const tag = `brand:${brand}`;
  const known = new Map((await showProject(a, project)).indicators.map((i) => [i.value, i.tags]));
  const key = (tags: readonly string[]) => [...new Set(tags)].sort().join(' ');
  const byTags = new Map<string, string[]>();
  for (const e of judged) {
    const before = known.get(e.domain);
    if (!FILED.has(e.verdict) && !before?.includes(tag)) continue;
    const tags = key([...(before ?? []).filter((t) => !t.startsWith('verdict:')), tag, `verdict:${e.verdict}`]);
    if (!before || key(before) !== tags) byTags.set(tags, [...(byTags.get(tags) ?? []), e.domain]);
  }
  for (const [tags, domains] of byTags)
    await addIndicators(a, project, domains, { kind: 'domain', tags: tags.split(' ') });
  return [...byTags.values()].flat();
}

/** A page's screenshot: the file (GET /api/v1/screenshots/{sha256}) and its perceptual hash. */
export interface PageScreenshot {
  host: string;
  /** The page as it was shown (its final URL). */
  url: string;
  screenshot_sha256: string;
  /** 16 hex digits. */
  phash: string;
  capture_id: string;
  /** UTC, ISO 8601. */
  observed_at: string;
}

/** Official hosts whose screenshots a brand's view shows: the ones visited last. */
const OFFICIAL_SCREENSHOTS = 12;

/** The latest screenshot of each official host of a brand (its domains and the hosts under them), newest first. */
export async function officialScreenshots(a: TableAccess, b: BrandDefinition): Promise<PageScreenshot[]> {
  // The latest visit's columns as one tuple, split out outside: aliased inside, they would shadow the columns WHERE reads.
  return a.rows<PageScreenshot>(
    `SELECT host, latest.1 AS url, latest.2 AS screenshot_sha256, latest.3 AS phash, latest.4 AS capture_id,
      ${iso('last')} AS observed_at
    FROM (SELECT host, argMax((final_url, screenshot_sha256, ${PHASH_HEX}, capture_id), observed_at) AS latest,
        max(observed_at) AS last
      FROM ${a.db}.pages
      WHERE outcome = 'ok' AND screenshot_sha256 IS NOT NULL AND screenshot_phash IS NOT NULL AND ${OFFICIAL_HOST}
      GROUP BY host)
    ORDER BY last DESC, host LIMIT ${OFFICIAL_SCREENSHOTS}`,
    { domains: b.domains },
  );
}

/** A variant as the brand's view shows it: its row, its screenshot and the official one it looks most like. */
export interface BrandVariantView extends BrandVariantRow {
  /** The screenshot of the visit judged (its capture's page); null when it took none. */
  screenshot_sha256: string | null;
  /** Of the official screenshots shown, the nearest to it by perceptual hash (the first when it has none); null when there are none. */
  official_screenshot_sha256: string | null;
}

export interface BrandView {
  brand: BrandRow;
  official: PageScreenshot[];
  variants: BrandVariantView[];
}

/** A brand's view (the web UI, GET /api/v1/brands/{name}/variants): every variant judged, highest score first, with screenshots. */
export async function brandView(a: TableAccess, name: string): Promise<BrandView> {
  const brand = await getBrand(a, name);
  const [official, variants] = await Promise.all([officialScreenshots(a, brand), brandVariants(a, name)]);
  const rows = variants.length
    ? await a.rows<{ capture_id: string; sha256: string; phash: string | null }>(
        `SELECT capture_id, any(screenshot_sha256) AS sha256, any(${PHASH_HEX}) AS phash
        FROM ${a.db}.pages WHERE capture_id IN {ids:Array(String)} AND screenshot_sha256 IS NOT NULL
        GROUP BY capture_id`,
        { ids: variants.map((v) => v.capture_id) },
      )
    : [];
  const shots = new Map(rows.map((s) => [s.capture_id, s]));
  const nearest = (phash: string | null | undefined) =>
    official.reduce<PageScreenshot | undefined>(
      (best, o) => (!best || (phash && phashDistance(phash, o.phash) < phashDistance(phash, best.phash)) ? o : best),
      undefined,
    )?.screenshot_sha256 ?? null;
  return {
    brand,
    official,
    variants: variants.map((v) => {
      const shot = shots.get(v.capture_id);
      return { ...v, screenshot_sha256: shot?.sha256 ?? null, official_screenshot_sha256: nearest(shot?.phash) };
    }),
  };
}
