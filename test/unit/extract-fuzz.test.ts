// Malformed input never crashes extraction: generated garbage captures (broken HTML,
// binary bodies labelled text/html, megabyte-long lines, deeply nested frames, invalid
// URLs) all yield events, and every event it yields is valid against its schema.
import { describe, expect, it } from 'vitest';
import type { CapturedFrame, CapturedRequest, PageCapture } from '../../capture/capture.js';
import { extractEvents } from '../../extractor/extract.js';
import { validateEvent } from '../../sinks/validate.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const URLS = [
  'http://a.test/',
  'https://b.test/x?y=1',
  'not a url',
  '',
  'http://[::1',
  'javascript:alert(1)',
  'data:text/html,hi',
  'http://127.0.0.1:0/',
  'http://xn--80ak6aa92e.test/',
  'ws://w.test/s',
  'http://a.test/%zz',
  `http://${'h'.repeat(300)}.test/`,
];
const TAGS = [
  'a',
  'img',
  'script',
  'iframe',
  'frame',
  'form',
  'link',
  'object',
  'embed',
  'video',
  'source',
  'meta',
  'base',
  'div',
  'frameset',
  'noscript',
  'svg',
  'template',
];
const ATTRS = ['href', 'src', 'srcset', 'action', 'data', 'content', 'http-equiv', 'poster', 'data-sitekey'];

function garbageHtml(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const kind = Math.floor(r() * 5);
  if (kind === 0) return Buffer.from(Array.from({ length: 4096 }, () => Math.floor(r() * 256))).toString('latin1'); // binary labelled html
  if (kind === 1) return `<p>${'x'.repeat(1_200_000)} UA-12345678-1 <a href="${pick(URLS)}">`; // megabyte-long line
  if (kind === 2) return `${'<div>'.repeat(3000)}<iframe src="http://deep.test/">${'</div>'.repeat(10)}`; // deep nesting, unclosed
  let html = '';
  for (let i = 0; i < 200; i++) {
    const tag = pick(TAGS);
    html += `<${tag} ${pick(ATTRS)}="${pick(URLS)}" ${pick(ATTRS)}=${pick(URLS)}>${r() < 0.3 ? '<!--' : ''}${r() < 0.2 ? `</${pick(TAGS)}>` : ''}`;
  }
  return html;
}

function garbageCapture(seed: number): PageCapture {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const frames: CapturedFrame[] = Array.from({ length: 1 + Math.floor(r() * 30) }, (_, i) => ({
    id: `F${i}`,
    parent_id: i ? `F${Math.floor(r() * i)}` : undefined,
    url: pick(URLS),
    dom: r() < 0.9 ? garbageHtml(r) : undefined,
  }));
  const requests: CapturedRequest[] = Array.from({ length: Math.floor(r() * 60) }, (_, i) => ({
    id: String(i),
    url: pick(URLS),
    method: 'GET',
    resource_type: pick(['document', 'script', 'image', 'stylesheet', 'font', 'fetch', 'websocket', 'other', 'weird']),
    frame_id: pick([...frames.map((f) => f.id), undefined, 'nope']),
    initiator: { type: pick(['parser', 'script', 'other']), url: r() < 0.7 ? pick(URLS) : undefined },
    at: i,
    status: pick([200, 301, 404, undefined, 0]),
    redirect_from: r() < 0.1 ? pick(URLS) : undefined,
    redirect_to: r() < 0.1 ? pick(URLS) : undefined,
    remote_ip: pick(['127.0.0.1', '::1', undefined]),
    remote_port: pick([80, undefined]),
    body: r() < 0.8 ? { size: Math.floor(r() * 1e6), sha256: r() < 0.5 ? 'a'.repeat(64) : undefined } : undefined,
    tls:
      r() < 0.2
        ? { protocol: 'TLS 1.3', cipher: 'x', subject: 's', issuer: 'i', san: [pick(URLS)], valid_from: 0, valid_to: 1 }
        : undefined,
  }));
  return {
    schema: 'vucrawl.capture/1',
    crawl_id: 'fuzz',
    capture_id: String(seed),
    target: { url: pick(URLS), depth: 0, seed_url: pick(URLS), via_url: r() < 0.3 ? pick(URLS) : undefined },
    profile: { name: 'p', user_agent: 'ua', locale: 'en', timezone: 'UTC', viewport: null, is_mobile: false },
    browser: { engine: 'x', version: '1', proxied: r() < 0.5 },
    started_at: 0,
    finished_at: 1,
    outcome: 'ok',
    final_url: pick(URLS),
    main_frame_id: pick([frames[0]!.id, undefined]),
    requests,
    frames,
    navigations: Array.from({ length: Math.floor(r() * 5) }, () => ({
      url: pick(URLS),
      from_url: pick(URLS),
      cause: pick(['http-redirect', 'meta-refresh', 'script', 'window-open', 'other'] as const),
      at: 0,
      frame_id: pick(['F0', undefined]),
    })),
    popups: [],
    dialogs: [],
    downloads: [],
    console: [],
    links: [],
    cookies:
      r() < 0.5
        ? [
            {
              name: 'n',
              domain: '.a.test',
              path: '/',
              expires: -1,
              http_only: false,
              secure: false,
              same_site: 'Lax',
              set_by: 'http',
              setter_url: pick(URLS),
              value_sha256: 'b'.repeat(64),
            },
          ]
        : [],
    scripts: r() < 0.5 ? [{ url: pick(URLS), sha256: 'c'.repeat(64), text: garbageHtml(r) }] : [],
    favicon:
      r() < 0.5
        ? {
            url: pick(URLS),
            status: 200,
            base64: Buffer.from(garbageHtml(r).slice(0, 500)).toString('base64'),
            sha256: 'd'.repeat(64),
          }
        : undefined,
    timings: { settled_ms: 0, total_ms: 1 },
    limits_hit: [],
  };
}

describe('extraction over generated garbage', () => {
  it('never throws, and every event it produces validates', () => {
    let events = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const c = garbageCapture(seed);
      const out = extractEvents(c);
      events += out.length;
      expect(out[0]!.schema, `seed ${seed}`).toBe('vucrawl.page/4');
      for (const e of out) {
        const v = validateEvent(e);
        expect(v.ok ? '' : v.reason, `seed ${seed}`).toBe('');
      }
    }
    expect(events).toBeGreaterThan(60);
  });
});
