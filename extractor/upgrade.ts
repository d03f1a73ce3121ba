// Older events (from an older crawler, queued in Kafka or spilled before an upgrade) in their
// version-3 form, so the loader and the store take every version: the same fields, plus what
// later versions added. Version 2 added tags (none) and the registrable domains (derived
// from the hosts as the extractor derives them); version 3 added comparison_id (none: a
// page visited once). The event_id is that of the result. Anything else is returned as it
// is, for validation to judge.
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
  const old = e as Record<string, unknown>;
  const version = typeof old.schema === 'string' ? /^vucrawl\.\w+\/([12])$/.exec(old.schema)?.[1] : undefined;
  if (!version) return e;
  const type = schemaType(old.schema as string);
  const { schema: _, ...fields } = old;
  const v2 = version === '1' ? { event_id: '', tags: [], ...fields, ...DERIVED[type]?.(old) } : fields;
  return withEventId({ schema: `vucrawl.${type}/3`, event_id: '', ...v2, comparison_id: null } as { schema: string; event_id: string });
}
