// Alerts as the store shows them: newest first, one row per fact (its key), however many
// processes raised it. They are written by sinks/clickhouse/alert-table.ts.
import { ALERT_SCHEMA, type Alert } from '../../alerting/alert.js';
import type { TableAccess } from '../access.js';
import { iso } from './relations.js';

export interface AlertQuery {
  /** UTC ms: alerts whose fact was first seen at or after this. */
  since?: number;
  limit: number;
  offset?: number;
}

/** Alerts, newest first, one per fact. */
export async function listAlerts(a: TableAccess, q: AlertQuery): Promise<Alert[]> {
  const rows = await a.rows<Omit<Alert, 'schema'>>(
    `SELECT key, source_kind, source, rule, subject, scope, details, ${iso('first_seen')} AS first_seen,
      ${iso('raised_at')} AS raised_at, capture_id, urls
    FROM (SELECT * FROM ${a.db}.alerts WHERE first_seen >= fromUnixTimestamp64Milli({since:Int64}, 'UTC') ORDER BY raised_at LIMIT 1 BY key)
    ORDER BY first_seen DESC, key LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    { since: q.since ?? 0, limit: q.limit, offset: q.offset ?? 0 },
  );
  return rows.map((r) => ({ schema: ALERT_SCHEMA, ...r }));
}
