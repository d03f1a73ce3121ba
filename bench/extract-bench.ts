// Extraction benchmark: extractEvents over a fixed corpus of captures (the crawl bench's
// captures of the deterministic synthetic internet), on this one Node thread (one core).
// Reports captures/s and MB/s of content scanned (frame DOMs, script bodies, request URLs),
// and the time for one page whose DOM is 5 MB with tracker snippets spread through it:
// every text is scanned whole (extractor/trackers/README.md), so that time is the bound a
// large page costs.
import { readFileSync } from 'node:fs';
import { captureOf, type PageCapture } from '../capture/capture.js';
import { extractEvents } from '../extractor/extract.js';
import { findTrackers } from '../extractor/trackers/find.js';

export interface ExtractBenchResult {
  captures: number;
  passes: number;
  seconds: number;
  capturesPerSecond: number;
  mbScanned: number;
  mbPerSecond: number;
  eventsPerCapture: number;
  /** The 5 MB DOM: its size, the median ms of the tracker scan alone and of the whole extraction, the trackers found of those planted. */
  largeDom: { mb: number; trackerScanMs: number; extractMs: number; trackersFound: number; trackersPlanted: number };
}

export function extractBench(corpus: string, passes = 3): ExtractBenchResult {
  const captures = readFileSync(corpus, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PageCapture);
  const bytes = captures.reduce((n, c) => n + scannedBytes(c), 0);
  let events = 0;
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const c of captures) events += extractEvents(c).length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const n = captures.length * passes;
  return {
    captures: captures.length,
    passes,
    seconds,
    capturesPerSecond: n / seconds,
    mbScanned: (bytes * passes) / 2 ** 20,
    mbPerSecond: (bytes * passes) / 2 ** 20 / seconds,
    eventsPerCapture: events / n,
    largeDom: largeDomBench(passes),
  };
}

function scannedBytes(c: PageCapture): number {
  let n = 0;
  for (const f of c.frames) n += Buffer.byteLength(f.dom ?? '');
  for (const s of c.scripts) n += Buffer.byteLength(s.text);
  for (const r of c.requests) n += r.url.length;
  return n;
}

/** Snippets as sites paste them, one tracker each (type, value). */
const SNIPPETS: [type: string, value: string, html: string][] = [
  ['GoogleAnalyticsMeasurementId', 'G-7Q2XK9PZ4R', "<script>gtag('config', 'G-7Q2XK9PZ4R');</script>"],
  [
    'GoogleTagManagerId',
    'GTM-5XZZ6CK',
    '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-5XZZ6CK" height="0" width="0"></iframe></noscript>',
  ],
  ['FacebookId', '1492358247512093', "<script>fbq('init', '1492358247512093'); fbq('track', 'PageView');</script>"],
  [
    'GoogleAdSensePublisherId',
    'ca-pub-7306518232861540',
    '<ins class="adsbygoogle" data-ad-client="ca-pub-7306518232861540" data-ad-slot="4719377260"></ins>',
  ],
  ['ComScoreClientId', '6035187', '<script>_comscore.push({ c1: "2", c2: "6035187" });</script>'],
  ['ChartbeatAccountId', '66934', '<script>_sf_async_config.uid = 66934;</script>'],
  ['CriteoAccountId', '58164', '<script>window.criteo_q.push({ event: "setAccount", account: 58164 });</script>'],
  ['HotjarId', '1398172', '<script>h._hjSettings={hjid:1398172,hjsv:6};</script>'],
  ['YandexMetricaCounterId', '94347841', '<script>ym(94347841, "init", { clickmap: true });</script>'],
  ['QuantcastAccountId', 'p-8Wl6ybVRoP_Qb', '<script>_qevents.push({ qacct: "p-8Wl6ybVRoP_Qb" });</script>'],
  [
    'TaboolaPublisherId',
    'acmecorp-network',
    "<script>e.src = '//cdn.taboola.com/libtrc/acmecorp-network/loader.js';</script>",
  ],
  [
    'CloudflareWebAnalyticsToken',
    '8f3d2b1c9a7e4f60b5d2c8e1a9f3b7d4',
    `<script defer src="https://static.cloudflareinsights.com/beacon.min.js" data-cf-beacon='{"token": "8f3d2b1c9a7e4f60b5d2c8e1a9f3b7d4"}'></script>`,
  ],
];

/** A 5 MB article-list page: ordinary markup, with one snippet every 1/12th of the way. */
function largeDom(): string {
  const block = (i: number) =>
    `<article class="teaser" id="t${i}"><h2><a href="/news/${i}">Headline number ${i} about the council and the bridge</a></h2>` +
    `<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor <a href="https://partner.example/${i}?ref=home&amp;utm_source=site">partner</a>.</p>` +
    `<img src="/img/${i}.jpg" srcset="/img/${i}@2x.jpg 2x" alt="" loading="lazy"></article>\n`;
  const parts: string[] = ['<!DOCTYPE html><html><head><title>Daily News</title></head><body>'];
  const target = 5 * 2 ** 20;
  const every = target / SNIPPETS.length;
  let size = 0,
    i = 0,
    planted = 0;
  while (size < target) {
    if (planted < SNIPPETS.length && size >= planted * every) {
      const s = SNIPPETS[planted++]![2];
      parts.push(s);
      size += s.length;
    }
    const b = block(i++);
    parts.push(b);
    size += b.length;
  }
  parts.push('</body></html>');
  return parts.join('');
}

function largeDomBench(passes: number): ExtractBenchResult['largeDom'] {
  const dom = largeDom();
  const url = 'https://news.example/';
  const capture = captureOf(url, {
    crawl_id: 'bench',
    capture_id: 'large-dom',
    profile: { name: 'bench', user_agent: 'bench', locale: 'en-US', timezone: 'UTC', viewport: null, is_mobile: false },
    browser: { engine: 'headless-shell', version: 'bench', proxied: false },
    frames: [{ id: 'F0', url, dom }],
  });
  const median = (f: () => void): number => {
    const ms: number[] = [];
    for (let p = 0; p < Math.max(3, passes); p++) {
      const t0 = process.hrtime.bigint();
      f();
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
  };
  const found = findTrackers({ requests: [], documents: [{ url, html: dom }], scripts: [] });
  const planted = SNIPPETS.filter(([type, value]) => found.some((f) => f.type === type && f.value === value)).length;
  return {
    mb: Buffer.byteLength(dom) / 2 ** 20,
    trackerScanMs: median(() => findTrackers({ requests: [], documents: [{ url, html: dom }], scripts: [] })),
    extractMs: median(() => extractEvents(capture)),
    trackersFound: planted,
    trackersPlanted: SNIPPETS.length,
  };
}
