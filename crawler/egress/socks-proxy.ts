// The egress proxy: a SOCKS5 server (RFC 1928, CONNECT, no authentication) on loopback
// that Chromium is told to use, so that every connection the browser makes passes the
// egress gate. Chromium sends the name it wants; the gate resolves and checks it, and the
// proxy connects to exactly the address the gate checked (directly, or through the
// operator's upstream HTTP proxy). Chromium only ever sees the proxy, so the proxy
// remembers per host:port where it really connected and why it refused or failed.
// Each browser gets a listener of its own that knows its user agent: a tunnel through the
// upstream proxy is asked for the way that browser would ask (Proxy-Connection, User-Agent).
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { errorText } from '../../runtime/errors.js';
import { proxySettings } from '../upstream-proxy.js';
import type { EgressGate } from './egress-gate.js';

export interface EgressProxyOptions {
  gate: EgressGate;
  /** http://[user:pass@]host:port: connect through this proxy (its own address is the operator's choice, never checked). */
  upstream?: string;
  connectTimeoutMs?: number;
  log?: { warn(obj: object, msg: string): void; debug(obj: object, msg: string): void };
}

export interface EgressRecord {
  ip: string;
  port: number;
}

export interface EgressFailure {
  blocked: boolean;
  error: string;
  reason: string;
}

export interface EgressStats {
  /** Tunnels opened. */
  connections: number;
  /** Refused by the policy. */
  denied: number;
  /** Names not resolved, connections and upstream tunnels that failed. */
  failed: number;
}

/** A failure and the SOCKS reply code that tells the client. */
type Refusal = EgressFailure & { reply: number };

interface Upstream {
  host: string;
  port: number;
  /** The URL without credentials, for log lines. */
  server: string;
  authorization?: string;
}

const SOCKS_VERSION = 5;
const NO_AUTH = 0x00;
const NO_ACCEPTABLE_METHOD = 0xff;
const CONNECT = 0x01;

/** RFC 1928 reply codes. */
const REPLY = {
  succeeded: 0x00,
  generalFailure: 0x01,
  notAllowed: 0x02,
  networkUnreachable: 0x03,
  hostUnreachable: 0x04,
  refused: 0x05,
  timedOut: 0x06,
  commandNotSupported: 0x07,
  addressTypeNotSupported: 0x08,
} as const;

/** Node's connect error codes, as the Chromium error the browser would have seen and the SOCKS reply that says the same. */
const CONNECT_ERRORS: Record<string, { error: string; reply: number }> = {
  ECONNREFUSED: { error: 'net::ERR_CONNECTION_REFUSED', reply: REPLY.refused },
  ETIMEDOUT: { error: 'net::ERR_CONNECTION_TIMED_OUT', reply: REPLY.timedOut },
  EHOSTUNREACH: { error: 'net::ERR_ADDRESS_UNREACHABLE', reply: REPLY.hostUnreachable },
  ENETUNREACH: { error: 'net::ERR_ADDRESS_UNREACHABLE', reply: REPLY.networkUnreachable },
  ECONNRESET: { error: 'net::ERR_CONNECTION_RESET', reply: REPLY.generalFailure },
  ENOTFOUND: { error: 'net::ERR_NAME_NOT_RESOLVED', reply: REPLY.hostUnreachable },
  EAI_AGAIN: { error: 'net::ERR_NAME_NOT_RESOLVED', reply: REPLY.hostUnreachable },
};
const OTHER_ERROR = { error: 'net::ERR_FAILED', reply: REPLY.generalFailure };

/** How each SOCKS5 address type is read from byte `at` on; undefined while bytes are missing. */
const ADDRESS_TYPES: Record<number, (b: Buffer, at: number) => { host: string; end: number } | undefined> = {
  1: (b, at) => addressBytes(b, at, 4),
  3: (b, at) => {
    const end = at + 1 + (b[at] ?? 255);
    return b.length < end ? undefined : { host: b.toString('latin1', at + 1, end), end };
  },
  4: (b, at) => addressBytes(b, at, 16),
};

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const MAX_RESPONSE_HEAD = 16 * 1024;
const MAX_REMEMBERED = 10_000;

function addressBytes(b: Buffer, at: number, n: number): { host: string; end: number } | undefined {
  return b.length < at + n
    ? undefined
    : { host: ipaddr.fromByteArray([...b.subarray(at, at + n)]).toString(), end: at + n };
}

type Greeting = 'incomplete' | 'invalid' | { noAuth: boolean; size: number };
type Request = 'incomplete' | { reply: number } | { host: string; port: number; size: number };

function parseGreeting(b: Buffer): Greeting {
  if (b.length < 2) return 'incomplete';
  if (b[0] !== SOCKS_VERSION) return 'invalid';
  const size = 2 + b[1]!;
  return b.length < size ? 'incomplete' : { noAuth: b.subarray(2, size).includes(NO_AUTH), size };
}

function parseRequest(b: Buffer): Request {
  if (b.length < 4) return 'incomplete';
  if (b[0] !== SOCKS_VERSION) return { reply: REPLY.generalFailure };
  if (b[1] !== CONNECT) return { reply: REPLY.commandNotSupported };
  const read = ADDRESS_TYPES[b[3]!];
  if (!read) return { reply: REPLY.addressTypeNotSupported };
  const address = read(b, 4);
  if (!address || b.length < address.end + 2) return 'incomplete';
  return { host: address.host, port: b.readUInt16BE(address.end), size: address.end + 2 };
}

/** A reply with BND.ADDR 0.0.0.0:0: Chromium does not use it. */
function reply(code: number): Buffer {
  return Buffer.from([SOCKS_VERSION, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
}

/**
 * Answers the client's greeting and reads its request. Resolves with the CONNECT target,
 * or undefined once the client has been refused or has gone. TCP may split or coalesce
 * the messages: bytes after the request are put back, for the tunnel.
 */
function readRequest(client: net.Socket): Promise<{ host: string; port: number } | undefined> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let greeted = false;
    const done = (target?: { host: string; port: number }): void => {
      client.off('data', onData);
      client.off('close', onClose);
      resolve(target);
    };
    const refuse = (answer: Buffer): void => {
      client.end(answer);
      done();
    };
    const onClose = (): void => done();
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (!greeted) {
        const g = parseGreeting(buf);
        if (g === 'incomplete') return;
        if (g === 'invalid') return refuse(Buffer.alloc(0));
        if (!g.noAuth) return refuse(Buffer.from([SOCKS_VERSION, NO_ACCEPTABLE_METHOD]));
        client.write(Buffer.from([SOCKS_VERSION, NO_AUTH]));
        greeted = true;
        buf = buf.subarray(g.size);
      }
      const r = parseRequest(buf);
      if (r === 'incomplete') return;
      if ('reply' in r) return refuse(reply(r.reply));
      client.pause();
      if (buf.length > r.size) client.unshift(buf.subarray(r.size));
      done({ host: r.host, port: r.port });
    };
    client.on('data', onData);
    client.once('close', onClose);
  });
}

/** Settles when `socket` connects, or fails with its error (or with a plain one when it is destroyed first). */
function connected(socket: net.Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = (): void => reject(new Error('connection abandoned'));
    socket.once('error', reject);
    socket.once('close', onClose);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.off('close', onClose);
      resolve();
    });
  });
}

/** The upstream proxy's status code for our CONNECT; bytes after the response head are put back, for the tunnel. */
function responseStatus(socket: net.Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const settle = (e: Error | undefined, status = 0): void => {
      socket.off('data', onData);
      socket.off('error', settle);
      socket.off('close', onClose);
      if (e) reject(e);
      else resolve(status);
    };
    const onClose = (): void => settle(new Error('upstream proxy closed the connection before answering'));
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.subarray(0, MAX_RESPONSE_HEAD).indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length >= MAX_RESPONSE_HEAD)
          settle(new Error(`upstream proxy sent a response head over ${MAX_RESPONSE_HEAD} bytes`));
        return;
      }
      socket.pause();
      if (head.length > end + 4) socket.unshift(head.subarray(end + 4));
      const status = /^HTTP\/\d\.\d (\d{3})/.exec(head.toString('latin1', 0, end));
      settle(status ? undefined : new Error('upstream proxy sent no HTTP status line'), Number(status?.[1]));
    };
    socket.on('data', onData);
    socket.once('error', settle);
    socket.once('close', onClose);
  });
}

/** Each side's data to the other; when one side closes, the other is closed once it has written what it holds. */
function splice(a: net.Socket, b: net.Socket): void {
  a.pipe(b);
  b.pipe(a);
  a.once('close', () => b.destroySoon());
  b.once('close', () => a.destroySoon());
}

function refusal(e: unknown, error?: string, reason = errorText(e)): Refusal {
  const known = CONNECT_ERRORS[(e as NodeJS.ErrnoException).code ?? ''] ?? OTHER_ERROR;
  return { blocked: false, error: error ?? known.error, reason, reply: known.reply };
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`connect timed out after ${ms} ms`), { code: 'ETIMEDOUT' });
}

/** How the client named its target: lower case, without brackets, and the port it asked for (before any host rule). */
function keyOf(host: string, port: number): string {
  return `${port} ${host.toLowerCase().replace(/^\[(.*)\]$/, '$1')}`;
}

/** Sets `key`, dropping the oldest entry past the bound. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}

function parseUpstream(url: string): Upstream {
  const settings = proxySettings(url);
  const u = new URL(settings.server);
  if (u.protocol !== 'http:') throw new Error(`upstream proxy ${settings.server}: only http:// proxies can be chained`);
  const credentials = settings.username === undefined ? undefined : `${settings.username}:${settings.password ?? ''}`;
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(u.port || 80),
    server: settings.server,
    authorization: credentials && `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
}

export class EgressProxy {
  readonly url: string;
  readonly port: number;
  /** Listeners of their own by user agent (for an upstream proxy's CONNECT). */
  private readonly listeners = new Map<string, Promise<{ server: net.Server; port: number }>>();
  private readonly connected = new Map<string, EgressRecord>();
  private readonly failures = new Map<string, EgressFailure>();
  private readonly sockets = new Set<net.Socket>();
  private readonly counts: EgressStats = { connections: 0, denied: 0, failed: 0 };
  private readonly timeoutMs: number;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly o: EgressProxyOptions,
    private readonly server: net.Server,
    private readonly upstream: Upstream | undefined,
  ) {
    this.port = (server.address() as net.AddressInfo).port;
    this.url = `socks5://127.0.0.1:${this.port}`;
    this.timeoutMs = o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    server.on('connection', (client) => this.accept(client));
  }

  /** A proxy listening on 127.0.0.1 (a free port). */
  static async start(o: EgressProxyOptions): Promise<EgressProxy> {
    const upstream = o.upstream === undefined ? undefined : parseUpstream(o.upstream);
    return new EgressProxy(o, await listenOnLoopback(o), upstream);
  }

  /** The URL of a listener whose tunnels through the upstream proxy carry this user agent. */
  async as(userAgent: string): Promise<{ url: string; port: number }> {
    let l = this.listeners.get(userAgent);
    if (!l) {
      l = listenOnLoopback(this.o).then((server) => {
        server.on('connection', (client) => this.accept(client, userAgent));
        return { server, port: (server.address() as net.AddressInfo).port };
      });
      this.listeners.set(userAgent, l);
    }
    const { port } = await l;
    return { url: `socks5://127.0.0.1:${port}`, port };
  }

  /** Where the last tunnel for this host:port (as the browser named it) really went. */
  connectedTo(host: string, port: number): EgressRecord | undefined {
    return this.connected.get(keyOf(host, port));
  }

  /** Why the last connection to this host:port was refused or failed, unless one has succeeded since. */
  failure(host: string, port: number): EgressFailure | undefined {
    return this.failures.get(keyOf(host, port));
  }

  get stats(): EgressStats {
    return { ...this.counts };
  }

  /** Stops listening and destroys every open socket, both sides of every tunnel. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const servers = [
        this.server,
        ...(await Promise.all([...this.listeners.values()].map(async (l) => (await l).server))),
      ];
      const closed = Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
      for (const s of this.sockets) s.destroy();
      await closed;
    })();
    return this.closing;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    // Every error also closes the socket, and closing is handled where the socket is used.
    socket.on('error', (e) => this.o.log?.debug({ err: errorText(e) }, 'egress proxy: socket error'));
  }

  private accept(client: net.Socket, userAgent?: string): void {
    this.track(client);
    this.serve(client, userAgent).catch((e: unknown) => {
      this.o.log?.warn({ err: errorText(e) }, 'egress proxy: connection failed');
      client.destroy();
    });
  }

  private async serve(client: net.Socket, userAgent: string | undefined): Promise<void> {
    // A bound on the handshake only; the connect timeout bounds what follows.
    client.setTimeout(this.timeoutMs, () => client.destroy());
    const target = await readRequest(client);
    client.setTimeout(0);
    if (!target) return;
    const decision = await this.o.gate.decide(target.host, target.port);
    if (client.destroyed) return;
    if (!decision.allowed) {
      const { blocked, error, reason } = decision;
      return this.refuse(client, target, {
        blocked,
        error,
        reason,
        reply: blocked ? REPLY.notAllowed : REPLY.hostUnreachable,
      });
    }
    const opened = await this.open(decision.address, decision.port, client, userAgent);
    if (client.destroyed) {
      if ('socket' in opened) opened.socket.destroy();
      return;
    }
    if (!('socket' in opened)) return this.refuse(client, target, opened);
    const key = keyOf(target.host, target.port);
    remember(this.connected, key, opened.record);
    this.failures.delete(key);
    this.counts.connections++;
    client.write(reply(REPLY.succeeded));
    splice(client, opened.socket);
  }

  private refuse(client: net.Socket, target: { host: string; port: number }, r: Refusal): void {
    const { reply: code, ...failure } = r;
    const key = keyOf(target.host, target.port);
    remember(this.failures, key, failure);
    this.connected.delete(key);
    if (failure.blocked) this.counts.denied++;
    else this.counts.failed++;
    this.o.log?.debug({ ...target, ...failure }, failure.blocked ? 'egress denied' : 'egress failed');
    client.end(reply(code));
  }

  /** A socket to address:port (or a tunnel to it through the upstream proxy) within the connect timeout, or why not. */
  private async open(
    address: string,
    port: number,
    client: net.Socket,
    userAgent: string | undefined,
  ): Promise<{ socket: net.Socket; record: EgressRecord } | Refusal> {
    const via = this.upstream;
    const socket = net.connect({ host: via?.host ?? address, port: via?.port ?? port });
    this.track(socket);
    const timer = setTimeout(() => socket.destroy(timeoutError(this.timeoutMs)), this.timeoutMs);
    const abandon = (): void => void socket.destroy();
    client.once('close', abandon);
    try {
      try {
        await connected(socket);
      } catch (e) {
        return refusal(
          e,
          via && 'net::ERR_PROXY_CONNECTION_FAILED',
          via && `upstream proxy ${via.server}: ${errorText(e)}`,
        );
      }
      const record = { ip: socket.remoteAddress ?? address, port: socket.remotePort ?? port };
      if (!via) return { socket, record };
      const failure = await this.tunnel(socket, via, address, port, userAgent);
      return failure ?? { socket, record };
    } finally {
      clearTimeout(timer);
      client.off('close', abandon);
    }
  }

  /** Asks the upstream proxy for a tunnel to address:port (as Chromium asks, for a browser's listener); undefined once it is open. */
  private async tunnel(
    socket: net.Socket,
    via: Upstream,
    address: string,
    port: number,
    userAgent: string | undefined,
  ): Promise<Refusal | undefined> {
    const authority = `${address.includes(':') ? `[${address}]` : address}:${port}`;
    const browser = userAgent === undefined ? '' : `Proxy-Connection: keep-alive\r\nUser-Agent: ${userAgent}\r\n`;
    const auth = via.authorization === undefined ? '' : `Proxy-Authorization: ${via.authorization}\r\n`;
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${browser}${auth}\r\n`);
    let status: number;
    try {
      status = await responseStatus(socket);
    } catch (e) {
      socket.destroy();
      return refusal(e, 'net::ERR_TUNNEL_CONNECTION_FAILED');
    }
    if (status >= 200 && status < 300) return undefined;
    socket.destroy();
    // The operator's proxy refusing (407 above all) is theirs to fix, unlike a target failing.
    this.o.log?.warn(
      { upstream: via.server, target: authority, status },
      'egress proxy: the upstream proxy refused a tunnel',
    );
    return {
      blocked: false,
      error: 'net::ERR_TUNNEL_CONNECTION_FAILED',
      reason: `upstream proxy answered ${status}`,
      reply: REPLY.generalFailure,
    };
  }
}

async function listenOnLoopback(o: EgressProxyOptions): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => o.log?.warn({ err: errorText(e) }, 'egress proxy: server error'));
  return server;
}
