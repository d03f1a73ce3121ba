// A member of a consumer group that keeps reading, for the fleet's workers (vucrawl.targets)
// and the loader (the event topics). Whatever stops its consumer, it reads again: kafkajs
// restarts a consumer after most failures itself (while the member is not stopping), and
// one kafkajs gives up on (a broker that was away too long) is replaced by a new consumer,
// after a backoff, until one runs. The owner hears of every join of the group (its
// partitions) and of a replacement: what it read and did not commit is read again from
// the committed offsets. groupLag says how far a group is behind its topics.
import type {
  Admin,
  Consumer,
  ConsumerConfig,
  ConsumerRunConfig,
  Kafka,
  TopicPartitionOffsetAndMetadata,
} from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, sleep } from '../../runtime/timing.js';

export interface GroupConsumerOptions {
  /** The consumer's settings (group id, session, fetch sizes); its restart policy is this module's. */
  consumer: Omit<ConsumerConfig, 'retry'>;
  topics: string[];
  /** How it reads (eachBatch, concurrency, commits). */
  run: ConsumerRunConfig;
  /** What it reads, for the log ("targets", "events"). */
  reads: string;
  /** Each join of the group: the partitions this member was given, by topic. */
  onJoin?(assignment: Record<string, number[]>): void;
  /** A new consumer is about to replace one kafkajs gave up on. */
  onReplace?(): void;
}

/** Pauses before a new consumer starts: 1 s doubling to 30 s. */
const RESTART_BASE_MS = 1_000;
const RESTART_MAX_MS = 30_000;

export class GroupConsumer {
  private consumer: Consumer;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly o: GroupConsumerOptions,
    private readonly log: Logger,
  ) {
    this.consumer = this.create();
  }

  /** Joins the group and starts reading (from the committed offsets, else the beginning). */
  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.o.topics, fromBeginning: true });
    await this.consumer.run(this.o.run);
  }

  /** Stops reading for good, still a member: a paused consumer commits, a stopped one would not. */
  stopReading(): void {
    this.stopping = true;
    try {
      this.consumer.pause(this.o.topics.map((topic) => ({ topic })));
    } catch {
      // Not reading yet (stopped before it started): nothing to pause.
    }
  }

  commitOffsets(offsets: TopicPartitionOffsetAndMetadata[]): Promise<void> {
    return this.consumer.commitOffsets(offsets);
  }

  /** Reads a partition again from `offset` (throws when the partition is not this member's). */
  seek(topic: string, partition: number, offset: string): void {
    this.consumer.seek({ topic, partition, offset });
  }

  /** Leaves the group. */
  async disconnect(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
  }

  private create(): Consumer {
    const consumer = this.kafka.consumer({
      ...this.o.consumer,
      retry: { restartOnFailure: async () => !this.stopping },
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.o.onJoin?.(payload.memberAssignment));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.log.warn(
        { err: payload.error.message, restart: payload.restart },
        `reading ${this.o.reads} failed; the consumer starts again`,
      );
      if (!payload.restart && !this.stopping) void this.replace();
    });
    return consumer;
  }

  private async replace(): Promise<void> {
    this.o.onReplace?.();
    await this.consumer.disconnect().catch(() => undefined); // replaced below: the old one may be broken
    for (let attempt = 0; !this.stopping; attempt++) {
      const delay = backoffDelay(attempt, RESTART_BASE_MS, RESTART_MAX_MS);
      await sleep(delay);
      if (this.stopping) return;
      this.consumer = this.create();
      try {
        await this.start();
        this.log.info(`Kafka consumer of ${this.o.reads} restarted`);
        return;
      } catch (e) {
        this.log.warn(
          { err: (e as Error).message, retryInMs: delay },
          `Kafka consumer of ${this.o.reads} could not start; retrying`,
        );
        await this.consumer.disconnect().catch(() => undefined); // the failure is logged above
      }
    }
  }
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed offset, '-1' when it has none. */
  committed: string;
  end: string;
  /** Messages from the committed offset (or the partition's start) to its end. */
  lag: number;
}

/** How far the group is behind each partition of these topics. */
export async function groupLag(admin: Admin, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  const lags: PartitionLag[] = [];
  for (const t of await admin.fetchOffsets({ groupId, topics })) {
    for (const end of await admin.fetchTopicOffsets(t.topic)) {
      const committed = t.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      const from = BigInt(committed) >= 0n ? BigInt(committed) : BigInt(end.low);
      lags.push({
        topic: t.topic,
        partition: end.partition,
        committed,
        end: end.high,
        lag: Number(BigInt(end.high) - from),
      });
    }
  }
  return lags;
}

/** An admin client for one call, connected and let go. */
export async function withAdmin<T>(kafka: Kafka, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}
