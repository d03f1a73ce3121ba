// vucrawl sql: an ad-hoc query on the store. Through `vucrawl serve` while it holds the
// store, where it runs read-only with a row and a time limit.
import { withStoreAccess } from '../../store/choose.js';
import { outputFormat } from '../../store/queries/sql.js';
import { defineCommand, positionalsExactly, UsageError } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';

export const command = defineCommand(
  {
    name: 'sql',
    summary: 'ad-hoc SQL on the store',
    args: '"SELECT ..."',
    description:
      'A query ending in FORMAT NAME (TSV, CSV, JSONEachRow, Parquet, ...) prints that output as it is, e.g. vucrawl sql "SELECT ... FORMAT Parquet" > out.parquet.\n' +
      'While vucrawl serve holds the store, the query goes through it: read-only, 10,000 rows and 10 s at most.',
    groups: [{ title: 'Output', flags: JSON_FLAG }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) => {
    const [query] = positionalsExactly(positionals, 1, 'sql takes one query in quotes: vucrawl sql "SELECT ..."');
    if (outputFormat(query!)) {
      if (v.json) throw new UsageError('--json or a FORMAT clause, not both (FORMAT JSONEachRow is --json)');
      const out = await withStoreAccess(storeFlagsFrom(v), log, (a) => a.sqlOutput(query!));
      process.stdout.write(out);
      return 0;
    }
    const rows = await withStoreAccess(storeFlagsFrom(v), log, (a) => a.sql(query!));
    process.stdout.write(formatRows(rows, Boolean(v.json)));
    return 0;
  },
);
