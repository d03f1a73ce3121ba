// RDAP lookups (seeds/rdap.ts) against a loopback RDAP server (internet/rdap-server.ts):
// the bootstrap file from a local copy or fetched, the server for a TLD by its longest
// matching suffix, a registration parsed, 404 as "not registered", and bounded, named errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadBootstrap,
  lookupRegistration,
  parseBootstrap,
  parseRdapDomain,
  rdapServerFor,
  type RdapBootstrap,
} from '../../seeds/rdap.js';
import { rdapDomain, startRdapServer, type TestRdapServer } from '../../internet/rdap-server.js';

let rdap: TestRdapServer;
let bootstrap: RdapBootstrap;
const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-rdap-'));

beforeAll(async () => {
  rdap = await startRdapServer(
    {
      'acmebamk.test': {
        registrar: 'Cheap Names Inc.',
        registered: '2026-11-28T09:30:00Z',
        expires: '2027-11-28T09:30:00Z',
        status: ['client transfer prohibited'],
        nameservers: ['NS2.HOST.TEST.', 'ns1.host.test'],
      },
      'acme-parked.test': { registered: '2019-01-01T00:00:00Z' },
    },
    { slowMs: 3000 },
  );
  bootstrap = await loadBootstrap({ bootstrapUrl: rdap.bootstrapUrl });
});
afterAll(async () => {
  await rdap?.close();
});

describe('the bootstrap file', () => {
  it('is fetched when no local copy is given, or read from the file given', async () => {
    expect(bootstrap.map((s) => s.suffixes)).toEqual([['test'], ['example']]);
    const file = path.join(dir, 'dns.json');
    writeFileSync(file, JSON.stringify(rdap.bootstrap));
    expect(await loadBootstrap({ bootstrapFile: file })).toEqual(bootstrap);
  });

  it('picks the server of the longest matching label suffix, HTTPS preferred, with a trailing slash', () => {
    const b = parseBootstrap(
      {
        services: [
          [['uk'], ['http://rdap.uk.test/', 'https://rdap.uk.test/']],
          [['CO.UK'], ['https://rdap.co-uk.test/v1']],
          [['com', 'net'], ['https://rdap.verisign.test/com/v1/']],
        ],
      },
      'x',
    );
    expect(rdapServerFor(b, 'brand.co.uk')).toBe('https://rdap.co-uk.test/v1/');
    expect(rdapServerFor(b, 'brand.org.uk')).toBe('https://rdap.uk.test/');
    expect(rdapServerFor(b, 'Brand.NET.')).toBe('https://rdap.verisign.test/com/v1/');
    expect(rdapServerFor(b, 'brand.xyz')).toBeUndefined();
    // A suffix matches whole labels only.
    expect(rdapServerFor(b, 'brand.acom')).toBeUndefined();
  });

  it('says what is wrong with a file that is not one', async () => {
    expect(() => parseBootstrap({ version: '1.0' }, 'f')).toThrow(
      'f: not an RDAP bootstrap file (no "services" array)',
    );
    expect(() => parseBootstrap({ services: [[['com'], 'https://x/']] }, 'f')).toThrow(
      'f: services[0] is not [[labels...], [urls...]]',
    );
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    await expect(loadBootstrap({ bootstrapFile: bad })).rejects.toThrow(`RDAP bootstrap ${bad}: not JSON`);
    await expect(loadBootstrap({ bootstrapFile: path.join(dir, 'none.json') })).rejects.toThrow(/ENOENT/);
    await expect(loadBootstrap({ bootstrapUrl: `${rdap.base}domain/nobody.test` })).rejects.toThrow(
      `RDAP bootstrap ${rdap.base}domain/nobody.test: HTTP 404`,
    );
  });
});

describe('a registration', () => {
  it('registrar, registration and expiration dates, status and name servers', async () => {
    expect(await lookupRegistration('AcmeBamk.test', bootstrap)).toEqual({
      domain: 'acmebamk.test',
      server: rdap.base,
      registered: true,
      registrar: 'Cheap Names Inc.',
      registered_at: Date.UTC(2026, 10, 28, 9, 30),
      expires_at: Date.UTC(2027, 10, 28, 9, 30),
      status: ['client transfer prohibited'],
      nameservers: ['ns1.host.test', 'ns2.host.test'],
    });
    expect(rdap.requests.at(-1)).toEqual({ path: '/rdap/domain/acmebamk.test', accept: 'application/rdap+json' });
  });

  it('what a registry leaves out is null or empty', async () => {
    const r = await lookupRegistration('acme-parked.test', bootstrap);
    expect([r.registrar, r.registered_at, r.expires_at, r.nameservers]).toEqual([null, Date.UTC(2019, 0, 1), null, []]);
  });

  it('404 is an answer: not registered', async () => {
    expect(await lookupRegistration('acme-free.test', bootstrap)).toMatchObject({
      registered: false,
      registrar: null,
      registered_at: null,
    });
  });

  it('finds a registrar nested in another entity, and parses what it understands of odd answers', () => {
    const nested = {
      ...rdapDomain('a.test', { registered: 'not a date' }),
      entities: [
        {
          roles: ['registrant'],
          entities: [{ roles: ['registrar'], vcardArray: ['vcard', [['fn', {}, 'text', ' Deep Registrar ']]] }],
        },
      ],
    };
    expect(parseRdapDomain(nested)).toEqual({
      registrar: 'Deep Registrar',
      registered_at: null,
      expires_at: null,
      status: ['active'],
      nameservers: [],
    });
    expect(parseRdapDomain(null)).toEqual({
      registrar: null,
      registered_at: null,
      expires_at: null,
      status: [],
      nameservers: [],
    });
  });

  it('errors name the domain and the server: no server, too slow, too big, not JSON, an HTTP error', async () => {
    await expect(lookupRegistration('brand.nowhere', bootstrap)).rejects.toThrow(
      'RDAP lookup of brand.nowhere: the bootstrap file names no server for it',
    );
    const at = (name: string) => `RDAP lookup of ${name} at ${rdap.base}: `;
    await expect(lookupRegistration('slow.test', bootstrap, { timeoutMs: 200 })).rejects.toThrow(at('slow.test'));
    await expect(lookupRegistration('huge.test', bootstrap, { maxBytes: 64 << 10 })).rejects.toThrow(
      `${at('huge.test')}answer over ${64 << 10} bytes`,
    );
    await expect(lookupRegistration('broken.test', bootstrap)).rejects.toThrow(`${at('broken.test')}not JSON`);
    const other = parseBootstrap({ services: [[['test'], [`${rdap.base}domain/acmebamk.test/`]]] }, 'x');
    await expect(lookupRegistration('x.test', other)).rejects.toThrow(/at .*: HTTP 400/);
  });
});
