// Durations as people write them: 90s, 15m, 6h, 1d (or a plain number of seconds); and the
// dates of a --since/--until window.
import { UsageError } from './flags.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or a UsageError naming the flag. */
export function durationMs(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] || 's']! : NaN;
  if (!(ms > 0)) throw new UsageError(`--${flag} needs a duration such as 90s, 15m, 6h or 1d, got "${raw}"`);
  return ms;
}

/** A UsageError naming the flag unless --since and --until, where given, are dates. */
export function checkDateWindow(v: { since?: string; until?: string }): void {
  for (const flag of ['since', 'until'] as const) {
    const d = v[flag];
    if (d !== undefined && Number.isNaN(Date.parse(d)))
      throw new UsageError(`--${flag} needs a date (e.g. 2026-11-01), got "${d}"`);
  }
}
