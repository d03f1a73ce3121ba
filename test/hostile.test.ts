// Hostile pages with real Chromium: each ends within its bound, leaves nothing behind,
// and the crawl goes on to the next page with the same virtual user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import type { CrawlOptions } from '../crawler/options.js';
import { captureFor, crawlSeeds, request } from './helpers/harness.js';
import {
  DOWNLOAD_SHA256,
  DOWNLOAD_BYTES,
  HUGE_BODY_BYTES,
  DOWNLOAD_URL,
  scenarioSeeds,
  startTestInternet,
  type TestInternet,
} from '../internet/server.js';

const BOUNDS: Partial<CrawlOptions> = {
  concurrency: 1,
  navTimeoutMs: 4_000,
  pageTimeoutMs: 7_000,
  settleMs: 1_000,
  maxDialogs: 5,
  maxPopups: 5,
  maxRedirects: 10,
  maxBodyBytes: 1024 * 1024,
  maxDomBytes: 256 * 1024,
};
// Time a page may take past its bound to be torn down (closing a tab, reading frames).
const TEARDOWN_MS = 3_000;

const hostile = ['redirect-loop', 'dialog-loop', 'never-loads', 'huge-body', 'download', 'popup-storm', 'beforeunload'];
let net: TestInternet;
let captures: PageCapture[];
const cap = (name: string) => captureFor(captures, scenarioSeeds[name]!);
const endless = 'http://www.neverloads.test/document';

beforeAll(async () => {
  net = await startTestInternet();
  // One virtual user takes them one after another, then an ordinary page.
  const seeds = [...hostile.map((n) => scenarioSeeds[n]!), endless, scenarioSeeds.crawl!];
  ({ captures } = await crawlSeeds(net, seeds, BOUNDS));
});
afterAll(async () => {
  await net?.close();
});

describe('hostile pages', () => {
  it('every page ends within its bound and the crawl goes on', () => {
    expect(captures).toHaveLength(hostile.length + 2);
    for (const c of captures)
      expect(c.timings.total_ms, c.target.url).toBeLessThan(BOUNDS.pageTimeoutMs! + TEARDOWN_MS);
    expect(cap('crawl')).toMatchObject({ outcome: 'ok', status: 200, title: 'Crawl: home' });
  });

  it('stops an infinite redirect loop at maxRedirects', () => {
    const c = cap('redirect-loop');
    expect(c.outcome).toBe('failed');
    expect(c.limits_hit).toContain('max-redirects');
    const hops = c.navigations.filter((n) => n.cause === 'http-redirect');
    expect(hops.length).toBe(BOUNDS.maxRedirects! + 1);
    expect(hops[1]).toMatchObject({
      from_url: 'http://b.redirectloop.test/hop/1',
      url: 'http://a.redirectloop.test/hop/2',
      status: 302,
    });
  });

  it('answers dialogs and abandons an endless dialog loop at maxDialogs', () => {
    const c = cap('dialog-loop');
    expect(c.dialogs.map((d) => [d.type, d.message])).toEqual([
      ['alert', 'alert #1'],
      ['confirm', 'confirm #1: keep going?'],
      ['alert', 'alert #2'],
      ['confirm', 'confirm #2: keep going?'],
      ['alert', 'alert #3'],
    ]);
    expect(c.limits_hit).toContain('max-dialogs');
  });

  it('records a page that never finishes loading as a timed-out partial capture', () => {
    const c = cap('never-loads');
    expect(c.outcome).toBe('timeout');
    expect(c.status).toBe(200);
    expect(c.limits_hit).toContain('nav-timeout');
    expect(c.frames[0]!.dom).toContain('the load event never comes');
    expect(request(c, 'http://stall.neverloads.test/never.png').status).toBeUndefined();
    const endlessDoc = captureFor(captures, endless);
    expect(endlessDoc.outcome).toBe('timeout');
    expect(endlessDoc.title).toBe('Endless document');
  });

  it('does not hash a body over the cap, and says so', () => {
    const c = cap('huge-body');
    expect(request(c, 'http://www.hugebody.test/').body).toEqual({ size: HUGE_BODY_BYTES, over_cap: true });
    const dom = c.frames[0]!;
    if (dom.dom !== undefined) expect(dom.dom.length).toBeLessThanOrEqual(BOUNDS.maxDomBytes!);
  });

  it('hashes a download and does not keep it', () => {
    const c = cap('download');
    expect(c.outcome).toBe('ok');
    expect(c.downloads).toEqual([
      {
        url: DOWNLOAD_URL,
        suggested_filename: expect.any(String),
        sha256: DOWNLOAD_SHA256,
        size: DOWNLOAD_BYTES.length,
      },
    ]);
  });

  it('records popups up to maxPopups and closes them all', () => {
    const c = cap('popup-storm');
    expect(c.popups.map((p) => p.url)).toEqual([1, 2, 3, 4, 5].map((n) => `http://popup.popupstorm.test/p/${n}`));
    expect(c.limits_hit).toContain('max-popups');
  });

  it('leaves a page with a beforeunload trap', () => {
    const c = cap('beforeunload');
    expect(c.outcome).toBe('ok');
    // The next page was crawled by the same virtual user, so the trap did not hold it.
    const next = captures[captures.indexOf(c) + 1]!;
    expect(next.outcome).not.toBe('failed');
  });
});

describe('crawler trap', () => {
  it('an infinite calendar ends on the URL-shape bound', async () => {
    const { captures: cal, summary } = await crawlSeeds(net, [{ url: scenarioSeeds['crawler-trap']!, depth: 1000 }], {
      maxPagesPerUrlShape: 5,
      maxPages: 500,
      maxPagesPerSite: 500,
    });
    // Month pages share one shape, day pages another: five of each at most.
    expect(cal.length).toBeLessThanOrEqual(10);
    expect(cal.length).toBeGreaterThanOrEqual(6);
    expect(summary.rejectedLinks.trap).toBeGreaterThan(0);
    expect(summary.queuedLeft).toBe(0);
  });
});
