// vucrawl pivot: from one value (host, URL, IP, tracker ID, SHA-256, favicon hash, cookie
// name) to the hosts related to it, each row with one evidence URL. Through `vucrawl
// serve` while it holds the store. Loads only what a pivot needs: no browser library.
import { describeLookup, recognize } from '../../sinks/clickhouse/indicator.js';
import { pivotIndicator, type PivotOptions, type PivotRow } from '../../sinks/clickhouse/pivot.js';
import { defineCommand, oneOf, positionalsExactly, UsageError, wholeNumber } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { withStoreOrServer } from '../store-or-server.js';
import { formatRows, JSON_FLAG } from '../table.js';

const DEFAULT_LIMIT = 100;
/** The table's columns; each row's evidence goes on the line under it. */
const COLUMNS = ['kind', 'relation', 'host', 'direction', 'first_seen', 'last_seen', 'observations'] as const;

export const command = defineCommand({
  name: 'pivot',
  summary: 'hosts related to a host, URL, IP, tracker ID, SHA-256, favicon hash or cookie name',
  args: 'VALUE',
  description: 'Hosts match in any case; a URL is taken as its host; a negative number is a value (favicon hashes are signed).\nTimes are UTC.',
  groups: [{
    title: 'Pivot',
    flags: {
      direction: { kind: 'string', value: 'parents|children', help: 'host pivots: only the hosts that lead to VALUE (parents) or that it leads to (children)' },
      site: { kind: 'boolean', help: 'widen a host to every host of its registrable domain' },
      since: { kind: 'string', value: 'DATE', help: 'keep relations last seen on or after this date (UTC)' },
      until: { kind: 'string', value: 'DATE', help: 'keep relations first seen on or before this date (UTC)' },
      limit: { kind: 'string', value: 'N', help: 'rows in all', default: () => DEFAULT_LIMIT },
      ...JSON_FLAG,
    },
  }, STORE_GROUP],
}, async ({ values: v, positionals, log }) => {
  const [value] = positionalsExactly(positionals, 1, 'pivot takes one value: a host, URL, IP, tracker ID, SHA-256, favicon hash or cookie name');
  const direction = oneOf(v.direction, 'direction', ['parents', 'children'] as const);
  for (const [flag, d] of [['since', v.since], ['until', v.until]] as const) if (d !== undefined && Number.isNaN(Date.parse(d))) throw new UsageError(`--${flag} needs a date (e.g. 2026-11-01), got "${d}"`);
  const o: PivotOptions = { direction, since: v.since, until: v.until, site: v.site, limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT };
  const ind = recognize(value!);
  const rows = await withStoreOrServer(storeFlagsFrom(v), log, ({ store, db }) => pivotIndicator(store.client, db, ind, o), (api) => api.pivot(value!, o));
  if (v.json) {
    process.stdout.write(formatRows(rows as unknown as Record<string, unknown>[], true));
    if (!rows.length) process.stderr.write(`no rows: ${describeLookup(ind, v.site)}\n`);
  } else {
    process.stdout.write(rows.length ? withEvidence(rows) : `(no rows: ${describeLookup(ind, v.site)})\n`);
  }
  return 0;
});

/** The table, each row followed by its evidence URL and capture. */
function withEvidence(rows: PivotRow[]): string {
  const table = formatRows(rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]]))), false).trimEnd().split('\n');
  const [head, rule, ...lines] = table;
  return [head, rule, ...lines.flatMap((l, i) => [l, `  evidence: ${rows[i]!.evidence_url || '(none stored)'}${rows[i]!.capture_id ? ` (capture ${rows[i]!.capture_id})` : ''}`])].join('\n') + '\n';
}
