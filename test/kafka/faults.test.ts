// Broker outage in the middle of a crawl, against a real broker stopped and started again
// on the same port and data: the publisher buffers, spills to disk, reconnects and sends
// everything; the topics end up holding every event exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VucrawlEvent } from '../../extractor/events.js';
import { extractEvents } from '../../extractor/extract.js';
import { createKafka, kafkaOptions } from '../../sinks/kafka/connect.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../../sinks/kafka/publisher.js';
import { eventMessage, EVENT_TOPIC_NAMES } from '../../sinks/kafka/topics.js';
import { crawlSeeds, quietLog } from '../helpers/harness.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import { startBroker, type Broker } from './broker.js';
import { readTopics } from './read-topics.js';

const work = mkdtempSync(path.join(tmpdir(), 'vucrawl-faults-'));
let broker: Broker;
let net: TestInternet;

beforeAll(async () => {
  broker = await startBroker();
  net = await startTestInternet();
});
afterAll(async () => {
  await broker?.stop();
  await net?.close();
  rmSync(broker?.dataDir ?? work, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('a broker outage', () => {
  it('in the middle of a crawl loses no event and duplicates none', async () => {
    const ko = kafkaOptions({ brokers: broker.bootstrap })!;
    // A small memory buffer, so the outage reaches the disk.
    const publisher = new KafkaPublisher(createKafka(ko, quietLog), ko, {
      ...PUBLISHER_DEFAULTS, spillDir: path.join(work, 'spill'), batchMessages: 20, lingerMs: 20, maxBufferedMessages: 40, retryMs: 200,
    }, quietLog);
    const published: VucrawlEvent[] = [];
    let writes = Promise.resolve();
    let outage: Promise<void> | undefined;
    const seeds = ['shop', 'trackers', 'media-forms', 'cookies', 'css', 'nested-iframes', 'initiator', 'xhr-fetch-ws', 'redirect-chain', 'crawl'].map((n) => scenarioSeeds[n]!);
    await crawlSeeds(net, seeds, { concurrency: 1, depth: 1 }, (c) => {
      const evs = extractEvents(c);
      published.push(...evs);
      writes = writes.then(() => publisher.publish(evs.map(eventMessage)));
      if (published.length > 100 && !outage) {
        const { port, controllerPort, dataDir } = broker;
        outage = (async () => {
          await broker.stop();
          await new Promise((r) => setTimeout(r, 4_000));
          broker = await startBroker({ port, controllerPort, dataDir });
        })();
      }
    });
    expect(outage).toBeDefined();
    await outage;
    await writes;
    await publisher.close();
    expect(publisher.spillFilesWritten).toBeGreaterThan(0);
    expect(publisher.spilled).toBe(0);

    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const got = await readTopics(kafka, EVENT_TOPIC_NAMES, published.length);
    expect(got.map((m) => m.value).sort()).toEqual(published.map((e) => JSON.stringify(e)).sort());
    // Nothing beyond them: the topics' ends add up to exactly the events published.
    const admin = kafka.admin();
    await admin.connect();
    let stored = 0;
    for (const t of EVENT_TOPIC_NAMES) for (const p of await admin.fetchTopicOffsets(t)) stored += Number(p.high) - Number(p.low);
    await admin.disconnect();
    expect(stored).toBe(published.length);
  });
});
