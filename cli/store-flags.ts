// Which store a command opens: the embedded engine in a folder (default), or a ClickHouse
// server by URL. Flags win over the VUCRAWL_CLICKHOUSE_* / VUCRAWL_DATA variables
// (storeOptionsFromEnv), which win over the defaults.
import { DEFAULT_DATA_DIR, DEFAULT_DATABASE, type StoreOptions } from '../store/connect.js';
import { EVENT_STORE_DEFAULTS } from '../sinks/clickhouse/event-store.js';
import { UsageError, wholeNumber, type FlagGroup, type FlagTable, type FlagValues } from './flags.js';

export const STORE_FLAGS = {
  data: {
    kind: 'string',
    value: 'DIR',
    help: 'embedded ClickHouse folder',
    default: () => DEFAULT_DATA_DIR,
    env: 'VUCRAWL_DATA',
  },
  'clickhouse-url': {
    kind: 'string',
    value: 'URL',
    help: 'use a ClickHouse server instead',
    env: 'VUCRAWL_CLICKHOUSE_URL',
  },
  'clickhouse-user': { kind: 'string', value: 'USER', help: 'server user', env: 'VUCRAWL_CLICKHOUSE_USER' },
  'clickhouse-password': {
    kind: 'string',
    value: 'PASSWORD',
    help: 'server password',
    env: 'VUCRAWL_CLICKHOUSE_PASSWORD',
    secret: true,
  },
  'clickhouse-database': {
    kind: 'string',
    value: 'DB',
    help: 'database holding the tables',
    default: () => DEFAULT_DATABASE,
    env: 'VUCRAWL_CLICKHOUSE_DATABASE',
  },
  'clickhouse-ca': {
    kind: 'string',
    value: 'PEM',
    help: 'CA certificate to trust for an https server',
    env: 'VUCRAWL_CLICKHOUSE_CA',
  },
  'clickhouse-cluster': {
    kind: 'string',
    value: 'NAME',
    help: 'a cluster of the server: replicated tables, Distributed tables over them (ON CLUSTER DDL)',
    env: 'VUCRAWL_CLICKHOUSE_CLUSTER',
  },
} as const satisfies FlagTable;

export const STORE_GROUP = { title: 'Store', flags: STORE_FLAGS } as const satisfies FlagGroup;

export const NO_STORE_FLAG = {
  'no-store': { kind: 'boolean', help: 'write NDJSON only, no store' },
} as const satisfies FlagTable;

/** For commands that write events: how often the store gets a batch (fewer, larger inserts are cheaper). */
export const STORE_FLUSH_FLAG = {
  'store-flush': {
    kind: 'string',
    value: 'SECONDS',
    help: 'insert into the store at least this often',
    default: () => EVENT_STORE_DEFAULTS.flushMs / 1000,
  },
} as const satisfies FlagTable;

export function storeFlushMs(v: FlagValues<typeof STORE_FLUSH_FLAG>): number | undefined {
  const ms = wholeNumber(v['store-flush'], 'store-flush', 1000);
  if (ms === 0) throw new UsageError('--store-flush needs at least 1 second');
  return ms;
}

export type StoreFlags = Partial<StoreOptions>;

export function storeFlagsFrom(v: FlagValues<typeof STORE_FLAGS>): StoreFlags {
  return {
    dataDir: v.data,
    url: v['clickhouse-url'],
    user: v['clickhouse-user'],
    password: v['clickhouse-password'],
    database: v['clickhouse-database'],
    caCert: v['clickhouse-ca'],
    cluster: v['clickhouse-cluster'],
  };
}
