// Keeps seeds and followed links off the operator's own network: a target whose host is,
// or resolves to, a loopback, private, link-local, CGNAT or unspecified address is
// refused unless the operator allows it (--allow-private).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

const RESERVED_TLD = /\.(test|example|invalid)$/i;

export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a target may not be crawled, or undefined when it may. Names that do not resolve
 * here are let through: the browser (or its proxy) will resolve them, and the recorder
 * checks the address each document really came from.
 */
export async function privateTargetReason(url: string, resolve = lookup): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is loopback`;
  if (isIP(host)) return isPrivateAddress(host) ? `${host} is a private or loopback address` : undefined;
  // Reserved names (RFC 2606) never resolve in public DNS; asking would only wait for a timeout.
  if (RESERVED_TLD.test(host)) return undefined;
  let addrs: { address: string }[];
  try {
    addrs = await resolve(host, { all: true });
  } catch {
    return undefined;
  }
  const bad = addrs.find((a) => isPrivateAddress(a.address));
  return bad ? `${host} resolves to ${bad.address}, a private or loopback address` : undefined;
}

/** privateTargetReason, looked up once per host for the life of this guard (one crawl). */
export function cachedGuard(resolve = lookup): (url: string) => Promise<string | undefined> {
  const byHost = new Map<string, Promise<string | undefined>>();
  return (url) => {
    const host = new URL(url).host;
    let r = byHost.get(host);
    if (!r) byHost.set(host, (r = privateTargetReason(url, resolve)));
    return r;
  };
}
