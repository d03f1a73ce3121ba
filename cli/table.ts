// Rows as an aligned text table for a terminal (or JSON lines with --json).
import type { FlagTable } from './flags.js';

export const JSON_FLAG = {
  json: { kind: 'boolean', help: 'one JSON object a line instead of a table' },
} as const satisfies FlagTable;

export function formatTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const widths = cols.map((c) => Math.min(80, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.slice(0, 80).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n')}\n`;
}

export function formatRows(rows: Record<string, unknown>[], json: boolean): string {
  return json ? rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '') : formatTable(rows);
}

/** A command's answer on stdout: a table, or JSON lines with --json. */
export function printRows(rows: object[], json: boolean | undefined): void {
  process.stdout.write(formatRows(rows as Record<string, unknown>[], Boolean(json)));
}
