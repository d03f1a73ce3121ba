import { describe, expect, it } from 'vitest';
import { AddressPolicy, DENIED_RANGES, parseCidr } from '../../crawler/egress/address-policy.js';

const strict = new AddressPolicy({ allowPrivate: false, allowNets: [], denyNets: [] });

/** An address, and a part of the reason it is denied (undefined: allowed). */
const CASES: [string, string | undefined][] = [
  ['0.0.0.0', 'this network (0.0.0.0/8)'],
  ['0.1.2.3', 'this network'],
  ['10.0.0.1', 'private (10.0.0.0/8)'],
  ['10.255.255.255', 'private (10.0.0.0/8)'],
  ['100.64.0.1', 'CGNAT (100.64.0.0/10)'],
  ['100.127.255.254', 'CGNAT'],
  ['127.0.0.1', 'loopback (127.0.0.0/8)'],
  ['127.255.0.9', 'loopback'],
  ['169.254.169.254', 'link-local, cloud metadata (169.254.0.0/16)'],
  ['172.16.0.1', 'private (172.16.0.0/12)'],
  ['172.31.255.255', 'private (172.16.0.0/12)'],
  ['192.0.0.8', 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.10', 'documentation (192.0.2.0/24)'],
  ['198.51.100.7', 'documentation (198.51.100.0/24)'],
  ['203.0.113.200', 'documentation (203.0.113.0/24)'],
  ['192.88.99.1', '6to4 relay (192.88.99.0/24)'],
  ['192.168.1.1', 'private (192.168.0.0/16)'],
  ['198.18.0.1', 'benchmarking (198.18.0.0/15)'],
  ['198.19.255.255', 'benchmarking'],
  ['224.0.0.251', 'multicast (224.0.0.0/4)'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved (240.0.0.0/4)'],
  ['255.255.255.255', 'reserved (240.0.0.0/4)'],
  ['::', 'unspecified (::/128)'],
  ['::1', 'loopback (::1/128)'],
  ['[::1]', 'loopback (::1/128)'],
  ['::7f00:1', 'IPv4-compatible (deprecated) (::/96)'],
  ['::808:808', 'IPv4-compatible'],
  ['64:ff9b:1::1', 'local-use NAT64 (64:ff9b:1::/48)'],
  ['100::1', 'discard (100::/64)'],
  ['2001::1', 'IETF special-purpose (2001::/23)'],
  ['2001:2::1', 'IETF special-purpose'],
  ['2001:20::1', 'IETF special-purpose'],
  ['2001:db8::1', 'documentation (2001:db8::/32)'],
  ['3fff::1', 'documentation (3fff::/20)'],
  ['5f00::1', 'SRv6 (5f00::/16)'],
  ['fc00::1', 'unique-local (fc00::/7)'],
  ['fd12:3456::1', 'unique-local'],
  ['fe80::1', 'link-local (fe80::/10)'],
  ['fec0::1', 'site-local (deprecated) (fec0::/10)'],
  ['ff02::1', 'multicast (ff00::/8)'],
  // IPv6 forms that carry an IPv4 address are judged by it.
  ['::ffff:127.0.0.1', 'IPv4-mapped ::ffff:7f00:1 embeds 127.0.0.1, loopback (127.0.0.0/8)'],
  ['::ffff:7f00:1', 'IPv4-mapped ::ffff:7f00:1 embeds 127.0.0.1, loopback (127.0.0.0/8)'],
  ['::ffff:a9fe:a9fe', 'embeds 169.254.169.254, link-local'],
  ['::ffff:0:7f00:1', 'IPv4-translated ::ffff:0:7f00:1 embeds 127.0.0.1, loopback'],
  ['64:ff9b::7f00:1', 'NAT64 64:ff9b::7f00:1 embeds 127.0.0.1, loopback'],
  ['64:ff9b::a00:1', 'NAT64 64:ff9b::a00:1 embeds 10.0.0.1, private'],
  ['2002:7f00:1::1', '6to4 2002:7f00:1::1 embeds 127.0.0.1, loopback'],
  ['2002:c0a8:101::1', '6to4 2002:c0a8:101::1 embeds 192.168.1.1, private'],
  // Public addresses, and public ones behind the IPv4-carrying forms.
  ['8.8.8.8', undefined],
  ['1.1.1.1', undefined],
  ['93.184.216.34', undefined],
  ['172.32.0.1', undefined],
  ['100.128.0.1', undefined],
  ['2606:4700:4700::1111', undefined],
  ['[2606:4700:4700::1111]', undefined],
  ['::ffff:8.8.8.8', undefined],
  ['::ffff:0:808:808', undefined],
  ['64:ff9b::808:808', undefined],
  ['2002:808:808::1', undefined],
  // Not an address at all.
  ['example.com', 'not an IP address'],
  ['', 'not an IP address'],
];

describe('address policy: the default table', () => {
  it.each(CASES)('%s', (ip, reason) => {
    if (reason === undefined) expect(strict.check(ip)).toBeUndefined();
    else expect(strict.check(ip)).toContain(reason);
  });

  it('covers every range of the table with a case', () => {
    const named = new Set(
      CASES.flatMap(([, r]) => (r === undefined ? [] : [r]))
        .join('\n')
        .match(/\([^()]+\/\d+\)/g),
    );
    for (const { cidr } of DENIED_RANGES)
      expect(
        [...named].some((n) => n === `(${cidr})`),
        cidr,
      ).toBe(true);
  });
});

describe('address policy: operator options', () => {
  it('a --deny-net denies before anything allows', () => {
    const p = new AddressPolicy({
      allowPrivate: true,
      allowNets: ['10.0.0.0/8'],
      denyNets: ['10.1.0.0/16', '2606:4700::/32'],
    });
    expect(p.check('10.1.2.3')).toBe('in --deny-net 10.1.0.0/16');
    expect(p.check('::ffff:10.1.2.3')).toBe('in --deny-net 10.1.0.0/16');
    // Any IPv6 form that carries a denied IPv4 is denied as well.
    expect(p.check('64:ff9b::a01:203')).toBe('in --deny-net 10.1.0.0/16');
    expect(p.check('2606:4700:4700::1111')).toBe('in --deny-net 2606:4700::/32');
    expect(p.check('10.2.0.1')).toBeUndefined();
    expect(p.check('127.0.0.1')).toBeUndefined();
  });

  it('a --allow-net lifts the default table for its range only', () => {
    const p = new AddressPolicy({
      allowPrivate: false,
      allowNets: ['127.0.0.1/32', '10.0.0.0/8', 'fd00::/8'],
      denyNets: [],
    });
    expect(p.check('127.0.0.1')).toBeUndefined();
    expect(p.check('10.9.8.7')).toBeUndefined();
    expect(p.check('fd00::5')).toBeUndefined();
    // The IPv4-mapped form is the same host; the translated and NAT64 forms are not lifted.
    expect(p.check('::ffff:127.0.0.1')).toBeUndefined();
    expect(p.check('64:ff9b::7f00:1')).toContain('loopback');
    expect(p.check('127.0.0.2')).toBe('loopback (127.0.0.0/8)');
    expect(p.check('fe80::1')).toContain('link-local');
  });

  it('--allow-private allows every address not in a --deny-net', () => {
    const p = new AddressPolicy({ allowPrivate: true, allowNets: [], denyNets: [] });
    for (const ip of ['127.0.0.1', '::1', '169.254.169.254', '::ffff:10.0.0.1', '8.8.8.8'])
      expect(p.check(ip), ip).toBeUndefined();
    expect(p.check('not-an-ip')).toBe('not an IP address');
  });

  it('allows everything only with --allow-private and no --deny-net', () => {
    expect(new AddressPolicy({ allowPrivate: true, allowNets: [], denyNets: [] }).allowsEverything).toBe(true);
    expect(new AddressPolicy({ allowPrivate: true, allowNets: [], denyNets: ['10.0.0.0/8'] }).allowsEverything).toBe(
      false,
    );
    expect(new AddressPolicy({ allowPrivate: false, allowNets: ['0.0.0.0/0'], denyNets: [] }).allowsEverything).toBe(
      false,
    );
  });
});

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 ranges and single addresses', () => {
    expect(parseCidr('10.0.0.0/8').map(String)).toEqual(['10.0.0.0', '8']);
    expect(parseCidr(' 2001:db8::/32 ').map(String)).toEqual(['2001:db8::', '32']);
    expect(parseCidr('192.168.1.1').map(String)).toEqual(['192.168.1.1', '32']);
    expect(parseCidr('::1').map(String)).toEqual(['::1', '128']);
  });

  it('names the text it cannot read', () => {
    for (const bad of ['10.0.0.0/33', '10/8', '::/129', '300.0.0.1', 'example.com', '', '10.0.0.0/']) {
      expect(() => parseCidr(bad), bad).toThrow(`"${bad}" is not a CIDR range: `);
    }
    expect(() => new AddressPolicy({ allowPrivate: false, allowNets: [], denyNets: ['10.0.0.0/33'] })).toThrow(
      '"10.0.0.0/33" is not a CIDR range',
    );
  });
});
