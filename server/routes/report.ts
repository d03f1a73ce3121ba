// GET /ui/report: the report for people (the page `vucrawl report` writes) of a project, a
// monitor or a host, served as HTML to whoever may read the API. The page is
// self-contained, so its answer gets its own Content-Security-Policy: the page's one
// inline stylesheet by hash and data: images, nothing else (the UI's policy allows only
// its own files).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REPORT_CSP } from '../../exchange/html-report.js';
import { DirectStore } from '../../store/direct.js';
import { NotAHost } from '../../store/queries/exchange.js';
import { dateMs } from '../../store/queries/pivot.js';
import { NoSuchProject } from '../../store/queries/projects.js';
import {
  BadWindow,
  DEFAULT_SINCE,
  NoSuchMonitor,
  type ReportSubject,
  windowStart,
} from '../../store/queries/summary-report.js';
import type { ServerContext } from '../context.js';
import { badRequest, ERROR_SCHEMA, notFound } from '../errors.js';
import { buildReport } from '../report.js';
import { querystring, SITE } from '../schemas.js';

interface ReportQuery {
  project?: string;
  monitor?: string;
  host?: string;
  site?: boolean;
  since?: string;
  until?: string;
}

const text = (description: string, maxLength: number) => ({ type: 'string', maxLength, description }) as const;

export function reportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const a = new DirectStore(ctx.store);
  app.get(
    '/ui/report',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ui'],
        summary:
          'The report for people (as vucrawl report writes it): one self-contained HTML page of a project, monitor or host over a window',
        querystring: querystring({
          project: text('a project (exactly one of project, monitor, host)', 200),
          monitor: text("a monitor: its targets' hosts and its alerts", 200),
          host: text('a host name, IP address or URL (taken as its host)', 2048),
          ...SITE,
          since: text(`the window starts this long ago (7d, 24h) or at this date (UTC); default ${DEFAULT_SINCE}`, 40),
          until: text('the window ends at this date (UTC); default now', 40),
        }),
        produces: ['text/html'],
        response: { 200: { type: 'string', description: 'the HTML page' }, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA },
      },
    },
    async (req: FastifyRequest<{ Querystring: ReportQuery }>, reply) => {
      const q = req.query;
      const named = [q.project, q.monitor, q.host].filter((v) => v !== undefined);
      if (named.length !== 1) throw badRequest('name exactly one of project, monitor or host');
      if (q.site && q.host === undefined) throw badRequest('site goes with host');
      const subject: ReportSubject =
        q.project !== undefined
          ? { project: q.project }
          : q.monitor !== undefined
            ? { monitor: q.monitor }
            : { host: q.host!, site: q.site };
      let window: { since: number; until?: number };
      try {
        window = { since: windowStart(q.since ?? DEFAULT_SINCE, Date.now()), until: dateMs(q.until) };
      } catch (e) {
        throw badRequest(
          e instanceof BadWindow ? e.message : `until needs a date (e.g. 2026-11-01), got "${q.until?.slice(0, 60)}"`,
        );
      }
      const { html } = await buildReport(a, subject, window, ctx.screenshots).catch((e: unknown) => {
        if (e instanceof NoSuchProject || e instanceof NoSuchMonitor) throw notFound(e.message);
        if (e instanceof NotAHost) throw badRequest(e.message);
        throw e;
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', `${REPORT_CSP}; frame-ancestors 'none'`)
        .send(html);
    },
  );
}
