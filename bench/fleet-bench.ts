// Fleet benchmark: the synthetic internet of ../shared/bench/site.mjs crawled by 1, 2, 3...
// `vucrawl worker` processes sharing vucrawl.targets on the project's own Kafka broker,
// each worker and the broker watched from /proc. Pages are bounded per site (the fleet's
// own budget), so every run crawls the same pages. Time runs from the first worker's start
// to the last page captured (the workers' idle wait before they exit is not counted).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserEngine } from '../crawler/options.js';
import { startBroker } from '../tools/kafka/broker.js';
import { browserBinary, type Site } from './crawl-bench.js';
import { processCpuSeconds, watchTree } from './proc-tree.js';

export interface FleetBenchResult {
  workers: number;
  engine: BrowserEngine;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  /** CPU seconds per page of the workers' process trees (browsers included). */
  cpuSecondsPerPage: number;
  /** The broker's share of all CPU used (workers and broker). */
  brokerCpuShare: number;
  /** Pages crawled twice (a partition that moved with a page in flight). */
  repeats: number;
}

export interface FleetRunConfig {
  site: Site;
  workers: number;
  engine: BrowserEngine;
  pagesPerSite: number;
  concurrency: string;
  cli: string;
}

/** The Kafka flags of every command of a fleet bench on this broker. */
export function kafkaArgs(bootstrap: string): string[] {
  return ['--kafka-brokers', bootstrap, '--kafka-partitions', '12'];
}

/** `vucrawl submit` of a seeds file, to this link depth; throws if it fails. */
export function submitTargets(cli: string, seedsFile: string, depth: number, kafka: string[]): void {
  const submit = spawnSync(
    process.execPath,
    [cli, 'submit', '--seeds', seedsFile, '--depth', String(depth), ...kafka, '--log-level', 'warn'],
    { encoding: 'utf8' },
  );
  if (submit.status !== 0) throw new Error(`submit failed: ${submit.stderr}`);
}

/** The command line of one `vucrawl worker` on the site (after Node's own flags); it exits once idle for 5 s. */
export function workerArgs(cfg: {
  cli: string;
  site: Site;
  engine: BrowserEngine;
  concurrency: string;
  workerId: string;
  out: string;
  kafka: string[];
  maxPagesPerSite: number;
}): string[] {
  return [
    cfg.cli,
    'worker',
    '--worker-id',
    cfg.workerId,
    '--out',
    cfg.out,
    '--until-idle',
    '5',
    ...cfg.kafka,
    '--host-resolver-rules',
    `MAP *.test 127.0.0.1:${cfg.site.port}`,
    '--allow-net',
    '127.0.0.1/32',
    '--max-pages-per-site',
    String(cfg.maxPagesPerSite),
    '--concurrency',
    cfg.concurrency,
    '--browser',
    cfg.engine,
    '--chromium',
    browserBinary(cfg.engine),
    '--metrics',
    'off',
    '--log-level',
    'warn',
  ];
}

export async function fleetBench(cfg: FleetRunConfig): Promise<FleetBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-fleet-bench-'));
  const broker = await startBroker();
  // The JVM's start is not the fleet's cost: only what the broker uses from here on counts.
  const brokerBefore = processCpuSeconds(broker.pid) ?? 0;
  try {
    const kafka = kafkaArgs(broker.bootstrap);
    submitTargets(cfg.cli, cfg.site.seedsFile, 100, kafka);
    const started = Date.now();
    const runs = Array.from({ length: cfg.workers }, (_, i) => {
      const out = path.join(dir, `w${i}`);
      const child = spawn(
        process.execPath,
        workerArgs({ ...cfg, workerId: `w${i}`, out, kafka, maxPagesPerSite: cfg.pagesPerSite }),
        { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, VUCRAWL_LOG_PRETTY: '0' } },
      );
      const stop = watchTree(child.pid!);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      return { out, stop, exited };
    });
    const codes = await Promise.all(runs.map((r) => r.exited));
    const watches = runs.map((r) => r.stop());
    if (codes.some((c) => c !== 0)) throw new Error(`a worker exited with ${codes.join(', ')}`);
    const captures = runs.flatMap((r) => {
      try {
        return readFileSync(path.join(r.out, 'captures.ndjson'), 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { target: { url: string }; finished_at: number });
      } catch {
        return [];
      }
    });
    const pages = new Set(captures.map((c) => c.target.url)).size;
    const seconds = (Math.max(...captures.map((c) => c.finished_at)) - started) / 1000;
    const workerCpu = watches.reduce((n, w) => n + Object.values(w.cpuByKind).reduce((a, b) => a + b, 0), 0);
    const brokerCpu = (processCpuSeconds(broker.pid) ?? brokerBefore) - brokerBefore;
    return {
      workers: cfg.workers,
      engine: cfg.engine,
      pages,
      seconds,
      pagesPerSecond: pages / seconds,
      cpuSecondsPerPage: workerCpu / pages,
      brokerCpuShare: brokerCpu / (brokerCpu + workerCpu),
      repeats: captures.length - pages,
    };
  } finally {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
