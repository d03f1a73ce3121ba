// Cloaking in the store: the comparisons whose visits diverged (cloaking events), newest
// first, for a host, every host of a site, or all; and one comparison side by side, each
// visit's page and host pairs, with the child hosts only some visits reached. Shared by
// `vucrawl pivot --cloaking`, the API and the web UI.
import type { ClickHouseClient } from '@clickhouse/client';
import type { EventOf } from '../../extractor/events.js';
import { siteOfHost } from './lookups.js';
import { readEvents } from './records.js';
import type { RelationOptions } from './relations.js';

export type CloakingOptions = Pick<RelationOptions, 'since' | 'until' | 'limit' | 'offset'> & {
  /** A host (its comparisons), or with `site` every host of its registrable domain; absent: every comparison. */
  host?: string;
  site?: boolean;
};

/** Cloaking events, newest first. */
export async function cloakingEvents(
  client: ClickHouseClient,
  db: string,
  o: CloakingOptions,
): Promise<EventOf<'cloaking'>[]> {
  const where = [
    o.host !== undefined ? 'site = {site:String}' : '',
    o.host !== undefined && !o.site ? 'host = {host:String}' : '',
    o.since !== undefined ? "observed_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')" : '',
    o.until !== undefined ? "observed_at <= fromUnixTimestamp64Milli({until:Int64}, 'UTC')" : '',
  ].filter(Boolean);
  const params = {
    host: o.host ?? '',
    site: o.host === undefined ? '' : await siteOfHost(o.host),
    since: o.since ?? 0,
    until: o.until ?? 0,
    limit: o.limit,
    offset: o.offset ?? 0,
  };
  return readEvents(
    client,
    db,
    'cloaking',
    `${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY observed_at DESC, event_id LIMIT 1 BY event_id LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    params,
  );
}

/** What a lookup with no rows says it looked for. */
export function describeCloaking(o: Pick<CloakingOptions, 'host' | 'site'>): string {
  if (o.host === undefined) return 'no comparison in the store found cloaking (crawl with --compare victim)';
  return `no comparison of ${o.host}${o.site ? ' or any host of its registrable domain' : ''} found cloaking`;
}

/** One visit of a comparison. */
export interface ComparisonVisit {
  profile: string;
  capture_id: string;
  page: EventOf<'page'> | null;
  host_pairs: EventOf<'host_pair'>[];
  /** Child hosts this visit reached and some other visit did not, sorted. */
  only: string[];
}

/** The visits of one comparison in visit order (the reference first), and its cloaking event when they diverged. */
export interface ComparisonRecord {
  comparison_id: string;
  cloaking: EventOf<'cloaking'> | null;
  visits: ComparisonVisit[];
}

/** One comparison side by side, or undefined when the store holds none of its visits. */
export async function comparisonRecord(
  client: ClickHouseClient,
  db: string,
  id: string,
): Promise<ComparisonRecord | undefined> {
  const byId = 'WHERE comparison_id = {id:String} ORDER BY observed_at';
  const [pages, pairs, cloaking] = await Promise.all([
    readEvents(client, db, 'page', `${byId} LIMIT 1 BY capture_id`, { id }),
    readEvents(client, db, 'host_pair', `${byId} LIMIT 1 BY event_id`, { id }),
    readEvents(client, db, 'cloaking', `${byId} LIMIT 1`, { id }),
  ]);
  if (!pages.length) return undefined;
  // Visit order is the cloaking event's when there is one (a visit stored without its page would otherwise drop out), else time order.
  const order = cloaking[0]?.capture_ids ?? pages.map((p) => p.capture_id);
  const visits = order.map((capture_id) => {
    const page = pages.find((p) => p.capture_id === capture_id) ?? null;
    const hostPairs = pairs.filter((p) => p.capture_id === capture_id);
    return {
      profile: page?.profile ?? hostPairs[0]?.profile ?? '',
      capture_id,
      page,
      host_pairs: hostPairs,
      children: new Set(hostPairs.map((p) => p.child_host)),
    };
  });
  return {
    comparison_id: id,
    cloaking: cloaking[0] ?? null,
    visits: visits.map(({ children, ...v }) => ({
      ...v,
      only: [...children].filter((h) => visits.some((o) => !o.children.has(h))).sort(),
    })),
  };
}
