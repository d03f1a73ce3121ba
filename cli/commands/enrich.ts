// vucrawl enrich: indicators in (one a line, from a file or stdin), one JSON document out
// per indicator, the same document as GET /api/v1/indicator/{value}: what it was looked up
// as, the hosts related to it, and for a host what it carries. Through `vucrawl serve`
// while it holds the store, else directly; documents are written as they are ready.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { withStoreAccess } from '../../store/choose.js';
import { MAX_INDICATOR_LENGTH } from '../../store/queries/indicator.js';
import type { ReportOptions } from '../../store/queries/report.js';
import { defineCommand, positionalsExactly, UsageError, wholeNumber } from '../flags.js';
import { checkDateWindow } from '../duration.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';

const DEFAULT_LIMIT = 100;

export const command = defineCommand(
  {
    name: 'enrich',
    summary:
      'one JSON document per indicator (one a line in FILE, or stdin with -): everything the store knows about it',
    args: 'FILE|-',
    description: 'Blank lines are skipped; a line longer than 2,048 characters is reported on stderr and skipped.',
    groups: [
      {
        title: 'Enrich',
        flags: {
          site: { kind: 'boolean', help: 'widen hosts to every host of their registrable domain' },
          since: { kind: 'string', value: 'DATE', help: 'keep relations last seen on or after this date (UTC)' },
          until: { kind: 'string', value: 'DATE', help: 'keep relations first seen on or before this date (UTC)' },
          limit: { kind: 'string', value: 'N', help: 'rows per list in each document', default: () => DEFAULT_LIMIT },
        },
      },
      STORE_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    const [file] = positionalsExactly(
      positionals,
      1,
      'enrich takes one file of indicators, one a line, or - for stdin',
    );
    checkDateWindow(v);
    const o: ReportOptions = {
      since: v.since,
      until: v.until,
      site: v.site,
      limit: Math.max(1, wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT),
    };
    if (file !== '-' && !existsSync(file!)) throw new UsageError(`enrich: no such file ${file}`);
    const lines = createInterface({
      input: file === '-' ? process.stdin : createReadStream(file!),
      crlfDelay: Infinity,
    })[Symbol.asyncIterator]();
    let skipped = 0;
    let n = 0;
    // A value whose lookup failed because the server went away is looked up again directly.
    let pending: string | undefined;
    const each = async (report: (value: string) => Promise<unknown>) => {
      for (;;) {
        if (pending === undefined) {
          const next = await lines.next();
          if (next.done) return;
          n++;
          const value = next.value.trim();
          if (!value) continue;
          if (value.length > MAX_INDICATOR_LENGTH) {
            skipped++;
            process.stderr.write(`${file}:${n}: longer than ${MAX_INDICATOR_LENGTH} characters; skipped\n`);
            continue;
          }
          pending = value;
        }
        process.stdout.write(`${JSON.stringify(await report(pending))}\n`);
        pending = undefined;
      }
    };
    await withStoreAccess(storeFlagsFrom(v), log, (a) => each((value) => a.indicator(value, o)));
    return skipped ? 1 : 0;
  },
);
