// vucrawl sql: an ad-hoc query on the store.
import { defineCommand, positionalsExactly } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';
import { withStore } from '../with-store.js';

export const command = defineCommand({
  name: 'sql',
  summary: 'ad-hoc SQL on the store',
  args: '"SELECT ..."',
  groups: [{ title: 'Output', flags: JSON_FLAG }, STORE_GROUP],
}, async ({ values: v, positionals, log }) => {
  const [query] = positionalsExactly(positionals, 1, 'sql takes one query in quotes: vucrawl sql "SELECT ..."');
  process.stdout.write(await withStore(storeFlagsFrom(v), log, async ({ store }) => {
    const r = await store.client.query({ query: query!, format: 'JSONEachRow' });
    return formatRows(await r.json<Record<string, unknown>>(), Boolean(v.json));
  }));
  return 0;
});
