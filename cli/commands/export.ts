// vucrawl export: one scope's facts (a project, a host or site, an indicator's related
// hosts, a crawl, or the alerts) as ONE STIX 2.1 bundle or ONE MISP event, for threat-intel
// platforms (docs/exchange.md). Every object's id is derived from its fact, so a re-export
// updates what a platform holds. Through `vucrawl serve` while it holds the store.
import { writeFileSync } from 'node:fs';
import { toMispEvent } from '../../exchange/misp.js';
import { toStixBundle, type ExportLabels } from '../../exchange/stix.js';
import type { StoreAccess } from '../../store/access.js';
import { withStoreAccess } from '../../store/choose.js';
import {
  MAX_EXPORT_ROWS,
  namedHostScope,
  NotAHost,
  readExportFacts,
  type ExportScope,
} from '../../store/queries/exchange.js';
import { recognize } from '../../store/queries/indicator.js';
import { dateMs } from '../../store/queries/pivot.js';
import { defineCommand, oneOf, positionalsExactly, UsageError } from '../flags.js';
import { checkDateWindow } from '../duration.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';

/** Hosts related to an --indicator, at most. */
const INDICATOR_HOSTS = 1000;

const EXPORT_FLAGS = {
  format: { kind: 'string', value: 'stix|misp', help: 'a STIX 2.1 bundle or a MISP event (JSON)' },
  project: {
    kind: 'string',
    value: 'NAME',
    help: "the project's hosts and domains (and hosts seen with its other indicators)",
  },
  host: { kind: 'string', value: 'HOST', help: 'the facts of one host (a URL is taken as its host)' },
  site: { kind: 'boolean', help: 'with --host: every host of its registrable domain' },
  indicator: {
    kind: 'string',
    value: 'VALUE',
    help: 'the hosts related to a host, IP, tracker ID, SHA-256, favicon hash or cookie name (as vucrawl pivot finds them)',
  },
  crawl: { kind: 'string', value: 'ID', help: 'the facts of one crawl run (its crawl_id)' },
  alerts: { kind: 'boolean', help: 'the alerts only' },
  since: { kind: 'string', value: 'DATE', help: 'only observations (and alerts) on or after this time (UTC)' },
  until: { kind: 'string', value: 'DATE', help: 'only observations (and alerts) on or before this time (UTC)' },
  out: { kind: 'string', value: 'FILE', help: 'write to FILE instead of stdout' },
} as const;

export const command = defineCommand(
  {
    name: 'export',
    summary: 'one STIX 2.1 bundle or MISP event of a project, host, indicator, crawl or the alerts',
    args: '--format stix|misp (--project P | --host H [--site] | --indicator V | --crawl ID | --alerts)',
    description:
      'Ids are deterministic (the same fact, the same id): importing a re-export updates objects instead of adding copies.\n' +
      'Times are UTC. Mapping, ids and the vucrawl STIX extension: docs/exchange.md.',
    groups: [{ title: 'Export', flags: EXPORT_FLAGS }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(
      positionals,
      0,
      'export takes no VALUE: name the scope with --project, --host, --indicator, --crawl or --alerts',
    );
    const format = oneOf(v.format, 'format', ['stix', 'misp'] as const);
    if (!format) throw new UsageError('export needs --format stix or --format misp');
    const scopes = [v.project, v.host, v.indicator, v.crawl, v.alerts ? 'alerts' : undefined].filter(
      (s) => s !== undefined,
    );
    if (scopes.length !== 1)
      throw new UsageError('export needs exactly one of --project, --host, --indicator, --crawl or --alerts');
    if (v.site && v.host === undefined) throw new UsageError('--site goes with --host');
    checkDateWindow(v);
    const window = { since: dateMs(v.since), until: dateMs(v.until) };
    const doc = await withStoreAccess(storeFlagsFrom(v), log, async (a) => {
      const { scope, labels } = await resolveScope(a, v);
      const facts = await readExportFacts(a, scope, window);
      for (const [kind, rows] of Object.entries(facts))
        if (rows.length >= MAX_EXPORT_ROWS)
          log.warn(
            { kind, limit: MAX_EXPORT_ROWS },
            'export holds the first facts of this kind only: narrow the scope or the window',
          );
      const l: ExportLabels = {
        ...labels,
        ...(window.since !== undefined ? { since: new Date(window.since).toISOString() } : {}),
        ...(window.until !== undefined ? { until: new Date(window.until).toISOString() } : {}),
      };
      return format === 'stix' ? toStixBundle(facts, l) : toMispEvent(facts, l);
    });
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (v.out === undefined) process.stdout.write(text);
    else writeFileSync(v.out, text);
    return 0;
  },
);

/** The scope the flags name, and what the export is labelled with. */
async function resolveScope(
  a: StoreAccess,
  v: { project?: string; host?: string; site?: boolean; indicator?: string; crawl?: string },
): Promise<{ scope: ExportScope; labels: Omit<ExportLabels, 'since' | 'until'> }> {
  if (v.project !== undefined || v.host !== undefined) {
    const named = await namedHostScope(
      a,
      v.project !== undefined ? { project: v.project } : { host: v.host!, site: v.site },
    ).catch((e: unknown) => {
      throw e instanceof NotAHost
        ? new UsageError(`--host needs a host name or URL, got "${e.value.slice(0, 200)}"`)
        : e;
    });
    return { scope: named.scope, labels: { scopeKey: named.key, description: named.description, labels: named.tags } };
  }
  if (v.indicator !== undefined) {
    const ind = recognize(v.indicator);
    const related = await a.pivot(v.indicator, { limit: INDICATOR_HOSTS });
    const own = ind.forms.host ?? ind.forms.ip;
    const hosts = [...new Set([...(own ? [own] : []), ...related.map((r) => r.host)])].sort();
    return {
      scope: { kind: 'hosts', hosts, domains: [] },
      labels: { scopeKey: `indicator:${ind.value}`, description: `indicator ${ind.value}`, labels: [] },
    };
  }
  if (v.crawl !== undefined)
    return {
      scope: { kind: 'crawl', crawl: v.crawl },
      labels: { scopeKey: `crawl:${v.crawl}`, description: `crawl ${v.crawl}`, labels: [] },
    };
  return { scope: { kind: 'alerts' }, labels: { scopeKey: 'alerts', description: 'alerts', labels: [] } };
}
