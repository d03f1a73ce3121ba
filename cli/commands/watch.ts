// vucrawl watch: standing searches over every page crawled (alerting/watch-rules.ts),
// evaluated on each batch of events a crawl writes to the store.
import { WATCH_RULE_NAMES } from '../../alerting/watch-rules.js';
import type { StoreAccess } from '../../store/access.js';
import { withStoreAccess } from '../../store/choose.js';
import { addWatch, listWatches, removeWatch } from '../../store/queries/watches.js';
import { defineCommand, UsageError, type FlagValues } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { runSubcommand, subcommandUsage, type Subcommand } from '../subcommands.js';
import { formatRows, JSON_FLAG } from '../table.js';

const FLAGS = {
  when: {
    kind: 'string',
    value: 'RULE',
    help: `add: the rule, e.g. "favicon-copy:@brand" (${WATCH_RULE_NAMES.join(', ')})`,
  },
  ...JSON_FLAG,
} as const;

interface Context {
  v: FlagValues<typeof FLAGS>;
  run<T>(fn: (a: StoreAccess) => Promise<T>): Promise<T>;
}

const SUBCOMMANDS: Record<string, Subcommand<Context>> = {
  add: {
    args: 'NAME --when RULE',
    min: 1,
    run: async ([name], c) => {
      if (!c.v.when) throw new UsageError('watch add needs --when RULE');
      await c.run((a) => addWatch(a, name!, c.v.when!));
      process.stderr.write(`watch ${name} added: evaluated on the events of every crawl from now on\n`);
      return 0;
    },
  },
  list: {
    args: '',
    min: 0,
    run: async (_, c) => {
      process.stdout.write(
        formatRows((await c.run(listWatches)) as unknown as Record<string, unknown>[], Boolean(c.v.json)),
      );
      return 0;
    },
  },
  remove: {
    args: 'NAME',
    min: 1,
    run: async ([name], c) => {
      await c.run((a) => removeWatch(a, name!));
      process.stderr.write(`watch ${name} removed\n`);
      return 0;
    },
  },
};

export const command = defineCommand(
  {
    name: 'watch',
    summary:
      'watches: standing searches over every crawled page (new parents of your hosts, copies of your favicon, ...)',
    args: 'add|list|remove ...',
    description: [
      subcommandUsage('watch', SUBCOMMANDS),
      '',
      "Rules (VALUE is a literal, or @PROJECT for a project's indicators):",
      '  new-parent:HOST [cause:C,...]       a host never seen before leading to HOST (inbound redirect, hot-linked assets)',
      '  new-tracker-host:ID                 a host never seen before carrying tracker ID',
      "  favicon-copy:MMH3 outside:H,...     a page with that favicon hash on a host outside H (or the project's)",
      '  resource-copy:SHA256 outside:H,...  a body with that SHA-256 served by a host outside H',
      '  keyword:WORD [tag:TAG]              a page (of a seed tagged TAG) showing WORD; regex:PATTERN likewise',
      '  cloaking:HOST                       a target that cloaks (crawl --compare) under HOST, leading to it, or on a look-alike of its domain',
    ].join('\n'),
    groups: [{ title: 'Watch', flags: FLAGS }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) =>
    runSubcommand('watch', SUBCOMMANDS, positionals, { v, run: (fn) => withStoreAccess(storeFlagsFrom(v), log, fn) }),
);
