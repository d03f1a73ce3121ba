// The text a visitor reads on a page: its title and the visible text of every frame's final
// DOM (scripts, styles, templates and noscript left out), for watches' and monitors' keyword
// and regex rules and for a brand's keywords on a look-alike's page.
// Only a capture holds it (events carry the title, not the text). Pure.
import * as cheerio from 'cheerio';
import type { PageCapture } from '../capture/capture.js';

/** Rules read at most this much text of a page: a hostile page's megabytes of filler stay out. */
export const MAX_PAGE_TEXT = 1 << 20;

export function pageText(c: Pick<PageCapture, 'title' | 'frames'>): string {
  const parts = [c.title ?? ''];
  for (const f of c.frames) if (f.dom) parts.push(visibleText(f.dom));
  return parts.join('\n').slice(0, MAX_PAGE_TEXT);
}

/** Elements that end a line or a box on screen: their text does not run into the next one's ("Bank" then "Sign in"). */
const BLOCKS =
  'title, p, div, section, article, header, footer, nav, main, aside, h1, h2, h3, h4, h5, h6, li, dt, dd, td, th, tr, br, hr, label, button, option, legend, form, table, blockquote, pre';

function visibleText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
  // Inline tags (<b>, <span>) may split a word and must not split it more; blocks end one.
  $(BLOCKS).append(' ');
  return $.root().text().replace(/\s+/g, ' ').trim();
}
