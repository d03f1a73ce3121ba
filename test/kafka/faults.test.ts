// Broker outages, against a real broker stopped and started again on the same port and
// data: in the middle of a crawl the publisher buffers, spills to disk, reconnects and
// sends everything (the topics hold every event exactly once); down at exit, the messages
// stay on disk and `vucrawl replay` sends them; in the middle of a load, the loader
// resumes and the table holds every event once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VucrawlEvent } from '../../extractor/events.js';
import { extractEvents } from '../../extractor/extract.js';
import { createKafka, kafkaOptions } from '../../sinks/kafka/connect.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../../sinks/kafka/publisher.js';
import { Loader, LOADER_DEFAULTS } from '../../sinks/kafka/loader.js';
import { openStore } from '../../store/connect.js';
import { applySchema } from '../../store/schema/migrations.js';
import { hostPair } from '../../bench/store-bench.js';
import { eventMessage, EVENT_TOPIC_NAMES, TARGETS_TOPIC } from '../../sinks/kafka/topics.js';
import { crawlSeeds, quietLog } from '../helpers/harness.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../../internet/server.js';
import { startBroker, type Broker } from '../../tools/kafka/broker.js';
import { logMessage, runCli, runCliUntilKilled } from '../helpers/cli.js';
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
    const publisher = new KafkaPublisher(
      createKafka(ko, quietLog),
      ko,
      {
        ...PUBLISHER_DEFAULTS,
        spillDir: path.join(work, 'spill'),
        batchMessages: 20,
        lingerMs: 20,
        maxBufferedMessages: 40,
        retryMs: 200,
      },
      quietLog,
    );
    const published: VucrawlEvent[] = [];
    let writes = Promise.resolve();
    let outage: Promise<void> | undefined;
    const seeds = [
      'shop',
      'trackers',
      'media-forms',
      'cookies',
      'css',
      'nested-iframes',
      'initiator',
      'xhr-fetch-ws',
      'redirect-chain',
      'crawl',
    ].map((n) => scenarioSeeds[n]!);
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
    for (const t of EVENT_TOPIC_NAMES)
      for (const p of await admin.fetchTopicOffsets(t)) stored += Number(p.high) - Number(p.low);
    await admin.disconnect();
    expect(stored).toBe(published.length);
  });

  it('at exit keeps events on disk, and vucrawl replay sends them once the broker is back', async () => {
    const { port, controllerPort, dataDir } = broker;
    await broker.stop();
    const ko = kafkaOptions({ brokers: broker.bootstrap })!;
    const spillDir = path.join(work, 'exit-spill');
    const publisher = new KafkaPublisher(
      createKafka(ko, quietLog),
      ko,
      { ...PUBLISHER_DEFAULTS, spillDir, retryMs: 200 },
      quietLog,
    );
    const messages = Array.from({ length: 30 }, (_, i) => ({
      topic: TARGETS_TOPIC,
      key: `site-${i}.test`,
      value: JSON.stringify({ url: `https://site-${i}.test/` }),
    }));
    await publisher.publish(messages);
    await publisher.close();
    expect(publisher.spilled).toBe(30);
    expect(readdirSync(spillDir)).toHaveLength(1);

    broker = await startBroker({ port, controllerPort, dataDir });
    const replay = spawnSync(
      process.execPath,
      [path.resolve('dist/cli/main.js'), 'replay', spillDir, '--kafka-brokers', broker.bootstrap],
      { encoding: 'utf8' },
    );
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`sent 30 spilled messages from 1 files in ${spillDir}`);
    expect(readdirSync(spillDir)).toEqual([]);
    const got = await readTopics(
      new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }),
      [TARGETS_TOPIC],
      30,
    );
    expect(got.map((m) => m.value).sort()).toEqual(messages.map((m) => m.value).sort());
  });

  it('while the loader runs loses no event and stores none twice', async () => {
    const ko = kafkaOptions({ brokers: broker.bootstrap })!;
    const publisher = new KafkaPublisher(
      createKafka(ko, quietLog),
      ko,
      { ...PUBLISHER_DEFAULTS, spillDir: path.join(work, 'load-spill') },
      quietLog,
    );
    const events = Array.from({ length: 20_000 }, (_, i) => hostPair(i));
    await publisher.publish(events.map(eventMessage));
    await publisher.close();
    const store = await openStore({ dataDir: path.join(work, 'load-store') });
    try {
      await applySchema(store.client, 'outage');
      // Small batches, one partition at a time: the outage lands in the middle of the load.
      const loader = new Loader(
        createKafka(ko, quietLog),
        ko,
        store.client,
        {
          ...LOADER_DEFAULTS,
          db: 'outage',
          groupId: 'outage-loader',
          batchRows: 250,
          flushMs: 200,
          concurrency: 1,
          untilCaughtUp: true,
        },
        quietLog,
      );
      const running = loader.run();
      while (loader.loaded.batches < 2) await new Promise((r) => setTimeout(r, 20));
      const { port, controllerPort, dataDir } = broker;
      await broker.stop();
      const loadedBeforeOutage = loader.loaded.events;
      expect(loadedBeforeOutage).toBeLessThan(events.length);
      await new Promise((r) => setTimeout(r, 3_000));
      broker = await startBroker({ port, controllerPort, dataDir });
      await running;
      const [row] = await (
        await store.client.query({
          query:
            "SELECT count() AS n, uniqExact(capture_id, observed_at) AS distinct FROM outage.host_pairs WHERE crawl_id = 'bench'",
          format: 'JSONEachRow',
        })
      ).json<{ n: number; distinct: number }>();
      expect({ n: Number(row!.n), distinct: Number(row!.distinct) }).toEqual({
        n: events.length,
        distinct: events.length,
      });
    } finally {
      await store.close();
    }
  });
});

describe('a crawl publishing to Kafka, killed with SIGKILL', () => {
  it('publishes the events of every captured page again on resume: at least once, none lost', async () => {
    const out = path.join(work, 'killed-crawl');
    const args = [
      'crawl',
      scenarioSeeds.crawl!,
      scenarioSeeds.shop!,
      scenarioSeeds.trackers!,
      '--depth',
      '2',
      '--out',
      out,
      '--kafka-brokers',
      broker.bootstrap,
      '--settle',
      '500',
      '--allow-private',
      '--ignore-https-errors',
      '--host-resolver-rules',
      net.hostResolverRules,
      '--log-level',
      'debug',
    ];
    const first = await runCliUntilKilled(
      args,
      (line, seen) => logMessage(line) === 'page' && seen.filter((l) => logMessage(l) === 'page').length >= 3,
    );
    expect(first.killed).toBe(true);
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/resumed: [1-9]\d* done/);
    const captures = readFileSync(path.join(out, 'captures.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { capture_id: string });
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const inTopic = (await admin.fetchTopicOffsets('vucrawl.pages')).reduce(
      (n, p) => n + Number(p.high) - Number(p.low),
      0,
    );
    await admin.disconnect();
    const pages = await readTopics(kafka, ['vucrawl.pages'], inTopic);
    const published = new Set(pages.map((m) => (JSON.parse(m.value) as { capture_id: string }).capture_id));
    for (const c of captures) expect(published.has(c.capture_id), c.capture_id).toBe(true);
  });
});
