// An alert: one new fact that a monitor (a page compared with its previous visit), a
// watch (a standing search over every crawled page) or a brand run (a brand's look-alike
// domains judged: brand-rules.ts) noticed, with its evidence. Rules find
// facts (Finding); an alert is a finding with its source, its time and its capture, and a
// key that names the fact, so that the same fact is raised once however often it is seen.
import { createHash } from 'node:crypto';

export const ALERT_SCHEMA = 'vucrawl.alert/1';

export const ALERT_SOURCE_KINDS = ['monitor', 'watch', 'brand'] as const;
export type AlertSourceKind = (typeof ALERT_SOURCE_KINDS)[number];

/** What a rule found on one page: the new fact, what else tells it apart, and its evidence. */
export interface Finding {
  /** The rule as written, e.g. `new-child-host:script.src`. */
  rule: string;
  /** The new fact: a child host, a tracker ID, a keyword, a hash, a host showing a copy, ... */
  subject: string;
  /** What the fact is about besides its subject (the monitored URL, the host a new parent leads to, ...). */
  scope: string;
  /** parent, child, cause, type, from, to, ... */
  details: Record<string, string>;
  /** Evidence: the page, then where the fact shows. */
  urls: string[];
}

/** A finding on a page: when and in which capture it was seen. */
export interface Seen extends Finding {
  /** UTC ms of the capture. */
  observed_at: number;
  capture_id: string;
}

export interface Alert {
  schema: typeof ALERT_SCHEMA;
  /** Names the fact (source kind, source, rule, scope, subject): the same fact has the same key. */
  key: string;
  source_kind: AlertSourceKind;
  /** The monitor's, the watch's or the brand's name. */
  source: string;
  rule: string;
  subject: string;
  scope: string;
  details: Record<string, string>;
  /** When the fact was seen (the capture's time), and when the alert was raised; UTC, ISO 8601. */
  first_seen: string;
  raised_at: string;
  capture_id: string;
  urls: string[];
}

export function alertKey(
  kind: AlertSourceKind,
  source: string,
  f: Pick<Finding, 'rule' | 'scope' | 'subject'>,
): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, source, f.rule, f.scope, f.subject]))
    .digest('hex');
}

export function toAlert(kind: AlertSourceKind, source: string, s: Seen, raisedAt: number): Alert {
  return {
    schema: ALERT_SCHEMA,
    key: alertKey(kind, source, s),
    source_kind: kind,
    source,
    rule: s.rule,
    subject: s.subject,
    scope: s.scope,
    details: s.details,
    first_seen: new Date(s.observed_at).toISOString(),
    raised_at: new Date(raisedAt).toISOString(),
    capture_id: s.capture_id,
    urls: [...new Set(s.urls.filter(Boolean))],
  };
}

const ISO_UTC = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';

/** The alert record as consumers read it (vucrawl.alerts, alerts.ndjson, webhooks): schemas/alert.schema.json. */
export const ALERT_RECORD_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: ALERT_SCHEMA,
  title: 'vucrawl alert',
  description: 'One new fact a monitor, a watch or a brand run noticed, with its evidence; raised once per key.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schema',
    'key',
    'source_kind',
    'source',
    'rule',
    'subject',
    'scope',
    'details',
    'first_seen',
    'raised_at',
    'capture_id',
    'urls',
  ],
  properties: {
    schema: { const: ALERT_SCHEMA, description: 'Record type and version.' },
    key: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description:
        'SHA-256 (hex) of the fact: source kind, source, rule, scope, subject. The same fact has the same key: drop repeats by it.',
    },
    source_kind: {
      enum: ALERT_SOURCE_KINDS,
      description:
        "What raised it: a monitor (a page compared with its previous visit), a watch (a standing search) or a brand run (a brand's look-alike domains judged).",
    },
    source: { type: 'string', description: "The monitor's, the watch's or the brand's name." },
    rule: {
      type: 'string',
      description:
        'The rule as written, e.g. "new-child-host:script.src", "keyword:clearance", "favicon-copy:@brand", "verdict:impersonating".',
    },
    subject: {
      type: 'string',
      description: 'The new fact: the child host, the tracker ID, the keyword, the hash, the host showing a copy, ...',
    },
    scope: {
      type: 'string',
      description: 'What the fact is about besides its subject: the monitored URL, the host a new parent leads to, ...',
    },
    details: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'More of the fact: parent, child, cause, type, from, to, ...',
    },
    first_seen: {
      type: 'string',
      pattern: ISO_UTC,
      description: "When the fact was seen: the capture's time, UTC, ISO 8601.",
    },
    raised_at: { type: 'string', pattern: ISO_UTC, description: 'When the alert was raised, UTC, ISO 8601.' },
    capture_id: { type: 'string', description: 'The capture the fact was seen in.' },
    urls: { type: 'array', items: { type: 'string' }, description: 'Evidence: the page, then where the fact shows.' },
  },
} as const;

/** One line for a person (a chat message, a log line): what, where, which source. */
export function alertText(a: Alert): string {
  const where = a.urls[0] ? ` on ${a.urls[0]}` : '';
  return `vucrawl ${a.source_kind} "${a.source}": ${a.rule} ${a.subject}${where} (seen ${a.first_seen}, capture ${a.capture_id})`;
}
