// Everything the store knows about one indicator, in one document: what the value was
// recognized as, the hosts related to it (for a tracker ID, the hosts that carry it), and
// for a host also what it carries (trackers, IPs, certificates) and its page history. The
// API's indicator endpoint, `vucrawl enrich` and the web UI's result page all show this.
import type { ClickHouseClient } from '@clickhouse/client';
import { describeLookup, recognize, type PivotKind } from './indicator.js';
import { lookupAttributeLists, type AttributeRow, type PivotRow } from './lookups.js';
import { dateMs, pivotIndicator, type PivotOptions } from './pivot.js';
import { pageSummary, type PageSummary } from './records.js';

export interface IndicatorReport {
  /** The value as given. */
  indicator: string;
  /** What was looked up (a URL's host, a host or hash in lower case). */
  value: string;
  /** The most likely kind, and every kind it was looked up as. */
  kind: PivotKind;
  looked_up_as: PivotKind[];
  /** What was looked up and as what, in words. */
  description: string;
  /** Over the related hosts: first and last seen (null when there are none). */
  first_seen: string | null;
  last_seen: string | null;
  hosts: PivotRow[];
  /** Hosts only: what the host carries, and its pages. */
  trackers?: AttributeRow[];
  ips?: AttributeRow[];
  certificates?: AttributeRow[];
  pages?: PageSummary;
}

export type ReportOptions = Pick<PivotOptions, 'since' | 'until' | 'site'> & { limit: number };

export async function indicatorReport(
  client: ClickHouseClient,
  db: string,
  input: string,
  o: ReportOptions,
): Promise<IndicatorReport> {
  const ind = recognize(input);
  const hosts = await pivotIndicator(client, db, ind, o);
  const report: IndicatorReport = {
    indicator: input,
    value: ind.value,
    kind: ind.kinds[0]!,
    looked_up_as: ind.kinds,
    description: describeLookup(ind, o.site),
    first_seen: hosts.reduce<string | null>((m, r) => (m === null || r.first_seen < m ? r.first_seen : m), null),
    last_seen: hosts.reduce<string | null>((m, r) => (m === null || r.last_seen > m ? r.last_seen : m), null),
    hosts,
  };
  const host = ind.forms.host;
  if (host !== undefined) {
    const window = { since: dateMs(o.since), until: dateMs(o.until), limit: o.limit };
    const value = { value: host, site: o.site };
    Object.assign(report, await lookupAttributeLists(client, db, ['trackers', 'ips', 'certificates'], value, window));
    report.pages = await pageSummary(client, db, host, window);
  }
  return report;
}
