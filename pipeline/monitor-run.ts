// Monitors run: each due monitor's URLs are crawled (their pages only, with the monitor's
// profile) into a folder of its own, and each new capture is compared with the previous
// observation of the same URL; what changed, per the monitor's rules, is raised as alerts.
// The comparison reads each capture (the page's text included) with its events as the
// crawl hands them to its outputs (a CaptureObserver), so it does not wait for the events
// to reach the store, and works whether they go to the store or to Kafka. When a
// fleet runs (`fleet`: workers in the crawler group), the monitor's pages are handed to it
// and compared from the events the workers publish (fleet/follow-crawl.ts): the captures
// stay on the workers' machines, so keyword and regex rules read the page's title only.
import type { Logger } from 'pino';
import { toAlert, type Alert } from '../alerting/alert.js';
import { compareVisits, comparesVisits, parseMonitorRule, termRules } from '../alerting/monitor-rules.js';
import { eventsOf, observe } from '../alerting/observation.js';
import { pageText } from '../extractor/page-text.js';
import { OWN_KINDS } from '../alerting/project.js';
import { VICTIM, type CrawlOptions } from '../crawler/options.js';
import type { SeedInput } from '../seeds/seed-file.js';
import type { AlertDelivery } from '../sinks/alerts/delivery.js';
import { insertObservations } from '../sinks/clickhouse/observations.js';
import { listMonitors, previousVisits, type MonitorRow } from '../store/queries/monitors.js';
import { showProject } from '../store/queries/projects.js';
import type { StoreAccess } from '../store/access.js';
import { outPaths } from '../runtime/out-paths.js';
import type { EventOf, VucrawlEvent } from '../extractor/events.js';
import { CapturedVisits } from './captured-visits.js';
import { CrawlRun, type EventDestination } from './crawl-run.js';
import { followFleetCrawl, type FleetHandOff } from './fleet/follow-crawl.js';

export interface MonitorRunOptions {
  crawl: CrawlOptions;
  /** Each monitor crawls into OUT/<monitor>/. */
  outDir: string;
  to: EventDestination;
  /** Every monitor counts as due. */
  force?: boolean;
  /** Hand the pages to the fleet's workers through Kafka instead of crawling them here; wait at most timeoutMs for them. */
  fleet?: FleetHandOff;
}

/** One visit's events and, for keyword and regex rules, the page's text. */
interface Visit {
  events: VucrawlEvent[];
  text: () => string;
  /** Of a comparison's first visit: whether the comparison found cloaking. */
  cloaking: boolean | null;
}

/** Waiting for the rest of a capture's events once its page event arrived: they are published together. */
const FLEET_QUIET_MS = 2_000;

export interface MonitorRunResult {
  monitor: string;
  pages: number;
  /** Observations compared with an earlier one (the others were baselines). */
  compared: number;
  alerts: Alert[];
}

/** Whether a monitor is due at `now`: never run, or its interval has passed since its last run. */
function isDue(m: Pick<MonitorRow, 'last_run' | 'every_ms'>, now: number): boolean {
  return m.last_run === null || Date.parse(m.last_run) + m.every_ms <= now;
}

/** A monitor's URLs: its own, or https://HOST/ for each host and domain of its project. */
async function monitorUrls(a: StoreAccess, m: MonitorRow): Promise<string[]> {
  if (m.urls.length) return m.urls;
  const { indicators } = await showProject(a, m.project);
  return indicators.filter((i) => OWN_KINDS.includes(i.kind)).map((i) => `https://${i.value}/`);
}

/** Runs the due monitors one after another. */
export async function runDueMonitors(
  a: StoreAccess,
  delivery: AlertDelivery,
  o: MonitorRunOptions,
  log: Logger,
): Promise<MonitorRunResult[]> {
  const now = Date.now();
  const due = (await listMonitors(a)).filter((m) => o.force || isDue(m, now));
  const results: MonitorRunResult[] = [];
  for (const m of due) results.push(await runMonitor(a, delivery, m, o, log));
  return results;
}

async function runMonitor(
  a: StoreAccess,
  delivery: AlertDelivery,
  m: MonitorRow,
  o: MonitorRunOptions,
  log: Logger,
): Promise<MonitorRunResult> {
  const rules = m.rules.map(parseMonitorRule);
  const urls = await monitorUrls(a, m);
  const compare = comparesVisits(rules) ? [VICTIM] : undefined;
  const seeds: SeedInput[] = urls.map((url) => ({
    url,
    depth: 0,
    profile: m.profile || undefined,
    tags: [`monitor:${m.name}`],
    compare,
  }));
  log.info({ monitor: m.name, urls: urls.length, through: o.fleet ? 'fleet' : 'local crawl' }, 'monitor run');
  const visits = o.fleet ? await visitThroughFleet(m, seeds, o, log) : await visitHere(m, seeds, o, log);
  const texts = termRules(rules);
  const observations = visits.flatMap((v) => observe(m.name, v.events, texts, v.text, v.cloaking) ?? []);
  const previous = await previousVisits(
    a,
    m.name,
    observations.map((x) => x.url),
  );
  const alerts = observations.flatMap((next) =>
    compareVisits(rules, previous.get(next.url) ?? {}, next).map((f) =>
      toAlert('monitor', m.name, { ...f, observed_at: next.observed_at, capture_id: next.capture_id }, Date.now()),
    ),
  );
  // Alerts before observations: a run that fails between the two compares the same visits again, and dedup keeps it to one alert per fact.
  const raised = await delivery.raise(alerts);
  await insertObservations(a, observations);
  return {
    monitor: m.name,
    pages: observations.length,
    compared: observations.filter((x) => previous.has(x.url)).length,
    alerts: raised,
  };
}

/** Crawls the monitor's pages here, into OUT/<monitor>/. */
async function visitHere(m: MonitorRow, seeds: SeedInput[], o: MonitorRunOptions, log: Logger): Promise<Visit[]> {
  const dir = outPaths(o.outDir).monitor(m.name).dir;
  const captured = new CapturedVisits();
  await (await CrawlRun.open(o.crawl, seeds, dir, log, o.to, { fresh: true, observer: captured })).run();
  return captured.victimVisits().map(({ capture, events, cloaking }) => ({
    events,
    text: () => pageText(capture),
    cloaking,
  }));
}

/** Hands the monitor's pages to the fleet and reads back their events; of a page crawled twice (a retry), the later visit. */
async function visitThroughFleet(
  m: MonitorRow,
  seeds: SeedInput[],
  o: MonitorRunOptions,
  log: Logger,
): Promise<Visit[]> {
  const fleet = o.fleet!;
  const r = await followFleetCrawl(
    fleet.kafka,
    seeds,
    { types: ['host_pair', 'tracker', 'certificate', 'cloaking'], timeoutMs: fleet.timeoutMs, quietMs: FLEET_QUIET_MS },
    log,
  );
  if (r.missing.length)
    log.warn(
      { monitor: m.name, crawlId: r.crawlId, missing: r.missing },
      'the fleet did not crawl these pages in time: compared next run',
    );
  // Of a comparison, the page is the first visit's: the monitor's own profile (the scanner's visit only says whether it cloaks).
  const compared = seeds.some((s) => s.compare);
  const profile = m.profile || o.crawl.profile;
  const latest = new Map<string, { page: EventOf<'page'>; events: VucrawlEvent[] }>();
  for (const events of r.captures.values()) {
    const page = eventsOf(events, 'page')[0];
    if (!page || (compared && page.profile !== profile)) continue;
    const seen = latest.get(page.page_url);
    if (!seen || seen.page.observed_at < page.observed_at) latest.set(page.page_url, { page, events });
  }
  return [...latest.values()].map(({ page, events }) => ({
    events,
    text: () => page.title ?? '',
    cloaking: compared ? eventsOf(events, 'cloaking').length > 0 : null,
  }));
}
