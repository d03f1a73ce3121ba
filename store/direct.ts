// The store interface (access.ts) on this process's own ClickHouse client: the queries of
// queries/ run here, and rows go into the alerting tables under a token made of the rows.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import type { AlertingTable, ComponentOptions, StoreAccess, StoreStats } from './access.js';
import { INSERT_RETRIES, insertStatement, withRetries } from './insert.js';
import type { OpenedStore } from './open.js';
import { cloakingEvents, type CloakingOptions } from './queries/cloaking.js';
import { lookupComponents, type ComponentLookup } from './queries/lookups.js';
import { pivot, type PivotOptions } from './queries/pivot.js';
import { tableStats } from './queries/records.js';
import { indicatorReport, type ReportOptions } from './queries/report.js';
import { lookupSimilar, similarInput, type SimilarOptions } from './queries/similar.js';
import { schemaVersion } from './schema/migrations.js';
import { formattedOutput } from './queries/sql.js';

export class DirectStore implements StoreAccess {
  readonly db: string;
  readonly describe: string;
  readonly spillDir: string;
  private readonly client: ClickHouseClient;

  /** `close` is what closing this access does: nothing for a store held by someone else in this process (vucrawl serve's). */
  constructor(
    readonly held: OpenedStore,
    private readonly closeStore: () => Promise<void> = async () => {},
  ) {
    this.client = held.store.client;
    this.db = held.db;
    this.describe = held.store.describe;
    this.spillDir = held.spillDir;
  }

  async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return (await this.client.query({ query, format: 'JSONEachRow', query_params: params })).json<T>();
  }

  insert(table: AlertingTable, rows: Record<string, unknown>[]): Promise<void> {
    return insertRows(this.client, this.db, table, rows);
  }

  pivot(value: string, o: PivotOptions) {
    return pivot(this.client, this.db, value, o);
  }

  similar(value: string, o: SimilarOptions) {
    const input = similarInput(value);
    if (!input)
      throw new Error(`not a page URL (http(s)://...) or a perceptual hash (16 hex digits): "${value.slice(0, 200)}"`);
    return lookupSimilar(this.client, this.db, input, o);
  }

  components(lookup: ComponentLookup, value: string, { site, ...o }: ComponentOptions) {
    return lookupComponents(this.client, this.db, lookup, { value, site }, o);
  }

  cloaking(o: CloakingOptions) {
    return cloakingEvents(this.client, this.db, o);
  }

  indicator(value: string, o: ReportOptions) {
    return indicatorReport(this.client, this.db, value, o);
  }

  async sql(query: string): Promise<Record<string, unknown>[]> {
    return (await this.client.query({ query, format: 'JSONEachRow' })).json<Record<string, unknown>>();
  }

  sqlOutput(query: string): Promise<Buffer> {
    return formattedOutput(this.client, query);
  }

  async stats(): Promise<StoreStats> {
    return {
      store: this.describe,
      schema_version: await schemaVersion(this.client, this.db),
      spill_folder: this.spillDir,
      tables: await tableStats(this.client, this.db),
    };
  }

  close(): Promise<void> {
    return this.closeStore();
  }
}

/** One INSERT of JSON rows, its deduplication token the SHA-256 of the rows (settings in its text: see insertStatement). */
export async function insertRows(
  client: ClickHouseClient,
  db: string,
  table: AlertingTable,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const body = rows.map((r) => JSON.stringify(r)).join('\n');
  const statement = insertStatement(`${db}.${table}`, Object.keys(rows[0]!), 'JSONEachRow', {
    insert_deduplication_token: createHash('sha256').update(`${table}\n${body}`).digest('hex'),
  });
  await withRetries(INSERT_RETRIES, async () => {
    const r = await client.exec({ query: `${statement}\n${body}\n` });
    r.stream.destroy();
  });
}
