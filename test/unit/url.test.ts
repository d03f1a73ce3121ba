import { describe, expect, it } from 'vitest';
import { maskCredentials, normalizeUrl, parseHttpUrl, siteOf, withoutCredentials } from '../../capture/url.js';

const norm = (s: string) => normalizeUrl(new URL(s));

describe('normalizeUrl', () => {
  it('lower-cases scheme and host, drops default ports and fragments', () => {
    expect(norm('HTTP://WWW.Example.COM:80/a/b#frag')).toBe('http://www.example.com/a/b');
    expect(norm('https://example.com:443/')).toBe('https://example.com/');
    expect(norm('https://example.com:8443/')).toBe('https://example.com:8443/');
  });
  it('sorts query parameters so the same page dedups', () => {
    expect(norm('http://h.test/p?b=2&a=1&a=0')).toBe('http://h.test/p?a=0&a=1&b=2');
    expect(norm('http://h.test/p?a=1&b=2')).toBe(norm('http://h.test/p?b=2&a=1'));
  });
  it('drops an empty query and resolves dot segments', () => {
    expect(norm('http://h.test/a/../b/./c?')).toBe('http://h.test/b/c');
  });
  it('keeps the path case and trailing slash (they can be different pages)', () => {
    expect(norm('http://h.test/A/')).not.toBe(norm('http://h.test/a'));
  });
});

describe('parseHttpUrl', () => {
  it('accepts http(s) only', () => {
    expect(parseHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(parseHttpUrl('mailto:x@y.z')).toBeUndefined();
    expect(parseHttpUrl('not a url')).toBeUndefined();
    expect(parseHttpUrl('/rel', 'http://h.test/a/')?.href).toBe('http://h.test/rel');
  });
});

describe('siteOf', () => {
  it('is the registrable domain', () => {
    expect(siteOf('www.shop.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('a.b.crawl.test')).toBe('crawl.test');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('localhost')).toBe('localhost');
    expect(siteOf('user.github.io')).toBe('user.github.io');
  });
});

describe('proxySettings', () => {
  it('takes credentials out of the proxy URL', async () => {
    const { proxySettings } = await import('../../crawler/upstream-proxy.js');
    expect(proxySettings('http://user:p%40ss@proxy.example:3128')).toEqual({
      server: 'http://proxy.example:3128',
      username: 'user',
      password: 'p@ss',
    });
    expect(proxySettings('http://127.0.0.1:8080')).toEqual({
      server: 'http://127.0.0.1:8080',
      username: undefined,
      password: undefined,
    });
  });
});

describe('URL credentials', () => {
  it('are removed from URLs and masked in text', () => {
    expect(withoutCredentials('http://user:p%40ss@www.example.com/a?b=1')).toBe('http://www.example.com/a?b=1');
    expect(withoutCredentials('https://token@api.example.com/')).toBe('https://api.example.com/');
    expect(withoutCredentials('ws://u:p@h.example/socket')).toBe('ws://h.example/socket');
    // No credentials: the very same string (no re-serialization).
    expect(withoutCredentials('http://www.example.com/@handle')).toBe('http://www.example.com/@handle');
    expect(withoutCredentials('HTTP://Example.COM/x')).toBe('HTTP://Example.COM/x');
    // Not a URL: masked.
    expect(withoutCredentials('htp://user:secret@x y')).toBe('htp://[credentials removed]@x y');
    expect(maskCredentials('bad seed htp://admin:hunter2@intranet/ and ftp://a:b@c/')).toBe(
      'bad seed htp://[credentials removed]@intranet/ and ftp://[credentials removed]@c/',
    );
    expect(maskCredentials('no credentials: http://x.test/a@b')).toBe('no credentials: http://x.test/a@b');
  });
});
