import { describe, expect, it } from 'vitest';
import { PartitionProgress } from '../../pipeline/fleet/partition-progress.js';
import { SiteState, type Asker } from '../../pipeline/fleet/site-state.js';
import {
  parseTargetMessage,
  stateKey,
  TARGET_SCHEMA,
  type TargetMessage,
} from '../../pipeline/fleet/target-message.js';

const target = (url: string, o: Partial<TargetMessage> = {}): TargetMessage => ({
  schema: TARGET_SCHEMA,
  crawl_id: 'c1',
  url,
  depth: 1,
  max_depth: 2,
  seed_url: 'http://www.a.test/',
  priority: 0,
  tags: [],
  scope: 'site',
  submitted_at: 1,
  ...o,
});

describe('commit watermark of a partition', () => {
  it('commits the highest offset below which every target is done, as targets finish out of order', () => {
    const p = new PartitionProgress();
    for (const o of ['5', '6', '7', '8']) p.read(o);
    expect(p.toCommit()).toBe('5');
    p.done('6');
    p.done('8');
    expect(p.toCommit()).toBeUndefined(); // 5 still pending
    p.done('5');
    expect(p.toCommit()).toBe('7');
    p.done('7');
    expect(p.toCommit()).toBe('9');
    expect(p.inFlight).toBe(0);
    // Read again after a rebalance (the partition stayed here): already handled.
    expect(p.seen('6')).toBe(true);
    expect(p.seen('9')).toBe(false);
  });
});

/** Worker w1 asking, with w2 in the group too. */
const me: Asker = { worker: 'w1', inGroup: (w) => w === 'w1' || w === 'w2' };

describe('per-site state', () => {
  it('admits once, skips duplicates and what is done, crawls an owned target again as a retry once it had started', () => {
    const s = new SiteState({ maxPagesPerSite: 3, maxPagesPerUrlShape: 50 });
    const first = s.decide(0, '10', target('http://www.a.test/x?b=2&a=1'), me);
    expect(first).toMatchObject({
      crawl: true,
      attempt: 0,
      record: { status: 'admitted', offset: '10', site: 'a.test', url: 'http://www.a.test/x?a=1&b=2' },
    });
    // The same URL from another page's link (another message): a duplicate.
    expect(s.decide(0, '11', target('http://www.a.test/x?a=1&b=2'), me)).toEqual({ crawl: false, reason: 'duplicate' });
    // Its own message read again after its owner went away: crawled again; a retry once it had started.
    expect(s.decide(0, '10', target('http://www.a.test/x?a=1&b=2'), me)).toEqual({ crawl: true, attempt: 0 });
    s.advance('c1', 'http://www.a.test/x?a=1&b=2', 'started', 0, 'w1');
    expect(s.decide(0, '10', target('http://www.a.test/x?a=1&b=2'), me)).toEqual({ crawl: true, attempt: 1 });
    s.advance('c1', 'http://www.a.test/x?a=1&b=2', 'done', 1, 'w1');
    expect(s.decide(0, '10', target('http://www.a.test/x?a=1&b=2'), me)).toEqual({ crawl: false, reason: 'done' });
    // A recrawl is another crawl id: not blocked.
    expect(s.decide(0, '12', target('http://www.a.test/x?a=1&b=2', { crawl_id: 'c2' }), me)).toMatchObject({
      crawl: true,
      attempt: 0,
    });
  });

  it('keeps the per-site budget across a restore, and forgets a partition that moved', () => {
    const s = new SiteState({ maxPagesPerSite: 2, maxPagesPerUrlShape: 50 });
    const a = s.decide(3, '1', target('http://www.a.test/1'), me);
    const b = s.decide(3, '2', target('http://shop.a.test/2'), me);
    expect(s.decide(3, '3', target('http://www.a.test/3'), me)).toEqual({ crawl: false, reason: 'site-limit' });
    // A new owner restores the partition's records from the changelog: the budget holds.
    const next = new SiteState({ maxPagesPerSite: 2, maxPagesPerUrlShape: 50 });
    for (const d of [a, b]) if (d.crawl && d.record) next.load(3, stateKey('c1', d.record.url), d.record);
    expect(next.decide(3, '3', target('http://www.a.test/3'), me)).toEqual({ crawl: false, reason: 'site-limit' });
    next.forget(3, 'w1');
    expect(next.size).toBe(0);
    expect(next.decide(3, '3', target('http://www.a.test/3'), me)).toMatchObject({ crawl: true });
  });
});

describe('a partition that moves while its pages are in flight', () => {
  it('holds the site at the new owner until the old one writes done, or leaves the group', () => {
    const limits = { maxPagesPerSite: 10, maxPagesPerUrlShape: 50 };
    const old = new SiteState(limits);
    const a = old.decide(5, '1', target('http://www.a.test/1'), { worker: 'w2', inGroup: () => true });
    const started = old.advance('c1', 'http://www.a.test/1', 'started', 0, 'w2')!;
    expect(started.record).toMatchObject({ status: 'started', worker: 'w2' });
    old.forget(5, 'w2');
    expect(old.size).toBe(0);

    // w1 restores partition 5: a.test has a page in flight at w2, so a.test waits; b.test does not.
    const next = new SiteState(limits);
    if (a.crawl && a.record) next.load(5, started.key, started.record);
    expect(next.decide(5, '2', target('http://shop.a.test/2'), me)).toEqual({ crawl: false, reason: 'held' });
    expect(next.decide(5, '1', target('http://www.a.test/1'), me)).toEqual({ crawl: false, reason: 'held' });
    expect(next.decide(5, '3', target('http://www.b.test/3'), me)).toMatchObject({ crawl: true });

    // w2 still writes its page's "done" after the partition moved; read by w1, the site is free.
    const done = old.advance('c1', 'http://www.a.test/1', 'done', 0, 'w2')!;
    expect(done).toMatchObject({ partition: 5, record: { status: 'done' } });
    expect(done.record.worker).toBeUndefined();
    next.load(5, done.key, done.record);
    expect(next.decide(5, '2', target('http://shop.a.test/2'), me)).toMatchObject({ crawl: true });
    expect(next.decide(5, '1', target('http://www.a.test/1'), me)).toEqual({ crawl: false, reason: 'done' });
  });

  it('does not wait for a worker that left the group: its page is crawled again, as a retry', () => {
    const s = new SiteState({ maxPagesPerSite: 10, maxPagesPerUrlShape: 50 });
    const a = s.decide(5, '1', target('http://www.a.test/1'), { worker: 'w3', inGroup: () => true });
    expect(a.crawl).toBe(true);
    s.advance('c1', 'http://www.a.test/1', 'started', 0, 'w3');
    expect(s.decide(5, '1', target('http://www.a.test/1'), me)).toEqual({ crawl: true, attempt: 1 });
  });
});

describe('target messages', () => {
  it('are checked field by field', () => {
    expect(parseTargetMessage(JSON.stringify(target('http://www.a.test/')))).toMatchObject({
      url: 'http://www.a.test/',
    });
    expect(parseTargetMessage('{')).toMatch(/^not JSON/);
    expect(parseTargetMessage(JSON.stringify({ ...target('javascript:x') }))).toBe('/url is missing or invalid');
    expect(parseTargetMessage(JSON.stringify({ ...target('http://a.test/'), schema: 'other' }))).toBe(
      `not a ${TARGET_SCHEMA} message`,
    );
  });
});
