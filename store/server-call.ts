// One call to the `vucrawl serve` that holds an embedded store: the embedded engine allows
// one process per folder, so while a server holds it the same user's commands go through
// it, with the per-start token (an admin key) its owner file holds. Here: finding that
// server from the owner file, and one request to it, errors as the server words them.
// Kept apart from the crawl's writes (sinks/clickhouse/served-store.ts) so that a pivot loads no more than this.
import http from 'node:http';
import path from 'node:path';
import { readStoreOwner, type OwnerServer } from './connect.js';

/** An error the server answered with ({"error": {"code", "message"}}). */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached at all: it stopped, or its owner file outlived it. */
export class ServerUnreachable extends Error {}

/** The server holding the embedded store in dataDir, per its owner file, while its process lives. */
export function holdingServer(dataDir: string): OwnerServer | undefined {
  const owner = readStoreOwner(path.resolve(dataDir));
  if (!owner?.server) return undefined;
  try {
    process.kill(owner.pid, 0);
  } catch {
    return undefined; // no such process: the owner file is a dead one's
  }
  return owner.server;
}

export interface ServerRequest {
  query?: Record<string, string | number | boolean | undefined>;
  /** Text as it is, anything else as JSON. */
  body?: unknown;
  timeoutMs?: number;
  /** The answer's bytes as they are (a Buffer), not JSON. */
  bytes?: boolean;
}

/** Connections stay open between calls (a crawl's inserts, enrich's lookups); idle ones do not hold the process. */
const agent = new http.Agent({ keepAlive: true });

/**
 * One call to the server with its token. node:http rather than fetch: a command makes one
 * or two calls, and fetch's first call costs about 40 ms more to set up.
 */
export function serverRequest<T>(
  server: OwnerServer,
  method: 'GET' | 'POST',
  route: string,
  o: ServerRequest = {},
): Promise<T> {
  const url = new URL(route, server.url);
  for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const body =
    o.body === undefined ? undefined : Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
  const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${server.token}` };
  if (body)
    Object.assign(headers, {
      'content-type': typeof o.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
      'content-length': body.length,
    });
  return new Promise<T>((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, timeout: o.timeoutMs ?? 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const answer = o.bytes && (res.statusCode ?? 500) < 400 ? '' : bytes.toString('utf8');
        if ((res.statusCode ?? 500) >= 400) reject(serverError(server, res.statusCode ?? 500, answer));
        else resolve((o.bytes ? bytes : answer ? JSON.parse(answer) : undefined) as T);
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${o.timeoutMs ?? 60_000} ms`)));
    req.on('error', (e) =>
      reject(new ServerUnreachable(`vucrawl serve at ${server.url} did not answer: ${e.message}`)),
    );
    req.end(body);
  });
}

function serverError(server: OwnerServer, status: number, answer: string): ServerError {
  let error = { code: 'http_error', message: answer.slice(0, 300) };
  try {
    error = (JSON.parse(answer) as { error?: typeof error }).error ?? error;
  } catch {
    // not our error JSON: keep the text
  }
  return new ServerError(status, error.code, `vucrawl serve at ${server.url}: ${error.message}`);
}

/** Whether the server answers at all (its owner file may be stale). */
export async function serverAnswers(server: OwnerServer): Promise<boolean> {
  try {
    await serverRequest(server, 'GET', '/healthz', { timeoutMs: 5_000 });
    return true;
  } catch {
    return false; // unreachable, or not answering in time: not serving
  }
}
