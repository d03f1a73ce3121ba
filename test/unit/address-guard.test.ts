import { describe, expect, it } from 'vitest';
import { cachedGuard, isPrivateAddress, privateTargetReason } from '../../crawler/address-guard.js';

describe('address guard', () => {
  it('knows private, loopback and link-local ranges', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '[::1]']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2001:4860:4860::8888', 'example.com']) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });

  it('refuses literal and resolved private targets, with the reason', async () => {
    const fakeDns = (async (host: string) => (host === 'intranet.corp.com' ? [{ address: '10.0.0.5', family: 4 }] : [{ address: '93.184.216.34', family: 4 }])) as never;
    expect(await privateTargetReason('http://127.0.0.1:8080/', fakeDns)).toMatch(/127\.0\.0\.1 is a private/);
    expect(await privateTargetReason('http://localhost/', fakeDns)).toMatch(/loopback/);
    expect(await privateTargetReason('http://[::1]/', fakeDns)).toMatch(/private/);
    expect(await privateTargetReason('http://intranet.corp.com/', fakeDns)).toBe('intranet.corp.com resolves to 10.0.0.5, a private or loopback address');
    expect(await privateTargetReason('http://www.example.com/', fakeDns)).toBeUndefined();
  });

  it('lets names that do not resolve through (the browser or proxy resolves them)', async () => {
    const failing = (async () => { throw new Error('ENOTFOUND'); }) as never;
    expect(await privateTargetReason('http://www.site.test/', failing)).toBeUndefined();
  });
});

describe('cached guard', () => {
  it('looks each host up once', async () => {
    let lookups = 0;
    const dns = (async () => { lookups++; return [{ address: '10.0.0.1', family: 4 }]; }) as never;
    const guard = cachedGuard(dns);
    expect(await guard('http://a.example.com/1')).toMatch(/10\.0\.0\.1/);
    expect(await guard('http://a.example.com/2')).toMatch(/10\.0\.0\.1/);
    expect(lookups).toBe(1);
  });
});
