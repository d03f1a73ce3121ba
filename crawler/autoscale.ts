// How many pages to have in flight, following the CPU. A page spends much of its time
// waiting (the network, the post-load settle window), and on a small machine the CPU is
// the limit: a fixed concurrency either leaves cores idle or makes every page slower.
// Every second the machine's CPU use is read (all cores, os.cpus()): below the target
// one more page may start, above the ceiling one fewer; memory that runs low stops any
// increase. The same idea as Crawlee's autoscaled pool, with a narrower job.
import os from 'node:os';

export interface AutoscaleOptions {
  min: number;
  max: number;
  /** Grow while the CPU is busier than this fraction... */
  growBelow: number;
  /** ...and shrink above this one. */
  shrinkAbove: number;
  /** Do not grow when less than this fraction of memory is free. */
  minFreeMemory: number;
  intervalMs: number;
}

export const AUTOSCALE_DEFAULTS: AutoscaleOptions = {
  min: 2,
  max: 8,
  growBelow: 0.85,
  shrinkAbove: 0.97,
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

export class Autoscaler {
  private limit: number;
  private last = cpuTimes();
  private timer?: NodeJS.Timeout;
  /** The CPU use measured over the last interval (0..1). */
  busy = 0;

  constructor(
    private readonly o: AutoscaleOptions,
    private readonly wanted: () => boolean,
  ) {
    this.limit = o.min;
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
    this.busy = total > 0 ? (now.busy - this.last.busy) / total : 0;
    this.last = now;
    const memoryLow = os.freemem() / os.totalmem() < this.o.minFreeMemory;
    // Grow only while there is work waiting for a slot: an idle crawl says nothing about its CPU.
    if (this.busy < this.o.growBelow && !memoryLow && this.wanted()) this.limit = Math.min(this.o.max, this.limit + 1);
    else if (this.busy > this.o.shrinkAbove || memoryLow) this.limit = Math.max(this.o.min, this.limit - 1);
  }
}
