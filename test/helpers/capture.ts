// A capture built by hand, where a unit test, the saved-page corpus or the brand helpers need
// one: a visit of `url` by a plain profile that ended there, in one frame, with nothing else
// recorded; each caller overrides what its case is about.
import { CAPTURE_SCHEMA, nothingRecorded, type PageCapture } from '../../capture/capture.js';

export function captureOf(url: string, over: Partial<PageCapture> = {}): PageCapture {
  return {
    schema: CAPTURE_SCHEMA,
    crawl_id: 'c',
    capture_id: 'k',
    target: { url, depth: 0, seed_url: url },
    profile: { name: 'p', user_agent: 'ua', locale: 'en', timezone: 'UTC', viewport: null, is_mobile: false },
    browser: { engine: 'headless-shell', version: '1', proxied: false },
    started_at: 0,
    finished_at: 1,
    outcome: 'ok',
    final_url: url,
    main_frame_id: 'F0',
    ...nothingRecorded(),
    frames: [{ id: 'F0', url }],
    timings: { settled_ms: 0, total_ms: 1 },
    ...over,
  };
}
