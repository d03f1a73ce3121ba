// Flag tables and what is built from them: each command declares its flags once, in
// groups, and both its parser (node:util parseArgs, strict) and its --help come from that
// table. Defaults shown in help are read from the options modules that hold them, never
// repeated here. A flag the command does not take is a usage error that names it.
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { createLogger, DEFAULT_LOG_LEVEL, LOG_LEVELS } from './logger.js';

export type FlagKind = 'string' | 'boolean' | 'list';

export interface FlagSpec {
  /** string: one value; boolean: a switch; list: repeatable, every value kept. */
  kind: FlagKind;
  /** What the value looks like in help (N, MS, FILE, URL, ...). */
  value?: string;
  help: string;
  /** The default shown in help, read from where it is defined. */
  default?: () => string | number | boolean | undefined;
  /** The environment variable that also sets it. */
  env?: string;
  short?: string;
  /** Its value is a secret (or, for 'in-url', may carry one as user:password@): accepted with a warning, never written anywhere. */
  secret?: true | 'in-url';
  /**
   * A list's values may also come as one comma list (`--alert a,b` as `--alert a --alert b`):
   * split on every comma by default; `false` where a value may hold commas itself (a regex,
   * a URL); or a function where only some commas separate (rules whose options hold commas).
   */
  split?: false | ((value: string) => string[]);
}

export type FlagTable = Record<string, FlagSpec>;

export interface FlagGroup<F extends FlagTable = FlagTable> {
  title: string;
  flags: F;
}

/** Parsed values, typed by the table: a string, a switch, or a list per flag; undefined when not given. */
export type FlagValues<F> = {
  [K in keyof F]?: F[K] extends { kind: 'boolean' } ? boolean : F[K] extends { kind: 'list' } ? string[] : string;
};

/** A mistake in how a command was called: reported with "see --help", exit code 2. */
export class UsageError extends Error {}

/** Every command takes these. */
export const GENERAL_FLAGS = {
  'log-level': {
    kind: 'string',
    value: 'LEVEL',
    help: `log level: ${LOG_LEVELS.join(', ')}`,
    default: () => DEFAULT_LOG_LEVEL,
    env: 'VUCRAWL_LOG_LEVEL',
  },
  help: { kind: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagTable;

export interface CommandSpec {
  name: string;
  /** One line, for `vucrawl help`. */
  summary: string;
  /** Positionals as shown in the usage line, e.g. "VALUE" or "[URL...]". */
  args: string;
  /** Longer text under the usage line (optional). */
  description?: string;
  groups: readonly FlagGroup[];
}

type Merged<G extends readonly FlagGroup[]> = G extends readonly [
  FlagGroup<infer F>,
  ...infer Rest extends readonly FlagGroup[],
]
  ? F & Merged<Rest>
  : unknown;

/** Parses a command's arguments against its own flags only. */
export function parseCommand<const G extends readonly FlagGroup[]>(
  spec: { name: string; groups: G },
  argv: string[],
): { values: FlagValues<Merged<G> & typeof GENERAL_FLAGS>; positionals: string[] } {
  const table: FlagTable = { ...GENERAL_FLAGS };
  for (const g of spec.groups) Object.assign(table, g.flags);
  const options = Object.fromEntries(
    Object.entries(table).map(([name, f]) => [
      name,
      {
        type: f.kind === 'boolean' ? ('boolean' as const) : ('string' as const),
        multiple: f.kind === 'list',
        ...(f.short ? { short: f.short } : {}),
      },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: negativesAsPositionals(argv, table),
      options,
      allowPositionals: true,
      strict: true,
    });
    for (const [name, f] of Object.entries(table)) {
      const list = values[name];
      if (f.kind === 'list' && Array.isArray(list) && f.split !== false)
        values[name] = (list as string[]).flatMap(f.split ?? splitCommas);
    }
    return { values: values as FlagValues<Merged<G> & typeof GENERAL_FLAGS>, positionals };
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(err.message)?.[1] ?? '';
      throw new UsageError(
        `Unknown option '${flag}': vucrawl ${spec.name} does not take it (see vucrawl ${spec.name} --help)`,
      );
    }
    if (err.code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(`vucrawl ${spec.name}: ${err.message}`);
    throw e;
  }
}

const splitCommas = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * A comma list of items that may hold commas themselves (`new-child-host:script.src,iframe.src`):
 * a part starts a new item only when `startsItem` says so, else it belongs to the one before.
 */
export function splitItems(startsItem: (part: string) => boolean): (value: string) => string[] {
  return (value) =>
    value
      .split(',')
      .reduce<string[]>((items, part) => {
        if (items.length && !startsItem(part.trim())) items[items.length - 1] += `,${part}`;
        else items.push(part.trim());
        return items;
      }, [])
      .filter(Boolean);
}

/**
 * A negative number is a value, not an option (Shodan's favicon hashes are often
 * negative: `vucrawl pivot -1234567`): moved behind `--`, where parseArgs reads
 * positionals. One right after a flag that takes a value stays, for parseArgs to judge.
 */
function negativesAsPositionals(argv: string[], table: FlagTable): string[] {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const takesValue = (arg: string | undefined) => {
    const name = arg?.startsWith('--') ? arg.slice(2) : Object.keys(table).find((n) => arg === `-${table[n]!.short}`);
    return name !== undefined && !name.includes('=') && table[name] !== undefined && table[name].kind !== 'boolean';
  };
  const negative = (a: string, i: number) => i < end && /^-\d+(\.\d+)?$/.test(a) && !takesValue(argv[i - 1]);
  if (!argv.some(negative)) return argv;
  return [
    ...argv.slice(0, end).filter((a, i) => !negative(a, i)),
    '--',
    ...argv.filter(negative),
    ...argv.slice(end + 1),
  ];
}

/** A command's --help, from the same table as its parser. */
export function helpText(spec: CommandSpec): string {
  const lines = [
    `vucrawl ${spec.name}: ${spec.summary}`,
    '',
    'Usage:',
    `  vucrawl ${spec.name}${spec.args ? ` ${spec.args}` : ''} [options]`,
  ];
  if (spec.description) lines.push('', ...spec.description.split('\n').map((l) => `  ${l}`.trimEnd()));
  const groups = [...spec.groups, { title: 'General', flags: GENERAL_FLAGS }];
  const left = (name: string, f: FlagSpec) =>
    `  ${f.short ? `-${f.short}, ` : ''}--${name}${f.value ? ` ${f.value}` : ''}`;
  const width = Math.min(
    34,
    Math.max(...groups.flatMap((g) => Object.entries(g.flags as FlagTable).map(([n, f]) => left(n, f).length))) + 2,
  );
  for (const g of groups) {
    lines.push('', `${g.title}:`);
    for (const [name, f] of Object.entries(g.flags as FlagTable)) {
      const notes = [
        f.kind === 'list' ? (f.split === false ? 'repeatable' : 'repeatable or comma-separated') : '',
        defaultText(f),
        f.env ? `also ${f.env}` : '',
      ].filter(Boolean);
      const text = `${f.help}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      const l = left(name, f);
      lines.push(l.length + 2 > width ? `${l}\n${' '.repeat(width)}${text}` : `${l.padEnd(width)}${text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function defaultText(f: FlagSpec): string {
  const d = f.default?.();
  if (d === undefined || d === '' || d === false) return '';
  return `default ${d}`;
}

/** A command: its flags and help, and what it does with its parsed arguments (resolving to the exit code). */
export interface Command extends CommandSpec {
  run(argv: string[]): Promise<number>;
}

/** Builds a command whose parser and help come from one table; --help and --log-level are handled here. */
export function defineCommand<const G extends readonly FlagGroup[]>(
  spec: Omit<CommandSpec, 'groups'> & { groups: G },
  handler: (args: {
    values: FlagValues<Merged<G> & typeof GENERAL_FLAGS>;
    positionals: string[];
    log: Logger;
  }) => Promise<number>,
): Command {
  return {
    ...spec,
    async run(argv) {
      const { values, positionals } = parseCommand(spec, argv);
      if (values.help) {
        process.stdout.write(helpText(spec));
        return 0;
      }
      // Generic here, so the table's typing of this flag is not visible: it is a string flag of GENERAL_FLAGS.
      const level = oneOf(
        (values['log-level'] as string | undefined) ?? process.env.VUCRAWL_LOG_LEVEL,
        'log-level',
        LOG_LEVELS,
      );
      const log = createLogger(level);
      warnOfSecrets(spec.groups, values as Record<string, unknown>, log);
      return handler({ values, positionals, log });
    },
  };
}

/** Secrets on the command line show in `ps` and shell history: say so, and where else to give them. */
function warnOfSecrets(groups: readonly FlagGroup[], values: Record<string, unknown>, log: Logger): void {
  for (const g of groups) {
    for (const [name, f] of Object.entries(g.flags as FlagTable)) {
      const v = values[name];
      if (!f.secret || typeof v !== 'string') continue;
      if (f.secret === 'in-url' && !/^[a-z][a-z0-9+.-]*:\/\/[^/@]+@/i.test(v)) continue;
      log.warn(
        `--${name} ${f.secret === 'in-url' ? 'carries a password' : 'is a secret'} on the command line, where other users of this machine can read it (ps, shell history)${f.env ? `; prefer ${f.env}` : ''}. It is used, and never logged or written.`,
      );
    }
  }
}

// Value converters: each names the flag in its error.

/** A whole number >= 0 (counts, milliseconds), or undefined when the flag was not given. */
export function wholeNumber(raw: string | undefined, flag: string, scale = 1): number | undefined {
  if (raw === undefined) return undefined;
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} needs a number >= 0, got "${raw}"`);
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} needs a whole number >= 0, got "${raw}"`);
  return n * scale;
}

/** One of a fixed set of words. */
export function oneOf<const T extends readonly string[]>(
  raw: string | undefined,
  flag: string,
  allowed: T,
): T[number] | undefined {
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw))
    throw new UsageError(
      `--${flag} must be ${allowed.length === 2 ? allowed.join(' or ') : `one of ${allowed.join(', ')}`}, got "${raw}"`,
    );
  return raw as T[number];
}

/** Regular expressions, each checked. */
export function regexes(list: string[] | undefined, flag: string): RegExp[] | undefined {
  return list?.map((s) => {
    try {
      return new RegExp(s);
    } catch (e) {
      throw new UsageError(`--${flag} "${s}" is not a valid regular expression: ${(e as Error).message}`);
    }
  });
}

/** HOST:PORT, or "off" (undefined). */
export function hostPort(raw: string, flag: string): { host: string; port: number } | undefined {
  if (raw === 'off') return undefined;
  const m = /^(.+):(\d+)$/.exec(raw);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`--${flag} needs HOST:PORT or "off", got "${raw}"`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** Exactly `n` positionals, or a usage error saying what the command takes. */
export function positionalsExactly(positionals: string[], n: number, what: string): string[] {
  if (positionals.length !== n) throw new UsageError(what);
  return positionals;
}
