// The output folder of the commands that write files (captures, NDJSON events, spills).
import { hostname } from 'node:os';
import type { FlagTable } from './flags.js';

export const DEFAULT_OUT = 'vucrawl-out';

export const OUT_FLAG = {
  out: {
    kind: 'string',
    value: 'DIR',
    help: "output folder; {hostname} in it becomes the machine's name, so replicas sharing a volume keep apart",
    default: () => DEFAULT_OUT,
  },
} as const satisfies FlagTable;

export const FRESH_FLAG = {
  fresh: {
    kind: 'boolean',
    help: 'start a new crawl in --out even if the one there did not finish (default: resume it)',
  },
} as const satisfies FlagTable;

/** The folder, with {hostname} replaced. */
export function outDir(raw: string | undefined): string {
  return (raw ?? DEFAULT_OUT).replaceAll('{hostname}', hostname());
}
