// How many pages to have in flight, following the CPU. A page spends much of its time
// waiting (the network, the post-load settle window), and on a small machine the CPU is
// the limit: a fixed concurrency either leaves cores idle or makes every page slower.
// Every second the machine's CPU use is read (all cores, os.cpus()): below the target
// one more page may start; busy above the ceiling for a few seconds running, one fewer;
// memory that runs low stops any increase and takes one away. Idle cores cost pages
// directly, a saturated second costs almost nothing (the pages in flight only go slower),
// so growing is quick and shrinking waits for saturation to last: a one-second ceiling
// held a crawl at 0.9x the pages/s of the same crawl at a fixed 6 (`npm run bench`). It
// starts at two pages a core. The same idea as Crawlee's autoscaled pool, with a narrower job.
import os from 'node:os';

export interface AutoscaleOptions {
  min: number;
  max: number;
  /** Grow while the CPU is less busy than this fraction... */
  growBelow: number;
  /** ...and shrink once it was busier than this one for shrinkAfter intervals running. */
  shrinkAbove: number;
  shrinkAfter: number;
  /** Do not grow when less than this fraction of memory is free. */
  minFreeMemory: number;
  intervalMs: number;
}

export const AUTOSCALE_DEFAULTS: AutoscaleOptions = {
  min: 2,
  max: 8,
  growBelow: 0.9,
  shrinkAbove: 0.97,
  shrinkAfter: 3,
  minFreeMemory: 0.1,
  intervalMs: 1_000,
};

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.irq + t.idle;
    busy += all - t.idle;
    total += all;
  }
  return { busy, total };
}

/** What the machine said over the last intervals, newest last. */
export interface AutoscaleReading {
  /** CPU use of each interval (0..1), at most shrinkAfter of them. */
  busy: number[];
  memoryLow: boolean;
  /** Work is waiting for a slot: an idle crawl says nothing about its CPU. */
  wanted: boolean;
}

/** The next limit, from the current one and the last readings. */
export function nextLimit(limit: number, r: AutoscaleReading, o: AutoscaleOptions): number {
  const saturated = r.busy.length >= o.shrinkAfter && r.busy.slice(-o.shrinkAfter).every((b) => b > o.shrinkAbove);
  if (r.memoryLow || saturated) return Math.max(o.min, limit - 1);
  if (r.wanted && (r.busy.at(-1) ?? 1) < o.growBelow) return Math.min(o.max, limit + 1);
  return limit;
}

/** Two pages a core, within the bounds. */
export function startLimit(o: Pick<AutoscaleOptions, 'min' | 'max'>, cores = os.availableParallelism()): number {
  return Math.min(o.max, Math.max(o.min, 2 * cores));
}

export class Autoscaler {
  private limit: number;
  private last = cpuTimes();
  private readonly busyLog: number[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly o: AutoscaleOptions,
    private readonly wanted: () => boolean,
  ) {
    this.limit = startLimit(o);
  }

  /** Pages that may be in flight now. */
  get current(): number {
    return this.limit;
  }

  start(): void {
    this.timer = setInterval(() => this.adjust(), this.o.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private adjust(): void {
    const now = cpuTimes();
    const total = now.total - this.last.total;
    this.busyLog.push(total > 0 ? (now.busy - this.last.busy) / total : 0);
    this.last = now;
    if (this.busyLog.length > this.o.shrinkAfter) this.busyLog.shift();
    const before = this.limit;
    this.limit = nextLimit(
      this.limit,
      {
        busy: this.busyLog,
        memoryLow: os.freemem() / os.totalmem() < this.o.minFreeMemory,
        wanted: this.wanted(),
      },
      this.o,
    );
    // A step down starts a new count of saturated seconds.
    if (this.limit < before) this.busyLog.length = 0;
  }
}
