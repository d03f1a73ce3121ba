// A real Kafka broker (tools/kafka/broker.ts) driven by a real client: topics and messages
// round-trip through a consumer group and survive a stop and restart on the same data.
import { rm } from 'node:fs/promises';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBroker, type Broker } from '../../tools/kafka/broker.js';
import { readTopics, type Read } from './read-topics.js';

const TOPIC = 'vucrawl-broker-test';
const expected = Array.from({ length: 100 }, (_, i) => ({ key: `key-${i}`, value: `value-${i}` }));

type Got = Read;

function client(broker: Broker): Kafka {
  return new Kafka({ clientId: 'vucrawl-broker-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
}

const consume = (kafka: Kafka, groupId: string, n: number): Promise<Got[]> => readTopics(kafka, [TOPIC], n, groupId);

/** Exactly the 100 produced messages, each partition read in offset order. */
function expectAllMessages(got: Got[]): void {
  expect(
    got.map(({ key, value }) => ({ key, value })).sort((a, b) => Number(a.key!.slice(4)) - Number(b.key!.slice(4))),
  ).toEqual(expected);
  const partitions = new Set(got.map((g) => g.partition));
  expect([...partitions].sort()).toEqual([0, 1, 2]);
  for (const p of partitions) {
    const offsets = got.filter((g) => g.partition === p).map((g) => g.offset);
    expect(offsets).toEqual(offsets.map((_, i) => i));
  }
}

describe('Kafka broker', () => {
  let broker: Broker;
  let dataDir: string | undefined;

  beforeAll(async () => {
    broker = await startBroker();
    dataDir = broker.dataDir;
  });

  afterAll(async () => {
    await broker?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('a keyed topic of 3 partitions round-trips through a consumer group', async () => {
    const kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true })).toBe(true);
    await admin.disconnect();

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: expected });
    await producer.disconnect();

    expectAllMessages(await consume(kafka, 'vucrawl-group-1', expected.length));
  });

  test('the topic and its messages survive a stop and a restart on the same port and data', async () => {
    const { port, pid } = broker;
    await broker.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    broker = await startBroker({ port, dataDir });
    expect(broker.port).toBe(port);
    expect(broker.pid).not.toBe(pid);

    const kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    await admin.disconnect();
    expect(topics[0]?.partitions).toHaveLength(3);

    expectAllMessages(await consume(kafka, 'vucrawl-group-2', expected.length));
  });

  test('stop() leaves no process behind and can be called again', async () => {
    await broker.stop();
    expect(() => process.kill(broker.pid, 0)).toThrow();
    await broker.stop();
    await broker.kill();
  });
});
