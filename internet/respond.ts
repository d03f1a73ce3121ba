// Small handler builders so scenarios read as data: html(...), js(...), redirect(...).
// Every response is deterministic and uncacheable, so each browser run really asks
// the server and tests can count requests.

import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Handler, RouteRequest } from './types.js';

export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: OutgoingHttpHeaders = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(buf);
}

/** A full HTML document with a title, optional head markup and a body. */
export function doc(title: string, body: string, head = ''): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title>${head}</head>\n<body>\n${body}\n</body></html>\n`;
}

export const html =
  (body: string, headers?: OutgoingHttpHeaders): Handler =>
  (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', body, headers);

export const page = (title: string, body: string, head = ''): Handler => html(doc(title, body, head));

export const js =
  (body: string, headers?: OutgoingHttpHeaders): Handler =>
  (_req, res) =>
    send(res, 200, 'application/javascript; charset=utf-8', body, headers);

export const css =
  (body: string, headers?: OutgoingHttpHeaders): Handler =>
  (_req, res) =>
    send(res, 200, 'text/css; charset=utf-8', body, headers);

export const bytes =
  (type: string, body: Buffer, headers?: OutgoingHttpHeaders): Handler =>
  (_req, res) =>
    send(res, 200, type, body, headers);

/** JSON readable from any origin (the scenarios fetch across hosts). */
export const json =
  (value: unknown): Handler =>
  (req, res) =>
    send(res, 200, 'application/json', JSON.stringify(value), corsHeaders(req));

export const redirect =
  (status: number, location: string): Handler =>
  (_req, res) =>
    send(res, status, 'text/html; charset=utf-8', doc('Redirect', `<a href="${location}">moved</a>`), {
      Location: location,
    });

/** 204 No Content, used for beacons. */
export const noContent = (): Handler => (req, res) => {
  res.writeHead(204, { 'Cache-Control': 'no-store', ...corsHeaders(req) });
  res.end();
};

/** CORS that echoes the caller's origin, so credentialed and plain requests both pass. */
export function corsHeaders(req: RouteRequest): OutgoingHttpHeaders {
  const origin = req.headers.origin;
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
    : { 'Access-Control-Allow-Origin': '*' };
}
