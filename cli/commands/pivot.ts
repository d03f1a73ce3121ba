// vucrawl pivot: from one value (host, IP, tracker ID, SHA-256, favicon hash, cookie name)
// to the hosts related to it.
import { pivot } from '../../sinks/clickhouse/pivot.js';
import { defineCommand, oneOf, positionalsExactly, UsageError, wholeNumber } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';
import { withStore } from '../with-store.js';

const DEFAULT_LIMIT = 100;

export const command = defineCommand({
  name: 'pivot',
  summary: 'hosts related to a host, IP, tracker ID, SHA-256, favicon hash or cookie name',
  args: 'VALUE',
  groups: [{
    title: 'Pivot',
    flags: {
      direction: { kind: 'string', value: 'parents|children', help: 'host pivots: only the hosts that lead to VALUE (parents) or that it leads to (children)' },
      since: { kind: 'string', value: 'DATE', help: 'keep relations last seen on or after this date' },
      until: { kind: 'string', value: 'DATE', help: 'keep relations first seen on or before this date' },
      limit: { kind: 'string', value: 'N', help: 'rows per lookup', default: () => DEFAULT_LIMIT },
      ...JSON_FLAG,
    },
  }, STORE_GROUP],
}, async ({ values: v, positionals, log }) => {
  const [value] = positionalsExactly(positionals, 1, 'pivot takes one value: a host, IP, tracker ID, SHA-256, favicon hash or cookie name');
  const direction = oneOf(v.direction, 'direction', ['parents', 'children'] as const);
  for (const [flag, d] of [['since', v.since], ['until', v.until]] as const) if (d !== undefined && Number.isNaN(Date.parse(d))) throw new UsageError(`--${flag} needs a date (e.g. 2026-11-01), got "${d}"`);
  const o = { direction, since: v.since, until: v.until, limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT };
  process.stdout.write(await withStore(storeFlagsFrom(v), log, async ({ store, db }) => formatRows(await pivot(store.client, db, value!, o) as unknown as Record<string, unknown>[], Boolean(v.json))));
  return 0;
});
