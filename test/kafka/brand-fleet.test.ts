// A brand run through the fleet: with Kafka settings and a worker in the crawler group,
// `vucrawl brand run --once` hands the names to the worker (real broker, real Chromium),
// which judges each visit from the brand check its target carried and publishes the verdict
// on vucrawl.impersonation; the run reads the verdicts back and raises the alerts. The same
// verdicts and alerts as a local run (test/brands.test.ts); after `vucrawl load`, a second
// run raises nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../alerting/alert.js';
import type { ImpersonationEvent } from '../../extractor/events.js';
import { ACME_BANK } from '../../internet/server.js';
import { startBroker, type Broker } from '../../tools/kafka/broker.js';
import {
  brandRunArgs,
  crawlArgs,
  FIRST_ALERTS,
  FIRST_VERDICTS,
  ndjson,
  startBrandWorld,
  type BrandWorld,
} from '../helpers/brand-world.js';
import { runCli as vucrawl, startCli } from '../helpers/cli.js';

let broker: Broker;
let world: BrandWorld;
beforeAll(async () => {
  [broker, world] = await Promise.all([
    startBroker(),
    startBrandWorld(mkdtempSync(path.join(tmpdir(), 'vucrawl-brand-'))),
  ]);
}, 120_000);
afterAll(async () => {
  await world?.close();
  await broker?.stop();
});

describe('a brand run through the fleet', () => {
  it('gives the same verdicts and alerts as a local run; a second run raises nothing', async () => {
    const data = ['--data', mkdtempSync(path.join(tmpdir(), 'vucrawl-data-'))];
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-brands-'));
    const workerOut = mkdtempSync(path.join(tmpdir(), 'vucrawl-worker-'));
    const brokers = ['--kafka-brokers', broker.bootstrap];
    const worker = startCli(['worker', '--worker-id', 'b1', '--out', workerOut, ...brokers, ...crawlArgs(world)]);
    try {
      // Until the worker has joined the crawler group, a brand run would crawl locally.
      while (!worker.stderr().includes('site state restored')) await new Promise((r) => setTimeout(r, 200));
      const add = await vucrawl([...world.acme.add, ...data]);
      expect(add.code, add.stderr).toBe(0);
      const run = async () => {
        const r = await vucrawl([...brandRunArgs(world, out), '--fleet-wait', '3m', ...brokers, ...data]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('"through":"fleet"');
        return JSON.parse(r.stdout.trim()) as Record<string, unknown>;
      };
      // The verdicts go to Kafka; the loader brings them into the store the next run reads.
      const load = async () => {
        const r = await vucrawl(['load', '--until-caught-up', '--out', out, '--metrics', 'off', ...brokers, ...data]);
        expect(r.code, r.stderr).toBe(0);
      };
      const alerts = () =>
        ndjson<Alert>(path.join(out, 'alerts.ndjson'))
          .map((a) => `${a.rule} ${a.subject}`)
          .sort();

      expect(await run()).toMatchObject({ resolving: 6, new: 5, alerts: FIRST_ALERTS.length });
      expect(alerts()).toEqual(FIRST_ALERTS);
      await load();
      const report = await vucrawl(['brand', 'report', ACME_BANK.brand, '--json', ...data]);
      expect(report.code, report.stderr).toBe(0);
      const judged = report.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ImpersonationEvent);
      expect(Object.fromEntries(judged.map((e) => [e.domain, e.verdict]))).toEqual(FIRST_VERDICTS);
      // The worker visited every name (victim and scanner), the brand run none itself.
      const visited = ndjson<{ target: { url: string } }>(path.join(workerOut, 'captures.ndjson'));
      expect(new Set(visited.map((c) => new URL(c.target.url).hostname))).toEqual(new Set(Object.keys(FIRST_VERDICTS)));
      expect(ndjson(path.join(out, ACME_BANK.brand, 'captures.ndjson'))).toEqual([]);

      // Again: the same facts, none raised, and no RDAP lookup for names judged before.
      const lookups = world.rdapLookups();
      expect(await run()).toMatchObject({ resolving: 6, new: 0, alerts: 0 });
      expect(alerts()).toEqual(FIRST_ALERTS);
      expect(world.rdapLookups()).toBe(lookups);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  }, 600_000);
});
