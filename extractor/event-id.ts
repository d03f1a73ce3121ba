// An event's id: what makes it that event, hashed. The canonical JSON of the event without
// its event_id (object keys sorted at every level, arrays in order), SHA-256, the first
// 128 bits in hex. Deterministic: re-extracting a capture, or publishing an event twice,
// gives the same id, so consumers and the store's rollups can drop the copies.
import { createHash } from 'node:crypto';
import { EVENT_ID_HEX } from './events.js';

/** JSON with object keys sorted, so that equal events hash alike whatever order their keys were set in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function eventId(event: object): string {
  const { event_id: _, ...rest } = event as { event_id?: unknown };
  return createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, EVENT_ID_HEX);
}

/** The event with its id set (first after `schema`, where the schema lists it). */
export function withEventId<E extends { schema: string; event_id: string }>(e: E): E {
  const { schema, ...rest } = e;
  return { schema, ...rest, event_id: eventId(e) } as E;
}
