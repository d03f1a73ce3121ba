// vucrawl submit: seeds -> targets of one crawl on vucrawl.targets, for the fleet's workers.
import { ProfileCatalog } from '../../crawler/identity/profiles.js';
import { CRAWL_DEFAULTS } from '../../crawler/options.js';
import { comparison, CRAWL_FLAGS, profilesFile } from '../crawl-flags.js';
import { demoSeeds } from '../../internet/server.js';
import { submitTargets } from '../../pipeline/fleet/submit.js';
import { TAG } from '../../seeds/seed-file.js';
import { defineCommand, UsageError, wholeNumber } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { SEED_FLAGS, seedsFrom } from '../seed-args.js';
import { DEMO_DEPTH } from './demo.js';

export const command = defineCommand(
  {
    name: 'submit',
    summary: 'publish crawl targets to vucrawl.targets for the fleet of workers',
    args: '[URL...] [--seeds FILE] [--demo]',
    description:
      'Prints the crawl id. Targets are keyed by registrable domain: a site stays with one worker at a time.\nA recrawl of the same seeds is a new crawl id (earlier "done" pages do not block it).',
    groups: [
      {
        title: 'Targets',
        flags: {
          ...SEED_FLAGS,
          profiles: {
            ...CRAWL_FLAGS.profiles,
            help: 'your own virtual-user profiles the seeds may name (the workers need the same file)',
          },
          compare: CRAWL_FLAGS.compare,
          'crawl-id': { kind: 'string', value: 'ID', help: 'crawl to add the targets to (default: a new crawl)' },
          depth: {
            kind: 'string',
            value: 'N',
            help: 'link depth to follow from each seed that sets none',
            default: () => CRAWL_DEFAULTS.depth,
          },
          'any-site': { kind: 'boolean', help: 'follow links to other sites too (default: same registrable domain)' },
          tag: { kind: 'list', value: 'NAME', help: 'tag every target (and every event of its pages)' },
          demo: {
            kind: 'boolean',
            help: `the demo's seeds of the bundled test internet, to depth ${DEMO_DEPTH} (for workers started with --demo)`,
          },
        },
      },
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    const kafka = kafkaFrom(v);
    if (!kafka)
      throw new UsageError(
        'submit needs Kafka brokers: --kafka-brokers HOST:PORT, VUCRAWL_KAFKA_BROKERS or --kafka-config FILE',
      );
    for (const t of v.tag ?? [])
      if (!TAG.test(t))
        throw new UsageError(`--tag "${t.slice(0, 100)}" must be 1 to 300 letters, digits or . _ - : / @`);
    const profiles = ProfileCatalog.with(profilesFile(v.profiles)).names;
    const seeds = v.demo
      ? [
          ...demoSeeds.map((s) => ({ ...s })),
          ...(positionals.length || v.seeds ? await seedsFrom(positionals, v.seeds, log, profiles) : []),
        ]
      : await seedsFrom(positionals, v.seeds, log, profiles);
    const depth = wholeNumber(v.depth, 'depth') ?? (v.demo ? DEMO_DEPTH : CRAWL_DEFAULTS.depth);
    const r = await submitTargets(
      kafka,
      seeds,
      {
        crawlId: v['crawl-id'],
        depth,
        scope: v['any-site'] ? 'any' : 'site',
        tags: v.tag ?? [],
        compare: comparison(v.compare, profiles),
      },
      log,
    );
    process.stdout.write(`submitted ${r.sent} targets of crawl ${r.crawlId}\n`);
    return 0;
  },
);
