// The egress policy against a hostile page, with real Chromium, all on loopback. The test
// internet is the "public" side, allowed with --allow-net 127.0.0.1/32; a listener on
// 127.0.0.2 (loopback, but outside the allowed range) stands for a private address and
// records every connection it gets. Every way a page can send the browser there must end
// with zero connections at that listener and none of its content in any output.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { extractEvents } from '../extractor/extract.js';
import { EGRESS_VECTORS, startTestInternet, type TestInternet } from '../internet/server.js';
import { startDnsServer, type TestDnsServer } from '../internet/dns-server.js';
import { captureFor, crawlSeeds } from './helpers/harness.js';

/** What the private listener would hand out: it must never appear anywhere. */
const SECRET = 'PRIVATE-LISTENER-SECRET-7f3a';

interface Listener {
  server: Server;
  connections: number;
  port: number;
}

async function listen(host: string, port = 0): Promise<Listener> {
  const l: Listener = { server: createServer(), connections: 0, port: 0 };
  const sockets = new Set<Socket>();
  l.server.on('connection', (s) => {
    l.connections++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    s.end(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: secret=${SECRET}\r\nContent-Length: ${SECRET.length + 30}\r\n\r\n<title>${SECRET}</title>${'.'.repeat(15)}`,
    );
  });
  await new Promise<void>((resolve) => l.server.listen(port, host, resolve));
  l.port = (l.server.address() as { port: number }).port;
  l.server.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  return l;
}

let net: TestInternet;
let privateSide: Listener;
let loopbackName: Listener;
let dns: TestDnsServer;

beforeAll(async () => {
  net = await startTestInternet();
  // Same port number as the test internet, on another loopback address: a host rule or a
  // DNS answer that swaps the address would land here.
  privateSide = await listen('127.0.0.2', net.httpPort);
  loopbackName = await listen('127.0.0.1');
  // rebind.test: the first answer is the allowed address, every later one the private one.
  dns = await startDnsServer((name, type, n) =>
    name === 'rebind.test' && type === 'A' ? [n === 0 ? '127.0.0.1' : '127.0.0.2'] : [],
  );
});
afterAll(async () => {
  await net?.close();
  for (const l of [privateSide, loopbackName]) await new Promise((r) => l?.server.close(r));
  await dns?.close();
});

/** Private names through the host rules, each IPv6 form that embeds 127.0.0.2 among them. */
const rules = () =>
  [
    'EXCLUDE rebind.test',
    `MAP private.test 127.0.0.2:${net.httpPort}`,
    `MAP mapped.test [::ffff:127.0.0.2]:${net.httpPort}`,
    `MAP compat.test [::7f00:2]:${net.httpPort}`,
    `MAP translated.test [::ffff:0:7f00:2]:${net.httpPort}`,
    `MAP nat64.test [64:ff9b::7f00:2]:${net.httpPort}`,
    `MAP sixtofour.test [2002:7f00:2::1]:${net.httpPort}`,
    net.hostResolverRules,
  ].join(',');

const egressOptions = () => ({
  allowPrivate: false,
  allowNets: ['127.0.0.1/32'],
  hostResolverRules: rules(),
  dnsServer: dns.address,
  settleMs: 800,
});

const page = (vector: string, to: string) => `http://www.egress.test/${vector}?to=${encodeURIComponent(to)}`;
const privateUrl = (vector: string) => `${vector === 'ws' ? 'ws' : 'http'}://private.test/secret`;

function expectNothingPrivate(captures: PageCapture[]): void {
  expect(privateSide.connections, 'connections at 127.0.0.2').toBe(0);
  expect(loopbackName.connections, 'connections by a loopback name').toBe(0);
  const outputs = JSON.stringify(captures) + JSON.stringify(captures.flatMap((c) => extractEvents(c)));
  expect(outputs).not.toContain(SECRET);
}

const blocked = (c: PageCapture, url: string) => c.requests.find((r) => r.url === url)?.failure?.blocked_reason;

describe('egress policy: every connection the browser makes is checked where it is made', () => {
  it('refuses each way a page sends the browser to a private address, and keeps the public page', async () => {
    const seeds = EGRESS_VECTORS.map((v) => page(v, privateUrl(v)));
    const { captures } = await crawlSeeds(net, seeds, egressOptions());
    expect(captures).toHaveLength(seeds.length);
    const reason = /^egress policy: private\.test maps to 127\.0\.0\.2, loopback \(127\.0\.0\.0\/8\)$/;
    // The document itself moved to the private address: the page is refused, with the reason.
    for (const v of ['redirect', 'meta', 'script'] as const) {
      const c = captureFor(captures, page(v, privateUrl(v)));
      expect(c.outcome, v).toBe('refused');
      expect(c.error, v).toMatch(reason);
      expect(c.final_url, v).toBe(privateUrl(v));
      expect(blocked(c, privateUrl(v)), v).toMatch(reason);
    }
    // A subresource or a frame: the page is fine, the request is recorded as blocked, with no response.
    for (const v of ['iframe', 'img', 'fetch', 'ws'] as const) {
      const c = captureFor(captures, page(v, privateUrl(v)));
      expect(c.outcome, v).toBe('ok');
      const r = c.requests.find((x) => x.url === privateUrl(v));
      expect(r?.failure?.blocked_reason, v).toMatch(reason);
      expect(r?.status, v).toBeUndefined();
      expect(r?.response_headers, v).toBeUndefined();
    }
    // The popup was asked for (and closed); it never connected.
    const open = captureFor(captures, page('open', privateUrl('open')));
    expect(open.navigations.some((n) => n.cause === 'window-open' && n.url === privateUrl('open'))).toBe(true);
    // Behind the proxy the capture still names the address the page really came from.
    const img = captureFor(captures, page('img', privateUrl('img')));
    expect(img.requests[0]).toMatchObject({ remote_ip: '127.0.0.1', remote_port: net.httpPort });
    expect(img.browser.proxied).toBe(false);
    expectNothingPrivate(captures);
  });

  it('refuses a redirect chain through a private hop, literal private addresses, IPv6 forms and a loopback name', async () => {
    const forms = [
      `http://127.0.0.2:${net.httpPort}/secret`,
      `http://[::ffff:127.0.0.2]:${net.httpPort}/`,
      'http://mapped.test/',
      'http://compat.test/',
      'http://translated.test/',
      'http://nat64.test/',
      'http://sixtofour.test/',
      `http://localhost.:${loopbackName.port}/`,
      `http://localhost:${loopbackName.port}/`,
    ];
    const chain = page(
      'redirect',
      `http://private.test/bounce?to=${encodeURIComponent('http://www.egress.test/landed')}`,
    );
    const { captures } = await crawlSeeds(net, [chain, ...forms.map((f) => page('img', f))], egressOptions());
    const c = captureFor(captures, chain);
    expect(c.outcome).toBe('refused');
    expect(c.requests.map((r) => r.url)).not.toContain('http://www.egress.test/landed');
    for (const f of forms) {
      const cap = captureFor(captures, page('img', f));
      const r = cap.requests.find((x) => x.resource_type === 'image');
      expect(r?.failure?.blocked_reason, f).toMatch(/^egress policy: /);
    }
    const reasons = captures.flatMap((x) => x.requests.map((r) => r.failure?.blocked_reason ?? '')).join('\n');
    for (const form of [
      'IPv4-mapped',
      'IPv4-compatible',
      'IPv4-translated',
      'NAT64',
      '6to4',
      'localhost. is a loopback name',
      'localhost is a loopback name',
    ])
      expect(reasons).toContain(form);
    expectNothingPrivate(captures);
  });

  it('refuses private seeds before any browser sees them', async () => {
    const { captures, summary } = await crawlSeeds(
      net,
      [`http://127.0.0.2:${net.httpPort}/`, 'http://private.test/', 'http://www.egress.test/'],
      egressOptions(),
    );
    expect(summary.refused).toBe(2);
    expect(captures.map((c) => [c.target.url, c.outcome])).toEqual([['http://www.egress.test/', 'ok']]);
    expectNothingPrivate(captures);
  });

  it('behind an upstream --proxy, checks target names and literal addresses; the upstream resolves the rest', async () => {
    const literal = `http://127.0.0.2:${net.httpPort}/secret`;
    const seeds = [page('img', literal), page('img', 'http://localhost./x')];
    const { captures } = await crawlSeeds(net, seeds, {
      allowPrivate: false,
      allowNets: [],
      proxy: net.proxyUrl,
      hostResolverRules: undefined,
      settleMs: 800,
    });
    const c = captureFor(captures, page('img', literal));
    expect(c.outcome).toBe('ok');
    expect(c.browser.proxied).toBe(true);
    // The page came through the upstream (its address is what the capture names, as before).
    expect(c.requests[0]).toMatchObject({ status: 200, remote_ip: '127.0.0.1', remote_port: net.httpPort });
    expect(blocked(c, literal)).toMatch(/^egress policy: 127\.0\.0\.2 is denied: loopback/);
    expect(blocked(captureFor(captures, page('img', 'http://localhost./x')), 'http://localhost./x')).toMatch(
      /^egress policy: localhost\. is a loopback name/,
    );
    expectNothingPrivate(captures);
  });

  it("asks an upstream --proxy for its tunnels with the virtual user's user agent, policy on (the egress proxy asks) or off (Chromium asks)", async () => {
    for (const policy of [
      { allowPrivate: false, allowNets: [], hostResolverRules: undefined },
      { allowPrivate: true },
    ]) {
      net.connects.length = 0;
      const { captures } = await crawlSeeds(net, ['https://www.egress.test/'], {
        ...policy,
        proxy: net.proxyUrl,
        profile: 'android',
        settleMs: 500,
      });
      expect(captures[0]!.outcome).toBe('ok');
      expect(net.connects.length).toBeGreaterThan(0);
      for (const c of net.connects) {
        const ua = c.headers[c.headers.findIndex((h) => h.toLowerCase() === 'user-agent') + 1];
        expect(ua).toBe(captures[0]!.profile.user_agent);
        expect(ua).not.toMatch(/headless/i);
      }
    }
  });

  it('never reaches a name that resolves to the allowed address when checked and to a private one when connected (DNS rebinding)', async () => {
    const before = dns.queries.length;
    const url = `http://rebind.test:${net.httpPort}/`;
    const { captures } = await crawlSeeds(net, [url], egressOptions());
    // The crawler checked the name (127.0.0.1, allowed); the proxy resolved it again to connect, got 127.0.0.2, and refused.
    expect(
      dns.queries.slice(before).filter((q) => q.name === 'rebind.test' && q.type === 'A').length,
    ).toBeGreaterThanOrEqual(2);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ outcome: 'refused' });
    expect(captures[0]!.error).toMatch(/^egress policy: rebind\.test resolves to 127\.0\.0\.2, loopback/);
    expectNothingPrivate(captures);
  });
});
