// Ways a page moves the browser to another host: server redirects, meta refresh,
// script navigation and a popup; and what a page does late, well after its network went
// quiet (a redirect, a beacon, a meta refresh with a delay), which the settle window must
// still see (crawler/settle.ts).

import { PNG_1x1 } from '../assets.js';
import { bytes, page, redirect } from '../respond.js';
import type { Scenario } from '../types.js';

/** 301 -> 302 -> 303 -> 307 -> 308 across six hosts, each host named after the status it answers. */
export const redirectChain: Scenario = {
  name: 'redirect-chain',
  seed: 'http://start.redirect.test/',
  loads: [
    'GET http://start.redirect.test/',
    'GET http://hop302.redirect.test/step/2',
    'GET http://hop303.redirect.test/step/3',
    'GET http://hop307.redirect.test/step/4',
    'GET http://hop308.redirect.test/step/5',
    'GET http://final.redirect.test/landing',
  ],
  routes: [
    { host: 'start.redirect.test', path: '/', handler: redirect(301, 'http://hop302.redirect.test/step/2') },
    { host: 'hop302.redirect.test', path: '/step/2', handler: redirect(302, 'http://hop303.redirect.test/step/3') },
    { host: 'hop303.redirect.test', path: '/step/3', handler: redirect(303, 'http://hop307.redirect.test/step/4') },
    { host: 'hop307.redirect.test', path: '/step/4', handler: redirect(307, 'http://hop308.redirect.test/step/5') },
    { host: 'hop308.redirect.test', path: '/step/5', handler: redirect(308, 'http://final.redirect.test/landing') },
    {
      host: 'final.redirect.test',
      path: '/landing',
      handler: page('Redirect chain: landed', '<h1>Landed after five redirects</h1>'),
    },
  ],
};

export const metaRefresh: Scenario = {
  name: 'meta-refresh',
  seed: 'http://www.metarefresh.test/',
  loads: ['GET http://www.metarefresh.test/', 'GET http://target.metarefresh.test/arrived'],
  routes: [
    {
      host: 'www.metarefresh.test',
      path: '/',
      handler: page(
        'Meta refresh',
        '<p>Moving you along...</p>',
        '<meta http-equiv="refresh" content="0; url=http://target.metarefresh.test/arrived">',
      ),
    },
    {
      host: 'target.metarefresh.test',
      path: '/arrived',
      handler: page('Meta refresh: arrived', '<h1>Arrived by meta refresh</h1>'),
    },
  ],
};

export const jsLocation: Scenario = {
  name: 'js-location',
  seed: 'http://www.jslocation.test/',
  loads: ['GET http://www.jslocation.test/', 'GET http://target.jslocation.test/arrived'],
  routes: [
    {
      host: 'www.jslocation.test',
      path: '/',
      handler: page(
        'JS location',
        '<p>Redirecting by script...</p>\n<script>\n' +
          "window.addEventListener('load', function () {\n" +
          "  setTimeout(function () { location.href = 'http://target.jslocation.test/arrived'; }, 100);\n" +
          '});\n</script>',
      ),
    },
    {
      host: 'target.jslocation.test',
      path: '/arrived',
      handler: page('JS location: arrived', '<h1>Arrived by location.href</h1>'),
    },
  ],
};

export const windowOpen: Scenario = {
  name: 'window-open',
  seed: 'http://www.windowopen.test/',
  loads: ['GET http://www.windowopen.test/', 'GET http://popup.windowopen.test/ad'],
  routes: [
    {
      host: 'www.windowopen.test',
      path: '/',
      handler: page(
        'Window open',
        '<p>Opening one popup.</p>\n<script>\n' +
          "window.addEventListener('load', function () { window.open('http://popup.windowopen.test/ad', 'promo'); });\n" +
          '</script>',
      ),
    },
    { host: 'popup.windowopen.test', path: '/ad', handler: page('Popup ad', '<h1>Popup opened by window.open</h1>') },
  ],
};

/** A script redirect 900 ms after load: three times the idle rule's quiet spell. */
export const lateRedirect: Scenario = {
  name: 'late-redirect',
  seed: 'http://www.lateredirect.test/',
  loads: ['GET http://www.lateredirect.test/', 'GET http://target.lateredirect.test/arrived'],
  routes: [
    {
      host: 'www.lateredirect.test',
      path: '/',
      handler: page(
        'Late redirect',
        '<p>Just a moment...</p>\n<script>\n' +
          "window.addEventListener('load', function () {\n" +
          "  setTimeout(function () { location.href = 'http://target.lateredirect.test/arrived'; }, 900);\n" +
          '});\n</script>',
      ),
    },
    {
      host: 'target.lateredirect.test',
      path: '/arrived',
      handler: page('Late redirect: arrived', '<h1>Arrived after a pause</h1>'),
    },
  ],
};

/** An image beacon 700 ms after load (what a tracker that waits for engagement sends). */
export const lateBeacon: Scenario = {
  name: 'late-beacon',
  seed: 'http://www.latebeacon.test/',
  loads: ['GET http://www.latebeacon.test/', 'GET http://px.latebeacon.test/b.png?after=700'],
  routes: [
    {
      host: 'www.latebeacon.test',
      path: '/',
      handler: page(
        'Late beacon',
        '<p>Read on.</p>\n<script>\n' +
          "window.addEventListener('load', function () {\n" +
          "  setTimeout(function () { new Image(1, 1).src = 'http://px.latebeacon.test/b.png?after=700'; }, 700);\n" +
          '});\n</script>',
      ),
    },
    { host: 'px.latebeacon.test', path: '/b.png', handler: bytes('image/png', PNG_1x1) },
  ],
};

/** A meta refresh with a delay of one second. */
export const slowMetaRefresh: Scenario = {
  name: 'slow-meta-refresh',
  seed: 'http://www.slowrefresh.test/',
  loads: ['GET http://www.slowrefresh.test/', 'GET http://target.slowrefresh.test/arrived'],
  routes: [
    {
      host: 'www.slowrefresh.test',
      path: '/',
      handler: page(
        'Slow meta refresh',
        '<p>You will be moved in a second.</p>',
        '<meta http-equiv="refresh" content="1; url=http://target.slowrefresh.test/arrived">',
      ),
    },
    {
      host: 'target.slowrefresh.test',
      path: '/arrived',
      handler: page('Slow meta refresh: arrived', '<h1>Arrived by a delayed meta refresh</h1>'),
    },
  ],
};

export const navigationScenarios: Scenario[] = [
  redirectChain,
  metaRefresh,
  jsLocation,
  windowOpen,
  lateRedirect,
  lateBeacon,
  slowMetaRefresh,
];
