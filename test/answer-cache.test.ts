// The answer cache of `vucrawl serve`, on the real embedded engine: an answer is served
// again until events are stored through the server's own write path (the internal insert
// route a crawl uses while the server holds its store), and the next answer has them. The
// cache's own rules (LRU by bytes, TTL, answers computed across a write) without a server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEventId } from '../extractor/event-id.js';
import type { VucrawlEvent } from '../extractor/events.js';
import { AnswerCache } from '../server/answer-cache.js';
import { ANSWER_CACHE_HEADER } from '../server/app.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../sinks/clickhouse/event-store.js';
import { servedInserter } from '../sinks/clickhouse/served-store.js';
import { readStoreOwner, type OwnerServer } from '../store/connect.js';
import { pairEvent } from './helpers/events.js';
import { quietLog } from './helpers/harness.js';

describe('the answer cache of vucrawl serve', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-answer-cache-'));
  let server: RunningServer;
  let owner: OwnerServer;
  let at = 1_790_000_000_000;

  /** Stores events the way a crawl does while the server holds its store: batches through its insert route. */
  async function storeThroughServer(events: VucrawlEvent[]): Promise<void> {
    const sink = new ClickHouseEvents(
      servedInserter(owner, EVENT_STORE_DEFAULTS),
      { ...EVENT_STORE_DEFAULTS, spillDir: path.join(dir, 'spill') },
      quietLog,
    );
    await sink.write(events);
    await sink.close();
    expect(sink.spilled).toBe(0);
  }
  const pair = (parent: string, child: string) =>
    withEventId(pairEvent(parent, child, 'script.src', { observed_at: at++, capture_id: `cap-${at}` }));

  async function get(route: string): Promise<{ cache: string | null; body: string }> {
    const res = await fetch(`${server.url}${route}`);
    expect(res.status).toBe(200);
    return { cache: res.headers.get(ANSWER_CACHE_HEADER), body: await res.text() };
  }
  const hostsOf = (body: string, list: 'results' | 'hosts') =>
    (JSON.parse(body) as Record<string, { host: string }[]>)[list]!.map((r) => r.host).sort();

  beforeAll(async () => {
    server = await startServer(
      {
        store: { dataDir: path.join(dir, 'data') },
        serve: {
          listen: { host: '127.0.0.1', port: 0 },
          rateLimitPerMinute: 100_000,
          crawlDir: path.join(dir, 'crawls'),
          screenshotDirs: [],
        },
        crawl: {},
      },
      quietLog,
    );
    owner = readStoreOwner(path.join(dir, 'data'))!.server!;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves an answer again until new events are stored through the server, then answers with them', async () => {
    await storeThroughServer([pair('shop.test', 'cdn-one.test')]);
    const pairs = '/api/v1/hosts/shop.test/pairs?direction=children';
    const indicator = '/api/v1/indicator/shop.test';

    const first = await get(pairs);
    expect(first.cache).toBe('miss');
    expect(hostsOf(first.body, 'results')).toEqual(['cdn-one.test']);
    expect(await get(pairs)).toEqual({ cache: 'hit', body: first.body });
    const doc = await get(indicator);
    expect(doc.cache).toBe('miss');
    expect(hostsOf(doc.body, 'hosts')).toEqual(['cdn-one.test']);
    expect((await get(indicator)).cache).toBe('hit');

    await storeThroughServer([pair('shop.test', 'cdn-two.test')]);
    const after = await get(pairs);
    expect(after.cache).toBe('miss');
    expect(hostsOf(after.body, 'results')).toEqual(['cdn-one.test', 'cdn-two.test']);
    const docAfter = await get(indicator);
    expect(docAfter.cache).toBe('miss');
    expect(hostsOf(docAfter.body, 'hosts')).toEqual(['cdn-one.test', 'cdn-two.test']);
    expect(await get(pairs)).toEqual({ cache: 'hit', body: after.body });
  });

  it('keeps answers apart by route and query, and keeps no error', async () => {
    await storeThroughServer([pair('news.test', 'ads.test')]);
    const children = await get('/api/v1/hosts/news.test/pairs?direction=children');
    const parents = await get('/api/v1/hosts/news.test/pairs?direction=parents');
    expect(children.cache).toBe('miss');
    expect(parents.cache).toBe('miss');
    expect(hostsOf(children.body, 'results')).toEqual(['ads.test']);
    expect(hostsOf(parents.body, 'results')).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const bad = await fetch(`${server.url}/api/v1/hosts/news.test/pairs?cursor=not-one`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get(ANSWER_CACHE_HEADER)).toBe('miss');
    }
  });
});

describe('AnswerCache', () => {
  it('drops every answer after a write, and one computed while a write ran', () => {
    let writes = 0;
    const cache = new AnswerCache({ maxBytes: 1_000, ttlMs: Number.POSITIVE_INFINITY }, () => writes);
    cache.set('a', 'A', 0);
    expect(cache.get('a')).toBe('A');
    writes++;
    expect(cache.get('a')).toBeUndefined();
    // Begun at 1 write, finished after the second: never kept.
    writes++;
    cache.set('b', 'B', 1);
    expect(cache.get('b')).toBeUndefined();
    cache.set('b', 'B', 2);
    expect(cache.get('b')).toBe('B');
  });

  it('serves an answer for the TTL at most', () => {
    let now = 0;
    const cache = new AnswerCache(
      { maxBytes: 1_000, ttlMs: 10_000 },
      () => 0,
      () => now,
    );
    cache.set('a', 'A', 0);
    now = 10_000;
    expect(cache.get('a')).toBe('A');
    now = 10_001;
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps the most recently used answers within its bytes', () => {
    const cache = new AnswerCache({ maxBytes: 10, ttlMs: Number.POSITIVE_INFINITY }, () => 0);
    cache.set('a', 'aaaa', 0);
    cache.set('b', 'bbbb', 0);
    expect(cache.get('a')).toBe('aaaa');
    cache.set('c', 'cccc', 0);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    cache.set('big', 'x'.repeat(11), 0);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
