// Cloaking: the comparisons whose visits diverged (newest first, for a host, a site or
// all), one comparison side by side, and the screenshots the web UI shows beside it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { cloakingEvents, comparisonRecord, describeCloaking } from '../../store/queries/cloaking.js';
import type { ServerContext } from '../context.js';
import { ERROR_SCHEMA, notFound } from '../errors.js';
import { paged, type PageQuery } from '../paging.js';
import {
  CLOAKING_EVENT,
  COMPARISON,
  HOST_PARAM,
  listOf,
  PAGE,
  params,
  querystring,
  SHA256_PARAM,
  SITE,
  WINDOW,
} from '../schemas.js';
import { hostValue, windowOf, type WindowQuery } from '../values.js';

const read = { access: 'read' } as const;
const response = (ok: object) => ({ 200: ok, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA });

export function cloakingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { client } = ctx.store.store;
  const { db } = ctx.store;

  app.get(
    '/api/v1/cloaking',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          'Targets that showed different virtual users different pages (cloaking events), newest first: of a host, every host of its site, or all',
        querystring: querystring({ host: HOST_PARAM, ...SITE, ...WINDOW, ...PAGE }),
        response: response(
          listOf(CLOAKING_EVENT, {
            description: { type: 'string', description: 'what was looked for (said when nothing was found)' },
          }),
        ),
      },
    },
    async (req: FastifyRequest<{ Querystring: WindowQuery & PageQuery & { host?: string; site?: boolean } }>) => {
      const host = req.query.host === undefined ? undefined : hostValue(req.query.host);
      const o = { ...windowOf(req.query), host, site: req.query.site };
      return {
        description: describeCloaking(o),
        ...(await paged(req.url.split('?')[0]!, req.query, (limit, offset) =>
          cloakingEvents(client, db, { ...o, limit, offset }),
        )),
      };
    },
  );

  app.get(
    '/api/v1/comparisons/:id',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          "One comparison side by side: each virtual user's visit (page, host pairs, the child hosts only it reached) and the cloaking event if they diverged",
        params: params({ id: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' } }),
        response: response(COMPARISON),
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const record = await comparisonRecord(client, db, req.params.id);
      if (!record) throw notFound(`the store holds no visit of comparison ${req.params.id}`);
      return record;
    },
  );

  app.get(
    '/api/v1/screenshots/:sha256',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          'A screenshot (PNG) by its SHA-256, from the crawl output folders this server knows (serve --screenshot-dir, its submitted crawls)',
        params: params({ sha256: SHA256_PARAM }),
      },
    },
    async (req: FastifyRequest<{ Params: { sha256: string } }>, reply) => {
      const file = ctx.screenshots.find(req.params.sha256);
      if (!file)
        throw notFound(
          `no known crawl folder holds screenshot ${req.params.sha256} (serve --screenshot-dir DIR names the crawls' --out folders)`,
        );
      return reply
        .type('image/png')
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(readFileSync(file));
    },
  );
}
