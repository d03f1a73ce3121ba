// The capture pipeline when the crawl's pages write at once (pipeline/capture-pipeline.ts):
// each capture's ordinal is its line in captures.ndjson, every ordinal is written once, and
// an observer finds every capture's events (a comparison's two visits a batch).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageCapture } from '../../capture/capture.js';
import { CapturedVisits } from '../../pipeline/captured-visits.js';
import { CapturePipeline } from '../../pipeline/capture-pipeline.js';
import { outPaths } from '../../runtime/out-paths.js';
import type { WriteOrigin } from '../../sinks/sink.js';
import { quietLog } from '../helpers/harness.js';
import { pageVisit } from '../helpers/page-visit.js';

/** A comparison's two visits of a domain, as the crawl hands them over together. */
function comparison(domain: string): PageCapture[] {
  return [0, 1].map((index) => {
    const { capture } = pageVisit(domain, `<title>${domain} ${index}</title>`);
    const target = { ...capture.target, comparison: { id: domain, profiles: ['a', 'b'], index } };
    return { ...capture, capture_id: `${domain}-${index}`, target };
  });
}

describe('the capture pipeline', () => {
  it('keeps ordinals, the file and the observers in step when batches are written at once', async () => {
    const out = outPaths(mkdtempSync(path.join(tmpdir(), 'vucrawl-pipeline-')));
    const seen: number[] = [];
    const observer = new CapturedVisits();
    // An output that takes its time, so that the batches' writes would interleave.
    const output = {
      async write(events: unknown[], origin?: WriteOrigin) {
        await new Promise((r) => setTimeout(r, 5 + (origin!.capture % 3) * 7));
        seen.push(origin!.capture);
        await observer.write(events as never, origin);
      },
      async flush() {},
      async close() {},
    };
    const pipeline = new CapturePipeline(out, output, quietLog, (captures, first) =>
      observer.remember(captures, first),
    );
    const domains = ['a.test', 'b.test', 'c.test', 'd.test'];
    await Promise.all(domains.map((d) => pipeline.write(comparison(d))));
    await pipeline.close();

    const lines = readFileSync(out.captures, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as PageCapture).capture_id);
    expect(lines).toEqual(domains.flatMap((d) => [`${d}-0`, `${d}-1`]));
    expect([...seen].sort((a, b) => a - b)).toEqual(lines.map((_, i) => i));
    // Every capture with its own events: the page event names the capture it came from.
    const byCapture = observer.list.map((v) => [v.capture.capture_id, v.events.find((e) => 'title' in e)?.capture_id]);
    expect(byCapture.sort()).toEqual(lines.map((id) => [id, id]).sort());
  });
});
