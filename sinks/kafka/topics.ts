// The Kafka topics and message keys (the contract of ARCHITECTURE.md, plus the event
// types this project added): one topic per event type, keyed so that related events share
// a partition, plus the crawl targets and the dead-letter topic.
import { EVENT_TYPES, schemaType, type EventType, type VucrawlEvent } from '../../extractor/events.js';

export const EVENT_TOPICS: Record<EventType, { topic: string; key: string }> = {
  page: { topic: 'vucrawl.pages', key: 'host' },
  host_pair: { topic: 'vucrawl.host_pairs', key: 'parent_host' },
  tracker: { topic: 'vucrawl.trackers', key: 'value' },
  resource: { topic: 'vucrawl.resources', key: 'sha256' },
  cookie: { topic: 'vucrawl.cookies', key: 'host' },
  host_ip: { topic: 'vucrawl.host_ips', key: 'ip' },
  certificate: { topic: 'vucrawl.certificates', key: 'sha256' },
  component: { topic: 'vucrawl.components', key: 'host' },
  cloaking: { topic: 'vucrawl.cloaking', key: 'host' },
  // By the look-alike domain: one variant's verdicts, run after run, stay in order.
  impersonation: { topic: 'vucrawl.impersonation', key: 'domain' },
};

/** Work for crawler workers, keyed by registrable domain (one site stays with one worker). */
export const TARGETS_TOPIC = 'vucrawl.targets';
/**
 * The fleet's per-site state (which URLs of which crawl were admitted, started, done), a
 * compacted changelog partitioned exactly as vucrawl.targets: the worker that takes over
 * a partition of targets restores that partition of state (pipeline/fleet/site-state.ts).
 */
export const SITE_STATE_TOPIC = 'vucrawl.site-state';
/** Each worker's latest status, compacted by worker (vucrawl fleet status reads it). */
export const FLEET_TOPIC = 'vucrawl.fleet';
/** Records that failed validation, at the producer or the loader, with the reason. */
export const DLQ_TOPIC = 'vucrawl.dlq';
/** Alerts of monitors and watches, keyed by the alert's key (one fact, one partition). */
export const ALERTS_TOPIC = 'vucrawl.alerts';

export const EVENT_TOPIC_NAMES = EVENT_TYPES.map((t) => EVENT_TOPICS[t].topic);
export const ALL_TOPICS = [...EVENT_TOPIC_NAMES, TARGETS_TOPIC, SITE_STATE_TOPIC, FLEET_TOPIC, DLQ_TOPIC, ALERTS_TOPIC];
/** Topics that keep only the latest record of each key. */
export const COMPACTED_TOPICS: ReadonlySet<string> = new Set([SITE_STATE_TOPIC, FLEET_TOPIC]);

const TYPE_OF_TOPIC = new Map(EVENT_TYPES.map((t) => [EVENT_TOPICS[t].topic, t]));
export const eventTypeOfTopic = (topic: string): EventType | undefined => TYPE_OF_TOPIC.get(topic);

export interface OutMessage {
  topic: string;
  key: string | null;
  value: string;
  /** Set when the message must go to this partition rather than its key's (state beside the targets it describes). */
  partition?: number;
}

/** An event as the message that carries it. A missing key (a resource without a hash) is null: round-robin. */
export function eventMessage(e: VucrawlEvent): OutMessage {
  const { topic, key } = EVENT_TOPICS[schemaType(e.schema) as EventType];
  const k = (e as unknown as Record<string, unknown>)[key];
  return { topic, key: typeof k === 'string' && k !== '' ? k : null, value: JSON.stringify(e) };
}
