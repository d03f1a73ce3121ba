// Domain variants against dnstwist's own output (test/fixtures/dnstwist/, each file says the
// version and the command that made it), each fuzzer on small inputs, the --registered DNS
// check against a test DNS server, and the command. The command tests run the built CLI:
// run `npx tsc -p tsconfig.json` first.
import { createSocket } from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII, fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredVariants } from '../../seeds/variant-dns.js';
import {
  dictionaryWords,
  domainVariants,
  type Fuzzer,
  FUZZERS,
  NotRegistrableError,
  tldList,
  type Variant,
  type VariantOptions,
} from '../../seeds/variants.js';
import { runCli } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer, type TestDnsType } from '../../internet/dns-server.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dnstwist');

interface Fixture {
  dnstwist: string;
  command: string;
  domain: string;
  /** Word files in the fixture folder, given to dnstwist as --dictionary and --tld. */
  options?: { dictionary: string; tld: string };
  total: number;
  counts: Record<string, number>;
  domains: Record<string, string[]>;
}

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as Fixture);

/** dnstwist lists the input itself as "*original"; it is not a variant. */
const ORIGINAL = '*original';

const only = (domain: string, fuzzer: Fuzzer, o: VariantOptions = {}) =>
  domainVariants(domain, { ...o, fuzzers: [fuzzer] }).map((v) => v.domain);
const byFuzzer = (variants: Variant[]) => {
  const out: Record<string, string[]> = {};
  for (const v of variants) (out[v.fuzzer] ??= []).push(v.domain);
  return out;
};

describe('variants match dnstwist', () => {
  it('has fixtures for at least five domains, all from one dnstwist version', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    expect(new Set(fixtures.map((f) => f.dnstwist)).size).toBe(1);
    expect(fixtures.map((f) => f.domain)).toEqual(
      expect.arrayContaining(['example.com', 'paypal.com', 'bbc.co.uk', 'xn--mnchen-3ya.de', 'ab.io']),
    );
  });

  for (const fx of fixtures) {
    describe(`${fx.domain}${fx.options ? ' with --dictionary and --tld' : ''}`, () => {
      const o: VariantOptions = fx.options
        ? {
            dictionary: dictionaryWords(readFileSync(path.join(FIXTURES, fx.options.dictionary), 'utf8')),
            tlds: tldList(readFileSync(path.join(FIXTURES, fx.options.tld), 'utf8')),
          }
        : {};
      const ours = domainVariants(fx.domain, o);
      const theirs = Object.fromEntries(Object.entries(fx.domains).filter(([f]) => f !== ORIGINAL));

      it('makes as many domains per fuzzer', () => {
        const counts = Object.fromEntries(Object.entries(byFuzzer(ours)).map(([f, ds]) => [f, ds.length]));
        expect(counts).toEqual(Object.fromEntries(Object.entries(fx.counts).filter(([f]) => f !== ORIGINAL)));
        expect(ours.length + 1).toBe(fx.total);
      });

      it('makes the same domains per fuzzer', () => {
        const mine = byFuzzer(ours);
        for (const f of new Set([...Object.keys(mine), ...Object.keys(theirs)]))
          expect(new Set(mine[f] ?? []), f).toEqual(new Set(theirs[f] ?? []));
      });

      it("lists them in dnstwist's order (fuzzer name, then domain), never the input", () => {
        expect(ours).toEqual(
          Object.entries(theirs).flatMap(([fuzzer, ds]) => ds.map((domain) => ({ domain, fuzzer }))),
        );
        expect(ours.map((v) => v.domain)).not.toContain(fx.domains[ORIGINAL]![0]);
      });
    });
  }
});

describe('each fuzzer', () => {
  it('addition appends a letter or digit to the label, and to each part before a hyphen', () => {
    expect(only('ab.io', 'addition')).toHaveLength(36);
    expect(only('ab.io', 'addition')).toEqual(expect.arrayContaining(['ab0.io', 'ab9.io', 'aba.io', 'abz.io']));
    expect(only('a-b.io', 'addition')).toHaveLength(72);
    expect(only('a-b.io', 'addition')).toEqual(expect.arrayContaining(['ax-b.io', 'a-bx.io']));
  });

  it('bitsquatting flips one bit of one character, keeping what a label may hold', () => {
    // a = 0x61 -> c e i q; b = 0x62 -> c f j r; other flips leave a-z0-9-.
    expect(only('ab.io', 'bitsquatting').sort()).toEqual([
      'ac.io',
      'af.io',
      'aj.io',
      'ar.io',
      'cb.io',
      'eb.io',
      'ib.io',
      'qb.io',
    ]);
  });

  it('cyrillic writes the whole label in Cyrillic look-alikes, only when every letter has one', () => {
    expect(only('ab.io', 'cyrillic')).toEqual([domainToASCII('\u0430\u044c.io')]);
    expect(only('ab1.io', 'cyrillic')).toEqual([]);
    expect(only('fab.io', 'cyrillic')).toEqual([]);
  });

  it('homoglyph swaps look-alikes in up to two rounds: characters, windows of two, pairs like rn', () => {
    const uk = only('google.co.uk', 'homoglyph');
    expect(uk).toEqual(
      expect.arrayContaining(['g00gle.co.uk', 'g0ogle.co.uk', 'googie.co.uk', 'g00g1e.co.uk', 'goog1c.co.uk']),
    );
    expect(only('corn.co.uk', 'homoglyph')).toContain('com.co.uk');
    // The .uk registry takes no IDN: ASCII look-alikes only.
    expect(uk.every((d) => !d.includes('xn--'))).toBe(true);
  });

  it('homoglyph uses the IDN characters the registry of the suffix takes', () => {
    const de = only('example.de', 'homoglyph');
    const com = only('example.com', 'homoglyph');
    expect(de).toContain(domainToASCII('éxample.de'));
    expect(de).not.toContain(domainToASCII('ẹxample.de'));
    expect(com).toEqual(expect.arrayContaining([domainToASCII('éxample.com'), domainToASCII('ẹxample.com')]));
  });

  it('hyphenation puts a hyphen between two characters', () => {
    expect(only('abc.com', 'hyphenation')).toEqual(['a-bc.com', 'ab-c.com']);
  });

  it('insertion adds a neighbouring key (qwerty, qwertz, azerty) before or after each character but the last', () => {
    // a's neighbours: qwsz (qwerty), qwsy (qwertz), 2zq1 (azerty).
    const expected = [...'qwszy21'].flatMap((k) => [`${k}ab.io`, `a${k}b.io`]);
    expect(only('ab.io', 'insertion').sort()).toEqual(expected.sort());
  });

  it('omission leaves one character out', () => {
    expect(only('abc.com', 'omission')).toEqual(['ab.com', 'ac.com', 'bc.com']);
  });

  it('plural adds s (es after s, x, z) after a character from the third to the third-last', () => {
    expect(only('paxton.com', 'plural')).toEqual(['paxeston.com', 'paxtson.com']);
    expect(only('abcd.com', 'plural')).toEqual([]);
  });

  it('repetition doubles one character', () => {
    expect(only('abc.com', 'repetition')).toEqual(['aabc.com', 'abbc.com', 'abcc.com']);
  });

  it('replacement puts a neighbouring key in place of a character', () => {
    expect(only('a.co.uk', 'replacement').sort()).toEqual([...'qwszy21'].map((k) => `${k}.co.uk`).sort());
  });

  it('subdomain puts a dot inside the label, not next to a hyphen nor before the last character', () => {
    expect(only('abcd.com', 'subdomain')).toEqual(['a.bcd.com', 'ab.cd.com']);
    expect(only('ab-cd.com', 'subdomain')).toEqual(['a.b-cd.com']);
  });

  it('transposition swaps two neighbouring characters', () => {
    expect(only('abc.com', 'transposition')).toEqual(['acb.com', 'bac.com']);
  });

  it('vowel-swap puts another vowel in place of a vowel', () => {
    expect(only('ab.io', 'vowel-swap')).toEqual(['eb.io', 'ib.io', 'ob.io', 'ub.io']);
  });

  it('dictionary puts each word around the label, and in place of the first or last hyphenated part', () => {
    expect(only('my-bank.com', 'dictionary', { dictionary: ['login'] }).sort()).toEqual(
      [
        'my-bank-login.com',
        'my-banklogin.com',
        'login-my-bank.com',
        'loginmy-bank.com',
        'my-login.com',
        'login-bank.com',
      ].sort(),
    );
    // A word the label starts and ends with is not put around it.
    expect(only('bank.com', 'dictionary', { dictionary: ['bank'] })).toEqual([]);
    expect(only('bank.com', 'dictionary')).toEqual([]);
  });

  it('dictionaryWords and tldList read files as dnstwist does: lower case, once each, valid words only', () => {
    expect(dictionaryWords('Login\r\nlogin\n\nbad_word\nxn--a\nxn--80ak6aa92e\n-\n')).toEqual([
      'login',
      'xn--a',
      'xn--80ak6aa92e',
      '-',
    ]);
    expect(tldList('com\nCO.UK\na\nco.uk.x\nxn--p1ai\n')).toEqual(['com', 'co.uk', 'xn--p1ai']);
  });

  it('tld-swap puts each other suffix in place of the suffix; dnstwist has no default list', () => {
    expect(only('www.example.com', 'tld-swap', { tlds: ['com', 'net', 'co.uk'] })).toEqual([
      'www.example.co.uk',
      'www.example.net',
    ]);
    expect(only('example.com', 'tld-swap')).toEqual([]);
  });

  it('various runs the suffix and the subdomain into the label', () => {
    expect(only('example.com', 'various')).toEqual(['examplecom.com']);
    expect(only('ab.io', 'various')).toEqual(['ab-io.com', 'abio.com', 'abio.io']);
    expect(only('bbc.co.uk', 'various')).toEqual(['bbc.uk', 'bbcco.uk']);
    expect(only('a.b.example.com', 'various')).toEqual([
      'a-b-example.com',
      'a.b-example.com',
      'a.b.examplecom.com',
      'a.bexample.com',
      'abexample.com',
    ]);
  });

  it("gives a domain two fuzzers make to the first of them, in dnstwist's order", () => {
    // qb.io is a bit flip (a -> q) and a keyboard neighbour (a -> q).
    const qb = domainVariants('ab.io').filter((v) => v.domain === 'qb.io');
    expect(qb).toEqual([{ domain: 'qb.io', fuzzer: 'bitsquatting' }]);
    expect(
      domainVariants('ab.io', { fuzzers: ['replacement', 'vowel-swap'] }).filter((v) => v.domain === 'qb.io'),
    ).toEqual([{ domain: 'qb.io', fuzzer: 'replacement' }]);
    expect(FUZZERS.indexOf('bitsquatting')).toBeLessThan(FUZZERS.indexOf('replacement'));
  });
});

describe('names', () => {
  it('fuzzes the label of the registrable domain, keeping subdomains and the public suffix', () => {
    const variants = only('www.example.co.uk', 'transposition');
    expect(variants).toContain('www.exmaple.co.uk');
    expect(variants.every((d) => d.startsWith('www.') && d.endsWith('.co.uk'))).toBe(true);
    // A private suffix of the Public Suffix List counts (as with dnstwist's optional tld package).
    expect(only('brand.github.io', 'omission')).toContain('brnd.github.io');
  });

  it('takes Unicode or punycode and gives IDN variants as punycode, everything ASCII', () => {
    const fromUnicode = domainVariants('München.de');
    expect(fromUnicode).toEqual(domainVariants('xn--mnchen-3ya.de'));
    expect(fromUnicode.every((v) => /^[a-z0-9.-]+$/.test(v.domain))).toBe(true);
    // münchen without its ü, its first n, its last n.
    expect(only('münchen.de', 'omission')).toEqual(
      expect.arrayContaining(['mnchen.de', 'xn--mchen-kva.de', 'xn--mnche-kva.de']),
    );
    // р а у р а ӏ, all Cyrillic.
    expect(only('paypal.com', 'cyrillic')).toEqual(['xn--80aa0cbo65f.com']);
    expect(domainToASCII('\u0440\u0430\u0443\u0440\u0430\u04cf.com')).toBe('xn--80aa0cbo65f.com');
  });

  it('refuses what is not a registrable domain', () => {
    for (const bad of ['co.uk', 'com', '192.0.2.1', 'localhost', 'not a domain', '', 'exa_mple.com', 'github.io']) {
      expect(() => domainVariants(bad), bad).toThrow(NotRegistrableError);
    }
    expect(() => domainVariants('co.uk')).toThrow(/"co.uk" is not a registrable domain name/);
  });
});

/** A UDP relay in front of a DNS server: holds each answer `delayMs`, counts queries in flight, drops those `drop` picks (never answered). */
async function startRelay(upstream: string, delayMs: number, drop: (name: string) => boolean = () => false) {
  const socket = createSocket('udp4');
  const [host, port] = upstream.split(':') as [string, string];
  const stats = { inFlight: 0, maxInFlight: 0, dropped: 0 };
  socket.on('message', (query, from) => {
    if (drop(dnsPacket.decode(query).questions?.[0]?.name.toLowerCase() ?? '')) return void stats.dropped++;
    stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
    const up = createSocket('udp4');
    up.once('message', (answer) =>
      setTimeout(() => {
        stats.inFlight--;
        socket.send(answer, from.port, from.address);
        up.close();
      }, delayMs),
    );
    up.send(query, Number(port), host);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    stats,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

describe('--registered', () => {
  const ANSWERS: Record<string, Partial<Record<TestDnsType, string[]>>> = {
    'examp1e.com': { A: ['192.0.2.1'] },
    'exampie.com': { AAAA: ['2001:db8::1'] },
    'exarnple.com': {
      NS: ['ns1.parking.example'],
      A: ['192.0.2.2', '192.0.2.3'],
      AAAA: ['2001:db8::2'],
      MX: ['MX2.Mail.example', 'mx1.mail.example'],
    },
    // Mail only: a name that receives mail exists, as dnstwist counts it.
    'exampe.com': { MX: ['mx.exampe.com'] },
  };
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer((name, type) => ANSWERS[name]?.[type] ?? []);
  });
  afterAll(async () => {
    await dns?.close();
  });

  const variants = (names: string[]): Variant[] => names.map((domain) => ({ domain, fuzzer: 'homoglyph' }));

  it('keeps only the names with records, with their addresses', async () => {
    const found = await registeredVariants(
      variants(['examp1e.com', 'exanple.com', 'exampie.com', 'exarnple.com', 'exampl.com', 'exampe.com']),
      { dnsServer: dns.address },
    );
    expect(found).toEqual([
      { domain: 'examp1e.com', fuzzer: 'homoglyph', ns: [], a: ['192.0.2.1'], aaaa: [], mx: [], servfail: [] },
      { domain: 'exampie.com', fuzzer: 'homoglyph', ns: [], a: [], aaaa: ['2001:db8::1'], mx: [], servfail: [] },
      {
        domain: 'exarnple.com',
        fuzzer: 'homoglyph',
        ns: ['ns1.parking.example'],
        a: ['192.0.2.2', '192.0.2.3'],
        aaaa: ['2001:db8::2'],
        // By preference (the server gives the first 10, the second 20), lower case.
        mx: ['mx2.mail.example', 'mx1.mail.example'],
        servfail: [],
      },
      { domain: 'exampe.com', fuzzer: 'homoglyph', ns: [], a: [], aaaa: [], mx: ['mx.exampe.com'], servfail: [] },
    ]);
    // NS first, as dnstwist asks, then A and AAAA, then MX.
    expect(dns.queries.filter((q) => q.name.toLowerCase() === 'exanple.com').map((q) => q.type)).toEqual([
      'NS',
      'A',
      'AAAA',
      'MX',
    ]);
  });

  it('has no more queries in flight than its concurrency (default 20)', async () => {
    const relay = await startRelay(dns.address, 40);
    try {
      const names = Array.from({ length: 30 }, (_, i) => `n${i}.example`);
      await registeredVariants(variants(names), { dnsServer: relay.address, concurrency: 4 });
      expect(relay.stats.maxInFlight).toBe(4);
      relay.stats.maxInFlight = 0;
      const found = await registeredVariants(
        variants([...names, ...Array.from({ length: 30 }, (_, i) => `m${i}.example`), 'examp1e.com']),
        { dnsServer: relay.address },
      );
      expect(relay.stats.maxInFlight).toBe(20);
      expect(found.map((v) => v.domain)).toEqual(['examp1e.com']);
    } finally {
      await relay.close();
    }
  });

  it('gives up on a query after its timeout, and the name counts as not registered', async () => {
    const relay = await startRelay(dns.address, 0, (name) => name === 'slow.example');
    try {
      const started = Date.now();
      const found = await registeredVariants(variants(['slow.example', 'examp1e.com']), {
        dnsServer: relay.address,
        timeoutMs: 300,
      });
      const ms = Date.now() - started;
      expect(found.map((v) => v.domain)).toEqual(['examp1e.com']);
      // NS, A, AAAA and MX each wait out the 300 ms, one after another.
      expect(relay.stats.dropped).toBe(4);
      expect(ms).toBeGreaterThanOrEqual(1100);
      expect(ms).toBeLessThan(3000);
    } finally {
      await relay.close();
    }
  });

  it('vucrawl variants --registered --dns-server keeps what the server answers for', async () => {
    const r = await runCli([
      'variants',
      'example.com',
      '--fuzzers',
      'homoglyph',
      '--registered',
      '--dns-server',
      dns.address,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Variant[]).map((v) => v.domain)).toEqual([
      'examp1e.com',
      'exampie.com',
      'exarnple.com',
    ]);
  });
});

describe('vucrawl variants', () => {
  it('--json writes a JSON array of {domain, fuzzer}', async () => {
    const r = await runCli(['variants', 'ab.io', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(domainVariants('ab.io'));
  });

  it('--seeds writes seed lines tagged with the domain, IDN as punycode', async () => {
    const r = await runCli(['variants', 'münchen.de', '--fuzzers', 'omission', '--seeds']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines).toContain('http://mnchen.de/ tag=variant-of:xn--mnchen-3ya.de');
    expect(lines).toContain('http://xn--mchen-kva.de/ tag=variant-of:xn--mnchen-3ya.de');
    expect(lines.every((l) => /^http:\/\/[a-z0-9.-]+\/ tag=variant-of:xn--mnchen-3ya\.de$/.test(l))).toBe(true);
  });

  it('prints a table by default', async () => {
    const r = await runCli(['variants', 'abc.com', '--fuzzers', 'transposition']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'domain   fuzzer',
      '-------  -------------',
      'acb.com  transposition',
      'bac.com  transposition',
    ]);
  });

  it('names the flag in a usage error and lists the known fuzzers', async () => {
    const r = await runCli(['variants', 'example.com', '--fuzzers', 'omission,typo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fuzzers: unknown "typo"; known: addition, bitsquatting');
    expect(r.stderr).toContain('vowel-swap');
    for (const args of [
      ['co.uk'],
      [],
      ['example.com', '--json', '--seeds'],
      ['example.com', '--fuzzers', 'omission', '--tld', 'x.txt'],
      ['example.com', '--dns-server', '127.0.0.1:53'],
    ]) {
      expect((await runCli(['variants', ...args])).code, args.join(' ')).toBe(2);
    }
  });
});
