// The store interface (access.ts) through the `vucrawl serve` that holds an embedded store:
// the same user's commands call its API with the per-start token from the owner file, and
// get the very rows the direct path would give, without loading the engine at all. Typed
// per call; lists follow the API's cursors up to the limit asked for. No retries but for
// inserts (a command that cannot reach a live server says so).
import path from 'node:path';
import type { EventOf } from '../extractor/events.js';
import type { AlertingTable, ComponentOptions, StoreAccess, StoreStats } from './access.js';
import { DEFAULT_DATA_DIR, DEFAULT_DATABASE, type OwnerServer } from './connect.js';
import { INSERT_RETRIES, withRetries } from './insert.js';
import type { CloakingOptions } from './queries/cloaking.js';
import type { ComponentLookup, ComponentRow, PivotRow } from './queries/lookups.js';
import type { PivotOptions } from './queries/pivot.js';
import type { IndicatorReport, ReportOptions } from './queries/report.js';
import type { SimilarLookup, SimilarOptions, SimilarPage } from './queries/similar.js';
import { serverRequest } from './server-call.js';

/** The internal route that takes rows for the alerting tables (admin key). */
export const INTERNAL_ROWS_PATH = '/api/v1/internal/rows';
const SQL_PATH = '/api/v1/sql';

/** One page of a list the API answers (server/paging.ts). */
interface Page<T> {
  results: T[];
  next_cursor: string | null;
}

const isoOf = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

export class ServedStore implements StoreAccess {
  readonly describe: string;
  readonly spillDir: string;

  /** dataDir: the embedded store's folder the server holds (its spill folder is there, as for the store opened here). */
  constructor(
    readonly server: OwnerServer,
    readonly db = DEFAULT_DATABASE,
    dataDir = DEFAULT_DATA_DIR,
  ) {
    const dir = path.resolve(dataDir);
    this.describe = `embedded ClickHouse (chDB) in ${dir}, through vucrawl serve at ${server.url}`;
    this.spillDir = path.join(dir, 'spill');
  }

  /** Through the server's read-only SQL route, with the parameters. */
  async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return (await serverRequest<{ rows: T[] }>(this.server, 'POST', SQL_PATH, { body: { query, params } })).rows;
  }

  insert(table: AlertingTable, rows: Record<string, unknown>[]): Promise<void> {
    return rows.length
      ? withRetries(INSERT_RETRIES, () =>
          serverRequest(this.server, 'POST', INTERNAL_ROWS_PATH, { query: { table }, body: rows }),
        )
      : Promise.resolve();
  }

  /** Every row of a pivot, following cursors until `limit` rows. */
  async pivot(value: string, o: PivotOptions): Promise<PivotRow[]> {
    const rows: PivotRow[] = [];
    let cursor: string | undefined;
    if (o.limit <= 0) return rows;
    do {
      const page = await serverRequest<Page<PivotRow>>(
        this.server,
        'GET',
        `/api/v1/pivot/${encodeURIComponent(value)}`,
        {
          query: {
            direction: o.direction,
            start: o.since,
            end: o.until,
            site: o.site,
            limit: Math.min(o.limit - rows.length, 1000),
            cursor,
          },
        },
      );
      rows.push(...page.results);
      cursor = page.next_cursor ?? undefined;
    } while (cursor && rows.length < o.limit);
    return rows;
  }

  /** Every row of a similarity lookup, following cursors until `limit` rows. */
  async similar(value: string, o: SimilarOptions): Promise<SimilarLookup> {
    const found: SimilarLookup = { phash: null, description: '', rows: [] };
    let cursor: string | undefined;
    do {
      const page = await serverRequest<Page<SimilarPage> & Omit<SimilarLookup, 'rows'>>(
        this.server,
        'GET',
        `/api/v1/similar/${encodeURIComponent(value)}`,
        {
          query: {
            distance: o.distance,
            start: isoOf(o.since),
            end: isoOf(o.until),
            limit: Math.max(1, Math.min(o.limit - found.rows.length, 1000)),
            cursor,
          },
        },
      );
      Object.assign(found, { phash: page.phash, description: page.description });
      found.rows.push(...page.results.slice(0, o.limit - found.rows.length));
      cursor = page.next_cursor ?? undefined;
    } while (cursor && found.rows.length < o.limit);
    return found;
  }

  /** Every row of a component lookup (hosts running NAME, its filter one version; or the components of a host), following cursors until `limit` rows. */
  components(lookup: ComponentLookup, value: string, o: ComponentOptions): Promise<ComponentRow[]> {
    const [url, query] =
      lookup === 'componentHosts'
        ? [`/api/v1/components/${encodeURIComponent(value)}/hosts`, { version: o.filter?.[0] }]
        : [`/api/v1/hosts/${encodeURIComponent(value)}/components`, { site: o.site }];
    return this.pages<ComponentRow>(url, query, o);
  }

  /** Every cloaking event of a lookup, following cursors until `limit` rows. */
  cloaking(o: CloakingOptions): Promise<EventOf<'cloaking'>[]> {
    return this.pages<EventOf<'cloaking'>>('/api/v1/cloaking', { host: o.host, site: o.site }, o);
  }

  /** A paged route's results within a time window, following its cursors until `limit` rows. */
  private async pages<T>(
    url: string,
    query: Record<string, string | boolean | undefined>,
    o: { since?: number; until?: number; limit: number },
  ): Promise<T[]> {
    const rows: T[] = [];
    let cursor: string | undefined;
    while (rows.length < o.limit) {
      const page = await serverRequest<Page<T>>(this.server, 'GET', url, {
        query: {
          ...query,
          start: isoOf(o.since),
          end: isoOf(o.until),
          limit: Math.min(o.limit - rows.length, 1000),
          cursor,
        },
      });
      rows.push(...page.results);
      cursor = page.next_cursor ?? undefined;
      if (!cursor) break;
    }
    return rows;
  }

  indicator(value: string, o: ReportOptions): Promise<IndicatorReport> {
    return serverRequest(this.server, 'GET', `/api/v1/indicator/${encodeURIComponent(value)}`, {
      query: { start: o.since, end: o.until, site: o.site, limit: o.limit },
    });
  }

  async sql(query: string): Promise<Record<string, unknown>[]> {
    return (
      await serverRequest<{ rows: Record<string, unknown>[] }>(this.server, 'POST', SQL_PATH, { body: { query } })
    ).rows;
  }

  sqlOutput(query: string): Promise<Buffer> {
    return serverRequest(this.server, 'POST', SQL_PATH, { body: { query }, bytes: true });
  }

  stats(): Promise<StoreStats> {
    return serverRequest(this.server, 'GET', '/api/v1/stats');
  }

  /** Nothing to close: the server keeps the store. */
  async close(): Promise<void> {}
}
