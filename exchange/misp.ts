// vucrawl's facts as one MISP event ({"Event": {...}}, MISP's JSON format), with MISP's
// standard object templates (misp-objects): domain-ip per host (its IPs), tracking-id,
// software (components), x509, url and file; host pairs are object references between
// the hosts' domain-ip objects, their relationship type the STIX one (ids.ts). Alerts are
// attributes flagged for IDS, tagged with their rule. Pure: rows in, the event out.
import { isIP } from 'node:net';
import type { ExportFacts, Sighted } from '../store/queries/exchange.js';
import { causeRelationship, factUuid } from './ids.js';
import type { ExportLabels } from './stix.js';

/** The templates used, as MISP knows them (misp-objects: objects/NAME/definition.json). */
export const MISP_TEMPLATES = {
  'domain-ip': { uuid: '43b3b146-77eb-4931-b4cc-b66c60f28734', version: '11', category: 'network' },
  'tracking-id': { uuid: '3681c62a-2c75-48d8-99f2-6a3444ce2393', version: '3', category: 'network' },
  software: { uuid: 'b1b5dc0e-73fe-443c-8d9d-0e208de3951e', version: '1', category: 'misc' },
  x509: { uuid: 'd1ab756a-26b5-4349-9f43-765630f0911c', version: '14', category: 'network' },
  url: { uuid: '60efb77b-40b5-4c46-871b-ed1ed999fce5', version: '10', category: 'network' },
  file: { uuid: '688c46fb-5edb-40a3-8273-1af7923e2215', version: '25', category: 'file' },
} as const;
type Template = keyof typeof MISP_TEMPLATES;

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  object_relation?: string;
  comment?: string;
  first_seen?: string;
  last_seen?: string;
  Tag?: { name: string }[];
}

export interface MispObjectReference {
  uuid: string;
  object_uuid: string;
  referenced_uuid: string;
  relationship_type: string;
  comment?: string;
}

export interface MispObject {
  uuid: string;
  name: Template;
  'meta-category': string;
  template_uuid: string;
  template_version: string;
  description?: string;
  comment: string;
  first_seen?: string;
  last_seen?: string;
  Attribute: MispAttribute[];
  ObjectReference: MispObjectReference[];
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    timestamp: string;
    published: boolean;
    analysis: string;
    threat_level_id: string;
    distribution: string;
    Orgc: { name: string; uuid: string };
    Tag: { name: string }[];
    Attribute: MispAttribute[];
    Object: MispObject[];
  };
}

/** Attribute types -> their MISP category. */
const CATEGORY: Record<string, string> = {
  domain: 'Network activity',
  hostname: 'Network activity',
  'ip-dst': 'Network activity',
  url: 'Network activity',
  sha256: 'Payload delivery',
  'x509-fingerprint-sha256': 'Network activity',
  'size-in-bytes': 'Other',
  'mime-type': 'Payload delivery',
  datetime: 'Other',
  text: 'Other',
};

const capture = (s: Sighted) => `capture ${s.capture_id}${s.evidence_url ? ` ${s.evidence_url}` : ''}`;

/** One event holding every fact of the export, each object and attribute with a uuid derived from its fact. */
export function toMispEvent(facts: ExportFacts, o: ExportLabels): MispEvent {
  const objects = new Map<string, MispObject>();
  const attribute = (owner: string, relation: string, type: string, value: string, to_ids = false): MispAttribute => ({
    uuid: factUuid('misp-attribute', owner, relation, value),
    type,
    category: CATEGORY[type] ?? 'Other',
    value,
    to_ids,
    object_relation: relation,
  });
  const object = (name: Template, key: string[], s: Sighted | undefined, attrs: [string, string, string][]) => {
    const uuid = factUuid('misp-object', name, ...key);
    const t = MISP_TEMPLATES[name];
    const existing = objects.get(uuid);
    const obj: MispObject = existing ?? {
      uuid,
      name,
      'meta-category': t.category,
      template_uuid: t.uuid,
      template_version: t.version,
      comment: s ? capture(s) : '',
      Attribute: [],
      ObjectReference: [],
    };
    for (const [relation, type, value] of attrs)
      if (!obj.Attribute.some((a) => a.object_relation === relation && a.value === value))
        obj.Attribute.push(attribute(uuid, relation, type, value));
    if (s) {
      if (!obj.first_seen || s.first_seen < obj.first_seen) obj.first_seen = s.first_seen;
      if (!obj.last_seen || s.last_seen > obj.last_seen) {
        obj.last_seen = s.last_seen;
        obj.comment = capture(s);
      }
    }
    objects.set(uuid, obj);
    return obj;
  };
  const host = (h: string, s?: Sighted) =>
    object('domain-ip', [h], s, [isIP(h) ? ['ip', 'ip-dst', h] : ['domain', 'domain', h]]);
  const reference = (from: MispObject, to: MispObject, type: string, s: Sighted, key: string[]) => {
    const uuid = factUuid('misp-reference', ...key);
    if (from.ObjectReference.some((r) => r.uuid === uuid)) return;
    from.ObjectReference.push({
      uuid,
      object_uuid: from.uuid,
      referenced_uuid: to.uuid,
      relationship_type: type,
      comment: `first seen ${s.first_seen}, last seen ${s.last_seen}, ${s.observations} observations; ${capture(s)}`,
    });
  };

  for (const p of facts.hostPairs)
    reference(host(p.parent_host, p), host(p.child_host, p), causeRelationship(p.cause), p, [
      'host_pair',
      p.parent_host,
      p.child_host,
      p.cause,
    ]);
  for (const r of facts.hostIps) {
    const h = host(r.host, r);
    if (!isIP(r.host) && !h.Attribute.some((a) => a.object_relation === 'ip' && a.value === r.ip))
      h.Attribute.push(attribute(h.uuid, 'ip', 'ip-dst', r.ip));
  }
  for (const t of facts.trackers) {
    const obj = object('tracking-id', [t.type, t.value, t.host], t, [
      ['id', 'text', t.value],
      ['tracker', 'text', t.type],
      ['hostname', 'hostname', t.host],
      ...(t.evidence_url ? ([['url', 'url', t.evidence_url]] as [string, string, string][]) : []),
      ['first-seen', 'datetime', t.first_seen],
      ['last-seen', 'datetime', t.last_seen],
    ]);
    reference(host(t.host), obj, 'carries', t, ['tracker', t.type, t.value, t.host]);
  }
  for (const c of facts.components) {
    const obj = object('software', [c.name, c.version], c, [
      ['name', 'text', c.name],
      ...(c.version ? ([['version', 'text', c.version]] as [string, string, string][]) : []),
    ]);
    reference(host(c.host), obj, 'runs', c, ['component', c.host, c.name, c.version]);
  }
  for (const c of facts.certificates) {
    const obj = object('x509', [c.sha256], c, [
      ['x509-fingerprint-sha256', 'x509-fingerprint-sha256', c.sha256],
      ['subject', 'text', c.subject],
      ['issuer', 'text', c.issuer],
      ['validity-not-before', 'datetime', c.valid_from],
      ['validity-not-after', 'datetime', c.valid_to],
      ...c.san.map((n): [string, string, string] => ['dns_names', 'hostname', n]),
    ]);
    reference(host(c.host), obj, 'presents-certificate', c, ['certificate', c.host, c.sha256]);
  }
  for (const r of facts.resources) {
    const file = object('file', [r.sha256], r, [
      ['sha256', 'sha256', r.sha256],
      ...(r.size ? ([['size-in-bytes', 'size-in-bytes', String(r.size)]] as [string, string, string][]) : []),
      ...(r.mime ? ([['mimetype', 'mime-type', r.mime]] as [string, string, string][]) : []),
    ]);
    const url = object('url', [r.url], r, [
      ['url', 'url', r.url],
      ['host', 'hostname', r.host],
    ]);
    reference(url, file, 'serves', r, ['resource', r.url, r.sha256]);
  }

  const ruleTag = (rule: string) => `vucrawl:rule="${rule.split(':')[0]}"`;
  const alerts: MispAttribute[] = facts.alerts.map((a) => {
    const s = a.subject.trim();
    const type = isIP(s)
      ? 'ip-dst'
      : /^[0-9a-f]{64}$/i.test(s)
        ? 'sha256'
        : /^https?:\/\//i.test(s)
          ? 'url'
          : /^(?=.*[a-z])[a-z0-9_-]+(\.[a-z0-9_-]+)+$/i.test(s)
            ? 'domain'
            : 'text';
    return {
      uuid: factUuid('misp-alert', a.key),
      type,
      category: CATEGORY[type] ?? 'Other',
      value: type === 'domain' || type === 'sha256' ? s.toLowerCase() : s,
      to_ids: type !== 'text',
      comment: `vucrawl ${a.source_kind} "${a.source}" raised ${a.rule}${a.scope ? ` (${a.scope})` : ''}; capture ${a.capture_id}${a.urls[0] ? ` ${a.urls[0]}` : ''}`,
      first_seen: a.first_seen,
      last_seen: a.first_seen,
      Tag: [{ name: ruleTag(a.rule) }],
    };
  });

  const times = [
    ...[...objects.values()].flatMap((x) => (x.last_seen ? [x.last_seen] : [])),
    ...facts.alerts.map((a) => a.first_seen),
  ].sort();
  const latest = o.until ?? times.at(-1) ?? '1970-01-01T00:00:00.000Z';
  const tags = [...new Set([...o.labels, ...facts.alerts.map((a) => ruleTag(a.rule))])].sort();
  return {
    Event: {
      uuid: factUuid('misp-event', o.scopeKey, o.since ?? '', o.until ?? ''),
      info: `vucrawl export: ${o.description}${o.since || o.until ? ` (${o.since ?? '…'} to ${o.until ?? '…'})` : ''}`,
      date: latest.slice(0, 10),
      timestamp: String(Math.floor(Date.parse(latest) / 1000)),
      published: false,
      analysis: '2',
      threat_level_id: '4',
      distribution: '0',
      Orgc: { name: 'vucrawl', uuid: factUuid('misp-org', 'vucrawl') },
      Tag: tags.map((name) => ({ name })),
      Attribute: alerts,
      Object: [...objects.values()].sort((a, b) => (a.uuid < b.uuid ? -1 : 1)),
    },
  };
}
