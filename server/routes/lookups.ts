// The enrichment API (read keys): PassiveTotal's lookups where they exist (host pairs with
// direction, start, end and cause; trackers of a host and hosts of a tracker; cookies by
// name and by domain; hosts and URLs of a body; passive DNS both ways; certificates both
// ways; components both ways), a host's page history, one capture's detail, one document per indicator, and the
// neighbourhood graph of the web UI. Every route is a row of data below or a short handler
// over the shared lookup logic (store/queries/), which the CLI runs too.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DirectStore } from '../../store/direct.js';
import { neighbourhood } from '../../store/queries/graph.js';
import { describeLookup, recognize } from '../../store/queries/indicator.js';
import {
  lookupAttributes,
  lookupComponents,
  lookupHosts,
  type AttributeName,
  type LookupValue,
  type PivotName,
} from '../../store/queries/lookups.js';
import { pivotLookups } from '../../store/queries/pivot.js';
import { covers, NoSuchProject, projectScope } from '../../store/queries/projects.js';
import { captureRecord, pageSummary, pageVisits, servedUrls } from '../../store/queries/records.js';
import { indicatorReport } from '../../store/queries/report.js';
import {
  DEFAULT_SIMILAR_DISTANCE,
  describeSimilar,
  MAX_SIMILAR_DISTANCE,
  similarHash,
  similarInput,
  similarPages,
} from '../../store/queries/similar.js';
import type { ServerContext } from '../context.js';
import { badRequest, ERROR_SCHEMA, notFound } from '../errors.js';
import { paged, type PageQuery } from '../paging.js';
import {
  ATTRIBUTE_ROW,
  CAPTURE_RECORD,
  COMPONENT_ROW,
  DIRECTION,
  HOST_PARAM,
  listOf,
  PAGE,
  PAGE_SUMMARY,
  PAGE_VISIT,
  params,
  PIVOT_ROW,
  querystring,
  REPORT,
  SERVED_URL,
  SHA256_PARAM,
  SIMILAR_PAGE,
  SITE,
  VALUE_PARAM,
  WINDOW,
  MAX_LIMIT,
  DEFAULT_LIMIT,
} from '../schemas.js';
import { hostValue, ipValue, windowOf, type WindowQuery } from '../values.js';

type Query = WindowQuery & PageQuery & { site?: boolean; direction?: 'parents' | 'children'; filter?: string[] };
type Request = FastifyRequest<{ Params: Record<string, string>; Querystring: Query }>;

const FILTER = (what: string) =>
  ({
    type: 'array',
    items: { type: 'string', maxLength: 128 },
    maxItems: 50,
    description: `keep only rows with this ${what} (repeatable)`,
  }) as const;
const pathOf = (req: FastifyRequest) => req.url.split('?')[0]!;

/** A list of hosts related to a value: the lookups it runs, the parameter it reads, the filter it takes. */
interface HostsRoute {
  url: string;
  summary: string;
  param: [name: string, schema: object];
  /** The value as the lookups match it. */
  value: (raw: string) => string;
  lookups: (value: string, q: Query) => { name: PivotName; value: LookupValue }[];
  filter?: [param: string, what: string];
  query?: Record<string, object>;
}

const lower = (s: string) => s.toLowerCase();

const HOSTS_ROUTES: HostsRoute[] = [
  {
    url: '/api/v1/hosts/:host/pairs',
    summary:
      'Host pairs of a host: the hosts that lead to it (parents) and that it leads to (children), with the cause',
    param: ['host', HOST_PARAM],
    value: hostValue,
    filter: ['cause', 'host-pair cause'],
    query: { ...DIRECTION, ...SITE },
    lookups: (v, q) =>
      (['parents', 'children'] as const)
        .filter((d) => !q.direction || q.direction === d)
        .map((name) => ({ name, value: { value: v, site: q.site } })),
  },
  {
    url: '/api/v1/trackers/:value/hosts',
    summary: 'Hosts that carry a tracker ID (reverse tracker pivot)',
    param: ['value', VALUE_PARAM],
    value: (s) => s,
    filter: ['type', 'tracker type'],
    lookups: (v) => [{ name: 'trackerHosts', value: { value: v } }],
  },
  {
    url: '/api/v1/cookies/name/:name',
    summary: 'Hosts that set a cookie of this name',
    param: ['name', VALUE_PARAM],
    value: (s) => s,
    filter: ['domain', 'cookie domain'],
    lookups: (v) => [{ name: 'cookieHosts', value: { value: v } }],
  },
  {
    url: '/api/v1/resources/:sha256/hosts',
    summary: 'Hosts that served a body with this SHA-256',
    param: ['sha256', SHA256_PARAM],
    value: lower,
    lookups: (v) => [{ name: 'resourceHosts', value: { value: v } }],
  },
  {
    url: '/api/v1/ips/:ip/hosts',
    summary: 'Hosts that answered from an IP address (passive DNS as the browser saw it)',
    param: ['ip', VALUE_PARAM],
    value: ipValue,
    lookups: (v) => [{ name: 'ipHosts', value: { value: v } }],
  },
  {
    url: '/api/v1/certificates/:sha256/hosts',
    summary: 'Hosts that presented the certificate with this SHA-256 (DER fingerprint)',
    param: ['sha256', SHA256_PARAM],
    value: lower,
    lookups: (v) => [{ name: 'certificateHosts', value: { value: v } }],
  },
];

/** A list of values a host carries. */
const ATTRIBUTE_ROUTES: {
  url: string;
  summary: string;
  name: AttributeName;
  param: [string, object];
  value: (raw: string) => string;
  filter?: [string, string];
  site?: boolean;
}[] = [
  {
    url: '/api/v1/hosts/:host/trackers',
    summary: 'Trackers of a host: analytics, ad and verification IDs found on its pages and requests',
    name: 'trackers',
    param: ['host', HOST_PARAM],
    value: hostValue,
    filter: ['type', 'tracker type'],
    site: true,
  },
  {
    url: '/api/v1/hosts/:host/ips',
    summary: 'IP addresses a host answered from',
    name: 'ips',
    param: ['host', HOST_PARAM],
    value: hostValue,
    site: true,
  },
  {
    url: '/api/v1/hosts/:host/certificates',
    summary: 'Certificates a host presented, with subject, issuer and validity',
    name: 'certificates',
    param: ['host', HOST_PARAM],
    value: hostValue,
    site: true,
  },
  {
    url: '/api/v1/cookies/domain/:domain',
    summary: 'Cookies of a cookie domain: which host set which name',
    name: 'domainCookies',
    param: ['domain', HOST_PARAM],
    value: hostValue,
  },
];

/** Answers kept until the store is written to (server/answer-cache.ts). */
const read = { access: 'read', cached: true } as const;
const response = (ok: object) => ({ 200: ok, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA });

export function lookupRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { client } = ctx.store.store;
  const { db } = ctx.store;
  // The server's own store, as a command that holds it sees it (the same stats, the same project scopes).
  const access = new DirectStore(ctx.store);
  const filterOf = (q: Query, name?: string) =>
    name ? (q as unknown as Record<string, string[] | undefined>)[name] : undefined;

  for (const r of HOSTS_ROUTES) {
    app.get(
      r.url,
      {
        config: read,
        schema: {
          tags: ['lookups'],
          summary: r.summary,
          params: params({ [r.param[0]]: r.param[1] }),
          querystring: querystring({
            ...WINDOW,
            ...PAGE,
            ...r.query,
            ...(r.filter ? { [r.filter[0]]: FILTER(r.filter[1]) } : {}),
          }),
          response: response(listOf(PIVOT_ROW)),
        },
      },
      async (req: Request) => {
        const value = r.value(req.params[r.param[0]]!);
        return paged(pathOf(req), req.query, (limit, offset) =>
          lookupHosts(client, db, r.lookups(value, req.query), {
            ...windowOf(req.query),
            limit,
            offset,
            filter: filterOf(req.query, r.filter?.[0]),
          }),
        );
      },
    );
  }

  for (const r of ATTRIBUTE_ROUTES) {
    app.get(
      r.url,
      {
        config: read,
        schema: {
          tags: ['lookups'],
          summary: r.summary,
          params: params({ [r.param[0]]: r.param[1] }),
          querystring: querystring({
            ...WINDOW,
            ...PAGE,
            ...(r.site ? SITE : {}),
            ...(r.filter ? { [r.filter[0]]: FILTER(r.filter[1]) } : {}),
          }),
          response: response(listOf(ATTRIBUTE_ROW)),
        },
      },
      async (req: Request) => {
        const value = { value: r.value(req.params[r.param[0]]!), site: req.query.site };
        return paged(pathOf(req), req.query, (limit, offset) =>
          lookupAttributes(client, db, r.name, value, {
            ...windowOf(req.query),
            limit,
            offset,
            filter: filterOf(req.query, r.filter?.[0]),
          }),
        );
      },
    );
  }

  app.get(
    '/api/v1/components/:name/hosts',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          'Hosts running a technology (its name in any case: nginx, WordPress, jQuery, ...), optionally one version',
        params: params({ name: VALUE_PARAM }),
        querystring: querystring({
          ...WINDOW,
          ...PAGE,
          version: {
            type: 'string',
            maxLength: 128,
            description: 'only this version (empty: the rows no evidence stated a version for)',
          },
        }),
        response: response(listOf(COMPONENT_ROW)),
      },
    },
    async (req: FastifyRequest<{ Params: { name: string }; Querystring: Query & { version?: string } }>) => {
      const { version } = req.query;
      return paged(pathOf(req), req.query, (limit, offset) =>
        lookupComponents(
          client,
          db,
          'componentHosts',
          { value: req.params.name },
          { ...windowOf(req.query), limit, offset, filter: version === undefined ? undefined : [version] },
        ),
      );
    },
  );

  app.get(
    '/api/v1/hosts/:host/components',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          'Components of a host: the server, frameworks, libraries, CMS, ... its responses and pages showed, with versions where stated',
        params: params({ host: HOST_PARAM }),
        querystring: querystring({ ...WINDOW, ...PAGE, ...SITE, category: FILTER('component category') }),
        response: response(listOf(COMPONENT_ROW)),
      },
    },
    async (req: FastifyRequest<{ Params: { host: string }; Querystring: Query & { category?: string[] } }>) => {
      const value = { value: hostValue(req.params.host), site: req.query.site };
      return paged(pathOf(req), req.query, (limit, offset) =>
        lookupComponents(client, db, 'hostComponents', value, {
          ...windowOf(req.query),
          limit,
          offset,
          filter: req.query.category,
        }),
      );
    },
  );

  app.get(
    '/api/v1/pivot/:value',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary: "Hosts related to any value, recognized by its shape (the CLI's pivot)",
        params: params({ value: VALUE_PARAM }),
        querystring: querystring({
          ...WINDOW,
          ...PAGE,
          ...DIRECTION,
          ...SITE,
          relation: FILTER('relation (cause, tracker type, cookie domain)'),
          project: {
            type: 'string',
            maxLength: 100,
            description: "keep, of this page's rows, those whose host the project covers (vucrawl pivot --project)",
          },
        }),
        response: response(
          listOf(PIVOT_ROW, {
            indicator: REPORT.properties.indicator,
            value: REPORT.properties.value,
            kind: REPORT.properties.kind,
            looked_up_as: REPORT.properties.looked_up_as,
            description: REPORT.properties.description,
          }),
        ),
      },
    },
    async (
      req: FastifyRequest<{
        Params: { value: string };
        Querystring: Query & { relation?: string[]; project?: string };
      }>,
    ) => {
      const ind = recognize(req.params.value);
      const scope =
        req.query.project === undefined
          ? undefined
          : await projectScope(access, req.query.project).catch((e: Error) => {
              throw e instanceof NoSuchProject ? notFound(e.message) : e;
            });
      const page = await paged(pathOf(req), req.query, (limit, offset) =>
        lookupHosts(client, db, pivotLookups(ind, req.query), {
          ...windowOf(req.query),
          limit,
          offset,
          filter: req.query.relation,
        }),
      );
      const results = scope ? page.results.filter((r) => covers(scope, r.host)) : page.results;
      return {
        indicator: ind.input,
        value: ind.value,
        kind: ind.kinds[0],
        looked_up_as: ind.kinds,
        description: describeLookup(ind, req.query.site),
        ...page,
        results,
      };
    },
  );

  app.get(
    '/api/v1/indicator/:value',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          'Everything known about one indicator (host, URL, IP, tracker ID, SHA-256, favicon hash, cookie name) in one document',
        params: params({ value: VALUE_PARAM }),
        querystring: querystring({
          ...WINDOW,
          ...SITE,
          limit: {
            type: 'integer',
            minimum: 1,
            maximum: MAX_LIMIT,
            default: DEFAULT_LIMIT,
            description: 'rows per list',
          },
        }),
        response: response(REPORT),
      },
    },
    async (
      req: FastifyRequest<{ Params: { value: string }; Querystring: WindowQuery & { site?: boolean; limit: number } }>,
    ) => {
      windowOf(req.query);
      return indicatorReport(client, db, req.params.value, {
        since: req.query.start,
        until: req.query.end,
        site: req.query.site,
        limit: req.query.limit,
      });
    },
  );

  app.get(
    '/api/v1/hosts/:host/pages',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          "A host's page history: first and last seen, titles, final URLs, statuses, and every visit (newest first)",
        params: params({ host: HOST_PARAM }),
        querystring: querystring({ ...WINDOW, ...PAGE }),
        response: response(listOf(PAGE_VISIT, { host: { type: 'string' }, ...PAGE_SUMMARY.properties })),
      },
    },
    async (req: Request) => {
      const host = hostValue(req.params.host!);
      const w = windowOf(req.query);
      const summary = await pageSummary(client, db, host, w);
      return {
        host,
        ...summary,
        ...(await paged(pathOf(req), req.query, (limit, offset) =>
          pageVisits(client, db, host, { ...w, limit, offset }),
        )),
      };
    },
  );

  app.get(
    '/api/v1/similar/:value',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary:
          "Pages that look alike: screenshots whose perceptual hash is within distance bits of a page's (by URL: its latest screenshot) or of a hash (16 hex digits)",
        params: params({ value: VALUE_PARAM }),
        querystring: querystring({
          ...WINDOW,
          ...PAGE,
          distance: {
            type: 'integer',
            minimum: 0,
            maximum: MAX_SIMILAR_DISTANCE,
            default: DEFAULT_SIMILAR_DISTANCE,
            description: "the most bits (of 64) a screenshot's hash may differ in",
          },
        }),
        response: response(
          listOf(SIMILAR_PAGE, {
            value: { type: 'string', description: 'the value as given' },
            phash: {
              type: ['string', 'null'],
              description: 'the hash compared with; null when the store holds no screenshot of the page',
            },
            distance: { type: 'integer' },
            description: { type: 'string' },
          }),
        ),
      },
    },
    async (
      req: FastifyRequest<{ Params: { value: string }; Querystring: WindowQuery & PageQuery & { distance: number } }>,
    ) => {
      const input = similarInput(req.params.value);
      if (!input)
        throw badRequest(
          `not a page URL (http(s)://...) or a perceptual hash (16 hex digits): "${req.params.value.slice(0, 100)}"`,
        );
      const { distance } = req.query;
      const w = windowOf(req.query);
      const phash = await similarHash(client, db, input);
      const page =
        phash === null
          ? { results: [], next_cursor: null }
          : await paged(pathOf(req), req.query, (limit, offset) =>
              similarPages(client, db, phash, { ...w, distance, limit, offset }),
            );
      return {
        value: req.params.value,
        phash,
        distance,
        description: describeSimilar(input, phash, distance),
        ...page,
      };
    },
  );

  app.get(
    '/api/v1/resources/:sha256/urls',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary: 'URLs that served a body with this SHA-256',
        params: params({ sha256: SHA256_PARAM }),
        querystring: querystring({ ...PAGE }),
        response: response(listOf(SERVED_URL)),
      },
    },
    async (req: Request) =>
      paged(pathOf(req), req.query, (limit, offset) =>
        servedUrls(client, db, req.params.sha256!.toLowerCase(), { limit, offset }),
      ),
  );

  app.get(
    '/api/v1/captures/:id',
    {
      config: read,
      schema: {
        tags: ['lookups'],
        summary: 'One capture: its page event and every other event of it, in the event schemas',
        params: params({ id: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' } }),
        response: response(CAPTURE_RECORD),
      },
    },
    async (req: FastifyRequest<{ Params: { id: string } }>) => {
      const record = await captureRecord(client, db, req.params.id);
      if (!record) throw notFound(`the store holds no capture ${req.params.id}`);
      return record;
    },
  );

  app.get(
    '/api/v1/graph/:host',
    {
      config: read,
      schema: {
        tags: ['ui'],
        summary:
          "A host's neighbourhood: host pairs up to N hops both ways, and the trackers and bodies that link its hosts",
        params: params({ host: HOST_PARAM }),
        querystring: querystring({
          hops: { type: 'integer', minimum: 1, maximum: 3, default: 2 },
          max_nodes: { type: 'integer', minimum: 2, maximum: 300, default: 120 },
        }),
      },
    },
    async (req: FastifyRequest<{ Params: { host: string }; Querystring: { hops: number; max_nodes: number } }>) =>
      neighbourhood(client, db, hostValue(req.params.host), { hops: req.query.hops, maxNodes: req.query.max_nodes }),
  );

  app.get(
    '/api/v1/stats',
    {
      // Not kept: its sizes change as the engine merges parts, without a write.
      config: { access: 'read' },
      schema: {
        tags: ['store'],
        summary: 'Which store the server holds, its schema version and what each table holds',
      },
    },
    () => access.stats(),
  );
}
