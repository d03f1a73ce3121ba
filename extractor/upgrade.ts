// Older events (from an older crawler, queued in Kafka or spilled before an upgrade) in their
// version-4 form, so the loader and the store take every version: the same fields, plus what
// later versions added. Version 2 added tags (none) and the registrable domains (derived
// from the hosts as the extractor derives them); version 3 added comparison_id (none: a
// page visited once); version 4 added the tracker's context (executed for an ID found in a
// request, else unknown: null) and new host-pair causes (an older pair keeps its own). The
// event_id is that of the result. Anything else is returned as it is, for validation to
// judge.
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

/** The fields version 4 derives from an older event's own fields, by type. */
const DERIVED_V4: Partial<Record<string, (e: Record<string, unknown>) => Record<string, unknown>>> = {
  tracker: (e) => ({ context: e.source === 'network' ? 'executed' : null }),
};

function siteOrEmpty(host: unknown): unknown {
  return typeof host === 'string' ? (host ? siteOf(host) : '') : host;
}

export function upgradeEvent(e: unknown): unknown {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return e;
  const old = e as Record<string, unknown>;
  const version = typeof old.schema === 'string' ? /^vucrawl\.\w+\/([123])$/.exec(old.schema)?.[1] : undefined;
  if (!version) return e;
  const type = schemaType(old.schema as string);
  const { schema: _, ...fields } = old;
  const v2 = version === '1' ? { event_id: '', tags: [], ...fields, ...DERIVED[type]?.(old) } : fields;
  const v3 = version === '3' ? v2 : { ...v2, comparison_id: null };
  return withEventId({ schema: `vucrawl.${type}/4`, event_id: '', ...v3, ...DERIVED_V4[type]?.(old) } as {
    schema: string;
    event_id: string;
  });
}
