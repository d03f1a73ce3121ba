// vucrawl alerts: what monitors, watches and brand runs raised, newest first, one per fact.
import { withStoreAccess } from '../../store/choose.js';
import { listAlerts } from '../../store/queries/alerts.js';
import { defineCommand, UsageError, wholeNumber } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { formatTable } from '../table.js';

const DEFAULT_LIMIT = 1000;

export const command = defineCommand(
  {
    name: 'alerts',
    summary: 'alerts raised by monitors, watches and brand runs, newest first',
    args: '',
    groups: [
      {
        title: 'Alerts',
        flags: {
          since: {
            kind: 'string',
            value: 'TIME',
            help: 'only facts first seen at or after this time (ISO 8601, UTC unless it says otherwise)',
          },
          limit: { kind: 'string', value: 'N', help: 'at most this many', default: () => DEFAULT_LIMIT },
          json: {
            kind: 'boolean',
            help: 'one alert record (JSON) a line: rule, source, subject, first_seen, capture_id, urls, ...',
          },
        },
      },
      STORE_GROUP,
    ],
  },
  async ({ values: v, log }) => {
    const since = v.since === undefined ? undefined : Date.parse(v.since);
    if (Number.isNaN(since))
      throw new UsageError(`--since needs a time (e.g. 2026-11-01 or 2026-11-01T12:00:00Z), got "${v.since}"`);
    const alerts = await withStoreAccess(storeFlagsFrom(v), log, (a) =>
      listAlerts(a, { since, limit: wholeNumber(v.limit, 'limit') ?? DEFAULT_LIMIT }),
    );
    process.stdout.write(
      v.json
        ? alerts.map((a) => `${JSON.stringify(a)}\n`).join('')
        : formatTable(
            alerts.map((a) => ({
              first_seen: a.first_seen,
              source: `${a.source_kind} ${a.source}`,
              rule: a.rule,
              subject: a.subject,
              evidence: a.urls[0] ?? '',
              capture_id: a.capture_id,
            })),
          ),
    );
    return 0;
  },
);
