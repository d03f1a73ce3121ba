// Pivots: from one value to the hosts related to it, with how (cause or type), first and
// last seen and how often it was observed. The value's kind is recognized from its shape; a value
// that fits several kinds (a number can be a favicon hash or a tracker ID) is looked up as
// each. Every lookup reads a rollup table by its primary key.
import type { ClickHouseClient } from '@clickhouse/client';
import { isIP } from 'node:net';

export type PivotKind = 'host' | 'ip' | 'tracker' | 'sha256' | 'favicon' | 'cookie';

export interface PivotRow {
  kind: PivotKind;
  /** host pair cause, tracker type, "served", "certificate", "favicon", cookie domain, "resolved to". */
  relation: string;
  /** The related host (for an IP pivot: the host that answered from it). */
  host: string;
  /** For host pivots: parents (hosts that lead to VALUE) or children (hosts VALUE leads to). */
  direction: 'parent' | 'child' | null;
  first_seen: string;
  last_seen: string;
  /** How many times the relation was observed (a page can observe it more than once, e.g. in its DOM and its requests). */
  observations: number;
}

export interface PivotOptions {
  direction?: 'parents' | 'children';
  /** ISO dates: keep relations whose seen interval overlaps [since, until]. */
  since?: string;
  until?: string;
  limit: number;
}

/** The kinds a value can be, by its shape. */
export function pivotKinds(value: string): PivotKind[] {
  if (isIP(value)) return ['ip'];
  if (/^[0-9a-f]{64}$/i.test(value)) return ['sha256'];
  if (/^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2 ** 31) return ['favicon', 'tracker'];
  if (/^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value)) return ['host', 'tracker'];
  return ['tracker', 'cookie'];
}

interface Lookup {
  kind: PivotKind;
  relation: string;
  host: string;
  direction?: 'parent' | 'child';
  table: string;
  where: string;
  groupBy: string;
}

function lookups(value: string, kind: PivotKind, o: PivotOptions): Lookup[] {
  switch (kind) {
    case 'host': {
      const parents: Lookup = { kind, relation: 'cause', host: 'parent_host', direction: 'parent', table: 'host_pairs_by_child', where: 'child_host = {v:String}', groupBy: 'parent_host, cause' };
      const children: Lookup = { kind, relation: 'cause', host: 'child_host', direction: 'child', table: 'host_pairs_by_parent', where: 'parent_host = {v:String}', groupBy: 'child_host, cause' };
      return o.direction === 'parents' ? [parents] : o.direction === 'children' ? [children] : [parents, children];
    }
    case 'ip':
      return [{ kind, relation: "'resolved to'", host: 'host', table: 'host_ip_rollup', where: 'ip = {v:String}', groupBy: 'host' }];
    case 'tracker':
      return [{ kind, relation: 'type', host: 'host', table: 'tracker_rollup', where: 'value = {v:String}', groupBy: 'host, type' }];
    case 'sha256':
      return [
        { kind, relation: "'served'", host: 'host', table: 'resource_rollup', where: 'sha256 = lower({v:String})', groupBy: 'host' },
        { kind, relation: "'certificate'", host: 'host', table: 'certificate_rollup', where: 'sha256 = lower({v:String})', groupBy: 'host' },
      ];
    case 'favicon':
      return [{ kind, relation: "'favicon'", host: 'host', table: 'favicon_rollup', where: 'favicon_mmh3 = toInt32({v:String})', groupBy: 'host' }];
    case 'cookie':
      return [{ kind, relation: 'domain', host: 'host', table: 'cookie_rollup', where: 'name = {v:String}', groupBy: 'host, domain' }];
  }
}

export async function pivot(client: ClickHouseClient, db: string, value: string, o: PivotOptions): Promise<PivotRow[]> {
  const rows: PivotRow[] = [];
  for (const kind of pivotKinds(value)) {
    for (const l of lookups(value, kind, o)) {
      const having = [o.since ? 'l >= parseDateTime64BestEffort({since:String}, 3)' : '', o.until ? 'f <= parseDateTime64BestEffort({until:String}, 3)' : ''].filter(Boolean);
      // Aggregates under names of their own, so HAVING and ORDER BY see times, not their text.
      const query = `SELECT kind, relation, host, direction, toString(f) AS first_seen, toString(l) AS last_seen, o AS observations FROM (
          SELECT '${l.kind}' AS kind, toString(${l.relation}) AS relation, ${l.host} AS host, ${l.direction ? `'${l.direction}'` : 'NULL'} AS direction,
            min(first_seen) AS f, max(last_seen) AS l, toUInt64(sum(observations)) AS o
          FROM ${db}.${l.table} WHERE ${l.where} GROUP BY ${l.groupBy}${having.length ? ` HAVING ${having.join(' AND ')}` : ''})
        ORDER BY o DESC, host LIMIT {limit:UInt32}`;
      const r = await client.query({ query, format: 'JSONEachRow', query_params: { v: value, since: o.since ?? '', until: o.until ?? '', limit: o.limit } });
      for (const row of await r.json<PivotRow>()) rows.push({ ...row, observations: Number(row.observations) });
    }
  }
  return rows;
}
