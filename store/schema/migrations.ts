// The ClickHouse schema, applied by the project itself: numbered migrations, each made of
// idempotent statements, recorded in schema_migrations once applied. Applying twice is a
// no-op; a store at an older version gets the missing migrations, data kept.
//
// Choices (ClickHouse's own guidance, see docs/storage.md, the data engineer's guide):
// - raw tables: MergeTree, PARTITION BY month (partitions are for data management, few
//   and coarse), ORDER BY the columns pivots filter on, from lower to higher cardinality,
//   then time. No LowCardinality (dropped in v4): ClickHouse parses text into a
//   LowCardinality column at well under half the speed of a plain String, and rows arrive
//   as text; small vocabularies compress well as plain strings anyway.
// - rollups: AggregatingMergeTree fed by materialized views, first_seen/last_seen/count
//   as SimpleAggregateFunction(min/max/sum), one table per pivot key ordered by it. Host
//   pairs have two (by child and by parent) so both directions read the primary key.
// - every table keeps a deduplication window, so a retried or replayed insert with the
//   same insert_deduplication_token is dropped (MVs included).
//
// On a ClickHouse cluster (--clickhouse-cluster NAME) the same migrations run ON CLUSTER:
// each table is created as <name>_local with the Replicated variant of its engine (one
// replica path per shard and table), and <name> becomes a Distributed table over it, so
// inserts and queries keep using the plain names. Materialized views read and write the
// local tables: every shard rolls up its own rows, and a query over the Distributed
// rollup folds the shards' states as it folds parts. Raw rows are sharded by capture, so
// one page's events stay together.
import type { ClickHouseClient } from '@clickhouse/client';
import { alertingTables, versioned } from './alerting-tables.js';
import { ddlFor, TIME, type Ddl, type SchemaTarget } from './ddl.js';

export interface Migration {
  version: number;
  description: string;
  statements: (d: Ddl) => string[];
}

const ENVELOPE = `observed_at ${TIME}, crawl_id String, capture_id String, page_url String, profile LowCardinality(String)`;
/** Rows of one capture on one shard. */
const BY_CAPTURE = 'cityHash64(capture_id)';
const RAW = (d: Ddl, name: string, columns: string, order: string) => [
  `CREATE TABLE IF NOT EXISTS ${d.local(name)}${d.on} (${columns}) ${d.engine(name, 'MergeTree', `PARTITION BY toYYYYMM(observed_at) ORDER BY (${order})`)}`,
  ...d.distributed(name, BY_CAPTURE),
];
const ROLLUP = (d: Ddl, name: string, columns: string, order: string) => [
  `CREATE TABLE IF NOT EXISTS ${d.local(name)}${d.on} (${columns}) ${d.engine(name, 'AggregatingMergeTree', `ORDER BY (${order})`)}`,
  ...d.distributed(name, 'rand()'),
];
const SEEN = `first_seen SimpleAggregateFunction(min, ${TIME}), last_seen SimpleAggregateFunction(max, ${TIME}), observations SimpleAggregateFunction(sum, UInt64)`;
const AGG = 'min(observed_at) AS first_seen, max(observed_at) AS last_seen, count() AS observations';

/** The rollups: table, key columns (also its ORDER BY), the raw table feeding it, and a filter. */
const ROLLUPS: { name: string; keys: string; from: string; where?: string }[] = [
  { name: 'host_pairs_by_child', keys: 'child_host, parent_host, cause', from: 'host_pairs' },
  { name: 'host_pairs_by_parent', keys: 'parent_host, child_host, cause', from: 'host_pairs' },
  { name: 'tracker_rollup', keys: 'value, type, host', from: 'trackers' },
  { name: 'resource_rollup', keys: 'sha256, host', from: 'resources', where: "sha256 != ''" },
  { name: 'cookie_rollup', keys: 'name, domain, host', from: 'cookies' },
  { name: 'host_ip_rollup', keys: 'ip, host', from: 'host_ips' },
  { name: 'certificate_rollup', keys: 'sha256, host', from: 'certificates', where: "sha256 != ''" },
];
const FAVICON_ROLLUP = {
  name: 'favicon_rollup',
  keys: 'favicon_mmh3, host',
  from: 'pages',
  where: 'favicon_mmh3 IS NOT NULL',
};

/** v1: a rollup table and the materialized view that feeds it, aggregating each insert. */
function rollup(d: Ddl, r: (typeof ROLLUPS)[number]): string[] {
  const cols = r.keys.split(', ');
  return [
    ...ROLLUP(d, r.name, `${cols.map((c) => `${c} String`).join(', ')}, ${SEEN}`, r.keys),
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${d.db}.${r.name}_mv${d.on} TO ${d.local(r.name)} AS SELECT ${r.keys}, ${AGG} FROM ${d.local(r.from)} ${r.where ? `WHERE ${r.where}` : ''} GROUP BY ${r.keys}`,
  ];
}

/**
 * v4: the view passes each row through as a one-observation state. The rollup table sorts
 * and folds equal keys as it writes the part (optimize_on_insert) and again in merges,
 * which costs less than a hash GROUP BY first; MODIFY QUERY swaps the query atomically,
 * so no insert on a shared server misses the rollup while the migration runs.
 */
const passThrough = (d: Ddl, r: (typeof ROLLUPS)[number]): string =>
  `ALTER TABLE ${d.db}.${r.name}_mv${d.on} MODIFY QUERY SELECT ${r.keys}, observed_at AS first_seen, observed_at AS last_seen, toUInt64(1) AS observations
    FROM ${d.local(r.from)} ${r.where ? `WHERE ${r.where}` : ''}`;

/**
 * v5: a rollup counts distinct event ids (uniqCombined64: exact up to tens of thousands per
 * key, then within about 1%), so an event published twice (Kafka is at-least-once) counts
 * once. Rows of earlier versions keep their `observations`; from v5 on `observations` is 0
 * and `events` carries the count: read them as OBSERVED. A row without an id (inserted by
 * hand) counts as one event of its own.
 */
const EVENTS = 'AggregateFunction(uniqCombined64, String)';
export const OBSERVED = '(sum(observations) + uniqCombined64Merge(events))';
/** Observations counted on a raw table: its distinct events (a row without an id counts once). */
export const DISTINCT_EVENTS = "(countIf(event_id = '') + uniqExactIf(event_id, event_id != ''))";
/** A raw row as a rollup row's columns from first_seen on: one observation, counted by its event id. */
const ONE_EVENT = `observed_at AS first_seen, observed_at AS last_seen, toUInt64(0) AS observations,
    initializeAggregation('uniqCombined64State', if(event_id = '', toString(generateUUIDv4()), event_id)) AS events`;
const distinctEvents = (d: Ddl, r: (typeof ROLLUPS)[number]): string =>
  `ALTER TABLE ${d.db}.${r.name}_mv${d.on} MODIFY QUERY SELECT ${r.keys}, ${ONE_EVENT}
    FROM ${d.local(r.from)} ${r.where ? `WHERE ${r.where}` : ''}`;

const RAW_TABLES = ['pages', 'host_pairs', 'trackers', 'resources', 'cookies', 'host_ips', 'certificates'];

/** The raw tables' LowCardinality columns of v1-v3 and the plain type each became in v4. */
const PLAIN_TEXT: [table: string, column: string, type: string][] = [
  ...RAW_TABLES.map((t): [string, string, string] => [t, 'profile', 'String']),
  ['pages', 'outcome', 'String'],
  ['pages', 'tls_protocol', 'Nullable(String)'],
  ['host_pairs', 'cause', 'String'],
  ['host_pairs', 'source', 'String'],
  ['host_pairs', 'tag', 'Nullable(String)'],
  ['host_pairs', 'resource_type', 'Nullable(String)'],
  ['host_pairs', 'initiator_type', 'Nullable(String)'],
  ['trackers', 'type', 'String'],
  ['trackers', 'source', 'String'],
  ['resources', 'resource_type', 'String'],
  ['resources', 'mime', 'Nullable(String)'],
  ['cookies', 'same_site', 'String'],
  ['cookies', 'set_by', 'String'],
  ['certificates', 'protocol', 'String'],
  ['dead_letters', 'stage', 'String'],
];

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'raw event tables and first/last-seen rollups',
    statements: (d) => [
      ...RAW(
        d,
        'pages',
        `${ENVELOPE}, url String, final_url String, host String, site String, depth UInt16, seed_url String,
        status Nullable(UInt16), outcome LowCardinality(String), error Nullable(String), title Nullable(String), redirect_chain Array(String),
        body_sha256 Nullable(String), body_size Nullable(UInt64), dom_sha256 Nullable(String), favicon_url Nullable(String),
        favicon_sha256 Nullable(String), favicon_mmh3 Nullable(Int32), ip Nullable(String), port Nullable(UInt16),
        tls_protocol LowCardinality(Nullable(String)), tls_issuer Nullable(String), requests UInt32, frames UInt32`,
        'site, host, observed_at',
      ),
      ...RAW(
        d,
        'host_pairs',
        `${ENVELOPE}, parent_host String, child_host String, cause LowCardinality(String),
        parent_url String, child_url String, source LowCardinality(String), tag LowCardinality(Nullable(String)),
        resource_type LowCardinality(Nullable(String)), initiator_type LowCardinality(Nullable(String)), initiator_url Nullable(String),
        frame_url Nullable(String)`,
        'child_host, cause, parent_host, observed_at',
      ),
      ...RAW(
        d,
        'trackers',
        `${ENVELOPE}, host String, type LowCardinality(String), value String,
        source LowCardinality(String), \`where\` String`,
        'value, type, host, observed_at',
      ),
      ...RAW(
        d,
        'resources',
        `${ENVELOPE}, url String, host String, resource_type LowCardinality(String),
        status Nullable(UInt16), mime LowCardinality(Nullable(String)), size UInt64, sha256 String, ip Nullable(String),
        from_cache Bool`,
        'sha256, host, observed_at',
      ),
      ...RAW(
        d,
        'cookies',
        `${ENVELOPE}, host String, name String, domain String, path String, secure Bool,
        http_only Bool, same_site LowCardinality(String), expires Float64, set_by LowCardinality(String), value_sha256 String`,
        'name, domain, host, observed_at',
      ),
      ...RAW(d, 'host_ips', `${ENVELOPE}, host String, ip String, port Nullable(UInt16)`, 'ip, host, observed_at'),
      ...RAW(
        d,
        'certificates',
        `${ENVELOPE}, host String, sha256 String, subject String, issuer String,
        san Array(String), valid_from ${TIME}, valid_to ${TIME}, protocol LowCardinality(String)`,
        'sha256, host, observed_at',
      ),
      ...ROLLUPS.flatMap((r) => rollup(d, r)),
    ],
  },
  {
    version: 2,
    description: 'favicon-hash rollup, backfilled from the pages already stored',
    statements: (d) => [
      ...ROLLUP(d, 'favicon_rollup', `favicon_mmh3 Int32, host String, ${SEEN}`, 'favicon_mmh3, host'),
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${d.db}.favicon_rollup_mv${d.on} TO ${d.local('favicon_rollup')} AS
        SELECT favicon_mmh3, host, ${AGG} FROM ${d.local('pages')} WHERE favicon_mmh3 IS NOT NULL GROUP BY favicon_mmh3, host`,
      // Idempotent backfill: the rollup keeps min/max, and count is recomputed from scratch.
      `TRUNCATE TABLE ${d.local('favicon_rollup')}${d.on}`,
      // No alias on favicon_mmh3 here: in ClickHouse an alias would also rename it in WHERE.
      `INSERT INTO ${d.db}.favicon_rollup SELECT favicon_mmh3, host, ${AGG} FROM ${d.db}.pages WHERE favicon_mmh3 IS NOT NULL GROUP BY favicon_mmh3, host`,
    ],
  },
  {
    version: 3,
    description: 'dead letters: records rejected by the crawler or the Kafka loader, with the reason',
    statements: (d) => [
      `CREATE TABLE IF NOT EXISTS ${d.local('dead_letters')}${d.on} (at ${TIME}, stage LowCardinality(String), reason String, topic String,
        partition Nullable(Int32), offset Nullable(UInt64), event String) ${d.engine('dead_letters', 'MergeTree', 'PARTITION BY toYYYYMM(at) ORDER BY (stage, topic, at)')}`,
      ...d.distributed('dead_letters', 'rand()'),
    ],
  },
  {
    version: 4,
    description:
      'faster ingest: plain String instead of LowCardinality, rollup views without GROUP BY, compact raw parts up to 64 MiB',
    // Setting a column to the type it has, a view to its query or a setting to its value is a no-op: idempotent.
    statements: (d) => [
      ...PLAIN_TEXT.flatMap(([t, c, type]) =>
        d.columns(t).map((table) => `ALTER TABLE ${table} MODIFY COLUMN ${c} ${type}`),
      ),
      ...[...ROLLUPS, FAVICON_ROLLUP].map((r) => passThrough(d, r)),
      // A 50,000-row batch of host pairs is ~10 MB, just over the 10 MiB default: written as
      // one file rather than two per column, inserts ran 6-9% faster. Merged parts past
      // 64 MiB become wide, as large parts should.
      ...RAW_TABLES.map((t) => `ALTER TABLE ${d.local(t)}${d.on} MODIFY SETTING min_bytes_for_wide_part = ${64 << 20}`),
    ],
  },
  {
    version: 5,
    description:
      'event schema 2: event_id and tags on every row, registrable domains on pairs and trackers; rollups count distinct events',
    statements: (d) => [
      ...RAW_TABLES.flatMap((t) =>
        d
          .columns(t)
          .flatMap((table) => [
            `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS event_id String`,
            `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS tags Array(String)`,
          ]),
      ),
      ...d
        .columns('host_pairs')
        .flatMap((table) => [
          `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS parent_site String`,
          `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS child_site String`,
        ]),
      ...d.columns('trackers').map((table) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS site String`),
      ...[...ROLLUPS, FAVICON_ROLLUP].flatMap((r) => [
        ...d.columns(r.name).map((table) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS events ${EVENTS}`),
        distinctEvents(d, r),
      ]),
    ],
  },
  {
    version: 6,
    description: 'page screenshots: SHA-256 of the PNG and its perceptual hash (UInt64, for Hamming distances)',
    statements: (d) =>
      d
        .columns('pages')
        .flatMap((table) => [
          `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS screenshot_sha256 Nullable(String)`,
          `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS screenshot_phash Nullable(UInt64)`,
        ]),
  },
  {
    version: 7,
    description: 'projects, monitors, watches (versioned, with <table>_current views), monitor observations and alerts',
    statements: alertingTables,
  },
  {
    version: 8,
    description:
      'components: the technologies hosts run and pages use, with a first/last-seen rollup by name, version and host',
    statements: (d) => [
      ...RAW(
        d,
        'components',
        `event_id String, tags Array(String), observed_at ${TIME}, crawl_id String, capture_id String, page_url String, profile String,
        host String, category String, name String, version Nullable(String), source String, \`where\` String`,
        'name, host, observed_at',
      ),
      `ALTER TABLE ${d.local('components')}${d.on} MODIFY SETTING min_bytes_for_wide_part = ${64 << 20}`,
      // A version the evidence did not state is '' in the rollup: "hosts running X" spans all of them.
      ...ROLLUP(
        d,
        'component_rollup',
        `name String, version String, host String, category String, ${SEEN}, events ${EVENTS}`,
        'name, version, host, category',
      ),
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${d.db}.component_rollup_mv${d.on} TO ${d.local('component_rollup')} AS
        SELECT name, ifNull(c.version, '') AS version, host, category, ${ONE_EVENT} FROM ${d.local('components')} AS c`,
    ],
  },
  {
    version: 9,
    description:
      "event schema 3: comparison_id on every row; cloaking, the visits of a comparison crawl that diverged; whether a monitor's comparison found it",
    statements: (d) => [
      ...[...RAW_TABLES, 'components'].flatMap((t) =>
        d.columns(t).map((table) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS comparison_id Nullable(String)`),
      ),
      // A monitor's observation: whether its comparison (victim and scanner) found cloaking; NULL when the URL was visited once.
      ...d
        .columns('monitor_observations')
        .map((table) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS cloaking Nullable(Bool)`),
      ...RAW(
        d,
        'cloaking',
        `event_id String, tags Array(String), observed_at ${TIME}, crawl_id String, capture_id String, page_url String, profile String,
        comparison_id Nullable(String), url String, host String, site String, profiles Array(String), capture_ids Array(String), signals Array(String),
        final_urls Array(String), statuses Array(Nullable(UInt16)), titles Array(Nullable(String)), dom_sha256 Array(Nullable(String)),
        password_form Array(Bool), payment_form Array(Bool), form_action_sites Array(Array(String)), script_sites Array(Array(String)),
        screenshot_phash Array(Nullable(String)), screenshot_distance Nullable(UInt8),
        child_hosts Array(Tuple(host String, site String, causes Array(String), profiles Array(String)))`,
        'site, host, observed_at',
      ),
      `ALTER TABLE ${d.local('cloaking')}${d.on} MODIFY SETTING min_bytes_for_wide_part = ${64 << 20}`,
    ],
  },
  {
    version: 10,
    description:
      'event schema 4: where on the page a tracker ID was found (context: executed, inline-code, config, noscript, markup)',
    statements: (d) =>
      d
        .columns('trackers')
        .map((table) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS context Nullable(String) AFTER \`where\``),
  },
  {
    version: 11,
    description:
      "impersonation: a brand's look-alike domain judged from a victim's visit, its DNS and its registration (verdict, score, signals)",
    statements: (d) => [
      // signals is a named tuple in the order of the event's signals object (the writers send its values in that order).
      ...RAW(
        d,
        'impersonation',
        `event_id String, tags Array(String), observed_at ${TIME}, crawl_id String, capture_id String, page_url String, profile String,
        comparison_id Nullable(String), brand String, domain String, fuzzer String, final_url String, verdict String, score UInt16,
        reasons Array(String),
        signals Tuple(screenshot_distance Nullable(UInt8), logo_distance Nullable(UInt8), favicon_distance Nullable(UInt8),
          title_hits Array(String), text_hits Array(String), form_hits Array(String), password_form Bool, payment_form Bool,
          form_action_sites Array(String), script_sites Array(String), cloaking Bool, registration_age_days Nullable(UInt32),
          mx Bool, redirects_to_official Bool, parked_markers Array(String)),
        registered_at Nullable(Int64), registrar Nullable(String)`,
        'brand, domain, observed_at',
      ),
      `ALTER TABLE ${d.local('impersonation')}${d.on} MODIFY SETTING min_bytes_for_wide_part = ${64 << 20}`,
    ],
  },
  {
    version: 12,
    description:
      'brands: official domains, keywords, logos (their perceptual hashes) and the project their findings go to, versioned like projects',
    statements: (d) =>
      versioned(
        d,
        'brands',
        [['name', 'String']],
        [
          ['domains', 'Array(String)'],
          ['keywords', 'Array(String)'],
          ['logo_files', 'Array(String)'],
          ['logo_phashes', 'Array(String)'],
          ['project', 'String'],
        ],
      ),
  },
  {
    version: 13,
    description:
      "skip indexes for the lookups that match a column outside the primary key: a host's children and what a host carries",
    statements: (d) =>
      LOOKUP_INDEXES.flatMap(([table, column]) => [
        `ALTER TABLE ${d.local(table)}${d.on} ADD INDEX IF NOT EXISTS ${lookupIndex(column)} ${column} TYPE bloom_filter(0.01) GRANULARITY 1`,
        // A mutation in the background: parts it has not reached yet are read as before, so answers never change.
        `ALTER TABLE ${d.local(table)}${d.on} MATERIALIZE INDEX ${lookupIndex(column)}`,
      ]),
  },
];

/**
 * v13: the columns lookups match that their table is not ordered by (relations.ts reads by
 * them): children and their evidence by parent_host, a host's trackers, IPs, certificates,
 * components and their evidence by host, a cookie domain's cookies. Without an index each
 * is a scan of the whole table; a bloom filter per granule lets the engine read the few
 * granules that hold the value (a host sits in one granule of a rollup, in about as many
 * granules of host_pairs as it has children).
 */
export const LOOKUP_INDEXES: [table: string, column: string][] = [
  ['host_pairs', 'parent_host'],
  ['trackers', 'host'],
  ['tracker_rollup', 'host'],
  ['host_ips', 'host'],
  ['host_ip_rollup', 'host'],
  ['certificates', 'host'],
  ['certificate_rollup', 'host'],
  ['components', 'host'],
  ['component_rollup', 'host'],
  ['cookies', 'domain'],
  ['cookie_rollup', 'domain'],
];

/** The name of a lookup index on a column. */
export const lookupIndex = (column: string): string => `${column}_bloom`;

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** The database and the migrations table, before any migration. */
function bootstrap(d: Ddl): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${d.db}${d.on}`,
    `CREATE TABLE IF NOT EXISTS ${d.local('schema_migrations')}${d.on} (version UInt32, description String, applied_at ${TIME} DEFAULT now64(3)) ${d.engine('schema_migrations', 'MergeTree', 'ORDER BY version')}`,
    ...d.distributed('schema_migrations', 'rand()'),
  ];
}

/** Every statement that takes an empty target to `upTo`, in order (what applySchema runs there, less the records of versions). */
export function schemaStatements(t: SchemaTarget, upTo = SCHEMA_VERSION): string[] {
  const d = ddlFor(t);
  return [...bootstrap(d), ...MIGRATIONS.filter((m) => m.version <= upTo).flatMap((m) => m.statements(d))];
}

const targetOf = (t: string | SchemaTarget): SchemaTarget => (typeof t === 'string' ? { db: t } : t);

export async function schemaVersion(client: ClickHouseClient, target: string | SchemaTarget): Promise<number> {
  const d = ddlFor(targetOf(target));
  for (const query of bootstrap(d)) await client.command({ query });
  return versionIfAny(client, d.db);
}

/** ClickHouse's codes for a table or a database that does not exist (UNKNOWN_TABLE, UNKNOWN_DATABASE), from the engine and a server alike. */
const NOT_THERE = new Set(['60', '81']);

/** The store's version in one statement, 0 when it has no schema yet. */
async function versionIfAny(client: ClickHouseClient, db: string): Promise<number> {
  try {
    const rows = await (
      await client.query({ query: `SELECT max(version) AS v FROM ${db}.schema_migrations`, format: 'JSONEachRow' })
    ).json<{ v: number }>();
    return Number(rows[0]?.v ?? 0);
  } catch (e) {
    // Expected on a new store only: no database or no schema_migrations yet, so no migration
    // was applied. Any other error (a server that does not answer, refused credentials, a
    // broken table) says nothing about the version: taken for 0, it would have every
    // migration run again over a store that has them, and hide why the store cannot be read.
    if (NOT_THERE.has(String((e as { code?: unknown }).code))) return 0;
    throw e;
  }
}

/** Applies the migrations the store lacks, up to `upTo`; returns the versions applied. */
export async function applySchema(
  client: ClickHouseClient,
  target: string | SchemaTarget,
  upTo = SCHEMA_VERSION,
): Promise<number[]> {
  const t = targetOf(target);
  // Every command applies it on open, and a store is nearly always current: one statement
  // says so, where creating the database and the migrations table first took three.
  if ((await versionIfAny(client, t.db)) >= upTo) return [];
  const current = await schemaVersion(client, t);
  const d = ddlFor(t);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    for (const query of m.statements(d)) await client.command({ query });
    await client.insert({
      table: `${t.db}.schema_migrations`,
      values: [{ version: m.version, description: m.description }],
      format: 'JSONEachRow',
    });
    applied.push(m.version);
  }
  return applied;
}
