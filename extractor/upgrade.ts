// Version-1 events (from an older crawler, queued in Kafka or spilled before an upgrade) in
// their version-2 form, so the loader and the store take both: the same fields, plus tags
// (none), the registrable domains version 2 added (derived from the hosts as the extractor
// derives them) and the event_id of the result. Anything else is returned as it is, for
// validation to judge.
import { siteOf } from '../capture/url.js';
import { withEventId } from './event-id.js';
import { schemaType } from './events.js';

/** The fields version 2 derives from a version-1 event's own fields, by type. */
const DERIVED: Partial<Record<string, (e: Record<string, unknown>) => Record<string, unknown>>> = {
  host_pair: (e) => ({ parent_site: siteOrEmpty(e.parent_host), child_site: siteOrEmpty(e.child_host) }),
  tracker: (e) => ({ site: siteOrEmpty(e.host) }),
  // A version-1 page had no screenshot.
  page: () => ({ screenshot_sha256: null, screenshot_phash: null }),
};

function siteOrEmpty(host: unknown): unknown {
  return typeof host === 'string' ? (host ? siteOf(host) : '') : host;
}

export function upgradeEvent(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return e;
  const v1 = e as Record<string, unknown>;
  if (typeof v1.schema !== 'string' || !/^vucrawl\.\w+\/1$/.test(v1.schema)) return e;
  const type = schemaType(v1.schema);
  const { schema: _, ...fields } = v1;
  return withEventId({ schema: `vucrawl.${type}/2`, event_id: '', tags: [], ...fields, ...DERIVED[type]?.(v1) });
}
