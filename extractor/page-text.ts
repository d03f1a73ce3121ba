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

function visibleText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript, template').remove();
  return $.root().text().replace(/\s+/g, ' ').trim();
}
