#!/usr/bin/env node
// vucrawl command line. Crawl flags map one to one onto CrawlOptions (defaults in
// crawler/options.ts); store and Kafka flags onto their option objects.
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { resolveCrawlOptions, type CrawlOptions } from '../crawler/options.js';
import { PROFILES } from '../crawler/profiles.js';
import { parseSeedArgs, readSeedFile, type ParsedSeeds } from '../seeds/seed-file.js';
import { ensureBrowser } from './ensure-browser.js';
import { createLogger } from './logger.js';
import { kafkaOptions, type KafkaOptions } from '../sinks/kafka/connect.js';
import { kafkaSpillDir } from '../pipeline/event-output.js';
import type { StoreFlags } from '../sinks/clickhouse/open.js';
import { eventsLine, printSummary, runCrawl, type EventDestination } from './run-crawl.js';

const USAGE = `vucrawl: crawl like a victim's browser and record everything it did

Usage:
  vucrawl crawl [URL...] [--seeds FILE] [options]   crawl seed URLs; one capture line per page in OUT/captures.ndjson
  vucrawl demo [--out DIR] [options]                crawl the bundled test internet (no network needed)
  vucrawl extract CAPTURES.ndjson --out DIR          re-run extraction over saved captures
  vucrawl pivot VALUE [--direction parents|children] [--since D] [--until D] [--limit N] [--json]
                                                    hosts related to a host, IP, tracker ID, SHA-256, favicon hash or cookie name
  vucrawl sql "SELECT ..." [--json]                 ad-hoc SQL on the store
  vucrawl stats [--json]                            what the store holds
  vucrawl replay [DIR]                              load batches spilled while the database was unreachable
                                                    (with Kafka settings: send messages spilled while the broker was)
  vucrawl load [--group ID] [--until-caught-up] [--metrics HOST:PORT]
                                                    Kafka topics -> ClickHouse (embedded or server), exactly once
  vucrawl browser [--install] [--browser ENGINE]    show (or install) the Chromium that crawls use

Crawl options:
  --seeds FILE            seed list: one URL a line, optional profile=NAME depth=N priority=N after it
  --out DIR               output folder (default ./vucrawl-out); {hostname} in it is replaced by the
                          machine's name, so replicated containers sharing a volume keep apart
  --depth N               link depth to follow from each seed (default 0)
  --max-pages N           pages in this run (default 1000)
  --max-pages-per-site N  pages per registrable domain (default 200)
  --concurrency N         pages in flight, one virtual user each (default 2)
  --host-concurrency N    pages in flight per host (default 2)
  --host-delay MS         pause between two pages of a host (default 0)
  --include REGEX         follow only links matching (repeatable)
  --exclude REGEX         never follow links matching (repeatable)
  --any-site              follow links to other sites too (default: same registrable domain)
  --profile NAME          virtual-user profile: ${Object.keys(PROFILES).join(', ')}
  --browser ENGINE        headless-shell (fast, default) or chromium (full browser, harder to detect)
  --chromium PATH         browser binary (also VUCRAWL_CHROMIUM)
  --proxy URL             send every virtual user's traffic through this HTTP proxy
  --allow-private         allow targets on loopback/private/link-local addresses
  --ignore-https-errors   accept invalid certificates
  --host-resolver-rules R Chromium host-resolver rules (e.g. "MAP *.test 127.0.0.1")
  --nav-timeout MS        navigation timeout (default 30000)
  --page-timeout MS       hard bound for one page, settle and capture included (default 45000)
  --settle MS             after load, wait up to this for the network to go quiet (default 2000)
  --max-body-mb N         hash bodies and downloads up to this size (default 16)
  --keep-downloads DIR    keep downloaded files (default: hashed and discarded)
  --retries N             extra attempts after a connection failure (default 1)
  --shutdown-grace MS     on Ctrl-C/SIGTERM, time pages in flight get to finish (default 10000)
  --log-level LEVEL       trace, debug, info, warn, error (default info; also VUCRAWL_LOG_LEVEL)

Store options (crawl, demo, pivot, sql, stats, replay):
  --data DIR              embedded ClickHouse folder (default ./vucrawl-data; also VUCRAWL_DATA)
  --clickhouse-url URL    use a ClickHouse server instead (also VUCRAWL_CLICKHOUSE_URL)
  --clickhouse-user U, --clickhouse-password P, --clickhouse-database D (default vucrawl), --clickhouse-ca PEM
                          (also VUCRAWL_CLICKHOUSE_USER / _PASSWORD / _DATABASE / _CA)
  --no-store              crawl: write NDJSON only

Kafka options (crawl and demo publish to Kafka instead of the store when brokers are set; load reads it):
  --kafka-brokers H:P,..  bootstrap brokers (also VUCRAWL_KAFKA_BROKERS)
  --kafka-config FILE     JSON with any of the settings below (keys: brokers, clientId, ssl, ca,
                          saslMechanism, saslUsername, saslPassword, partitions, replicationFactor)
  --kafka-client-id ID, --kafka-ssl, --kafka-ca PEM, --kafka-sasl-mechanism plain|scram-sha-256|scram-sha-512,
  --kafka-sasl-username U, --kafka-sasl-password P (prefer VUCRAWL_KAFKA_SASL_PASSWORD)
  --kafka-partitions N, --kafka-replication-factor N   for topics created when missing (default 3, 1)
                          (each also VUCRAWL_KAFKA_<NAME>, e.g. VUCRAWL_KAFKA_CLIENT_ID)
  --group ID              load: consumer group (default vucrawl-loader)
  --until-caught-up       load: exit once every message in the topics is loaded
  --metrics HOST:PORT     load: serve Prometheus metrics on /metrics (default 127.0.0.1:9464; "off" for none)
`;

const FLAGS = {
  seeds: { type: 'string', multiple: true },
  out: { type: 'string' },
  depth: { type: 'string' },
  'max-pages': { type: 'string' },
  'max-pages-per-site': { type: 'string' },
  concurrency: { type: 'string' },
  'host-concurrency': { type: 'string' },
  'host-delay': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'any-site': { type: 'boolean' },
  profile: { type: 'string' },
  browser: { type: 'string' },
  chromium: { type: 'string' },
  proxy: { type: 'string' },
  'allow-private': { type: 'boolean' },
  'ignore-https-errors': { type: 'boolean' },
  'host-resolver-rules': { type: 'string' },
  'nav-timeout': { type: 'string' },
  'page-timeout': { type: 'string' },
  settle: { type: 'string' },
  'max-body-mb': { type: 'string' },
  'keep-downloads': { type: 'string' },
  retries: { type: 'string' },
  'shutdown-grace': { type: 'string' },
  'log-level': { type: 'string' },
  install: { type: 'boolean' },
  data: { type: 'string' },
  'clickhouse-url': { type: 'string' },
  'clickhouse-user': { type: 'string' },
  'clickhouse-password': { type: 'string' },
  'clickhouse-database': { type: 'string' },
  'clickhouse-ca': { type: 'string' },
  'no-store': { type: 'boolean' },
  'kafka-brokers': { type: 'string' },
  'kafka-config': { type: 'string' },
  'kafka-client-id': { type: 'string' },
  'kafka-ssl': { type: 'boolean' },
  'kafka-ca': { type: 'string' },
  'kafka-sasl-mechanism': { type: 'string' },
  'kafka-sasl-username': { type: 'string' },
  'kafka-sasl-password': { type: 'string' },
  'kafka-partitions': { type: 'string' },
  'kafka-replication-factor': { type: 'string' },
  group: { type: 'string' },
  'until-caught-up': { type: 'boolean' },
  metrics: { type: 'string' },
  json: { type: 'boolean' },
  direction: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

function num(v: Values, flag: keyof Values & string, scale = 1): number | undefined {
  const raw = v[flag];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} needs a number >= 0, got "${String(raw)}"`);
  return n * scale;
}

function regexes(list: string[] | undefined, flag: string): RegExp[] | undefined {
  return list?.map((s) => {
    try {
      return new RegExp(s);
    } catch (e) {
      throw new UsageError(`--${flag} "${s}" is not a valid regular expression: ${(e as Error).message}`);
    }
  });
}

export function optionsFromFlags(v: Values): Partial<CrawlOptions> {
  if (v.profile !== undefined && !PROFILES[v.profile]) throw new UsageError(`--profile "${v.profile}" is unknown; known profiles: ${Object.keys(PROFILES).join(', ')}`);
  if (v.browser !== undefined && v.browser !== 'headless-shell' && v.browser !== 'chromium') throw new UsageError(`--browser must be headless-shell or chromium, got "${v.browser}"`);
  const o: Partial<CrawlOptions> = {
    depth: num(v, 'depth'),
    maxPages: num(v, 'max-pages'),
    maxPagesPerSite: num(v, 'max-pages-per-site'),
    concurrency: num(v, 'concurrency'),
    hostConcurrency: num(v, 'host-concurrency'),
    hostDelayMs: num(v, 'host-delay'),
    include: regexes(v.include, 'include'),
    exclude: regexes(v.exclude, 'exclude'),
    sameSite: v['any-site'] ? false : undefined,
    profile: v.profile,
    engine: v.browser as CrawlOptions['engine'] | undefined,
    executablePath: v.chromium,
    proxy: v.proxy,
    allowPrivate: v['allow-private'],
    ignoreHttpsErrors: v['ignore-https-errors'],
    hostResolverRules: v['host-resolver-rules'],
    navTimeoutMs: num(v, 'nav-timeout'),
    pageTimeoutMs: num(v, 'page-timeout'),
    settleMs: num(v, 'settle'),
    maxBodyBytes: num(v, 'max-body-mb', 1024 * 1024),
    downloadsDir: v['keep-downloads'],
    retries: num(v, 'retries'),
    shutdownGraceMs: num(v, 'shutdown-grace'),
  };
  // Flags not given leave the defaults alone.
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
}

function storeFlags(v: Values): StoreFlags | undefined {
  if (v['no-store']) return undefined;
  return {
    dataDir: v.data, url: v['clickhouse-url'], user: v['clickhouse-user'], password: v['clickhouse-password'],
    database: v['clickhouse-database'], caCert: v['clickhouse-ca'],
  };
}

function kafkaFlags(v: Values): KafkaOptions | undefined {
  return kafkaOptions({
    brokers: v['kafka-brokers'], config: v['kafka-config'], clientId: v['kafka-client-id'], ssl: v['kafka-ssl'], ca: v['kafka-ca'],
    saslMechanism: v['kafka-sasl-mechanism'], saslUsername: v['kafka-sasl-username'], saslPassword: v['kafka-sasl-password'],
    partitions: v['kafka-partitions'], replicationFactor: v['kafka-replication-factor'],
  });
}

function destination(v: Values): EventDestination {
  return { kafka: kafkaFlags(v), store: storeFlags(v) };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const { values: v, positionals } = parseArgs({ args: rest, options: FLAGS, allowPositionals: true, strict: true });
  if (v.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = createLogger(v['log-level']);
  // "{hostname}" gives each container of a replicated service a folder of its own.
  const out = (v.out ?? 'vucrawl-out').replaceAll('{hostname}', hostname());
  switch (command) {
    case 'crawl': {
      const opts = resolveCrawlOptions(optionsFromFlags(v));
      const parsed: ParsedSeeds = parseSeedArgs(positionals);
      for (const f of v.seeds ?? []) {
        const p = await readSeedFile(f);
        parsed.seeds.push(...p.seeds);
        parsed.errors.push(...p.errors);
      }
      for (const e of parsed.errors) log.warn(`bad seed at ${e.where}: ${e.message} (skipped)`);
      if (parsed.seeds.length === 0) throw new UsageError('no valid seed URLs: give URLs as arguments or --seeds FILE');
      printSummary(await runCrawl(opts, parsed.seeds, out, log, destination(v)), out);
      return 0;
    }
    case 'demo': {
      const { runDemo } = await import('./demo.js');
      const to = destination(v);
      printSummary(await runDemo(optionsFromFlags(v), out, log, to), out);
      if (to.kafka) process.stdout.write('\nNext, load the events into ClickHouse:\n  npx vucrawl load --until-caught-up         # with the same Kafka settings\n');
      process.stdout.write('\nNext, pivot on what it found, e.g.:\n  npx vucrawl pivot cdn.jquery-stats.test      # who loads scripts from the skimmer\'s loader host\n  npx vucrawl pivot GTM-ABCD123               # hosts sharing a Tag Manager container\n');
      return 0;
    }
    case 'extract': {
      const [file, ...extra] = positionals;
      if (!file || extra.length) throw new UsageError('extract takes one captures file: vucrawl extract DIR/captures.ndjson --out DIR2');
      const { runExtract } = await import('./extract-command.js');
      const r = await runExtract(file, out, log);
      process.stdout.write(`extracted ${r.captures} captures (${r.badLines} bad lines, ${r.extractionErrors} extraction errors)\n${eventsLine(r.events, out)}\n`);
      return r.badLines || r.extractionErrors ? 1 : 0;
    }
    case 'pivot': {
      const [value, ...extra] = positionals;
      if (!value || extra.length) throw new UsageError('pivot takes one value: a host, IP, tracker ID, SHA-256, favicon hash or cookie name');
      if (v.direction !== undefined && v.direction !== 'parents' && v.direction !== 'children') throw new UsageError(`--direction must be parents or children, got "${v.direction}"`);
      for (const [flag, d] of [['since', v.since], ['until', v.until]] as const) if (d !== undefined && Number.isNaN(Date.parse(d))) throw new UsageError(`--${flag} needs a date (e.g. 2026-11-01), got "${d}"`);
      const { runPivot } = await import('./store-commands.js');
      process.stdout.write(await runPivot(value, { direction: v.direction as 'parents' | 'children' | undefined, since: v.since, until: v.until, limit: num(v, 'limit') ?? 100, json: Boolean(v.json) }, storeFlags(v) ?? {}, log));
      return 0;
    }
    case 'sql': {
      const [query, ...extra] = positionals;
      if (!query || extra.length) throw new UsageError('sql takes one query in quotes: vucrawl sql "SELECT ..."');
      const { runSql } = await import('./store-commands.js');
      process.stdout.write(await runSql(query, Boolean(v.json), storeFlags(v) ?? {}, log));
      return 0;
    }
    case 'stats': {
      const { runStats } = await import('./store-commands.js');
      process.stdout.write(await runStats(Boolean(v.json), storeFlags(v) ?? {}, log));
      return 0;
    }
    case 'replay': {
      const kafka = kafkaFlags(v);
      if (kafka) {
        const { replayKafkaSpill } = await import('./load-command.js');
        process.stdout.write(await replayKafkaSpill(positionals[0] ?? kafkaSpillDir(out), kafka, log));
        return 0;
      }
      const { runReplay } = await import('./store-commands.js');
      process.stdout.write(await runReplay(positionals[0], storeFlags(v) ?? {}, log));
      return 0;
    }
    case 'load': {
      const kafka = kafkaFlags(v);
      if (!kafka) throw new UsageError('load needs Kafka brokers: --kafka-brokers HOST:PORT, VUCRAWL_KAFKA_BROKERS or --kafka-config FILE');
      const metrics = v.metrics ?? process.env.VUCRAWL_METRICS ?? '127.0.0.1:9464';
      const m = /^(.+):(\d+)$/.exec(metrics);
      if (metrics !== 'off' && !m) throw new UsageError(`--metrics needs HOST:PORT or "off", got "${metrics}"`);
      const { runLoad } = await import('./load-command.js');
      process.stdout.write(await runLoad({
        kafka, store: storeFlags(v) ?? {}, groupId: v.group ?? process.env.VUCRAWL_LOADER_GROUP, untilCaughtUp: Boolean(v['until-caught-up']),
        metrics: m ? { host: m[1]!, port: Number(m[2]) } : undefined,
      }, log));
      return 0;
    }
    case 'browser': {
      const engine = (v.browser ?? 'headless-shell') as CrawlOptions['engine'];
      await ensureBrowser(engine, { install: Boolean(v.install), log });
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: Error) => {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`vucrawl: ${e.message}\n${usage ? 'Run "vucrawl help" for usage.\n' : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
