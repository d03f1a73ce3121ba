// Ad-hoc SQL as clickhouse-client users write it: a query that names its own output format
// (`... FORMAT TSV`, CSV, JSONEachRow, Parquet, ...) gets the engine's bytes as they are;
// one without is answered as rows.
import type { ClickHouseClient } from '@clickhouse/client';

/** A trailing FORMAT clause (an optional `;` after it); SETTINGS may follow, as ClickHouse allows. */
const FORMAT_CLAUSE = /\bFORMAT\s+([A-Za-z][A-Za-z0-9]*)(?:\s+SETTINGS\s+[^;]*)?\s*;?\s*$/i;

/** The output format a query names for itself, or undefined. */
export function outputFormat(query: string): string | undefined {
  return FORMAT_CLAUSE.exec(query)?.[1];
}

/** The media type of a format's output, for an HTTP answer. */
export function formatMediaType(format: string): string {
  const f = format.toLowerCase();
  if (f.startsWith('tabseparated') || f.startsWith('tsv')) return 'text/tab-separated-values; charset=utf-8';
  if (f.startsWith('csv')) return 'text/csv; charset=utf-8';
  if (f.startsWith('json')) return f === 'json' || f === 'jsoncompact' ? 'application/json' : 'application/x-ndjson';
  if (f.startsWith('pretty') || f === 'vertical' || f === 'markdown' || f === 'values')
    return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/** Runs a query that names its format; its output as the engine wrote it, at most maxBytes. */
export async function formattedOutput(
  client: ClickHouseClient,
  query: string,
  o: { params?: Record<string, unknown>; maxBytes?: number } = {},
): Promise<Buffer> {
  const { stream } = await client.exec({ query, query_params: o.params });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += b.length;
    if (o.maxBytes !== undefined && size > o.maxBytes) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new Error(`the query's output is larger than ${o.maxBytes} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
