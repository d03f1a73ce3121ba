// The Kafka topics and message keys (the contract of ARCHITECTURE.md, plus the two event
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
};

/** Work for crawler workers, keyed by registrable domain (one site stays with one worker). */
export const TARGETS_TOPIC = 'vucrawl.targets';
/** Records that failed validation, at the producer or the loader, with the reason. */
export const DLQ_TOPIC = 'vucrawl.dlq';

export const EVENT_TOPIC_NAMES = EVENT_TYPES.map((t) => EVENT_TOPICS[t].topic);
export const ALL_TOPICS = [...EVENT_TOPIC_NAMES, TARGETS_TOPIC, DLQ_TOPIC];

const TYPE_OF_TOPIC = new Map(EVENT_TYPES.map((t) => [EVENT_TOPICS[t].topic, t]));
export const eventTypeOfTopic = (topic: string): EventType | undefined => TYPE_OF_TOPIC.get(topic);

export interface OutMessage {
  topic: string;
  key: string | null;
  value: string;
}

/** An event as the message that carries it. A missing key (a resource without a hash) is null: round-robin. */
export function eventMessage(e: VucrawlEvent): OutMessage {
  const { topic, key } = EVENT_TOPICS[schemaType(e.schema) as EventType];
  const k = (e as unknown as Record<string, unknown>)[key];
  return { topic, key: typeof k === 'string' && k !== '' ? k : null, value: JSON.stringify(e) };
}
