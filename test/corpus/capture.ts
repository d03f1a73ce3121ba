// A saved page as a capture: one frame whose final DOM is the saved HTML, at the page's
// original URL, the way the unit tests build captures (test/unit/host-pairs.test.ts). A saved
// page keeps its markup, not its traffic: the only requests are the ones a browser's parser
// makes for that markup's `<script src>` and `<link rel=stylesheet>` elements (outside
// comments, resolved against the page's `<base>`), so that script and stylesheet URLs are
// evidence here as they are in a live capture. Nothing a script would go on to load is there.
import type { CapturedRequest, PageCapture } from '../../capture/capture.js';

/** The markup outside comments (a comment's text is not markup; a script's or style's text is not a comment). */
function withoutComments(html: string): string {
  const out: string[] = [];
  const rawText = /<(script|style)\b/gi;
  let i = 0;
  while (i < html.length) {
    const comment = html.indexOf('<!--', i);
    rawText.lastIndex = i;
    const raw = rawText.exec(html);
    if (comment === -1 && !raw) {
      out.push(html.slice(i));
      break;
    }
    if (comment !== -1 && (!raw || comment < raw.index)) {
      out.push(html.slice(i, comment), ' ');
      const end = html.indexOf('-->', comment + 4);
      i = end === -1 ? html.length : end + 3;
    } else {
      const close = html.toLowerCase().indexOf(`</${raw![1]!.toLowerCase()}`, raw!.index + raw![0].length);
      const end = close === -1 ? html.length : close + 2;
      out.push(html.slice(i, end));
      i = end;
    }
  }
  return out.join('');
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(String.raw`\s${name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined)
    ?.replace(/&amp;/g, '&')
    .trim();

/** The script and stylesheet requests the parser makes for the markup, in document order. */
export function parserRequests(html: string, url: string): CapturedRequest[] {
  const markup = withoutComments(html);
  const baseHref = attr(/<base\b[^>]*>/i.exec(markup)?.[0] ?? '', 'href');
  let base = url;
  try {
    if (baseHref) base = new URL(baseHref, url).href;
  } catch {}
  const requests: CapturedRequest[] = [];
  for (const m of markup.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = m[0];
    const isScript = m[1]!.toLowerCase() === 'script';
    if (!isScript && !/^stylesheet$/i.test(attr(tag, 'rel') ?? '')) continue;
    const ref = attr(tag, isScript ? 'src' : 'href');
    if (!ref) continue;
    let resolved: URL;
    try {
      resolved = new URL(ref, base);
    } catch {
      continue;
    }
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') continue;
    requests.push({
      id: `R${requests.length}`,
      url: resolved.href,
      method: 'GET',
      resource_type: isScript ? 'script' : 'stylesheet',
      frame_id: 'F0',
      initiator: { type: 'parser', url },
      at: 0,
    });
  }
  return requests;
}

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
    requests: parserRequests(html, url),
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
