// vucrawl report: one scope (a project, a monitor's targets, a host or site) in a time
// window as ONE self-contained HTML page for people: what was found and what is new,
// alerts, the host-pair graph, trackers, components, screenshots and the evidence
// (docs/report.md). The same page as GET /ui/report of `vucrawl serve`; through that
// server while it holds the store.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { buildReport } from '../../server/report.js';
import { SERVE_DEFAULTS } from '../../server/options.js';
import { ScreenshotFiles } from '../../server/screenshots.js';
import { withStoreAccess } from '../../store/choose.js';
import { NotAHost } from '../../store/queries/exchange.js';
import { dateMs } from '../../store/queries/pivot.js';
import { BadWindow, DEFAULT_SINCE, windowStart, type ReportSubject } from '../../store/queries/summary-report.js';
import { defineCommand, positionalsExactly, UsageError } from '../flags.js';
import { checkDateWindow } from '../duration.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';

const REPORT_FLAGS = {
  project: { kind: 'string', value: 'NAME', help: "the project's hosts and domains (as vucrawl export --project)" },
  monitor: {
    kind: 'string',
    value: 'NAME',
    help: "a monitor's targets (the hosts of its URLs, or its project's) and its alerts",
  },
  host: { kind: 'string', value: 'HOST', help: 'one host (a URL is taken as its host)' },
  site: { kind: 'boolean', help: 'with --host: every host of its registrable domain' },
  since: {
    kind: 'string',
    value: 'WHEN',
    help: 'the window starts this long ago (7d, 24h) or at this date (UTC)',
    default: () => DEFAULT_SINCE,
  },
  until: { kind: 'string', value: 'DATE', help: 'the window ends at this date (UTC); default: now' },
  out: { kind: 'string', value: 'FILE', help: 'write the HTML page to FILE instead of stdout' },
  'screenshot-dir': {
    kind: 'list',
    value: 'DIR',
    help: 'crawl output folders (their --out) whose screenshots/ the report shows',
    default: () => SERVE_DEFAULTS.screenshotDirs.join(', '),
  },
} as const;

export const command = defineCommand(
  {
    name: 'report',
    summary: 'one self-contained HTML report of a project, monitor or host over a time window, for people',
    args: '(--project P | --monitor M | --host H [--site]) [--since 7d] [--out FILE.html]',
    description:
      'The page loads nothing from the network: its style is inline, the graph is SVG, screenshots are embedded.\n' +
      'Open it offline, mail it, print it. Times are UTC. Sections and what "new" means: docs/report.md.',
    groups: [{ title: 'Report', flags: REPORT_FLAGS }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 0, 'report takes no VALUE: name the scope with --project, --monitor or --host');
    const named = [v.project, v.monitor, v.host].filter((s) => s !== undefined);
    if (named.length !== 1) throw new UsageError('report needs exactly one of --project, --monitor or --host');
    if (v.site && v.host === undefined) throw new UsageError('--site goes with --host');
    checkDateWindow({ until: v.until });
    const subject: ReportSubject =
      v.project !== undefined
        ? { project: v.project }
        : v.monitor !== undefined
          ? { monitor: v.monitor }
          : { host: v.host!, site: v.site };
    let since: number;
    try {
      since = windowStart(v.since ?? DEFAULT_SINCE, Date.now());
    } catch (e) {
      throw e instanceof BadWindow ? new UsageError(`--${e.message}`) : e;
    }
    const screenshots = new ScreenshotFiles(
      (v['screenshot-dir'] ?? [...SERVE_DEFAULTS.screenshotDirs]).map((d) => path.resolve(d)),
      path.resolve(SERVE_DEFAULTS.crawlDir),
    );
    const { report, html } = await withStoreAccess(storeFlagsFrom(v), log, (a) =>
      buildReport(a, subject, { since, until: dateMs(v.until) }, screenshots).catch((e: unknown) => {
        throw e instanceof NotAHost
          ? new UsageError(`--host needs a host name or URL, got "${e.value.slice(0, 200)}"`)
          : e;
      }),
    );
    if (v.out === undefined) process.stdout.write(html);
    else {
      writeFileSync(v.out, html);
      log.info(
        {
          file: v.out,
          hosts: report.hosts.length,
          host_pairs: report.hostPairs.length,
          alerts: report.alerts.length,
          pages: report.pageCount,
        },
        'report written',
      );
    }
    return 0;
  },
);
