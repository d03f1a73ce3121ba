// Records what the browser did for one page from the DevTools protocol (one session per
// Playwright page, reused across visits): every request and redirect hop with its
// initiator, frame, response, remote address, TLS details and body hash; every frame and
// every navigation with its cause; console errors; the signals the visit needs to know
// when the page has settled or must be abandoned. Every URL is recorded without
// credentials (user:password@).
//
// Bodies: documents are paused at the response stage (Fetch domain) and hashed before
// they can be replaced by a client-side redirect, when their Content-Length is known and
// within maxBodyBytes; every other body is fetched when it finished loading, if the bytes
// received stayed within maxBodyBytes. Bodies over the cap are recorded with their size.
import { createHash } from 'node:crypto';
import type { Protocol } from 'devtools-protocol';
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping.js';
import type { CdpSession } from './cdp-connection.js';
import type {
  CapturedFrame,
  CapturedInitiator,
  CapturedNavigation,
  CapturedRequest,
  CapturedScript,
  CapturedTls,
} from '../capture/capture.js';
import { defaultPort, withoutCredentials } from '../capture/url.js';
import { CHROMIUM_NAVIGATION_REASONS, type NavigationCause } from '../capture/vocabulary.js';
import { errorText } from '../runtime/errors.js';
import { settledWithin } from '../runtime/timing.js';
import type { EgressLog } from './egress/egress.js';
import type { CrawlOptions } from './options.js';

type Events = ProtocolMapping.Events;

const RECORDED_SCHEMES = /^(https?|wss?):/;
/** What the browser reports for any refusal of the egress proxy. */
const SOCKS_FAILED = 'net::ERR_SOCKS_CONNECTION_FAILED';
/** Prefix of blocked_reason for a request the egress policy refused. */
export const EGRESS_BLOCK = 'egress policy';

export interface VisitRecord {
  requests: CapturedRequest[];
  frames: CapturedFrame[];
  navigations: CapturedNavigation[];
  console: { level: string; text: string; url?: string; at: number }[];
  mainFrameId?: string;
  /** Document status of the main frame's last committed document. */
  mainStatus?: number;
  domContentLoadedMs?: number;
  loadMs?: number;
  /** Raw Set-Cookie header lines with the URL of the response that carried them. */
  setCookies: { url: string; line: string }[];
  scripts: CapturedScript[];
  limitsHit: string[];
  /** Why the visit must stop now (a bound was hit or the target is refused). */
  abandonReason?: string;
}

export class PageRecorder {
  private rec!: VisitRecord;
  private t0 = 0;
  private active = false;
  /** requestId -> the entry of its current hop. */
  private current = new Map<string, CapturedRequest>();
  private hops = new Map<string, number>();
  /** Raw response headers that came before their request did (Chromium does not order them). */
  private readonly earlyExtra = new Map<string, Record<string, string>>();
  /** Request headers as sent on the wire (Accept-Language and client hints are added below the page) that came before their request. */
  private readonly earlyWire = new Map<string, Record<string, string>>();
  private frames = new Map<string, CapturedFrame>();
  /** frameId -> default execution context id (for reading each frame's DOM). */
  readonly contexts = new Map<string, number>();
  private pendingBodies: Promise<void>[] = [];
  private scriptBytes = 0;
  /** Leaf-certificate SHA-256 per https origin (certificates outlive visits). */
  private readonly certs = new Map<string, Promise<string | undefined>>();
  /** The page's main frame id; it stays the same across the visits of a reused page. */
  private mainFrame?: string;
  private inflight = new Set<string>();
  private lastActivity = 0;
  private mainRedirects = 0;
  private mainClientNavigations = 0;
  /** Set while a client-side navigation of the main frame (meta refresh, script, ...) is under way. */
  mainNavigationPending = false;
  private abandonWaiters: (() => void)[] = [];

  /** @param egress where connections really went, when the browser is behind the egress proxy (it then sees only the proxy) */
  private constructor(
    readonly cdp: CdpSession,
    private readonly opts: CrawlOptions,
    private readonly egress?: EgressLog,
  ) {}

  static async attach(cdp: CdpSession, opts: CrawlOptions, egress?: EgressLog): Promise<PageRecorder> {
    const r = new PageRecorder(cdp, opts, egress);
    r.listen();
    const tree = await cdp.send('Page.getFrameTree');
    r.mainFrame = tree.frameTree.frame.id;
    await Promise.all([
      cdp.send('Network.enable', { maxPostDataSize: 0 }),
      cdp.send('Page.enable'),
      cdp.send('Runtime.enable'),
      cdp.send('Fetch.enable', { patterns: [{ resourceType: 'Document', requestStage: 'Response' }] }),
    ]);
    return r;
  }

  /** The URL a frame shows now. */
  frameUrl(frameId: string): string | undefined {
    return this.frames.get(frameId)?.url;
  }

  /** Frames seen in this visit, main frame first. */
  frameIds(): string[] {
    const ids = [...this.frames.keys()];
    return ids.sort((a, b) => Number(b === this.rec.mainFrameId) - Number(a === this.rec.mainFrameId));
  }

  /** Starts recording a visit; the crawler's own top-level navigation is its first entry. */
  begin(url: string, cause: NavigationCause): void {
    this.rec = {
      requests: [],
      frames: [],
      navigations: [],
      console: [],
      setCookies: [],
      scripts: [],
      limitsHit: [],
      mainFrameId: this.mainFrame,
    };
    this.scriptBytes = 0;
    this.current.clear();
    this.earlyExtra.clear();
    this.earlyWire.clear();
    this.hops.clear();
    this.frames.clear();
    this.pendingBodies = [];
    this.inflight.clear();
    this.mainRedirects = 0;
    this.mainClientNavigations = 0;
    this.abandonWaiters = [];
    this.t0 = Date.now();
    this.lastActivity = this.t0;
    this.active = true;
    this.mainNavigationPending = false;
    this.rec.navigations.push({ url, cause, at: 0 });
  }

  /** ms since the visit began. */
  now(): number {
    return Date.now() - this.t0;
  }

  /** The default execution context of the main frame's document (where its timer book is read). */
  mainContext(): number | undefined {
    return this.rec.mainFrameId === undefined ? undefined : this.contexts.get(this.rec.mainFrameId);
  }

  /** When the main frame's latest document fired `load` (epoch ms). */
  loadedAt(): number | undefined {
    return this.rec.loadMs === undefined ? undefined : this.t0 + this.rec.loadMs;
  }

  /** Requests in flight (websockets excluded) and ms since the network last did something. */
  idleFor(): number {
    return this.inflight.size > 0 ? 0 : Date.now() - this.lastActivity;
  }

  get abandonReason(): string | undefined {
    return this.rec?.abandonReason;
  }

  /** Resolves when a bound says the visit must stop. */
  abandoned(): Promise<void> {
    if (this.rec.abandonReason) return Promise.resolve();
    return new Promise((resolve) => this.abandonWaiters.push(resolve));
  }

  abandon(reason: string): void {
    if (this.rec.abandonReason) return;
    this.rec.abandonReason = reason;
    this.limit(reason);
    for (const w of this.abandonWaiters.splice(0)) w();
  }

  limit(name: string): void {
    if (!this.rec.limitsHit.includes(name)) this.rec.limitsHit.push(name);
  }

  /** Stops recording; waits (bounded) for body hashes already under way. */
  async end(bodyWaitMs: number): Promise<VisitRecord> {
    await settledWithin(this.pendingBodies, bodyWaitMs);
    this.active = false;
    // Say why a body that should have been hashed was not (e.g. a fetch the page never read:
    // Chromium does not finish loading it, so its bytes never reach the DevTools protocol).
    for (const r of this.rec.requests) {
      if (r.status === undefined) this.egressFailure(r);
      if (needsBody(r) && !r.failure && !r.body?.sha256 && !r.body?.error && !r.body?.over_cap) {
        r.body = {
          size: r.body?.size ?? 0,
          error: 'unfinished: the response had not finished loading when the capture ended',
        };
      }
    }
    this.rec.frames = [...this.frames.values()];
    return this.rec;
  }

  /**
   * Typed by the Chrome team's protocol definitions; events between visits are ignored, and
   * a handler's error is kept in the capture instead of escaping.
   */
  private during(session: CdpSession): <E extends keyof Events>(event: E, fn: (e: Events[E][0]) => void) => void {
    return (event, fn) =>
      session.on(event, (e) => {
        if (!this.active) return;
        try {
          fn(e);
        } catch (err) {
          this.rec.console.push({ level: 'recorder', text: `${event}: ${(err as Error).message}`, at: this.now() });
        }
      });
  }

  /**
   * Records a worker's own requests with the page's (a worker's fetches are on its own
   * DevTools session, not the page's, and so is the response to the page's request for the
   * worker's script; request ids are the browser's, one space for every session). A
   * request the worker's session names no initiator for was asked for by the worker's script.
   */
  async recordWorker(session: CdpSession, workerUrl: string): Promise<void> {
    this.listenNetwork(session, withoutCredentials(workerUrl));
    await session.send('Network.enable', { maxPostDataSize: 0 });
  }

  private listen(): void {
    const always = <E extends keyof Events>(event: E, fn: (e: Events[E][0]) => void) => this.cdp.on(event, fn);
    const on = this.during(this.cdp);
    this.listenNetwork(this.cdp);
    on('Fetch.requestPaused', (e) => void this.onDocumentResponse(e));
    on('Page.frameAttached', (e) => {
      if (!this.frames.has(e.frameId))
        this.frames.set(e.frameId, { id: e.frameId, parent_id: e.parentFrameId, url: 'about:blank' });
    });
    on('Page.frameNavigated', (e) => this.onFrameNavigated(e.frame));
    on('Page.frameRequestedNavigation', (e) =>
      this.onRequestedNavigation(e.frameId, withoutCredentials(e.url), e.reason, e.disposition),
    );
    on('Page.windowOpen', (e) => {
      this.rec.navigations.push({
        url: withoutCredentials(e.url),
        cause: 'window-open',
        from_url: this.mainUrl(),
        at: this.now(),
      });
    });
    on('Page.frameStoppedLoading', (e) => {
      if (e.frameId === this.rec.mainFrameId) this.mainNavigationPending = false;
    });
    on('Page.domContentEventFired', () => {
      this.rec.domContentLoadedMs ??= this.now();
    });
    on('Page.loadEventFired', () => {
      this.rec.loadMs = this.now();
      this.mainNavigationPending = false;
    });
    on('Runtime.executionContextCreated', (e) => {
      const aux = e.context.auxData;
      if (aux?.isDefault && aux.frameId) this.contexts.set(aux.frameId, e.context.id);
    });
    on('Runtime.consoleAPICalled', (e) => {
      if (e.type !== 'error' && e.type !== 'assert') return;
      const text = e.args.map((a) => String(a.value ?? a.description ?? '')).join(' ');
      this.console('error', text, e.stackTrace?.callFrames?.[0]?.url);
    });
    on('Runtime.exceptionThrown', (e) => {
      const d = e.exceptionDetails;
      this.console('exception', d.exception?.description ?? d.text, d.url);
    });
    // Execution contexts and the main frame outlive visits; track them even between visits.
    always('Page.frameNavigated', (e) => {
      if (!e.frame.parentId) this.mainFrame = e.frame.id;
    });
    always('Runtime.executionContextDestroyed', (e) => {
      for (const [frame, id] of this.contexts) if (id === e.executionContextId) this.contexts.delete(frame);
    });
    always('Runtime.executionContextsCleared', () => this.contexts.clear());
  }

  /** One session's network events (the page's, or a worker's: its script the initiator of last resort). */
  private listenNetwork(session: CdpSession, workerUrl?: string): void {
    const on = this.during(session);
    on('Network.requestWillBeSent', (e) => {
      const initiator =
        workerUrl && !e.initiator.url && !e.initiator.stack
          ? { ...e.initiator, type: 'script' as const, url: workerUrl }
          : e.initiator;
      this.onRequest({ ...e, initiator }, session);
    });
    on('Network.responseReceived', (e) => this.onResponse(e.requestId, e.response, e.type));
    on('Network.responseReceivedExtraInfo', (e) => this.onExtraInfo(e.requestId, e.headers));
    on('Network.requestWillBeSentExtraInfo', (e) => this.onWireHeaders(e.requestId, e.headers));
    on('Network.dataReceived', (e) => {
      const r = this.current.get(e.requestId);
      // An over-cap body keeps the size its Content-Length declared.
      if (r && !r.body?.over_cap) r.body = { ...r.body, size: (r.body?.size ?? 0) + e.dataLength };
      this.lastActivity = Date.now();
    });
    on('Network.loadingFinished', (e) => this.onFinished(e.requestId, session));
    on('Network.loadingFailed', (e) => {
      const r = this.current.get(e.requestId);
      if (r) r.failure = { error: e.errorText, canceled: e.canceled || undefined, blocked_reason: e.blockedReason };
      this.settle(e.requestId);
    });
    on('Network.webSocketCreated', (e) => {
      this.addRequest(`ws:${e.requestId}`, {
        url: withoutCredentials(e.url),
        method: 'GET',
        resource_type: 'websocket',
        initiator: mapInitiator(e.initiator ?? (workerUrl ? { type: 'script', url: workerUrl } : undefined)),
      });
    });
    on('Network.webSocketHandshakeResponseReceived', (e) => {
      const r = this.current.get(`ws:${e.requestId}`);
      if (r) {
        r.status = e.response.status;
        r.response_headers = lowerKeys(e.response.headers);
      }
    });
  }

  private console(level: string, text: string, url?: string): void {
    if (this.rec.console.length >= 200) return this.limit('max-console');
    this.rec.console.push({
      level,
      text: text.slice(0, 1000),
      url: url ? withoutCredentials(url) : undefined,
      at: this.now(),
    });
  }

  private onRequest(e: Protocol.Network.RequestWillBeSentEvent, session: CdpSession): void {
    const url = withoutCredentials(e.request.url);
    const prev = this.current.get(e.requestId);
    if (e.redirectResponse && prev) {
      this.onResponse(e.requestId, e.redirectResponse, e.type);
      prev.redirect_to = url;
      const hop = (this.hops.get(e.requestId) ?? 0) + 1;
      this.hops.set(e.requestId, hop);
      if (e.type === 'Document') {
        this.rec.navigations.push({
          frame_id: e.frameId,
          url,
          cause: 'http-redirect',
          from_url: prev.url,
          status: e.redirectResponse.status,
          at: this.now(),
        });
        if (e.frameId === this.rec.mainFrameId || !this.rec.mainFrameId) {
          if (++this.mainRedirects > this.opts.maxRedirects) {
            this.abandon('max-redirects');
            void session.send('Page.stopLoading').catch(() => {}); // the frame went away: stopped
          }
        }
      }
      this.addRequest(
        `${e.requestId}#${hop}`,
        {
          url,
          method: e.request.method,
          resource_type: lower(e.type),
          frame_id: e.frameId,
          initiator: mapInitiator(e.initiator),
          redirect_from: prev.url,
          request_headers: lowerKeys(e.request.headers),
        },
        e.requestId,
      );
      return;
    }
    if (!RECORDED_SCHEMES.test(url)) return;
    this.addRequest(e.requestId, {
      url,
      method: e.request.method,
      resource_type: lower(e.type),
      frame_id: e.frameId,
      initiator: mapInitiator(e.initiator),
      request_headers: lowerKeys(e.request.headers),
    });
    this.inflight.add(e.requestId);
  }

  private addRequest(id: string, r: Omit<CapturedRequest, 'id' | 'at'>, key = id): void {
    this.lastActivity = Date.now();
    if (this.rec.requests.length >= this.opts.maxRequests) {
      this.limit('max-requests');
      this.current.delete(key);
      return;
    }
    const entry: CapturedRequest = { id, ...r, at: this.now() };
    this.rec.requests.push(entry);
    this.current.set(key, entry);
    const early = this.earlyExtra.get(key);
    if (early) {
      this.earlyExtra.delete(key);
      this.onExtraInfo(key, early);
    }
    const wire = this.earlyWire.get(key);
    if (wire) {
      this.earlyWire.delete(key);
      this.onWireHeaders(key, wire);
    }
  }

  private onResponse(requestId: string, resp: Protocol.Network.Response, type?: Protocol.Network.ResourceType): void {
    const r = this.current.get(requestId);
    if (!r) return;
    r.status = resp.status;
    r.mime = resp.mimeType || undefined;
    r.protocol = resp.protocol;
    r.response_headers = { ...lowerKeys(resp.headers), ...r.response_headers };
    r.remote_ip = resp.remoteIPAddress?.replace(/^\[|\]$/g, '') || undefined;
    r.remote_port = resp.remotePort || undefined;
    // Behind the egress proxy the browser saw the proxy: the proxy knows the real peer.
    const real = r.remote_ip && this.egress ? this.egress.connectedTo(...endpoint(r.url)) : undefined;
    if (real) {
      r.remote_ip = real.ip;
      r.remote_port = real.port;
    }
    if (resp.fromDiskCache || resp.fromServiceWorker || resp.fromPrefetchCache) r.from_cache = true;
    if (resp.securityDetails) {
      r.tls = mapTls(resp.securityDetails);
      this.certificate(r);
    }
    if (type === 'Document' && r.frame_id && r.frame_id === this.rec.mainFrameId) {
      if (resp.status < 300 || resp.status >= 400) this.rec.mainStatus = resp.status;
    }
  }

  /** The headers the browser really sent (the page's own plus what the network stack adds), the Cookie header left out. */
  private onWireHeaders(requestId: string, headers: Record<string, string>): void {
    const r = this.current.get(requestId);
    if (!r) {
      if (this.earlyWire.size < 1000) this.earlyWire.set(requestId, headers);
      return;
    }
    const { cookie: _cookie, ...wire } = lowerKeys(headers);
    r.request_headers = { ...r.request_headers, ...wire };
  }

  private onExtraInfo(requestId: string, headers: Record<string, string>): void {
    const r = this.current.get(requestId) ?? this.current.get(`ws:${requestId}`);
    if (!r) {
      if (this.earlyExtra.size < 1000) this.earlyExtra.set(requestId, headers);
      return;
    }
    const raw = lowerKeys(headers);
    // The raw headers are the ones on the wire (Set-Cookie included).
    r.response_headers = { ...r.response_headers, ...raw };
    const sc = raw['set-cookie'];
    if (sc)
      for (const line of sc.split('\n')) if (line.trim()) this.rec.setCookies.push({ url: r.url, line: line.trim() });
  }

  /**
   * A request that got no response, behind the egress proxy: the browser only saw the
   * proxy refuse; the proxy says why (the policy, with its reason, or the network error
   * the browser would have reported itself).
   */
  private egressFailure(r: CapturedRequest): void {
    if (!this.egress || (r.failure && r.failure.error !== SOCKS_FAILED)) return;
    const f = this.egress.failure(...endpoint(r.url));
    if (!f) return;
    r.failure = {
      ...r.failure,
      error: f.error,
      blocked_reason: f.blocked ? `${EGRESS_BLOCK}: ${f.reason}` : undefined,
    };
  }

  /** @param session the session that reported the request's end (it has the body) */
  private onFinished(requestId: string, session: CdpSession): void {
    const r = this.current.get(requestId);
    this.settle(requestId);
    if (!r || r.body?.sha256 || r.body?.error || r.body?.over_cap || !needsBody(r)) return;
    const size = r.body?.size ?? 0;
    if (size > this.opts.maxBodyBytes) {
      r.body = { size, over_cap: true };
      return;
    }
    this.pendingBodies.push(
      session.send('Network.getResponseBody', { requestId }).then(
        (b) => {
          const buf = Buffer.from(b.body, b.base64Encoded ? 'base64' : 'utf8');
          const hashed = hashBody(buf);
          r.body = hashed;
          if (r.resource_type === 'script') this.keepScript(r.url, hashed.sha256, buf);
        },
        (err: Error) => {
          r.body = { size, error: errorText(err) };
        },
      ),
    );
  }

  /** Keeps a script's text once per distinct body, within the per-script and per-page caps. */
  private keepScript(url: string, sha256: string, buf: Buffer): void {
    if (this.rec.scripts.some((s) => s.sha256 === sha256)) return;
    const room = Math.min(this.opts.maxScriptBytes, this.opts.maxScriptBytesPerPage - this.scriptBytes);
    if (room <= 0) return this.limit('max-script-bytes');
    const truncated = buf.length > room;
    this.scriptBytes += Math.min(buf.length, room);
    this.rec.scripts.push({
      url,
      sha256,
      text: buf.subarray(0, room).toString('utf8'),
      truncated: truncated || undefined,
    });
  }

  /** The leaf certificate's SHA-256 for an https origin, asked once per page session. */
  private certificate(r: CapturedRequest): void {
    const tls = r.tls;
    if (!tls) return;
    const origin = new URL(r.url).origin;
    let p = this.certs.get(origin);
    if (!p) {
      p = this.cdp.send('Network.getCertificate', { origin }).then(
        (c) =>
          c.tableNames[0]
            ? createHash('sha256').update(Buffer.from(c.tableNames[0], 'base64')).digest('hex')
            : undefined,
        () => undefined,
      );
      this.certs.set(origin, p);
    }
    this.pendingBodies.push(
      p.then((sha) => {
        if (sha) tls.cert_sha256 = sha;
      }),
    );
  }

  private settle(requestId: string): void {
    this.inflight.delete(requestId);
    this.lastActivity = Date.now();
  }

  /** Documents paused at response headers: hash the body now, before a client redirect can discard it. */
  private async onDocumentResponse(e: Protocol.Fetch.RequestPausedEvent): Promise<void> {
    const requestId: string = e.requestId;
    const status: number | undefined = e.responseStatusCode;
    const r = e.networkId ? this.current.get(e.networkId) : undefined;
    try {
      if (e.responseErrorReason || status === undefined) {
        await this.cdp.send('Fetch.continueRequest', { requestId });
        return;
      }
      const lengthHeader = (e.responseHeaders as { name: string; value: string }[] | undefined)?.find(
        (h) => h.name.toLowerCase() === 'content-length',
      )?.value;
      const length = lengthHeader === undefined ? NaN : Number(lengthHeader);
      if (r && status >= 200 && status < 300 && status !== 204 && length <= this.opts.maxBodyBytes) {
        const b = await this.cdp.send('Fetch.getResponseBody', { requestId });
        r.body = hashBody(Buffer.from(b.body, b.base64Encoded ? 'base64' : 'utf8'));
      } else if (r && length > this.opts.maxBodyBytes) {
        r.body = { size: length, over_cap: true };
      }
    } catch (err) {
      if (r) r.body = { size: r.body?.size ?? 0, error: errorText(err) };
    }
    await this.cdp.send('Fetch.continueResponse', { requestId }).catch(() => {}); // the request was cancelled meanwhile
  }

  private onFrameNavigated(f: Protocol.Page.Frame): void {
    const url = withoutCredentials(f.url + (f.urlFragment ?? ''));
    if (!f.parentId) {
      this.rec.mainFrameId = f.id;
      // The crawler's own navigation (and its redirects) happened before the frame id was known.
      for (const n of this.rec.navigations) n.frame_id ??= f.id;
      for (const r of this.rec.requests) if (r.resource_type === 'document' && !r.frame_id) r.frame_id = f.id;
    }
    const prev = this.frames.get(f.id);
    this.frames.set(f.id, { id: f.id, parent_id: f.parentId, url, name: f.name || undefined, dom: prev?.dom });
  }

  private onRequestedNavigation(frameId: string, url: string, reason: string, disposition: string): void {
    const isMain = frameId === this.rec.mainFrameId;
    const cause: NavigationCause =
      disposition === 'newTab' || disposition === 'newWindow'
        ? 'window-open'
        : (CHROMIUM_NAVIGATION_REASONS[reason] ?? 'other');
    if (disposition === 'download') return;
    this.rec.navigations.push({
      frame_id: frameId,
      url,
      cause,
      from_url: this.frames.get(frameId)?.url,
      at: this.now(),
    });
    if (!isMain || cause === 'window-open') return;
    this.mainNavigationPending = true;
    if (++this.mainClientNavigations > this.opts.maxNavigations) {
      this.abandon('max-navigations');
      void this.cdp.send('Page.stopLoading').catch(() => {}); // the page went away: stopped
    }
  }

  private mainUrl(): string | undefined {
    return this.rec.mainFrameId ? this.frames.get(this.rec.mainFrameId)?.url : undefined;
  }
}

/** The host (without brackets) and port a URL connects to, as the egress proxy keys them. */
function endpoint(url: string): [string, number] {
  const u = new URL(url);
  return [u.hostname.replace(/^\[|\]$/g, ''), defaultPort(u)];
}

/** Responses that carry a body worth hashing (not redirects, 204s or websocket upgrades). */
export function needsBody(r: CapturedRequest): boolean {
  return (
    r.status !== undefined && (r.status < 300 || r.status >= 400) && r.status !== 204 && r.resource_type !== 'websocket'
  );
}

function mapInitiator(i: Protocol.Network.Initiator | undefined): CapturedInitiator {
  if (!i) return { type: 'other' };
  let url = i.url;
  let line = i.lineNumber;
  for (let s = i.stack; s && !url; s = s.parent) {
    const f = s.callFrames.find((c) => c.url);
    if (f) {
      url = f.url;
      line = f.lineNumber;
    }
  }
  return { type: i.type, url: url ? withoutCredentials(url) : undefined, line: line === undefined ? undefined : line };
}

function mapTls(s: Protocol.Network.SecurityDetails): CapturedTls {
  return {
    protocol: s.protocol,
    cipher: s.cipher,
    subject: s.subjectName,
    issuer: s.issuer,
    san: s.sanList ?? [],
    valid_from: Math.round(s.validFrom * 1000),
    valid_to: Math.round(s.validTo * 1000),
  };
}

function hashBody(buf: Buffer): { sha256: string; size: number } {
  return { sha256: createHash('sha256').update(buf).digest('hex'), size: buf.length };
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h) for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function lower(t: string | undefined): string {
  return (t ?? 'other').toLowerCase();
}
