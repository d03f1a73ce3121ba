// A page whose data attacks whoever displays it: its title, the URLs it links, frames and
// loads, the text of its links and the names of the cookies it sets carry script and
// markup. Crawled, all of it reaches the store as text; the web UI's tests view it in
// every view and check that none of it ran. Every payload calls window.__pwned(where)
// (which the tests record) or opens a dialog (which they watch for).

import { PNG_1x1 } from '../assets.js';
import { bytes, doc, js, page, send } from '../respond.js';
import type { Scenario } from '../types.js';

/** Payloads the page sends: its title (which the store keeps as it is) and its cookies' names (the browser cuts the second at its first space). */
export const XSS_PAYLOADS = {
  title: `<script>__pwned('title')</script><img src=x onerror="__pwned('title-img')">'"`,
  cookieFromHttp: `<svg><script>__pwned('cookie')</script></svg>`,
  cookieFromScript: `"><img src=x onerror=__pwned('js-cookie')>`,
} as const;

/** Markup as text in the page itself (so it is text on the crawled page too): < and > and quotes escaped. */
const asText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const links = [
  `http://links.xss.test/'onmouseover='__pwned(1)'`,
  `http://links.xss.test/search?q="><img src=x onerror=__pwned('link-q')>`,
  `http://links.xss.test/<script>__pwned('link-path')</script>`,
  `javascript:__pwned('js-href')`,
];

const body = `<h1>${asText(XSS_PAYLOADS.title)}</h1>
${links.map((u, i) => `<a href="${u.replace(/"/g, '&quot;')}">link ${i} ${asText(`<img src=x onerror=__pwned('link-text-${i}')>`)}</a>`).join('\n')}
<iframe src="http://frame.xss.test/'&gt;&lt;svg onload=__pwned('frame')&gt;" width="50" height="50"></iframe>
<img src="http://cdn.xss.test/pixel.png?x=';__pwned('img');'" width="1" height="1" alt="">
<script src="http://cdn.xss.test/x.js?&lt;/script&gt;&lt;script&gt;__pwned('script-src')&lt;/script&gt;"></script>
<script>document.cookie = ${JSON.stringify(`${XSS_PAYLOADS.cookieFromScript}=1; path=/`)};</script>`;

export const xss: Scenario = {
  name: 'xss',
  seed: 'http://www.xss.test/',
  routes: [
    {
      // The title's markup is raw in <title>, where HTML keeps it as text: document.title is the payload itself.
      host: 'www.xss.test',
      path: '/',
      handler: (_req, res) =>
        send(res, 200, 'text/html; charset=utf-8', doc(XSS_PAYLOADS.title, body), {
          'Set-Cookie': `${XSS_PAYLOADS.cookieFromHttp}=1; Path=/`,
        }),
    },
    { host: 'frame.xss.test', path: '*', handler: page('frame', '<p>framed</p>') },
    { host: 'cdn.xss.test', path: '/pixel.png', handler: bytes('image/png', PNG_1x1) },
    { host: 'cdn.xss.test', path: '/x.js', handler: js('// nothing\n') },
    { host: 'links.xss.test', path: '*', handler: page('links', '<p>linked</p>') },
  ],
};

export const xssScenarios: Scenario[] = [xss];
