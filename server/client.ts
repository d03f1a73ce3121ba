// The CLI's side of `vucrawl serve`: while a server holds the embedded store, the same
// user's store commands call its API with the per-start token from the owner file, and
// get the very rows the direct path would print. Typed per call; no retries (a command
// that cannot reach a live server says so).
import type { EventOf } from '../extractor/events.js';
import type { CloakingOptions } from '../store/queries/cloaking.js';
import type { OwnerServer } from '../store/connect.js';
import type { ComponentLookup, ComponentRow, PivotRow } from '../store/queries/lookups.js';
import type { PivotOptions } from '../store/queries/pivot.js';
import type { RelationOptions } from '../store/queries/relations.js';
import type { SimilarLookup, SimilarOptions, SimilarPage } from '../store/queries/similar.js';
import type { TableStats } from '../store/queries/records.js';
import type { IndicatorReport, ReportOptions } from '../store/queries/report.js';
import { serverRequest } from '../store/server-call.js';
import type { Page } from './paging.js';

export interface StoreStats {
  store: string;
  schema_version: number;
  spill_folder: string;
  tables: TableStats[];
}

const isoOf = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export class ApiClient {
  constructor(readonly server: OwnerServer) {}

  /** Every row of a pivot, following cursors until `limit` rows. */
  async pivot(value: string, o: PivotOptions): Promise<PivotRow[]> {
    const rows: PivotRow[] = [];
    let cursor: string | undefined;
    if (o.limit <= 0) return rows;
    do {
      const page = await serverRequest<Page<PivotRow>>(this.server, 'GET', `/api/v1/pivot/${encodeURIComponent(value)}`, {
        query: { direction: o.direction, start: o.since, end: o.until, site: o.site, limit: Math.min(o.limit - rows.length, 1000), cursor },
      });
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
      const page = await serverRequest<Page<SimilarPage> & Omit<SimilarLookup, 'rows'>>(this.server, 'GET', `/api/v1/similar/${encodeURIComponent(value)}`, {
        query: { distance: o.distance, start: isoOf(o.since), end: isoOf(o.until), limit: Math.max(1, Math.min(o.limit - found.rows.length, 1000)), cursor },
      });
      Object.assign(found, { phash: page.phash, description: page.description });
      found.rows.push(...page.results.slice(0, o.limit - found.rows.length));
      cursor = page.next_cursor ?? undefined;
    } while (cursor && found.rows.length < o.limit);
    return found;
  }

  /** Every row of a component lookup (hosts running NAME, its filter one version; or the components of a host), following cursors until `limit` rows. */
  async components(lookup: ComponentLookup, value: string, o: Pick<RelationOptions, 'since' | 'until' | 'limit' | 'filter'> & { site?: boolean }): Promise<ComponentRow[]> {
    const rows: ComponentRow[] = [];
    const [url, query] = lookup === 'componentHosts'
      ? [`/api/v1/components/${encodeURIComponent(value)}/hosts`, { version: o.filter?.[0] }]
      : [`/api/v1/hosts/${encodeURIComponent(value)}/components`, { site: o.site }];
    let cursor: string | undefined;
    while (rows.length < o.limit) {
      const page = await serverRequest<Page<ComponentRow>>(this.server, 'GET', url, {
        query: { ...query, start: isoOf(o.since), end: isoOf(o.until), limit: Math.min(o.limit - rows.length, 1000), cursor },
      });
      rows.push(...page.results);
      cursor = page.next_cursor ?? undefined;
      if (!cursor) break;
    }
    return rows;
  }

  /** Every cloaking event of a lookup, following cursors until `limit` rows. */
  async cloaking(o: CloakingOptions): Promise<EventOf<'cloaking'>[]> {
    const rows: EventOf<'cloaking'>[] = [];
    let cursor: string | undefined;
    while (rows.length < o.limit) {
      const page = await serverRequest<Page<EventOf<'cloaking'>>>(this.server, 'GET', '/api/v1/cloaking', {
        query: { host: o.host, site: o.site, start: isoOf(o.since), end: isoOf(o.until), limit: Math.min(o.limit - rows.length, 1000), cursor },
      });
      rows.push(...page.results);
      cursor = page.next_cursor ?? undefined;
      if (!cursor) break;
    }
    return rows;
  }

  indicator(value: string, o: ReportOptions): Promise<IndicatorReport> {
    return serverRequest(this.server, 'GET', `/api/v1/indicator/${encodeURIComponent(value)}`, { query: { start: o.since, end: o.until, site: o.site, limit: o.limit } });
  }

  async sql(query: string): Promise<Record<string, unknown>[]> {
    return (await serverRequest<{ rows: Record<string, unknown>[] }>(this.server, 'POST', '/api/v1/sql', { body: { query } })).rows;
  }

  stats(): Promise<StoreStats> {
    return serverRequest(this.server, 'GET', '/api/v1/stats');
  }
}
