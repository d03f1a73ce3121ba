// A monitor's alerts on Kafka: `vucrawl monitor run` with Kafka settings (its crawls'
// events go to Kafka) publishes each alert once to vucrawl.alerts, keyed by its fact.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../alerting/alert.js';
import { faviconHash } from '../../extractor/favicon-hash.js';
import { CHANGING_SHOP, setChangingShop } from '../../internet/scenarios/changing-shop.js';
import { NORTHBANK_ICON, PHISHING_COPY_URLS } from '../../internet/scenarios/phishing-copy.js';
import { startTestInternet, type TestInternet } from '../../internet/server.js';
import { createKafka, kafkaOptions } from '../../sinks/kafka/connect.js';
import { ALERTS_TOPIC } from '../../sinks/kafka/topics.js';
import { startBroker, type Broker } from '../../tools/kafka/broker.js';
import { runCli as vucrawl, startCli } from '../helpers/cli.js';
import { quietLog } from '../helpers/harness.js';
import { readTopics } from './read-topics.js';

let broker: Broker;
let net: TestInternet;
beforeAll(async () => {
  [broker, net] = await Promise.all([startBroker(), startTestInternet()]);
}, 120_000);
afterAll(async () => {
  setChangingShop('before');
  await net?.close();
  await broker?.stop();
});

describe('alerts on Kafka', () => {
  it('publishes each alert of a monitor once to vucrawl.alerts', async () => {
    const data = ['--data', mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'))];
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-monitors-'));
    const add = await vucrawl([
      'monitor',
      'add',
      'gear',
      '--url',
      CHANGING_SHOP.url,
      '--every',
      '1h',
      '--alert',
      'new-child-host',
      '--alert',
      'gone-tracker',
      ...data,
    ]);
    expect(add.code, add.stderr).toBe(0);
    const run = () =>
      vucrawl([
        'monitor',
        'run',
        '--once',
        '--force',
        '--out',
        out,
        '--kafka-brokers',
        broker.bootstrap,
        '--allow-private',
        '--host-resolver-rules',
        net.hostResolverRules,
        ...data,
      ]);
    setChangingShop('before');
    expect((await run()).code).toBe(0);
    setChangingShop('after');
    const changed = await run();
    expect(changed.code, changed.stderr).toBe(0);
    expect((await run()).code).toBe(0);

    const filed = readFileSync(path.join(out, 'alerts.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Alert);
    expect(filed.map((a) => a.subject).sort()).toEqual([CHANGING_SHOP.tracker, CHANGING_SHOP.newHost].sort());
    const kafka = createKafka(kafkaOptions({ brokers: broker.bootstrap })!, quietLog);
    const read = await readTopics(kafka, [ALERTS_TOPIC], 2);
    // Nothing more arrives: the third run raised nothing.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(read.map((m) => m.key).sort()).toEqual(filed.map((a) => a.key).sort());
    expect(read.map((m) => (JSON.parse(m.value) as Alert).rule).sort()).toEqual(['gone-tracker', 'new-child-host']);
  }, 300_000);

  it("hands the monitor's pages to the fleet when workers run, and compares what they publish", async () => {
    const data = ['--data', mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'))];
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-monitors-'));
    const workerOut = mkdtempSync(path.join(tmpdir(), 'vucrawl-worker-'));
    const brokers = ['--kafka-brokers', broker.bootstrap];
    const net_ = ['--allow-private', '--host-resolver-rules', net.hostResolverRules];
    const worker = startCli([
      'worker',
      '--worker-id',
      'm1',
      '--out',
      workerOut,
      '--concurrency',
      '1',
      ...brokers,
      ...net_,
    ]);
    try {
      // Until the worker has joined the crawler group, a monitor would crawl locally.
      while (!worker.stderr().includes('site state restored')) await new Promise((r) => setTimeout(r, 200));
      const add = await vucrawl([
        'monitor',
        'add',
        'gear-fleet',
        '--url',
        CHANGING_SHOP.url,
        '--every',
        '1h',
        '--alert',
        'new-child-host',
        '--alert',
        'gone-tracker',
        ...data,
      ]);
      expect(add.code, add.stderr).toBe(0);
      const run = async () => {
        const r = await vucrawl([
          'monitor',
          'run',
          '--once',
          '--force',
          '--out',
          out,
          '--fleet-wait',
          '90s',
          ...brokers,
          ...net_,
          ...data,
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('"through":"fleet"');
        return r;
      };
      setChangingShop('before');
      await run();
      setChangingShop('after');
      await run();
      await run();
      const filed = readFileSync(path.join(out, 'alerts.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Alert);
      expect(filed.map((a) => [a.source, a.rule, a.subject]).sort()).toEqual([
        ['gear-fleet', 'gone-tracker', CHANGING_SHOP.tracker],
        ['gear-fleet', 'new-child-host', CHANGING_SHOP.newHost],
      ]);
      // The worker crawled the pages (three visits), the monitor none itself.
      const visits = readFileSync(path.join(workerOut, 'captures.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { target: { url: string } });
      expect(visits.map((c) => c.target.url)).toEqual(Array(3).fill(CHANGING_SHOP.url));
      expect(existsSync(path.join(out, 'gear-fleet', 'captures.ndjson'))).toBe(false);
    } finally {
      setChangingShop('before');
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  }, 300_000);

  it('evaluates watches on the events vucrawl load stores, and publishes their alerts', async () => {
    const data = ['--data', mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'))];
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-load-'));
    const brokers = ['--kafka-brokers', broker.bootstrap];
    for (const args of [
      ['project', 'create', 'northbank'],
      ['project', 'add', 'northbank', 'northbank.test', String(faviconHash(NORTHBANK_ICON))],
      ['watch', 'add', 'copied-login', '--when', 'favicon-copy:@northbank'],
    ]) {
      const r = await vucrawl([...args, ...data]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const crawl = await vucrawl([
      'crawl',
      PHISHING_COPY_URLS.genuine,
      PHISHING_COPY_URLS.copy,
      '--depth',
      '0',
      '--out',
      out,
      ...brokers,
      '--allow-private',
      '--host-resolver-rules',
      net.hostResolverRules,
    ]);
    expect(crawl.code, crawl.stderr).toBe(0);
    const load = await vucrawl([
      'load',
      '--until-caught-up',
      '--group',
      'alerts-test',
      '--out',
      out,
      '--metrics',
      'off',
      ...brokers,
      ...data,
    ]);
    expect(load.code, load.stderr).toBe(0);
    const listed = await vucrawl(['alerts', '--json', ...data]);
    const alerts = listed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Alert);
    expect(alerts.map((a) => [a.source, a.subject])).toEqual([['copied-login', 'northbank.account-verify.test']]);
    // Every alert on the topic (the other tests' too): this one among them.
    const kafka = createKafka(kafkaOptions({ brokers: broker.bootstrap })!, quietLog);
    const admin = kafka.admin();
    await admin.connect();
    const total = (await admin.fetchTopicOffsets(ALERTS_TOPIC)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    await admin.disconnect();
    const read = await readTopics(kafka, [ALERTS_TOPIC], total);
    expect(read.map((m) => m.key)).toContain(alerts[0]!.key);
  }, 300_000);
});
