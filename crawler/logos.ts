// The logos a page shows, as perceptual hashes: with screenshots on, after the viewport
// screenshot, an element screenshot of each of the first few elements that look like a
// logo, for an impersonation verdict to compare with a brand's own logos.
//
// THE RULE (LOGO_RULE; qualifies() on plain data read in the page): an element is a logo
// when it
//  - is an <img> (a <picture>'s too), an outermost <svg>, or any element with a CSS
//    background image of a URL (not a gradient);
//  - says so, or sits where sites put their logo: "logo" or "brand" in the id, class, alt,
//    title, src or aria-label of it or one of its nearest ancestors (ancestorLevels), or
//    it is inside a header or nav (or role banner or navigation), or inside a link to the
//    root of the page's own site (registrable domain);
//  - is displayed (CSS display, visibility and opacity; an image also loaded), in the
//    viewport (what the screenshot shows, and all an element screenshot can show), and
//    between minSide and maxWidth x maxHeight CSS pixels (smaller: an icon or a pixel;
//    larger: a banner or a photo).
// The first ones in document order are shot (the main frame only: frames and shadow trees
// are not walked), at most maxShots, until maxLogos distinct hashes. The whole step shares
// the screenshot's time budget; a failure or the end of the time loses the logos not yet
// hashed, never the capture.
import type { CdpSession } from './cdp-connection.js';
import { hostOf, parseHttpUrl, siteOf } from '../capture/url.js';
import { perceptualHash } from './phash.js';
import { errorText } from '../runtime/errors.js';
import { withTimeout } from '../runtime/timing.js';

export const LOGO_RULE = {
  /** Words that name a logo in an element's attributes or its ancestors'. */
  words: /logo|brand/i,
  attributes: ['id', 'class', 'alt', 'title', 'src', 'aria-label'],
  /** Ancestors whose attributes count as the element's own: a logo's <a class="logo"> or <div id="brand">. */
  ancestorLevels: 3,
  /** Where a site's logo sits. */
  landmarks: 'header, nav, [role="banner"], [role="navigation"]',
  /** CSS pixels. */
  minSide: 16,
  maxWidth: 600,
  maxHeight: 300,
  /** Distinct hashes kept a page, and element screenshots taken at most to find them. */
  maxLogos: 6,
  maxShots: 12,
  /** Elements walked and candidates read back at most: the page's size bounds nothing else. */
  maxElements: 5_000,
  maxCandidates: 200,
  /** Of the attributes read, per candidate: an inline data: URL can be long. */
  maxWordChars: 500,
} as const;

/** What the page says of one element that could be a logo. */
export interface LogoCandidate {
  kind: 'img' | 'svg' | 'background';
  /** The rule's attributes of the element and its nearest ancestors, space-separated. */
  words: string;
  /** Inside one of LOGO_RULE.landmarks. */
  landmark: boolean;
  /** The href of the nearest enclosing link, if any. */
  link: string | null;
  /** Displayed (display, visibility, opacity) and, an image, loaded. */
  visible: boolean;
  /** CSS pixels, relative to the viewport (getBoundingClientRect). */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page reads: its candidates in document order, its viewport and how far it is scrolled (element screenshots take document coordinates). */
export interface LogoScan {
  candidates: LogoCandidate[];
  viewport: { width: number; height: number };
  scroll: { x: number; y: number };
}

/** Whether a link goes to the root of the page's own site (a site's logo usually does). */
export function linksHome(link: string | null, pageUrl: string): boolean {
  const u = link ? parseHttpUrl(link) : undefined;
  return Boolean(u && u.pathname === '/' && siteOf(u.hostname) === siteOf(hostOf(pageUrl)));
}

/** THE RULE, on one candidate of a page at `pageUrl` showing `viewport`. */
export function qualifies(c: LogoCandidate, pageUrl: string, viewport: LogoScan['viewport']): boolean {
  const R = LOGO_RULE;
  const inViewport = c.x < viewport.width && c.y < viewport.height && c.x + c.width > 0 && c.y + c.height > 0;
  const sized = Math.min(c.width, c.height) >= R.minSide && c.width <= R.maxWidth && c.height <= R.maxHeight;
  const placed = R.words.test(c.words) || c.landmark || linksHome(c.link, pageUrl);
  return c.visible && inViewport && sized && placed;
}

/** The elements to shoot, in document order. */
export function logoCandidates(scan: LogoScan, pageUrl: string): LogoCandidate[] {
  return scan.candidates.filter((c) => qualifies(c, pageUrl, scan.viewport)).slice(0, LOGO_RULE.maxShots);
}

/** Reads the candidates in the page's main frame: an expression for Runtime.evaluate. */
const SCAN_EXPRESSION = `(() => {
  const R = ${JSON.stringify({ ...LOGO_RULE, words: undefined })};
  const SVG = 'http://www.w3.org/2000/svg';
  const root = document.body || document.documentElement;
  if (!root) return { candidates: [], viewport: { width: innerWidth, height: innerHeight }, scroll: { x: scrollX, y: scrollY } };
  // An <svg>'s own shapes are part of it, not candidates.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.namespaceURI === SVG ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const wordsOf = (el) => {
    const w = [];
    for (let e = el, i = 0; e && i <= R.ancestorLevels; e = e.parentElement, i++)
      for (const a of R.attributes) { const v = e.getAttribute(a); if (v) w.push(v.slice(0, R.maxWordChars)); }
    return w.join(' ').slice(0, R.maxWordChars);
  };
  const candidates = [];
  for (let n = root, seen = 0; n && seen < R.maxElements && candidates.length < R.maxCandidates; n = walker.nextNode(), seen++) {
    const tag = n.localName;
    const kind = tag === 'img' ? 'img' : tag === 'svg' ? 'svg' : getComputedStyle(n).backgroundImage.includes('url(') ? 'background' : '';
    if (!kind) continue;
    const r = n.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    const shown = n.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const a = n.closest('a[href]');
    candidates.push({
      kind,
      words: wordsOf(n),
      landmark: Boolean(n.closest(R.landmarks)),
      link: a ? a.href : null,
      visible: shown && (kind !== 'img' || (n.complete && n.naturalWidth > 0)),
      x: r.x, y: r.y, width: r.width, height: r.height,
    });
  }
  return { candidates, viewport: { width: innerWidth, height: innerHeight }, scroll: { x: scrollX, y: scrollY } };
})()`;

/** What the step gives a capture: the hashes, and why it stopped early. */
export interface LogoShots {
  /** 16 hex digits each, distinct, in document order; absent when the page could not be read at all. */
  phashes?: string[];
  error?: string;
}

/**
 * The pHashes of the logos the page at `pageUrl` shows, hashed until `until` (ms since the
 * epoch); never rejects: what was hashed before a failure or the end of the time is kept.
 */
export async function logoPhashes(cdp: CdpSession, pageUrl: string, until: number): Promise<LogoShots> {
  const left = () => Math.max(0, until - Date.now());
  // Runtime.evaluate's own timeout ends a scan the page makes loop: it must not be 0 (none).
  if (left() === 0) return { error: 'no time left' };
  let scan: LogoScan;
  try {
    const r = await withTimeout(
      cdp.send('Runtime.evaluate', { expression: SCAN_EXPRESSION, returnByValue: true, timeout: left() }),
      left(),
    );
    if (r.exceptionDetails)
      return { error: `logo scan: ${errorText(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text)}` };
    scan = r.result.value as LogoScan;
  } catch (e) {
    return { error: `logo scan: ${errorText(e)}` };
  }
  const hashes = new Set<string>();
  try {
    for (const c of logoCandidates(scan, pageUrl)) {
      if (hashes.size >= LOGO_RULE.maxLogos) break;
      if (left() === 0) throw new Error('out of time');
      // The part in the viewport, in document coordinates.
      const x = Math.max(c.x, 0);
      const y = Math.max(c.y, 0);
      const clip = {
        x: x + scan.scroll.x,
        y: y + scan.scroll.y,
        width: Math.min(c.x + c.width, scan.viewport.width) - x,
        height: Math.min(c.y + c.height, scan.viewport.height) - y,
        scale: 1,
      };
      const { data } = await withTimeout(
        cdp.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: false }),
        left(),
      );
      hashes.add((await perceptualHash(Buffer.from(data, 'base64'))).phash);
    }
  } catch (e) {
    return { phashes: [...hashes], error: errorText(e) };
  }
  return { phashes: [...hashes] };
}
