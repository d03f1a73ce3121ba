// Reads partitions of a compacted topic from the beginning to where they end now, for a
// worker restoring the state of the partitions it was just given. kafkajs reads only in
// consumer groups, so a group of its own (one member: every partition) does the reading,
// and is deleted afterwards. A read fails, for its caller to ask again, when its consumer
// crashes or READ_TIMEOUT_MS pass without a batch (a long read that goes on is not cut
// short): kafkajs's run() resolves once reading started, so a consumer that died later (a
// broker outage) would otherwise leave the read waiting for good, and a worker with it.
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/** How long a read may go without a batch. */
export const READ_TIMEOUT_MS = 30_000;

export async function readPartitions(
  kafka: Kafka,
  topic: string,
  partitions: number[],
  onRecord: (partition: number, key: string, value: string | null) => void,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]),
    );
    const left = new Set(
      partitions.filter((p) => {
        const e = ends.get(p);
        return e !== undefined && e.high > e.low;
      }),
    );
    if (left.size === 0) return 0;
    const groupId = `vucrawl-restore-${randomUUID()}`;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 200,
      retry: { restartOnFailure: async () => false },
    });
    let records = 0;
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        const stalled = () =>
          reject(new Error(`${topic}: no records of partitions ${[...left].join(', ')} for ${READ_TIMEOUT_MS} ms`));
        timer = setTimeout(stalled, READ_TIMEOUT_MS);
        consumer
          .run({
            eachBatch: async ({ batch }) => {
              timer?.refresh();
              if (!left.has(batch.partition)) return;
              const high = ends.get(batch.partition)!.high;
              for (const m of batch.messages) {
                if (BigInt(m.offset) >= high) break;
                onRecord(batch.partition, m.key?.toString('utf8') ?? '', m.value ? m.value.toString('utf8') : null);
                records++;
              }
              if (BigInt(batch.lastOffset()) + 1n >= high || batch.offsetLag() === '0') left.delete(batch.partition);
              if (left.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined); // a throwaway group: the broker expires it anyway
    }
    return records;
  } finally {
    await admin.disconnect();
  }
}
