// A DevTools connection of the crawler's own to each browser, beside Playwright's. The
// recorder talks to every page over it: a page's whole network trace (an event per
// request, response, chunk and finish) and a body fetch per response would otherwise
// each cross Playwright's client and server layers (a validated protocol message and a
// captured stack trace per call), which cost the crawler a good part of its Node CPU.
// Playwright still launches the browser, owns its contexts and drives navigation.
//
// The browser listens on a loopback port the browser pool picks (--remote-debugging-port);
// DevTools refuses WebSocket connections that carry a web Origin, so a page cannot use
// it, and the egress policy keeps pages off loopback anyway.
import { createServer, type AddressInfo } from 'node:net';
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping.js';
import WebSocket from 'ws';
import { sleep } from '../runtime/timing.js';

type Commands = ProtocolMapping.Commands;
type Events = ProtocolMapping.Events;

/** One target's DevTools session, with the protocol's own types. */
export interface CdpSession {
  send<M extends keyof Commands>(method: M, ...params: Commands[M]['paramsType']): Promise<Commands[M]['returnType']>;
  on<E extends keyof Events>(event: E, listener: (payload: Events[E][0]) => void): void;
  detach(): Promise<void>;
}

interface Pending {
  method: string;
  sessionId?: string;
  resolve: (result: unknown) => void;
  reject: (e: Error) => void;
}

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
  sessionId?: string;
}

/** A free loopback port for the browser to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export class CdpConnection {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly sessions = new Map<string, Map<string, ((payload: never) => void)[]>>();
  private closedBecause?: string;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.onMessage(JSON.parse(String(data)) as Message));
    ws.on('close', () => this.fail('the browser closed its DevTools connection'));
    ws.on('error', (e) => this.fail(e.message));
  }

  /** Connects to the browser listening on this loopback port (it may take a moment to start listening). */
  static async open(port: number, timeoutMs = 10_000): Promise<CdpConnection> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
          webSocketDebuggerUrl: string;
        };
        const ws = new WebSocket(version.webSocketDebuggerUrl, {
          perMessageDeflate: false,
          maxPayload: 512 * 1024 * 1024,
        });
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
        return new CdpConnection(ws);
      } catch (e) {
        if (Date.now() > until)
          throw new Error(`cannot reach the browser's DevTools on 127.0.0.1:${port}: ${(e as Error).message}`);
        await sleep(50);
      }
    }
  }

  /** A session of our own on a target (a page), in flattened mode. */
  async attach(targetId: string): Promise<CdpSession> {
    const { sessionId } = (await this.call('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    return this.adopt(sessionId);
  }

  /** The browser's own session: browser-wide commands, and the targets it attaches automatically. */
  get browser(): CdpSession {
    return this.adopt('');
  }

  /** A session Chromium attached for us (Target.attachedToTarget of an automatic attach), in flattened mode. */
  adopt(sessionId: string): CdpSession {
    const listeners = this.sessions.get(sessionId) ?? new Map<string, ((payload: never) => void)[]>();
    this.sessions.set(sessionId, listeners);
    return {
      send: (method, ...params) => this.call(method, params[0], sessionId || undefined) as never,
      on: (event, listener) => {
        const list = listeners.get(event) ?? [];
        list.push(listener as (payload: never) => void);
        listeners.set(event, list);
      },
      detach: async () => {
        this.sessions.delete(sessionId);
        await this.call('Target.detachFromTarget', { sessionId }).catch(() => undefined); // the target is gone already: detached
      },
    };
  }

  close(): void {
    this.ws.close();
  }

  private call(method: string, params: unknown, sessionId?: string): Promise<unknown> {
    if (this.closedBecause) return Promise.reject(new Error(`Protocol error (${method}): ${this.closedBecause}`));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, sessionId, resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params: params ?? {}, sessionId }));
    });
  }

  private onMessage(m: Message): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(`Protocol error (${p.method}): ${m.error.message}`));
      else p.resolve(m.result);
      return;
    }
    if (m.method === 'Target.detachedFromTarget') this.detached((m.params as { sessionId: string }).sessionId);
    const listeners = this.sessions.get(m.sessionId ?? '')?.get(m.method!);
    if (listeners) for (const l of listeners) l(m.params as never);
  }

  /** A target went away (a page closed): what was asked of it will not be answered. */
  private detached(sessionId: string): void {
    this.sessions.delete(sessionId);
    for (const [id, p] of this.pending) {
      if (p.sessionId !== sessionId) continue;
      this.pending.delete(id);
      p.reject(new Error(`Protocol error (${p.method}): the target closed`));
    }
  }

  private fail(why: string): void {
    this.closedBecause ??= why;
    for (const p of this.pending.values()) p.reject(new Error(`Protocol error (${p.method}): ${why}`));
    this.pending.clear();
    this.sessions.clear();
  }
}
