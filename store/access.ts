// The store as everything that reads it sees it: one interface, StoreAccess, the same
// answers whichever process holds the store. Two implementations: direct.ts (this
// process's ClickHouse client, the queries of queries/ run here) and served.ts (the API of
// the `vucrawl serve` that holds an embedded store: the engine allows one process per
// folder). choose.ts picks one from the store flags, and nothing else decides it.
import type { EventOf } from '../extractor/events.js';
import type { OwnerServer } from './connect.js';
import type { OpenedStore } from './open.js';
import type { CloakingOptions } from './queries/cloaking.js';
import type { ComponentLookup, ComponentRow } from './queries/lookups.js';
import type { PivotOptions, PivotRow } from './queries/pivot.js';
import type { TableStats } from './queries/records.js';
import type { RelationOptions } from './queries/relations.js';
import type { IndicatorReport, ReportOptions } from './queries/report.js';
import type { SimilarLookup, SimilarOptions } from './queries/similar.js';

/** The tables rows may be appended to (through the server too): projects, brands, monitors, watches and what they produce. */
export const ALERTING_TABLES = [
  'projects',
  'brands',
  'project_indicators',
  'monitors',
  'watches',
  'monitor_observations',
  'alerts',
] as const;
export type AlertingTable = (typeof ALERTING_TABLES)[number];

/**
 * SQL on the store's tables: SELECTs with every value a query parameter, and rows appended
 * to the alerting tables. All that the queries over projects, monitors, watches and alerts
 * need (queries/projects.ts, ...), so that a few rows in memory can stand in for a store.
 */
export interface TableAccess {
  /** The database the tables are in. */
  db: string;
  rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]>;
  /** Appends rows (objects with the same keys) to a table; retried, and dropped by the store if the same rows landed before. */
  insert(table: AlertingTable, rows: Record<string, unknown>[]): Promise<void>;
}

/** What `vucrawl stats` and GET /api/v1/stats show. */
export interface StoreStats {
  store: string;
  schema_version: number;
  spill_folder: string;
  tables: TableStats[];
}

export type ComponentOptions = Pick<RelationOptions, 'since' | 'until' | 'limit' | 'filter'> & { site?: boolean };

/** The store: every query a command runs, written once, answered directly or through `vucrawl serve`. */
export interface StoreAccess extends TableAccess {
  /** e.g. "embedded ClickHouse (chDB) in /data", "..., through vucrawl serve at http://127.0.0.1:8080". */
  describe: string;
  /** Where a crawl's batches are spilled while the store is unreachable. */
  spillDir: string;
  /** Through `vucrawl serve`: where it listens, and this user's token. */
  server?: OwnerServer;
  /** Directly: the store this process holds, for what only the engine itself does (a crawl's batches, the loader). */
  held?: OpenedStore;
  /** Hosts related to a value (recognized by its shape), at most o.limit rows. */
  pivot(value: string, o: PivotOptions): Promise<PivotRow[]>;
  /** Pages that look like a page (by URL) or a perceptual hash. */
  similar(value: string, o: SimilarOptions): Promise<SimilarLookup>;
  /** Hosts running a component (value: its name; filter: one version), or a host's components. */
  components(lookup: ComponentLookup, value: string, o: ComponentOptions): Promise<ComponentRow[]>;
  cloaking(o: CloakingOptions): Promise<EventOf<'cloaking'>[]>;
  /** Everything known about one indicator (vucrawl enrich, GET /api/v1/indicator/{value}). */
  indicator(value: string, o: ReportOptions): Promise<IndicatorReport>;
  /** Ad-hoc SQL: with the store's own rights directly; read-only, 10,000 rows and 10 s at most through the server. */
  sql(query: string): Promise<Record<string, unknown>[]>;
  /** Ad-hoc SQL that names its output FORMAT: the engine's output as it is (same rights and limits as sql). */
  sqlOutput(query: string): Promise<Buffer>;
  stats(): Promise<StoreStats>;
  /** Closes what was opened for this access (nothing for a store held elsewhere). */
  close(): Promise<void>;
}
