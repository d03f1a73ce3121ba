// The crawler fleet against a real broker and real Chromium: `vucrawl submit`, then
// `vucrawl worker` processes that share vucrawl.targets. Every in-scope page is crawled
// once, no site by two workers at the same time; a worker killed with SIGKILL loses its
// partitions to the others, which crawl again only what it had pending, marked as retries.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../../capture/capture.js';
import {
  CONTEXT_KITS,
  forgetVisitors,
  HONEST_VARYING,
  scenarioSeeds,
  startTestInternet,
  type TestInternet,
} from '../../internet/server.js';
import { startBroker, type Broker } from '../../tools/kafka/broker.js';
import { logMessage, runCli, startCli } from '../helpers/cli.js';
import { readTopics } from './read-topics.js';
import { withEventId } from '../../extractor/event-id.js';
import { schemaId, type EventOf, type PageEvent } from '../../extractor/events.js';
import { CrawlJobs } from '../../server/crawls.js';
import { openStore } from '../../store/connect.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../../sinks/clickhouse/event-store.js';
import { applySchema } from '../../store/schema/migrations.js';
import { kafkaOptions } from '../../sinks/kafka/connect.js';
import { quietLog } from '../helpers/harness.js';

/** A page event as a worker would have published it. */
const PAGE_EXAMPLE: PageEvent = {
  schema: schemaId('page'),
  event_id: '',
  tags: [],
  crawl_id: '',
  capture_id: 'k1',
  page_url: 'http://www.shop.test/',
  observed_at: 1_790_000_000_000,
  profile: 'desktop-chrome-windows',
  comparison_id: null,
  url: 'http://www.shop.test/',
  final_url: 'http://www.shop.test/',
  host: 'www.shop.test',
  site: 'shop.test',
  depth: 0,
  seed_url: 'http://www.shop.test/',
  status: 200,
  outcome: 'ok',
  error: null,
  title: 'Shop',
  redirect_chain: [],
  body_sha256: null,
  body_size: null,
  dom_sha256: null,
  favicon_url: null,
  favicon_sha256: null,
  favicon_mmh3: null,
  ip: null,
  port: null,
  tls_protocol: null,
  tls_issuer: null,
  requests: 1,
  frames: 1,
  screenshot_sha256: null,
  screenshot_phash: null,
};

const work = mkdtempSync(path.join(tmpdir(), 'vucrawl-fleet-'));
let broker: Broker;
let net: TestInternet;

beforeAll(async () => {
  broker = await startBroker();
  net = await startTestInternet();
});
/**
 * Workers still running when their test ends (it failed) are killed, so that they do not slow
 * the next test down, and none outlives the file.
 */
const started: ChildProcess[] = [];
const killLeftovers = () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
afterEach(killLeftovers);
afterAll(async () => {
  killLeftovers();
  await net?.close();
  await broker?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Seeds on several sites, so that the partitions (and workers) share them. */
const SEEDS = [
  'crawl',
  'shop',
  'trackers',
  'redirect-chain',
  'nested-iframes',
  'cookies',
  'meta-refresh',
  'css',
  'xhr-fetch-ws',
  'media-forms',
];
const kafkaFlags = () => ['--kafka-brokers', broker.bootstrap, '--kafka-partitions', '6'];
const netFlags = () => [
  '--allow-private',
  '--ignore-https-errors',
  '--host-resolver-rules',
  net.hostResolverRules,
  '--settle',
  '500',
];

function startWorker(
  name: string,
  group: string,
  extra: string[] = [],
): { child: ChildProcess; out: string; exited: Promise<number | null>; stderr: () => string } {
  const out = path.join(work, `${group}-${name}`);
  const { child, exited, stderr } = startCli([
    'worker',
    '--worker-id',
    name,
    '--group',
    group,
    '--out',
    out,
    '--until-idle',
    '6',
    '--concurrency',
    '2',
    ...kafkaFlags(),
    ...netFlags(),
    '--log-level',
    'debug',
    ...extra,
  ]);
  started.push(child);
  return { child, out, exited, stderr };
}

const captures = (out: string): PageCapture[] =>
  existsSync(path.join(out, 'captures.ndjson'))
    ? readFileSync(path.join(out, 'captures.ndjson'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as PageCapture)
    : [];

/** The events of one crawl on an event topic (vucrawl.pages, vucrawl.cloaking, ...). */
async function topicEvents<T extends { crawl_id: string }>(topic: string, crawlId: string): Promise<T[]> {
  const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  await admin.disconnect();
  return (await readTopics(kafka, [topic], total))
    .map((m) => JSON.parse(m.value) as T)
    .filter((e) => e.crawl_id === crawlId);
}

const pageEvents = (crawlId: string) =>
  topicEvents<{ page_url: string; capture_id: string; crawl_id: string }>('vucrawl.pages', crawlId);

async function submit(group: string, depth = '1'): Promise<string> {
  const r = await runCli(['submit', ...SEEDS.map((s) => scenarioSeeds[s]!), '--depth', depth, ...kafkaFlags()]);
  expect(r.code, r.stderr).toBe(0);
  const id = /of crawl (\S+)/.exec(r.stdout)?.[1];
  expect(id, `${group}: ${r.stdout}`).toBeTruthy();
  return id!;
}

/** Per site, the [start, end] of every page each worker crawled: no two workers may overlap on a site. */
function overlaps(byWorker: Map<string, PageCapture[]>): string[] {
  const spans: { site: string; worker: string; from: number; to: number }[] = [];
  for (const [worker, caps] of byWorker) {
    for (const c of caps)
      spans.push({
        site: new URL(c.target.url).hostname.split('.').slice(-2).join('.'),
        worker,
        from: c.started_at,
        to: c.finished_at,
      });
  }
  const bad: string[] = [];
  for (const a of spans)
    for (const b of spans)
      if (a.site === b.site && a.worker < b.worker && a.from < b.to && b.from < a.to)
        bad.push(`${a.site}: ${a.worker} and ${b.worker}`);
  return bad;
}

/**
 * Resolves once `ready()` holds (polled every 50 ms); fails as soon as any of the workers it
 * waits on has exited without it holding, so a test never waits on a finished worker.
 */
function until(ready: () => boolean, workers: { child: ChildProcess; stderr: () => string }[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        resolve();
      } else {
        const gone = workers.find((w) => w.child.exitCode !== null || w.child.signalCode !== null);
        if (gone) {
          clearInterval(timer);
          reject(new Error(`a worker exited before the test could go on:\n${gone.stderr().slice(-2000)}`));
        }
      }
    }, 50);
  });
}

const pagesLogged = (w: { stderr: () => string }) =>
  w
    .stderr()
    .split('\n')
    .filter((l) => logMessage(l) === 'page').length;

describe('a fleet of workers sharing vucrawl.targets', () => {
  let reference: string[];

  it('three workers crawl every in-scope page once, and no site with two workers at a time', async () => {
    // What one process finds from the same seeds: the pages the fleet must crawl.
    const ref = await runCli([
      'crawl',
      ...SEEDS.map((s) => scenarioSeeds[s]!),
      '--depth',
      '1',
      '--out',
      path.join(work, 'reference'),
      '--no-store',
      ...netFlags(),
    ]);
    expect(ref.code, ref.stderr).toBe(0);
    reference = captures(path.join(work, 'reference'))
      .map((c) => c.target.url)
      .sort();
    expect(reference.length).toBeGreaterThan(15);

    const crawlId = await submit('e2e');
    const workers = ['w1', 'w2', 'w3'].map((n) => startWorker(n, 'e2e'));
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.stderr().slice(-2000)).join('\n')).toEqual([0, 0, 0]);

    const byWorker = new Map(workers.map((w, i) => [`w${i + 1}`, captures(w.out)]));
    const all = [...byWorker.values()].flat();
    expect(all.every((c) => c.crawl_id === crawlId)).toBe(true);
    expect(all.map((c) => c.target.url).sort()).toEqual(reference);
    // More than one worker did the work.
    expect([...byWorker.values()].filter((c) => c.length > 0).length).toBeGreaterThan(1);
    expect(overlaps(byWorker)).toEqual([]);
    // On the events topic, one page event per page.
    const pages = await pageEvents(crawlId);
    expect(pages.map((p) => p.page_url).sort()).toEqual(reference);

    const status = await runCli(['fleet', 'status', '--group', 'e2e', '--json', ...kafkaFlags()]);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout) as {
      partitions: { lag: number }[];
      workers: { worker: string; pages_done: number }[];
    };
    expect(s.partitions.reduce((n, p) => n + p.lag, 0)).toBe(0);
    expect(s.workers.map((w) => w.worker).sort()).toEqual(['w1', 'w2', 'w3']);
    expect(s.workers.reduce((n, w) => n + w.pages_done, 0)).toBe(reference.length);
  });

  it('when a worker is killed with SIGKILL, the others finish; the only repeats were in flight, each marked a retry', async () => {
    const crawlId = await submit('kill');
    const victim = startWorker('k1', 'kill');
    // Kill it once it has finished a few pages (and has more in flight), then let two others take over.
    await until(() => pagesLogged(victim) >= 3, [victim]);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const survivors = ['k2', 'k3'].map((n) => startWorker(n, 'kill'));
    const codes = await Promise.all(survivors.map((w) => w.exited));
    expect(codes, survivors.map((w) => w.stderr().slice(-2000)).join('\n')).toEqual([0, 0]);

    const before = captures(victim.out);
    const after = survivors.flatMap((w) => captures(w.out));
    const all = [...before, ...after];
    expect([...new Set(all.map((c) => c.target.url))].sort()).toEqual(reference);
    const repeats = after.filter((c) => before.some((b) => b.target.url === c.target.url));
    // Each page the victim had captured and confirmed is never crawled again; a page captured just
    // before the kill but not yet confirmed may be, and then it is a retry.
    for (const r of repeats) expect(r.target.attempt, r.target.url).toBeGreaterThanOrEqual(1);
    expect(repeats.length).toBeLessThanOrEqual(4);
    const pages = await pageEvents(crawlId);
    expect(new Set(pages.map((p) => p.page_url)).size).toBe(reference.length);
  });

  it('a worker that joins in the middle of a crawl takes partitions', async () => {
    await submit('join', '2');
    // The first worker goes slowly (one page at a time, a pause between a host's pages), so work
    // is left for the second whatever the machine's speed.
    const first = startWorker('j1', 'join', ['--concurrency', '1', '--host-delay', '1000']);
    await until(() => pagesLogged(first) > 0, [first]);
    const second = startWorker('j2', 'join');
    // Its metrics, while it crawls: on the loopback port it took, as its log and its fleet status say.
    const served = () =>
      second
        .stderr()
        .split('\n')
        .find((l) => logMessage(l) === 'serving Prometheus metrics');
    await until(() => served() !== undefined && pagesLogged(second) > 0, [first, second]);
    const url = (JSON.parse(served()!) as { metrics: string }).metrics;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const metrics = await fetch(url).then((r) => r.text());
    // Every page it logged was counted, whatever its outcome (a slow machine may time one out).
    const counted = [...metrics.matchAll(/^vucrawl_pages_total\{outcome="[a-z_]+"\} (\d+)$/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    expect(counted).toBeGreaterThan(0);
    expect(metrics).toMatch(/^vucrawl_events_total\{type="page"\} [1-9]/m);
    await Promise.all([first.exited, second.exited]);
    expect(second.stderr()).toContain('site state restored');
    expect(captures(second.out).length).toBeGreaterThan(0);
  });

  it('a broker restart in the middle of the crawl: the workers wait and go on, and every page is crawled', {
    timeout: 300_000,
  }, async () => {
    const crawlId = await submit('outage');
    const workers = ['o1', 'o2'].map((n) => startWorker(n, 'outage'));
    await until(() => workers.reduce((n, w) => n + pagesLogged(w), 0) >= 3, workers);
    const { port, controllerPort, dataDir } = broker;
    await broker.stop();
    await new Promise((r) => setTimeout(r, 4_000));
    broker = await startBroker({ port, controllerPort, dataDir });
    const codes = await Promise.race([
      Promise.all(workers.map((w) => w.exited)),
      // After a restart the group rebalances (session timeouts) before the workers find it idle.
      new Promise<string>((r) => setTimeout(() => r('still running after 200 s'), 200_000).unref()),
    ]);
    expect(codes, workers.map((w) => w.stderr().slice(-3000)).join('\n')).toEqual([0, 0]);
    const all = workers.flatMap((w) => captures(w.out));
    expect([...new Set(all.map((c) => c.target.url))].sort()).toEqual(reference);
    // A page is crawled twice only as a retry (its confirmation was cut off by the outage).
    const seen = new Set<string>();
    for (const c of [...all].sort((a, b) => a.started_at - b.started_at)) {
      if (seen.has(c.target.url)) expect(c.target.attempt, c.target.url).toBeGreaterThanOrEqual(1);
      seen.add(c.target.url);
    }
    const pages = await pageEvents(crawlId);
    expect(new Set(pages.map((p) => p.page_url)).size).toBe(reference.length);
  });
});

describe('a comparison crawl through the fleet', () => {
  it('gives the same cloaking events as a local one', { timeout: 240_000 }, async () => {
    const seeds = path.join(work, 'compare-seeds.txt');
    const kits = [
      CONTEXT_KITS.header,
      CONTEXT_KITS.firstVisit,
      CONTEXT_KITS.language,
      CONTEXT_KITS.perIp,
      HONEST_VARYING.tokens,
      HONEST_VARYING.abSplit,
    ];
    writeFileSync(seeds, `${kits.map((k) => `${k.url} compare=${k.compare.join(',')}`).join('\n')}\n`);
    /**
     * What a reader compares: each target's profiles and what differed. Once each: the fleet
     * crawls at least once, and a target a rebalance hands to another worker is compared again.
     */
    const brief = (events: EventOf<'cloaking'>[]) =>
      [
        ...new Set(
          events.map((e) =>
            JSON.stringify([e.url, e.profiles.join(','), e.signals.filter((x) => x !== 'screenshot').join(',')]),
          ),
        ),
      ]
        .sort()
        .map((x) => JSON.parse(x) as string[]);

    forgetVisitors();
    const local = await runCli([
      'crawl',
      '--seeds',
      seeds,
      '--depth',
      '0',
      '--out',
      path.join(work, 'compare-local'),
      '--no-store',
      ...netFlags(),
    ]);
    expect(local.code, local.stderr).toBe(0);
    const expected = brief(
      readFileSync(path.join(work, 'compare-local', 'cloaking.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as EventOf<'cloaking'>),
    );
    expect(expected.map(([url]) => url)).toEqual(
      [CONTEXT_KITS.firstVisit.url, CONTEXT_KITS.header.url, CONTEXT_KITS.perIp.url, CONTEXT_KITS.language.url].sort(),
    );

    forgetVisitors();
    const r = await runCli(['submit', '--seeds', seeds, '--depth', '0', ...kafkaFlags()]);
    expect(r.code, r.stderr).toBe(0);
    const crawlId = /of crawl (\S+)/.exec(r.stdout)![1]!;
    const workers = ['c1', 'c2'].map((n) => startWorker(n, 'compare'));
    expect(
      await Promise.all(workers.map((w) => w.exited)),
      workers.map((w) => w.stderr().slice(-2000)).join('\n'),
    ).toEqual([0, 0]);
    const events = await topicEvents<EventOf<'cloaking'>>('vucrawl.cloaking', crawlId);
    expect(brief(events)).toEqual(expected);
    // Each comparison's visits were made by one worker, one after another: its events all name the comparison.
    const pages = await topicEvents<EventOf<'page'>>('vucrawl.pages', crawlId);
    for (const e of events)
      expect(
        pages
          .filter((p) => p.comparison_id === e.comparison_id)
          .map((p) => p.capture_id)
          .sort(),
      ).toEqual([...e.capture_ids].sort());
  });
});

describe('vucrawl serve with Kafka settings', () => {
  it('hands a submitted crawl to the fleet, and its status counts the pages the store holds for it', async () => {
    const dataDir = mkdtempSync(path.join(work, 'serve-data-'));
    const store = await openStore({ dataDir });
    try {
      await applySchema(store.client, 'vucrawl');
      const opened = { store, db: 'vucrawl', spillDir: path.join(dataDir, 'spill') };
      const ko = kafkaOptions({ brokers: broker.bootstrap, partitions: '6' })!;
      const jobs = new CrawlJobs(
        { store: opened, dir: path.join(work, 'serve-crawls'), crawl: {}, kafka: ko },
        quietLog,
      );
      const seeds = [scenarioSeeds.shop!, scenarioSeeds.crawl!];
      const job = await jobs.submit({ urls: seeds, depth: 1 });
      expect(job).toMatchObject({ status: 'submitted', targets: seeds, depth: 1 });
      // The targets are on vucrawl.targets under the job's id, for the workers.
      const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const total = (await admin.fetchTopicOffsets('vucrawl.targets')).reduce(
        (n, p) => n + Number(p.high) - Number(p.low),
        0,
      );
      await admin.disconnect();
      const targets = (await readTopics(kafka, ['vucrawl.targets'], total)).map(
        (m) => JSON.parse(m.value) as { crawl_id: string; url: string; max_depth: number },
      );
      expect(
        targets
          .filter((t) => t.crawl_id === job.id)
          .map((t) => [t.url, t.max_depth])
          .sort(),
      ).toEqual(seeds.map((u) => [u, 1]).sort());
      // Its status: the pages the store holds for that crawl (here one, as the loader would have stored it).
      expect(await jobs.get(job.id)).toMatchObject({ status: 'submitted', pages: 0, ok: 0 });
      const sink = new ClickHouseEvents(
        store.client,
        { ...EVENT_STORE_DEFAULTS, db: 'vucrawl', spillDir: opened.spillDir },
        quietLog,
      );
      await sink.write([withEventId({ ...PAGE_EXAMPLE, crawl_id: job.id })]);
      await sink.close();
      expect(await jobs.get(job.id)).toMatchObject({ status: 'submitted', pages: 1, ok: 1 });
    } finally {
      await store.close();
    }
  });
});
