// Durations as people write them: 90s, 15m, 6h, 1d (or a plain number of seconds); and the
// dates of a --since/--until window.
import { parseDuration } from '../runtime/duration.js';
import { UsageError } from './flags.js';

/** Milliseconds, or a UsageError naming the flag. */
export function durationMs(raw: string, flag: string): number {
  const ms = parseDuration(raw);
  if (ms === undefined) throw new UsageError(`--${flag} needs a duration such as 90s, 15m, 6h or 1d, got "${raw}"`);
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
