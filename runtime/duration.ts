// Durations as people write them: 90s, 15m, 6h, 1d (or a plain number of seconds). Here
// rather than in cli/ because the server reads them too (GET /ui/report?since=7d).

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or undefined when the text is no positive duration. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] || 's']! : Number.NaN;
  return ms > 0 ? ms : undefined;
}
