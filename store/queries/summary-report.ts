// What the report for people (`vucrawl report`, GET /ui/report) shows of one scope (a
// project, a monitor's targets, a host or site) in a time window: the host pairs, trackers
// and components seen in it, each marked new when the store holds no earlier sighting, the
// alerts first seen in it, and the pages visited (the evidence, screenshots where taken).
// Not report.ts, which is the indicator report of the API. The facts come from the export
// query (exchange.ts), read up to the window's end so that first_seen is the first sighting
// ever: a fact is in the window when last seen in it, and new when first seen in it.
import { parseHttpUrl } from '../../capture/url.js';
import type { Alert } from '../../alerting/alert.js';
import { parseDuration } from '../../runtime/duration.js';
import type { TableAccess } from '../access.js';
import {
  type ComponentFact,
  type HostPairFact,
  hostInScope,
  MAX_EXPORT_ROWS,
  type NamedScope,
  namedHostScope,
  readExportFacts,
  type TrackerFact,
} from './exchange.js';
import { listMonitors } from './monitors.js';
import { dateMs } from './pivot.js';
import { iso } from './relations.js';

/** What a report is about: exactly one of these. */
export type ReportSubject = { project: string } | { monitor: string } | { host: string; site?: boolean };

/** A monitor name the store does not hold. */
export class NoSuchMonitor extends Error {
  constructor(readonly monitor: string) {
    super(`no monitor "${monitor}" (vucrawl monitor list shows them)`);
  }
}

/** A --since / since= the report cannot read. */
export class BadWindow extends Error {}

/** The window a report covers unless told otherwise: the last week. */
export const DEFAULT_SINCE = '7d';

/** The start of the window: a duration back from now (7d, 24h) or a date (UTC). */
export function windowStart(since: string, now: number): number {
  const back = parseDuration(since);
  if (back !== undefined) return now - back;
  try {
    return dateMs(since)!;
  } catch {
    throw new BadWindow(
      `since needs a duration back from now (7d, 24h) or a date (2026-11-01), got "${since.slice(0, 60)}"`,
    );
  }
}

export type Marked<T> = T & { new: boolean };

/** A visit of a page of the scope in the window. */
export interface ReportPage {
  capture_id: string;
  observed_at: string;
  host: string;
  url: string;
  final_url: string;
  status: number | null;
  outcome: string;
  title: string | null;
  /** The file screenshots/<sha256>.png of its crawl's output folder, when one was taken. */
  screenshot_sha256: string | null;
}

export interface ReportHost {
  host: string;
  first_seen: string;
  new: boolean;
}

export interface SummaryReport {
  /** "project demo", "monitor shop", "host www.shop.test", "site shop.test". */
  title: string;
  scope: {
    kind: 'project' | 'monitor' | 'host' | 'site';
    name: string;
    hosts: string[];
    domains: string[];
    /** A monitor's URLs. */
    urls: string[];
    tags: string[];
  };
  /** UTC, ISO 8601. */
  since: string;
  until: string;
  generated_at: string;
  hosts: ReportHost[];
  hostPairs: Marked<HostPairFact>[];
  trackers: Marked<TrackerFact>[];
  components: Marked<ComponentFact>[];
  alerts: Alert[];
  /** Newest first, at most MAX_PAGES; pageCount counts them all. */
  pages: ReportPage[];
  pageCount: number;
  /** Kinds of fact cut at the export's cap (the newest kept). */
  capped: string[];
}

/** Visits listed at most. */
export const MAX_PAGES = 200;

/** The report's data for one subject and window (until: now when absent). */
export async function readSummaryReport(
  a: TableAccess,
  subject: ReportSubject,
  w: { since: number; until?: number },
): Promise<SummaryReport> {
  const now = Date.now();
  const until = w.until ?? now;
  const { named, kind, name, urls, monitor } = await resolveSubject(a, subject);
  const facts = await readExportFacts(
    a,
    named.scope,
    { until },
    { newest: true, kinds: ['hostPairs', 'trackers', 'components', ...(monitor ? [] : (['alerts'] as const))] },
  );
  const sinceIso = new Date(w.since).toISOString();
  // ISO 8601 UTC strings of one format compare as times.
  const mark = <T extends { first_seen: string; last_seen: string }>(rows: T[]): Marked<T>[] =>
    rows.filter((r) => r.last_seen >= sinceIso).map((r) => ({ ...r, new: r.first_seen >= sinceIso }));
  const alerts = (
    monitor
      ? (await readExportFacts(a, { kind: 'all' }, { since: w.since, until }, { kinds: ['alerts'] })).alerts.filter(
          (al) => al.source_kind === 'monitor' && al.source === monitor,
        )
      : facts.alerts
  ).filter((al) => al.first_seen >= sinceIso);
  const hostPairs = mark(facts.hostPairs);
  const trackers = mark(facts.trackers);
  const components = mark(facts.components);
  const firstSeen = new Map<string, string>();
  const sighted = (host: string, at: string) => {
    const was = firstSeen.get(host);
    if (was === undefined || at < was) firstSeen.set(host, at);
  };
  for (const p of hostPairs) for (const h of [p.parent_host, p.child_host]) sighted(h, p.first_seen);
  for (const f of [...trackers, ...components]) sighted(f.host, f.first_seen);
  const { pages, count } = await readPages(a, named.scope, w.since, until);
  for (const p of pages) sighted(p.host, p.observed_at);
  return {
    title: `${kind} ${name}`,
    scope: { kind, name, hosts: named.scope.hosts, domains: named.scope.domains, urls, tags: named.tags },
    since: sinceIso,
    until: new Date(until).toISOString(),
    generated_at: new Date(now).toISOString(),
    hosts: [...firstSeen]
      .map(([host, first]) => ({ host, first_seen: first, new: first >= sinceIso }))
      .sort((x, y) => (x.host < y.host ? -1 : 1)),
    hostPairs,
    trackers,
    components,
    alerts,
    pages,
    pageCount: count,
    capped: Object.entries(facts)
      .filter(([, rows]) => rows.length >= MAX_EXPORT_ROWS)
      .map(([k]) => k),
  };
}

async function resolveSubject(
  a: TableAccess,
  s: ReportSubject,
): Promise<{
  named: NamedScope;
  kind: SummaryReport['scope']['kind'];
  name: string;
  urls: string[];
  monitor?: string;
}> {
  if ('monitor' in s) {
    const m = (await listMonitors(a)).find((x) => x.name === s.monitor);
    if (!m) throw new NoSuchMonitor(s.monitor);
    // A monitor with URLs watches their hosts; one without, its project's (docs/alerts.md).
    const named = m.urls.length
      ? {
          scope: {
            kind: 'hosts' as const,
            hosts: [...new Set(m.urls.flatMap((u) => parseHttpUrl(u)?.hostname ?? []))].sort(),
            domains: [],
          },
          key: `monitor:${m.name}`,
          description: `monitor ${m.name}`,
          tags: [],
        }
      : await namedHostScope(a, { project: m.project });
    return { named, kind: 'monitor', name: m.name, urls: m.urls, monitor: m.name };
  }
  const named = await namedHostScope(a, s);
  const [kind, name] = named.key.split(/:(.*)/s) as ['project' | 'host' | 'site', string];
  return { named, kind, name, urls: [] };
}

async function readPages(
  a: TableAccess,
  scope: NamedScope['scope'],
  since: number,
  until: number,
): Promise<{ pages: ReportPage[]; count: number }> {
  const where = `${hostInScope('host')} AND observed_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
    AND observed_at <= fromUnixTimestamp64Milli({until:Int64}, 'UTC')`;
  const params = { hosts: scope.hosts, domains: scope.domains, since, until, limit: MAX_PAGES };
  const [pages, [n]] = await Promise.all([
    a.rows<ReportPage>(
      // The window is applied inside: the ISO text's alias would shadow the column in a WHERE beside it.
      `SELECT capture_id, ${iso('observed_at')} AS observed_at, host, url, final_url, status, outcome, title, screenshot_sha256
      FROM (SELECT * FROM ${a.db}.pages WHERE ${where} ORDER BY observed_at DESC, capture_id LIMIT {limit:UInt32})
      ORDER BY observed_at DESC, capture_id`,
      params,
    ),
    a.rows<{ n: string }>(`SELECT count() AS n FROM ${a.db}.pages WHERE ${where}`, params),
  ]);
  return { pages, count: Number(n?.n ?? 0) };
}
