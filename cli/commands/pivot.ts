// vucrawl pivot: from one value (host, URL, IP, tracker ID, SHA-256, favicon hash, cookie
// name) to the hosts related to it, each row with one evidence URL; with --similar, from a
// page URL or perceptual hash to the pages that look like it; with --component, from a
// technology to the hosts running it, and with --components, from a host to its
// technologies; with --cloaking, the targets that showed different virtual users different
// pages. Through `vucrawl serve` while it holds the store. Loads only what a pivot
// needs: no browser library.
import type { Logger } from 'pino';
import type { EventOf } from '../../extractor/events.js';
import type { TableAccess } from '../../store/access.js';
import { withStoreAccess } from '../../store/choose.js';
import { describeCloaking, type CloakingOptions } from '../../store/queries/cloaking.js';
import { describeLookup, recognize } from '../../store/queries/indicator.js';
import { componentName, type ComponentLookup, type ComponentRow } from '../../store/queries/lookups.js';
import { dateMs, type PivotOptions, type PivotRow } from '../../store/queries/pivot.js';
import { covers, projectScope, type HostScope } from '../../store/queries/projects.js';
import {
  DEFAULT_SIMILAR_DISTANCE,
  MAX_SIMILAR_DISTANCE,
  similarInput,
  type SimilarOptions,
  type SimilarPage,
} from '../../store/queries/similar.js';
import {
  defineCommand,
  oneOf,
  positionalsExactly,
  UsageError,
  wholeNumber,
  type FlagTable,
  type FlagValues,
} from '../flags.js';
import { checkDateWindow } from '../duration.js';
import { STORE_GROUP, storeFlagsFrom, type STORE_FLAGS } from '../store-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';

const DEFAULT_LIMIT = 100;
/** The table's columns; each row's evidence goes on the line under it. */
const COLUMNS = ['kind', 'relation', 'host', 'direction', 'first_seen', 'last_seen', 'observations'] as const;
const SIMILAR_COLUMNS = ['distance', 'host', 'url', 'first_seen', 'last_seen', 'observations'] as const;
const COMPONENT_COLUMNS = ['host', 'name', 'version', 'category', 'first_seen', 'last_seen', 'observations'] as const;

const PIVOT_FLAGS = {
  direction: {
    kind: 'string',
    value: 'parents|children',
    help: 'host pivots: only the hosts that lead to VALUE (parents) or that it leads to (children)',
  },
  site: { kind: 'boolean', help: 'widen a host to every host of its registrable domain' },
  since: { kind: 'string', value: 'DATE', help: 'keep relations last seen on or after this date (UTC)' },
  until: { kind: 'string', value: 'DATE', help: 'keep relations first seen on or before this date (UTC)' },
  limit: { kind: 'string', value: 'N', help: 'rows in all', default: () => DEFAULT_LIMIT },
  similar: {
    kind: 'string',
    value: 'PAGE_URL|PHASH',
    help: "instead of VALUE: pages whose screenshot looks like this page's (its latest) or this perceptual hash (16 hex digits)",
  },
  distance: {
    kind: 'string',
    value: 'N',
    help: "with --similar: the most bits (of 64) a screenshot's hash may differ in",
    default: () => DEFAULT_SIMILAR_DISTANCE,
  },
  component: {
    kind: 'string',
    value: 'NAME',
    help: 'instead of VALUE: the hosts running this technology (nginx, WordPress, jQuery, ...; any case)',
  },
  version: { kind: 'string', value: 'V', help: 'with --component: only this version' },
  components: {
    kind: 'string',
    value: 'HOST',
    help: 'instead of VALUE: the technologies this host runs (with --site, every host of its registrable domain)',
  },
  cloaking: {
    kind: 'boolean',
    help: 'instead of related hosts: the comparisons (crawl --compare) that found cloaking, newest first; of VALUE, a host (with --site, every host of its site), if given',
  },
  project: {
    kind: 'string',
    value: 'NAME',
    help: 'with a VALUE: keep, of the --limit rows, those whose host the project covers (its hosts and domains, and hosts seen with its other indicators)',
  },
  ...JSON_FLAG,
} as const satisfies FlagTable;

export const command = defineCommand(
  {
    name: 'pivot',
    summary: 'hosts related to a host, URL, IP, tracker ID, SHA-256, favicon hash or cookie name',
    args: 'VALUE | --similar PAGE_URL|PHASH | --component NAME [--version V] | --components HOST | --cloaking [HOST]',
    description:
      'Hosts match in any case; a URL is taken as its host; a negative number is a value (favicon hashes are signed).\nTimes are UTC.\n' +
      "--similar: the pages whose screenshot (crawl --screenshots) has a perceptual hash within --distance bits of the page's or the hash given.\n" +
      "--component, --components: the technologies hosts run (component events), a version '' where no evidence stated one.\n" +
      '--cloaking: what each virtual user of a comparison was shown, and what differed (cloaking events).',
    groups: [{ title: 'Pivot', flags: PIVOT_FLAGS }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) => {
    checkDateWindow(v);
    if (v.project !== undefined && (v.similar ?? v.component ?? v.components) !== undefined)
      throw new UsageError(
        '--project goes with a VALUE or --cloaking, not with --similar, --component or --components',
      );
    if (v.cloaking) return cloaking(v, positionals, log);
    if (v.similar !== undefined) return similar(v.similar, v, positionals, log);
    if (v.component !== undefined || v.components !== undefined) return components(v, positionals, log);
    if (v.version !== undefined) throw new UsageError('--version goes with --component');
    if (v.distance !== undefined) throw new UsageError('--distance goes with --similar');
    const [value] = positionalsExactly(
      positionals,
      1,
      'pivot takes one value: a host, URL, IP, tracker ID, SHA-256, favicon hash or cookie name',
    );
    const direction = oneOf(v.direction, 'direction', ['parents', 'children'] as const);
    const o: PivotOptions = {
      direction,
      since: v.since,
      until: v.until,
      site: v.site,
      limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT,
    };
    const ind = recognize(value!);
    const keep = (scope: HostScope, r: PivotRow) => covers(scope, r.host);
    const rows = await withStoreAccess(storeFlagsFrom(v), log, async (a) =>
      inProject(await a.pivot(value!, o), v.project, a, keep),
    );
    if (v.json) {
      process.stdout.write(formatRows(rows as unknown as Record<string, unknown>[], true));
      if (!rows.length) process.stderr.write(`no rows: ${describeLookup(ind, v.site)}\n`);
    } else {
      process.stdout.write(rows.length ? withEvidence(rows) : `(no rows: ${describeLookup(ind, v.site)})\n`);
    }
    return 0;
  },
);

/** `--cloaking [HOST]`: the comparisons that found cloaking, newest first, each visit on a line of its own. */
async function cloaking(
  v: FlagValues<typeof PIVOT_FLAGS & typeof STORE_FLAGS>,
  positionals: string[],
  log: Logger,
): Promise<number> {
  if (positionals.length > 1) throw new UsageError('pivot --cloaking takes at most one value: a host (or URL)');
  if ((v.direction ?? v.similar ?? v.component ?? v.components ?? v.version ?? v.distance) !== undefined)
    throw new UsageError('--cloaking goes with a host, --site, --since, --until and --limit only');
  const value = positionals[0];
  const host = value === undefined ? undefined : recognize(value).forms.host;
  if (value !== undefined && !host)
    throw new UsageError(`--cloaking needs a host name or URL, got "${value.slice(0, 200)}"`);
  if (v.site && !host) throw new UsageError('--site goes with a host');
  const o: CloakingOptions = {
    host,
    site: v.site,
    since: dateMs(v.since),
    until: dateMs(v.until),
    limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT,
  };
  // The project covers the target, or a host some visit was led to.
  const keep = (scope: HostScope, e: EventOf<'cloaking'>) =>
    covers(scope, e.host) || e.child_hosts.some((c) => covers(scope, c.host));
  const rows = await withStoreAccess(storeFlagsFrom(v), log, async (a) =>
    inProject(await a.cloaking(o), v.project, a, keep),
  );
  if (v.json) {
    process.stdout.write(formatRows(rows as unknown as Record<string, unknown>[], true));
    if (!rows.length) process.stderr.write(`no rows: ${describeCloaking(o)}\n`);
  } else {
    process.stdout.write(rows.length ? rows.map(describeComparison).join('\n') : `(no rows: ${describeCloaking(o)})\n`);
  }
  return 0;
}

/** --project: of the rows, those the project's scope keeps. */
async function inProject<T>(
  rows: T[],
  project: string | undefined,
  a: TableAccess,
  keep: (scope: HostScope, row: T) => boolean,
): Promise<T[]> {
  if (project === undefined) return rows;
  const scope = await projectScope(a, project);
  return rows.filter((r) => keep(scope, r));
}

/** One comparison: when, what, what differed; then each visit, and the hosts only some visits reached. */
function describeComparison(e: EventOf<'cloaking'>): string {
  const forms = (i: number) =>
    [
      e.password_form[i] && 'password field',
      e.payment_form[i] && 'payment form',
      e.form_action_sites[i]!.length && `forms post to ${e.form_action_sites[i]!.join(', ')}`,
    ]
      .filter(Boolean)
      .join('; ');
  return `${[
    `${new Date(e.observed_at).toISOString()}  ${e.url}  differs in: ${e.signals.join(', ')}`,
    ...e.profiles.map(
      (p, i) =>
        `  ${p}: ${e.statuses[i] ?? 'no status'} ${e.final_urls[i]}  "${e.titles[i] ?? ''}"${forms(i) ? `  (${forms(i)})` : ''}`,
    ),
    ...e.child_hosts.map((c) => `  only ${c.profiles.join(', ')} reached ${c.host} (${c.causes.join(', ')})`),
    ...(e.screenshot_distance === null ? [] : [`  screenshots ${e.screenshot_distance} bits apart`]),
    `  comparison ${e.comparison_id}; captures ${e.capture_ids.join(', ')}`,
  ].join('\n')}\n`;
}

/** `--similar`: the pages that look like a page or a hash, closest first. */
async function similar(
  value: string,
  v: FlagValues<typeof PIVOT_FLAGS & typeof STORE_FLAGS>,
  positionals: string[],
  log: Logger,
): Promise<number> {
  positionalsExactly(positionals, 0, 'pivot --similar takes no VALUE: the page URL or hash is the value of --similar');
  if (v.direction !== undefined || v.site)
    throw new UsageError('--direction and --site go with a VALUE, not with --similar');
  const input = similarInput(value);
  if (!input)
    throw new UsageError(
      `--similar needs a page URL (http(s)://...) or a perceptual hash (16 hex digits), got "${value.slice(0, 200)}"`,
    );
  const distance = wholeNumber(v.distance, 'distance') ?? DEFAULT_SIMILAR_DISTANCE;
  if (distance > MAX_SIMILAR_DISTANCE)
    throw new UsageError(`--distance needs a number of bits from 0 to ${MAX_SIMILAR_DISTANCE}, got "${v.distance}"`);
  const o: SimilarOptions = {
    distance,
    since: dateMs(v.since),
    until: dateMs(v.until),
    limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT,
  };
  const found = await withStoreAccess(storeFlagsFrom(v), log, (a) => a.similar(value, o));
  if (v.json) {
    process.stdout.write(formatRows(found.rows as unknown as Record<string, unknown>[], true));
    if (!found.rows.length) process.stderr.write(`no rows: ${found.description}\n`);
  } else {
    process.stdout.write(found.rows.length ? withScreenshots(found.rows) : `(no rows: ${found.description})\n`);
  }
  return 0;
}

/** `--component NAME [--version V]` or `--components HOST`: technologies and the hosts running them, most observed first. */
async function components(
  v: FlagValues<typeof PIVOT_FLAGS & typeof STORE_FLAGS>,
  positionals: string[],
  log: Logger,
): Promise<number> {
  positionalsExactly(
    positionals,
    0,
    'pivot --component and --components take no VALUE: the name or host is their value',
  );
  if (v.component !== undefined && v.components !== undefined)
    throw new UsageError('--component NAME or --components HOST, not both');
  if (v.direction !== undefined || v.similar !== undefined)
    throw new UsageError('--direction and --similar do not go with --component or --components');
  if (v.version !== undefined && v.component === undefined) throw new UsageError('--version goes with --component');
  let lookup: ComponentLookup, value: string, description: string;
  if (v.component !== undefined) {
    if (v.site) throw new UsageError('--site goes with --components HOST, not with --component');
    [lookup, value] = ['componentHosts', componentName(v.component)];
    description = `no host running ${value}${v.version === undefined ? '' : ` ${v.version}`}`;
  } else {
    const host = recognize(v.components!).forms.host;
    if (!host) throw new UsageError(`--components needs a host name or URL, got "${v.components!.slice(0, 200)}"`);
    [lookup, value] = ['hostComponents', host];
    description = `no components of ${host}${v.site ? ' or any host of its registrable domain' : ''}`;
  }
  const o = {
    since: dateMs(v.since),
    until: dateMs(v.until),
    limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT,
    filter: v.version === undefined ? undefined : [v.version],
  };
  const rows = await withStoreAccess(storeFlagsFrom(v), log, (a) =>
    a.components(lookup, value, { ...o, site: v.site }),
  );
  if (v.json) {
    process.stdout.write(formatRows(rows as unknown as Record<string, unknown>[], true));
    if (!rows.length) process.stderr.write(`no rows: ${description}\n`);
  } else {
    process.stdout.write(rows.length ? withComponentEvidence(rows) : `(no rows: ${description})\n`);
  }
  return 0;
}

/** The table, each row followed by its latest evidence (what showed it, on which page) and capture. */
function withComponentEvidence(rows: ComponentRow[]): string {
  const table = formatRows(
    rows.map((r) => Object.fromEntries(COMPONENT_COLUMNS.map((c) => [c, r[c]]))),
    false,
  )
    .trimEnd()
    .split('\n');
  const [head, rule, ...lines] = table;
  return `${[
    head,
    rule,
    ...lines.flatMap((l, i) => {
      const r = rows[i]!;
      return [
        l,
        `  evidence: ${r.evidence_url ? `${r.source} ${r.where} on ${r.evidence_url}` : '(none stored)'}${r.capture_id ? ` (capture ${r.capture_id})` : ''}`,
      ];
    }),
  ].join('\n')}\n`;
}

/** The table, each row followed by its screenshot's file (in its crawl's --out folder) and capture. */
function withScreenshots(rows: SimilarPage[]): string {
  const table = formatRows(
    rows.map((r) => Object.fromEntries(SIMILAR_COLUMNS.map((c) => [c, r[c]]))),
    false,
  )
    .trimEnd()
    .split('\n');
  const [head, rule, ...lines] = table;
  return `${[head, rule, ...lines.flatMap((l, i) => [l, `  screenshot: screenshots/${rows[i]!.screenshot_sha256}.png (capture ${rows[i]!.capture_id})`])].join('\n')}\n`;
}

/** The table, each row followed by its evidence URL and capture. */
function withEvidence(rows: PivotRow[]): string {
  const table = formatRows(
    rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]]))),
    false,
  )
    .trimEnd()
    .split('\n');
  const [head, rule, ...lines] = table;
  return `${[head, rule, ...lines.flatMap((l, i) => [l, `  evidence: ${rows[i]!.evidence_url || '(none stored)'}${rows[i]!.capture_id ? ` (capture ${rows[i]!.capture_id})` : ''}`])].join('\n')}\n`;
}
