// Relations: from a value to related rows, read from a rollup table by its key (first
// seen, last seen, observations), each row with one piece of evidence (a URL and the
// capture it was seen in) read from the raw table beside it, since rollups keep no URLs.
// One query reads every relation asked for (UNION ALL, one global order and limit), and a
// second reads the evidence of exactly the rows returned, by their keys: raw tables are
// ordered by those keys, so it reads a few granules. Every value is a query parameter.
import type { ClickHouseClient } from '@clickhouse/client';
import { OBSERVED } from '../schema/migrations.js';

/** How the value is matched against the relation's column. */
export type Match = 'exact' | 'site' | 'int32' | 'domain';

const MATCH: Record<Match, (column: string, param: string) => string> = {
  exact: (c, p) => `${c} = {${p}:String}`,
  // A registrable domain and every host under it.
  site: (c, p) => `(${c} = {${p}:String} OR endsWith(${c}, concat('.', {${p}:String})))`,
  int32: (c, p) => `${c} = {${p}:Int32}`,
  // A cookie's domain as the browser stores it: with or without the leading dot.
  domain: (c, p) => `${c} IN ({${p}:String}, concat('.', {${p}:String}))`,
};

export interface Relation {
  /** Rollup table: first_seen, last_seen, observations per key. */
  rollup: string;
  /** Raw table with the same key columns, where evidence is read. */
  raw: string;
  /** The column holding the looked-up value. */
  on: string;
  /** Output fields: a column (grouped by, and part of the row's key) or a constant SQL expression. */
  fields: Record<string, string>;
  /** Raw column: a URL on the related host (or the page) that shows the relation. */
  evidence: string;
  /** Raw expressions (text) read with the evidence, e.g. a certificate's subject. */
  details?: Record<string, string>;
  /** The column a filter applies to (host-pair cause, tracker type, cookie domain, component version). */
  filterOn?: string;
  /** Key columns that are Nullable in the raw table and '' for NULL in the rollup (a component's unknown version). */
  nullable?: readonly string[];
}

export interface RelationQuery {
  relation: Relation;
  /** The value as the store holds it (for a site match, the registrable domain). */
  value: string;
  match: Match;
}

export interface RelationOptions {
  /** UTC ms: keep rows whose seen interval overlaps [since, until]. */
  since?: number;
  until?: number;
  /** Keep rows whose filter column is one of these. */
  filter?: string[];
  /** Rows in all, over every relation (with `each`, of each relation); and how many to skip (pagination, not with `each`). */
  limit: number;
  offset?: number;
  each?: boolean;
}

/** What every row carries besides its relation's fields. */
export interface Seen {
  first_seen: string;
  last_seen: string;
  observations: number;
  /** One URL showing the relation, and the capture it was seen in ('' when the raw rows are gone). */
  evidence_url: string;
  capture_id: string;
}

/** ClickHouse DateTime64 -> ISO 8601 in UTC with Z. */
export const iso = (expr: string): string => `concat(replaceOne(toString(${expr}), ' ', 'T'), 'Z')`;
const IDENT = /^[a-z_][a-z0-9_]*$/;
const columnsOf = (r: Relation): string[] => [...new Set(Object.values(r.fields).filter((f) => IDENT.test(f)))];
/** A key column as text, so every relation's keys travel as one Array(String) (the raw favicon column is nullable). */
const keyText = (r: Relation, c: string, match: Match): string =>
  (c === r.on && match === 'int32') || r.nullable?.includes(c) ? `ifNull(toString(${c}), '')` : c;

/** A row: its relation's fields (text, or null), what every row carries, and which query it answers. */
export type RelationRow = Record<string, string | null> & Seen & { lookup: number };

/**
 * Reads the rows of every query, in query order, then most observed first, then by
 * `sort` (output fields); with evidence.
 */
export async function readRelations(
  client: ClickHouseClient,
  db: string,
  queries: RelationQuery[],
  sort: string[],
  o: RelationOptions,
): Promise<RelationRow[]> {
  if (!queries.length || o.limit <= 0) return [];
  const params: Record<string, unknown> = {
    limit: o.limit,
    offset: o.offset ?? 0,
    since: o.since ?? 0,
    until: o.until ?? 0,
    filter: o.filter ?? [],
  };
  const window = (first: string, last: string) =>
    [
      o.since !== undefined ? `${last} >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')` : '',
      o.until !== undefined ? `${first} <= fromUnixTimestamp64Milli({until:Int64}, 'UTC')` : '',
    ].filter(Boolean);
  const fieldNames = Object.keys(queries[0]!.relation.fields);
  const parts = queries.map(({ relation: r, value, match }, i) => {
    params[`v${i}`] = match === 'int32' ? Number(value) : value;
    const where = [
      MATCH[match](r.on, `v${i}`),
      r.filterOn && o.filter?.length ? `${r.filterOn} IN {filter:Array(String)}` : '',
    ].filter(Boolean);
    const having = window('f', 'l');
    return `SELECT ${i} AS lookup, ${fieldNames.map((f) => `${IDENT.test(r.fields[f]!) ? `toString(${r.fields[f]})` : r.fields[f]} AS ${f}`).join(', ')},
        min(first_seen) AS f, max(last_seen) AS l, ${OBSERVED} AS o
      FROM ${db}.${r.rollup} WHERE ${where.join(' AND ')} GROUP BY ${columnsOf(r).join(', ')}${having.length ? ` HAVING ${having.join(' AND ')}` : ''}`;
  });
  // Aggregates under names of their own, so HAVING and ORDER BY see times, not their text.
  const query = `SELECT lookup, ${fieldNames.join(', ')}, ${iso('f')} AS first_seen, ${iso('l')} AS last_seen, toUInt64(o) AS observations
    FROM (${parts.join('\nUNION ALL\n')}) ORDER BY lookup, o DESC, ${sort.join(', ')} ${o.each ? 'LIMIT {limit:UInt32} BY lookup' : 'LIMIT {limit:UInt32} OFFSET {offset:UInt64}'}`;
  const rows = await (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<
    Record<string, string | null> & { lookup: number; observations: string }
  >();
  const evidence = await readEvidence(client, db, queries, rows, o, window('observed_at', 'observed_at'));
  return rows.map(({ lookup, observations, ...row }) => {
    const r = queries[lookup]!.relation;
    const e = evidence.get(
      `${lookup}\t${columnsOf(r)
        .map((c) => row[fieldOf(r, c)])
        .join('\t')}`,
    );
    return {
      ...row,
      first_seen: row.first_seen!,
      last_seen: row.last_seen!,
      observations: Number(observations),
      evidence_url: e?.evidence_url ?? '',
      capture_id: e?.capture_id ?? '',
      ...e?.details,
      lookup,
    } as RelationRow;
  });
}

const fieldOf = (r: Relation, column: string): string => Object.keys(r.fields).find((f) => r.fields[f] === column)!;

interface Evidence {
  evidence_url: string;
  capture_id: string;
  details: Record<string, string>;
}

/** The latest row: by observation time, then by event id, so that two findings of one capture (a script's URL and its snippet in the markup) always give the same evidence. */
const LATEST = '(observed_at, event_id)';

/** The latest evidence (in the window) of each row, by the row's key columns; keyed by lookup and key text. */
async function readEvidence(
  client: ClickHouseClient,
  db: string,
  queries: RelationQuery[],
  rows: (Record<string, string | null> & { lookup: number })[],
  o: RelationOptions,
  window: string[],
): Promise<Map<string, Evidence>> {
  const params: Record<string, unknown> = { since: o.since ?? 0, until: o.until ?? 0 };
  const parts: string[] = [];
  queries.forEach(({ relation: r, value, match }, i) => {
    const mine = rows.filter((row) => row.lookup === i);
    if (!mine.length) return;
    const cols = columnsOf(r);
    params[`v${i}`] = match === 'int32' ? Number(value) : value;
    const keys = mine.map((row) => cols.map((c) => row[fieldOf(r, c)] ?? ''));
    const keyed = cols.map((c) => keyText(r, c, match));
    // One key column: a set of values; several: a set of tuples (both read the raw table's primary key).
    params[`k${i}`] = cols.length === 1 ? keys.map((k) => k[0]) : keys;
    const inKeys =
      cols.length === 1
        ? `${keyed[0]} IN {k${i}:Array(String)}`
        : `(${keyed.join(', ')}) IN (SELECT arrayJoin(arrayMap(k -> tuple(${cols.map((_, j) => `k[${j + 1}]`).join(', ')}), {k${i}:Array(Array(String))})))`;
    const details = Object.entries(r.details ?? {}).map(
      ([name, expr]) => `'${name}', toString(argMax(${expr}, ${LATEST}))`,
    );
    parts.push(`SELECT ${i} AS lookup, [${keyed.join(', ')}] AS key,
        argMax(${r.evidence}, ${LATEST}) AS evidence_url, argMax(capture_id, ${LATEST}) AS capture_id,
        CAST(map(${details.join(', ')}), 'Map(String, String)') AS details
      FROM ${db}.${r.raw}
      WHERE ${[MATCH[match](r.on, `v${i}`), inKeys, ...window].join(' AND ')}
      GROUP BY ${cols.join(', ')}`);
  });
  const found = new Map<string, Evidence>();
  if (!parts.length) return found;
  const r = await client.query({ query: parts.join('\nUNION ALL\n'), format: 'JSONEachRow', query_params: params });
  for (const e of await r.json<Evidence & { lookup: number; key: string[] }>())
    found.set(`${e.lookup}\t${e.key.join('\t')}`, e);
  return found;
}
