// Shared shapes of the test internet: a scenario is plain data (hosts, paths, handlers)
// so that server.ts can merge every group into one routing table.

import type { IncomingMessage, IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { WebSocketConnection } from './websocket.js';

export type Scheme = 'http' | 'https';

/** What a handler is told about the request besides the raw Node objects. */
export interface RouteRequest {
  /** Absolute URL as the browser asked for it (scheme://host/path?query, no port). */
  url: URL;
  host: string;
  scheme: Scheme;
  method: string;
  headers: IncomingHttpHeaders;
  raw: IncomingMessage;
}

export type Handler = (req: RouteRequest, res: ServerResponse) => void;
export type WebSocketHandler = (ws: WebSocketConnection, req: RouteRequest) => void;

export interface Route {
  host: string;
  /** Exact pathname (no query), or a prefix ending in `*` (e.g. `/calendar/*`, or `*` for any path). */
  path: string;
  handler?: Handler;
  websocket?: WebSocketHandler;
}

export interface Scenario {
  /** Short stable name, e.g. `redirect-chain`. */
  name: string;
  /** URL the browser starts on. */
  seed: string;
  /** Every host+path the scenario serves; the scenario's host set is derived from these. */
  routes: Route[];
  /**
   * `METHOD url` of every request a browser makes when it opens the seed and lets the page
   * settle (about 2 s), in any order, as the server logs them (a WebSocket is its upgrade
   * GET). Absent where that set is unbounded (loops, storms).
   */
  loads?: string[];
}

/** One request the test internet answered (or upgraded), in arrival order. */
export interface ServedRequest {
  host: string;
  /** Pathname plus query string. */
  path: string;
  method: string;
  scheme: Scheme;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
  /** Full URL, `scheme://host/path`. */
  url: string;
  /** Request body as UTF-8 (first 64 KiB) for requests that carry one (POST beacons, forms, exfil). */
  body?: string;
}
