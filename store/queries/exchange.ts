// What `vucrawl export` writes (STIX 2.1, MISP): the facts of one scope (a project's hosts,
// a host or site, the hosts related to an indicator, one crawl, or the alerts), each with
// its first and last sighting in the time window and the latest capture that showed it.
// Read from the raw event tables (the rollups keep no capture or URL), grouped by the fact's
// key, through TableAccess only, so it works directly and through `vucrawl serve` alike.
import { siteOf } from '../../capture/url.js';
import type { Alert } from '../../alerting/alert.js';
import { ALERT_SCHEMA } from '../../alerting/alert.js';
import type { TableAccess } from '../access.js';
import { recognize } from './indicator.js';
import { projectScope, showProject } from './projects.js';
import { iso } from './relations.js';

/** Which facts: those touching these hosts (and every host under these domains), of one crawl, the alerts only, or all. */
export type ExportScope =
  | { kind: 'hosts'; hosts: string[]; domains: string[] }
  | { kind: 'crawl'; crawl: string }
  | { kind: 'alerts' }
  | { kind: 'all' };

export type FactKind = keyof ExportFacts;

/** How to read: which kinds of fact (all when absent), and which rows the cap keeps. */
export interface ReadOptions {
  kinds?: FactKind[];
  /** Keep the facts last seen (alerts: raised) most recently when a kind holds more than the cap; else the first by key. */
  newest?: boolean;
}

export interface ExportWindow {
  /** UTC ms: observations at or after / at or before. */
  since?: number;
  until?: number;
}

/** When a fact was seen (UTC, ISO 8601), how often, and the latest capture showing it. */
export interface Sighted {
  first_seen: string;
  last_seen: string;
  observations: number;
  capture_id: string;
  /** A URL showing the fact in that capture. */
  evidence_url: string;
}

export interface HostPairFact extends Sighted {
  parent_host: string;
  child_host: string;
  cause: string;
  /** The seed tags of the captures that showed it. */
  tags: string[];
}
export interface TrackerFact extends Sighted {
  host: string;
  type: string;
  value: string;
}
export interface ComponentFact extends Sighted {
  host: string;
  name: string;
  /** '' when no evidence stated one. */
  version: string;
  category: string;
}
export interface HostIpFact extends Sighted {
  host: string;
  ip: string;
}
export interface CertificateFact extends Sighted {
  host: string;
  sha256: string;
  subject: string;
  issuer: string;
  san: string[];
  valid_from: string;
  valid_to: string;
}
export interface ResourceFact extends Sighted {
  host: string;
  url: string;
  sha256: string;
  mime: string;
  size: number;
}

/** Everything an export holds: the rows the STIX and MISP mappings (exchange/) turn into objects. */
export interface ExportFacts {
  hostPairs: HostPairFact[];
  trackers: TrackerFact[];
  components: ComponentFact[];
  hostIps: HostIpFact[];
  certificates: CertificateFact[];
  resources: ResourceFact[];
  alerts: Alert[];
}

/** A scope of hosts with what names it: a key ("project:demo", "site:shop.test"), words, and the project's tags. */
export interface NamedScope {
  scope: { kind: 'hosts'; hosts: string[]; domains: string[] };
  key: string;
  description: string;
  tags: string[];
}

/** A value that names no host (a caller's mistake, not the store's). */
export class NotAHost extends Error {
  constructor(readonly value: string) {
    super(`not a host name, IP address or URL: "${value.slice(0, 200)}"`);
  }
}

/** A project's hosts (as pivot --project keeps them), or one host (a URL is taken as its host) or, with site, its registrable domain. */
export async function namedHostScope(
  a: TableAccess,
  s: { project: string } | { host: string; site?: boolean },
): Promise<NamedScope> {
  if ('project' in s) {
    const { project } = await showProject(a, s.project);
    const hosts = await projectScope(a, s.project);
    return {
      scope: { kind: 'hosts', ...hosts },
      key: `project:${s.project}`,
      description: `project ${s.project}`,
      tags: project.tags,
    };
  }
  const host = recognize(s.host).forms.host ?? recognize(s.host).forms.ip;
  if (!host) throw new NotAHost(s.host);
  const name = s.site ? siteOf(host) : host;
  const kind = s.site ? 'site' : 'host';
  return {
    scope: { kind: 'hosts', hosts: s.site ? [] : [host], domains: s.site ? [name] : [] },
    key: `${kind}:${name}`,
    description: `${kind} ${name}`,
    tags: [],
  };
}

/** SQL: the column holds one of {hosts:Array(String)}, or a host under one of {domains:Array(String)}. */
export const hostInScope = (c: string): string =>
  `(${c} IN {hosts:Array(String)} OR arrayExists(d -> ${c} = d OR endsWith(${c}, concat('.', d)), {domains:Array(String)}))`;

/** Facts per kind at most (the server's SQL route answers 10,000 rows at most). */
export const MAX_EXPORT_ROWS = 10_000;

const SIGHTED = (evidence: string) =>
  `${iso('min(observed_at)')} AS first_seen, ${iso('max(observed_at)')} AS last_seen,
  toUInt32(uniqExact(event_id)) AS observations, argMax(capture_id, observed_at) AS capture_id,
  argMax(${evidence}, observed_at) AS evidence_url`;

/** The rows of one scope and window. */
export async function readExportFacts(
  a: TableAccess,
  scope: ExportScope,
  w: ExportWindow,
  o: ReadOptions = {},
): Promise<ExportFacts> {
  const wanted = (k: FactKind) => scope.kind !== 'alerts' && (!o.kinds || o.kinds.includes(k));
  const params: Record<string, unknown> = {
    since: w.since ?? 0,
    until: w.until ?? 0,
    limit: MAX_EXPORT_ROWS,
    ...(scope.kind === 'hosts' ? { hosts: scope.hosts, domains: scope.domains } : {}),
    ...(scope.kind === 'crawl' ? { crawl: scope.crawl } : {}),
  };
  const window = [
    w.since !== undefined ? `observed_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')` : '',
    w.until !== undefined ? `observed_at <= fromUnixTimestamp64Milli({until:Int64}, 'UTC')` : '',
  ];
  const where = (...hostColumns: string[]) =>
    [
      scope.kind === 'hosts' ? `(${hostColumns.map(hostInScope).join(' OR ')})` : '',
      scope.kind === 'crawl' ? 'crawl_id = {crawl:String}' : '',
      ...window,
    ]
      .filter(Boolean)
      .join(' AND ') || '1';
  const read = <T>(
    kind: FactKind,
    table: string,
    keys: string,
    extra: string,
    evidence: string,
    hostColumns: string[],
  ) =>
    !wanted(kind)
      ? Promise.resolve([] as T[])
      : a.rows<T>(
          `SELECT ${keys}, ${extra ? `${extra}, ` : ''}${SIGHTED(evidence)} FROM ${a.db}.${table}
          WHERE ${where(...hostColumns)} GROUP BY ${keys}
          ORDER BY ${o.newest ? 'max(observed_at) DESC, ' : ''}${keys} LIMIT {limit:UInt32}`,
          params,
        );
  const [hostPairs, trackers, components, hostIps, certificates, resources] = await Promise.all([
    read<HostPairFact>(
      'hostPairs',
      'host_pairs',
      'parent_host, child_host, cause',
      'arraySort(groupUniqArrayArray(tags)) AS tags',
      'child_url',
      ['parent_host', 'child_host'],
    ),
    read<TrackerFact>('trackers', 'trackers', 'host, type, value', '', 'page_url', ['host']),
    read<ComponentFact>(
      'components',
      'components',
      "host, name, ifNull(version, '') AS version",
      'any(category) AS category',
      'page_url',
      ['host'],
    ),
    read<HostIpFact>('hostIps', 'host_ips', 'host, ip', '', 'page_url', ['host']),
    read<CertificateFact>(
      'certificates',
      'certificates',
      'host, assumeNotNull(sha256) AS sha256',
      `any(subject) AS subject, any(issuer) AS issuer, any(san) AS san, ${iso('any(valid_from)')} AS valid_from, ${iso('any(valid_to)')} AS valid_to`,
      'page_url',
      ['host'],
    ),
    read<ResourceFact>(
      'resources',
      'resources',
      'host, url, assumeNotNull(sha256) AS sha256',
      "ifNull(any(mime), '') AS mime, toUInt64(any(size)) AS size",
      'url',
      ['host'],
    ),
  ]);
  return {
    hostPairs,
    trackers,
    components,
    hostIps,
    certificates: certificates.filter((c) => c.sha256),
    resources: resources.filter((r) => r.sha256).map((r) => ({ ...r, size: Number(r.size) })),
    alerts: scope.kind === 'alerts' || !o.kinds || o.kinds.includes('alerts') ? await readAlerts(a, scope, w, o) : [],
  };
}

/** Alerts first seen in the window: all of them, those of a crawl's captures, or those whose subject or evidence is on a host of the scope. */
async function readAlerts(a: TableAccess, scope: ExportScope, w: ExportWindow, o: ReadOptions): Promise<Alert[]> {
  const rows = await a.rows<Omit<Alert, 'schema'>>(
    `SELECT key, source_kind, source, rule, subject, scope, details, ${iso('first_seen')} AS first_seen,
      ${iso('raised_at')} AS raised_at, capture_id, urls
    FROM (SELECT * FROM ${a.db}.alerts WHERE first_seen >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
      AND first_seen <= fromUnixTimestamp64Milli({until:Int64}, 'UTC') ORDER BY raised_at LIMIT 1 BY key)
    ${scope.kind === 'crawl' ? `WHERE capture_id IN (SELECT capture_id FROM ${a.db}.pages WHERE crawl_id = {crawl:String})` : ''}
    ORDER BY ${o.newest ? 'raised_at DESC, ' : ''}first_seen, key LIMIT {limit:UInt32}`,
    {
      since: w.since ?? 0,
      until: w.until ?? 8_000_000_000_000,
      limit: MAX_EXPORT_ROWS,
      ...(scope.kind === 'crawl' ? { crawl: scope.crawl } : {}),
    },
  );
  const alerts: Alert[] = rows.map((r) => ({ schema: ALERT_SCHEMA, ...r }));
  if (scope.kind !== 'hosts') return alerts;
  const inScope = (h: string) => scope.hosts.includes(h) || scope.domains.some((d) => h === d || h.endsWith(`.${d}`));
  return alerts.filter((al) => [al.subject, al.scope, ...al.urls].some((v) => inScope(hostOf(v))));
}

/** The host of a URL, or the text in lower case (a host, or something else that matches no host). */
function hostOf(v: string): string {
  try {
    return new URL(v).hostname.toLowerCase();
  } catch {
    return v.toLowerCase();
  }
}
