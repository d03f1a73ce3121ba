// Admin routes (an admin key, or the server's per-start token): ad-hoc SQL on a read-only
// session with a row and a time limit; crawls submitted and their status; and the internal
// way in for the same user's crawls while the server holds their store: the batches a
// direct insert would make (same TabSeparated body, same deduplication token) and dead letters.
import type { ClickHouseSettings } from '@clickhouse/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeadLetterRecord } from '../../extractor/events.js';
import { insertDeadLetters } from '../../sinks/clickhouse/dead-letters.js';
import { EVENT_STORE_DEFAULTS, insertBatch, type RowFormat } from '../../sinks/clickhouse/event-store.js';
import { TABLES } from '../../store/schema/event-tables.js';
import { INTERNAL_DEAD_LETTERS_PATH, INTERNAL_INSERT_PATH } from '../../sinks/clickhouse/served-store.js';
import { ALERTING_TABLES, type AlertingTable } from '../../store/access.js';
import { insertRows } from '../../store/direct.js';
import { formatMediaType, formattedOutput, outputFormat } from '../../store/queries/sql.js';
import { INTERNAL_ROWS_PATH } from '../../store/served.js';
import type { ServerContext } from '../context.js';
import { CRAWL_JOB_SCHEMA, CRAWL_REQUEST_SCHEMA, type CrawlRequest } from '../crawls.js';
import { ERROR_SCHEMA, HttpError, notFound } from '../errors.js';
import { params, querystring } from '../schemas.js';

/** What ad-hoc SQL may do: read, at most this many rows, for at most this long. */
export const SQL_LIMITS = {
  max_result_rows: '10000',
  result_overflow_mode: 'throw',
  max_execution_time: 10,
  readonly: '1',
} satisfies ClickHouseSettings;
const MAX_SQL_LENGTH = 100_000;
/** A formatted answer's bytes, at most (10,000 rows of wide events fit). */
const MAX_SQL_OUTPUT_BYTES = 64 * 1024 * 1024;
/** A crawl's batch: 20,000 rows of wide events, with room to spare. */
const MAX_BATCH_BYTES = 256 * 1024 * 1024;

const admin = { access: 'admin' } as const;
const response = (ok: object) => ({ 200: ok, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA });

export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { client } = ctx.store.store;
  const { db } = ctx.store;

  app.post(
    '/api/v1/sql',
    {
      config: admin,
      bodyLimit: 2 * MAX_SQL_LENGTH,
      schema: {
        tags: ['admin'],
        summary: `Ad-hoc SQL, read-only, at most ${SQL_LIMITS.max_result_rows} rows and ${SQL_LIMITS.max_execution_time} s; a query ending in FORMAT NAME (TSV, CSV, JSONEachRow, Parquet, ...) is answered with that output as it is`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['query'],
          properties: {
            query: { type: 'string', minLength: 1, maxLength: MAX_SQL_LENGTH },
            params: { type: 'object', description: "values of the query's {name:Type} parameters" },
          },
        },
        response: response({
          type: 'object',
          properties: { rows: { type: 'array', items: { type: 'object', additionalProperties: true } } },
        }),
      },
    },
    async (req: FastifyRequest<{ Body: { query: string; params?: Record<string, unknown> } }>, reply) => {
      const session = await ctx.sqlSession();
      try {
        // A query that names its FORMAT gets the engine's output as it is, under the same limits.
        const format = outputFormat(req.body.query);
        if (format)
          return reply.type(formatMediaType(format)).send(
            await formattedOutput(session, req.body.query, {
              params: req.body.params,
              maxBytes: MAX_SQL_OUTPUT_BYTES,
            }),
          );
        const r = await session.query({ query: req.body.query, format: 'JSONEachRow', query_params: req.body.params });
        return { rows: await r.json<Record<string, unknown>>() };
      } catch (e) {
        // The caller's own query failed (syntax, a write refused, a limit hit): theirs to read.
        throw new HttpError(400, 'query_failed', (e as Error).message.slice(0, 1000));
      } finally {
        await session.close();
      }
    },
  );

  app.post(
    '/api/v1/crawls',
    {
      config: admin,
      bodyLimit: 512 * 1024,
      schema: {
        tags: ['crawls'],
        summary:
          'Submit targets: crawled by this server into the store it holds, or, when it has Kafka settings, by the fleet (vucrawl.targets)',
        body: CRAWL_REQUEST_SCHEMA,
        response: { 202: CRAWL_JOB_SCHEMA, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA },
      },
    },
    async (req: FastifyRequest<{ Body: CrawlRequest }>, reply) =>
      reply.code(202).send(await ctx.crawls.submit(req.body)),
  );

  app.get(
    '/api/v1/crawls/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['crawls'],
        summary: 'A submitted crawl: its status and, once done, its pages and events',
        params: params({ id: { type: 'string', maxLength: 64 } }),
        response: response(CRAWL_JOB_SCHEMA),
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const job = await ctx.crawls.get(req.params.id);
      if (!job) throw notFound(`no crawl ${req.params.id.slice(0, 64)}`);
      return job;
    },
  );

  app.post(
    INTERNAL_INSERT_PATH,
    {
      config: admin,
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        tags: ['internal'],
        summary:
          "One batch of a crawl's events, as a direct insert would send it (the same user's crawls while this server holds their store)",
        querystring: querystring({
          table: { type: 'string', enum: Object.values(TABLES) },
          token: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          format: { type: 'string', enum: ['TabSeparated', 'JSONCompactEachRow'] },
        }),
        response: response({ type: 'object', properties: { ok: { type: 'boolean' } } }),
      },
    },
    async (
      req: FastifyRequest<{ Querystring: { table?: string; token?: string; format?: RowFormat }; Body: unknown }>,
    ) => {
      const { table, token, format } = req.query;
      if (!table || !token || !format || typeof req.body !== 'string' || !req.body)
        throw new HttpError(400, 'bad_request', 'needs table, token, format and a text body of rows');
      try {
        await insertBatch(
          client,
          { db, retries: 2, retryBaseMs: EVENT_STORE_DEFAULTS.retryBaseMs },
          table,
          req.body,
          token,
          format,
        );
      } catch (e) {
        ctx.log.warn(
          { table, err: (e as Error).message.slice(0, 300) },
          'a batch sent through the server was not stored',
        );
        throw new HttpError(503, 'unavailable', 'the batch was not stored; retry, or spill it');
      }
      return { ok: true };
    },
  );

  app.post(
    INTERNAL_ROWS_PATH,
    {
      config: admin,
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['internal'],
        summary:
          "Rows of the projects, brands, monitors, watches, observations and alerts tables (the same user's commands while this server holds their store)",
        querystring: querystring({ table: { type: 'string', enum: [...ALERTING_TABLES] } }),
        body: { type: 'array', maxItems: 100_000, items: { type: 'object' } },
      },
    },
    async (req: FastifyRequest<{ Querystring: { table?: AlertingTable }; Body: Record<string, unknown>[] }>) => {
      if (!req.query.table) throw new HttpError(400, 'bad_request', 'needs table');
      await insertRows(client, db, req.query.table, req.body);
      return { ok: true };
    },
  );

  app.post(
    INTERNAL_DEAD_LETTERS_PATH,
    {
      config: admin,
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['internal'],
        summary: "A crawl's dead letters",
        body: { type: 'array', maxItems: 100_000, items: { type: 'object', required: ['reason', 'at'] } },
      },
    },
    async (req: FastifyRequest<{ Body: DeadLetterRecord[] }>) => {
      await insertDeadLetters(client, db, req.body);
      return { ok: true };
    },
  );
}
