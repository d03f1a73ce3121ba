// Pivots: from one value to the hosts related to it, with how (cause or type), first and
// last seen, how often it was observed and one piece of evidence. The value is recognized
// by its shape (indicator.ts); a value that fits several kinds (a number can be a favicon
// hash or a tracker ID) is looked up as each, in one query, `limit` rows in all.
import type { ClickHouseClient } from '@clickhouse/client';
import { recognize, type Indicator, type PivotKind } from './indicator.js';
import { lookupHosts, type LookupValue, type PivotName, type PivotRow } from './lookups.js';

export type { PivotKind } from './indicator.js';
export type { PivotRow } from './lookups.js';

export interface PivotOptions {
  direction?: 'parents' | 'children';
  /** Dates (anything Date.parse reads; UTC unless a zone is given): keep relations whose seen interval overlaps [since, until]. */
  since?: string;
  until?: string;
  /** Rows in all. */
  limit: number;
  /** Rows to skip (pagination). */
  offset?: number;
  /** Widen a host to every host of its registrable domain. */
  site?: boolean;
  /** Keep only these relations (host-pair causes, tracker types, cookie domains). */
  relations?: string[];
}

/** The lookups of each kind, in the order rows come back. */
const KIND_LOOKUPS: Record<PivotKind, PivotName[]> = {
  host: ['parents', 'children'],
  ip: ['ipHosts'],
  tracker: ['trackerHosts'],
  sha256: ['resourceHosts', 'certificateHosts'],
  favicon: ['faviconHosts'],
  cookie: ['cookieHosts'],
};

/** The kinds a value can be, by its shape. */
export function pivotKinds(value: string): PivotKind[] {
  return recognize(value).kinds;
}

/** The lookups a recognized value runs, with the value each one matches. */
export function pivotLookups(
  ind: Indicator,
  o: Pick<PivotOptions, 'direction' | 'site'>,
): { name: PivotName; value: LookupValue }[] {
  return ind.kinds.flatMap((kind) =>
    KIND_LOOKUPS[kind]
      .filter((name) => kind !== 'host' || !o.direction || (o.direction === 'parents') === (name === 'parents'))
      .map((name) => ({ name, value: { value: ind.forms[kind]!, site: kind === 'host' && o.site } })),
  );
}

/** A date option as UTC ms; a date and time without a zone is UTC (callers check dates first: an unreadable one is an error here). */
export function dateMs(d: string | undefined): number | undefined {
  if (d === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(d) ? `${d.replace(' ', 'T')}Z` : d);
  if (Number.isNaN(ms)) throw new Error(`not a date: "${d}"`);
  return ms;
}

export async function pivot(client: ClickHouseClient, db: string, value: string, o: PivotOptions): Promise<PivotRow[]> {
  return pivotIndicator(client, db, recognize(value), o);
}

export async function pivotIndicator(
  client: ClickHouseClient,
  db: string,
  ind: Indicator,
  o: PivotOptions,
): Promise<PivotRow[]> {
  return lookupHosts(client, db, pivotLookups(ind, o), {
    since: dateMs(o.since),
    until: dateMs(o.until),
    limit: o.limit,
    offset: o.offset,
    filter: o.relations,
  });
}
