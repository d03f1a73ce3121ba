import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../../crawler/egress/address-policy.js';
import { EgressGate, type Lookup } from '../../crawler/egress/egress-gate.js';
import { parseHostRules } from '../../crawler/egress/host-rules.js';
import { EgressProxy, type EgressProxyOptions } from '../../crawler/egress/socks-proxy.js';
import { startDnsServer } from '../../internet/dns-server.js';

const STRICT = { allowPrivate: false, allowNets: [], denyNets: [] };
const ONLY_127_0_0_1 = { ...STRICT, allowNets: ['127.0.0.1/32'] };

function gate(
  policy: ConstructorParameters<typeof AddressPolicy>[0],
  o: Omit<ConstructorParameters<typeof EgressGate>[0], 'policy'> = {},
): EgressGate {
  return new EgressGate({ policy: new AddressPolicy(policy), ...o });
}

/** A lookup that answers from a table and counts its calls. */
function fakeLookup(table: Record<string, string[]>): Lookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (host: string) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

/** A TCP server that echoes, and how many connections it has had. */
async function startServer(
  host = '127.0.0.1',
  port = 0,
  onSocket = (s: net.Socket) => void s.pipe(s),
): Promise<{ port: number; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const s = await startServer();
  await s.close();
  return s.port;
}

/** A client socket with a buffered reader. */
function dial(port: number): { socket: net.Socket; read(n: number): Promise<Buffer>; closed: Promise<void> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let buf = Buffer.alloc(0);
  let wake = (): void => undefined;
  socket.on('data', (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    wake();
  });
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      wake();
      resolve();
    }),
  );
  socket.on('error', () => undefined);
  return {
    socket,
    closed,
    async read(n) {
      while (buf.length < n) {
        if (socket.destroyed) throw new Error(`closed after ${buf.length} of ${n} bytes`);
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const out = buf.subarray(0, n);
      buf = buf.subarray(n);
      return out;
    },
  };
}

const GREETING = Buffer.from([5, 1, 0]);

function request(host: string, port: number, cmd = 1): Buffer {
  const p = [port >> 8, port & 0xff];
  if (net.isIPv4(host)) return Buffer.from([5, cmd, 0, 1, ...host.split('.').map(Number), ...p]);
  if (host === '::1') return Buffer.from([5, cmd, 0, 4, ...Array(15).fill(0), 1, ...p]);
  return Buffer.concat([Buffer.from([5, cmd, 0, 3, host.length]), Buffer.from(host), Buffer.from(p)]);
}

/** SOCKS5 CONNECT through `proxy` with ATYP 3 (as Chromium sends every host), or 1/4 for `literal`; the reply code and the open client. */
async function socks(
  proxy: EgressProxy,
  host: string,
  port: number,
  o: { literal?: boolean } = {},
): Promise<{ code: number; conn: ReturnType<typeof dial> }> {
  const conn = dial(Number(new URL(proxy.url).port));
  conn.socket.write(GREETING);
  expect([...(await conn.read(2))]).toEqual([5, 0]);
  conn.socket.write(
    o.literal
      ? request(host, port)
      : Buffer.concat([
          Buffer.from([5, 1, 0, 3, host.length]),
          Buffer.from(host),
          Buffer.from([port >> 8, port & 0xff]),
        ]),
  );
  const reply = await conn.read(10);
  return { code: reply[1]!, conn };
}

async function roundTrip(conn: ReturnType<typeof dial>, text: string): Promise<string> {
  conn.socket.write(text);
  return (await conn.read(text.length)).toString();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('egress gate', () => {
  it('denies loopback names unless private addresses are allowed; --allow-net does not lift that', async () => {
    const lookup = fakeLookup({ localhost: ['127.0.0.1'], 'a.localhost': ['127.0.0.1'] });
    for (const host of ['localhost', 'LOCALHOST.', 'a.localhost', '[localhost]']) {
      expect(await gate({ ...STRICT, allowNets: ['127.0.0.0/8'] }, { lookup }).decide(host, 80)).toEqual({
        allowed: false,
        blocked: true,
        error: 'net::ERR_BLOCKED_BY_CLIENT',
        reason: `${host.toLowerCase()} is a loopback name`,
      });
    }
    expect(lookup.calls).toEqual([]);
    expect(await gate({ ...STRICT, allowPrivate: true }, { lookup }).decide('localhost.', 80)).toEqual({
      allowed: true,
      address: '127.0.0.1',
      port: 80,
    });
  });

  it('checks IP literals directly, bracketed or not', async () => {
    const g = gate(STRICT);
    expect(await g.decide('[::1]', 443)).toMatchObject({
      allowed: false,
      blocked: true,
      reason: '::1 is denied: loopback (::1/128)',
    });
    expect(await g.decide('169.254.169.254', 80)).toMatchObject({
      allowed: false,
      reason: '169.254.169.254 is denied: link-local, cloud metadata (169.254.0.0/16)',
    });
    expect(await g.decide('8.8.8.8', 53)).toEqual({ allowed: true, address: '8.8.8.8', port: 53 });
    expect(await g.decide('[2606:4700:4700::1111]', 443)).toEqual({
      allowed: true,
      address: '2606:4700:4700::1111',
      port: 443,
    });
  });

  it('applies host rules: to a literal, to a name, ~NOTFOUND, EXCLUDE', async () => {
    const lookup = fakeLookup({ 'origin.test': ['93.184.216.34'], 'rebind.test': ['127.0.0.2'] });
    const rules = parseHostRules(
      'EXCLUDE rebind.test,MAP private.test 127.0.0.2:41234,MAP gone.test ~NOTFOUND,MAP *.cdn.test origin.test:8443,MAP *:80 127.0.0.1:41234',
    );
    const g = gate(ONLY_127_0_0_1, { lookup, rules });
    expect(await g.decide('www.shop.test', 80)).toEqual({ allowed: true, address: '127.0.0.1', port: 41234 });
    expect(await g.decide('private.test', 80)).toMatchObject({
      allowed: false,
      blocked: true,
      reason: 'private.test maps to 127.0.0.2, loopback (127.0.0.0/8)',
    });
    expect(await g.decide('gone.test', 80)).toEqual({
      allowed: false,
      blocked: false,
      error: 'net::ERR_NAME_NOT_RESOLVED',
      reason: 'gone.test is mapped to ~NOTFOUND',
    });
    expect(await g.decide('img.cdn.test', 443)).toEqual({ allowed: true, address: '93.184.216.34', port: 8443 });
    expect(await g.decide('rebind.test', 80)).toMatchObject({
      allowed: false,
      blocked: true,
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      reason: 'rebind.test resolves to 127.0.0.2, loopback (127.0.0.0/8)',
    });
    expect(lookup.calls).toEqual(['origin.test', 'rebind.test']);
  });

  it('denies a name when any of its addresses is denied, and connects to the first otherwise', async () => {
    const lookup = fakeLookup({
      'mixed.test': ['93.184.216.34', '10.0.0.1'],
      'two.test': ['1.1.1.1', '2606:4700:4700::1111'],
    });
    const g = gate(STRICT, { lookup });
    expect(await g.decide('mixed.test', 80)).toMatchObject({
      allowed: false,
      reason: 'mixed.test resolves to 10.0.0.1, private (10.0.0.0/8)',
    });
    expect(await g.decide('two.test', 443)).toEqual({ allowed: true, address: '1.1.1.1', port: 443 });
  });

  it('reports names that do not resolve, and does not cache them', async () => {
    const empty: Lookup = async () => [];
    expect(await gate(STRICT, { lookup: empty }).decide('none.test', 80)).toEqual({
      allowed: false,
      blocked: false,
      error: 'net::ERR_NAME_NOT_RESOLVED',
      reason: 'none.test has no addresses',
    });
    const lookup = fakeLookup({});
    const g = gate(STRICT, { lookup });
    expect(await g.decide('nx.test.', 80)).toEqual({
      allowed: false,
      blocked: false,
      error: 'net::ERR_NAME_NOT_RESOLVED',
      reason: 'getaddrinfo ENOTFOUND nx.test',
    });
    await g.decide('nx.test', 80);
    expect(lookup.calls).toEqual(['nx.test', 'nx.test']);
  });

  it('caches decisions per host:port, and shares a lookup under way', async () => {
    const lookup = fakeLookup({ 'a.test': ['1.1.1.1'] });
    const g = gate(STRICT, { lookup });
    const first = await Promise.all([g.decide('a.test', 443), g.decide('A.TEST', 443), g.decide('a.test.', 443)]);
    expect(new Set(first.map((d) => JSON.stringify(d))).size).toBe(1);
    await g.decide('a.test', 443);
    expect(lookup.calls).toEqual(['a.test']);
    await g.decide('a.test', 80);
    expect(lookup.calls).toEqual(['a.test', 'a.test']);
    const uncached = fakeLookup({ 'a.test': ['1.1.1.1'] });
    const g0 = gate(STRICT, { lookup: uncached, cacheMs: 0 });
    await g0.decide('a.test', 443);
    await g0.decide('a.test', 443);
    expect(uncached.calls).toHaveLength(2);
  });

  it('refuses what is not a host name before DNS or an upstream sees it', async () => {
    const lookup = fakeLookup({});
    for (const upstreamProxy of [false, true]) {
      const g = gate(STRICT, { lookup, upstreamProxy });
      for (const host of ['evil.test:80 HTTP/1.1\r\nX-Injected: 1\r\n', 'a b.test', 'a..test', '']) {
        expect(await g.decide(host, 80)).toEqual({
          allowed: false,
          blocked: false,
          error: 'net::ERR_NAME_NOT_RESOLVED',
          reason: `${JSON.stringify(host)} is not a host name`,
        });
      }
    }
    expect(lookup.calls).toEqual([]);
  });

  it('behind an upstream proxy checks only names it can judge and literals, and ignores host rules', async () => {
    const lookup = fakeLookup({});
    const g = gate(STRICT, { lookup, upstreamProxy: true, rules: parseHostRules('MAP * ~NOTFOUND') });
    expect(await g.decide('www.shop.test.', 443)).toEqual({ allowed: true, address: 'www.shop.test', port: 443 });
    expect(await g.decide('10.0.0.1', 443)).toMatchObject({ allowed: false, blocked: true });
    expect(await g.decide('localhost', 443)).toMatchObject({ allowed: false, reason: 'localhost is a loopback name' });
    expect(lookup.calls).toEqual([]);
  });
});

describe('egress proxy', () => {
  let echo: Awaited<ReturnType<typeof startServer>>;
  const proxies: EgressProxy[] = [];
  const servers: { close(): Promise<void> }[] = [];

  async function proxy(o: EgressProxyOptions): Promise<EgressProxy> {
    const p = await EgressProxy.start(o);
    proxies.push(p);
    return p;
  }

  beforeAll(async () => {
    echo = await startServer();
    servers.push(echo);
  });

  afterAll(async () => {
    await Promise.all([...proxies.map((p) => p.close()), ...servers.map((s) => s.close())]);
  });

  it('listens on loopback and tunnels an allowed connection, remembering where it went', async () => {
    const p = await proxy({
      gate: gate(ONLY_127_0_0_1, { rules: parseHostRules(`MAP *.test 127.0.0.1:${echo.port}`) }),
    });
    expect(p.url).toMatch(/^socks5:\/\/127\.0\.0\.1:\d+$/);
    const literal = await socks(p, '127.0.0.1', echo.port);
    expect(literal.code).toBe(0);
    expect(await roundTrip(literal.conn, 'hello')).toBe('hello');
    expect(p.connectedTo('127.0.0.1', echo.port)).toEqual({ ip: '127.0.0.1', port: echo.port });

    const named = await socks(p, 'WWW.Shop.test', 80);
    expect(named.code).toBe(0);
    expect(await roundTrip(named.conn, 'x'.repeat(100_000))).toBe('x'.repeat(100_000));
    expect(p.connectedTo('www.shop.test', 80)).toEqual({ ip: '127.0.0.1', port: echo.port });
    expect(p.connectedTo('www.shop.test', 443)).toBeUndefined();

    const atyp1 = await socks(p, '127.0.0.1', echo.port, { literal: true });
    expect(atyp1.code).toBe(0);
    expect(p.stats).toEqual({ connections: 3, denied: 0, failed: 0 });
    for (const c of [literal, named, atyp1]) c.conn.socket.end();
    await Promise.all([literal.conn.closed, named.conn.closed, atyp1.conn.closed]);
  });

  it('refuses a denied target with reply 0x02 and says why', async () => {
    const p = await proxy({ gate: gate(STRICT) });
    const accepted = echo.accepted();
    const local = await socks(p, 'localhost', echo.port);
    expect(local.code).toBe(2);
    await local.conn.closed;
    expect(p.failure('LOCALHOST', echo.port)).toEqual({
      blocked: true,
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      reason: 'localhost is a loopback name',
    });
    expect((await socks(p, '127.0.0.1', echo.port)).code).toBe(2);
    expect(p.failure('127.0.0.1', echo.port)?.reason).toBe('127.0.0.1 is denied: loopback (127.0.0.0/8)');
    expect((await socks(p, '::1', echo.port, { literal: true })).code).toBe(2);
    expect(p.failure('[::1]', echo.port)?.reason).toBe('::1 is denied: loopback (::1/128)');
    expect(p.stats).toEqual({ connections: 0, denied: 3, failed: 0 });
    expect(echo.accepted()).toBe(accepted);
  });

  it('reports a refused port as 0x05 and net::ERR_CONNECTION_REFUSED; a success and a failure replace each other', async () => {
    const target = await startServer();
    const p = await proxy({ gate: gate(ONLY_127_0_0_1) });
    const ok = await socks(p, '127.0.0.1', target.port);
    expect(ok.code).toBe(0);
    expect(p.connectedTo('127.0.0.1', target.port)).toEqual({ ip: '127.0.0.1', port: target.port });
    await target.close();
    await ok.conn.closed;
    const refused = await socks(p, '127.0.0.1', target.port);
    expect(refused.code).toBe(5);
    expect(p.failure('127.0.0.1', target.port)).toMatchObject({
      blocked: false,
      error: 'net::ERR_CONNECTION_REFUSED',
      reason: expect.stringContaining('ECONNREFUSED'),
    });
    expect(p.connectedTo('127.0.0.1', target.port)).toBeUndefined();
    expect(p.stats).toEqual({ connections: 1, denied: 0, failed: 1 });
  });

  it('reads greeting and request split byte by byte, or coalesced with tunnel data', async () => {
    const p = await proxy({ gate: gate(ONLY_127_0_0_1) });
    const split = dial(Number(new URL(p.url).port));
    for (const byte of GREETING) {
      split.socket.write(Buffer.from([byte]));
      await sleep(5);
    }
    expect([...(await split.read(2))]).toEqual([5, 0]);
    for (const byte of request('127.0.0.1', echo.port)) {
      split.socket.write(Buffer.from([byte]));
      await sleep(5);
    }
    expect((await split.read(10))[1]).toBe(0);
    expect(await roundTrip(split, 'split')).toBe('split');

    const coalesced = dial(Number(new URL(p.url).port));
    coalesced.socket.write(Buffer.concat([GREETING, request('127.0.0.1', echo.port), Buffer.from('early')]));
    expect([...(await coalesced.read(12))].slice(0, 3)).toEqual([5, 0, 5]);
    expect((await coalesced.read(5)).toString()).toBe('early');
    split.socket.destroy();
    coalesced.socket.destroy();
  });

  it('answers only CONNECT without authentication', async () => {
    const p = await proxy({ gate: gate(ONLY_127_0_0_1) });
    const port = Number(new URL(p.url).port);
    const auth = dial(port);
    auth.socket.write(Buffer.from([5, 1, 2]));
    expect([...(await auth.read(2))]).toEqual([5, 0xff]);
    await auth.closed;
    const bind = dial(port);
    bind.socket.write(Buffer.concat([GREETING, request('127.0.0.1', echo.port, 2)]));
    expect((await bind.read(12))[3]).toBe(7);
    await bind.closed;
    const badType = dial(port);
    badType.socket.write(Buffer.concat([GREETING, Buffer.from([5, 1, 0, 9, 1, 2])]));
    expect((await badType.read(12))[3]).toBe(8);
    await badType.closed;
  });

  it('connects to the address it checked: DNS rebinding does not get through', async () => {
    const privateListener = await startServer('127.0.0.2', echo.port);
    servers.push(privateListener);
    let calls = 0;
    const lookup: Lookup = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
    const p = await proxy({ gate: gate(ONLY_127_0_0_1, { lookup, cacheMs: 0 }) });
    const first = await socks(p, 'rebind.test', echo.port);
    expect(first.code).toBe(0);
    expect(await roundTrip(first.conn, 'first')).toBe('first');
    expect(p.connectedTo('rebind.test', echo.port)).toEqual({ ip: '127.0.0.1', port: echo.port });
    for (let i = 0; i < 3; i++) expect((await socks(p, 'rebind.test', echo.port)).code).toBe(2);
    expect(p.failure('rebind.test', echo.port)).toEqual({
      blocked: true,
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      reason: 'rebind.test resolves to 127.0.0.2, loopback (127.0.0.0/8)',
    });
    expect(p.connectedTo('rebind.test', echo.port)).toBeUndefined();
    expect(calls).toBe(4);
    expect(privateListener.accepted()).toBe(0);
    first.conn.socket.destroy();
  });

  it('asks a DNS server for A and AAAA records and honours TTL 0', async () => {
    const dns = await startDnsServer((name, type, n) => {
      const table: Record<string, Record<string, string[]>> = {
        'ok.test': { A: ['127.0.0.1'], AAAA: [] },
        'flip.test': { A: [n === 0 ? '127.0.0.1' : '127.0.0.2'], AAAA: [] },
        'mixed.test': { A: ['127.0.0.1'], AAAA: ['::1'] },
      };
      return table[name]?.[type] ?? [];
    });
    servers.push(dns);
    const p = await proxy({ gate: gate(ONLY_127_0_0_1, { dnsServer: dns.address }) });
    const ok = await socks(p, 'ok.test', echo.port);
    expect(ok.code).toBe(0);
    expect(await roundTrip(ok.conn, 'dns')).toBe('dns');
    ok.conn.socket.destroy();
    expect(dns.queries).toEqual(
      expect.arrayContaining([
        { name: 'ok.test', type: 'A' },
        { name: 'ok.test', type: 'AAAA' },
      ]),
    );

    expect((await socks(p, 'flip.test', echo.port)).code).toBe(0);
    expect((await socks(p, 'flip.test', echo.port)).code).toBe(2);
    expect(p.failure('flip.test', echo.port)?.reason).toBe('flip.test resolves to 127.0.0.2, loopback (127.0.0.0/8)');

    expect((await socks(p, 'mixed.test', echo.port)).code).toBe(2);
    expect(p.failure('mixed.test', echo.port)?.reason).toBe('mixed.test resolves to ::1, loopback (::1/128)');

    expect((await socks(p, 'nx.test', echo.port)).code).toBe(4);
    expect(p.failure('nx.test', echo.port)).toMatchObject({
      blocked: false,
      error: 'net::ERR_NAME_NOT_RESOLVED',
      reason: expect.stringContaining('nx.test'),
    });
  });

  describe('through an upstream HTTP proxy', () => {
    /** A fake upstream: records each request head, answers `status` and, on 200, tunnels to the echo server. */
    async function upstream(status: number | 'silent'): Promise<{ port: number; heads: string[] }> {
      const heads: string[] = [];
      const server = await startServer('127.0.0.1', 0, (s) => {
        let head = '';
        s.on('data', function onData(chunk: Buffer) {
          head += chunk.toString('latin1');
          if (!head.includes('\r\n\r\n')) return;
          s.off('data', onData);
          heads.push(head);
          if (status === 'silent') return;
          if (status !== 200) return void s.end(`HTTP/1.1 ${status} Forbidden\r\n\r\n`);
          const target = net.connect(echo.port, '127.0.0.1', () => {
            s.write('HTTP/1.1 200 Connection established\r\n\r\nEARLY');
            s.pipe(target).pipe(s);
          });
          target.on('error', () => s.destroy());
          s.on('close', () => target.destroy());
        });
      });
      servers.push(server);
      return { port: server.port, heads };
    }

    const logged: object[] = [];
    const log = { warn: (o: object) => void logged.push(o), debug: (o: object) => void logged.push(o) };

    it('sends CONNECT with the name and the credentials, and tunnels after a 2xx', async () => {
      const up = await upstream(200);
      const p = await proxy({
        gate: gate(STRICT, { upstreamProxy: true }),
        upstream: `http://user:p%40ss@127.0.0.1:${up.port}`,
        log,
      });
      const { code, conn } = await socks(p, 'www.shop.test', 443);
      expect(code).toBe(0);
      expect((await conn.read(5)).toString()).toBe('EARLY');
      expect(await roundTrip(conn, 'through')).toBe('through');
      expect(up.heads[0]).toBe(
        `CONNECT www.shop.test:443 HTTP/1.1\r\nHost: www.shop.test:443\r\nProxy-Authorization: Basic ${Buffer.from('user:p@ss').toString('base64')}\r\n\r\n`,
      );
      expect(p.connectedTo('www.shop.test', 443)).toEqual({ ip: '127.0.0.1', port: up.port });
      conn.socket.destroy();

      expect((await socks(p, '10.0.0.1', 443)).code).toBe(2);
      expect((await socks(p, 'localhost', 443)).code).toBe(2);
      expect(up.heads).toHaveLength(1);
    });

    it("a browser's own listener asks for tunnels as Chromium does, with that browser's user agent", async () => {
      const up = await upstream(200);
      const p = await proxy({
        gate: gate(STRICT, { upstreamProxy: true }),
        upstream: `http://127.0.0.1:${up.port}`,
        log,
      });
      const ua =
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
      const listener = await p.as(ua);
      expect(await p.as(ua)).toEqual(listener);
      expect(listener.port).not.toBe(p.port);
      const conn = dial(listener.port);
      conn.socket.write(GREETING);
      expect([...(await conn.read(2))]).toEqual([5, 0]);
      conn.socket.write(
        Buffer.concat([Buffer.from([5, 1, 0, 3, 13]), Buffer.from('www.shop.test'), Buffer.from([1, 187])]),
      );
      expect((await conn.read(10))[1]).toBe(0);
      expect(up.heads[0]).toBe(
        `CONNECT www.shop.test:443 HTTP/1.1\r\nHost: www.shop.test:443\r\nProxy-Connection: keep-alive\r\nUser-Agent: ${ua}\r\n\r\n`,
      );
      conn.socket.destroy();
    });

    it('reports a refusal by the upstream as net::ERR_TUNNEL_CONNECTION_FAILED, and never logs credentials', async () => {
      const up = await upstream(403);
      const p = await proxy({
        gate: gate(STRICT, { upstreamProxy: true }),
        upstream: `http://user:secret@127.0.0.1:${up.port}`,
        log,
      });
      expect((await socks(p, 'www.shop.test', 443)).code).toBe(1);
      expect(p.failure('www.shop.test', 443)).toEqual({
        blocked: false,
        error: 'net::ERR_TUNNEL_CONNECTION_FAILED',
        reason: 'upstream proxy answered 403',
      });
      expect(up.heads[0]).toContain('Proxy-Authorization: Basic ');
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(logged)).not.toMatch(/secret|p@ss|p%40ss/);
    });

    it('bounds the wait for the upstream with the connect timeout (reply 0x06)', async () => {
      const up = await upstream('silent');
      const p = await proxy({
        gate: gate(STRICT, { upstreamProxy: true }),
        upstream: `http://127.0.0.1:${up.port}`,
        connectTimeoutMs: 200,
      });
      expect((await socks(p, 'slow.test', 80)).code).toBe(6);
      expect(p.failure('slow.test', 80)).toEqual({
        blocked: false,
        error: 'net::ERR_TUNNEL_CONNECTION_FAILED',
        reason: 'connect timed out after 200 ms',
      });
      expect(up.heads[0]).toMatch(/^CONNECT slow\.test:80 HTTP\/1\.1\r\nHost: slow\.test:80\r\n\r\n$/);
    });

    it('reports an unreachable upstream as net::ERR_PROXY_CONNECTION_FAILED', async () => {
      const port = await freePort();
      const p = await proxy({ gate: gate(STRICT, { upstreamProxy: true }), upstream: `http://127.0.0.1:${port}` });
      expect((await socks(p, 'www.shop.test', 443)).code).toBe(5);
      expect(p.failure('www.shop.test', 443)).toMatchObject({
        blocked: false,
        error: 'net::ERR_PROXY_CONNECTION_FAILED',
        reason: expect.stringContaining(`upstream proxy http://127.0.0.1:${port}: `),
      });
    });

    it('accepts only http:// upstreams', async () => {
      await expect(
        EgressProxy.start({ gate: gate(STRICT, { upstreamProxy: true }), upstream: 'socks5://127.0.0.1:1080' }),
      ).rejects.toThrow('only http:// proxies');
    });
  });

  it('close() ends every tunnel and leaves no handle behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    const p = await EgressProxy.start({ gate: gate(ONLY_127_0_0_1) });
    const a = await socks(p, '127.0.0.1', echo.port);
    const b = await socks(p, '127.0.0.1', echo.port);
    expect(await roundTrip(a.conn, 'a')).toBe('a');
    await Promise.all([p.close(), p.close()]);
    await Promise.all([a.conn.closed, b.conn.closed]);
    await sleep(20);
    // Sockets earlier tests left closing may be gone by now too.
    expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length).toBeLessThanOrEqual(before);
  });
});
