// How a migration's statements name and create tables on their target: one node, or every
// node of a cluster (replicated local tables, Distributed tables over them under the plain
// names). Shared by the migrations (migrations.ts) and the alerting tables (alerting-tables.ts).

/** The column type of every time the store keeps: milliseconds, UTC. */
export const TIME = "DateTime64(3, 'UTC')";

/** Where the schema goes: a database, on one server or on every node of a cluster. */
export interface SchemaTarget {
  db: string;
  /** A cluster of the server's remote_servers configuration. */
  cluster?: string;
}

/** How a migration names and creates tables on its target (single node or cluster). */
export interface Ddl {
  db: string;
  /** ` ON CLUSTER name`, or nothing. */
  on: string;
  /** The table itself: <db>.<name>, or <db>.<name>_local on a cluster. */
  local(name: string): string;
  /** `ENGINE = ... SETTINGS ...` of a table (kind: MergeTree or AggregatingMergeTree), with its deduplication window. */
  engine(name: string, kind: 'MergeTree' | 'AggregatingMergeTree', rest: string): string;
  /** On a cluster, the Distributed table <db>.<name> over the local one (none on one node). */
  distributed(name: string, shardBy: string): string[];
  /** Statements that change a table's columns: on a cluster, the local and the Distributed table. */
  columns(name: string): string[];
}

export function ddlFor(t: SchemaTarget): Ddl {
  const { db, cluster } = t;
  if (!cluster) {
    return {
      db,
      on: '',
      local: (name) => `${db}.${name}`,
      engine: (_name, kind, rest) => `ENGINE = ${kind} ${rest} SETTINGS non_replicated_deduplication_window = 10000`,
      distributed: () => [],
      columns: (name) => [`${db}.${name}`],
    };
  }
  const on = ` ON CLUSTER ${ident(cluster)}`;
  return {
    db,
    on,
    local: (name) => `${db}.${name}_local`,
    engine: (name, kind, rest) =>
      `ENGINE = Replicated${kind}('/clickhouse/tables/{shard}/${db}/${name}', '{replica}') ${rest} SETTINGS replicated_deduplication_window = 10000`,
    distributed: (name, shardBy) => [
      `CREATE TABLE IF NOT EXISTS ${db}.${name}${on} AS ${db}.${name}_local ENGINE = Distributed(${ident(cluster)}, ${db}, ${name}_local, ${shardBy})`,
    ],
    columns: (name) => [`${db}.${name}_local${on}`, `${db}.${name}${on}`],
  };
}

/** A name as ClickHouse reads an identifier (database and cluster names are the operator's). */
function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`"${name}" is not a ClickHouse identifier (letters, digits, _)`);
  return name;
}
