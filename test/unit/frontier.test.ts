import { describe, expect, it } from 'vitest';
import { Frontier, urlShape, type FrontierOptions, type Target } from '../../crawler/frontier.js';
import { CRAWL_DEFAULTS } from '../../crawler/options.js';

const opts = (o: Partial<FrontierOptions> = {}): FrontierOptions => ({ ...CRAWL_DEFAULTS, depth: 2, ...o });

function drain(f: Frontier, now = 0): string[] {
  const out: string[] = [];
  for (;;) {
    const t = f.take(now);
    if (!t || 'waitMs' in t) return out;
    out.push(t.url);
    f.done(t, now);
  }
}

function seed(f: Frontier, url: string, extra = {}): Target {
  const t = f.addSeed({ url, ...extra });
  if (typeof t === 'string') throw new Error(t);
  return t;
}

describe('Frontier', () => {
  it('dedups by normalized URL and strips fragments', () => {
    const f = new Frontier(opts());
    const s = seed(f, 'http://www.a.test/');
    expect(
      f.addLinks(s, 'http://www.a.test/', [
        'http://www.a.test/x?b=1&a=2',
        'http://www.a.test/x?a=2&b=1#top',
        'http://WWW.A.TEST:80/x?a=2&b=1',
      ]),
    ).toBe(1);
    expect(f.addSeed({ url: 'http://www.a.test/#again' })).toBe('duplicate');
    expect(f.rejected.duplicate).toBe(3);
    expect(drain(f)).toEqual(['http://www.a.test/', 'http://www.a.test/x?b=1&a=2']);
  });

  it('keeps links within the registrable domain of the page they were found on', () => {
    const f = new Frontier(opts());
    const s = seed(f, 'http://www.a.test/');
    const added = f.addLinks(s, 'http://www.a.test/', [
      'http://other.a.test/',
      'http://www.b.test/',
      'ftp://www.a.test/f',
      'mailto:x@a.test',
    ]);
    expect(added).toBe(1);
    expect(f.rejected['out-of-scope']).toBe(1);
    expect(f.rejected.invalid).toBe(2);
  });

  it('follows links to other sites when sameSite is off', () => {
    const f = new Frontier(opts({ scope: 'any' }));
    const s = seed(f, 'http://www.a.test/');
    expect(f.addLinks(s, 'http://www.a.test/', ['http://www.b.test/'])).toBe(1);
  });

  it('stops at the seed depth', () => {
    const f = new Frontier(opts({ depth: 1 }));
    const s = seed(f, 'http://a.test/');
    f.addLinks(s, 'http://a.test/', ['http://a.test/1']);
    drain(f);
    const child: Target = { ...s, url: 'http://a.test/1', depth: 1 };
    expect(f.addLinks(child, 'http://a.test/1', ['http://a.test/2'])).toBe(0);
    const deep = seed(f, 'http://deep.test/', { depth: 3 });
    expect(f.addLinks({ ...deep, depth: 2 }, 'http://deep.test/x', ['http://deep.test/y'])).toBe(1);
  });

  it('enforces the crawl and per-site limits', () => {
    const f = new Frontier(opts({ maxPages: 3, maxPagesPerSite: 2 }));
    const s = seed(f, 'http://a.test/');
    f.addLinks(s, 'http://a.test/', ['http://a.test/1', 'http://a.test/2']);
    expect(f.rejected['site-limit']).toBe(1);
    seed(f, 'http://b.test/');
    expect(f.addSeed({ url: 'http://c.test/' })).toBe('crawl-limit');
  });

  it('applies include and exclude patterns to links', () => {
    const f = new Frontier(opts({ include: [/\/docs\//], exclude: [/\.pdf$/] }));
    const s = seed(f, 'http://a.test/');
    expect(
      f.addLinks(s, 'http://a.test/', ['http://a.test/docs/1', 'http://a.test/blog/1', 'http://a.test/docs/x.pdf']),
    ).toBe(1);
    expect(f.rejected['not-included']).toBe(1);
    expect(f.rejected.excluded).toBe(1);
  });

  it('refuses calendar-like traps', () => {
    const f = new Frontier(opts({ maxPathSegments: 6 }));
    const s = seed(f, 'http://a.test/');
    const links = [
      'http://a.test/c/c/c/c/x',
      'http://a.test/1/2/3/4/5/6/7',
      `http://a.test/?q=${'x'.repeat(3000)}`,
      'http://a.test/calendar/2026/11',
    ];
    expect(f.addLinks(s, 'http://a.test/', links)).toBe(1);
    expect(f.rejected.trap).toBe(3);
  });

  it('limits pages per URL shape (calendars, pagers)', () => {
    const f = new Frontier(opts({ maxPagesPerUrlShape: 3 }));
    const s = seed(f, 'http://a.test/calendar/2026/11');
    const months = ['12', '10', '09', '08'].map((m) => `http://a.test/calendar/2026/${m}`);
    expect(
      f.addLinks(s, s.url, [...months, 'http://a.test/calendar/2026/11/05', 'http://b.a.test/calendar/2026/01']),
    ).toBe(4);
    expect(f.rejected.trap).toBe(2);
    expect(urlShape(new URL('http://a.test/p/12/x?q=1'))).toBe('a.test/p/0/x');
  });

  it('orders by priority, then breadth-first', () => {
    const f = new Frontier(opts());
    const low = seed(f, 'http://low.test/');
    f.addLinks(low, 'http://low.test/', ['http://low.test/child']);
    seed(f, 'http://high.test/', { priority: 5 });
    seed(f, 'http://low2.test/');
    expect(drain(f)).toEqual(['http://high.test/', 'http://low.test/', 'http://low2.test/', 'http://low.test/child']);
  });

  it('limits pages per host at once and spaces them by the host delay', () => {
    const f = new Frontier(opts({ hostConcurrency: 1, hostDelayMs: 1000 }));
    const s = seed(f, 'http://a.test/');
    f.addLinks(s, 'http://a.test/', ['http://a.test/1']);
    seed(f, 'http://b.test/');
    const first = f.take(0) as Target;
    expect(first.url).toBe('http://a.test/');
    // a.test is busy, so b.test goes next even though a.test/1 was queued first.
    expect((f.take(0) as Target).url).toBe('http://b.test/');
    expect(f.take(0)).toEqual({ waitMs: 1000 });
    f.done(first, 500);
    expect(f.take(1000)).toEqual({ waitMs: 500 });
    expect((f.take(1500) as Target).url).toBe('http://a.test/1');
    expect(f.active).toBe(2);
  });

  it('puts a retried target back without counting it again', () => {
    const f = new Frontier(opts({ maxPages: 1 }));
    const s = seed(f, 'http://a.test/');
    const t = f.take(0) as Target;
    f.done(t, 0);
    f.retry(t);
    const again = f.take(0) as Target;
    expect(again.url).toBe(s.url);
    expect(again.attempt).toBe(1);
  });
});
