// Politeness with real Chromium: robots.txt (fetched through the egress proxy, once per origin)
// under each mode, and a host that answers 429 with Retry-After: 2 is paused while other
// hosts go on, then its page is crawled again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestInternet, type TestInternet } from '../internet/server.js';
import { crawlSeeds } from './helpers/harness.js';

let net: TestInternet;
beforeAll(async () => {
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

const R = 'http://www.robots.test';
const outcomes = (captures: { target: { url: string }; outcome: string }[]) =>
  Object.fromEntries(captures.map((c) => [c.target.url, c.outcome]));

describe('robots.txt', () => {
  it('seeds-exempt (default): the targets named are crawled, followed links obey', async () => {
    const { captures, summary } = await crawlSeeds(net, [{ url: `${R}/`, depth: 1 }, `${R}/private/named`]);
    expect(outcomes(captures)).toEqual({
      [`${R}/`]: 'ok',
      [`${R}/private/named`]: 'ok',
      [`${R}/public`]: 'ok',
      [`${R}/private/secret`]: 'skipped',
    });
    const skipped = captures.find((c) => c.outcome === 'skipped')!;
    expect(skipped.error).toBe(`robots.txt: ${R}/robots.txt disallows it (line 2)`);
    expect(skipped.requests).toEqual([]);
    expect(summary.robotsSkipped).toBe(1);
    // Fetched once for the origin, as the virtual user (its user agent).
    const fetches = net.requests.filter((r) => r.url === `${R}/robots.txt`);
    expect(fetches).toHaveLength(1);
    expect(fetches[0]!.headers['user-agent']).toMatch(/Chrome\//);
    expect(net.requests.some((r) => r.url === `${R}/private/secret`)).toBe(false);
  });

  it('obey: a named target is skipped too; ignore: nothing is', async () => {
    const obey = await crawlSeeds(net, [`${R}/private/named`], { robots: 'obey' });
    expect(outcomes(obey.captures)).toEqual({ [`${R}/private/named`]: 'skipped' });
    const ignore = await crawlSeeds(net, [{ url: `${R}/`, depth: 1 }], { robots: 'ignore' });
    expect(outcomes(ignore.captures)[`${R}/private/secret`]).toBe('ok');
  });
});

describe('a host that says it is busy', () => {
  it('is paused for its Retry-After while other hosts go on, then its page is crawled again', async () => {
    const before = net.requests.length;
    const calm = [1, 2, 3, 4].map((n) => `http://www.calm.test/${n}`);
    const { captures } = await crawlSeeds(net, ['http://www.busy.test/', 'http://www.busy.test/next', ...calm], {
      hostConcurrency: 1,
      concurrency: 2,
    });
    const served = net.requests.slice(before);
    const busy = served.filter((r) => r.host === 'www.busy.test');
    const [first429, ...rest] = busy;
    expect(first429!.path).toBe('/');
    // The site icon is fetched by the visit that got the 429; what counts is the next visit.
    const later = rest.filter((r) => r.path !== '/favicon.ico');
    expect(later.map((r) => r.path)).toContain('/next');
    // Nothing of that host for at least 2 s after its 429.
    for (const r of later) expect(r.at - first429!.at, r.path).toBeGreaterThanOrEqual(2_000);
    // Meanwhile the other host was crawled.
    expect(served.filter((r) => r.host === 'www.calm.test' && r.at < first429!.at + 2_000).length).toBeGreaterThan(0);
    const home = captures.find((c) => c.target.url === 'http://www.busy.test/')!;
    expect(home).toMatchObject({ outcome: 'ok', status: 200, target: { attempt: 1 } });
  });
});
