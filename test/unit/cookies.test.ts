import type { Cookie } from 'playwright';
import { describe, expect, it } from 'vitest';
import { attributeCookies, domainMatches, parseSetCookie } from '../../crawler/cookies.js';

const cookie = (name: string, domain: string, value = 'v'): Cookie => ({
  name,
  domain,
  path: '/',
  value,
  expires: -1,
  httpOnly: false,
  secure: false,
  sameSite: 'Lax',
});

describe('cookie attribution', () => {
  it('parses Set-Cookie name and domain', () => {
    expect(parseSetCookie('sid=abc; Path=/; Domain=.shop.test; HttpOnly')).toEqual({
      name: 'sid',
      domain: '.shop.test',
    });
    expect(parseSetCookie('novalue')).toBeUndefined();
  });

  it('matches hosts to cookie domains', () => {
    expect(domainMatches('www.shop.test', '.shop.test')).toBe(true);
    expect(domainMatches('shop.test', 'shop.test')).toBe(true);
    expect(domainMatches('evilshop.test', 'shop.test')).toBe(false);
  });

  it('tells http, script and earlier cookies apart, and keeps only cookies of requested hosts', () => {
    const before = [cookie('old', 'www.shop.test'), cookie('js', 'www.shop.test', 'old-value')];
    const after = [
      ...before.slice(0, 1),
      cookie('js', 'www.shop.test', 'new'),
      cookie('sid', '.shop.test'),
      cookie('frame', 'ads.test'),
      cookie('other', 'unrelated.test'),
    ];
    const out = attributeCookies(
      before,
      after,
      [{ url: 'http://www.shop.test/login', line: 'sid=x; Domain=.shop.test' }],
      new Set(['www.shop.test', 'ads.test']),
      ['http://www.shop.test/', 'http://ads.test/frame'],
    );
    expect(out.map((c) => [c.name, c.set_by, c.setter_url])).toEqual([
      ['old', 'earlier', undefined],
      ['js', 'script', 'http://www.shop.test/'],
      ['sid', 'http', 'http://www.shop.test/login'],
      ['frame', 'script', 'http://ads.test/frame'],
    ]);
    expect(out[0]!.value_sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
