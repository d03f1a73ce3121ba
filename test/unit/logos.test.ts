// Which elements the crawler takes for a page's logos (crawler/logos.ts, THE RULE), on plain
// data as the page's scan reads it: what says "logo" or sits where logos sit, displayed, in
// the viewport and of a logo's size; the first ones in document order.
import { describe, expect, it } from 'vitest';
import { LOGO_RULE, linksHome, logoCandidates, qualifies, type LogoCandidate } from '../../crawler/logos.js';

const PAGE = 'https://www.acmebank.example/login?next=1';
const VIEWPORT = { width: 1366, height: 641 };

/** An image in the page's body that nothing marks as a logo, 120x40 at the top left. */
const plain: LogoCandidate = {
  kind: 'img',
  words: 'hero /img/x.png',
  landmark: false,
  link: null,
  visible: true,
  x: 40,
  y: 20,
  width: 120,
  height: 40,
};
const candidate = (o: Partial<LogoCandidate>): LogoCandidate => ({ ...plain, ...o });

describe('a logo', () => {
  it.each<[string, Partial<LogoCandidate>, boolean]>([
    ['an unmarked image in the body', {}, false],
    ['"logo" in its or an ancestor\'s attributes', { words: 'site-header__Logo /img/x.png' }, true],
    ['"brand" in them (navbar-brand)', { kind: 'svg', words: 'navbar-brand' }, true],
    ['a background image in a header or nav', { kind: 'background', landmark: true }, true],
    ["in a link to its site's root", { link: 'https://acmebank.example/' }, true],
    ['in a link to another page of the site', { link: 'https://www.acmebank.example/help' }, false],
    ["in a link to another site's root", { link: 'https://other.example/' }, false],
    ['hidden (display, visibility, opacity) or an image not loaded', { words: 'logo', visible: false }, false],
    ['below the viewport', { words: 'logo', y: 641 }, false],
    ['partly in the viewport', { words: 'logo', x: -60, y: 620 }, true],
    [`smaller than ${LOGO_RULE.minSide} px on a side`, { words: 'logo', height: LOGO_RULE.minSide - 1 }, false],
    [`exactly ${LOGO_RULE.minSide} px square`, { words: 'logo', width: 16, height: 16 }, true],
    [`wider than ${LOGO_RULE.maxWidth} px (a banner)`, { words: 'logo', width: LOGO_RULE.maxWidth + 1 }, false],
    [`taller than ${LOGO_RULE.maxHeight} px (a photo)`, { landmark: true, height: LOGO_RULE.maxHeight + 1 }, false],
    ['at the largest size', { landmark: true, width: LOGO_RULE.maxWidth, height: LOGO_RULE.maxHeight }, true],
  ])('%s: %s', (_, o, expected) => {
    expect(qualifies(candidate(o), PAGE, VIEWPORT)).toBe(expected);
  });

  it('links home: the root of the same registrable domain, with any query, over http or https', () => {
    expect(linksHome('http://acmebank.example/?utm_source=logo', PAGE)).toBe(true);
    expect(linksHome('https://login.acmebank.example/', 'http://acmebank.example/')).toBe(true);
    expect(linksHome('https://acmebank.example.evil.test/', PAGE)).toBe(false);
    expect(linksHome('javascript:void(0)', PAGE)).toBe(false);
    expect(linksHome(null, PAGE)).toBe(false);
  });

  it('shoots the qualifying ones in document order, at most maxShots', () => {
    const logos = Array.from({ length: LOGO_RULE.maxShots + 3 }, (_, i) => candidate({ words: `logo-${i}` }));
    const candidates = [plain, ...logos.slice(0, 2), candidate({ words: 'logo', visible: false }), ...logos.slice(2)];
    expect(logoCandidates({ candidates, viewport: VIEWPORT, scroll: { x: 0, y: 0 } }, PAGE)).toEqual(
      logos.slice(0, LOGO_RULE.maxShots),
    );
  });
});
