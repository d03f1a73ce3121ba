// Bounded waits and retry pauses. A crawler that runs unattended must never wait on a
// hostile page, a browser or a database without a bound, and every retry in the project
// backs off the same way.

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `p`, or a rejection once `ms` have passed (the timer is cleared either way). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}

/** Waits until every promise has settled, or `ms` have passed, whichever is first; never rejects. */
export async function settledWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  await withTimeout(Promise.allSettled(promises), ms).catch(() => undefined); // time is up: the rest are left to run
}

/** Exponential backoff: the pause before retry number `attempt` (0 for the first retry), doubling from `baseMs`, at most `maxMs`. */
export function backoffDelay(attempt: number, baseMs: number, maxMs = Number.POSITIVE_INFINITY): number {
  return Math.min(baseMs * 2 ** attempt, maxMs);
}
