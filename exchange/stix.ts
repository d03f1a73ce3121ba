// vucrawl's facts as one STIX 2.1 bundle. Pure: rows in, objects out (docs/exchange.md has
// the mapping). Hosts, IPs, URLs, certificates and bodies are Cyber-observable Objects with
// STIX's own deterministic ids; host pairs, a host's IPs, certificates and bodies are
// relationships between them; alerts are indicators, each with a sighting. What STIX has no
// property for (tracker IDs, components, first/last seen, the capture that showed a fact)
// is in vucrawl's property extension, declared by the bundle's extension-definition.
import { isIP } from 'node:net';
import type { Alert } from '../alerting/alert.js';
import type { ExportFacts, Sighted } from '../store/queries/exchange.js';
import { causeRelationship, factId, scoId } from './ids.js';

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export interface ExportLabels {
  /** What was exported, as a key: the bundle's id (and the MISP event's uuid) derive from it and the window. */
  scopeKey: string;
  /** In words, e.g. "project northbank". */
  description: string;
  /** The project's tags: labels of every SDO and relationship (MISP: the event's tags). */
  labels: string[];
  /** The time window asked for (ISO 8601), if any. */
  since?: string;
  until?: string;
}

/** A fixed time for the objects that describe vucrawl itself (their content never changes). */
export const DEFINED_AT = '2026-01-01T00:00:00.000Z';
export const VUCRAWL_IDENTITY = factId('identity', 'vucrawl');
export const VUCRAWL_EXTENSION = factId('extension-definition', 'vucrawl', '1.0.0');

/** The identity every exported SDO and relationship is created by. */
export const identityObject: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: VUCRAWL_IDENTITY,
  created: DEFINED_AT,
  modified: DEFINED_AT,
  name: 'vucrawl',
  description: 'vucrawl, a virtual-user web crawler for threat intelligence: what its crawls observed.',
  identity_class: 'system',
};

/** vucrawl's property extension (STIX 2.1 §7.3): first/last seen, capture, tracker IDs, components. */
export const extensionDefinition: StixObject = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: VUCRAWL_EXTENSION,
  created_by_ref: VUCRAWL_IDENTITY,
  created: DEFINED_AT,
  modified: DEFINED_AT,
  name: 'vucrawl observations',
  description:
    'What vucrawl observed about an object: when (first_seen, last_seen, observations), in which capture (capture_id, evidence_url), and for hosts the tracker IDs and components (technologies) seen on them.',
  schema:
    'vucrawl docs/exchange.md, "The vucrawl extension": properties fact, first_seen, last_seen (timestamps), observations (integer), capture_id, evidence_url (strings), cause (host pairs), alert (alerts), trackers and components (lists of objects on domain-name, ipv4-addr and ipv6-addr).',
  version: '1.0.0',
  extension_types: ['property-extension'],
};

/** The SCO of a host: domain-name, or ipv4-addr / ipv6-addr for an IP address. */
export function hostObject(host: string): StixObject {
  const type = isIP(host) === 4 ? 'ipv4-addr' : isIP(host) === 6 ? 'ipv6-addr' : 'domain-name';
  return { type, spec_version: '2.1', id: scoId(type, { value: host }), value: host };
}

/** A STIX pattern string literal. */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const HOST = /^(?=.*[a-z])[a-z0-9_-]+(\.[a-z0-9_-]+)+$/i;

/** The pattern an alert indicates: its subject as a host, IP or SHA-256, else its evidence URL. */
export function alertPattern(a: Alert): string {
  const s = a.subject.trim();
  if (isIP(s)) return `[${isIP(s) === 4 ? 'ipv4-addr' : 'ipv6-addr'}:value = ${literal(s)}]`;
  if (/^[0-9a-f]{64}$/i.test(s)) return `[file:hashes.'SHA-256' = ${literal(s.toLowerCase())}]`;
  if (HOST.test(s)) return `[domain-name:value = ${literal(s.toLowerCase())}]`;
  if (/^https?:\/\//i.test(s)) return `[url:value = ${literal(s)}]`;
  const url = a.urls[1] ?? a.urls[0];
  if (url) return `[url:value = ${literal(url)}]`;
  return `[domain-name:value = ${literal(a.scope)}]`;
}

const seenOf = (s: Sighted) => ({
  first_seen: s.first_seen,
  last_seen: s.last_seen,
  observations: Number(s.observations),
  capture_id: s.capture_id,
  ...(s.evidence_url ? { evidence_url: s.evidence_url } : {}),
});

// The evidence URL is in the extension: an external reference's url SHOULD come with a hash of what it points to.
const capture = (capture_id: string, url: string) => [
  {
    source_name: 'vucrawl',
    description: `capture ${capture_id}${url ? ` of ${url}` : ''}`,
    external_id: capture_id,
  },
];

const extension = (props: Record<string, unknown>) => ({
  extensions: { [VUCRAWL_EXTENSION]: { extension_type: 'property-extension', ...props } },
});

/** An object and when it was added: the latest observation of the facts it states (TAXII's date_added). */
export interface DatedObject {
  object: StixObject;
  /** UTC, ISO 8601 with milliseconds. */
  added: string;
}

/** One bundle: vucrawl's identity and extension definition, then every object of the facts (each once). */
export function toStixBundle(facts: ExportFacts, o: ExportLabels): StixBundle {
  return {
    type: 'bundle',
    id: factId('bundle', o.scopeKey, o.since ?? '', o.until ?? ''),
    objects: toStixObjects(facts, o).map((d) => d.object),
  };
}

/**
 * Every object of the facts (each once), vucrawl's identity and extension definition first,
 * each with the time it was added: the latest observation among the facts it states (a
 * host: every fact it is part of), for an alert's indicator and sighting the time the alert
 * was raised, and for vucrawl's own two objects the time they were defined.
 */
export function toStixObjects(facts: ExportFacts, o: Pick<ExportLabels, 'labels'>): DatedObject[] {
  const objects = new Map<string, StixObject>();
  const added = new Map<string, string>();
  const touch = (id: string, at: string) => {
    const was = added.get(id);
    if (was === undefined || at > was) added.set(id, at);
  };
  const labels = (more: string[] = []) => {
    const all = [...new Set([...o.labels, ...more])].sort();
    return all.length ? { labels: all } : {};
  };
  // Per host SCO: what vucrawl saw on it (trackers, components) and its latest sighting.
  const hostExt = new Map<string, { trackers: unknown[]; components: unknown[]; latest?: Sighted }>();
  const host = (h: string, s?: Sighted): string => {
    const obj = hostObject(h);
    if (!objects.has(obj.id)) objects.set(obj.id, obj);
    const e = hostExt.get(obj.id) ?? { trackers: [], components: [] };
    if (s && (!e.latest || s.last_seen > e.latest.last_seen)) e.latest = s;
    if (s) touch(obj.id, s.last_seen);
    hostExt.set(obj.id, e);
    return obj.id;
  };
  const add = (obj: StixObject, at: string) => {
    objects.set(obj.id, obj);
    touch(obj.id, at);
  };
  const relationship = (
    key: string[],
    type: string,
    source: string,
    target: string,
    s: Sighted,
    props: Record<string, unknown>,
    more: string[] = [],
  ) =>
    add(
      {
        type: 'relationship',
        spec_version: '2.1',
        id: factId('relationship', ...key),
        created_by_ref: VUCRAWL_IDENTITY,
        created: s.first_seen,
        modified: s.last_seen,
        relationship_type: type,
        source_ref: source,
        target_ref: target,
        ...labels(more),
        external_references: capture(s.capture_id, s.evidence_url),
        ...extension({ fact: key[0], ...props, ...seenOf(s) }),
      },
      s.last_seen,
    );

  for (const p of facts.hostPairs)
    relationship(
      ['host_pair', p.parent_host, p.child_host, p.cause],
      causeRelationship(p.cause),
      host(p.parent_host, p),
      host(p.child_host, p),
      p,
      { cause: p.cause },
      p.tags,
    );
  for (const r of facts.hostIps) {
    // The address is added when the host resolved to it; its own extension stays for hosts seen as such.
    const ip = host(r.ip);
    touch(ip, r.last_seen);
    relationship(['host_ip', r.host, r.ip], 'resolves-to', host(r.host, r), ip, r, {});
  }
  for (const c of facts.certificates) {
    const cert: StixObject = {
      type: 'x509-certificate',
      spec_version: '2.1',
      id: scoId('x509-certificate', { hashes: { 'SHA-256': c.sha256 } }),
      hashes: { 'SHA-256': c.sha256 },
      ...(c.subject ? { subject: c.subject } : {}),
      ...(c.issuer ? { issuer: c.issuer } : {}),
      validity_not_before: c.valid_from,
      validity_not_after: c.valid_to,
      ...(c.san.length
        ? { x509_v3_extensions: { subject_alternative_name: c.san.map((n) => `DNS:${n}`).join(', ') } }
        : {}),
    };
    add(cert, c.last_seen);
    relationship(['certificate', c.host, c.sha256], 'presents-certificate', host(c.host, c), cert.id, c, {});
  }
  for (const r of facts.resources) {
    const file: StixObject = {
      type: 'file',
      spec_version: '2.1',
      id: scoId('file', { hashes: { 'SHA-256': r.sha256 } }),
      hashes: { 'SHA-256': r.sha256 },
      ...(r.size ? { size: r.size } : {}),
      ...(r.mime ? { mime_type: r.mime } : {}),
    };
    add(file, r.last_seen);
    const url: StixObject = {
      type: 'url',
      spec_version: '2.1',
      id: scoId('url', { value: r.url }),
      value: r.url,
      ...extension({ fact: 'resource', host: r.host, ...seenOf(r) }),
    };
    add(url, r.last_seen);
    relationship(['resource', r.url, r.sha256], 'serves', url.id, file.id, r, { host: r.host });
  }
  for (const t of facts.trackers)
    hostExt.get(host(t.host, t))!.trackers.push({ type: t.type, value: t.value, ...seenOf(t) });
  for (const c of facts.components)
    hostExt.get(host(c.host, c))!.components.push({
      name: c.name,
      ...(c.version ? { version: c.version } : {}),
      category: c.category,
      ...seenOf(c),
    });
  for (const a of facts.alerts) {
    const indicator = factId('indicator', 'alert', a.key);
    const refs = capture(a.capture_id, a.urls[0] ?? '');
    const alertExt = {
      fact: 'alert',
      alert: {
        key: a.key,
        source_kind: a.source_kind,
        source: a.source,
        rule: a.rule,
        subject: a.subject,
        scope: a.scope,
        raised_at: a.raised_at,
        urls: a.urls,
      },
      first_seen: a.first_seen,
      last_seen: a.first_seen,
      observations: 1,
      capture_id: a.capture_id,
      ...(a.urls[0] ? { evidence_url: a.urls[0] } : {}),
    };
    const modified = [a.first_seen, a.raised_at].sort().at(-1)!;
    add(
      {
        type: 'indicator',
        spec_version: '2.1',
        id: indicator,
        created_by_ref: VUCRAWL_IDENTITY,
        created: a.first_seen,
        modified,
        name: `${a.rule}: ${a.subject}`,
        description: `vucrawl ${a.source_kind} "${a.source}" raised ${a.rule} on ${a.subject}${a.scope ? ` (${a.scope})` : ''}`,
        indicator_types: ['anomalous-activity'],
        pattern: alertPattern(a),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: a.first_seen,
        ...labels([`vucrawl-rule:${a.rule.split(':')[0]}`]),
        external_references: refs,
        ...extension(alertExt),
      },
      modified,
    );
    add(
      {
        type: 'sighting',
        spec_version: '2.1',
        id: factId('sighting', 'alert', a.key),
        created_by_ref: VUCRAWL_IDENTITY,
        created: a.first_seen,
        modified,
        first_seen: a.first_seen,
        last_seen: a.first_seen,
        count: 1,
        sighting_of_ref: indicator,
        where_sighted_refs: [VUCRAWL_IDENTITY],
        ...labels([`vucrawl-rule:${a.rule.split(':')[0]}`]),
        external_references: refs,
        ...extension(alertExt),
      },
      modified,
    );
  }
  // Each host carries what was seen on it, and its latest sighting.
  for (const [id, e] of hostExt) {
    if (!e.latest && !e.trackers.length && !e.components.length) continue;
    objects.set(id, {
      ...objects.get(id)!,
      ...extension({
        fact: 'host',
        ...(e.latest ? { capture_id: e.latest.capture_id, last_seen: e.latest.last_seen } : {}),
        ...(e.latest?.evidence_url ? { evidence_url: e.latest.evidence_url } : {}),
        ...(e.trackers.length ? { trackers: e.trackers } : {}),
        ...(e.components.length ? { components: e.components } : {}),
      }),
    });
  }
  const sorted = [...objects.values()].sort((a, b) => (a.type === b.type ? cmp(a.id, b.id) : cmp(a.type, b.type)));
  return [
    { object: identityObject, added: DEFINED_AT },
    { object: extensionDefinition, added: DEFINED_AT },
    ...sorted.map((object) => ({ object, added: added.get(object.id) ?? DEFINED_AT })),
  ];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
