// The tables of projects, monitors, watches and alerts: the statements of schema migration 7
// (migrations.ts lists it; a later change is a new migration, never an edit here).
//
// Definitions change (a project gains an indicator, a monitor is removed), so they are
// versioned rather than updated: every change appends a row with `changed_at` (and
// `deleted = 1` for a removal), and a view `<table>_current` keeps the latest row of each
// key that is not deleted. Plain MergeTree tables, so the same statements work on a
// cluster; the views read the Distributed tables there. Observations and alerts are
// appended and never changed; an alert's `key` names its fact, and readers keep one row per
// key (a fact raised by two processes at once is stored twice, shown once).
import { TIME, type Ddl } from './ddl.js';

/** A versioned table: its key columns, the rest, and the view of its current rows (later migrations add theirs with it). */
export function versioned(d: Ddl, name: string, keys: [string, string][], rest: [string, string][]): string[] {
  const cols = [...keys, ...rest, ['deleted', 'UInt8'], ['changed_at', TIME]].map(([c, t]) => `${c} ${t}`).join(', ');
  const key = keys.map(([c]) => c).join(', ');
  return [
    `CREATE TABLE IF NOT EXISTS ${d.local(name)}${d.on} (${cols}) ${d.engine(name, 'MergeTree', `ORDER BY (${key}, changed_at)`)}`,
    ...d.distributed(name, 'rand()'),
    `CREATE VIEW IF NOT EXISTS ${d.db}.${name}_current${d.on} AS SELECT ${key}, ${rest.map(([c]) => `argMax(${c}, changed_at) AS ${c}`).join(', ')}, max(changed_at) AS updated_at
      FROM ${d.db}.${name} GROUP BY ${key} HAVING argMax(deleted, changed_at) = 0`,
  ];
}

function appended(d: Ddl, name: string, columns: string, partitionBy: string, order: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${d.local(name)}${d.on} (${columns}) ${d.engine(name, 'MergeTree', `PARTITION BY toYYYYMM(${partitionBy}) ORDER BY (${order})`)}`,
    ...d.distributed(name, 'rand()'),
  ];
}

export function alertingTables(d: Ddl): string[] {
  return [
    ...versioned(
      d,
      'projects',
      [['name', 'String']],
      [
        ['description', 'String'],
        ['tags', 'Array(String)'],
      ],
    ),
    ...versioned(
      d,
      'project_indicators',
      [
        ['project', 'String'],
        ['value', 'String'],
      ],
      [
        ['kind', 'String'],
        ['tags', 'Array(String)'],
      ],
    ),
    ...versioned(
      d,
      'monitors',
      [['name', 'String']],
      [
        ['urls', 'Array(String)'],
        ['project', 'String'],
        ['every_ms', 'UInt64'],
        ['rules', 'Array(String)'],
        ['profile', 'String'],
      ],
    ),
    ...versioned(d, 'watches', [['name', 'String']], [['rule', 'String']]),
    ...appended(
      d,
      'monitor_observations',
      `monitor String, url String, observed_at ${TIME}, capture_id String, crawl_id String, final_url String,
      status Nullable(UInt16), outcome String, title Nullable(String), children Array(Tuple(host String, causes Array(String), parent String, url String)),
      trackers Map(String, String), redirect_hosts Array(String), body_sha256 Nullable(String), dom_sha256 Nullable(String), favicon_mmh3 Nullable(Int32),
      cert_sha256 Nullable(String), terms Map(String, Array(String))`,
      'observed_at',
      'monitor, url, observed_at',
    ),
    ...appended(
      d,
      'alerts',
      `key String, source_kind String, source String, rule String, subject String, scope String, details Map(String, String),
      first_seen ${TIME}, raised_at ${TIME}, capture_id String, urls Array(String)`,
      'raised_at',
      'key, raised_at',
    ),
  ];
}
