// A saved page as a capture: one frame whose final DOM is the saved HTML, at the page's
// original URL, with nothing requested (a saved page keeps its markup, not its traffic), the
// way the unit tests build captures (test/unit/host-pairs.test.ts).
import type { PageCapture } from '../../capture/capture.js';

export function savedPageCapture(html: string, url: string): PageCapture {
  return {
    schema: 'vucrawl.capture/1',
    crawl_id: 'corpus',
    capture_id: url,
    target: { url, depth: 0, seed_url: url },
    profile: { name: 'corpus', user_agent: 'ua', locale: 'en', timezone: 'UTC', viewport: null, is_mobile: false },
    browser: { engine: 'headless-shell', version: '1', proxied: false },
    started_at: 0,
    finished_at: 1,
    outcome: 'ok',
    final_url: url,
    main_frame_id: 'F0',
    requests: [],
    frames: [{ id: 'F0', url, dom: html }],
    navigations: [],
    popups: [],
    dialogs: [],
    downloads: [],
    cookies: [],
    console: [],
    links: [],
    scripts: [],
    timings: { settled_ms: 0, total_ms: 1 },
    limits_hit: [],
  };
}
