// How rows go into ClickHouse, for every writer (the event store, dead letters, the
// alerting tables): an INSERT whose settings travel in its text, retried with backoff, and
// times as DateTime64(3) reads them.
import { backoffDelay, sleep } from '../runtime/timing.js';

/** How often an insert is tried again, and the first wait (doubled each time). */
export interface Retries {
  retries: number;
  retryBaseMs: number;
}

/** Every insert's retries unless its writer says otherwise (the event store's defaults too). */
export const INSERT_RETRIES: Retries = { retries: 5, retryBaseMs: 250 };

/** UTC ms -> seconds with three decimals, which DateTime64(3) reads as a Unix time in any text format. */
export const chTime = (ms: unknown): string => ((ms as number) / 1000).toFixed(3);

/**
 * An INSERT whose settings travel in its own text. Passed as clickhouse_settings, the
 * embedded engine would run them as session-wide SET statements ahead of the INSERT: they
 * would outlive it (a later insert would inherit its deduplication token), and the
 * multi-statement text, rows included, slowed the parse of each batch by a fifth or more.
 */
export function insertStatement(
  table: string,
  columns: string[],
  format: 'TabSeparated' | 'JSONCompactEachRow' | 'JSONEachRow',
  settings: Record<string, string | number>,
): string {
  const s = Object.entries(settings)
    .map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v.replace(/[\\']/g, '\\$&')}'`}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) SETTINGS ${s} FORMAT ${format}`;
}

/** Runs `attempt` until it succeeds, `retries` more times at most, with exponential backoff. */
export async function withRetries<T>(o: Retries, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= o.retries) throw e;
      await sleep(backoffDelay(n, o.retryBaseMs));
    }
  }
}
