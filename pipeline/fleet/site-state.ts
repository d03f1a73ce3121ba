// The fleet's per-site state, kept in Kafka itself: for each crawl and URL, whether its
// target was admitted, started or done, and which target message owns it. Every change is
// a record on vucrawl.site-state (compacted; key "<crawl id> <normalized URL>") in the same
// partition as the targets it describes, so the worker that takes over a partition of
// targets restores exactly that partition of state first (the way Kafka Streams restores
// a state store from its changelog). Admission is decided here, by the partition's owner:
//   done                     -> skip (a completed page is never crawled again)
//   owned by another message -> skip (a duplicate link)
//   owned by this message    -> crawl again (it was queued or in flight when its owner
//                               went away; a retry when it had started)
//   new                      -> admit, within the crawl's per-site and URL-shape budgets
// Before all of these: a site with a page that another worker, still in the group, has
// started and not finished is held: a partition moves at a rebalance while its old owner
// still has pages of it in flight, and a site is crawled by one worker at a time. The
// worker asks again once that page's "done" arrives or its worker has left the group.
// A recrawl is a new crawl id, so an earlier crawl's "done" never blocks it.
import { urlShape } from '../../crawler/frontier.js';
import { stateKey, targetKey, type TargetMessage } from './target-message.js';

export type StateStatus = 'admitted' | 'started' | 'done';

export interface StateRecord {
  crawl_id: string;
  site: string;
  url: string;
  depth: number;
  status: StateStatus;
  /** Offset (decimal string) of the target message that owns this URL. */
  offset: string;
  /** Times it was started before (1 and more: a retry after its worker went away). */
  attempt: number;
  /** The worker that started it (with status started). */
  worker?: string;
}

export type Decision =
  | { crawl: true; attempt: number; record?: StateRecord }
  | { crawl: false; reason: 'done' | 'duplicate' | 'site-limit' | 'trap' | 'held' };

/** Who asks: the deciding worker, and whether another worker is still in the group. */
export interface Asker {
  worker: string;
  inGroup(worker: string): boolean;
}

export interface StateLimits {
  maxPagesPerSite: number;
  maxPagesPerUrlShape: number;
}

export class SiteState {
  private readonly records = new Map<string, StateRecord & { partition: number }>();
  /** Admitted pages per "crawl site" and per "crawl shape", the budgets' counters. */
  private readonly perSite = new Map<string, number>();
  private readonly perShape = new Map<string, number>();
  /** Per crawl site, its pages started and not done: key -> the worker that started it. */
  private readonly started = new Map<string, Map<string, string>>();
  /** Pages in flight here in partitions that moved away. */
  private readonly departing = new Map<string, StateRecord & { partition: number }>();

  constructor(private readonly limits: StateLimits) {}

  get size(): number {
    return this.records.size;
  }

  /** A record read back from the changelog while restoring a partition (null: deleted). */
  load(partition: number, key: string, record: StateRecord | null): void {
    const before = this.records.get(key);
    if (before) this.count(before, key, -1);
    if (record === null) {
      this.records.delete(key);
      return;
    }
    this.records.set(key, { ...record, partition });
    this.count(record, key, 1);
  }

  /**
   * A partition went to another worker: its state is theirs now, but for the pages this
   * worker has in flight there, whose "done" it still writes (the new owner holds their
   * sites until then).
   */
  forget(partition: number, worker: string): void {
    for (const [key, r] of this.records) {
      if (r.partition !== partition) continue;
      this.records.delete(key);
      this.count(r, key, -1);
      if (r.status === 'started' && r.worker === worker) this.departing.set(key, r);
    }
  }

  /** What to do with a target message; an admission comes with the record to write. */
  decide(partition: number, offset: string, m: TargetMessage, asker: Asker): Decision {
    const key = stateKey(m.crawl_id, m.url);
    const site = targetKey(m.url);
    for (const w of this.started.get(`${m.crawl_id} ${site}`)?.values() ?? []) {
      if (w !== asker.worker && asker.inGroup(w)) return { crawl: false, reason: 'held' };
    }
    const r = this.records.get(key);
    if (r?.status === 'done') return { crawl: false, reason: 'done' };
    if (r && r.offset !== offset) return { crawl: false, reason: 'duplicate' };
    if (r) return { crawl: true, attempt: r.status === 'started' ? r.attempt + 1 : r.attempt };
    if ((this.perSite.get(`${m.crawl_id} ${site}`) ?? 0) >= this.limits.maxPagesPerSite)
      return { crawl: false, reason: 'site-limit' };
    if (
      m.depth > 0 &&
      (this.perShape.get(`${m.crawl_id} ${urlShape(new URL(m.url))}`) ?? 0) >= this.limits.maxPagesPerUrlShape
    )
      return { crawl: false, reason: 'trap' };
    const record: StateRecord = {
      crawl_id: m.crawl_id,
      site,
      url: key.slice(m.crawl_id.length + 1),
      depth: m.depth,
      status: 'admitted',
      offset,
      attempt: 0,
    };
    this.load(partition, key, record);
    return { crawl: true, attempt: 0, record };
  }

  /** The record of a URL moving on (started, done), or undefined when its partition is no longer ours. */
  advance(
    crawlId: string,
    url: string,
    status: StateStatus,
    attempt: number,
    worker: string,
  ): { key: string; record: StateRecord; partition: number } | undefined {
    const key = stateKey(crawlId, url);
    const departed = this.departing.get(key);
    const r = this.records.get(key) ?? departed;
    if (!r) return undefined;
    const { partition, worker: _, ...rest } = r;
    const record: StateRecord = { ...rest, status, attempt, ...(status === 'started' ? { worker } : {}) };
    if (departed) this.departing.delete(key);
    else this.load(partition, key, record);
    return { key, record, partition };
  }

  private count(r: StateRecord, key: string, by: number): void {
    const site = `${r.crawl_id} ${r.site}`;
    if (r.status === 'started' && r.worker) {
      const byKey = this.started.get(site) ?? new Map<string, string>();
      if (by > 0) byKey.set(key, r.worker);
      else byKey.delete(key);
      if (byKey.size) this.started.set(site, byKey);
      else this.started.delete(site);
    }
    this.perSite.set(site, (this.perSite.get(site) ?? 0) + by);
    const shape = `${r.crawl_id} ${urlShape(new URL(r.url))}`;
    this.perShape.set(shape, (this.perShape.get(shape) ?? 0) + by);
  }
}

/** Targets whose site is held, by partition, in the order they came; asked about again together, one round at a time. */
export class HeldTargets {
  private readonly byPartition = new Map<number, { offset: string; message: TargetMessage }[]>();
  private releasing = false;

  hold(partition: number, offset: string, message: TargetMessage): void {
    this.byPartition.set(partition, [...(this.byPartition.get(partition) ?? []), { offset, message }]);
  }

  /** The partition moved to another worker: its held targets are its new owner's. */
  forget(partition: number): void {
    this.byPartition.delete(partition);
  }

  /**
   * Once `reread` has read again what a hold depends on (for the partitions with held
   * targets), hands every held target to `admit`, which may hold it again. A round that
   * fails (the broker did not answer) keeps them for the next; a round under way is not doubled.
   */
  async release(
    reread: (partitions: number[]) => Promise<unknown>,
    admit: (partition: number, offset: string, message: TargetMessage) => void,
  ): Promise<void> {
    if (this.releasing || this.byPartition.size === 0) return;
    this.releasing = true;
    try {
      await reread([...this.byPartition.keys()]);
      for (const [partition, targets] of [...this.byPartition]) {
        this.byPartition.delete(partition);
        for (const t of targets) admit(partition, t.offset, t.message);
      }
    } finally {
      this.releasing = false;
    }
  }
}
