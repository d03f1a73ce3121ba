// The ClickHouse schema, applied by the project itself: numbered migrations, each made of
// idempotent statements, recorded in schema_migrations once applied. Applying twice is a
// no-op; a store at an older version gets the missing migrations, data kept.
//
// Choices (ClickHouse's own guidance, see the README's data engineer's guide):
// - raw tables: MergeTree, PARTITION BY month (partitions are for data management, few
//   and coarse), ORDER BY the columns pivots filter on, from lower to higher cardinality,
//   then time; LowCardinality(String) only for small vocabularies (cause, type, outcome).
// - rollups: AggregatingMergeTree fed by materialized views, first_seen/last_seen/count
//   as SimpleAggregateFunction(min/max/sum), one table per pivot key ordered by it. Host
//   pairs have two (by child and by parent) so both directions read the primary key.
// - every table keeps a deduplication window, so a retried or replayed insert with the
//   same insert_deduplication_token is dropped (MVs included).
import type { ClickHouseClient } from '@clickhouse/client';

export interface Migration {
  version: number;
  description: string;
  statements: (db: string) => string[];
}

const DEDUP = 'SETTINGS non_replicated_deduplication_window = 10000';
const TIME = "DateTime64(3, 'UTC')";
const ENVELOPE = `observed_at ${TIME}, crawl_id String, capture_id String, page_url String, profile LowCardinality(String)`;
const RAW = (order: string) => `ENGINE = MergeTree PARTITION BY toYYYYMM(observed_at) ORDER BY (${order}) ${DEDUP}`;
const ROLLUP = (order: string) => `ENGINE = AggregatingMergeTree ORDER BY (${order}) ${DEDUP}`;
const SEEN = `first_seen SimpleAggregateFunction(min, ${TIME}), last_seen SimpleAggregateFunction(max, ${TIME}), observations SimpleAggregateFunction(sum, UInt64)`;
const AGG = 'min(observed_at) AS first_seen, max(observed_at) AS last_seen, count() AS observations';

/** A rollup table and the materialized view that feeds it from a raw table. */
function rollup(db: string, name: string, keys: string, order: string, from: string, where = ''): string[] {
  const cols = keys.split(',').map((k) => k.trim());
  return [
    `CREATE TABLE IF NOT EXISTS ${db}.${name} (${cols.map((c) => `${c} String`).join(', ')}, ${SEEN}) ${ROLLUP(order)}`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.${name}_mv TO ${db}.${name} AS SELECT ${cols.join(', ')}, ${AGG} FROM ${db}.${from} ${where} GROUP BY ${cols.join(', ')}`,
  ];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'raw event tables and first/last-seen rollups',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.pages (${ENVELOPE}, url String, final_url String, host String, site String, depth UInt16, seed_url String,
        status Nullable(UInt16), outcome LowCardinality(String), error Nullable(String), title Nullable(String), redirect_chain Array(String),
        body_sha256 Nullable(String), body_size Nullable(UInt64), dom_sha256 Nullable(String), favicon_url Nullable(String),
        favicon_sha256 Nullable(String), favicon_mmh3 Nullable(Int32), ip Nullable(String), port Nullable(UInt16),
        tls_protocol LowCardinality(Nullable(String)), tls_issuer Nullable(String), requests UInt32, frames UInt32) ${RAW('site, host, observed_at')}`,
      `CREATE TABLE IF NOT EXISTS ${db}.host_pairs (${ENVELOPE}, parent_host String, child_host String, cause LowCardinality(String),
        parent_url String, child_url String, source LowCardinality(String), tag LowCardinality(Nullable(String)),
        resource_type LowCardinality(Nullable(String)), initiator_type LowCardinality(Nullable(String)), initiator_url Nullable(String),
        frame_url Nullable(String)) ${RAW('child_host, cause, parent_host, observed_at')}`,
      `CREATE TABLE IF NOT EXISTS ${db}.trackers (${ENVELOPE}, host String, type LowCardinality(String), value String,
        source LowCardinality(String), \`where\` String) ${RAW('value, type, host, observed_at')}`,
      `CREATE TABLE IF NOT EXISTS ${db}.resources (${ENVELOPE}, url String, host String, resource_type LowCardinality(String),
        status Nullable(UInt16), mime LowCardinality(Nullable(String)), size UInt64, sha256 String, ip Nullable(String),
        from_cache Bool) ${RAW('sha256, host, observed_at')}`,
      `CREATE TABLE IF NOT EXISTS ${db}.cookies (${ENVELOPE}, host String, name String, domain String, path String, secure Bool,
        http_only Bool, same_site LowCardinality(String), expires Float64, set_by LowCardinality(String), value_sha256 String)
        ${RAW('name, domain, host, observed_at')}`,
      `CREATE TABLE IF NOT EXISTS ${db}.host_ips (${ENVELOPE}, host String, ip String, port Nullable(UInt16)) ${RAW('ip, host, observed_at')}`,
      `CREATE TABLE IF NOT EXISTS ${db}.certificates (${ENVELOPE}, host String, sha256 String, subject String, issuer String,
        san Array(String), valid_from ${TIME}, valid_to ${TIME}, protocol LowCardinality(String)) ${RAW('sha256, host, observed_at')}`,
      ...rollup(db, 'host_pairs_by_child', 'child_host, parent_host, cause', 'child_host, parent_host, cause', 'host_pairs'),
      ...rollup(db, 'host_pairs_by_parent', 'parent_host, child_host, cause', 'parent_host, child_host, cause', 'host_pairs'),
      ...rollup(db, 'tracker_rollup', 'value, type, host', 'value, type, host', 'trackers'),
      ...rollup(db, 'resource_rollup', 'sha256, host', 'sha256, host', 'resources', "WHERE sha256 != ''"),
      ...rollup(db, 'cookie_rollup', 'name, domain, host', 'name, domain, host', 'cookies'),
      ...rollup(db, 'host_ip_rollup', 'ip, host', 'ip, host', 'host_ips'),
      ...rollup(db, 'certificate_rollup', 'sha256, host', 'sha256, host', 'certificates', "WHERE sha256 != ''"),
    ],
  },
  {
    version: 2,
    description: 'favicon-hash rollup, backfilled from the pages already stored',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.favicon_rollup (favicon_mmh3 Int32, host String, ${SEEN}) ${ROLLUP('favicon_mmh3, host')}`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.favicon_rollup_mv TO ${db}.favicon_rollup AS
        SELECT favicon_mmh3, host, ${AGG} FROM ${db}.pages WHERE favicon_mmh3 IS NOT NULL GROUP BY favicon_mmh3, host`,
      // Idempotent backfill: the rollup keeps min/max, and count is recomputed from scratch.
      `TRUNCATE TABLE ${db}.favicon_rollup`,
      // No alias on favicon_mmh3 here: in ClickHouse an alias would also rename it in WHERE.
      `INSERT INTO ${db}.favicon_rollup SELECT favicon_mmh3, host, ${AGG} FROM ${db}.pages WHERE favicon_mmh3 IS NOT NULL GROUP BY favicon_mmh3, host`,
    ],
  },
  {
    version: 3,
    description: 'dead letters: records rejected by the crawler or the Kafka loader, with the reason',
    statements: (db) => [
      `CREATE TABLE IF NOT EXISTS ${db}.dead_letters (at ${TIME}, stage LowCardinality(String), reason String, topic String,
        partition Nullable(Int32), offset Nullable(UInt64), event String) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY (stage, topic, at) ${DEDUP}`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export async function schemaVersion(client: ClickHouseClient, db: string): Promise<number> {
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
  await client.command({ query: `CREATE TABLE IF NOT EXISTS ${db}.schema_migrations (version UInt32, description String, applied_at ${TIME} DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version` });
  const rows = await (await client.query({ query: `SELECT max(version) AS v FROM ${db}.schema_migrations`, format: 'JSONEachRow' })).json<{ v: number }>();
  return Number(rows[0]?.v ?? 0);
}

/** Applies the migrations the store lacks, up to `upTo`; returns the versions applied. */
export async function applySchema(client: ClickHouseClient, db: string, upTo = SCHEMA_VERSION): Promise<number[]> {
  const current = await schemaVersion(client, db);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    for (const query of m.statements(db)) await client.command({ query });
    await client.insert({ table: `${db}.schema_migrations`, values: [{ version: m.version, description: m.description }], format: 'JSONEachRow' });
    applied.push(m.version);
  }
  return applied;
}
