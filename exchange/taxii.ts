// TAXII 2.1 (OASIS) over vucrawl's STIX objects, the protocol's rules as pure functions:
// the collections (fixed ones per kind of fact, one per project, deterministic ids), the
// media types and what an Accept header may ask for, object versions, the filters
// (added_after, match[id|type|version|spec_version]), manifest records and pages (a `next`
// token continues after the last object of the page, so objects added meanwhile are not
// skipped and none is served twice). server/routes/taxii.ts serves them; docs/exchange.md
// has the protocol as vucrawl speaks it.
import { createHash } from 'node:crypto';
import type { FactKind } from '../store/queries/exchange.js';
import { factUuid } from './ids.js';
import type { DatedObject } from './stix.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** A TAXII collection resource (TAXII 2.1 §5.2.1). */
export interface TaxiiCollection {
  id: string;
  title: string;
  description: string;
  alias: string;
  can_read: true;
  can_write: false;
  media_types: string[];
}

/** A collection and what it serves: kinds of fact of the whole store, or a project's. */
export interface CollectionSource {
  collection: TaxiiCollection;
  kinds?: FactKind[];
  project?: string;
  /** The labels of its SDOs and relationships (a project's tags). */
  tags?: string[];
}

const collection = (alias: string, title: string, description: string): TaxiiCollection => ({
  id: factUuid('taxii-collection', alias),
  title,
  description,
  alias,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

/** The collections of every store, in the order they are listed. */
export const FACT_COLLECTIONS: CollectionSource[] = [
  {
    collection: collection(
      'host-pairs',
      'Host pairs',
      'Which host led a browser to which (script, iframe, redirect, link, ...): relationships between domain-name and IP objects, with the cause.',
    ),
    kinds: ['hostPairs'],
  },
  {
    collection: collection(
      'trackers',
      'Trackers',
      'Hosts that carry tracker IDs (analytics, tag managers, ad accounts): domain-name and IP objects with the IDs in the vucrawl extension.',
    ),
    kinds: ['trackers'],
  },
  {
    collection: collection(
      'components',
      'Components',
      'Technologies hosts run (servers, frameworks, libraries, CMS): domain-name and IP objects with the components in the vucrawl extension.',
    ),
    kinds: ['components'],
  },
  {
    collection: collection(
      'alerts',
      'Alerts',
      "What monitors and watches raised: an indicator and its sighting per alert, with the alert's evidence.",
    ),
    kinds: ['alerts'],
  },
];

/** A project's collection: every fact on its hosts (what `vucrawl export --project` holds). */
export function projectCollection(name: string, description: string, tags: string[]): CollectionSource {
  return {
    collection: {
      ...collection(
        `project-${name}`,
        `Project ${name}`,
        `Everything seen on the hosts of project ${name}${description ? ` (${description})` : ''}: host pairs, addresses, certificates, bodies, trackers, components and alerts.`,
      ),
      id: factUuid('taxii-collection', 'project', name),
    },
    project: name,
    tags,
  };
}

/** Whether an Accept header admits the media type (TAXII's without a version is its latest, 2.1); none admits all. */
export function accepts(accept: string | undefined, mediaType: string = TAXII_MEDIA_TYPE): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  const [wantType, ...wantParams] = mediaType.split(';');
  const version = wantParams.find((p) => p.startsWith('version='))?.slice('version='.length);
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim().replace(/^"|"$/g, ''))));
    if (p.q !== undefined && Number(p.q) === 0) return false;
    if (type === '*/*' || type === 'application/*') return true;
    return type === wantType && (p.version === undefined || p.version === version);
  });
}

/** An object's version (TAXII 2.1 §3.4.1): its modified time, else its created time, else when it was added. */
export function versionOf(d: DatedObject): string {
  const { modified, created } = d.object;
  return typeof modified === 'string' ? modified : typeof created === 'string' ? created : d.added;
}

/** What a request asks for (TAXII 2.1 §3.4). */
export interface ObjectFilter {
  /** UTC ms: only objects added after this time. */
  addedAfter?: number;
  ids?: string[];
  types?: string[];
  /** last, first, all or times: the store holds one version of each object, the current one, so all three name it. */
  versions?: string[];
  specVersions?: string[];
}

const ms = (t: string) => Date.parse(t);

/** The objects that pass the filter, in the order TAXII pages them: when added, then id. */
export function select(objects: DatedObject[], f: ObjectFilter): DatedObject[] {
  const versionTimes = (f.versions ?? []).filter((v) => !['first', 'last', 'all'].includes(v)).map(ms);
  const anyVersion = !f.versions?.length || f.versions.some((v) => ['first', 'last', 'all'].includes(v));
  return objects
    .filter(
      (d) =>
        (f.addedAfter === undefined || ms(d.added) > f.addedAfter) &&
        (!f.ids?.length || f.ids.includes(d.object.id)) &&
        (!f.types?.length || f.types.includes(d.object.type)) &&
        (!f.specVersions?.length || f.specVersions.includes(String(d.object.spec_version ?? '2.1'))) &&
        (anyVersion || versionTimes.includes(ms(versionOf(d)))),
    )
    .sort((a, b) => ms(a.added) - ms(b.added) || (a.object.id < b.object.id ? -1 : a.object.id > b.object.id ? 1 : 0));
}

/** A manifest record (TAXII 2.1 §5.3.1). */
export function manifestRecord(d: DatedObject) {
  return { id: d.object.id, date_added: d.added, version: versionOf(d), media_type: STIX_MEDIA_TYPE };
}

/** Where a page ends: the last object served, and the request it belongs to. */
interface Position {
  /** date_added of the last object served. */
  d: string;
  /** Its id. */
  i: string;
  /** A fingerprint of the request (its path and filters, limit and next aside). */
  f: string;
}

export class BadNext extends Error {}

/** A fingerprint of a request's path and filters: a `next` token is only good for the request that gave it. */
export function requestFingerprint(path: string, filters: object): string {
  const rest = Object.entries(filters)
    .filter(([k, v]) => k !== 'next' && k !== 'limit' && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([path, rest]))
    .digest('base64url')
    .slice(0, 12);
}

export interface Page {
  objects: DatedObject[];
  more: boolean;
  /** The token of the next page, when there is one. */
  next?: string;
}

/** One page of selected objects: those after the `next` token's position, at most `limit`. */
export function pageOf(selected: DatedObject[], limit: number, fingerprint: string, next?: string): Page {
  let rest = selected;
  if (next !== undefined) {
    let p: Partial<Position>;
    try {
      p = JSON.parse(Buffer.from(next, 'base64url').toString('utf8')) as Partial<Position>;
    } catch {
      throw new BadNext('next is not a token this server gave');
    }
    if (typeof p.d !== 'string' || typeof p.i !== 'string' || p.f !== fingerprint || Number.isNaN(ms(p.d)))
      throw new BadNext('next is not a token this server gave for this request');
    const d = ms(p.d);
    const id = p.i;
    rest = selected.filter((o) => ms(o.added) > d || (ms(o.added) === d && o.object.id > id));
  }
  const objects = rest.slice(0, limit);
  const more = rest.length > limit;
  const last = objects.at(-1);
  return {
    objects,
    more,
    ...(more && last
      ? {
          next: Buffer.from(
            JSON.stringify({ d: last.added, i: last.object.id, f: fingerprint } satisfies Position),
          ).toString('base64url'),
        }
      : {}),
  };
}

/** A TAXII error message (TAXII 2.1 §3.6.1). */
export interface TaxiiError {
  title: string;
  description: string;
  http_status: string;
  error_code?: string;
}

export function taxiiError(status: number, code: string, description: string): TaxiiError {
  return { title: TITLES[status] ?? 'Error', description, http_status: String(status), error_code: code };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
