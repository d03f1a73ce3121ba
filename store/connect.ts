// One code path to ClickHouse through @clickhouse/client: an embedded engine (chDB, data
// in a local folder) by default, or a ClickHouse server by URL. chDB locks its folder, so
// the process that opens it leaves an owner file beside the data (pid, program name, start
// time: never its arguments, which can hold passwords; readable by its user only, and
// removed on every exit that runs code): a second process is told who holds the store
// and what to do, not just "Cannot lock file". A `vucrawl serve` holding the store adds
// where it listens and its per-start token, so that the same user's commands go through it.
import type { ClickHouseClient, ClickHouseLogLevel, ClickHouseSettings, createClient } from '@clickhouse/client';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withDefaults } from '../runtime/defaults.js';

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
  /** A cluster of the server (VUCRAWL_CLICKHOUSE_CLUSTER): replicated tables and Distributed ones over them (schema/migrations.ts). */
  cluster?: string;
}

export interface Store {
  client: ClickHouseClient;
  /** e.g. "embedded ClickHouse (chDB) in ./vucrawl-data" or "ClickHouse server https://host:8443, database vucrawl". */
  describe: string;
  embedded: boolean;
  /**
   * How many statements that can change data (inserts, exec, commands: everything but a
   * SELECT through query) this process's client has finished: what cached answers are
   * checked against. Writes by other processes are not counted.
   */
  writes(): number;
  /**
   * A client on a session of its own whose every statement runs with these settings
   * (readonly last, so nothing after it can change them): for ad-hoc SQL from the API.
   */
  restrictedClient(settings: ClickHouseSettings): Promise<ClickHouseClient>;
  /** Embedded store: tells the owner file where the server holding the store listens, and its token. */
  advertise(server: OwnerServer): void;
  close(): Promise<void>;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export const DEFAULT_DATA_DIR = 'vucrawl-data';
export const DEFAULT_DATABASE = 'vucrawl';
const OWNER_FILE = 'vucrawl-owner.json';

export function storeOptionsFromEnv(over: Partial<StoreOptions> = {}): StoreOptions {
  const env = process.env;
  return withDefaults<StoreOptions>(
    {
      dataDir: env.VUCRAWL_DATA ?? DEFAULT_DATA_DIR,
      url: env.VUCRAWL_CLICKHOUSE_URL,
      user: env.VUCRAWL_CLICKHOUSE_USER,
      password: env.VUCRAWL_CLICKHOUSE_PASSWORD,
      database: env.VUCRAWL_CLICKHOUSE_DATABASE,
      caCert: env.VUCRAWL_CLICKHOUSE_CA,
      cluster: env.VUCRAWL_CLICKHOUSE_CLUSTER,
    },
    over,
  );
}

export async function openStore(o: StoreOptions): Promise<Store> {
  // Loaded here, not with this module: commands that go through `vucrawl serve` never need it.
  const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client');
  if (o.url) {
    // No default database: it may not exist yet (the schema creates it), and every
    // statement names its tables with the database.
    const { client, writes } = countingWrites(createClient(serverConfig(o, ClickHouseLogLevel.OFF)));
    const u = new URL(o.url);
    return {
      client,
      writes,
      embedded: false,
      describe: `ClickHouse server ${u.protocol}//${u.host}, database ${o.database ?? DEFAULT_DATABASE}`,
      // Over HTTP, settings travel with each query and last only for it.
      restrictedClient: async (settings) =>
        createClient({ ...serverConfig(o, ClickHouseLogLevel.OFF), clickhouse_settings: settings }),
      advertise: () => {},
      close: () => client.close(),
    };
  }
  if (o.cluster)
    throw new Error(
      '--clickhouse-cluster is for a ClickHouse server: give its --clickhouse-url (the embedded store is one node)',
    );
  const dir = path.resolve(o.dataDir);
  mkdirSync(dir, { recursive: true });
  // Loaded only here: the embedded engine is a large native library a server user never needs.
  const { createChdbConnection } = await import('chdb/connection');
  let connection: ReturnType<typeof createChdbConnection>;
  try {
    connection = createChdbConnection({ path: dir });
  } catch (e) {
    throw new Error(lockMessage(dir, e as Error));
  }
  const owner = path.join(dir, OWNER_FILE);
  const record: StoreOwner = { pid: process.pid, command: programName(), since: new Date().toISOString() };
  // Written anew, so that the mode applies even over a file a killed process left behind.
  rmSync(owner, { force: true });
  writeFileSync(owner, JSON.stringify(record), { mode: 0o600 });
  // A crash that still runs code (an uncaught error, process.exit) removes it too; after a
  // kill -9 the next opener overwrites it.
  const removeOwner = () => rmSync(owner, { force: true });
  process.once('exit', removeOwner);
  // chdb builds on @clickhouse/client-common, @clickhouse/client bundles its own copy of
  // the same Connection type: structurally one contract, two declarations.
  const { client, writes } = countingWrites(createClient({ connection: connection as unknown as ClientConnection }));
  return {
    client,
    writes,
    embedded: true,
    describe: `embedded ClickHouse (chDB) in ${dir}`,
    // chDB would run settings passed with a query as session-wide SETs before it: on a session
    // of its own that is what is wanted, set once; after readonly = 1 none can change.
    restrictedClient: async (settings) => {
      const session = createClient({ connection: createChdbConnection({ path: dir }) as unknown as ClientConnection });
      const { readonly, ...limits } = settings;
      // Names and values are the caller's constants, never request input.
      for (const [k, v] of Object.entries(limits))
        await session.command({
          query: `SET ${k} = ${typeof v === 'number' ? v : `'${String(v).replace(/[\\']/g, '\\$&')}'`}`,
        });
      if (readonly !== undefined) await session.command({ query: `SET readonly = ${Number(readonly)}` });
      return session;
    },
    advertise: (server) => {
      // Atomically, and never readable by anyone else: the token is an admin key.
      rmSync(`${owner}.tmp`, { force: true });
      writeFileSync(`${owner}.tmp`, JSON.stringify({ ...record, server } satisfies StoreOwner), { mode: 0o600 });
      renameSync(`${owner}.tmp`, owner);
    },
    close: async () => {
      await client.close();
      removeOwner();
      process.off('exit', removeOwner);
    },
  };
}

/**
 * The client, its writes counted as each one ends, failed or not (a failed insert may have
 * stored part of its rows). Counted at the end: a read that began before it is older.
 */
function countingWrites(client: ClickHouseClient): { client: ClickHouseClient; writes: () => number } {
  let n = 0;
  const counted = <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (async (...a: A) => {
      try {
        return await f.apply(client, a);
      } finally {
        n++;
      }
    }) as typeof f;
  client.insert = counted(client.insert);
  client.exec = counted(client.exec);
  client.command = counted(client.command);
  return { client, writes: () => n };
}

/** Where the `vucrawl serve` that holds a store listens, and its per-start token (an admin key). */
export interface OwnerServer {
  url: string;
  token: string;
}

/** What the owner file says: who holds the store, and for a server where it listens. */
export interface StoreOwner {
  pid: number;
  command: string;
  since: string;
  server?: OwnerServer;
}

/** The owner file of a store folder, if there is one this user can read. */
export function readStoreOwner(dataDir: string): StoreOwner | undefined {
  try {
    return JSON.parse(readFileSync(path.join(path.resolve(dataDir), OWNER_FILE), 'utf8')) as StoreOwner;
  } catch {
    return undefined; // no owner file, or one torn by a kill: nobody holds the store
  }
}

function serverConfig(o: StoreOptions, off: ClickHouseLogLevel): NonNullable<Parameters<typeof createClient>[0]> {
  return {
    url: o.url,
    username: o.user,
    password: o.password,
    tls: o.caCert ? { ca_cert: readFileSync(o.caCert) } : undefined,
    // An insert into a Distributed table returns once the shards have it (not when queued
    // on this node), so "acknowledged" means stored, as the journals and the loader expect.
    clickhouse_settings: o.cluster ? { distributed_foreground_insert: 1 } : undefined,
    // Failures reach the caller as errors, reported once in plain words; the client's own
    // console lines would repeat them with a stack.
    log: { level: off },
  };
}

/** The program's name, without its arguments: `vucrawl` for the command line, else the script's file name. */
function programName(): string {
  const script = process.argv[1] ?? process.argv0;
  return /cli[\\/]main\.js$/.test(script) ? 'vucrawl' : path.basename(script);
}

/** Turns chDB's lock failure into who holds the store and what to do. */
export function lockMessage(dir: string, e: Error): string {
  const text = `${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`;
  if (!/lock|CHDB_CONNECTION|Failed to create connection/i.test(text))
    return `cannot open the store in ${dir}: ${e.message}`;
  // No owner file: an older or foreign process.
  const o = readStoreOwner(dir);
  const holder = o
    ? `process ${Number(o.pid)} (${String(o.command).slice(0, 40)}, since ${String(o.since).slice(0, 30)})`
    : 'another process';
  return (
    `the store in ${dir} is in use by ${holder}. The embedded ClickHouse allows one process at a time: ` +
    `wait for it to finish, stop it, or use another folder with --data (or a ClickHouse server with --clickhouse-url).`
  );
}
