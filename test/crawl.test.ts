// Whole crawls with real Chromium: what the frontier follows on a real site, refusing
// private targets, per-seed profiles, browser recycling, relaunch after a crash, proxies.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFor, crawlSeeds, request } from './helpers/harness.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

let net: TestInternet;
beforeAll(async () => {
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

const home = 'http://www.crawl.test/';

describe('crawling a site', () => {
  it('follows same-site links breadth-first to the seed depth, once each', async () => {
    const { captures, summary } = await crawlSeeds(net, [{ url: home, depth: 2 }]);
    const pages = captures.map((c) => [c.target.url, c.target.depth, c.outcome]).sort();
    expect(pages).toEqual([
      ['http://other.crawl.test/', 1, 'ok'],
      ['http://other.crawl.test/page', 2, 'ok'],
      ['http://www.crawl.test/', 0, 'ok'],
      ['http://www.crawl.test/about', 1, 'ok'],
      ['http://www.crawl.test/blog/', 1, 'ok'],
      ['http://www.crawl.test/blog/post-1', 2, 'ok'],
      ['http://www.crawl.test/contact', 2, 'ok'],
      ['http://www.crawl.test/old-page', 2, 'http-error'],
      ['http://www.crawl.test/products/', 1, 'ok'],
      ['http://www.crawl.test/products/widget?color=red&size=m', 1, 'ok'],
    ]);
    expect(summary.rejectedLinks['out-of-scope']).toBe(1); // www.elsewhere.test
    expect(summary.pages).toBe(10);
    const contact = captureFor(captures, 'http://www.crawl.test/contact');
    expect(contact.target).toEqual({
      url: 'http://www.crawl.test/contact',
      depth: 2,
      seed_url: home,
      via_url: 'http://www.crawl.test/about',
    });
    expect(contact.navigations[0]).toMatchObject({ cause: 'link-follow', url: 'http://www.crawl.test/contact' });
    // A user-like link follow sends the page it came from as referer.
    expect(request(contact, 'http://www.crawl.test/contact').request_headers?.referer).toBe(
      'http://www.crawl.test/about',
    );
    expect(captureFor(captures, home).navigations[0]!.cause).toBe('seed');
  });
});

describe('private addresses', () => {
  it('refuses loopback targets unless allowed, by literal address and by the address a name maps to, before any browser sees them', async () => {
    const { captures, summary } = await crawlSeeds(net, [`http://127.0.0.1:${net.httpPort}/`, home], {
      allowPrivate: false,
    });
    expect(summary.refused).toBe(2);
    // The egress policy checks a name where it will connect: the host rules map www.crawl.test to 127.0.0.1.
    expect(captures).toEqual([]);
  });
});

describe('virtual-user profiles', () => {
  it('uses the profile chosen per seed: device, user agent, locale and headers', async () => {
    const { captures } = await crawlSeeds(net, [
      { url: scenarioSeeds['meta-refresh']!, profile: 'android-samsung' },
      { url: home, profile: 'desktop-chrome-de' },
    ]);
    const phone = captureFor(captures, scenarioSeeds['meta-refresh']!);
    expect(phone.profile).toMatchObject({
      name: 'android-samsung',
      is_mobile: true,
      viewport: { width: 384, height: 747 },
      timezone: 'America/Chicago',
      platform: 'Linux armv81',
    });
    expect(request(phone, scenarioSeeds['meta-refresh']!).request_headers?.['user-agent']).toMatch(
      /\(Linux; Android 10; K\).* Mobile Safari/,
    );
    const de = captureFor(captures, home);
    expect(de.profile.name).toBe('desktop-chrome-de');
    expect(request(de, home).request_headers?.['accept-language']).toBe('de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7');
    // Chrome's reduced user agent: the running browser's major version, then 0.0.0.
    expect(de.profile.user_agent).toMatch(new RegExp(`Chrome/${de.browser.version.split('.')[0]}\\.0\\.0\\.0 Safari`));
  });
});

describe('browser lifecycle', () => {
  it('recycles the browser after pagesPerBrowser pages', async () => {
    const { captures, summary } = await crawlSeeds(net, [{ url: home, depth: 1 }], {
      concurrency: 1,
      pagesPerBrowser: 2,
    });
    expect(captures).toHaveLength(6);
    expect(summary.browserLaunches).toBe(3);
    expect(captures.every((c) => c.outcome === 'ok')).toBe(true);
  });

  it('relaunches the browser after it crashes and goes on with the crawl', async () => {
    let killed = 0;
    const { captures, summary } = await crawlSeeds(
      net,
      [{ url: home, depth: 1 }],
      { concurrency: 1, retryBaseMs: 100 },
      () => {
        if (killed++ > 0) return;
        const pids = browserPids();
        expect(pids).toHaveLength(1);
        process.kill(pids[0]!, 'SIGKILL');
      },
    );
    expect(summary.browserCrashes).toBe(1);
    expect(summary.browserLaunches).toBe(2);
    expect(captures.map((c) => c.target.url).sort()).toEqual([
      'http://other.crawl.test/',
      'http://www.crawl.test/',
      'http://www.crawl.test/about',
      'http://www.crawl.test/blog/',
      'http://www.crawl.test/products/',
      'http://www.crawl.test/products/widget?color=red&size=m',
    ]);
    expect(captures.every((c) => c.outcome === 'ok')).toBe(true);
  });
});

describe('full Chromium', () => {
  it('records cross-site frames and their requests in the full browser too', async () => {
    const seed = scenarioSeeds['nested-iframes']!;
    const { captures } = await crawlSeeds(net, [seed], { engine: 'chromium' });
    const c = captures[0]!;
    expect(c.browser.engine).toBe('chromium');
    expect(c.frames.map((f) => f.url).sort()).toEqual([
      'http://www.frames-inner.test/frame',
      'http://www.frames-middle.test/frame',
      'http://www.frames-top.test/',
    ]);
    const inner = c.frames.find((f) => f.url === 'http://www.frames-inner.test/frame')!;
    expect(request(c, 'http://www.frames-inner.test/pixel.png')).toMatchObject({ frame_id: inner.id, status: 200 });
    expect(inner.dom).toContain('<img id="pixel"');
  });
});

describe('proxy', () => {
  it("sends every virtual user's traffic through an HTTP proxy", async () => {
    const before = net.requests.length;
    const { captures } = await crawlSeeds(net, [home], { proxy: net.proxyUrl, hostResolverRules: undefined });
    expect(captures[0]).toMatchObject({ outcome: 'ok', status: 200, final_url: home });
    // Through a proxy, the remote address is the proxy's.
    expect(request(captures[0]!, home)).toMatchObject({ remote_ip: '127.0.0.1', remote_port: net.httpPort });
    // The page, then its icon, fetched through the browser's network stack (so the proxy too).
    expect(net.requests.slice(before).map((r) => r.url)).toEqual([home, `${home}favicon.ico`]);
  });
});

/** Chromium browser processes (not renderers or helpers) below this test process. */
function browserPids(): number[] {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8'));
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...cmd]
    .filter(([pid, c]) => /\/lib\/chromium\//.test(c.split('\0')[0]!) && !c.includes('--type=') && below(pid))
    .map(([pid]) => pid);
}
