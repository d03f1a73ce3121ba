// Monitors in the store: their definitions in the versioned table `monitors` (read through
// `monitors_current`), and what each visit of their URLs showed in `monitor_observations`
// (alerting/observation.ts, written by sinks/clickhouse/observations.ts), which the next
// visit of the same URL is compared with.
import { parseHttpUrl } from '../../capture/url.js';
import { parseMonitorRule } from '../../alerting/monitor-rules.js';
import { checkName } from '../../alerting/names.js';
import { CONTENT_OUTCOMES, type Observation } from '../../alerting/observation.js';
import type { Previous } from '../../alerting/monitor-rules.js';
import { chTime } from '../insert.js';
import { NoSuchProject, listProjects } from './projects.js';
import { iso } from './relations.js';
import type { TableAccess } from '../access.js';

export interface MonitorDefinition {
  name: string;
  /** Its URLs, or (when empty) https://HOST/ for each host and domain of its project. */
  urls: string[];
  project: string;
  every_ms: number;
  /** Rules as written (alerting/monitor-rules.ts). */
  rules: string[];
  /** Virtual-user profile of its visits. */
  profile: string;
}

export interface MonitorRow extends MonitorDefinition {
  updated_at: string;
  /** When its URLs were last visited (null: never). */
  last_run: string | null;
}

const now = () => chTime(Date.now());

export async function listMonitors(a: TableAccess): Promise<MonitorRow[]> {
  const rows = await a.rows<MonitorRow & { every_ms: string }>(
    `SELECT m.name AS name, m.urls AS urls, m.project AS project, m.every_ms AS every_ms, m.rules AS rules,
      m.profile AS profile, ${iso('m.updated_at')} AS updated_at, if(isNull(o.last), NULL, ${iso('o.last')}) AS last_run
    FROM ${a.db}.monitors_current m
    LEFT JOIN (SELECT monitor, toNullable(max(observed_at)) AS last FROM ${a.db}.monitor_observations GROUP BY monitor) o ON o.monitor = m.name
    ORDER BY name`,
    {},
  );
  return rows.map((r) => ({ ...r, every_ms: Number(r.every_ms) }));
}

/** Checks and stores a new monitor (its name, URLs or project, rules). */
export async function addMonitor(a: TableAccess, m: MonitorDefinition): Promise<void> {
  checkName('monitor', m.name);
  if (!m.urls.length && !m.project)
    throw new Error(`monitor ${m.name}: give its URLs (--url) or a project (--project)`);
  for (const u of m.urls)
    if (!parseHttpUrl(u)) throw new Error(`monitor ${m.name}: "${u.slice(0, 200)}" is not an http(s) URL`);
  if (m.project && !(await listProjects(a)).some((p) => p.name === m.project)) throw new NoSuchProject(m.project);
  if (!m.rules.length) throw new Error(`monitor ${m.name}: give at least one rule (--alert RULE)`);
  for (const r of m.rules) parseMonitorRule(r);
  if (m.every_ms <= 0) throw new Error(`monitor ${m.name}: --every must be longer than 0`);
  if ((await listMonitors(a)).some((x) => x.name === m.name))
    throw new Error(`monitor "${m.name}" exists; remove it first (vucrawl monitor remove ${m.name})`);
  await a.insert('monitors', [{ ...m, deleted: 0, changed_at: now() }]);
}

export async function removeMonitor(a: TableAccess, name: string): Promise<void> {
  if (!(await listMonitors(a)).some((x) => x.name === name))
    throw new Error(`no monitor "${name}" (vucrawl monitor list shows them)`);
  await a.insert('monitors', [
    { name, urls: [], project: '', every_ms: 0, rules: [], profile: '', deleted: 1, changed_at: now() },
  ]);
}

const OBSERVATION_COLUMNS = `monitor, url, toUnixTimestamp64Milli(observed_at) AS observed_at, capture_id, crawl_id, final_url, status, outcome, title, children,
  trackers, redirect_hosts, body_sha256, dom_sha256, favicon_mmh3, cert_sha256, terms, cloaking`;

/** The earlier visits each URL's next visit is compared with: the latest of any outcome, and the latest that showed the page. */
export async function previousVisits(a: TableAccess, monitor: string, urls: string[]): Promise<Map<string, Previous>> {
  const latest = async (contentOnly: boolean) =>
    a.rows<Observation & { observed_at: string }>(
      `SELECT ${OBSERVATION_COLUMNS} FROM ${a.db}.monitor_observations
    WHERE monitor = {monitor:String} AND url IN {urls:Array(String)} ${contentOnly ? 'AND outcome IN {content:Array(String)}' : ''}
    ORDER BY observed_at DESC LIMIT 1 BY url`,
      { monitor, urls, content: [...CONTENT_OUTCOMES] },
    );
  const [any, content] = await Promise.all([latest(false), latest(true)]);
  const out = new Map<string, Previous>();
  for (const [key, rows] of [
    ['any', any],
    ['content', content],
  ] as const) {
    for (const r of rows) out.set(r.url, { ...out.get(r.url), [key]: { ...r, observed_at: Number(r.observed_at) } });
  }
  return out;
}
