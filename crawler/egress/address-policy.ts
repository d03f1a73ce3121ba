// Which addresses the browser may connect to. Every address the egress proxy is about to
// connect to passes here: by default nothing on the operator's own networks (loopback,
// private, link-local, cloud metadata) or in ranges that reach no public host; the
// operator widens that with --allow-private / --allow-net and narrows it with --deny-net.
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** A parsed range: its network address and prefix length, as ipaddr.js matches them. */
export type Cidr = [Address, number];

/** Denied unless the operator allows them (IANA special-purpose registries, RFC 6890). */
export const DENIED_RANGES: readonly { cidr: string; name: string }[] = [
  { cidr: '0.0.0.0/8', name: 'this network' },
  { cidr: '10.0.0.0/8', name: 'private' },
  { cidr: '100.64.0.0/10', name: 'CGNAT' },
  { cidr: '127.0.0.0/8', name: 'loopback' },
  { cidr: '169.254.0.0/16', name: 'link-local, cloud metadata' },
  { cidr: '172.16.0.0/12', name: 'private' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments' },
  { cidr: '192.0.2.0/24', name: 'documentation' },
  { cidr: '192.88.99.0/24', name: '6to4 relay' },
  { cidr: '192.168.0.0/16', name: 'private' },
  { cidr: '198.18.0.0/15', name: 'benchmarking' },
  { cidr: '198.51.100.0/24', name: 'documentation' },
  { cidr: '203.0.113.0/24', name: 'documentation' },
  { cidr: '224.0.0.0/4', name: 'multicast' },
  { cidr: '240.0.0.0/4', name: 'reserved' },
  // The two single addresses first: ::/96 holds them and would name them less precisely.
  { cidr: '::/128', name: 'unspecified' },
  { cidr: '::1/128', name: 'loopback' },
  { cidr: '::/96', name: 'IPv4-compatible (deprecated)' },
  { cidr: '64:ff9b:1::/48', name: 'local-use NAT64' },
  { cidr: '100::/64', name: 'discard' },
  { cidr: '2001::/23', name: 'IETF special-purpose' },
  { cidr: '2001:db8::/32', name: 'documentation' },
  { cidr: '3fff::/20', name: 'documentation' },
  { cidr: '5f00::/16', name: 'SRv6' },
  { cidr: 'fc00::/7', name: 'unique-local' },
  { cidr: 'fe80::/10', name: 'link-local' },
  { cidr: 'fec0::/10', name: 'site-local (deprecated)' },
  { cidr: 'ff00::/8', name: 'multicast' },
];

/** IPv6 forms that carry an IPv4 address, and the byte it starts at: they reach (or stand for) that IPv4 host. */
const EMBEDDING: readonly { cidr: string; name: string; at: number }[] = [
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped', at: 12 },
  { cidr: '::ffff:0:0:0/96', name: 'IPv4-translated', at: 12 },
  { cidr: '64:ff9b::/96', name: 'NAT64', at: 12 },
  { cidr: '2002::/16', name: '6to4', at: 2 },
];

/** A range as the operator wrote it (named in refusals) and as parsed: the CLI parses --allow-net and --deny-net once, into these. */
export interface NetRange {
  readonly text: string;
  readonly cidr: Cidr;
}

/** A range, parsed; or its text, from a caller that did not parse it (parsed once, by the policy). */
export type NetRangeInput = NetRange | string;

export interface AddressPolicyOptions {
  allowPrivate: boolean;
  allowNets: readonly NetRangeInput[];
  denyNets: readonly NetRangeInput[];
}

/** `a.b.c.d/n`, an IPv6 range, or one address (/32, /128). Only four-part decimal IPv4: "10/8" would silently mean 0.0.0.10/8. */
export function parseCidr(text: string): Cidr {
  const t = text.trim();
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(t) || ipaddr.IPv6.isValidCIDR(t)) return ipaddr.parseCIDR(t);
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return [ipaddr.IPv4.parse(t), 32];
  if (ipaddr.IPv6.isValid(t)) return [ipaddr.IPv6.parse(t), 128];
  throw new Error(
    `"${text}" is not a CIDR range: expected a.b.c.d/n (n up to 32), an IPv6 range (n up to 128) or a single address`,
  );
}

/** A range as written and parsed; throws as parseCidr does. */
export function parseNetRange(text: string): NetRange {
  return { text: text.trim(), cidr: parseCidr(text) };
}

const netRange = (n: NetRangeInput): NetRange => (typeof n === 'string' ? parseNetRange(n) : n);

/** `text` (bare or bracketed IPv6, any IPv4 form a URL accepts) parsed, or undefined when it is not an IP address. */
export function parseAddress(text: string): Address | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : undefined;
}

function inRange(ip: Address, range: Cidr): boolean {
  return ip.kind() === range[0].kind() && ip.match(range);
}

const denied = DENIED_RANGES.map((r) => ({ ...r, range: parseCidr(r.cidr) }));
const embedding = EMBEDDING.map((e) => ({ ...e, range: parseCidr(e.cidr) }));

/** The IPv4 address an IPv6 address carries, with the form's name. */
function embeddedIPv4(ip: Address): { form: string; ipv4: ipaddr.IPv4 } | undefined {
  const e = embedding.find((f) => inRange(ip, f.range));
  return e && { form: e.name, ipv4: new ipaddr.IPv4(ip.toByteArray().slice(e.at, e.at + 4)) };
}

/** Why the default table denies `ip`, or undefined. */
function defaultReason(ip: Address): string | undefined {
  const range = denied.find((r) => inRange(ip, r.range));
  if (range) return `${range.name} (${range.cidr})`;
  const inner = embeddedIPv4(ip);
  const innerReason = inner && defaultReason(inner.ipv4);
  return innerReason && `${inner.form} ${ip.toString()} embeds ${inner.ipv4.toString()}, ${innerReason}`;
}

export class AddressPolicy {
  readonly allowPrivate: boolean;
  private readonly allowNets: Cidr[];
  private readonly denyNets: NetRange[];

  constructor(o: AddressPolicyOptions) {
    this.allowPrivate = o.allowPrivate;
    this.allowNets = o.allowNets.map((n) => netRange(n).cidr);
    this.denyNets = o.denyNets.map(netRange);
  }

  /** True when nothing is denied: the crawler then needs no egress proxy. */
  get allowsEverything(): boolean {
    return this.allowPrivate && this.denyNets.length === 0;
  }

  /** Why a connection to `ip` is denied, or undefined when it is allowed. */
  check(ip: string): string | undefined {
    const addr = parseAddress(ip);
    if (!addr) return 'not an IP address';
    const inner = embeddedIPv4(addr);
    // A --deny-net also catches its hosts behind any IPv6 form that carries them (stricter
    // is safe); a --allow-net lifts only the IPv4-mapped form, which is the same host.
    const deny = this.denyNets.find(
      (n) => inRange(addr, n.cidr) || (inner !== undefined && inRange(inner.ipv4, n.cidr)),
    );
    if (deny) return `in --deny-net ${deny.text}`;
    const mapped = inner?.form === 'IPv4-mapped' ? inner.ipv4 : undefined;
    if (this.allowNets.some((n) => inRange(addr, n) || (mapped !== undefined && inRange(mapped, n)))) return undefined;
    if (this.allowPrivate) return undefined;
    return defaultReason(addr);
  }
}
