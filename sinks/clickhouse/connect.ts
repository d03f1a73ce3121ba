// One code path to ClickHouse through @clickhouse/client: an embedded engine (chDB, data
// in a local folder) by default, or a ClickHouse server by URL. chDB locks its folder, so
// the process that opens it leaves an owner file beside the data (pid, program name, start
// time: never its arguments, which can hold passwords; readable by its user only, and
// removed on every exit that runs code): a second process is told who holds the store
// and what to do, not just "Cannot lock file".
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withDefaults } from '../../runtime/defaults.js';

export interface StoreOptions {
  /** Embedded store folder (VUCRAWL_DATA, default ./vucrawl-data). Ignored with url. */
  dataDir: string;
  /** ClickHouse server URL (VUCRAWL_CLICKHOUSE_URL); when set, the embedded engine is not used. */
  url?: string;
  user?: string;
  password?: string;
  /** Database holding the tables (default vucrawl), in the embedded store or on the server. */
  database?: string;
  /** PEM file of the CA to trust for https URLs. */
  caCert?: string;
}

export interface Store {
  client: ClickHouseClient;
  /** e.g. "embedded ClickHouse (chDB) in ./vucrawl-data" or "ClickHouse server https://host:8443, database vucrawl". */
  describe: string;
  embedded: boolean;
  close(): Promise<void>;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export const DEFAULT_DATA_DIR = 'vucrawl-data';
export const DEFAULT_DATABASE = 'vucrawl';
const OWNER_FILE = 'vucrawl-owner.json';

export function storeOptionsFromEnv(over: Partial<StoreOptions> = {}): StoreOptions {
  const env = process.env;
  return withDefaults<StoreOptions>({
    dataDir: env.VUCRAWL_DATA ?? DEFAULT_DATA_DIR,
    url: env.VUCRAWL_CLICKHOUSE_URL,
    user: env.VUCRAWL_CLICKHOUSE_USER,
    password: env.VUCRAWL_CLICKHOUSE_PASSWORD,
    database: env.VUCRAWL_CLICKHOUSE_DATABASE,
    caCert: env.VUCRAWL_CLICKHOUSE_CA,
  }, over);
}

export async function openStore(o: StoreOptions): Promise<Store> {
  if (o.url) {
    // No default database: it may not exist yet (the schema creates it), and every
    // statement names its tables with the database.
    const client = createClient({
      url: o.url,
      username: o.user,
      password: o.password,
      tls: o.caCert ? { ca_cert: readFileSync(o.caCert) } : undefined,
      // Failures reach the caller as errors, reported once in plain words; the client's own
      // console lines would repeat them with a stack.
      log: { level: ClickHouseLogLevel.OFF },
    });
    const u = new URL(o.url);
    return { client, embedded: false, describe: `ClickHouse server ${u.protocol}//${u.host}, database ${o.database ?? DEFAULT_DATABASE}`, close: () => client.close() };
  }
  const dir = path.resolve(o.dataDir);
  mkdirSync(dir, { recursive: true });
  // Loaded only here: the embedded engine is a large native library a server user never needs.
  const { createChdbConnection } = await import('chdb/connection');
  let connection;
  try {
    connection = createChdbConnection({ path: dir });
  } catch (e) {
    throw new Error(lockMessage(dir, e as Error));
  }
  const owner = path.join(dir, OWNER_FILE);
  // Written anew, so that the mode applies even over a file a killed process left behind.
  rmSync(owner, { force: true });
  writeFileSync(owner, JSON.stringify({ pid: process.pid, command: programName(), since: new Date().toISOString() } satisfies StoreOwner), { mode: 0o600 });
  // A crash that still runs code (an uncaught error, process.exit) removes it too; after a
  // kill -9 the next opener overwrites it.
  const removeOwner = () => rmSync(owner, { force: true });
  process.once('exit', removeOwner);
  // chdb builds on @clickhouse/client-common, @clickhouse/client bundles its own copy of
  // the same Connection type: structurally one contract, two declarations.
  const client = createClient({ connection: connection as unknown as ClientConnection });
  return {
    client, embedded: true, describe: `embedded ClickHouse (chDB) in ${dir}`,
    close: async () => {
      await client.close();
      removeOwner();
      process.off('exit', removeOwner);
    },
  };
}

/** What the owner file says: who holds the store, nothing else. */
interface StoreOwner {
  pid: number;
  command: string;
  since: string;
}

/** The program's name, without its arguments: `vucrawl` for the command line, else the script's file name. */
function programName(): string {
  const script = process.argv[1] ?? process.argv0;
  return /cli[\\/]main\.js$/.test(script) ? 'vucrawl' : path.basename(script);
}

/** Turns chDB's lock failure into who holds the store and what to do. */
export function lockMessage(dir: string, e: Error): string {
  const text = `${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`;
  if (!/lock|CHDB_CONNECTION|Failed to create connection/i.test(text)) return `cannot open the store in ${dir}: ${e.message}`;
  let holder = 'another process';
  try {
    const o = JSON.parse(readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as StoreOwner;
    holder = `process ${Number(o.pid)} (${String(o.command).slice(0, 40)}, since ${String(o.since).slice(0, 30)})`;
  } catch {
    // no owner file: an older or foreign process
  }
  return `the store in ${dir} is in use by ${holder}. The embedded ClickHouse allows one process at a time: ` +
    `wait for it to finish, stop it, or use another folder with --data (or a ClickHouse server with --clickhouse-url).`;
}
