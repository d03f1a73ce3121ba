// What a `vucrawl serve` is told: where it listens, who may call it, and where the crawls
// it is asked to run write their files. Loopback by default; any other address only with
// API keys (an open enrichment API on a network would hand the store to anyone on it).
import { isIP } from 'node:net';
import type { AnswerCacheOptions } from './answer-cache.js';

export interface Listen {
  host: string;
  port: number;
}

export interface ServeOptions {
  listen: Listen;
  /** API keys file (ROLE KEY lines); without one, reads are open on loopback and admin routes take the per-start token only. */
  apiKeysFile?: string;
  /** The one origin allowed to call the API from a browser (CORS); none by default. */
  corsOrigin?: string;
  /** Requests per minute per key (or per address without a key). */
  rateLimitPerMinute: number;
  /** Submitted crawls write under DIR/<crawl id>. */
  crawlDir: string;
  /** Crawl output folders whose screenshots/ the UI may show (submitted crawls' folders are searched too). */
  screenshotDirs: string[];
  /** Lookup answers kept in memory: MB at most (0: none), and for how long at most (ms; default: see answerCacheOptions). */
  answerCacheMB?: number;
  answerCacheTtlMs?: number;
}

export const SERVE_DEFAULTS = {
  listen: '127.0.0.1:8181',
  rateLimitPerMinute: 1200,
  crawlDir: 'vucrawl-serve-crawls',
  /** The crawl commands' default --out. */
  screenshotDirs: ['vucrawl-out'],
  answerCacheMB: 64,
  /** For a ClickHouse server, which other processes (a Kafka loader) write to unseen: how stale an answer may be. */
  answerCacheTtlMs: 10_000,
} as const;

/**
 * The answer cache's bounds. An embedded store is written by this process only (the engine
 * locks its folder), so its answers last until a write; a ClickHouse server's only for the TTL.
 */
export function answerCacheOptions(o: Partial<AnswerCacheOptions> | undefined, embedded: boolean): AnswerCacheOptions {
  return {
    maxBytes: o?.maxBytes ?? SERVE_DEFAULTS.answerCacheMB * 2 ** 20,
    ttlMs: o?.ttlMs ?? (embedded ? Number.POSITIVE_INFINITY : SERVE_DEFAULTS.answerCacheTtlMs),
  };
}

/** HOST:PORT or [IPv6]:PORT. */
export function parseListen(raw: string): Listen {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/i.exec(raw.trim());
  if (!m || Number(m[3]) > 65535)
    throw new Error(`--listen needs HOST:PORT (e.g. 127.0.0.1:8181 or [::1]:8181), got "${raw}"`);
  return { host: m[1] ?? m[2]!, port: Number(m[3]) };
}

/** Whether an address to bind is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || /^::ffff:127\./i.test(host);
}

/** The reason not to start, or undefined: a non-loopback address needs API keys. */
export function refuseToListen(o: ServeOptions): string | undefined {
  if (isLoopback(o.listen.host) || o.apiKeysFile) return undefined;
  return (
    `refusing to listen on ${o.listen.host}, which is not a loopback address, without API keys: anyone who can reach it could read the store. ` +
    'Give --api-keys FILE (one "ROLE KEY" a line, roles read and admin), or listen on 127.0.0.1.'
  );
}

/** The URL clients use to reach a listener. */
export function listenUrl(l: Listen): string {
  return `http://${isIP(l.host) === 6 ? `[${l.host}]` : l.host}:${l.port}`;
}
