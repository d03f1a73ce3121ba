// API keys: the file's format and its errors (file:line, the key never echoed), roles, the
// per-start token, and the lookup that compares every key whatever matches first.
import { describe, expect, it } from 'vitest';
import { apiKey, KeyRing, MIN_KEY_LENGTH, parseApiKeys, startToken } from '../../server/api-keys.js';
import { isLoopback, listenUrl, parseListen, refuseToListen, SERVE_DEFAULTS } from '../../server/options.js';

describe('the API keys file', () => {
  it('reads ROLE KEY lines, skipping comments and blank lines', () => {
    const keys = parseApiKeys('# SOC\n\nread  0123456789abcdef-reader\r\nadmin 0123456789abcdef-admin\n', 'keys.txt');
    expect(keys.map((k) => k.role)).toEqual(['read', 'admin']);
    expect(keys[0]!.id).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(keys)).not.toContain('0123456789abcdef-reader');
  });

  it.each([
    ['read', 'keys.txt:2: expected "ROLE KEY" (roles: read, admin), got 1 field(s)'],
    ['write 0123456789abcdef-x', 'keys.txt:2: unknown role "write" (roles: read, admin)'],
    ['read short', `keys.txt:2: the key is shorter than ${MIN_KEY_LENGTH} characters`],
    ['read 0123456789abcdef extra', 'keys.txt:2: expected "ROLE KEY" (roles: read, admin), got 3 field(s)'],
    ['admin 0123456789abcdef-one', 'keys.txt:2: the same key is listed twice'],
  ])('refuses %j naming the file and line', (line, message) => {
    expect(() => parseApiKeys(`read 0123456789abcdef-one\n${line}\n`, 'keys.txt')).toThrow(message);
  });

  it('finds a presented key by comparing with every key, and knows no other', () => {
    const ring = new KeyRing([apiKey('read', 'r'.repeat(20)), apiKey('admin', 'a'.repeat(20))]);
    expect(ring.find('a'.repeat(20))?.role).toBe('admin');
    expect(ring.find('r'.repeat(20))?.role).toBe('read');
    expect(ring.find('a'.repeat(19))).toBeUndefined();
    expect(ring.find('')).toBeUndefined();
  });

  it('makes a per-start token of 32 random bytes, an admin key', () => {
    const a = startToken();
    expect(Buffer.from(a.secret, 'base64url')).toHaveLength(32);
    expect(a.key.role).toBe('admin');
    expect(startToken().secret).not.toBe(a.secret);
  });
});

describe('where the server listens', () => {
  it('parses HOST:PORT and [IPv6]:PORT, and knows loopback addresses', () => {
    expect(parseListen(SERVE_DEFAULTS.listen)).toEqual({ host: '127.0.0.1', port: 8181 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(() => parseListen('8181')).toThrow('--listen needs HOST:PORT');
    expect(() => parseListen('127.0.0.1:99999')).toThrow('--listen needs HOST:PORT');
    expect(['127.0.0.1', '127.9.9.9', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com'].some(isLoopback)).toBe(false);
    expect(listenUrl({ host: '::1', port: 80 })).toBe('http://[::1]:80');
  });

  it('refuses a non-loopback address without API keys', () => {
    const o = { listen: { host: '0.0.0.0', port: 8181 }, rateLimitPerMinute: 1, crawlDir: 'x', screenshotDirs: [] };
    expect(refuseToListen(o)).toContain('refusing to listen on 0.0.0.0');
    expect(refuseToListen({ ...o, apiKeysFile: 'keys.txt' })).toBeUndefined();
    expect(refuseToListen({ ...o, listen: { host: '127.0.0.1', port: 1 } })).toBeUndefined();
  });
});
