// A crawl target as it travels on vucrawl.targets between `vucrawl submit`, the fleet's
// workers and the links they find, encoded (targetMessage) and decoded (parseTargetMessage,
// toTarget) here. Keyed by the registrable domain of its URL, so that a site's targets
// land in one partition and one worker at a time crawls that site: its politeness and
// dedup need no coordination.
import type { BrandCheck } from '../../capture/capture.js';
import { normalizeUrl, parseHttpUrl, siteOf } from '../../capture/url.js';
import type { Target } from '../../crawler/frontier.js';
import type { CrawlScope } from '../../crawler/options.js';
import { TARGETS_TOPIC, type OutMessage } from '../../sinks/kafka/topics.js';

export const TARGET_SCHEMA = 'vucrawl.target/1';

export interface TargetMessage {
  schema: typeof TARGET_SCHEMA;
  crawl_id: string;
  url: string;
  /** Link depth from the seed (0 for a seed) and the most the crawl follows. */
  depth: number;
  max_depth: number;
  seed_url: string;
  via_url?: string;
  /** A seed's arrival: its first navigation's Referer and document.referrer. */
  referer?: string;
  /** A comparison crawl's profiles (`victim` unexpanded): the worker visits the target once with each. */
  compare?: string[];
  profile?: string;
  priority: number;
  tags: string[];
  /** The seed's screenshots= setting (absent: the worker's --screenshots). */
  screenshots?: boolean;
  /** A brand run's name to judge: the worker judges its visit (extractor/impersonation.ts). */
  brand?: BrandCheck;
  /** site: follow links within the seed's registrable domain; any: to other sites too. */
  scope: CrawlScope;
  submitted_at: number;
}

/** The message key: the site of the URL. */
export function targetKey(url: string): string {
  return siteOf(new URL(url).hostname);
}

/** The dedup key of a target within its crawl (the state topic's key). */
export function stateKey(crawlId: string, url: string): string {
  return `${crawlId} ${normalizeUrl(new URL(url))}`;
}

/** A frontier target as the message that carries it (its site is the key). */
export function targetMessage(t: Target, submittedAt = Date.now()): OutMessage {
  const m: TargetMessage = {
    schema: TARGET_SCHEMA,
    crawl_id: t.crawlId ?? 'unnamed',
    url: t.url,
    depth: t.depth,
    max_depth: t.maxDepth,
    seed_url: t.seedUrl,
    via_url: t.viaUrl,
    referer: t.referer,
    compare: t.compare,
    profile: t.profile,
    priority: t.priority,
    tags: t.tags ?? [],
    screenshots: t.screenshots,
    brand: t.brand,
    scope: t.scope ?? 'site',
    submitted_at: submittedAt,
  };
  return { topic: TARGETS_TOPIC, key: targetKey(t.url), value: JSON.stringify(m) };
}

/** A message as a frontier target. */
export function toTarget(m: TargetMessage): Target {
  return {
    url: m.url,
    depth: m.depth,
    seedUrl: m.seed_url,
    viaUrl: m.via_url,
    referer: m.referer,
    compare: m.compare,
    profile: m.profile,
    priority: m.priority,
    maxDepth: m.max_depth,
    attempt: 0,
    crawlId: m.crawl_id,
    tags: m.tags,
    screenshots: m.screenshots,
    brand: m.brand,
    scope: m.scope,
  };
}

const FIELDS: Record<string, (v: unknown) => boolean> = {
  crawl_id: (v) => typeof v === 'string' && v.length > 0 && v.length <= 200,
  url: (v) => typeof v === 'string' && parseHttpUrl(v) !== undefined,
  depth: (v) => Number.isInteger(v) && (v as number) >= 0,
  max_depth: (v) => Number.isInteger(v) && (v as number) >= 0,
  seed_url: (v) => typeof v === 'string',
  priority: (v) => Number.isInteger(v),
  tags: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
  scope: (v) => v === 'site' || v === 'any',
  submitted_at: (v) => Number.isInteger(v),
};
const OPTIONAL: Record<string, (v: unknown) => boolean> = {
  via_url: (v) => typeof v === 'string',
  referer: (v) => typeof v === 'string' && parseHttpUrl(v) !== undefined,
  compare: (v) => Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string'),
  profile: (v) => typeof v === 'string',
  screenshots: (v) => typeof v === 'boolean',
  brand: isBrandCheck,
};

const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number';

/** The shape a brand check must have for the verdict to read it (its values are the brand run's). */
function isBrandCheck(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.profile)) return false;
  const p = v.profile;
  const registration = v.registration;
  return (
    typeof p.name === 'string' &&
    [p.domains, p.keywords, p.logo_phashes, p.screenshot_phashes, v.mx, v.ns].every(isStrings) &&
    Array.isArray(p.favicon_mmh3) &&
    p.favicon_mmh3.every((x) => typeof x === 'number') &&
    typeof v.domain === 'string' &&
    typeof v.fuzzer === 'string' &&
    (registration === null ||
      (isObject(registration) &&
        isNumberOrNull(registration.registered_at) &&
        (registration.registrar === null || typeof registration.registrar === 'string')))
  );
}

/** Parses a message value; a string says what is wrong with it. */
export function parseTargetMessage(text: string): TargetMessage | string {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return `not JSON: ${(e as Error).message.slice(0, 100)}`;
  }
  if (typeof v !== 'object' || v === null || v.schema !== TARGET_SCHEMA) return `not a ${TARGET_SCHEMA} message`;
  for (const [k, ok] of Object.entries(FIELDS)) if (!ok(v[k])) return `/${k} is missing or invalid`;
  for (const [k, ok] of Object.entries(OPTIONAL))
    if (v[k] !== undefined && v[k] !== null && !ok(v[k])) return `/${k} is invalid`;
  return v as unknown as TargetMessage;
}
