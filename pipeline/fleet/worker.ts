// A fleet worker: one of many crawler processes that make one crawl frontier out of Kafka
// (Frontera's pattern). It joins the consumer group vucrawl-crawlers on vucrawl.targets,
// whose partitions are keyed by site, so a site's targets come to one worker at a time;
// for each partition it is given it first restores that partition's site state
// (site-state.ts), then admits or skips each target and crawls the admitted ones with its
// local fleet of browsers (several at a time, out of order). A page done means, in this
// order: its capture written to OUT/captures.ndjson, its events acknowledged by the
// broker, the in-scope links it found sent back to vucrawl.targets (same key: they return
// to their site's owner) and its state "done" acknowledged; only then does its offset
// count as done, and the offset committed is the lowest still pending
// (partition-progress.ts). A worker killed with kill -9 loses its partitions to the
// others after the session timeout; they crawl again only what was pending here. A target
// whose site another live worker still has a page of in flight (a partition moved at a
// rebalance) is held, and asked about again every second: once that page is done, or
// that worker has left the group. For the hold to see every page in flight, a page starts
// only once its "started" is acknowledged and its partition is still this worker's, and
// a new owner restores a partition's state only after the rebalance settled
// (REBALANCE_SETTLE_MS), when the old owner knows it lost it.
import { hostname } from 'node:os';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { PageCapture } from '../../capture/capture.js';
import type { Crawl, CrawlHooks } from '../../crawler/crawl.js';
import { linkTarget, type Target } from '../../crawler/frontier.js';
import type { CrawlOptions } from '../../crawler/options.js';
import { backoffDelay, sleep } from '../../runtime/timing.js';
import { createKafka, ensureTopics, type KafkaOptions } from '../../sinks/kafka/connect.js';
import { GroupConsumer, groupLag, withAdmin } from '../../sinks/kafka/group-consumer.js';
import { deadLetterSink, eventSink, KafkaPublisher, PUBLISHER_DEFAULTS } from '../../sinks/kafka/publisher.js';
import { FLEET_TOPIC, SITE_STATE_TOPIC, TARGETS_TOPIC, type OutMessage } from '../../sinks/kafka/topics.js';
import type { Registry } from '../../runtime/metrics.js';
import { outPaths } from '../../runtime/out-paths.js';
import type { CapturePipeline } from '../capture-pipeline.js';
import { assembleCrawl } from '../crawl-assembly.js';
import { errorText } from '../../runtime/errors.js';
import { PartitionProgress } from './partition-progress.js';
import { HeldTargets, SiteState, type Asker, type StateRecord, type StateStatus } from './site-state.js';
import { readPartitions } from './state-restore.js';
import { WorkerReport } from './status.js';
import {
  parseTargetMessage,
  stateKey,
  targetKey,
  targetMessage,
  toTarget,
  type TargetMessage,
} from './target-message.js';

export const CRAWLER_GROUP = 'vucrawl-crawlers';

export interface WorkerOptions {
  groupId: string;
  workerId: string;
  /** Exit once there was no work for this long and the group has no lag (batch jobs, tests). */
  untilIdleMs?: number;
  /** Count the worker's crawl in this Prometheus registry. */
  metrics?: Registry;
  /** Where that registry is served, for `vucrawl fleet status` (reported in its status). */
  metricsUrl?: string;
  /** How often the worker reports its status on vucrawl.fleet. */
  statusMs: number;
}

export const WORKER_DEFAULTS = {
  groupId: CRAWLER_GROUP,
  workerId: `${hostname()}-${process.pid}`,
  statusMs: 5_000,
} as const;

/** Partitions of targets a worker reads at the same time (the client comparison bench reads the same way). */
export const PARTITIONS_AT_ONCE = 16;
/** Targets read from a partition but not yet crawled, above which reading that partition pauses. */
const QUEUED_PER_PARTITION = 50;
/** How long after an assignment its state is restored: every member has its new assignment by then. */
const REBALANCE_SETTLE_MS = 2_000;

export class Worker {
  private readonly kafka: Kafka;
  private readonly publisher: KafkaPublisher;
  private readonly pipeline: CapturePipeline;
  private readonly crawl: Crawl;
  private readonly state: SiteState;
  private readonly progress = new Map<number, PartitionProgress>();
  /** Partitions being restored: their targets wait for it. */
  private readonly restoring = new Map<number, Promise<void>>();
  private assigned = new Set<number>();
  private consumer?: GroupConsumer;
  private readonly report = new WorkerReport();
  private lastWork = Date.now();
  private stopping = false;
  private timers: NodeJS.Timeout[] = [];
  private crawling?: Promise<unknown>;
  private finished?: () => void;
  /** Targets whose site another worker still has a page of in flight. */
  private readonly held = new HeldTargets();
  /** Client ids of the group's members, as last asked. */
  private members = new Set<string>();
  private readonly asker: Asker;

  private readonly ko: KafkaOptions;

  constructor(
    private readonly opts: CrawlOptions,
    ko: KafkaOptions,
    outDir: string,
    private readonly o: WorkerOptions,
    private readonly log: Logger,
  ) {
    // Its own client id, so that the group's member list says which worker holds which partition.
    this.ko = { ...ko, clientId: `${ko.clientId}-${o.workerId}` };
    this.asker = { worker: o.workerId, inGroup: (w) => this.members.has(`${ko.clientId}-${w}`) };
    this.kafka = createKafka(this.ko, log);
    const out = outPaths(outDir);
    // Never spills: a target is confirmed only once the broker has its events, so an outage just waits.
    this.publisher = new KafkaPublisher(
      this.kafka,
      ko,
      { ...PUBLISHER_DEFAULTS, spillDir: out.kafkaSpill, maxBufferedMessages: Number.POSITIVE_INFINITY },
      log,
    );
    this.state = new SiteState({
      maxPagesPerSite: opts.maxPagesPerSite,
      maxPagesPerUrlShape: opts.maxPagesPerUrlShape,
    });
    const hooks: CrawlHooks = {
      keepRunning: true,
      pageStarted: (t) => this.starting(t),
      pageDone: (t, c) => this.pageDone(t, c),
      targetDropped: (t) => this.confirm(t, []),
    };
    const output = {
      events: eventSink(this.publisher),
      deadLetters: deadLetterSink(this.publisher),
      spillDir: out.kafkaSpill,
    };
    const assembled = assembleCrawl(opts, out, log, {
      crawlId: `worker-${o.workerId}`,
      output,
      hooks,
      metrics: o.metrics,
    });
    this.crawl = assembled.crawl;
    this.pipeline = assembled.pipeline;
  }

  /** Crawls until stop() (or, with untilIdleMs, until the fleet has nothing left). */
  async run(): Promise<void> {
    await ensureTopics(this.kafka, this.ko);
    // Whatever stopped the consumer (a broker outage past its retries), it starts again
    // (group-consumer.ts): a worker whose consumer stayed down would hold its partitions and crawl nothing.
    this.consumer = new GroupConsumer(
      this.kafka,
      {
        consumer: { groupId: this.o.groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 500 },
        topics: [TARGETS_TOPIC],
        run: {
          autoCommit: false,
          partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
          eachBatch: (p) => this.onBatch(p),
        },
        reads: 'targets',
        onJoin: (assignment) => this.assign(assignment[TARGETS_TOPIC] ?? []),
      },
      this.log,
    );
    const done = new Promise<void>((resolve) => {
      this.finished = resolve;
    });
    this.crawling = this.crawl.run();
    await this.consumer.start();
    this.timers = [
      setInterval(() => void this.commit(), 1_000),
      setInterval(() => void this.releaseHeld(), 1_000),
      setInterval(() => void this.reportStatus(), this.o.statusMs),
      // The lag cannot be read while the broker is down: then the fleet is not idle.
      ...(this.o.untilIdleMs !== undefined
        ? [setInterval(() => void this.checkIdle().catch(() => undefined), 1_000)]
        : []),
    ];
    this.log.info({ worker: this.o.workerId, group: this.o.groupId }, 'worker started');
    await done;
  }

  /** Stops reading targets, lets pages in flight finish (shutdownGraceMs), confirms them, leaves the group. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.consumer?.stopReading();
    this.crawl.stop();
    await this.crawling?.catch((e: unknown) => this.log.error({ err: errorText(e) }, "the worker's crawl failed"));
    for (const t of this.timers) clearInterval(t);
    this.log.debug('worker stopping: pages done; committing');
    await this.commit();
    await this.reportStatus();
    await this.pipeline.close();
    await this.publisher.close();
    this.log.debug('worker stopping: events sent; leaving the group');
    await this.consumer?.disconnect();
    this.log.debug('worker stopped');
    this.finished?.();
  }

  private assign(partitions: number[]): void {
    const next = new Set(partitions);
    for (const p of this.assigned) {
      if (next.has(p)) continue;
      // Another worker owns it now: it crawls again from the committed offset what was queued here.
      this.state.forget(p, this.o.workerId);
      this.progress.delete(p);
      this.restoring.delete(p);
      this.report.forget(p);
      this.held.forget(p);
      const dropped = this.crawl.dropQueued((t) => t.source?.partition === p);
      this.log.info({ partition: p, dropped }, 'partition moved to another worker');
    }
    const added = partitions.filter((p) => !this.assigned.has(p));
    this.assigned = next;
    if (added.length === 0) return;
    const restore = this.restoreAssigned(added);
    for (const p of added) {
      this.progress.set(p, new PartitionProgress());
      this.restoring.set(p, restore);
    }
  }

  /** Restores newly assigned partitions once the rebalance settled; a broker that does not answer (an outage) is asked again until it does. */
  private async restoreAssigned(partitions: number[]): Promise<void> {
    await sleep(REBALANCE_SETTLE_MS);
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        const records = await this.reread(partitions);
        this.log.info({ partitions, records }, 'site state restored');
        return;
      } catch (e) {
        this.log.debug(
          { partitions, err: (e as Error).message },
          'site state: the broker did not answer; asking again',
        );
        await sleep(backoffDelay(attempt, 500, 5_000));
      }
    }
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const partition = batch.partition;
    const progress = this.progress.get(partition);
    const restored = this.restoring.get(partition);
    if (!progress || !restored) return;
    await restored;
    for (const m of batch.messages) {
      if (!isRunning() || isStale() || this.stopping) return;
      // Do not read far ahead of the browsers.
      while (this.queuedFrom(partition) >= QUEUED_PER_PARTITION && isRunning() && !this.stopping) {
        await sleep(200);
        await heartbeat();
      }
      this.lastWork = Date.now();
      if (progress.seen(m.offset)) {
        resolveOffset(m.offset);
        continue;
      }
      progress.read(m.offset);
      const parsed = parseTargetMessage(m.value?.toString('utf8') ?? '');
      if (typeof parsed === 'string') {
        this.log.warn({ partition, offset: m.offset, reason: parsed }, 'not a target; skipped');
        progress.done(m.offset);
      } else {
        this.admit(partition, m.offset, parsed);
      }
      resolveOffset(m.offset);
    }
    await heartbeat();
  }

  /** Crawls, skips or holds one target of a partition. */
  private admit(partition: number, offset: string, message: TargetMessage): void {
    const d = this.state.decide(partition, offset, message, this.asker);
    if (d.crawl) {
      if (d.record) this.sendState(partition, d.record);
      this.report.countSite(partition, targetKey(message.url), 1);
      this.crawl.addAdmitted([{ ...toTarget(message), attempt: d.attempt, source: { partition, offset } }]);
    } else if (d.reason === 'held') {
      this.log.debug({ url: message.url, partition }, 'site held: another worker has a page of it in flight');
      this.held.hold(partition, offset, message);
    } else {
      this.progress.get(partition)?.done(offset);
    }
  }

  /** Asks again about held targets, with the group's members and the state of their partitions as they are now. */
  private async releaseHeld(): Promise<void> {
    if (this.stopping) return;
    await this.held
      .release(
        (partitions) => this.reread(partitions),
        (partition, offset, message) => this.admit(partition, offset, message),
      )
      .catch((e: Error) => this.log.debug({ err: e.message }, 'held targets: the broker did not answer; asking again'));
  }

  /** What a decision to hold a site reads: the partitions' state and the group's members, as they are now; the records read. */
  private async reread(partitions: number[]): Promise<number> {
    const [records] = await Promise.all([this.restoreState(partitions), this.refreshMembers()]);
    return records;
  }

  /** Reads the partitions' state records (from the start: the topic is compacted) into the site state. */
  private restoreState(partitions: number[]): Promise<number> {
    return readPartitions(this.kafka, SITE_STATE_TOPIC, partitions, (partition, key, value) => {
      // Only partitions still ours: one may have moved while it was read.
      if (this.assigned.has(partition))
        this.state.load(partition, key, value === null ? null : (JSON.parse(value) as StateRecord));
    });
  }

  private async refreshMembers(): Promise<void> {
    const { groups } = await withAdmin(this.kafka, (admin) => admin.describeGroups([this.o.groupId]));
    this.members = new Set(groups[0]?.members.map((m) => m.clientId) ?? []);
  }

  private queuedFrom(partition: number): number {
    return this.progress.get(partition)?.inFlight ?? 0;
  }

  /**
   * A page may start once the broker has its "started" (a new owner of its partition then
   * holds its site) and its partition is still ours. A partition that moved meanwhile is
   * the new owner's to crawl: the page goes back to "admitted", which releases any hold.
   */
  private async starting(t: Target): Promise<boolean> {
    this.record(t, 'started', t.attempt);
    await this.publisher.acknowledged();
    if (!t.source || this.assigned.has(t.source.partition)) return true;
    this.record(t, 'admitted', t.attempt);
    return false;
  }

  /** A page is captured and its events are out: send its links, then confirm it. */
  private async pageDone(t: Target, c: PageCapture): Promise<void> {
    const links: OutMessage[] = [];
    for (const link of c.links) {
      const next = linkTarget(t, c.final_url, link, this.opts);
      if (typeof next !== 'string') links.push(targetMessage(next));
    }
    await this.confirm(t, links);
    this.report.pageDone();
  }

  /** Sends what the target led to and its "done" state, waits for the broker to acknowledge all (its events too), then marks its offset done. */
  private async confirm(t: Target, links: OutMessage[]): Promise<void> {
    this.record(t, 'done', t.attempt);
    await this.publisher.publish(links);
    await this.publisher.acknowledged();
    if (t.source) {
      this.progress.get(t.source.partition)?.done(t.source.offset);
      this.report.countSite(t.source.partition, targetKey(t.url), -1);
    }
    this.lastWork = Date.now();
  }

  /** The target's state moves on (started, done), in its partition of the state topic. */
  private record(t: Target, status: StateStatus, attempt: number): void {
    if (!t.crawlId) return;
    const r = this.state.advance(t.crawlId, t.url, status, attempt, this.o.workerId);
    if (r) this.sendState(r.partition, r.record);
  }

  private sendState(partition: number, record: StateRecord): void {
    void this.publisher.publish([
      { topic: SITE_STATE_TOPIC, key: stateKey(record.crawl_id, record.url), value: JSON.stringify(record), partition },
    ]);
  }

  private async commit(): Promise<void> {
    const offsets = [...this.progress].flatMap(([partition, p]) => {
      const offset = p.toCommit();
      return offset === undefined ? [] : [{ topic: TARGETS_TOPIC, partition, offset }];
    });
    if (!offsets.length) return;
    // A partition that just moved away cannot be committed by us any more: its new owner reads from the last commit.
    await this.consumer
      ?.commitOffsets(offsets)
      .catch((e: Error) => this.log.debug({ err: e.message }, 'commit refused (a rebalance)'));
  }

  private async reportStatus(): Promise<void> {
    const status = this.report.status(
      { worker: this.o.workerId, client_id: this.ko.clientId, metrics: this.o.metricsUrl },
      this.assigned,
      this.crawl.load,
    );
    // A status goes out again in statusMs; the publisher logs the broker being down.
    await this.publisher
      .publish([{ topic: FLEET_TOPIC, key: this.o.workerId, value: JSON.stringify(status) }])
      .catch(() => undefined);
  }

  private async checkIdle(): Promise<void> {
    const load = this.crawl.load;
    if (this.stopping || load.queued || load.inFlight || Date.now() - this.lastWork < this.o.untilIdleMs!) return;
    if ((await this.groupLag()) === 0) await this.stop();
  }

  /** Targets in vucrawl.targets that the group has not committed yet. */
  private async groupLag(): Promise<number> {
    const lags = await withAdmin(this.kafka, (admin) => groupLag(admin, this.o.groupId, [TARGETS_TOPIC]));
    return lags.reduce((n, p) => n + p.lag, 0);
  }
}
