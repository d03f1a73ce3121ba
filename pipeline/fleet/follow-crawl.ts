// A crawl handed to the fleet and followed to its events: for a caller that needs the
// result of a few pages (a monitor's run), not a crawl of its own. The targets go to
// vucrawl.targets under a new crawl id; the events the workers publish for that crawl id are
// read back from the event topics, from where those topics ended before the targets were
// sent. It ends once every target's page event arrived and the topics then stayed quiet for
// a moment (a worker publishes a capture's events together, before it marks the page done),
// or when the time is up; the targets still missing then are named.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { normalizeUrl } from '../../capture/url.js';
import { schemaType, type EventType, type VucrawlEvent } from '../../extractor/events.js';
import type { SeedInput } from '../../seeds/seed-file.js';
import { validateEvent } from '../../sinks/validate.js';
import { createKafka, ensureTopics, type KafkaOptions } from '../../sinks/kafka/connect.js';
import { withAdmin } from '../../sinks/kafka/group-consumer.js';
import { EVENT_TOPICS } from '../../sinks/kafka/topics.js';
import { sleep } from '../../runtime/timing.js';
import { submitTargets } from './submit.js';
import { CRAWLER_GROUP } from './worker.js';

/** A crawl handed to the fleet (monitor and brand runs): the broker, and the longest wait for its pages. */
export interface FleetHandOff {
  kafka: KafkaOptions;
  timeoutMs: number;
}

export interface FollowOptions {
  /** The event types to read back (page is always read). */
  types: EventType[];
  /** The longest wait for every target's page. */
  timeoutMs: number;
  /** How long the topics stay quiet after the last page before the rest counts as arrived. */
  quietMs: number;
}

export interface FollowedCrawl {
  crawlId: string;
  /** Each capture's events, by capture id. */
  captures: Map<string, VucrawlEvent[]>;
  /** Targets whose page event did not arrive in time. */
  missing: string[];
}

/** Whether workers are in the crawler group now: a fleet runs to hand crawls to. */
export async function fleetIsRunning(ko: KafkaOptions, log: Logger, groupId = CRAWLER_GROUP): Promise<boolean> {
  const { groups } = await withAdmin(createKafka(ko, log), (admin) => admin.describeGroups([groupId]));
  return (groups[0]?.members.length ?? 0) > 0;
}

export async function followFleetCrawl(
  ko: KafkaOptions,
  seeds: SeedInput[],
  o: FollowOptions,
  log: Logger,
): Promise<FollowedCrawl> {
  const kafka = createKafka(ko, log);
  await ensureTopics(kafka, ko);
  const topics = [...new Set<EventType>(['page', ...o.types])].map((t) => EVENT_TOPICS[t].topic);
  const admin = kafka.admin();
  await admin.connect();
  const starts = await Promise.all(
    topics.map(async (topic) => ({ topic, ends: await admin.fetchTopicOffsets(topic) })),
  );
  await admin.disconnect();

  const crawlId = randomUUID();
  const waiting = new Set(seeds.map((s) => normalizeUrl(new URL(s.url))));
  const captures = new Map<string, VucrawlEvent[]>();
  let lastEventAt = Date.now();
  const consumer = kafka.consumer({ groupId: `vucrawl-follow-${crawlId}`, maxWaitTimeInMs: 200 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const raw = message.value?.toString('utf8');
        if (!raw?.includes(crawlId)) return;
        const v = validateEvent(parseJson(raw));
        if (!v.ok || v.event.crawl_id !== crawlId) return;
        const e = v.event;
        captures.set(e.capture_id, [...(captures.get(e.capture_id) ?? []), e]);
        if (schemaType(e.schema) === 'page') waiting.delete(normalizeUrl(new URL(e.page_url)));
        lastEventAt = Date.now();
      },
    });
    // Only what comes after the submission: the events of the crawl id cannot be earlier.
    for (const { topic, ends } of starts)
      for (const p of ends) consumer.seek({ topic, partition: p.partition, offset: p.high });
    await submitTargets(ko, seeds, { crawlId, depth: 0, scope: 'site', tags: [] }, log);
    log.info({ crawlId, targets: seeds.length }, 'monitor targets handed to the fleet');
    const deadline = Date.now() + o.timeoutMs;
    while (Date.now() < deadline && (waiting.size > 0 || Date.now() - lastEventAt < o.quietMs)) await sleep(100);
  } finally {
    await consumer.disconnect();
    // The reading group is of no use afterwards.
    const cleanup = kafka.admin();
    // A throwaway group: the broker expires it anyway.
    await cleanup
      .connect()
      .then(() => cleanup.deleteGroups([`vucrawl-follow-${crawlId}`]))
      .catch(() => undefined);
    await cleanup.disconnect();
  }
  return { crawlId, captures, missing: [...waiting] };
}

/** A message that is not JSON (someone else writing to the topic) is no event of ours. */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined; // not an event (another producer's message on the topic): not this crawl's
  }
}
