// vucrawl project: named sets of indicators (hosts, registrable domains, IPs, tracker IDs,
// SHA-256s, favicon hashes) with tags, in the store's projects tables, for watches
// (@PROJECT), monitors (--project) and pivots (--project).
import { INDICATOR_KINDS, type IndicatorKind } from '../../alerting/project.js';
import {
  addIndicators,
  createProject,
  deleteProject,
  listProjects,
  removeIndicators,
  showProject,
} from '../../store/queries/projects.js';
import { withStoreAccess } from '../../store/choose.js';
import { defineCommand, UsageError, type FlagValues } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { runSubcommand, type StoreContext, subcommandUsage, type Subcommand } from '../subcommands.js';
import { JSON_FLAG, printRows } from '../table.js';

const FLAGS = {
  description: { kind: 'string', value: 'TEXT', help: 'create: what the project is about' },
  tag: { kind: 'list', value: 'TAG', help: 'create, add: a tag of the project or of the indicators added' },
  kind: {
    kind: 'string',
    value: 'KIND',
    help: `add: the indicators' kind, when recognizing it is not enough (${INDICATOR_KINDS.join(', ')})`,
  },
  ...JSON_FLAG,
} as const;

type Context = StoreContext<FlagValues<typeof FLAGS>>;
const print = (rows: object[], v: Context['v']) => printRows(rows, v.json);

const SUBCOMMANDS: Record<string, Subcommand<Context>> = {
  create: {
    args: 'NAME [--description TEXT] [--tag TAG]...',
    min: 1,
    run: async ([name], c) => {
      await c.run((a) => createProject(a, name!, { description: c.v.description, tags: c.v.tag }));
      process.stderr.write(`project ${name} created; add indicators with: vucrawl project add ${name} VALUE...\n`);
      return 0;
    },
  },
  add: {
    args: 'NAME VALUE... [--kind KIND] [--tag TAG]...',
    min: 2,
    run: async ([name, ...values], c) => {
      const kind = c.v.kind as IndicatorKind | undefined;
      if (kind !== undefined && !INDICATOR_KINDS.includes(kind))
        throw new UsageError(`--kind must be one of ${INDICATOR_KINDS.join(', ')}`);
      print(await c.run((a) => addIndicators(a, name!, values, { kind, tags: c.v.tag })), c.v);
      return 0;
    },
  },
  remove: {
    args: 'NAME [VALUE...]  (without values: the project itself)',
    min: 1,
    run: async ([name, ...values], c) => {
      if (!values.length) {
        await c.run((a) => deleteProject(a, name!));
        process.stderr.write(`project ${name} removed\n`);
      } else {
        const gone = await c.run((a) => removeIndicators(a, name!, values));
        process.stderr.write(`${gone.length} of ${values.length} indicator(s) removed from ${name}\n`);
      }
      return 0;
    },
  },
  show: {
    args: 'NAME',
    min: 1,
    run: async ([name], c) => {
      const { project, indicators } = await c.run((a) => showProject(a, name!));
      if (!c.v.json)
        process.stdout.write(
          `project ${project.name}${project.description ? `: ${project.description}` : ''}${project.tags.length ? ` [${project.tags.join(', ')}]` : ''}\n`,
        );
      print(indicators, c.v);
      return 0;
    },
  },
  list: {
    args: '',
    min: 0,
    run: async (_, c) => {
      print(await c.run(listProjects), c.v);
      return 0;
    },
  },
};

export const command = defineCommand(
  {
    name: 'project',
    summary:
      'projects: named sets of indicators (hosts, domains, IPs, tracker IDs, SHA-256s, favicon hashes) with tags',
    args: 'create|add|remove|show|list ...',
    description: [
      subcommandUsage('project', SUBCOMMANDS),
      '',
      "A value's kind is recognized as vucrawl pivot does; a host that is its own registrable domain is a domain.",
      'Stored in the tables projects and project_indicators (views projects_current, project_indicators_current).',
    ].join('\n'),
    groups: [{ title: 'Project', flags: FLAGS }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) =>
    runSubcommand('project', SUBCOMMANDS, positionals, {
      v,
      log,
      run: (fn) => withStoreAccess(storeFlagsFrom(v), log, fn),
    }),
);
