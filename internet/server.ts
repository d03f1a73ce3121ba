// The test internet: one Node process that plays every *.test host. Plain HTTP on one
// port (also an HTTP proxy: absolute-form requests and CONNECT), TLS on another, both
// routing on the Host header into the scenario tables. Bound to 127.0.0.1 only.

import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { allScenarios } from './scenarios/index.js';
import { corsHeaders, send } from './respond.js';
import type { Route, RouteRequest, Scenario, Scheme, ServedRequest } from './types.js';
import { upgradeToWebSocket } from './websocket.js';

export type { Handler, Route, RouteRequest, Scenario, ServedRequest } from './types.js';
export { allScenarios, demoSeeds, scenarioHosts, scenarioLoads, scenarioSeeds, allHosts } from './scenarios/index.js';
export { PNG_1x1, DOWNLOAD_BYTES, DOWNLOAD_SHA256, DOWNLOAD_FILENAME, HUGE_BODY_BYTES } from './assets.js';
export { DOWNLOAD_URL } from './scenarios/hostile-bodies.js';
export { TRACKER_IDS } from './scenarios/trackers.js';
export { SHOP_HOSTS } from './scenarios/shop.js';
export { DETECTION_REPORT_URL, DETECTION_URL } from './scenarios/bot-detection.js';
export { CLOAKING_KITS, type CloakingKit } from './scenarios/cloaking-kits.js';
export {
  CONTEXT_KITS,
  forgetVisitors,
  HONEST_VARYING,
  MOBILE_KIT_ELSEWHERE,
  setSwitchingKit,
  SWITCHING_KIT,
  type ContextKit,
} from './scenarios/cloaking-contexts.js';
export { EGRESS_VECTORS } from './scenarios/egress.js';
export {
  ACME_BANK,
  ACME_BANK_BLUE,
  ACME_BANK_DNS,
  acmeBankLogo,
  acmeBankRegistrations,
  setAcmeUnrelated,
} from './scenarios/brand-lookalikes.js';

export interface TestInternet {
  httpPort: number;
  httpsPort: number;
  /** Playwright/Chromium proxy URL for plain http (the server also accepts absolute-form proxy requests and CONNECT for https and ws). */
  proxyUrl: string;
  /** Value for Chromium's --host-resolver-rules that maps every *.test host to this server. */
  hostResolverRules: string;
  /** Start URL of every scenario by name. */
  seeds: Record<string, string>;
  /** Every request served, in arrival order (CONNECT itself is not logged, the requests inside the tunnel are). Clear with `requests.length = 0`. */
  requests: ServedRequest[];
  /** Every CONNECT asked of the proxy: the authority and the headers as sent, in order (what a proxy operator sees of a client). */
  connects: { authority: string; headers: string[] }[];
  close(): Promise<void>;
}

const MAX_LOGGED_BODY = 64 * 1024;

/** Routing table: exact host+path first, then the longest matching `prefix*` of that host. */
class Router {
  private exact = new Map<string, Route>();
  private prefixes = new Map<string, Route[]>();

  constructor(scenarios: Scenario[]) {
    const owner = new Map<string, string>();
    for (const s of scenarios) {
      for (const r of s.routes) {
        // Distinct hosts per scenario is what lets a test assert one scenario's exact traffic.
        const prev = owner.get(r.host);
        if (prev !== undefined && prev !== s.name)
          throw new Error(`host ${r.host} is used by scenarios ${prev} and ${s.name}`);
        owner.set(r.host, s.name);
        if (r.path.endsWith('*')) {
          const list = this.prefixes.get(r.host) ?? [];
          list.push(r);
          list.sort((a, b) => b.path.length - a.path.length);
          this.prefixes.set(r.host, list);
        } else {
          const key = `${r.host} ${r.path}`;
          if (this.exact.has(key)) throw new Error(`route ${key} defined twice`);
          this.exact.set(key, r);
        }
      }
    }
  }

  knowsHost(host: string): boolean {
    return this.prefixes.has(host) || [...this.exact.keys()].some((k) => k.startsWith(`${host} `));
  }

  find(host: string, path: string): Route | undefined {
    const hit = this.exact.get(`${host} ${path}`);
    if (hit) return hit;
    return this.prefixes.get(host)?.find((r) => path.startsWith(r.path.slice(0, -1)));
  }
}

/** Where a request is going: absolute-form (proxy) URL, or origin-form plus the Host header. */
function target(req: http.IncomingMessage, scheme: Scheme): URL | null {
  const raw = req.url ?? '/';
  try {
    if (/^https?:\/\//i.test(raw)) return new URL(raw);
    const host = req.headers.host;
    if (!host) return null;
    return new URL(`${scheme}://${host}${raw.startsWith('/') ? raw : `/${raw}`}`);
  } catch {
    return null;
  }
}

function routeRequest(req: http.IncomingMessage, url: URL, scheme: Scheme): RouteRequest {
  const clean = new URL(`${scheme}://${url.hostname.toLowerCase()}${url.pathname}${url.search}`);
  return { url: clean, host: clean.hostname, scheme, method: req.method ?? 'GET', headers: req.headers, raw: req };
}

function logRequest(log: ServedRequest[], rr: RouteRequest): ServedRequest {
  const entry: ServedRequest = {
    host: rr.host,
    path: rr.url.pathname + rr.url.search,
    method: rr.method,
    scheme: rr.scheme,
    headers: rr.headers,
    at: Date.now(),
    url: rr.url.href,
  };
  log.push(entry);
  return entry;
}

function tlsDir(): string {
  // From source (vitest) the files sit beside this module; from dist/ they stay in the source tree.
  const candidates = [
    fileURLToPath(new URL('./tls/', import.meta.url)),
    fileURLToPath(new URL('../../internet/tls/', import.meta.url)),
  ];
  for (const dir of candidates) if (existsSync(`${dir}test-only-cert.pem`)) return dir;
  throw new Error('test internet: TLS files not found (internet/tls/test-only-cert.pem)');
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startTestInternet(opts: { port?: number; httpsPort?: number } = {}): Promise<TestInternet> {
  const router = new Router(allScenarios);
  const requests: ServedRequest[] = [];
  const connects: TestInternet['connects'] = [];
  const sockets = new Set<Duplex>();
  const track = (s: Duplex): void => {
    if (sockets.has(s)) return;
    sockets.add(s);
    s.on('error', () => {
      /* resets from the browser are normal */
    });
    s.once('close', () => sockets.delete(s));
  };

  const onRequest =
    (scheme: Scheme) =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      const url = target(req, scheme);
      if (!url) {
        send(res, 400, 'text/plain', 'bad request target\n');
        return;
      }
      const rr = routeRequest(req, url, scheme);
      const entry = logRequest(requests, rr);
      if (rr.method !== 'GET' && rr.method !== 'HEAD') {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
          if (size < MAX_LOGGED_BODY) {
            chunks.push(c);
            size += c.length;
          }
        });
        req.on('end', () => {
          entry.body = Buffer.concat(chunks).subarray(0, MAX_LOGGED_BODY).toString('utf8');
        });
      }

      const route = router.find(rr.host, rr.url.pathname);
      if (!route) {
        const why = router.knowsHost(rr.host)
          ? `no page ${rr.url.pathname} on ${rr.host}`
          : `no host ${rr.host} in the test internet`;
        send(res, 404, 'text/plain; charset=utf-8', `404 ${why}\n`);
        return;
      }
      if (rr.method === 'OPTIONS') {
        // CORS preflight for any served route.
        res.writeHead(204, {
          ...corsHeaders(rr),
          'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      if (!route.handler) {
        send(res, 426, 'text/plain', 'websocket only\n', { Upgrade: 'websocket' });
        return;
      }
      try {
        route.handler(rr, res);
      } catch (err) {
        if (!res.headersSent) send(res, 500, 'text/plain', `handler error: ${String(err)}\n`);
        else res.destroy();
      }
    };

  const onUpgrade =
    (scheme: Scheme) =>
    (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
      track(socket);
      const url = target(req, scheme);
      if (!url) {
        socket.destroy();
        return;
      }
      const rr = routeRequest(req, url, scheme);
      logRequest(requests, rr);
      const route = router.find(rr.host, rr.url.pathname);
      if (!route?.websocket) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const ws = upgradeToWebSocket(req, socket, head);
      if (ws) route.websocket(ws, rr);
    };

  const tls = tlsDir();
  const httpServer = http.createServer(onRequest('http'));
  const httpsServer = https.createServer(
    { cert: readFileSync(`${tls}test-only-cert.pem`), key: readFileSync(`${tls}test-only-key.pem`) },
    onRequest('https'),
  );

  for (const server of [httpServer, httpsServer]) {
    server.on('connection', (s: Socket) => track(s));
    server.on('upgrade', onUpgrade(server === httpsServer ? 'https' : 'http'));
    server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  }
  httpsServer.on('secureConnection', (s: Duplex) => track(s));
  httpsServer.on('tlsClientError', () => {
    /* e.g. a client that gave up mid-handshake */
  });

  // Proxy CONNECT: answer 200, then hand the raw socket to the TLS server (port 443) or
  // back to the plain HTTP server (anything else, e.g. ws:// which Chromium tunnels too).
  httpServer.on('connect', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    track(socket);
    connects.push({ authority: req.url ?? '', headers: [...req.rawHeaders] });
    const port = Number((req.url ?? '').split(':').pop());
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    (port === 443 ? httpsServer : httpServer).emit('connection', socket);
  });

  const httpPort = await listen(httpServer, opts.port ?? 0);
  const httpsPort = await listen(httpsServer, opts.httpsPort ?? 0);

  const closeServer = (s: http.Server): Promise<void> => new Promise((resolve) => s.close(() => resolve()));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const servers = Promise.all([closeServer(httpServer), closeServer(httpsServer)]);
      // Keep-alive, hanging responses, websockets and tunnels: none of them ends on its own.
      const socketsClosed = [...sockets].map((s) => new Promise<void>((resolve) => s.once('close', () => resolve())));
      for (const s of sockets) s.destroy();
      await Promise.all([servers, ...socketsClosed]);
      // A server's 'close' event comes before libuv has released its listening handle; two
      // turns of the event loop later it is gone, so callers see no leftover handles.
      for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    })();
    return closing;
  };

  return {
    httpPort,
    httpsPort,
    proxyUrl: `http://127.0.0.1:${httpPort}`,
    hostResolverRules: `MAP *:80 127.0.0.1:${httpPort},MAP *:443 127.0.0.1:${httpsPort}`,
    seeds: Object.fromEntries(allScenarios.map((s) => [s.name, s.seed])),
    requests,
    connects,
    close,
  };
}
