// Where each event type is stored: its table, and the table's columns in the order of the
// event schema's properties. The event store writes rows in this order; records.ts reads
// events back from the same columns.
import { EVENT_SCHEMAS, EVENT_TYPES, type EventType } from '../../extractor/events.js';

export const TABLES: Record<EventType, string> = {
  page: 'pages',
  host_pair: 'host_pairs',
  tracker: 'trackers',
  resource: 'resources',
  cookie: 'cookies',
  host_ip: 'host_ips',
  certificate: 'certificates',
  component: 'components',
  cloaking: 'cloaking',
  impersonation: 'impersonation',
};

/** Each table's columns, in the order of its event schema's properties (`schema` itself is not stored). */
export const COLUMNS = Object.fromEntries(
  EVENT_TYPES.map((t) => [TABLES[t], Object.keys(EVENT_SCHEMAS[t].properties).filter((k) => k !== 'schema')]),
) as Record<string, string[]>;

/** Per table, its 64-bit hashes: 16 hex digits in events, UInt64 in ClickHouse (so that bitXor and bitCount work on them). */
export const HEX_UINT64: Record<string, ReadonlySet<string>> = { pages: new Set(['screenshot_phash']) };
