// vucrawl monitor: URLs (or a project's hosts) recrawled on a schedule, each new capture
// compared with that URL's previous one by the monitor's rules (alerting/monitor-rules.ts);
// what changed is raised as alerts. `run` crawls the due monitors locally, through the
// crawl pipeline; with Kafka settings the events go to Kafka and alerts to vucrawl.alerts
// too, and when workers are in the crawler group the fleet crawls the monitors' pages.
import type { Logger } from 'pino';
import { MONITOR_RULE_NAMES } from '../../alerting/monitor-rules.js';
import { resolveCrawlOptions, type CrawlOptions } from '../../crawler/options.js';
import { runDueMonitors, type MonitorRunResult } from '../../pipeline/monitor-run.js';
import type { EventDestination } from '../../pipeline/crawl-run.js';
import { AlertDelivery } from '../../sinks/alerts/delivery.js';
import type { StoreAccess } from '../../store/access.js';
import { withStoreAccess } from '../../store/choose.js';
import { addMonitor, listMonitors, removeMonitor } from '../../store/queries/monitors.js';
import type { KafkaOptions } from '../../sinks/kafka/connect.js';
import { ALERT_FLAGS, webhooksFrom } from '../alert-flags.js';
import { CRAWL_GROUP, crawlOptionsFromFlags } from '../crawl-flags.js';
import { durationMs } from '../duration.js';
import { FLEET_FLAGS, fleetChooser } from '../fleet-flags.js';
import { defineCommand, splitItems, UsageError, type FlagValues } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { outDir } from '../out-flag.js';
import { STORE_GROUP, storeFlagsFrom, type StoreFlags } from '../store-flags.js';
import { runSubcommand, subcommandUsage, type Subcommand } from '../subcommands.js';
import { inRounds } from '../rounds.js';
import { formatRows, formatTable, JSON_FLAG } from '../table.js';

const DEFAULT_MONITOR_OUT = 'vucrawl-monitors';
/** How often `monitor run` (without --once) looks for due monitors. */
const POLL_MS = 30_000;

const FLAGS = {
  url: { kind: 'list', value: 'URL', help: 'add: a URL to monitor', split: false },
  project: {
    kind: 'string',
    value: 'NAME',
    help: "add: monitor https://HOST/ of each of the project's hosts and domains",
  },
  every: { kind: 'string', value: 'DURATION', help: 'add: how often, e.g. 15m, 6h, 1d' },
  alert: {
    kind: 'list',
    value: 'RULE',
    help: `add: a rule (${MONITOR_RULE_NAMES.join(', ')}; keyword:WORD, regex:PATTERN, gone-keyword:WORD)`,
    // A rule's own option may be a comma list: a comma starts a new rule only before a rule's name.
    split: splitItems((part) => MONITOR_RULE_NAMES.some((n) => part === n || part.startsWith(`${n}:`))),
  },
  once: { kind: 'boolean', help: 'run: run the due monitors once and exit' },
  force: { kind: 'boolean', help: 'run: every monitor is due' },
  ...FLEET_FLAGS,
  out: {
    kind: 'string',
    value: 'DIR',
    help: "run: each monitor crawls into DIR/<monitor>/; alerts.ndjson and the webhooks' dead letters are in DIR",
    default: () => DEFAULT_MONITOR_OUT,
  },
  ...ALERT_FLAGS,
  ...JSON_FLAG,
} as const;

type Values = FlagValues<typeof FLAGS & typeof CRAWL_GROUP.flags & typeof KAFKA_GROUP.flags & typeof STORE_GROUP.flags>;

interface Context {
  v: Values;
  log: Logger;
  store: StoreFlags;
}

const SUBCOMMANDS: Record<string, Subcommand<Context>> = {
  add: {
    args: 'NAME (--url URL... | --project P) --every DURATION --alert RULE... [--profile NAME]',
    min: 1,
    run: async ([name], { v, log, store }) => {
      if (!v.every) throw new UsageError('monitor add needs --every DURATION');
      crawlOptionsFromFlags({ profile: v.profile, profiles: v.profiles }); // checks the profile's name (monitor run needs the same --profiles)
      const m = {
        name: name!,
        urls: v.url ?? [],
        project: v.project ?? '',
        every_ms: durationMs(v.every, 'every'),
        rules: v.alert ?? [],
        profile: v.profile ?? '',
      };
      await withStoreAccess(store, log, (a) => addMonitor(a, m));
      process.stderr.write(
        `monitor ${name} added; its first run is its baseline (no alerts): vucrawl monitor run --once\n`,
      );
      return 0;
    },
  },
  list: {
    args: '',
    min: 0,
    run: async (_, c) => {
      process.stdout.write(
        formatRows(
          (await withStoreAccess(c.store, c.log, listMonitors)) as unknown as Record<string, unknown>[],
          Boolean(c.v.json),
        ),
      );
      return 0;
    },
  },
  remove: {
    args: 'NAME',
    min: 1,
    run: async ([name], c) => {
      await withStoreAccess(c.store, c.log, (a) => removeMonitor(a, name!));
      process.stderr.write(`monitor ${name} removed\n`);
      return 0;
    },
  },
  run: { args: '[--once] [--force] [crawl, store, Kafka and webhook flags]', min: 0, run: (_, c) => runMonitors(c) },
};

/** The store held here (or by vucrawl serve) for the whole run: the monitors' tables, and the crawls' events unless they go to Kafka. */
function runMonitors({ v, log, store }: Context): Promise<number> {
  const crawl = resolveCrawlOptions(crawlOptionsFromFlags(v));
  const kafka = kafkaFrom(v);
  const webhooks = webhooksFrom(v);
  // The crawls' events go into the store held here, or find the server that holds it as this did.
  return withStoreAccess(store, log, (a) => {
    const to: EventDestination = a.held ? { held: a.held, webhooks } : { store, webhooks };
    return runLoop(a, crawl, kafka ? { kafka, webhooks } : to, kafka, v, log);
  });
}

async function runLoop(
  a: StoreAccess,
  crawl: CrawlOptions,
  to: EventDestination,
  kafka: KafkaOptions | undefined,
  v: Values,
  log: Logger,
): Promise<number> {
  const out = outDir(v.out ?? DEFAULT_MONITOR_OUT);
  const fleet = fleetChooser(kafka, v, log);
  const delivery = new AlertDelivery(a, { dir: out, kafka, webhooks: to.webhooks ?? [] }, log);
  try {
    await inRounds({ once: v.once, everyMs: POLL_MS, what: 'monitor', log }, async () => {
      const results = await runDueMonitors(
        a,
        delivery,
        { crawl, outDir: out, to, force: v.force, fleet: await fleet() },
        log,
      );
      if (results.length || v.once) process.stdout.write(summary(results));
    });
  } finally {
    await delivery.close();
  }
  return 0;
}

function summary(results: MonitorRunResult[]): string {
  if (!results.length) return 'no monitor is due\n';
  return formatTable(
    results.map((r) => ({
      monitor: r.monitor,
      pages: r.pages,
      compared: r.compared,
      alerts: r.alerts.length,
      raised: r.alerts.map((x) => `${x.rule} ${x.subject}`).join('; '),
    })),
  );
}

export const command = defineCommand(
  {
    name: 'monitor',
    summary: 'monitors: URLs recrawled on a schedule and compared with their previous visit; changes raise alerts',
    args: 'add|list|remove|run ...',
    description: [
      subcommandUsage('monitor', SUBCOMMANDS),
      '',
      "A monitor's first visit of a URL is its baseline and raises nothing. Each alert is raised once per fact:",
      'the alerts table, DIR/alerts.ndjson, vucrawl.alerts (with Kafka settings) and the webhooks.',
    ].join('\n'),
    groups: [{ title: 'Monitor', flags: FLAGS }, CRAWL_GROUP, STORE_GROUP, KAFKA_GROUP],
  },
  async ({ values: v, positionals, log }) =>
    runSubcommand('monitor', SUBCOMMANDS, positionals, { v, log, store: storeFlagsFrom(v) }),
);
