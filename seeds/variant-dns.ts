// Which domain variants are registered, as dnstwist decides it: a name with NS, A, AAAA or
// MX records, or one its DNS server fails on (SERVFAIL: a delegation exists but is broken,
// which dnstwist also counts). NS is asked first and a name that does not exist (NXDOMAIN)
// is not asked further; a query with no answer in time says nothing. MX is asked last, as
// dnstwist does: a name that receives mail is a mail-phishing set-up (the impersonation
// verdict counts it). Names are checked a
// bounded number at a time, each one's queries one after another, so that no more queries
// than that are ever in flight at the server.
import { Resolver } from 'node:dns/promises';
import { withDefaults } from '../runtime/defaults.js';
import { withTimeout } from '../runtime/timing.js';
import type { Variant } from './variants.js';

export interface RegisteredOptions {
  /** Names checked at once. */
  concurrency: number;
  /** The bound on each query. */
  timeoutMs: number;
  /** IP:PORT of the DNS server to ask; without it, the system's (resolv.conf). */
  dnsServer?: string;
}

export const DNS_DEFAULTS: RegisteredOptions = { concurrency: 20, timeoutMs: 2000 };

/** In the order asked: NS first, MX last, as dnstwist does. */
const RECORD_TYPES = ['NS', 'A', 'AAAA', 'MX'] as const;
type RecordType = (typeof RECORD_TYPES)[number];

/** A name's records, as the registered ones carry them. */
export interface DnsRecords {
  ns: string[];
  a: string[];
  aaaa: string[];
  /** Mail exchangers, lower case, by preference (lowest first). */
  mx: string[];
  /** The record types the server answered SERVFAIL for. */
  servfail: RecordType[];
}

/** A name (a variant, or anything with a domain) that is registered, with its records. */
export type RegisteredVariant<V extends { domain: string } = Variant> = V & DnsRecords;

/** Records; or the name does not exist; or the server failed. No records, no answer in time and other errors are []. */
type Answer = string[] | 'nxdomain' | 'servfail';

/** The resolver's error codes that say something about the name (ENOTFOUND is NXDOMAIN). */
const FAILURES = new Map<string | undefined, Answer>([
  ['ENOTFOUND', 'nxdomain'],
  ['ESERVFAIL', 'servfail'],
]);

const QUERIES: Record<RecordType, (r: Resolver, name: string) => Promise<string[]>> = {
  NS: (r, name) => r.resolveNs(name),
  A: (r, name) => r.resolve4(name),
  AAAA: (r, name) => r.resolve6(name),
  MX: async (r, name) =>
    (await r.resolveMx(name))
      .sort((x, y) => x.priority - y.priority || x.exchange.localeCompare(y.exchange))
      .map((m) => m.exchange.toLowerCase()),
};

/** The registered ones of `variants`, in their order, with their records. */
export async function registeredVariants<V extends { domain: string }>(
  variants: readonly V[],
  options: Partial<RegisteredOptions> = {},
): Promise<RegisteredVariant<V>[]> {
  const o = withDefaults(DNS_DEFAULTS, options);
  // One try: the bound is the caller's, not c-ares' retries with growing timeouts.
  const resolver = new Resolver({ timeout: o.timeoutMs, tries: 1 });
  if (o.dnsServer !== undefined) resolver.setServers([o.dnsServer]);
  const found: (RegisteredVariant<V> | undefined)[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < variants.length; i = next++) found[i] = await lookUp(resolver, variants[i]!, o.timeoutMs);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, variants.length)) }, worker));
  } finally {
    // Queries given up on by the bound may still be pending in c-ares.
    resolver.cancel();
  }
  return found.filter((v): v is RegisteredVariant<V> => v !== undefined);
}

async function lookUp<V extends { domain: string }>(
  resolver: Resolver,
  v: V,
  timeoutMs: number,
): Promise<RegisteredVariant<V> | undefined> {
  const ns = await ask(resolver, 'NS', v.domain, timeoutMs);
  if (ns === 'nxdomain') return undefined;
  const answers: Record<RecordType, Answer> = {
    NS: ns,
    A: await ask(resolver, 'A', v.domain, timeoutMs),
    AAAA: await ask(resolver, 'AAAA', v.domain, timeoutMs),
    MX: await ask(resolver, 'MX', v.domain, timeoutMs),
  };
  const records = (t: RecordType): string[] => (Array.isArray(answers[t]) ? (answers[t] as string[]) : []);
  const r: RegisteredVariant<V> = {
    ...v,
    ns: records('NS'),
    a: records('A'),
    aaaa: records('AAAA'),
    mx: records('MX'),
    servfail: RECORD_TYPES.filter((t) => answers[t] === 'servfail'),
  };
  return r.ns.length + r.a.length + r.aaaa.length + r.mx.length + r.servfail.length > 0 ? r : undefined;
}

async function ask(resolver: Resolver, type: RecordType, name: string, timeoutMs: number): Promise<Answer> {
  try {
    return await withTimeout(QUERIES[type](resolver, name), timeoutMs);
  } catch (e) {
    return FAILURES.get((e as { code?: string }).code) ?? [];
  }
}
