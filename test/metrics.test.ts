// A crawl's Prometheus metrics with real Chromium: what /metrics says after a crawl of the
// test internet agrees with the captures and events the crawl wrote.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { capturesOf, CrawlRun } from '../pipeline/crawl-run.js';
import { createRegistry, serveMetrics } from '../runtime/metrics.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import { quietLog, testOptions } from './helpers/harness.js';

let net: TestInternet;
beforeAll(async () => {
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

/** The value of one sample in Prometheus's text format (labels as written, e.g. '{outcome="ok"}'). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('crawl metrics', () => {
  it('count pages by outcome, requests, bytes hashed, browsers, robots skips and events by type', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-metrics-'));
    const registry = createRegistry();
    const seeds = [{ url: scenarioSeeds.robots!, depth: 1 }, { url: scenarioSeeds.shop! }];
    const run = await CrawlRun.open(testOptions(net), seeds, out, quietLog, {}, { metrics: registry });
    const result = await run.run();
    const served = await serveMetrics(registry, '127.0.0.1', 0);
    const text = await fetch(served.url).then((r) => r.text());
    await served.close();

    const captures: PageCapture[] = [];
    for await (const c of capturesOf(out, run.crawl.crawlId, quietLog)) captures.push(c);
    const byOutcome = (o: string) => captures.filter((c) => c.outcome === o).length;
    expect(byOutcome('skipped')).toBe(1);
    for (const outcome of ['ok', 'skipped', 'failed'])
      expect(sample(text, 'vucrawl_pages_total', `{outcome="${outcome}"}`), outcome).toBe(byOutcome(outcome));
    expect(sample(text, 'vucrawl_page_seconds_count')).toBe(captures.length - byOutcome('skipped'));
    expect(sample(text, 'vucrawl_requests_total')).toBe(captures.reduce((n, c) => n + c.requests.length, 0));
    const hashed = captures.flatMap((c) => c.requests).reduce((n, r) => n + (r.body?.sha256 ? r.body.size : 0), 0);
    expect(hashed).toBeGreaterThan(0);
    expect(sample(text, 'vucrawl_bytes_hashed_total')).toBe(hashed);
    expect(sample(text, 'vucrawl_robots_skipped_total')).toBe(1);
    expect(sample(text, 'vucrawl_browser_launches_total')).toBe(result.summary.browserLaunches);
    expect(sample(text, 'vucrawl_frontier_queued')).toBe(0);
    for (const [type, n] of Object.entries(result.events))
      expect(sample(text, 'vucrawl_events_total', `{type="${type}"}`), type).toBe(n);
    expect(sample(text, 'vucrawl_events_total', '{type="host_pair"}')).toBeGreaterThan(0);
    expect(sample(text, 'vucrawl_spill_files')).toBe(0);
    // Node's own, from prom-client's defaults.
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });
});
