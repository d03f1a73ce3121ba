// Alerting routes (read access): the alerts monitors and watches raised, newest first and
// one per fact, and the projects, monitors and watches they come from.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAlerts } from '../../store/queries/alerts.js';
import { listMonitors } from '../../store/queries/monitors.js';
import { listProjects } from '../../store/queries/projects.js';
import { listWatches } from '../../store/queries/watches.js';
import { DirectStore } from '../../store/direct.js';
import type { ServerContext } from '../context.js';
import { badRequest, ERROR_SCHEMA } from '../errors.js';
import { paged, type PageQuery } from '../paging.js';
import { listOf, PAGE, querystring } from '../schemas.js';

const ROW = { type: 'object', additionalProperties: true } as const;
const response = (ok: object) => ({ 200: ok, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA });
const read = { access: 'read' } as const;

/** The definitions listed whole (there are few), by path. */
const LISTINGS = {
  projects: { summary: 'Projects: named sets of indicators, with how many each has', list: listProjects },
  monitors: { summary: 'Monitors: URLs recrawled and compared, their rules and last run', list: listMonitors },
  watches: { summary: 'Watches: standing searches over every crawled page', list: listWatches },
} as const;

export function alertingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const a = new DirectStore(ctx.store);

  app.get(
    '/api/v1/alerts',
    {
      config: read,
      schema: {
        tags: ['alerts'],
        summary: 'Alerts raised by monitors and watches, newest first, one per fact',
        querystring: querystring({
          ...PAGE,
          since: {
            type: 'string',
            maxLength: 40,
            description: 'only facts first seen at or after this time (ISO 8601)',
          },
        }),
        response: response(listOf(ROW)),
      },
    },
    async (req: FastifyRequest<{ Querystring: PageQuery & { since?: string } }>) => {
      const since = req.query.since === undefined ? undefined : Date.parse(req.query.since);
      if (Number.isNaN(since)) throw badRequest('since is not an ISO 8601 time');
      return paged(req.url.split('?')[0]!, req.query, (limit, offset) => listAlerts(a, { since, limit, offset }));
    },
  );

  for (const [name, l] of Object.entries(LISTINGS)) {
    app.get(
      `/api/v1/${name}`,
      {
        config: read,
        schema: {
          tags: ['alerts'],
          summary: l.summary,
          response: response({ type: 'object', properties: { results: { type: 'array', items: ROW } } }),
        },
      },
      async () => ({ results: await l.list(a) }),
    );
  }
}
