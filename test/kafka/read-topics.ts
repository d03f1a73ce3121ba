// Reads topics from the beginning with a fresh consumer group until n messages came (or
// fails after a minute, saying how many did).
import type { Kafka } from 'kafkajs';

export interface Read {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string;
}

export async function readTopics(
  kafka: Kafka,
  topics: string[],
  n: number,
  groupId = `reader-${Date.now()}-${Math.random()}`,
): Promise<Read[]> {
  const consumer = kafka.consumer({ groupId });
  const got: Read[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${got.length} of ${n} messages after 60 s`)), 60_000);
      if (n === 0) {
        clearTimeout(timer);
        resolve();
        return;
      }
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            got.push({
              topic,
              partition,
              offset: Number(message.offset),
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? '',
            });
            if (got.length >= n) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return got;
}
