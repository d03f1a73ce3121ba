// Projects: named sets of indicators (hosts, registrable domains, IPs, tracker IDs, SHA-256s,
// favicon hashes) with tags, kept in the versioned tables `projects` and
// `project_indicators` (read through their `_current` views, schema/alerting-tables.ts). An
// indicator's kind is recognized the way `vucrawl pivot` recognizes a value (indicator.ts),
// a host that is its own registrable domain being a domain. Watches take a project's
// indicators as their values, and pivots keep the rows of a project's hosts (projectScope).
import { inScope, siteOf } from '../../capture/url.js';
import { checkName } from '../../alerting/names.js';
import {
  INDICATOR_KINDS,
  type IndicatorKind,
  type ProjectIndicator,
  type ProjectIndicators,
} from '../../alerting/project.js';
import { chTime } from '../insert.js';
import { recognize } from './indicator.js';
import { iso } from './relations.js';
import type { TableAccess } from '../access.js';

export interface ProjectSummary {
  name: string;
  description: string;
  tags: string[];
  indicators: number;
  updated_at: string;
}

export interface IndicatorRow extends ProjectIndicator {
  tags: string[];
  updated_at: string;
}

/** The hosts a project covers: its hosts (and those that showed its other indicators), and its domains with every host under them. */
export interface HostScope {
  hosts: string[];
  domains: string[];
}

export function covers(scope: HostScope, host: string): boolean {
  return scope.hosts.includes(host) || inScope(host, scope.domains);
}

export class NoSuchProject extends Error {
  constructor(readonly project: string) {
    super(`no project "${project}" (vucrawl project list shows them)`);
  }
}

/** An indicator as the store holds it, with its kind: recognized, or the kind given (e.g. a number that is a tracker ID). */
export function indicatorOf(input: string, kind?: IndicatorKind): ProjectIndicator {
  const ind = recognize(input);
  if (kind)
    return {
      kind,
      value:
        kind === 'host' || kind === 'domain' || kind === 'sha256'
          ? ind.value.toLowerCase()
          : kind === 'tracker'
            ? input.trim()
            : ind.value,
    };
  const first = ind.kinds[0]!;
  if (first === 'host') return { kind: siteOf(ind.value) === ind.value ? 'domain' : 'host', value: ind.value };
  if (first === 'cookie') return { kind: 'tracker', value: ind.value };
  return { kind: first, value: ind.value };
}

const row = (o: Record<string, unknown>, deleted = false) => ({
  ...o,
  deleted: deleted ? 1 : 0,
  changed_at: chTime(Date.now()),
});

export async function listProjects(a: TableAccess): Promise<ProjectSummary[]> {
  const rows = await a.rows<
    ProjectSummary & { indicators: string }
  >(`SELECT p.name AS name, p.description AS description, p.tags AS tags, ${iso('p.updated_at')} AS updated_at, c.n AS indicators
    FROM ${a.db}.projects_current p LEFT JOIN (SELECT project, count() AS n FROM ${a.db}.project_indicators_current GROUP BY project) c ON c.project = p.name
    ORDER BY name`);
  return rows.map((r) => ({ ...r, indicators: Number(r.indicators) }));
}

async function project(a: TableAccess, name: string): Promise<ProjectSummary | undefined> {
  return (await listProjects(a)).find((p) => p.name === name);
}

export async function createProject(
  a: TableAccess,
  name: string,
  o: { description?: string; tags?: string[] },
): Promise<void> {
  checkName('project', name);
  if (await project(a, name))
    throw new Error(`project "${name}" exists; add indicators with: vucrawl project add ${name} VALUE...`);
  await a.insert('projects', [row({ name, description: o.description ?? '', tags: o.tags ?? [] })]);
}

/** Adds (or re-tags) indicators; returns them as stored. */
export async function addIndicators(
  a: TableAccess,
  name: string,
  values: string[],
  o: { kind?: IndicatorKind; tags?: string[] },
): Promise<ProjectIndicator[]> {
  if (!(await project(a, name))) throw new NoSuchProject(name);
  const indicators = values.map((v) => indicatorOf(v, o.kind));
  await a.insert(
    'project_indicators',
    indicators.map((i) => row({ project: name, value: i.value, kind: i.kind, tags: o.tags ?? [] })),
  );
  return indicators;
}

/** Removes indicators; returns the ones the project had. */
export async function removeIndicators(a: TableAccess, name: string, values: string[]): Promise<IndicatorRow[]> {
  const { indicators } = await showProject(a, name);
  const wanted = new Set(values.flatMap((v) => [v.trim(), indicatorOf(v).value]));
  const gone = indicators.filter((i) => wanted.has(i.value));
  await a.insert(
    'project_indicators',
    gone.map((i) => row({ project: name, value: i.value, kind: i.kind, tags: i.tags }, true)),
  );
  return gone;
}

/** Removes the project and its indicators. */
export async function deleteProject(a: TableAccess, name: string): Promise<void> {
  await removeIndicators(
    a,
    name,
    (await showProject(a, name)).indicators.map((i) => i.value),
  );
  await a.insert('projects', [row({ name, description: '', tags: [] }, true)]);
}

export async function showProject(
  a: TableAccess,
  name: string,
): Promise<{ project: ProjectSummary; indicators: IndicatorRow[] }> {
  const p = await project(a, name);
  if (!p) throw new NoSuchProject(name);
  const indicators = await a.rows<IndicatorRow>(
    `SELECT value, kind, tags, ${iso('updated_at')} AS updated_at FROM ${a.db}.project_indicators_current
    WHERE project = {project:String} ORDER BY kind, value`,
    { project: name },
  );
  return { project: p, indicators };
}

/** Every project's indicators, by project (what watches resolve @PROJECT with). */
export async function allProjectIndicators(a: TableAccess): Promise<ProjectIndicators> {
  const rows = await a.rows<{
    project: string;
    value: string;
    kind: string;
  }>(`SELECT project, value, kind FROM ${a.db}.project_indicators_current
    WHERE project IN (SELECT name FROM ${a.db}.projects_current)`);
  const out = new Map<string, ProjectIndicator[]>((await listProjects(a)).map((p) => [p.name, []]));
  for (const r of rows)
    if ((INDICATOR_KINDS as readonly string[]).includes(r.kind))
      out.get(r.project)?.push({ value: r.value, kind: r.kind as IndicatorKind });
  return out;
}

/**
 * The hosts a project covers: its host indicators, the hosts seen with its IPs, tracker IDs,
 * SHA-256s (bodies and certificates) and favicon hashes, and its domains (every host under
 * them). What `pivot --project` keeps rows of.
 */
export async function projectScope(a: TableAccess, name: string): Promise<HostScope> {
  const indicators = (await allProjectIndicators(a)).get(name);
  if (!indicators) throw new NoSuchProject(name);
  const of = (kind: IndicatorKind) => indicators.filter((i) => i.kind === kind).map((i) => i.value);
  const favicons = of('favicon').map(Number);
  const seen = await a.rows<{ host: string }>(
    `SELECT DISTINCT host FROM (
      SELECT host FROM ${a.db}.host_ip_rollup WHERE ip IN {ips:Array(String)}
      UNION ALL SELECT host FROM ${a.db}.tracker_rollup WHERE value IN {trackers:Array(String)}
      UNION ALL SELECT host FROM ${a.db}.resource_rollup WHERE sha256 IN {sha:Array(String)}
      UNION ALL SELECT host FROM ${a.db}.certificate_rollup WHERE sha256 IN {sha:Array(String)}
      UNION ALL SELECT host FROM ${a.db}.favicon_rollup WHERE favicon_mmh3 IN {favicons:Array(Int32)})`,
    { ips: of('ip'), trackers: of('tracker'), sha: of('sha256'), favicons },
  );
  return { hosts: [...new Set([...of('host'), ...seen.map((r) => r.host)])].sort(), domains: of('domain') };
}
