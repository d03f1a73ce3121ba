// vucrawl demo, the main job on a machine with no network: start the bundled test
// internet (many virtual hosts on loopback), crawl its demo seeds, stop it.
import type { Logger } from 'pino';
import { readHostRules } from '../../crawler/egress/host-rules.js';
import { resolveCrawlOptions, type CrawlOptions } from '../../crawler/options.js';
import { demoSeeds, startTestInternet } from '../../internet/server.js';
import type { CrawlResult, EventDestination } from '../../pipeline/crawl-run.js';
import { CRAWL_GROUP, crawlOptionsFromFlags } from '../crawl-flags.js';
import { defineCommand } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { FRESH_FLAG, OUT_FLAG, outDir } from '../out-flag.js';
import { crawlExitCode, printSummary, runCrawl, type RunCrawlOptions } from '../run-crawl.js';
import { NO_STORE_FLAG, STORE_GROUP, storeFlagsFrom } from '../store-flags.js';

/** The demo's depth unless --depth says otherwise: the seeds and the pages they link to. */
export const DEMO_DEPTH = 1;

/** Runs fn with crawl options for the bundled test internet, started for it on 127.0.0.1 and stopped after. */
export async function withTestInternet<T>(
  flags: Partial<CrawlOptions>,
  log: Logger,
  fn: (opts: CrawlOptions) => Promise<T>,
): Promise<T> {
  const net = await startTestInternet();
  log.info({ http: net.httpPort, https: net.httpsPort }, 'test internet started on 127.0.0.1');
  try {
    return await fn(
      resolveCrawlOptions({
        depth: DEMO_DEPTH,
        ...flags,
        // The test internet lives on loopback: the demo allows it explicitly.
        allowPrivate: true,
        ignoreHttpsErrors: true,
        hostResolverRules: readHostRules(net.hostResolverRules),
      }),
    );
  } finally {
    await net.close();
  }
}

export function runDemo(
  flags: Partial<CrawlOptions>,
  outDir: string,
  log: Logger,
  to: EventDestination = {},
  o: RunCrawlOptions = {},
): Promise<CrawlResult> {
  return withTestInternet(flags, log, (opts) =>
    runCrawl(
      opts,
      demoSeeds.map((s) => ({ ...s })),
      outDir,
      log,
      to,
      o,
    ),
  );
}

export const command = defineCommand(
  {
    name: 'demo',
    summary: 'crawl the bundled test internet (no network needed) into the store, then pivot on it',
    args: '',
    description: `Starts the test internet on 127.0.0.1 and crawls its demo seeds to depth ${DEMO_DEPTH} (unless --depth says otherwise).`,
    groups: [
      { title: 'Output', flags: { ...OUT_FLAG, ...FRESH_FLAG, ...NO_STORE_FLAG } },
      CRAWL_GROUP,
      STORE_GROUP,
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, log }) => {
    const out = outDir(v.out);
    const to = { kafka: kafkaFrom(v), store: v['no-store'] ? undefined : storeFlagsFrom(v) };
    const result = await runDemo(crawlOptionsFromFlags(v), out, log, to, { fresh: v.fresh });
    printSummary(result, out);
    if (to.kafka)
      process.stdout.write(
        '\nNext, load the events into ClickHouse:\n  npx vucrawl load --until-caught-up         # with the same Kafka settings\n',
      );
    process.stdout.write(
      "\nNext, pivot on what it found, e.g.:\n  npx vucrawl pivot cdn.jquery-stats.test      # who loads scripts from the skimmer's loader host\n  npx vucrawl pivot GTM-ABCD123               # hosts sharing a Tag Manager container\n  npx vucrawl pivot --cloaking                # what a login kit showed a victim and a scanner\n",
    );
    return crawlExitCode(result.summary);
  },
);
