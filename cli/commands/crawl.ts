// vucrawl crawl: seed URLs (arguments and seed files) -> captures, events, the store or Kafka.
import { PROFILE_NAMES } from '../../crawler/profiles.js';
import { resolveCrawlOptions } from '../../crawler/options.js';
import { parseSeedArgs, readSeedFile } from '../../seeds/seed-file.js';
import { CRAWL_GROUP, crawlOptionsFromFlags } from '../crawl-flags.js';
import { defineCommand, UsageError } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { FRESH_FLAG, OUT_FLAG, outDir } from '../out-flag.js';
import { crawlExitCode, printSummary, runCrawl } from '../run-crawl.js';
import { NO_STORE_FLAG, STORE_GROUP, storeFlagsFrom } from '../store-flags.js';

export const command = defineCommand({
  name: 'crawl',
  summary: 'crawl seed URLs; one capture line per page in OUT/captures.ndjson, events to the store or Kafka',
  args: '[URL...] [--seeds FILE]',
  description: 'Seed files: one URL a line, optional profile=NAME depth=N priority=N after it; # comments.\nA bad line is reported with file and line and skipped.\nRun again with the same --out after a crash or Ctrl-C and the crawl resumes where it stopped.\nExit code: 0 when pages were crawled, 1 when every target failed or was refused, 2 for usage errors.',
  groups: [
    { title: 'Seeds and output', flags: { seeds: { kind: 'list', value: 'FILE', help: 'seed list' }, ...OUT_FLAG, ...FRESH_FLAG, ...NO_STORE_FLAG } },
    CRAWL_GROUP, STORE_GROUP, KAFKA_GROUP,
  ],
}, async ({ values: v, positionals, log }) => {
  const opts = resolveCrawlOptions(crawlOptionsFromFlags(v));
  const rules = { profiles: PROFILE_NAMES };
  const parsed = parseSeedArgs(positionals, rules);
  for (const f of v.seeds ?? []) {
    const p = await readSeedFile(f, rules);
    parsed.seeds.push(...p.seeds);
    parsed.errors.push(...p.errors);
    parsed.warnings.push(...p.warnings);
  }
  for (const e of parsed.errors) log.warn(`bad seed at ${e.where}: ${e.message} (skipped)`);
  for (const w of parsed.warnings) log.warn(`seed at ${w.where}: ${w.message}`);
  if (parsed.seeds.length === 0) throw new UsageError('no valid seed URLs: give URLs as arguments or --seeds FILE');
  const out = outDir(v.out);
  const result = await runCrawl(opts, parsed.seeds, out, log, { kafka: kafkaFrom(v), store: v['no-store'] ? undefined : storeFlagsFrom(v) }, { fresh: v.fresh });
  printSummary(result, out);
  return crawlExitCode(result.summary);
});
