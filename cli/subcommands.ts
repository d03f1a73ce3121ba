// Commands made of subcommands (vucrawl project create|add|..., monitor, watch): the first
// positional names one, each a row of the command's table with its usage and action.
import type { Logger } from 'pino';
import type { StoreAccess } from '../store/access.js';
import { UsageError } from './flags.js';

export interface Subcommand<C> {
  /** What follows the subcommand, for messages (e.g. "NAME VALUE..."). */
  args: string;
  /** Fewest positionals after the subcommand. */
  min: number;
  run(args: string[], c: C): Promise<number>;
}

/** What the subcommands of a command that reads and writes the store get: its flags, a log, the store (directly or through serve). */
export interface StoreContext<V> {
  v: V;
  log: Logger;
  run<T>(fn: (a: StoreAccess) => Promise<T>): Promise<T>;
}

/** Runs the subcommand the positionals name, or throws a UsageError listing them. */
export function runSubcommand<C>(
  command: string,
  table: Record<string, Subcommand<C>>,
  positionals: string[],
  c: C,
): Promise<number> {
  const [name, ...args] = positionals;
  const sub = name === undefined ? undefined : table[name];
  if (!sub)
    throw new UsageError(
      `vucrawl ${command} needs one of: ${Object.entries(table)
        .map(([n, s]) => `${n} ${s.args}`.trim())
        .join(' | ')}`,
    );
  if (args.length < sub.min) throw new UsageError(`usage: vucrawl ${command} ${name} ${sub.args}`);
  return sub.run(args, c);
}

/** The usage lines of a command's subcommands, for its --help. */
export function subcommandUsage(command: string, table: Record<string, Subcommand<unknown>>): string {
  return Object.entries(table)
    .map(([n, s]) => `vucrawl ${command} ${n} ${s.args}`.trimEnd())
    .join('\n');
}
