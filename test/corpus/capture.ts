// A saved page as a capture: one frame whose final DOM is the saved HTML, at the page's
// original URL, with nothing requested (a saved page keeps its markup, not its traffic), built
// as the unit tests build theirs (`captureOf` in capture/capture.ts).
import { captureOf, type PageCapture } from '../../capture/capture.js';

export function savedPageCapture(html: string, url: string): PageCapture {
  const plain = captureOf(url);
  return captureOf(url, {
    crawl_id: 'corpus',
    capture_id: url,
    profile: { ...plain.profile, name: 'corpus' },
    frames: [{ id: 'F0', url, dom: html }],
  });
}
