// The HTTP application of `vucrawl serve`: Fastify with schema-described routes (OpenAPI
// at /openapi.json), access checked per route (public, read, admin), a rate limit per key,
// security headers on every answer (a strict Content-Security-Policy: the UI runs no inline
// script and no eval; the report page's own allows its one inline stylesheet by hash), CORS only for the one origin configured, and every error as
// {"error": {"code", "message"}} (under /taxii2/, TAXII's error message). Requests are
// logged without their headers: keys never reach a log.
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Access, ServerContext } from './context.js';
import { AnswerCache, type AnswerCacheOptions } from './answer-cache.js';
import { KeyRing, type ApiKey } from './api-keys.js';
import { errorAnswer, HttpError, type ErrorBody } from './errors.js';
import { answerCacheOptions } from './options.js';
import { adminRoutes } from './routes/admin.js';
import { alertingRoutes } from './routes/alerting.js';
import { brandRoutes } from './routes/brands.js';
import { cloakingRoutes } from './routes/cloaking.js';
import { lookupRoutes } from './routes/lookups.js';
import { reportRoutes } from './routes/report.js';
import { taxiiRoutes } from './routes/taxii.js';
import { uiRoutes } from './routes/ui.js';
import { TAXII_MEDIA_TYPE, taxiiError } from '../exchange/taxii.js';

export interface AppOptions {
  keys: ApiKey[];
  /** Reads need no key (loopback without a keys file). */
  openReads: boolean;
  /** Not rate limited: the server's own token (the same user's CLI and crawls). */
  unlimited: ApiKey;
  rateLimitPerMinute: number;
  corsOrigin?: string;
  /** Answers of the lookup routes kept until the store is written to (server/answer-cache.ts); the defaults without it. */
  answerCache?: Partial<AnswerCacheOptions>;
}

/** On the lookup routes' answers while the cache is on: hit (kept from an earlier request) or miss (computed now). */
export const ANSWER_CACHE_HEADER = 'x-answer-cache';

/** Bodies beyond this are refused (413) unless a route allows more (SQL, crawls, batches). */
export const BODY_LIMIT = 64 * 1024;

/** Every answer. The stylesheet is the page's only style; Cytoscape draws on a canvas and sets element styles from script. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export async function buildApp(ctx: ServerContext, o: AppOptions): Promise<FastifyInstance> {
  // Unknown query parameters are refused rather than dropped: a caller's typo is not silently ignored.
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 4096 },
    ajv: { customOptions: { removeAdditional: false } },
    // What the router refuses before any hook runs (a malformed URL, a parameter too long), in the same shape.
    frameworkErrors: (e, req, reply: FastifyReply) => {
      const { status, body } = errorAnswer(e);
      void reply.headers(SECURITY_HEADERS).code(status);
      void (isTaxii(req) ? reply.type(TAXII_MEDIA_TYPE).send(asTaxii(status, body)) : reply.send(body));
    },
  });
  const ring = new KeyRing(o.keys);

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (o.corsOrigin && req.headers.origin === o.corsOrigin)
      reply.header('access-control-allow-origin', o.corsOrigin).header('vary', 'Origin');
    authorize(req, req.routeOptions.config?.access ?? 'public', ring, o.openReads, req.routeOptions.config?.taxii);
  });
  // TAXII's media type exactly as the spec writes it (Fastify would add a charset and quote the version).
  app.addHook('onSend', async (req, reply, payload) => {
    if (isTaxii(req)) reply.header('content-type', TAXII_MEDIA_TYPE);
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    ctx.log.debug(
      {
        method: req.method,
        url: req.url.slice(0, 300),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        key: req.apiKey?.id,
      },
      'request',
    );
  });
  app.setErrorHandler(async (e: FastifyError, req, reply) => {
    const { status, body, fault } = errorAnswer(e);
    if (fault) ctx.log.error({ url: req.url.slice(0, 300), err: e.message.slice(0, 500) }, 'request failed');
    if (isTaxii(req)) {
      if (status === 401) reply.header('www-authenticate', 'Basic realm="vucrawl TAXII", Bearer');
      return reply.code(status).type(TAXII_MEDIA_TYPE).send(asTaxii(status, body));
    }
    if (status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler(async (req, reply) => {
    const body = {
      error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}` },
    };
    return isTaxii(req) ? reply.code(404).type(TAXII_MEDIA_TYPE).send(asTaxii(404, body)) : reply.code(404).send(body);
  });

  await app.register(rateLimit, {
    global: true,
    max: o.rateLimitPerMinute,
    timeWindow: 60_000,
    // After the access check, so a request counts against the key it presented.
    hook: 'preHandler',
    keyGenerator: (req) => (req.apiKey ? `key:${req.apiKey.id}` : `ip:${req.ip}`),
    allowList: (req) => req.apiKey === o.unlimited,
    errorResponseBuilder: (_req, c) =>
      new HttpError(429, 'rate_limited', `more than ${c.max} requests a minute; retry in ${Math.ceil(c.ttl / 1000)} s`),
  });
  // After the rate limit's hook, so that an answer from the cache counts against the key too.
  const cache = answerCacheOptions(o.answerCache, ctx.store.store.embedded);
  if (cache.maxBytes > 0) {
    const answers = new AnswerCache(cache, ctx.store.store.writes);
    const keyOf = (req: FastifyRequest) => `${req.apiKey?.id ?? ''}\n${req.routeOptions.url}\n${req.url}`;
    app.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'GET' || !req.routeOptions.config?.cached) return;
      const key = keyOf(req);
      const body = answers.get(key);
      if (body !== undefined)
        return reply.header(ANSWER_CACHE_HEADER, 'hit').type('application/json; charset=utf-8').send(body);
      reply.header(ANSWER_CACHE_HEADER, 'miss');
      req.cacheFill = { key, writes: answers.writes() };
    });
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.cacheFill && reply.statusCode === 200 && typeof payload === 'string')
        answers.set(req.cacheFill.key, payload, req.cacheFill.writes);
      return payload;
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'vucrawl enrichment API',
        version: '1',
        description:
          'Which hosts relate to a value: host pairs, trackers, cookies, bodies, addresses and certificates seen by vucrawl crawls. Under /taxii2/, the same facts as STIX 2.1 collections of a read-only TAXII 2.1 server.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          basic: {
            type: 'http',
            scheme: 'basic',
            description: 'TAXII routes only: the API key as the password (the user name is not looked at)',
          },
        },
      },
      security: [{ bearer: [] }],
    },
  });

  if (o.corsOrigin) {
    app.options('/api/*', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'Authorization, Content-Type')
        .header('access-control-max-age', '600')
        .send(),
    );
  }
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['server'], summary: 'Answers 200 once the server holds the store and listens' },
    },
    async () => ({ status: 'ok' }),
  );
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  lookupRoutes(app, ctx);
  cloakingRoutes(app, ctx);
  adminRoutes(app, ctx);
  alertingRoutes(app, ctx);
  brandRoutes(app, ctx);
  taxiiRoutes(app, ctx, BODY_LIMIT);
  uiRoutes(app);
  reportRoutes(app, ctx);
  await app.ready();
  return app;
}

/** A TAXII route, or a request for /taxii2 or under it that matched none. */
const isTaxii = (req: FastifyRequest) => req.routeOptions?.config?.taxii === true || /^\/taxii2(\/|\?|$)/.test(req.url);
const asTaxii = (status: number, body: ErrorBody) => taxiiError(status, body.error.code, body.error.message);

/**
 * The key a request presents: "Authorization: Bearer KEY"; on TAXII routes also HTTP Basic
 * with the key as the password (TAXII clients and platforms are configured with a user and
 * a password; the user name is not looked at).
 */
function presentedKey(header: string | undefined, basic: boolean): string | undefined {
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  if (basic && header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? '' : decoded.slice(colon + 1);
  }
  return undefined;
}

/** Sets the request's key, or refuses: 401 without a known key, 403 with a read key on an admin route. */
function authorize(req: FastifyRequest, access: Access, ring: KeyRing, openReads: boolean, taxii = false): void {
  const presented = presentedKey(req.headers.authorization, taxii);
  const key = presented ? ring.find(presented) : undefined;
  if (key) req.apiKey = key;
  if (access === 'public') return;
  if (presented !== undefined && !key) throw new HttpError(401, 'unauthorized', 'unknown API key');
  if (access === 'read' && (key || openReads)) return;
  if (access === 'admin' && key?.role === 'admin') return;
  throw key
    ? new HttpError(403, 'forbidden', 'this route needs an admin key')
    : new HttpError(401, 'unauthorized', 'this route needs an API key: send "Authorization: Bearer KEY"');
}
