// vucrawl variants: the look-alike domains of a brand that dnstwist would list (typos,
// homoglyphs, bit flips, ...), optionally only those that resolve, as a table, JSON or seed
// lines to crawl. Generation is seeds/variants.ts; the DNS check seeds/variant-dns.ts.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { DNS_DEFAULTS, registeredVariants } from '../../seeds/variant-dns.js';
import {
  dictionaryWords,
  domainVariants,
  type Fuzzer,
  FUZZERS,
  NotRegistrableError,
  tldList,
  type Variant,
} from '../../seeds/variants.js';
import { defineCommand, positionalsExactly, UsageError } from '../flags.js';
import { formatTable } from '../table.js';

/** The word-list flags, the fuzzer each feeds and how its file is read. */
const LISTS = {
  dictionary: { fuzzer: 'dictionary', read: dictionaryWords },
  tld: { fuzzer: 'tld-swap', read: tldList },
} as const satisfies Record<string, { fuzzer: Fuzzer; read: (text: string) => string[] }>;

type Row = Variant & Partial<Record<'a' | 'aaaa' | 'ns' | 'servfail', string[]>>;

/** Each output, given the rows and the input domain (ASCII). */
const OUTPUTS: Record<'table' | 'json' | 'seeds', (rows: Row[], domain: string) => string> = {
  table: (rows) =>
    formatTable(
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v]))),
    ),
  // One object a line inside the array: still one JSON document, and greppable.
  json: (rows) => (rows.length ? `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n` : '[]\n'),
  seeds: (rows, domain) => rows.map((r) => `http://${r.domain}/ tag=variant-of:${domain}\n`).join(''),
};

export const command = defineCommand(
  {
    name: 'variants',
    summary: "look-alike domains of a brand (dnstwist's fuzzers), as a table, JSON or seed lines",
    args: 'DOMAIN',
    description: [
      'The variants dnstwist generates for DOMAIN, fuzzer by fuzzer, with the same rules: each is',
      'listed once, under the first fuzzer (in the order below) that made it. The label of the',
      'registrable domain is fuzzed; subdomains and the public suffix stay. IDNs come out as xn--.',
      `Fuzzers: ${FUZZERS.slice(0, 8).join(', ')},`,
      `${FUZZERS.slice(8).join(', ')}.`,
    ].join('\n'),
    groups: [
      {
        title: 'Variants',
        flags: {
          fuzzers: { kind: 'string', value: 'LIST', help: 'only these fuzzers, comma-separated (default all)' },
          dictionary: {
            kind: 'string',
            value: 'FILE',
            help: 'words for the dictionary fuzzer, one a line (without it, it makes none)',
          },
          tld: {
            kind: 'string',
            value: 'FILE',
            help: 'public suffixes for the tld-swap fuzzer, one a line (without it, it makes none)',
          },
          registered: {
            kind: 'boolean',
            help: `only the variants that are registered: NS, A, AAAA or MX records, or SERVFAIL (${DNS_DEFAULTS.concurrency} names at a time, ${DNS_DEFAULTS.timeoutMs / 1000} s a query)`,
          },
          'dns-server': {
            kind: 'string',
            value: 'IP:PORT',
            help: "with --registered: the DNS server to ask (default: the system's)",
          },
          json: {
            kind: 'boolean',
            help: 'a JSON array of {"domain","fuzzer"} (with --registered, their records too) instead of a table',
          },
          seeds: { kind: 'boolean', help: 'seed-file lines to crawl: http://VARIANT/ tag=variant-of:DOMAIN' },
        },
      },
    ],
  },
  async ({ values: v, positionals, log }) => {
    const [domain] = positionalsExactly(positionals, 1, 'variants takes one domain name, e.g. example.com');
    if (v.json && v.seeds) throw new UsageError('--json and --seeds are two outputs: give one of them');
    if (v['dns-server'] !== undefined && !v.registered) throw new UsageError('--dns-server is for --registered');
    const server = dnsServer(v['dns-server']);
    const fuzzers = fuzzerList(v.fuzzers);
    const [dictionary, tlds] = await Promise.all(
      (['dictionary', 'tld'] as const).map((flag) => readList(flag, v[flag], fuzzers)),
    );
    let variants: Variant[];
    try {
      variants = domainVariants(domain!, { fuzzers, dictionary, tlds });
    } catch (e) {
      throw e instanceof NotRegistrableError ? new UsageError(e.message) : e;
    }
    let rows: Row[] = variants;
    if (v.registered) {
      log.info(`${variants.length} variants of ${domain}: asking DNS which are registered`);
      rows = await registeredVariants(variants, { dnsServer: server });
      log.info(`${rows.length} of ${variants.length} variants are registered`);
    }
    process.stdout.write(OUTPUTS[v.json ? 'json' : v.seeds ? 'seeds' : 'table'](rows, domainToASCII(domain!.trim())));
    return 0;
  },
);

/** --fuzzers a,b: known names only (undefined: all). */
function fuzzerList(raw: string | undefined): Fuzzer[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(FUZZERS as readonly string[]).includes(n));
  if (unknown.length || !names.length)
    throw new UsageError(
      `--fuzzers: ${unknown.length ? `unknown ${unknown.map((n) => `"${n}"`).join(', ')}` : 'none given'}; known: ${FUZZERS.join(', ')}`,
    );
  return names as Fuzzer[];
}

/** A word-list flag's file, read the way dnstwist reads it; like dnstwist, refused when --fuzzers leaves its fuzzer out. */
async function readList(
  flag: keyof typeof LISTS,
  file: string | undefined,
  fuzzers: Fuzzer[] | undefined,
): Promise<string[] | undefined> {
  if (file === undefined) return undefined;
  const { fuzzer, read } = LISTS[flag];
  if (fuzzers && !fuzzers.includes(fuzzer))
    throw new UsageError(`--${flag} feeds the ${fuzzer} fuzzer, which --fuzzers leaves out`);
  try {
    return read(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read ${file}: ${(e as Error).message}`);
  }
}

/** IP:PORT (an address: it is asked for names, it cannot be one). */
function dnsServer(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(raw);
  if (!m || !isIP(m[1] ?? m[2]!) || Number(m[3]) > 65535)
    throw new UsageError(`--dns-server needs IP:PORT (e.g. 127.0.0.1:53 or [::1]:53), got "${raw}"`);
  return raw;
}
