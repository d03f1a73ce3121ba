// Durations as people write them: 90s, 15m, 6h, 1d (or a plain number of seconds).
import { UsageError } from './flags.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or a UsageError naming the flag. */
export function durationMs(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] || 's']! : NaN;
  if (!(ms > 0)) throw new UsageError(`--${flag} needs a duration such as 90s, 15m, 6h or 1d, got "${raw}"`);
  return ms;
}
