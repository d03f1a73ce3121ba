// The egress decision for one host:port the browser asked for: where it really goes (host
// resolver rules, then DNS, resolved here and only here) and whether every address it
// resolves to passes the address policy. The caller connects to exactly the address
// decided, so a name cannot resolve to a public address for the check and a private one
// for the connection (DNS rebinding).
import { lookup as systemLookup, Resolver } from 'node:dns/promises';
import { errorText } from '../../runtime/errors.js';
import { type AddressPolicy, parseAddress } from './address-policy.js';
import { applyHostRules, type HostRule } from './host-rules.js';

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

export interface EgressGateOptions {
  policy: AddressPolicy;
  rules?: HostRule[];
  lookup?: Lookup;
  /** HOST:PORT of a DNS server to ask instead of the system resolver (answers are cached no longer than their TTL). */
  dnsServer?: string;
  /** An upstream HTTP proxy resolves names: only loopback names and IP literals can be checked here. */
  upstreamProxy?: boolean;
  cacheMs?: number;
}

export type EgressDecision =
  | { allowed: true; address: string; port: number }
  | { allowed: false; blocked: boolean; error: string; reason: string };

/** Addresses a name resolved to, and for how long they may be reused; or why it did not resolve. */
type Resolution = { addresses: string[]; ttlMs: number } | { error: string };

const BLOCKED = 'net::ERR_BLOCKED_BY_CLIENT';
const NOT_RESOLVED = 'net::ERR_NAME_NOT_RESOLVED';
const DEFAULT_CACHE_MS = 60_000;
const MAX_CACHED = 10_000;

const systemResolver: Lookup = (host) => systemLookup(host, { all: true });

/** Lower case, no brackets, no trailing dot: the form checks, rules and DNS see. */
function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** What a canonical URL host can be once it is not an IP literal; anything else (spaces, CR LF) never reaches DNS or an upstream's CONNECT line. */
const HOST_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;

/** Names every resolver answers with loopback (RFC 6761), whatever DNS says. */
function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost');
}

export class EgressGate {
  private readonly cache = new Map<string, { until: number; decision: EgressDecision }>();
  /** Decisions under way, so that the browser's parallel connections to one host share a lookup. */
  private readonly pending = new Map<string, Promise<EgressDecision>>();
  private readonly resolver: Resolver | undefined;

  constructor(private readonly o: EgressGateOptions) {
    if (o.dnsServer !== undefined) {
      this.resolver = new Resolver();
      this.resolver.setServers([o.dnsServer]);
    }
  }

  async decide(host: string, port: number): Promise<EgressDecision> {
    const name = normalizeHost(host);
    if (isLoopbackName(name) && !this.o.policy.allowPrivate) {
      return { allowed: false, blocked: true, error: BLOCKED, reason: `${host.toLowerCase()} is a loopback name` };
    }
    const literal = parseAddress(name);
    if (literal) return this.judge(undefined, [literal.toString()], port);
    if (!HOST_NAME.test(name))
      return {
        allowed: false,
        blocked: false,
        error: NOT_RESOLVED,
        reason: `${JSON.stringify(host)} is not a host name`,
      };
    // Behind an upstream proxy Chromium applies no host rules either: the upstream resolves.
    if (this.o.upstreamProxy) return { allowed: true, address: name, port };

    const key = `${port} ${name}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.decision;
    this.cache.delete(key);
    let p = this.pending.get(key);
    if (!p) {
      p = this.resolveAndJudge(name, port, key).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  private async resolveAndJudge(name: string, port: number, key: string): Promise<EgressDecision> {
    const mapped = applyHostRules(this.o.rules ?? [], name, port);
    if (mapped === 'not-found')
      return { allowed: false, blocked: false, error: NOT_RESOLVED, reason: `${name} is mapped to ~NOTFOUND` };
    const target = mapped ?? { host: name, port };
    const literal = parseAddress(target.host);
    if (literal) return this.judge(`${name} maps to`, [literal.toString()], target.port);

    const resolved = await this.resolve(target.host);
    if ('error' in resolved) return { allowed: false, blocked: false, error: NOT_RESOLVED, reason: resolved.error };
    const decision = this.judge(`${name} resolves to`, resolved.addresses, target.port);
    const ttlMs = Math.min(this.o.cacheMs ?? DEFAULT_CACHE_MS, resolved.ttlMs);
    if (ttlMs > 0) {
      this.cache.set(key, { until: Date.now() + ttlMs, decision });
      if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    }
    return decision;
  }

  /** Allowed (to the first address) only when every address passes the policy; `how` says where the addresses came from. */
  private judge(how: string | undefined, addresses: string[], port: number): EgressDecision {
    for (const address of addresses) {
      const reason = this.o.policy.check(address);
      if (reason === undefined) continue;
      return {
        allowed: false,
        blocked: true,
        error: BLOCKED,
        reason: how ? `${how} ${address}, ${reason}` : `${address} is denied: ${reason}`,
      };
    }
    return { allowed: true, address: addresses[0]!, port };
  }

  private async resolve(name: string): Promise<Resolution> {
    if (this.resolver) return this.askDnsServer(this.resolver, name);
    try {
      const answers = await (this.o.lookup ?? systemResolver)(name);
      if (answers.length === 0) return { error: `${name} has no addresses` };
      return { addresses: answers.map((a) => normalizeAddress(a.address)), ttlMs: Number.POSITIVE_INFINITY };
    } catch (e) {
      return { error: errorText(e) };
    }
  }

  /** A and AAAA records; either query may fail (a name with only one family), not both. */
  private async askDnsServer(resolver: Resolver, name: string): Promise<Resolution> {
    const answers = await Promise.allSettled([
      resolver.resolve4(name, { ttl: true }),
      resolver.resolve6(name, { ttl: true }),
    ]);
    const records = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
    if (records.length === 0) {
      const failure = answers.find((a) => a.status === 'rejected');
      return { error: failure ? errorText(failure.reason) : `${name} has no addresses` };
    }
    return {
      addresses: records.map((r) => normalizeAddress(r.address)),
      ttlMs: Math.min(...records.map((r) => r.ttl * 1000)),
    };
  }
}

/** The canonical form of an address a resolver returned: what is checked is byte for byte what is connected to. */
function normalizeAddress(address: string): string {
  return parseAddress(address)?.toString() ?? address;
}
