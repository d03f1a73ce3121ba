// Components from what the markup declares: a script or stylesheet the document names but
// the browser did not fetch (a saved page, a blocked or conditional load) counts as its URL,
// once, for the frame that names it.
import { describe, expect, it } from 'vitest';
import type { CapturedRequest } from '../../capture/capture.js';
import { extractEvents } from '../../extractor/extract.js';
import { savedPageCapture } from '../corpus/capture.js';

const components = (events: ReturnType<typeof extractEvents>) =>
  (events as unknown as Record<string, string>[])
    .filter((e) => e.schema!.startsWith('vucrawl.component/'))
    .map((e) => `${e.host} ${e.name} ${e.version} ${e.source} ${e.where}`);

const PAGE = `<html><head>
  <link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css">
  <!--[if lt IE 9]><script src="/js/html5shiv.js"></script><![endif]-->
  <script src="https://code.jquery.com/jquery-3.6.0.min.js"></script>
  <link rel="preload" href="https://code.jquery.com/jquery-1.0.0.min.js">
</head><body><p>Not a <code>script src="https://code.jquery.com/jquery-2.0.0.js"</code></p></body></html>`;

describe('components from declared loads', () => {
  it('reads script and stylesheet URLs from the markup when nothing was requested', () => {
    const found = components(extractEvents(savedPageCapture(PAGE, 'https://www.shop.test/')));
    expect(found).toContain('www.shop.test jQuery 3.6.0 script-url https://code.jquery.com/jquery-3.6.0.min.js');
    expect(found.filter((f) => f.includes('Font Awesome'))).toEqual([
      'www.shop.test Font Awesome 4.7.0 stylesheet-url https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css',
    ]);
    // A preload is not a load of a script, and text is not markup.
    expect(found.some((f) => f.includes('1.0.0') || f.includes('2.0.0'))).toBe(false);
  });

  it('counts a URL the browser also fetched once', () => {
    const c = savedPageCapture(PAGE, 'https://www.shop.test/');
    const fetched: CapturedRequest = {
      id: 'R1',
      url: 'https://code.jquery.com/jquery-3.6.0.min.js',
      method: 'GET',
      resource_type: 'script',
      frame_id: 'F0',
      initiator: { type: 'parser', url: 'https://www.shop.test/' },
      at: 0,
      status: 200,
    };
    const found = components(extractEvents({ ...c, requests: [fetched] }));
    expect(found.filter((f) => f.includes('jQuery 3.6.0'))).toHaveLength(1);
  });
});
