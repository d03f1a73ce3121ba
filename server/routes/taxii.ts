// TAXII 2.1 (read-only): a discovery resource at /taxii2/, one API root (/taxii2/vucrawl/)
// whose collections are the host pairs, trackers, components and alerts of the store and
// each project's facts, served as the STIX objects `vucrawl export --format stix` makes
// (exchange/stix.ts), each dated by the latest observation of its facts. Threat-intel
// platforms poll a collection with added_after and page with next. Read keys suffice (the
// same keys as /api/v1; TAXII clients may send one as the password of HTTP Basic), every
// answer is application/taxii+json;version=2.1, errors included (TAXII's error message).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toStixObjects, type DatedObject } from '../../exchange/stix.js';
import {
  accepts,
  BadNext,
  FACT_COLLECTIONS,
  manifestRecord,
  pageOf,
  projectCollection,
  requestFingerprint,
  select,
  TAXII_MEDIA_TYPE,
  versionOf,
  type CollectionSource,
  type ObjectFilter,
} from '../../exchange/taxii.js';
import { DirectStore } from '../../store/direct.js';
import { MAX_EXPORT_ROWS, readExportFacts, type ExportScope } from '../../store/queries/exchange.js';
import { listProjects, projectScope } from '../../store/queries/projects.js';
import type { ServerContext } from '../context.js';
import { badRequest, HttpError, notFound } from '../errors.js';

export const TAXII_PREFIX = '/taxii2/';
export const API_ROOT = `${TAXII_PREFIX}vucrawl/`;
/** Objects a page holds at most (and when the request names no limit). */
export const TAXII_MAX_LIMIT = 1000;

const config = { access: 'read', taxii: true } as const;
/** What the OpenAPI document says of every TAXII route: its media type, and that a key may come as Basic's password. */
const DOC = {
  tags: ['taxii'],
  produces: [TAXII_MEDIA_TYPE],
  security: [{ bearer: [] }, { basic: [] }] as Record<string, string[]>[],
};

const OBJECT = { type: 'object', additionalProperties: true, description: 'a STIX 2.1 object' } as const;
export const TAXII_ERROR_SCHEMA = {
  type: 'object',
  description: "TAXII's error message: every TAXII route's errors (application/taxii+json;version=2.1).",
  required: ['title', 'http_status'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    http_status: { type: 'string' },
    error_code: { type: 'string', description: "the same code as the /api/v1 error's" },
  },
} as const;
const COLLECTION = {
  type: 'object',
  required: ['id', 'title', 'can_read', 'can_write', 'media_types'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    description: { type: 'string' },
    alias: { type: 'string' },
    can_read: { type: 'boolean' },
    can_write: { type: 'boolean' },
    media_types: { type: 'array', items: { type: 'string' } },
  },
} as const;
const ENVELOPE = {
  type: 'object',
  description:
    'A page of objects, oldest added first; more: true and next when there are more (pass next back with the same filters).',
  required: ['more', 'objects'],
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string' },
    objects: { type: 'array', items: OBJECT },
  },
} as const;
const MANIFEST = {
  type: 'object',
  required: ['more', 'objects'],
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string' },
    objects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'date_added', 'version', 'media_type'],
        properties: {
          id: { type: 'string' },
          date_added: { type: 'string' },
          version: { type: 'string' },
          media_type: { type: 'string' },
        },
      },
    },
  },
} as const;
const VERSIONS = {
  type: 'object',
  required: ['more', 'versions'],
  properties: { more: { type: 'boolean' }, versions: { type: 'array', items: { type: 'string' } } },
} as const;
const response = (ok: object) => ({ 200: ok, '4xx': TAXII_ERROR_SCHEMA, '5xx': TAXII_ERROR_SCHEMA });

const list = (description: string) =>
  ({ type: 'array', items: { type: 'string', maxLength: 10_000 }, maxItems: 20, description }) as const;
const FILTERS = {
  added_after: {
    type: 'string',
    maxLength: 40,
    description: 'only objects added after this time (RFC 3339, UTC): what was observed since, see docs/exchange.md',
  },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: TAXII_MAX_LIMIT,
    default: TAXII_MAX_LIMIT,
    description: 'objects in this page at most',
  },
  next: { type: 'string', maxLength: 1000, description: 'next of the previous page (opaque)' },
  'match[spec_version]': list('spec versions, comma-separated: every object is 2.1'),
} as const;
const OBJECT_FILTERS = {
  ...FILTERS,
  'match[id]': list('object ids, comma-separated'),
  'match[type]': list('object types, comma-separated (domain-name, relationship, indicator, ...)'),
  'match[version]': list(
    'last, first, all or versions (times), comma-separated: the store keeps the current version of each object only, which is its first, last and all',
  ),
} as const;
const querystring = (properties: object) => ({ type: 'object', additionalProperties: false, properties }) as const;
const COLLECTION_PARAM = { id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$', description: 'a collection id' } };
const OBJECT_PARAM = {
  ...COLLECTION_PARAM,
  object_id: { type: 'string', pattern: '^[a-z0-9-]{1,250}--[0-9a-fA-F-]{36}$', description: 'a STIX id' },
};
const params = (properties: Record<string, object>) =>
  ({ type: 'object', required: Object.keys(properties), properties }) as const;

interface Filters {
  added_after?: string;
  limit: number;
  next?: string;
  'match[id]'?: string[];
  'match[type]'?: string[];
  'match[version]'?: string[];
  'match[spec_version]'?: string[];
}
type CollectionRequest = FastifyRequest<{ Params: { id: string; object_id?: string }; Querystring: Filters }>;

/** Values of a repeatable, comma-separated match parameter. */
const values = (v: string[] | undefined) =>
  v
    ?.flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

function filterOf(q: Filters): ObjectFilter {
  let addedAfter: number | undefined;
  if (q.added_after !== undefined) {
    addedAfter = Date.parse(q.added_after);
    if (!/^\d{4}-\d\d-\d\dT/.test(q.added_after) || Number.isNaN(addedAfter))
      throw badRequest('added_after is not a timestamp (RFC 3339, e.g. 2026-11-01T00:00:00.000Z)');
  }
  const versions = values(q['match[version]']);
  for (const v of versions ?? [])
    if (!['first', 'last', 'all'].includes(v) && Number.isNaN(Date.parse(v)))
      throw badRequest(`match[version] takes last, first, all or a timestamp, not "${v.slice(0, 40)}"`);
  return {
    addedAfter,
    ids: values(q['match[id]']),
    types: values(q['match[type]']),
    versions,
    specVersions: values(q['match[spec_version]']),
  };
}

/** 406 unless the request accepts TAXII's media type. */
async function negotiate(req: FastifyRequest): Promise<void> {
  if (!accepts(req.headers.accept))
    throw new HttpError(
      406,
      'not_acceptable',
      `TAXII resources are ${TAXII_MEDIA_TYPE}; the request accepts only ${String(req.headers.accept).slice(0, 200)}`,
    );
}

/** The page's headers: the date_added of its first and last object. */
function dateHeaders(reply: FastifyReply, objects: DatedObject[]): void {
  if (!objects.length) return;
  reply.header('x-taxii-date-added-first', objects[0]!.added);
  reply.header('x-taxii-date-added-last', objects.at(-1)!.added);
}

/** `maxContentLength`: the largest body the server takes (the API root says it; nothing is posted to TAXII here). */
export function taxiiRoutes(app: FastifyInstance, ctx: ServerContext, maxContentLength: number): void {
  const a = new DirectStore(ctx.store);
  const route = { config, onRequest: negotiate };
  const base = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  async function sources(): Promise<CollectionSource[]> {
    const projects = await listProjects(a);
    return [...FACT_COLLECTIONS, ...projects.map((p) => projectCollection(p.name, p.description, p.tags))];
  }
  async function source(id: string): Promise<CollectionSource> {
    const s = (await sources()).find((c) => c.collection.id === id.toLowerCase());
    if (!s) throw notFound(`no collection ${id} in API root ${API_ROOT} (GET ${API_ROOT}collections/ lists them)`);
    return s;
  }
  /** Every object of a collection with its date_added, as the store holds them now. */
  async function objectsOf(s: CollectionSource): Promise<DatedObject[]> {
    const scope: ExportScope = s.project ? { kind: 'hosts', ...(await projectScope(a, s.project)) } : { kind: 'all' };
    const facts = await readExportFacts(a, scope, {}, { kinds: s.kinds, newest: true });
    for (const [kind, rows] of Object.entries(facts))
      if (rows.length >= MAX_EXPORT_ROWS)
        ctx.log.warn(
          { collection: s.collection.alias, kind, limit: MAX_EXPORT_ROWS },
          'TAXII collection holds the facts of this kind seen most recently only',
        );
    return toStixObjects(facts, { labels: s.tags ?? [] });
  }
  /** The collection's objects a request selects, and its page. */
  async function selected(req: CollectionRequest, extra: ObjectFilter = {}) {
    const filter = { ...filterOf(req.query), ...extra };
    const all = await objectsOf(await source(req.params.id));
    const fingerprint = requestFingerprint(req.url.split('?')[0]!, req.query);
    try {
      return { all, page: pageOf(select(all, filter), req.query.limit, fingerprint, req.query.next) };
    } catch (e) {
      if (e instanceof BadNext) throw badRequest(e.message);
      throw e;
    }
  }

  app.get(
    TAXII_PREFIX,
    {
      ...route,
      schema: {
        ...DOC,
        summary: 'TAXII 2.1 discovery: the API root this server has',
        response: response({
          type: 'object',
          required: ['title', 'api_roots'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            default: { type: 'string' },
            api_roots: { type: 'array', items: { type: 'string' } },
          },
        }),
      },
    },
    async (req) => ({
      title: 'vucrawl TAXII 2.1',
      description:
        'What vucrawl crawls observed (host pairs, trackers, components, alerts, projects) as STIX 2.1, read-only.',
      default: `${base(req)}${API_ROOT}`,
      api_roots: [`${base(req)}${API_ROOT}`],
    }),
  );

  app.get(
    API_ROOT,
    {
      ...route,
      schema: {
        ...DOC,
        summary: "TAXII 2.1 API root: vucrawl's collections",
        response: response({
          type: 'object',
          required: ['title', 'versions', 'max_content_length'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            versions: { type: 'array', items: { type: 'string' } },
            max_content_length: { type: 'integer' },
          },
        }),
      },
    },
    async () => ({
      title: 'vucrawl',
      description:
        'Collections of the host pairs, trackers, components and alerts of the store, and one per project. Read-only.',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: maxContentLength,
    }),
  );

  app.get(
    `${API_ROOT}collections/`,
    {
      ...route,
      schema: {
        ...DOC,
        summary: 'TAXII 2.1 collections: host pairs, trackers, components, alerts, and one per project',
        response: response({
          type: 'object',
          properties: { collections: { type: 'array', items: COLLECTION } },
        }),
      },
    },
    async () => ({ collections: (await sources()).map((s) => s.collection) }),
  );

  app.get<{ Params: { id: string } }>(
    `${API_ROOT}collections/:id/`,
    {
      ...route,
      schema: {
        ...DOC,
        summary: 'One TAXII 2.1 collection',
        params: params(COLLECTION_PARAM),
        response: response(COLLECTION),
      },
    },
    async (req) => (await source(req.params.id)).collection,
  );

  app.get(
    `${API_ROOT}collections/:id/objects/`,
    {
      ...route,
      schema: {
        ...DOC,
        summary: "A collection's STIX objects, oldest added first, a page at a time",
        params: params(COLLECTION_PARAM),
        querystring: querystring(OBJECT_FILTERS),
        response: response(ENVELOPE),
      },
    },
    async (req: CollectionRequest, reply) => {
      const { page } = await selected(req);
      dateHeaders(reply, page.objects);
      return envelope(
        page.more,
        page.next,
        page.objects.map((d) => d.object),
      );
    },
  );

  app.get(
    `${API_ROOT}collections/:id/manifest/`,
    {
      ...route,
      schema: {
        ...DOC,
        summary: "A collection's manifest: each object's id, date_added and version",
        params: params(COLLECTION_PARAM),
        querystring: querystring(OBJECT_FILTERS),
        response: response(MANIFEST),
      },
    },
    async (req: CollectionRequest, reply) => {
      const { page } = await selected(req);
      dateHeaders(reply, page.objects);
      return envelope(page.more, page.next, page.objects.map(manifestRecord));
    },
  );

  const { 'match[id]': _id, 'match[type]': _type, ...OBJECT_QUERY } = OBJECT_FILTERS;
  app.get(
    `${API_ROOT}collections/:id/objects/:object_id/`,
    {
      ...route,
      schema: {
        ...DOC,
        summary: 'One object of a collection',
        params: params(OBJECT_PARAM),
        querystring: querystring(OBJECT_QUERY),
        response: response(ENVELOPE),
      },
    },
    async (req: CollectionRequest, reply) => {
      const id = req.params.object_id!;
      const { all, page } = await selected(req, { ids: [id] });
      if (!all.some((d) => d.object.id === id)) throw notFound(`collection ${req.params.id} holds no object ${id}`);
      dateHeaders(reply, page.objects);
      return envelope(
        page.more,
        page.next,
        page.objects.map((d) => d.object),
      );
    },
  );

  const { 'match[version]': _version, ...VERSIONS_QUERY } = OBJECT_QUERY;
  app.get(
    `${API_ROOT}collections/:id/objects/:object_id/versions/`,
    {
      ...route,
      schema: {
        ...DOC,
        summary: "An object's versions: the store keeps its current one",
        params: params(OBJECT_PARAM),
        querystring: querystring(VERSIONS_QUERY),
        response: response(VERSIONS),
      },
    },
    async (req: CollectionRequest, reply) => {
      const id = req.params.object_id!;
      const { all, page } = await selected(req, { ids: [id] });
      if (!all.some((d) => d.object.id === id)) throw notFound(`collection ${req.params.id} holds no object ${id}`);
      dateHeaders(reply, page.objects);
      return { more: page.more, versions: page.objects.map(versionOf) };
    },
  );
}

/** A TAXII envelope (or manifest): `next` only when there is more. */
function envelope<T>(more: boolean, next: string | undefined, objects: T[]) {
  return { more, ...(more && next ? { next } : {}), objects };
}
