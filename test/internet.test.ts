// The test internet on its own, through plain node:http/https/tls clients: routing by
// Host, every seed, redirects, TLS (direct and through CONNECT), WebSocket, big and
// binary bodies, the request log, and a close() that leaves no handle behind.

import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allHosts,
  allScenarios,
  DOWNLOAD_SHA256,
  DOWNLOAD_URL,
  HUGE_BODY_BYTES,
  PNG_1x1,
  scenarioHosts,
  scenarioLoads,
  startTestInternet,
  TRACKER_IDS,
  type TestInternet,
} from '../internet/server.js';
import { acceptKey } from '../internet/websocket.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request, no keep-alive. `proxy`: absolute-form to the http port; otherwise origin-form with a Host header. */
function fetchVia(
  net: TestInternet,
  url: string,
  opts: { proxy?: boolean; method?: string; body?: string } = {},
): Promise<Reply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const common = { method: opts.method ?? 'GET', agent: false as const, headers: { host: u.host } };
    const onRes = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    };
    const req =
      u.protocol === 'https:'
        ? https.request(
            {
              ...common,
              host: '127.0.0.1',
              port: net.httpsPort,
              path: u.pathname + u.search,
              servername: u.hostname,
              rejectUnauthorized: false,
            },
            onRes,
          )
        : http.request(
            { ...common, host: '127.0.0.1', port: net.httpPort, path: opts.proxy ? url : u.pathname + u.search },
            onRes,
          );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Opens a CONNECT tunnel through the proxy port. */
function connectTunnel(net: TestInternet, authority: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: net.httpPort,
      method: 'CONNECT',
      path: authority,
      agent: false,
    });
    req.on('connect', (res: http.IncomingMessage, socket: Socket) => {
      if (res.statusCode === 200) resolve(socket);
      else reject(new Error(`CONNECT answered ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end();
  });
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** WebSocket handshake on a fresh connection (or on `socket`, e.g. a tunnel); resolves with the 101 response and the upgraded socket. */
function openWebSocket(
  net: TestInternet,
  host: string,
  path: string,
  socket?: Socket,
): Promise<{ res: http.IncomingMessage; socket: Socket; key: string }> {
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: net.httpPort,
      path,
      // createConnection is only honoured when no agent is given at all.
      ...(socket ? { createConnection: () => socket } : { agent: false as const }),
      headers: {
        host,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': key,
      },
    });
    req.on('upgrade', (res: http.IncomingMessage, s: Socket) => resolve({ res, socket: s, key }));
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

/** Sends one text message and resolves with the first text frame the server sends back. */
function exchange(socket: Socket, text: string): Promise<string> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (buf.length >= 2 && buf.length >= 2 + (buf[1]! & 0x7f))
        resolve(buf.subarray(2, 2 + (buf[1]! & 0x7f)).toString());
    });
    socket.write(maskedTextFrame(text));
  });
}

const title = (body: Buffer): string => /<title>([^<]*)<\/title>/.exec(body.toString())?.[1] ?? '';

describe('test internet', () => {
  let net: TestInternet;
  beforeAll(async () => {
    net = await startTestInternet();
  });
  afterAll(async () => {
    await net.close();
  });

  it('listens on loopback and describes itself', () => {
    expect(net.httpPort).toBeGreaterThan(0);
    expect(net.httpsPort).toBeGreaterThan(0);
    expect(net.proxyUrl).toBe(`http://127.0.0.1:${net.httpPort}`);
    expect(net.hostResolverRules).toBe(`MAP *:80 127.0.0.1:${net.httpPort},MAP *:443 127.0.0.1:${net.httpsPort}`);
    expect(net.seeds['redirect-chain']).toBe('http://start.redirect.test/');
    expect(Object.keys(net.seeds)).toHaveLength(allScenarios.length);
  });

  it('routes by Host header, directly and as a proxy', async () => {
    const a = await fetchVia(net, 'http://www.metarefresh.test/');
    const b = await fetchVia(net, 'http://www.jslocation.test/');
    expect(title(a.body)).toBe('Meta refresh');
    expect(title(b.body)).toBe('JS location');
    const viaProxy = await fetchVia(net, 'http://www.jslocation.test/', { proxy: true });
    expect(viaProxy.body.equals(b.body)).toBe(true);
    const unknownHost = await fetchVia(net, 'http://nowhere.test/');
    expect(unknownHost.status).toBe(404);
    expect(unknownHost.body.toString()).toContain('no host nowhere.test');
    const unknownPath = await fetchVia(net, 'http://www.jslocation.test/missing');
    expect(unknownPath.status).toBe(404);
  });

  it('answers every seed, with the status its scenario starts with', async () => {
    const firstStatus: Record<string, number> = {
      'redirect-chain': 301,
      shop: 302,
      'redirect-loop': 302,
      busy: 429,
      'cloak-by-header': 403 /* a client without Accept-Language is a bot to it */,
    };
    for (const s of allScenarios) {
      const r = await fetchVia(net, s.seed, { proxy: true, method: s.name === 'huge-body' ? 'HEAD' : 'GET' });
      expect(r.status, s.name).toBe(firstStatus[s.name] ?? 200);
    }
  });

  it('serves every request a scenario is documented to load', async () => {
    const hanging = new Set(['stall.neverloads.test', 'drip.neverloads.test']);
    for (const [name, loads] of Object.entries(scenarioLoads)) {
      for (const line of loads) {
        const [method, url] = line.split(' ') as [string, string];
        const host = new URL(url).hostname;
        expect(scenarioHosts[name], line).toContain(host);
        if (hanging.has(host) || host === 'ws.netapi.test') continue;
        const r = await fetchVia(net, url, { method, body: method === 'POST' ? '{}' : undefined });
        expect(r.status, line).toBeLessThan(400);
      }
    }
  });

  it('keeps every scenario on hosts of its own', () => {
    const seen = new Map<string, string>();
    for (const [name, hosts] of Object.entries(scenarioHosts)) {
      expect(hosts.length, name).toBeGreaterThan(0);
      for (const h of hosts) {
        // Reserved .test names, except the vendor hosts the tracker scenario must use.
        if (name !== 'trackers') expect(h.endsWith('.test'), h).toBe(true);
        expect(seen.get(h), `${h} in ${name}`).toBeUndefined();
        seen.set(h, name);
      }
    }
  });

  it('walks the redirect chain 301 -> 302 -> 303 -> 307 -> 308 -> 200', async () => {
    const statuses: number[] = [];
    const hosts: string[] = [];
    let url = net.seeds['redirect-chain']!;
    for (let i = 0; i < 10; i++) {
      const r = await fetchVia(net, url, { proxy: true });
      statuses.push(r.status);
      hosts.push(new URL(url).hostname);
      if (r.status === 200) break;
      url = r.headers.location!;
    }
    expect(statuses).toEqual([301, 302, 303, 307, 308, 200]);
    expect(new Set(hosts).size).toBe(6);
    expect(url).toBe('http://final.redirect.test/landing');
  });

  it('sends the shop through two redirects to https, and the loop on forever', async () => {
    const r1 = await fetchVia(net, net.seeds.shop!);
    const r2 = await fetchVia(net, r1.headers.location!);
    expect([r1.status, r2.status]).toEqual([302, 301]);
    expect(r2.headers.location).toBe('https://www.shop.test/');
    const shop = await fetchVia(net, r2.headers.location!);
    expect(shop.body.toString()).toContain('https://cdn.jquery-stats.test/jquery-3.7.1.min.js');

    let url = net.seeds['redirect-loop']!;
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetchVia(net, url);
      expect(r.status).toBe(302);
      url = r.headers.location!;
      seen.push(url);
    }
    expect(seen.slice(0, 3)).toEqual([
      'http://b.redirectloop.test/hop/1',
      'http://a.redirectloop.test/hop/2',
      'http://b.redirectloop.test/hop/3',
    ]);
    expect(new Set(seen).size).toBe(6);
  });

  it('serves TLS directly with a test-only certificate naming every host', async () => {
    const r = await fetchVia(net, 'https://secure.cookies.test/');
    expect(r.status).toBe(200);
    const cookies = r.headers['set-cookie'] ?? [];
    expect(cookies.join('\n')).toMatch(/secure_session=.*Secure.*HttpOnly.*SameSite=None.*Max-Age=7200/);
    const cert = new X509Certificate(readFileSync(new URL('../internet/tls/test-only-cert.pem', import.meta.url)));
    expect(cert.subject).toContain('TEST-ONLY');
    const san = new Set((cert.subjectAltName ?? '').split(', ').map((s) => s.replace(/^DNS:/, '')));
    for (const h of allHosts)
      expect(san.has(h), `certificate lacks ${h} (regenerate: internet/tls/make-cert.sh)`).toBe(true);
    expect(new Date(cert.validTo).getUTCFullYear()).toBeGreaterThan(2100);
  });

  it('tunnels https through CONNECT into the TLS server', async () => {
    const tunnel = await connectTunnel(net, 'www.trackers.test:443');
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = https.request(
        {
          host: 'www.trackers.test',
          path: '/',
          createConnection: () =>
            tls.connect({ socket: tunnel, servername: 'www.trackers.test', rejectUnauthorized: false }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toContain(`ga('create', '${TRACKER_IDS.universalAnalytics}', 'auto')`);
    const logged = net.requests.filter((q) => q.host === 'www.trackers.test' && q.scheme === 'https');
    expect(logged.length).toBeGreaterThan(0);
  });

  it('serves a GTM container that injects a GA4 id the page never names', async () => {
    const page = (await fetchVia(net, 'https://www.trackers.test/')).body.toString();
    const gtm = (await fetchVia(net, `https://www.googletagmanager.com/gtm.js?id=${TRACKER_IDS.gtm}`)).body.toString();
    expect(page).not.toContain(TRACKER_IDS.gtmInjectedGa4);
    expect(gtm).toContain(`tid=${TRACKER_IDS.gtmInjectedGa4}`);
    expect(page).toContain(`https://www.facebook.com/tr?id=${TRACKER_IDS.facebookPixel}`);
  });

  it('upgrades the websocket (101) and echoes a message, directly and through a CONNECT tunnel', async () => {
    const direct = await openWebSocket(net, 'ws.netapi.test', '/socket');
    expect(direct.res.statusCode).toBe(101);
    expect(direct.res.headers['sec-websocket-accept']).toBe(acceptKey(direct.key));
    expect(await exchange(direct.socket, 'hello from test')).toBe('echo: hello from test');
    direct.socket.destroy();

    const tunnel = await connectTunnel(net, 'ws.netapi.test:80');
    const viaTunnel = await openWebSocket(net, 'ws.netapi.test', '/socket', tunnel);
    expect(viaTunnel.res.statusCode).toBe(101);
    expect(viaTunnel.socket).toBe(tunnel);
    expect(await exchange(viaTunnel.socket, 'tunnelled')).toBe('echo: tunnelled');
    viaTunnel.socket.destroy();

    // A known acceptance vector from RFC 6455 section 1.3.
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('streams the 50 MiB body with the announced length', async () => {
    const { length, head, tail } = await new Promise<{ length: number; head: string; tail: string }>(
      (resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: net.httpPort, path: 'http://www.hugebody.test/', agent: false },
          (res) => {
            expect(Number(res.headers['content-length'])).toBe(HUGE_BODY_BYTES);
            let n = 0;
            let first = '';
            let last: Buffer = Buffer.alloc(0);
            res.on('data', (c: Buffer) => {
              if (n === 0) first = c.subarray(0, 15).toString();
              n += c.length;
              last = c;
            });
            res.on('end', () => resolve({ length: n, head: first, tail: last.subarray(-15).toString() }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(length).toBe(50 * 1024 * 1024);
    expect(head).toBe('<!doctype html>');
    expect(tail).toBe('</body></html>\n');
  });

  it('serves the download as an attachment with the exported hash, and binary assets', async () => {
    const r = await fetchVia(net, DOWNLOAD_URL);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(r.body.length).toBe(100 * 1024);
    expect(createHash('sha256').update(r.body).digest('hex')).toBe(DOWNLOAD_SHA256);

    const png = await fetchVia(net, 'http://www.frames-inner.test/pixel.png');
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.equals(PNG_1x1)).toBe(true);
    expect(PNG_1x1.subarray(1, 4).toString()).toBe('PNG');
    const font = await fetchVia(net, 'http://fonts.css.test/fancy.woff2');
    expect(font.headers['access-control-allow-origin']).toBe('*');
  });

  it('logs each request with host, path, method, scheme, headers, time and body', async () => {
    net.requests.length = 0;
    const before = Date.now();
    await fetchVia(net, 'https://gate.cardexfil.test/collect', { method: 'POST', body: '{"cardnumber":"4111"}' });
    await new Promise((r) => setTimeout(r, 20));
    expect(net.requests).toHaveLength(1);
    const q = net.requests[0]!;
    expect(q).toMatchObject({
      host: 'gate.cardexfil.test',
      path: '/collect',
      method: 'POST',
      scheme: 'https',
      url: 'https://gate.cardexfil.test/collect',
      body: '{"cardnumber":"4111"}',
    });
    expect(q.headers.host).toBe('gate.cardexfil.test');
    expect(q.at).toBeGreaterThanOrEqual(before);
  });

  it('answers CORS preflights for served routes', async () => {
    const r = await fetchVia(net, 'http://api.initiator-data.test/data.json', { method: 'OPTIONS' });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('builds an endless calendar', async () => {
    const nov = (await fetchVia(net, net.seeds['crawler-trap']!)).body.toString();
    expect(nov).toContain('href="/calendar/2026/10"');
    expect(nov).toContain('href="/calendar/2026/12"');
    expect(nov).toContain('href="/calendar/2026/11/30"');
    const dec = (await fetchVia(net, 'http://www.calendartrap.test/calendar/2026/12')).body.toString();
    expect(dec).toContain('href="/calendar/2027/01"');
    const day = (await fetchVia(net, 'http://www.calendartrap.test/calendar/2026/12/31')).body.toString();
    expect(day).toContain('href="/calendar/2027/01/01"');
    expect((await fetchVia(net, 'http://www.calendartrap.test/calendar/2026/13')).status).toBe(404);
  });
});

describe('test internet close()', () => {
  const count = (kind: string): number => process.getActiveResourcesInfo().filter((k) => k === kind).length;
  const closed = (s: Socket): Promise<void> =>
    new Promise((resolve) => {
      if (s.destroyed) resolve();
      else s.once('close', () => resolve());
    });

  it('closes keep-alive, hanging, dripping, websocket and tunnel sockets, leaving no handles', async () => {
    const kinds = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
    const baseline = Object.fromEntries(kinds.map((k) => [k, count(k)]));
    const net = await startTestInternet();
    const clients: Socket[] = [];

    // Keep-alive: a finished request on a pooled connection.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => {
      http.get(
        { host: '127.0.0.1', port: net.httpPort, path: '/', headers: { host: 'www.crawl.test' }, agent },
        (res) => {
          clients.push(res.socket);
          res.resume();
          res.on('end', () => resolve());
        },
      );
    });
    // A request that never gets headers, and one whose body drips forever.
    const hang = http.get({
      host: '127.0.0.1',
      port: net.httpPort,
      path: '/never.png',
      headers: { host: 'stall.neverloads.test' },
      agent: false,
    });
    hang.on('error', () => {
      /* expected: the server goes away */
    });
    hang.on('socket', (s) => clients.push(s));
    await new Promise<void>((resolve) => {
      const drip = http.get(
        {
          host: '127.0.0.1',
          port: net.httpPort,
          path: '/drip.js',
          headers: { host: 'drip.neverloads.test' },
          agent: false,
        },
        (res) => {
          clients.push(res.socket);
          res.on('error', () => {
            /* expected */
          });
          res.once('data', () => resolve());
        },
      );
      drip.on('error', () => {
        /* expected */
      });
    });
    const ws = await openWebSocket(net, 'ws.netapi.test', '/socket');
    clients.push(ws.socket);
    const tunnel = await connectTunnel(net, 'secure.cookies.test:443');
    clients.push(tunnel);
    for (const s of clients)
      s.on('error', () => {
        /* expected */
      });
    await new Promise((r) => setTimeout(r, 50));
    expect(net.requests.length).toBeGreaterThanOrEqual(4);

    await net.close();
    let timer: NodeJS.Timeout | undefined;
    const stillOpen = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('client sockets still open 5 s after close()'), 5000);
    });
    expect(await Promise.race([Promise.all(clients.map(closed)).then(() => 'all closed'), stillOpen])).toBe(
      'all closed',
    );
    clearTimeout(timer);
    agent.destroy();
    for (let i = 0; i < 2; i++) await new Promise<void>((r) => setImmediate(r));

    for (const k of kinds) expect(count(k), k).toBeLessThanOrEqual(baseline[k]!);
    await net.close(); // idempotent
  });
});
