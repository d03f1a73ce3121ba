// Samples a process tree from /proc (Linux): the root and every descendant, so the
// figures include Chromium's processes, not just Node. RSS is summed over processes (it
// counts pages shared between them once per process, so it overstates); anon (resident
// minus shared) approximates private memory.
import { readFileSync, readdirSync } from 'node:fs';

const PAGE = 4096;

interface Proc { ppid: number; rss: number; anon: number; cpuTicks: number }

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return { ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]), rss: Number(statm[1]) * PAGE, anon: (Number(statm[1]) - Number(statm[2])) * PAGE };
  } catch {
    return undefined;
  }
}

export interface TreeSample { processes: number; rss: number; anon: number; cpuTicks: number }

export function sampleTree(root: number): TreeSample {
  const procs = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    if (!Number.isInteger(pid)) continue;
    const p = readProc(pid);
    if (p) procs.set(pid, p);
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const total: TreeSample = { processes: 0, rss: 0, anon: 0, cpuTicks: 0 };
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const p = procs.get(pid);
    if (!p) continue;
    total.processes++;
    total.rss += p.rss;
    total.anon += p.anon;
    total.cpuTicks += p.cpuTicks;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples every `ms` until stopped; returns the peaks. */
export function watchTree(root: number, ms = 250): () => { peakRss: number; peakAnon: number; peakProcesses: number } {
  const peak = { peakRss: 0, peakAnon: 0, peakProcesses: 0 };
  const tick = () => {
    const s = sampleTree(root);
    peak.peakRss = Math.max(peak.peakRss, s.rss);
    peak.peakAnon = Math.max(peak.peakAnon, s.anon);
    peak.peakProcesses = Math.max(peak.peakProcesses, s.processes);
  };
  const timer = setInterval(tick, ms);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
