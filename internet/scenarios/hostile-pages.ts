// Pages that fight the browser: endless redirects, endless dialogs, popup storms and a
// beforeunload guard. Each must be bounded by the crawler, never by the page.

import { page, redirect, send } from '../respond.js';
import type { Scenario } from '../types.js';

/** a -> b -> a -> ... with an ever-growing counter, so no two hops share a URL. */
export const redirectLoop: Scenario = {
  name: 'redirect-loop',
  seed: 'http://a.redirectloop.test/',
  routes: ['a.redirectloop.test', 'b.redirectloop.test'].flatMap((host) => [
    { host, path: '/', handler: redirect(302, 'http://b.redirectloop.test/hop/1') },
    {
      host,
      path: '/hop/*',
      handler: (req, res) => {
        const n = Number(req.url.pathname.slice('/hop/'.length));
        if (!Number.isInteger(n) || n < 0) {
          send(res, 404, 'text/plain', 'no such hop\n');
          return;
        }
        const next = n + 1;
        const nextHost = next % 2 === 1 ? 'b.redirectloop.test' : 'a.redirectloop.test';
        redirect(302, `http://${nextHost}/hop/${next}`)(req, res);
      },
    },
  ]),
};

export const dialogLoop: Scenario = {
  name: 'dialog-loop',
  seed: 'http://www.dialogloop.test/',
  loads: ['GET http://www.dialogloop.test/'],
  routes: [
    {
      host: 'www.dialogloop.test',
      path: '/',
      handler: page(
        'Dialog loop',
        '<p>Dialogs forever.</p>\n<script>\n' +
          "window.addEventListener('load', function () {\n" +
          '  setTimeout(function () {\n' +
          "    for (var i = 1; ; i++) { alert('alert #' + i); confirm('confirm #' + i + ': keep going?'); }\n" +
          '  }, 0);\n' +
          '});\n</script>',
      ),
    },
  ],
};

export const POPUP_STORM_INITIAL = 30;

export const popupStorm: Scenario = {
  name: 'popup-storm',
  seed: 'http://www.popupstorm.test/',
  routes: [
    {
      host: 'www.popupstorm.test',
      path: '/',
      handler: page(
        'Popup storm',
        '<p>So many windows.</p>\n<script>\n' +
          'var n = 0;\n' +
          "function storm(k) { for (var i = 0; i < k; i++) { n++; window.open('http://popup.popupstorm.test/p/' + n, '_blank'); } }\n" +
          `window.addEventListener('load', function () { storm(${POPUP_STORM_INITIAL}); setInterval(function () { storm(5); }, 1000); });\n` +
          '</script>',
      ),
    },
    { host: 'popup.popupstorm.test', path: '/p/*', handler: page('Popup', '<p>One of many popups.</p>') },
  ],
};

export const beforeUnload: Scenario = {
  name: 'beforeunload',
  seed: 'http://www.beforeunload.test/',
  loads: ['GET http://www.beforeunload.test/'],
  routes: [
    {
      host: 'www.beforeunload.test',
      path: '/',
      handler: page(
        'Before unload',
        '<p>Leaving so soon?</p>\n<a href="http://next.beforeunload.test/">Next</a>\n<script>\n' +
          "window.addEventListener('beforeunload', function (e) { e.preventDefault(); e.returnValue = 'Leave this page?'; return 'Leave this page?'; });\n" +
          '</script>',
      ),
    },
    { host: 'next.beforeunload.test', path: '/', handler: page('After unload', '<p>You left.</p>') },
  ],
};

export const hostilePageScenarios: Scenario[] = [redirectLoop, dialogLoop, popupStorm, beforeUnload];
