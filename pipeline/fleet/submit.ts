// `vucrawl submit`: seeds become targets of a crawl on vucrawl.targets, for the fleet's
// workers. Each seed is a target at depth 0 with the crawl's depth budget, profile,
// priority, tags and scope; all of them carry the crawl id (new unless given), which a
// recrawl changes so that the earlier crawl's "done" does not block it.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { CrawlScope } from '../../crawler/options.js';
import type { SeedInput } from '../../seeds/seed-file.js';
import { createKafka, ensureTopics, type KafkaOptions } from '../../sinks/kafka/connect.js';
import { TARGETS_TOPIC } from '../../sinks/kafka/topics.js';
import { targetMessage } from './target-message.js';

export interface SubmitOptions {
  crawlId?: string;
  /** Depth budget of seeds that set none. */
  depth: number;
  /** Where the targets' links may lead. */
  scope: CrawlScope;
  /** Tags for every seed (added to a seed's own). */
  tags: string[];
  /** A comparison crawl for seeds that name none (their compare= wins). */
  compare?: string[];
}

export async function submitTargets(
  ko: KafkaOptions,
  seeds: SeedInput[],
  o: SubmitOptions,
  log: Logger,
): Promise<{ crawlId: string; sent: number }> {
  const kafka = createKafka(ko, log);
  await ensureTopics(kafka, ko);
  const crawlId = o.crawlId ?? randomUUID();
  const now = Date.now();
  const messages = seeds.map((s) => {
    const { key, value } = targetMessage(
      {
        url: s.url,
        depth: 0,
        maxDepth: s.depth ?? o.depth,
        seedUrl: s.url,
        referer: s.referer,
        compare: s.compare ?? (o.compare?.length ? o.compare : undefined),
        profile: s.profile,
        priority: s.priority ?? 0,
        tags: [...new Set([...o.tags, ...(s.tags ?? [])])],
        screenshots: s.screenshots,
        brand: s.brand,
        scope: o.scope,
        crawlId,
        attempt: 0,
      },
      now,
    );
    return { key, value };
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: TARGETS_TOPIC, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
  return { crawlId, sent: messages.length };
}
