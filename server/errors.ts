// Stable error JSON: every failure is {"error": {"code", "message"}} with the HTTP status
// that fits, whether our code, Fastify (validation, body size, media type), the rate
// limiter or the store raised it. Server faults say "internal error" and are logged, so
// no stack or query text reaches a caller.
import type { FastifyError } from 'fastify';

/** A failure meant for the caller, with its status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);
export const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);

/** The code of each status Fastify and its plugins answer with. */
const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal',
  501: 'not_implemented',
  503: 'unavailable',
};

export interface ErrorBody {
  error: { code: string; message: string };
}

/** The status and body of any error a route or hook raised. */
export function errorAnswer(e: FastifyError | HttpError | Error): { status: number; body: ErrorBody; fault: boolean } {
  const status = (e as { statusCode?: number }).statusCode ?? 500;
  if (e instanceof HttpError)
    return { status, body: { error: { code: e.code, message: e.message } }, fault: status >= 500 };
  if (status >= 500)
    return { status, body: { error: { code: CODES[status] ?? 'internal', message: 'internal error' } }, fault: true };
  return {
    status,
    body: { error: { code: CODES[status] ?? 'bad_request', message: e.message.slice(0, 500) } },
    fault: false,
  };
}

export const ERROR_SCHEMA = {
  type: 'object',
  description: 'Every error: a stable code and a message.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;
