// The lookups the CLI, the API and the web UI share, as data: each names a rollup, the
// column its value is matched on, what a row says, and where its evidence is. Two shapes:
// a value to the hosts related to it (pivots: host pairs both ways, an IP's hosts, a tracker
// ID's hosts, ...) and a host to the values it carries (its trackers, IPs, certificates);
// and components both ways: the hosts running a technology, the technologies of a host.
import type { ClickHouseClient } from '@clickhouse/client';
import { COMPONENT_CATALOG } from '../../extractor/components/catalog.js';
import type { PivotKind } from './indicator.js';
import { iso, readRelations, type Match, type Relation, type RelationOptions, type Seen } from './relations.js';

export type Direction = 'parent' | 'child';

/** A host related to the value looked up. */
export interface PivotRow extends Seen {
  kind: PivotKind;
  /** host pair cause, tracker type, "served", "certificate", "favicon", cookie domain, "resolved to". */
  relation: string;
  /** The related host (for an IP pivot: the host that answered from it). */
  host: string;
  /** For host pivots: parents (hosts that lead to VALUE) or children (hosts VALUE leads to). */
  direction: Direction | null;
  /** The value as matched in the store (with --site, the host of the site the row was found for). */
  looked_up: string;
}

/** A value a host carries (a tracker ID, an IP it answered from, a certificate, a cookie). */
export interface AttributeRow extends Seen {
  host: string;
  /** Tracker type, "ip", "certificate", "cookie". */
  type: string;
  value: string;
  /** Certificates: subject, issuer, valid_from, valid_to. */
  [detail: string]: string | number;
}

const NULL_TEXT = "CAST(NULL, 'Nullable(String)')";
const pivotFields = (
  kind: PivotKind,
  relation: string,
  host: string,
  on: string,
  direction?: Direction,
): Record<string, string> => ({
  kind: `'${kind}'`,
  relation,
  host,
  direction: direction ? `toNullable('${direction}')` : NULL_TEXT,
  looked_up: on,
});

/** Value -> related hosts. */
export const PIVOTS = {
  parents: {
    rollup: 'host_pairs_by_child',
    raw: 'host_pairs',
    on: 'child_host',
    fields: pivotFields('host', 'cause', 'parent_host', 'child_host', 'parent'),
    evidence: 'parent_url',
    filterOn: 'cause',
  },
  children: {
    rollup: 'host_pairs_by_parent',
    raw: 'host_pairs',
    on: 'parent_host',
    fields: pivotFields('host', 'cause', 'child_host', 'parent_host', 'child'),
    evidence: 'child_url',
    filterOn: 'cause',
  },
  ipHosts: {
    rollup: 'host_ip_rollup',
    raw: 'host_ips',
    on: 'ip',
    fields: pivotFields('ip', "'resolved to'", 'host', 'ip'),
    evidence: 'page_url',
  },
  trackerHosts: {
    rollup: 'tracker_rollup',
    raw: 'trackers',
    on: 'value',
    fields: pivotFields('tracker', 'type', 'host', 'value'),
    evidence: 'page_url',
    filterOn: 'type',
  },
  resourceHosts: {
    rollup: 'resource_rollup',
    raw: 'resources',
    on: 'sha256',
    fields: pivotFields('sha256', "'served'", 'host', 'sha256'),
    evidence: 'url',
  },
  certificateHosts: {
    rollup: 'certificate_rollup',
    raw: 'certificates',
    on: 'sha256',
    fields: pivotFields('sha256', "'certificate'", 'host', 'sha256'),
    evidence: 'page_url',
  },
  faviconHosts: {
    rollup: 'favicon_rollup',
    raw: 'pages',
    on: 'favicon_mmh3',
    fields: pivotFields('favicon', "'favicon'", 'host', 'favicon_mmh3'),
    evidence: 'final_url',
  },
  cookieHosts: {
    rollup: 'cookie_rollup',
    raw: 'cookies',
    on: 'name',
    fields: pivotFields('cookie', 'domain', 'host', 'name'),
    evidence: 'page_url',
    filterOn: 'domain',
  },
} as const satisfies Record<string, Relation>;

/** Host -> the values it carries (these read the rollup without its key: fine at their sizes). */
export const ATTRIBUTES = {
  trackers: {
    rollup: 'tracker_rollup',
    raw: 'trackers',
    on: 'host',
    fields: { host: 'host', type: 'type', value: 'value' },
    evidence: 'page_url',
    filterOn: 'type',
  },
  ips: {
    rollup: 'host_ip_rollup',
    raw: 'host_ips',
    on: 'host',
    fields: { host: 'host', type: "'ip'", value: 'ip' },
    evidence: 'page_url',
  },
  certificates: {
    rollup: 'certificate_rollup',
    raw: 'certificates',
    on: 'host',
    fields: { host: 'host', type: "'certificate'", value: 'sha256' },
    evidence: 'page_url',
    details: { subject: 'subject', issuer: 'issuer', valid_from: iso('valid_from'), valid_to: iso('valid_to') },
  },
  /** Cookies of a cookie domain (PassiveTotal's cookies by domain): which host set which name. */
  domainCookies: {
    rollup: 'cookie_rollup',
    raw: 'cookies',
    on: 'domain',
    fields: { host: 'host', type: "'cookie'", value: 'name' },
    evidence: 'page_url',
  },
} as const satisfies Record<string, Relation>;

/** A technology a host runs, from the component rollup. */
export interface ComponentRow extends Seen {
  host: string;
  name: string;
  /** As the evidence stated it; '' when none did. */
  version: string;
  category: string;
  /** The latest evidence: header, cookie, meta, script-url, js-global, html, favicon or request-path, and which one. */
  source: string;
  where: string;
}

const COMPONENT_FIELDS = { host: 'host', name: 'name', version: 'version', category: 'category' };
const COMPONENT_EVIDENCE = { source: 'source', where: '`where`' };
/** Components both ways: the hosts running a technology (by the rollup's key; one version with a filter), and the technologies of a host (without it, as ATTRIBUTES). */
export const COMPONENTS = {
  componentHosts: {
    rollup: 'component_rollup',
    raw: 'components',
    on: 'name',
    fields: COMPONENT_FIELDS,
    evidence: 'page_url',
    details: COMPONENT_EVIDENCE,
    filterOn: 'version',
    nullable: ['version'],
  },
  hostComponents: {
    rollup: 'component_rollup',
    raw: 'components',
    on: 'host',
    fields: COMPONENT_FIELDS,
    evidence: 'page_url',
    details: COMPONENT_EVIDENCE,
    filterOn: 'category',
    nullable: ['version'],
  },
} as const satisfies Record<string, Relation>;

export type PivotName = keyof typeof PIVOTS;
export type ComponentLookup = keyof typeof COMPONENTS;
export type AttributeName = keyof typeof ATTRIBUTES;

/** A lookup's value: one value, or with `site` a host widened to every host of its registrable domain. */
export interface LookupValue {
  value: string;
  site?: boolean;
}

const PIVOT_ORDER = ['host', 'relation', 'looked_up'];
const ATTRIBUTE_ORDER = ['value', 'type', 'host'];

/**
 * The registrable domain of a host. tldts and its suffix list take about 30 ms to load,
 * a tenth of a pivot's time from the shell: loaded only when a lookup needs a site.
 */
export async function siteOfHost(host: string): Promise<string> {
  return (await import('../../capture/url.js')).siteOf(host);
}

async function matchOf(r: Relation, v: LookupValue): Promise<{ value: string; match: Match }> {
  if (r.on === 'favicon_mmh3') return { value: v.value, match: 'int32' };
  if (r.on === 'domain') return { value: v.value.replace(/^\./, ''), match: 'domain' };
  if (v.site && /host$/.test(r.on)) return { value: await siteOfHost(v.value), match: 'site' };
  return { value: v.value, match: 'exact' };
}

/** Hosts related to values, the lookups in order, `limit` rows in all. */
export async function lookupHosts(
  client: ClickHouseClient,
  db: string,
  lookups: { name: PivotName; value: LookupValue }[],
  o: RelationOptions,
): Promise<PivotRow[]> {
  const queries = await Promise.all(
    lookups.map(async ({ name, value }) => ({ relation: PIVOTS[name], ...(await matchOf(PIVOTS[name], value)) })),
  );
  const rows = await readRelations(client, db, queries, PIVOT_ORDER, o);
  // Fields in one order whatever the relation: the CLI's table columns.
  return rows.map((r) => ({
    kind: r.kind as PivotKind,
    relation: r.relation!,
    host: r.host!,
    direction: r.direction as Direction | null,
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    observations: r.observations,
    looked_up: r.looked_up!,
    evidence_url: r.evidence_url,
    capture_id: r.capture_id,
  }));
}

/** The catalog's spelling of a technology's name typed in any case ("wordpress" -> "WordPress"); a name it lacks as given. */
export function componentName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPONENT_CATALOG.find((d) => d.name.toLowerCase() === lower)?.name ?? name.trim();
}

const COMPONENT_ORDER = ['name', 'version', 'host'];

/** Hosts running a technology (the filter: versions), or the technologies of a host (the filter: categories); most observed first. */
export async function lookupComponents(
  client: ClickHouseClient,
  db: string,
  name: ComponentLookup,
  value: LookupValue,
  o: RelationOptions,
): Promise<ComponentRow[]> {
  const r = COMPONENTS[name];
  const v = name === 'componentHosts' ? { value: componentName(value.value) } : value;
  const rows = await readRelations(client, db, [{ relation: r, ...(await matchOf(r, v)) }], COMPONENT_ORDER, o);
  return rows.map((row) => ({
    host: row.host!,
    name: row.name!,
    version: row.version!,
    category: row.category!,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    observations: row.observations,
    source: String(row.source ?? ''),
    where: String(row.where ?? ''),
    evidence_url: row.evidence_url,
    capture_id: row.capture_id,
  }));
}

/** Values a host carries. */
export async function lookupAttributes(
  client: ClickHouseClient,
  db: string,
  name: AttributeName,
  value: LookupValue,
  o: RelationOptions,
): Promise<AttributeRow[]> {
  return (await lookupAttributeLists(client, db, [name], value, o))[name];
}

/** Several lists of values a host carries, each of `limit` rows, in one query (and one for their evidence). */
export async function lookupAttributeLists<N extends AttributeName>(
  client: ClickHouseClient,
  db: string,
  names: N[],
  value: LookupValue,
  o: Omit<RelationOptions, 'each'>,
): Promise<Record<N, AttributeRow[]>> {
  const queries = await Promise.all(
    names.map(async (n) => ({ relation: ATTRIBUTES[n], ...(await matchOf(ATTRIBUTES[n], value)) })),
  );
  const rows = await readRelations(client, db, queries, ATTRIBUTE_ORDER, { ...o, each: names.length > 1 });
  return Object.fromEntries(
    names.map((n, i) => [n, rows.filter((r) => r.lookup === i).map(({ lookup: _, ...r }) => r as AttributeRow)]),
  ) as Record<N, AttributeRow[]>;
}
