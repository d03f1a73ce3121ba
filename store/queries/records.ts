// What the store holds, read back as records rather than relations: one capture's events
// (each in its event schema's shape, as the crawl produced it), a host's page history,
// the URLs that served a body, and what each table holds. Shared by the CLI and the API.
import type { ClickHouseClient } from '@clickhouse/client';
import { EVENT_SCHEMAS, EVENT_TYPES, schemaId, type EventOf, type EventType } from '../../extractor/events.js';
import { COLUMNS, HEX_UINT64, TABLES } from '../schema/event-tables.js';
import { siteOfHost } from './lookups.js';
import { iso, type RelationOptions } from './relations.js';
import { DISTINCT_EVENTS } from '../schema/migrations.js';

/** Everything the store holds for one capture: its page event and the events of every other table. */
export type CaptureRecord = { capture_id: string; page: EventOf<'page'> | null } & {
  [T in Exclude<EventType, 'page'> as `${T}s`]: EventOf<T>[];
};

const TIME_FIELDS = new Set(['observed_at', 'valid_from', 'valid_to']);
/** Per event type, the fields its schema says are integers (64-bit ones may come back as text). */
const INTEGERS = Object.fromEntries(
  EVENT_TYPES.map((t) => [
    t,
    Object.entries(EVENT_SCHEMAS[t].properties)
      .filter(([, p]) => [(p as { type?: unknown }).type].flat().includes('integer'))
      .map(([k]) => k),
  ]),
) as Record<EventType, string[]>;

/** A raw table's columns as its event's fields: times as UTC ms, an absent hash as null, a 64-bit hash as its 16 hex digits. */
function eventColumns(type: EventType): string {
  return COLUMNS[TABLES[type]]!.map((c) =>
    TIME_FIELDS.has(c)
      ? `toUnixTimestamp64Milli(${c}) AS ${c}`
      : c === 'sha256'
        ? "nullIf(sha256, '') AS sha256"
        : HEX_UINT64[TABLES[type]]?.has(c)
          ? `leftPad(lower(hex(${c})), 16, '0') AS ${c}`
          : `\`${c}\``,
  ).join(', ');
}

function asEvent<T extends EventType>(type: T, row: Record<string, unknown>): EventOf<T> {
  for (const k of INTEGERS[type]) if (typeof row[k] === 'string') row[k] = Number(row[k]);
  return { schema: schemaId(type), ...row } as unknown as EventOf<T>;
}

/** Events of one type as their schema shapes them: `rest` is the query after FROM (WHERE, ORDER BY, LIMIT), its values in params. */
export async function readEvents<T extends EventType>(
  client: ClickHouseClient,
  db: string,
  type: T,
  rest: string,
  params: Record<string, unknown>,
): Promise<EventOf<T>[]> {
  const query = `SELECT ${eventColumns(type)} FROM ${db}.${TABLES[type]} ${rest}`;
  const rows = await (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<
    Record<string, unknown>
  >();
  return rows.map((r) => asEvent(type, r));
}

const eventsOf = <T extends EventType>(
  client: ClickHouseClient,
  db: string,
  type: T,
  captureId: string,
): Promise<EventOf<T>[]> =>
  readEvents(client, db, type, 'WHERE capture_id = {id:String} ORDER BY observed_at', { id: captureId });

/** One capture's events, or undefined when the store holds none. */
export async function captureRecord(
  client: ClickHouseClient,
  db: string,
  captureId: string,
): Promise<CaptureRecord | undefined> {
  const [pages, ...rest] = await Promise.all(EVENT_TYPES.map((t) => eventsOf(client, db, t, captureId)));
  if (!pages!.length && rest.every((r) => !r.length)) return undefined;
  const record: Record<string, unknown> = { capture_id: captureId, page: pages![0] ?? null };
  EVENT_TYPES.slice(1).forEach((t, i) => {
    record[`${t}s`] = rest[i];
  });
  return record as CaptureRecord;
}

/** One visit of a host's page. */
export interface PageVisit {
  observed_at: string;
  url: string;
  final_url: string;
  status: number | null;
  outcome: string;
  title: string | null;
  capture_id: string;
}

/** Over a host's visits: how many, first and last seen, the distinct titles, landing URLs and statuses (100 of each at most). */
export interface PageSummary {
  visits: number;
  first_seen: string | null;
  last_seen: string | null;
  titles: string[];
  final_urls: string[];
  statuses: number[];
}

type Window = Pick<RelationOptions, 'since' | 'until'>;

/** Pages are ordered by site, host, time: a host's pages are read by the primary key. */
async function hostPages(host: string, o: Window): Promise<{ where: string; params: Record<string, unknown> }> {
  const where = [
    'site = {site:String}',
    'host = {host:String}',
    o.since !== undefined ? "observed_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')" : '',
    o.until !== undefined ? "observed_at <= fromUnixTimestamp64Milli({until:Int64}, 'UTC')" : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  return { where, params: { site: await siteOfHost(host), host, since: o.since ?? 0, until: o.until ?? 0 } };
}

export async function pageSummary(client: ClickHouseClient, db: string, host: string, o: Window): Promise<PageSummary> {
  const { where, params } = await hostPages(host, o);
  const query = `SELECT count() AS visits, if(visits = 0, NULL, ${iso('min(observed_at)')}) AS first_seen, if(visits = 0, NULL, ${iso('max(observed_at)')}) AS last_seen,
      arraySlice(groupUniqArrayIf(title, title IS NOT NULL), 1, 100) AS titles, arraySlice(groupUniqArray(final_url), 1, 100) AS final_urls,
      arraySort(groupUniqArrayIf(status, status IS NOT NULL)) AS statuses
    FROM ${db}.pages WHERE ${where}`;
  const [s] = await (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<PageSummary>();
  return {
    ...s!,
    visits: Number(s!.visits),
    titles: [...s!.titles].sort(),
    final_urls: [...s!.final_urls].sort(),
    statuses: s!.statuses.map(Number),
  };
}

/** A host's visits, newest first. */
export async function pageVisits(
  client: ClickHouseClient,
  db: string,
  host: string,
  o: Window & Pick<RelationOptions, 'limit' | 'offset'>,
): Promise<PageVisit[]> {
  const { where, params } = await hostPages(host, o);
  const query = `SELECT ${iso('observed_at')} AS observed_at, url, final_url, status, outcome, title, capture_id FROM ${db}.pages WHERE ${where}
    ORDER BY observed_at DESC, capture_id LIMIT {limit:UInt32} OFFSET {offset:UInt64}`;
  return (
    await client.query({
      query,
      format: 'JSONEachRow',
      query_params: { ...params, limit: o.limit, offset: o.offset ?? 0 },
    })
  ).json<PageVisit>();
}

/** A URL that served a body, with when and how often. */
export interface ServedUrl {
  url: string;
  host: string;
  first_seen: string;
  last_seen: string;
  observations: number;
  capture_id: string;
}

/** Every URL that served a body (resources are ordered by sha256: the primary key). */
export async function servedUrls(
  client: ClickHouseClient,
  db: string,
  sha256: string,
  o: Pick<RelationOptions, 'limit' | 'offset'>,
): Promise<ServedUrl[]> {
  const query = `SELECT url, host, ${iso('min(observed_at)')} AS first_seen, ${iso('max(observed_at)')} AS last_seen, ${DISTINCT_EVENTS} AS observations,
      argMax(capture_id, observed_at) AS capture_id
    FROM ${db}.resources WHERE sha256 = {sha:String} GROUP BY url, host ORDER BY observations DESC, url, host LIMIT {limit:UInt32} OFFSET {offset:UInt64}`;
  const rows = await (
    await client.query({
      query,
      format: 'JSONEachRow',
      query_params: { sha: sha256, limit: o.limit, offset: o.offset ?? 0 },
    })
  ).json<ServedUrl>();
  return rows.map((r) => ({ ...r, observations: Number(r.observations) }));
}

/** What one table holds. */
export interface TableStats {
  table: string;
  rows: number;
  size: string;
}

export async function tableStats(client: ClickHouseClient, db: string): Promise<TableStats[]> {
  const q = `SELECT name AS table, total_rows AS rows, formatReadableSize(total_bytes) AS size FROM system.tables
    WHERE database = {db:String} AND name IN {tables:Array(String)} ORDER BY name`;
  return await (
    await client.query({ query: q, format: 'JSONEachRow', query_params: { db, tables: Object.values(TABLES) } })
  ).json<TableStats>();
}
