// vucrawl crawl: seed URLs (arguments and seed files) -> captures, events, the store or Kafka.
import { resolveCrawlOptions } from '../../crawler/options.js';
import { ALERT_FLAGS, webhooksFrom } from '../alert-flags.js';
import { CRAWL_GROUP, crawlOptionsFromFlags } from '../crawl-flags.js';
import { defineCommand } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { metricsAddress, metricsFlag } from '../metrics-flag.js';
import { FRESH_FLAG, OUT_FLAG, outDir } from '../out-flag.js';
import { crawlExitCode, printSummary, runCrawl } from '../run-crawl.js';
import { SEED_FLAGS, seedsFrom } from '../seed-args.js';
import { ProfileCatalog } from '../../crawler/identity/profiles.js';
import { NO_STORE_FLAG, STORE_FLUSH_FLAG, STORE_GROUP, storeFlagsFrom, storeFlushMs } from '../store-flags.js';

export const command = defineCommand(
  {
    name: 'crawl',
    summary: 'crawl seed URLs; one capture line per page in OUT/captures.ndjson, events to the store or Kafka',
    args: '[URL...] [--seeds FILE]',
    description:
      'Seed files: one URL a line, optional profile=NAME depth=N priority=N screenshots=on referer=URL tag=NAME after it; # comments.\nOr CSV (.csv, header row: url,tags,profile,depth,priority,screenshots,referer) or JSON Lines (.jsonl).\nA bad line is reported with file and line and skipped.\nRun again with the same --out after a crash or Ctrl-C and the crawl resumes where it stopped.\nExit code: 0 when pages were crawled, 1 when every target failed or was refused, 2 for usage errors.',
    groups: [
      {
        title: 'Seeds and output',
        flags: {
          ...SEED_FLAGS,
          ...OUT_FLAG,
          ...FRESH_FLAG,
          ...NO_STORE_FLAG,
          ...STORE_FLUSH_FLAG,
          ...metricsFlag('off'),
        },
      },
      { title: "Watches' alerts (besides the store and OUT/alerts.ndjson)", flags: ALERT_FLAGS },
      CRAWL_GROUP,
      STORE_GROUP,
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    const opts = resolveCrawlOptions(crawlOptionsFromFlags(v));
    const seeds = await seedsFrom(positionals, v.seeds, log, ProfileCatalog.with(opts.profiles).names);
    const out = outDir(v.out);
    const result = await runCrawl(
      opts,
      seeds,
      out,
      log,
      {
        kafka: kafkaFrom(v),
        store: v['no-store'] ? undefined : storeFlagsFrom(v),
        storeFlushMs: storeFlushMs(v),
        webhooks: webhooksFrom(v),
      },
      { fresh: v.fresh, metricsAt: metricsAddress(v.metrics, 'off') },
    );
    printSummary(result, out);
    return crawlExitCode(result.summary);
  },
);
