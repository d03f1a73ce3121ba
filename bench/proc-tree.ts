// Samples a process tree from /proc (Linux): the root and every descendant, so the
// figures include Chromium's processes, not just Node. RSS is summed over processes (it
// counts pages shared between them once per process, so it overstates); anon (resident
// minus shared) approximates private memory. CPU is split by process kind (browser,
// renderer, GPU, network service, Node, ...) from each process's last sample, so a
// process that ends between two samples loses its last interval (at most `ms`). The
// kernel's own total for a child's tree (cutime) is no better: Chromium's renderers are
// re-parented when their browser exits, and their time never reaches it.
import { readFileSync, readdirSync } from 'node:fs';

const PAGE = 4096;
const TICKS_PER_SECOND = 100;

interface Proc {
  ppid: number;
  pgid: number;
  rss: number;
  anon: number;
  cpuTicks: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return {
      ppid: Number(f[1]),
      pgid: Number(f[2]),
      cpuTicks: Number(f[11]) + Number(f[12]),
      rss: Number(statm[1]) * PAGE,
      anon: (Number(statm[1]) - Number(statm[2])) * PAGE,
    };
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/** What a Chromium or Node process is, from its command line. */
function kindOf(pid: number): string {
  const cmd = commandLine(pid);
  if (cmd === undefined) return 'gone';
  const argv0 = cmd.split(' ')[0] ?? '';
  if (/crashpad/.test(argv0)) return 'crashpad';
  const type = /--type=([\w-]+)/.exec(cmd)?.[1];
  if (type === 'utility')
    return /NetworkService/.test(cmd) ? 'network' : /StorageService/.test(cmd) ? 'storage' : 'utility';
  if (type) return type === 'gpu-process' ? 'gpu' : type;
  if (/chrom/.test(argv0)) return 'browser';
  if (/(^|\/)node$/.test(argv0)) return 'node';
  return 'other';
}

/** CPU seconds one process has used so far (undefined once it is gone). */
export function processCpuSeconds(pid: number): number | undefined {
  const p = readProc(pid);
  return p && p.cpuTicks / TICKS_PER_SECOND;
}

/** Resident bytes of one process (undefined once it is gone). */
export function processRss(pid: number): number | undefined {
  return readProc(pid)?.rss;
}

export interface TreeSample {
  processes: number;
  rss: number;
  anon: number;
}

export interface TreeWatch {
  peakRss: number;
  peakAnon: number;
  peakProcesses: number;
  /** CPU seconds by process kind, from the last sample of each process seen. */
  cpuByKind: Record<string, number>;
}

function allProcesses(): Map<number, Proc> {
  const procs = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    if (!Number.isInteger(pid)) continue;
    const p = readProc(pid);
    if (p) procs.set(pid, p);
  }
  return procs;
}

/** The root and its descendants, from one reading of /proc. */
function treeOf(root: number, procs: Map<number, Proc>): [number, Proc][] {
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const tree: [number, Proc][] = [];
  for (const stack = [root]; stack.length; ) {
    const pid = stack.pop()!;
    const p = procs.get(pid);
    if (!p) continue;
    tree.push([pid, p]);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

export interface ProcessSample {
  pid: number;
  pgid: number;
  kind: string;
  /** The executable, as the command line names it. */
  argv0: string;
  rss: number;
  fds: number;
  cpuSeconds: number;
}

/** One look at every process of the tree: its kind, resident memory and open file descriptors. */
export function sampleTree(root: number): ProcessSample[] {
  return treeOf(root, allProcesses()).map(([pid, p]) => ({
    pid,
    pgid: p.pgid,
    kind: kindOf(pid),
    argv0: commandLine(pid)?.split(' ')[0] ?? '',
    rss: p.rss,
    fds: openFds(pid),
    cpuSeconds: p.cpuTicks / TICKS_PER_SECOND,
  }));
}

/** CPU seconds the whole machine has been busy (every core, not idle or waiting on I/O). */
export function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - f[3]! - f[4]!) / TICKS_PER_SECOND;
}

/**
 * Live processes of these process groups run from this folder's executables. Chromium's
 * processes keep their browser's group even when re-parented, so this finds what a crawl
 * left behind once the crawl itself is gone.
 */
export function survivorsOf(pgids: Set<number>, binaryDir: string): { pid: number; cmd: string }[] {
  return [...allProcesses()]
    .filter(([, p]) => pgids.has(p.pgid))
    .map(([pid]) => ({ pid, cmd: commandLine(pid) ?? '' }))
    .filter((p) => p.cmd.startsWith(`${binaryDir}/`));
}

/** Samples every `ms` until stopped; returns the peaks and the CPU split. */
export function watchTree(root: number, ms = 100): () => TreeWatch {
  const peak = { peakRss: 0, peakAnon: 0, peakProcesses: 0 };
  const last = new Map<number, { kind: string; ticks: number }>();
  const tick = () => {
    const total: TreeSample = { processes: 0, rss: 0, anon: 0 };
    for (const [pid, p] of treeOf(root, allProcesses())) {
      total.processes++;
      total.rss += p.rss;
      total.anon += p.anon;
      const seen = last.get(pid);
      last.set(pid, { kind: seen?.kind ?? kindOf(pid), ticks: p.cpuTicks });
    }
    peak.peakRss = Math.max(peak.peakRss, total.rss);
    peak.peakAnon = Math.max(peak.peakAnon, total.anon);
    peak.peakProcesses = Math.max(peak.peakProcesses, total.processes);
  };
  const timer = setInterval(tick, ms);
  return () => {
    clearInterval(timer);
    const cpuByKind: Record<string, number> = {};
    for (const { kind, ticks } of last.values()) cpuByKind[kind] = (cpuByKind[kind] ?? 0) + ticks / TICKS_PER_SECOND;
    return { ...peak, cpuByKind };
  };
}
