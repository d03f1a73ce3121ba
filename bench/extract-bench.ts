// Extraction benchmark: extractEvents over a fixed corpus of captures (the crawl bench's
// captures of the deterministic synthetic internet), on this one Node thread (one core).
// Reports captures/s and MB/s of content scanned (frame DOMs, script bodies, request URLs).
import { readFileSync } from 'node:fs';
import type { PageCapture } from '../capture/capture.js';
import { extractEvents } from '../extractor/extract.js';

export interface ExtractBenchResult {
  captures: number;
  passes: number;
  seconds: number;
  capturesPerSecond: number;
  mbScanned: number;
  mbPerSecond: number;
  eventsPerCapture: number;
}

export function extractBench(corpus: string, passes = 3): ExtractBenchResult {
  const captures = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PageCapture);
  const bytes = captures.reduce((n, c) => n + scannedBytes(c), 0);
  let events = 0;
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const c of captures) events += extractEvents(c).length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const n = captures.length * passes;
  return {
    captures: captures.length, passes, seconds, capturesPerSecond: n / seconds,
    mbScanned: (bytes * passes) / 2 ** 20, mbPerSecond: (bytes * passes) / 2 ** 20 / seconds, eventsPerCapture: events / n,
  };
}

function scannedBytes(c: PageCapture): number {
  let n = 0;
  for (const f of c.frames) n += Buffer.byteLength(f.dom ?? '');
  for (const s of c.scripts) n += Buffer.byteLength(s.text);
  for (const r of c.requests) n += r.url.length;
  return n;
}
