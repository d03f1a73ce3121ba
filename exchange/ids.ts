// Deterministic ids for exported objects: the same fact exports to the same id, so that a
// re-export updates what a platform holds instead of adding a copy. STIX Cyber-observable
// Objects follow STIX 2.1 §2.9 (UUIDv5 in STIX's namespace over the canonical JSON of the
// type's ID-contributing properties). SDOs, relationships, sightings and the bundle take
// UUIDv4-form ids (STIX says they SHOULD be version 4) whose bits come from a SHA-256 of
// vucrawl's namespace and the fact's key instead of a random source: deterministic, and
// indistinguishable from any other UUIDv4. MISP uuids are UUIDv5 in vucrawl's namespace.
import { createHash } from 'node:crypto';

/** STIX 2.1 §2.9: the namespace of Cyber-observable Object ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** vucrawl's namespace for the ids of facts (never change it: every exported id depends on it). */
export const VUCRAWL_NAMESPACE = 'a9254e56-6aef-4d75-b134-dbf6b0b6bae7';

/** RFC 4122 §4.3: a name-based UUID, version 5 (SHA-1). */
export function uuidv5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  return formatUuid(createHash('sha1').update(ns).update(name, 'utf8').digest(), 0x50);
}

/** The first 16 bytes of a digest as a UUID of that version (0x40, 0x50), RFC 4122 variant. */
function formatUuid(digest: Buffer, version: number): string {
  const h = Buffer.from(digest.subarray(0, 16));
  h[6] = (h[6]! & 0x0f) | version;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** RFC 8785 (JCS) for the values ids are made of: objects with keys sorted, no whitespace. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** A STIX Cyber-observable Object's id from its ID-contributing properties (§2.9). */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/** A UUID in version 4 form (RFC 4122 §4.4) whose 122 bits are the SHA-256 of the namespace and name. */
export function hashedUuidv4(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha256').update(ns).update(name, 'utf8').digest();
  return formatUuid(h, 0x40);
}

/** Any other STIX object's id: its type and the key of the fact it states, in vucrawl's namespace. */
export function factId(type: string, ...key: string[]): string {
  return `${type}--${hashedUuidv4(VUCRAWL_NAMESPACE, [type, ...key].join('\u001f'))}`;
}

/** A bare UUID (MISP) for a fact's key. */
export function factUuid(...key: string[]): string {
  return uuidv5(VUCRAWL_NAMESPACE, key.join('\u001f'));
}

/**
 * A host-pair cause as a relationship type (STIX 2.1 allows custom ones: lower case ASCII,
 * hyphens): camelCase words split, every other separator a hyphen. script.src -> script-src,
 * topLevelRedirect -> top-level-redirect, link.dns-prefetch -> link-dns-prefetch.
 */
export function causeRelationship(cause: string): string {
  const t = cause
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return t.length >= 3 ? t : `cause-${t || 'unknown'}`;
}
