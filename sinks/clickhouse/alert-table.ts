// Alerts into the store: the `alerts` table, where an alert's key says whether its fact was
// raised before (one row per key is shown, store/queries/alerts.ts; two processes raising
// one fact at once may both store it).
import type { Alert } from '../../alerting/alert.js';
import type { TableAccess } from '../../store/access.js';
import { chTime } from '../../store/insert.js';

/** The keys among these that the store already holds. */
export async function knownAlertKeys(a: TableAccess, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await a.rows<{ key: string }>(
    `SELECT DISTINCT key FROM ${a.db}.alerts WHERE key IN {keys:Array(String)}`,
    { keys },
  );
  return new Set(rows.map((r) => r.key));
}

export async function insertAlerts(a: TableAccess, alerts: Alert[]): Promise<void> {
  await a.insert(
    'alerts',
    alerts.map(({ schema: _, ...x }) => ({
      ...x,
      first_seen: chTime(Date.parse(x.first_seen)),
      raised_at: chTime(Date.parse(x.raised_at)),
    })),
  );
}
