// The API's JSON Schemas: request parts shared by routes (windows, pages, hosts) and
// response shapes. A capture's events reuse the event schemas of extractor/events.ts, the
// contract every other consumer reads. Responses are serialized through these schemas,
// so only declared fields ever leave the server.
import { EVENT_SCHEMAS, type EventType } from '../extractor/events.js';
import { KIND_NAMES, MAX_INDICATOR_LENGTH } from '../store/queries/indicator.js';

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

const text = (description: string, maxLength = 512) => ({ type: 'string', maxLength, description }) as const;

/** Query parts: a time window (PassiveTotal's start and end), a page of rows, a host widened to its site. */
export const WINDOW = {
  start: text(
    'keep rows last seen at or after this time (ISO 8601 date or date-time, UTC unless it says otherwise)',
    40,
  ),
  end: text('keep rows first seen at or before this time', 40),
} as const;
export const PAGE = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: 'rows in this page' },
  cursor: text('next_cursor of the previous page (opaque)', 200),
} as const;
export const SITE = {
  site: { type: 'boolean', default: false, description: 'widen a host to every host of its registrable domain' },
} as const;
export const DIRECTION = {
  direction: {
    type: 'string',
    enum: ['parents', 'children'],
    description: 'parents: hosts that lead to the host; children: hosts it leads to; both when absent',
  },
} as const;

export const querystring = <P extends Record<string, object>>(properties: P) =>
  ({ type: 'object', additionalProperties: false, properties }) as const;
export const params = <P extends Record<string, object>>(properties: P) =>
  ({ type: 'object', required: Object.keys(properties), properties }) as const;

export const HOST_PARAM = text('a host name, an IP address, or a URL (taken as its host)', MAX_INDICATOR_LENGTH);
export const VALUE_PARAM = text('the value as an analyst would type it', MAX_INDICATOR_LENGTH);
export const SHA256_PARAM = { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256, hex' } as const;

const TIMES = {
  first_seen: { type: 'string', description: 'UTC, ISO 8601' },
  last_seen: { type: 'string', description: 'UTC, ISO 8601' },
  observations: { type: 'integer' },
} as const;
const EVIDENCE = {
  evidence_url: { type: 'string', description: 'one URL showing the relation (empty when its raw rows are gone)' },
  capture_id: { type: 'string', description: 'the capture that evidence comes from: GET /api/v1/captures/{id}' },
} as const;
const SEEN = { ...TIMES, ...EVIDENCE } as const;

export const PIVOT_ROW = {
  type: 'object',
  description: 'A host related to the value looked up.',
  required: ['kind', 'relation', 'host', 'direction', 'looked_up', ...Object.keys(SEEN)],
  properties: {
    kind: { type: 'string', enum: Object.keys(KIND_NAMES), description: 'what the value was looked up as' },
    relation: {
      type: 'string',
      description: 'host-pair cause, tracker type, served, certificate, favicon, cookie domain, resolved to',
    },
    host: { type: 'string', description: 'the related host' },
    direction: {
      type: ['string', 'null'],
      enum: ['parent', 'child', null],
      description: 'host pairs: parent (leads to the value) or child',
    },
    ...TIMES,
    looked_up: {
      type: 'string',
      description: 'the value as matched in the store (with site=true, the host of the site)',
    },
    ...EVIDENCE,
  },
} as const;

export const ATTRIBUTE_ROW = {
  type: 'object',
  description: 'A value a host carries.',
  required: ['host', 'type', 'value', ...Object.keys(SEEN)],
  properties: {
    host: { type: 'string' },
    type: { type: 'string', description: 'tracker type, ip, certificate, cookie' },
    value: { type: 'string' },
    ...SEEN,
    subject: { type: 'string' },
    issuer: { type: 'string' },
    valid_from: { type: 'string' },
    valid_to: { type: 'string' },
  },
} as const;

export const COMPONENT_ROW = {
  type: 'object',
  description: 'A technology a host runs (component events), with its latest evidence.',
  required: ['host', 'name', 'version', 'category', 'source', 'where', ...Object.keys(SEEN)],
  properties: {
    host: { type: 'string' },
    name: {
      type: 'string',
      description: 'the technology, as the component catalog names it (nginx, WordPress, jQuery, ...)',
    },
    version: { type: 'string', description: 'as the evidence stated it; empty when none did' },
    category: { type: 'string', description: 'Server, Framework, JavaScript Library, CMS, ...' },
    ...TIMES,
    source: {
      type: 'string',
      description: 'what showed it, latest: header, cookie, meta, script-url, js-global, html, favicon, request-path',
    },
    where: { type: 'string', description: 'which header, cookie, meta tag or global; the URL for the others' },
    ...EVIDENCE,
  },
} as const;

/** A page of rows: the results and the cursor of the next page (null on the last). */
export const listOf = (item: object, extra: Record<string, object> = {}) =>
  ({
    type: 'object',
    required: [...Object.keys(extra), 'results', 'next_cursor'],
    properties: { ...extra, results: { type: 'array', items: item }, next_cursor: { type: ['string', 'null'] } },
  }) as const;

export const PAGE_SUMMARY = {
  type: 'object',
  required: ['visits', 'first_seen', 'last_seen', 'titles', 'final_urls', 'statuses'],
  properties: {
    visits: { type: 'integer' },
    first_seen: { type: ['string', 'null'] },
    last_seen: { type: ['string', 'null'] },
    titles: { type: 'array', items: { type: 'string' } },
    final_urls: { type: 'array', items: { type: 'string' } },
    statuses: { type: 'array', items: { type: 'integer' } },
  },
} as const;

export const PAGE_VISIT = {
  type: 'object',
  properties: {
    observed_at: { type: 'string' },
    url: { type: 'string' },
    final_url: { type: 'string' },
    status: { type: ['integer', 'null'] },
    outcome: { type: 'string' },
    title: { type: ['string', 'null'] },
    capture_id: { type: 'string' },
  },
} as const;

export const SERVED_URL = {
  type: 'object',
  properties: { url: { type: 'string' }, host: { type: 'string' }, ...SEEN },
} as const;

export const SIMILAR_PAGE = {
  type: 'object',
  description: 'A page whose screenshot looks like the one looked up (its closest screenshot, over its visits).',
  required: ['distance', 'host', 'url', 'phash', 'screenshot_sha256', ...Object.keys(TIMES), 'capture_id'],
  properties: {
    distance: { type: 'integer', description: "bits (of 64) its screenshot's perceptual hash differs in" },
    host: { type: 'string' },
    url: { type: 'string', description: 'the page as it was shown (its final URL)' },
    phash: { type: 'string', description: "that screenshot's perceptual hash, 16 hex digits" },
    screenshot_sha256: {
      type: 'string',
      description: 'its SHA-256: the file screenshots/<sha256>.png in the output folder of the crawl that took it',
    },
    ...TIMES,
    capture_id: EVIDENCE.capture_id,
  },
} as const;

export const REPORT = {
  type: 'object',
  description: 'Everything known about one indicator.',
  required: ['indicator', 'value', 'kind', 'looked_up_as', 'description', 'first_seen', 'last_seen', 'hosts'],
  properties: {
    indicator: { type: 'string', description: 'the value as given' },
    value: { type: 'string', description: 'what was looked up' },
    kind: PIVOT_ROW.properties.kind,
    looked_up_as: { type: 'array', items: PIVOT_ROW.properties.kind },
    description: { type: 'string' },
    first_seen: { type: ['string', 'null'] },
    last_seen: { type: ['string', 'null'] },
    hosts: { type: 'array', items: PIVOT_ROW },
    trackers: { type: 'array', items: ATTRIBUTE_ROW },
    ips: { type: 'array', items: ATTRIBUTE_ROW },
    certificates: { type: 'array', items: ATTRIBUTE_ROW },
    pages: PAGE_SUMMARY,
  },
} as const;

/** An event schema as a response schema: the same properties and rules, without the draft and id keywords. */
function eventSchema(t: EventType): object {
  return Object.fromEntries(Object.entries(EVENT_SCHEMAS[t]).filter(([k]) => !k.startsWith('$')));
}

export const CAPTURE_RECORD = {
  type: 'object',
  description:
    'Everything the store holds for one capture, each event as its schema (schemas/*.schema.json) defines it.',
  required: [
    'capture_id',
    'page',
    'host_pairs',
    'trackers',
    'resources',
    'cookies',
    'host_ips',
    'certificates',
    'components',
    'cloakings',
    'impersonations',
  ],
  properties: {
    capture_id: { type: 'string' },
    page: { anyOf: [eventSchema('page'), { type: 'null' }] },
    host_pairs: { type: 'array', items: eventSchema('host_pair') },
    trackers: { type: 'array', items: eventSchema('tracker') },
    resources: { type: 'array', items: eventSchema('resource') },
    cookies: { type: 'array', items: eventSchema('cookie') },
    host_ips: { type: 'array', items: eventSchema('host_ip') },
    certificates: { type: 'array', items: eventSchema('certificate') },
    components: { type: 'array', items: eventSchema('component') },
    cloakings: {
      type: 'array',
      items: eventSchema('cloaking'),
      description:
        'the cloaking event of the comparison this capture is the reference visit of, if its visits diverged',
    },
    impersonations: {
      type: 'array',
      items: eventSchema('impersonation'),
      description:
        "the verdict on a brand's look-alike domain when this capture is the victim's visit it was judged by",
    },
  },
} as const;

export const CLOAKING_EVENT = eventSchema('cloaking');

export const COMPARISON = {
  type: 'object',
  description:
    'The visits of one comparison crawl side by side (the reference first), and its cloaking event when they diverged.',
  required: ['comparison_id', 'cloaking', 'visits'],
  properties: {
    comparison_id: { type: 'string' },
    cloaking: { anyOf: [CLOAKING_EVENT, { type: 'null' }] },
    visits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['profile', 'capture_id', 'page', 'host_pairs', 'only'],
        properties: {
          profile: { type: 'string', description: 'the virtual user that made the visit' },
          capture_id: { type: 'string' },
          page: { anyOf: [eventSchema('page'), { type: 'null' }] },
          host_pairs: { type: 'array', items: eventSchema('host_pair') },
          only: {
            type: 'array',
            items: { type: 'string' },
            description: 'child hosts this visit reached and some other visit did not',
          },
        },
      },
    },
  },
} as const;

/** The fields of the impersonation event, by name: a brand's variant rows reuse them. */
const IMPERSONATION_FIELDS = (EVENT_SCHEMAS.impersonation as { properties: Record<string, object> }).properties;

export const BRAND = {
  type: 'object',
  description: 'A brand that brand protection watches over (vucrawl brand add).',
  required: ['name', 'domains', 'keywords', 'logo_files', 'logo_phashes', 'project', 'updated_at'],
  properties: {
    name: { type: 'string' },
    domains: { type: 'array', items: { type: 'string' }, description: 'its official domains' },
    keywords: { type: 'array', items: { type: 'string' } },
    logo_files: { type: 'array', items: { type: 'string' }, description: "the logos' file names, as given" },
    logo_phashes: { type: 'array', items: { type: 'string' }, description: "the logos' perceptual hashes, in order" },
    project: { type: 'string', description: "the project its findings go to; '' when none" },
    updated_at: { type: 'string', description: 'UTC, ISO 8601' },
  },
} as const;

const SCREENSHOT_SHA256 = {
  type: ['string', 'null'],
  description: 'SHA-256 of a screenshot: GET /api/v1/screenshots/{sha256}; null when there is none',
} as const;

/** A brand's official page's screenshot. */
export const PAGE_SCREENSHOT = {
  type: 'object',
  required: ['host', 'url', 'screenshot_sha256', 'phash', 'capture_id', 'observed_at'],
  properties: {
    host: { type: 'string' },
    url: { type: 'string', description: 'the page as it was shown (its final URL)' },
    screenshot_sha256: { type: 'string', description: SCREENSHOT_SHA256.description },
    phash: { type: 'string', description: "the screenshot's perceptual hash, 16 hex digits" },
    capture_id: EVIDENCE.capture_id,
    observed_at: { type: 'string', description: 'UTC, ISO 8601' },
  },
} as const;

export const BRAND_VARIANT = {
  type: 'object',
  description:
    "A domain brand runs judged for the brand: its latest verdict (the impersonation event's fields), and screenshots.",
  required: [
    'domain',
    'fuzzer',
    'verdict',
    'score',
    'reasons',
    'signals',
    'registered_at',
    'registrar',
    'final_url',
    'capture_id',
    'first_seen',
    'last_seen',
    'screenshot_sha256',
    'official_screenshot_sha256',
  ],
  properties: {
    ...Object.fromEntries(
      ['domain', 'fuzzer', 'verdict', 'score', 'reasons', 'signals', 'registered_at', 'registrar', 'final_url'].map(
        (k) => [k, IMPERSONATION_FIELDS[k]!],
      ),
    ),
    capture_id: { type: 'string', description: "the victim's visit judged: GET /api/v1/captures/{id}" },
    first_seen: { type: 'string', description: 'its first verdict, UTC, ISO 8601' },
    last_seen: { type: 'string', description: 'its latest verdict, UTC, ISO 8601' },
    screenshot_sha256: {
      ...SCREENSHOT_SHA256,
      description: `the visit's screenshot. ${SCREENSHOT_SHA256.description}`,
    },
    official_screenshot_sha256: {
      ...SCREENSHOT_SHA256,
      description: `of the official screenshots (official), the one its screenshot is nearest to by perceptual hash. ${SCREENSHOT_SHA256.description}`,
    },
  },
} as const;

export const BRAND_VIEW = {
  type: 'object',
  description:
    'A brand, the latest screenshot of each of its official hosts, and every variant judged, highest score first.',
  required: ['brand', 'official', 'results'],
  properties: {
    brand: BRAND,
    official: { type: 'array', items: PAGE_SCREENSHOT },
    results: { type: 'array', items: BRAND_VARIANT },
  },
} as const;
