// Alerts in the store: the `alerts` table, where an alert's key says whether its fact was
// raised before (one row per key is shown; two processes raising one fact at once may both
// store it).
import { ALERT_SCHEMA, type Alert } from '../../alerting/alert.js';
import { chTime } from './event-store.js';
import { iso } from './relations.js';
import type { StoreAccess } from './store-access.js';

/** The keys among these that the store already holds. */
export async function knownAlertKeys(a: StoreAccess, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await a.rows<{ key: string }>(`SELECT DISTINCT key FROM ${a.db}.alerts WHERE key IN {keys:Array(String)}`, { keys });
  return new Set(rows.map((r) => r.key));
}

export async function insertAlerts(a: StoreAccess, alerts: Alert[]): Promise<void> {
  await a.insert('alerts', alerts.map(({ schema: _, ...x }) => ({ ...x, first_seen: chTime(Date.parse(x.first_seen)), raised_at: chTime(Date.parse(x.raised_at)) })));
}

export interface AlertQuery {
  /** UTC ms: alerts whose fact was first seen at or after this. */
  since?: number;
  limit: number;
  offset?: number;
}

/** Alerts, newest first, one per fact. */
export async function listAlerts(a: StoreAccess, q: AlertQuery): Promise<Alert[]> {
  const rows = await a.rows<Omit<Alert, 'schema'>>(`SELECT key, source_kind, source, rule, subject, scope, details, ${iso('first_seen')} AS first_seen,
      ${iso('raised_at')} AS raised_at, capture_id, urls
    FROM (SELECT * FROM ${a.db}.alerts WHERE first_seen >= fromUnixTimestamp64Milli({since:Int64}, 'UTC') ORDER BY raised_at LIMIT 1 BY key)
    ORDER BY first_seen DESC, key LIMIT {limit:UInt32} OFFSET {offset:UInt64}`, { since: q.since ?? 0, limit: q.limit, offset: q.offset ?? 0 });
  return rows.map((r) => ({ schema: ALERT_SCHEMA, ...r }));
}
