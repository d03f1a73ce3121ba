// Pages that look alike: from a perceptual hash, or a page URL (the hash of its latest
// screenshot in the store), to every page whose screenshot hash is within N bits of it,
// closest first. ClickHouse computes the Hamming distance, bitCount(bitXor(a, b)), over
// the pages' hash column: 8 bytes a page, a scan, since no key orders pages by how they
// look. Shared by `vucrawl pivot --similar` and the API.
import type { ClickHouseClient } from '@clickhouse/client';
import { iso, type RelationOptions } from './relations.js';
import { DISTINCT_EVENTS } from '../schema/migrations.js';

/**
 * Most bits (of 64) two screenshots may differ in to count as alike. Copies of a page with
 * another colour measured 0-6 bits apart, unrelated pages 28-32 (32 is what independent hashes average).
 */
export const DEFAULT_SIMILAR_DISTANCE = 10;
export const MAX_SIMILAR_DISTANCE = 64;
const PHASH = /^[0-9a-f]{16}$/i;

/** What to compare with: a perceptual hash as given, or a page by its URL. */
export type SimilarInput = { phash: string } | { url: string };

/** The value as a hash (16 hex digits) or an http(s) URL; undefined for anything else (the caller names the input in its error). */
export function similarInput(value: string): SimilarInput | undefined {
  const v = value.trim();
  if (PHASH.test(v)) return { phash: v.toLowerCase() };
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return { url: u.href };
  } catch {
    // not a URL either
  }
  return undefined;
}

/** A page whose screenshot is within the distance, over its visits. */
export interface SimilarPage {
  /** Bits of 64 its closest screenshot differs in (0: the same hash). */
  distance: number;
  host: string;
  /** The page as it was shown (its final URL). */
  url: string;
  /** The closest screenshot (the latest of equally close ones): its perceptual hash, and SHA-256, file screenshots/<sha256>.png of its crawl's output folder. */
  phash: string;
  screenshot_sha256: string;
  first_seen: string;
  last_seen: string;
  /** Visits whose screenshot was within the distance. */
  observations: number;
  /** The capture of that screenshot. */
  capture_id: string;
}

/** The hash to compare with: a hash as it is; for a URL, its latest screenshot's (null when the store holds none). */
export async function similarHash(client: ClickHouseClient, db: string, input: SimilarInput): Promise<string | null> {
  if ('phash' in input) return input.phash;
  const query = `SELECT leftPad(lower(hex(screenshot_phash)), 16, '0') AS phash FROM ${db}.pages
    WHERE screenshot_phash IS NOT NULL AND (url = {url:String} OR final_url = {url:String}) ORDER BY observed_at DESC LIMIT 1`;
  const rows = await (await client.query({ query, format: 'JSONEachRow', query_params: { url: input.url } })).json<{
    phash: string;
  }>();
  return rows[0]?.phash ?? null;
}

/** What a similarity lookup compared with, in words (what a lookup with no rows says it tried). */
export function describeSimilar(input: SimilarInput, phash: string | null, distance: number): string {
  if (phash === null)
    return `the store holds no screenshot of ${'url' in input ? input.url : input.phash} (crawl it with --screenshots)`;
  return `looked for screenshots within ${distance} bits of ${phash}${'url' in input ? ` (the latest screenshot of ${input.url})` : ''}`;
}

export type SimilarOptions = Pick<RelationOptions, 'since' | 'until' | 'limit' | 'offset'> & { distance: number };

/** Pages whose screenshot hash is within `distance` bits of `phash`, closest first, then first seen. */
export async function similarPages(
  client: ClickHouseClient,
  db: string,
  phash: string,
  o: SimilarOptions,
): Promise<SimilarPage[]> {
  const window = [
    o.since !== undefined ? "observed_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')" : '',
    o.until !== undefined ? "observed_at <= fromUnixTimestamp64Milli({until:Int64}, 'UTC')" : '',
  ].filter(Boolean);
  // Per page, its closest screenshot (the latest of equally close ones) as one tuple, split out
  // by the outer query: aliased inside, its parts would shadow the columns it is made of.
  const query = `SELECT distance, host, url, leftPad(lower(hex(best.1)), 16, '0') AS phash, best.2 AS screenshot_sha256,
      ${iso('first')} AS first_seen, ${iso('last')} AS last_seen, observations, best.3 AS capture_id
    FROM (SELECT host, final_url AS url, min(d) AS distance, min(observed_at) AS first, max(observed_at) AS last, ${DISTINCT_EVENTS} AS observations,
        argMin((screenshot_phash, screenshot_sha256, capture_id), (d, -toUnixTimestamp64Milli(observed_at))) AS best
      FROM (SELECT host, final_url, screenshot_phash, screenshot_sha256, capture_id, observed_at, event_id,
          bitCount(bitXor(screenshot_phash, reinterpretAsUInt64(reverse(unhex({phash:String}))))) AS d
        FROM ${db}.pages WHERE ${['screenshot_phash IS NOT NULL', ...window].join(' AND ')})
      WHERE d <= {distance:UInt8} GROUP BY host, final_url)
    ORDER BY distance, first, host, url LIMIT {limit:UInt32} OFFSET {offset:UInt64}`;
  const params = {
    phash,
    distance: o.distance,
    since: o.since ?? 0,
    until: o.until ?? 0,
    limit: o.limit,
    offset: o.offset ?? 0,
  };
  const rows = await (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<
    SimilarPage & { observations: string | number }
  >();
  return rows.map((r) => ({ ...r, distance: Number(r.distance), observations: Number(r.observations) }));
}

/** A similarity lookup: the hash compared with (null when a URL has no screenshot stored), in words, and the pages found. */
export interface SimilarLookup {
  phash: string | null;
  description: string;
  rows: SimilarPage[];
}

export async function lookupSimilar(
  client: ClickHouseClient,
  db: string,
  input: SimilarInput,
  o: SimilarOptions,
): Promise<SimilarLookup> {
  const phash = await similarHash(client, db, input);
  return {
    phash,
    description: describeSimilar(input, phash, o.distance),
    rows: phash === null ? [] : await similarPages(client, db, phash, o),
  };
}
