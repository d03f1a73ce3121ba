// A news page with the usual analytics tags, loaded from the vendors' real host names
// (the test internet answers for them: Chromium's resolver rules map every name to it).
// The vendor scripts are tiny stand-ins that send the same kind of beacons the real ones
// do, carrying the IDs, so the extractor can tie IDs to requests. The IDs look like real
// ones (not the sequential placeholders the tracker catalog rightly ignores).

import { PNG_1x1 } from '../assets.js';
import { bytes, js, page, send } from '../respond.js';
import type { Scenario } from '../types.js';
import { trackerStackRoutes } from './tracker-stacks.js';

export const TRACKER_IDS = {
  universalAnalytics: 'UA-48213377-2',
  ga4: 'G-ABC123DEF4',
  gtm: 'GTM-ABCD123',
  /** Only the served gtm.js knows this one: it never appears in the page. */
  gtmInjectedGa4: 'G-INJECTED9',
  facebookPixel: '731946250118342',
} as const;

const ids = TRACKER_IDS;

// The loader snippets keep the shape site owners paste (same globals and calls), so
// that pattern matching written against real pages also works here.
const pageBody = `<h1>Daily News</h1>
<p>All the news that fits.</p>

<!-- Google Analytics (analytics.js) -->
<script>
(function (i, s, o, g, r, a, m) {
  i['GoogleAnalyticsObject'] = r;
  i[r] = i[r] || function () { (i[r].q = i[r].q || []).push(arguments); };
  i[r].l = 1 * new Date();
  a = s.createElement(o); m = s.getElementsByTagName(o)[0];
  a.async = 1; a.src = g; m.parentNode.insertBefore(a, m);
})(window, document, 'script', 'https://www.google-analytics.com/analytics.js', 'ga');
ga('create', '${ids.universalAnalytics}', 'auto');
ga('send', 'pageview');
</script>

<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=${ids.ga4}"></script>
<script>
window.dataLayer = window.dataLayer || [];
function gtag() { dataLayer.push(arguments); }
gtag('js', new Date());
gtag('config', '${ids.ga4}');
</script>

<!-- Google Tag Manager -->
<script>
(function (w, d, s, l, i) {
  w[l] = w[l] || []; w[l].push({ 'gtm.start': new Date().getTime(), event: 'gtm.js' });
  var f = d.getElementsByTagName(s)[0], j = d.createElement(s), dl = l != 'dataLayer' ? '&l=' + l : '';
  j.async = true; j.src = 'https://www.googletagmanager.com/gtm.js?id=' + i + dl; f.parentNode.insertBefore(j, f);
})(window, document, 'script', 'dataLayer', '${ids.gtm}');
</script>
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=${ids.gtm}" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>

<!-- Meta Pixel -->
<script>
!function (f, b, e, v, n, t, s) {
  if (f.fbq) return;
  n = f.fbq = function () { n.callMethod ? n.callMethod.apply(n, arguments) : n.queue.push(arguments); };
  if (!f._fbq) f._fbq = n;
  n.push = n; n.loaded = !0; n.version = '2.0'; n.queue = [];
  t = b.createElement(e); t.async = !0; t.src = v;
  s = b.getElementsByTagName(e)[0]; s.parentNode.insertBefore(t, s);
}(window, document, 'script', 'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '${ids.facebookPixel}');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=${ids.facebookPixel}&ev=PageView&noscript=1"></noscript>`;

/** Replays the ga() queue: 'create' remembers the property, 'send' fires an image hit. */
const analyticsJs = `(function () {
  var queued = (window.ga && window.ga.q) || [];
  var tid = null;
  function ga(cmd, arg) {
    if (cmd === 'create') tid = arg;
    else if (cmd === 'send' && tid) {
      new Image(1, 1).src = 'https://www.google-analytics.com/collect?v=1&t=' + arg + '&tid=' + encodeURIComponent(tid) +
        '&cid=555.1&dl=' + encodeURIComponent(location.href);
    }
  }
  window.ga = ga;
  for (var i = 0; i < queued.length; i++) ga.apply(null, queued[i]);
})();
`;

/** Handles gtag('config', id) from dataLayer, now and later, with a sendBeacon POST. */
const gtagJs = `(function () {
  var dl = window.dataLayer = window.dataLayer || [];
  function handle(args) {
    if (args && args[0] === 'config') {
      navigator.sendBeacon('https://www.google-analytics.com/g/collect?v=2&tid=' + encodeURIComponent(args[1]) +
        '&en=page_view&dl=' + encodeURIComponent(location.href), '');
    }
  }
  for (var i = 0; i < dl.length; i++) handle(dl[i]);
  var push = dl.push;
  dl.push = function (a) { handle(a); return push.apply(dl, arguments); };
})();
`;

/** A container whose only tag is a GA4 property that the page itself never names. */
const gtmJs = (container: string): string => `(function () {
  new Image(1, 1).src = 'https://www.google-analytics.com/g/collect?v=2&tid=${ids.gtmInjectedGa4}&gtm=${container}' +
    '&en=page_view&dl=' + encodeURIComponent(location.href);
})();
`;

/** Replays fbq's queue: 'init' registers a pixel, 'track' fires an image hit for each pixel. */
const fbeventsJs = `(function () {
  var fbq = window.fbq, pixels = [];
  function call(cmd, arg) {
    if (cmd === 'init') pixels.push(arg);
    else if (cmd === 'track') {
      for (var i = 0; i < pixels.length; i++) {
        new Image(1, 1).src = 'https://www.facebook.com/tr/?id=' + pixels[i] + '&ev=' + arg + '&dl=' + encodeURIComponent(location.href);
      }
    }
  }
  fbq.callMethod = call;
  var queued = fbq.queue || [];
  for (var i = 0; i < queued.length; i++) call.apply(null, queued[i]);
})();
`;

const pixel = bytes('image/png', PNG_1x1);
const dl = encodeURIComponent('https://www.trackers.test/'); // the beacons' dl= parameter

export const trackers: Scenario = {
  name: 'trackers',
  seed: 'https://www.trackers.test/',
  loads: [
    'GET https://www.trackers.test/',
    'GET https://www.google-analytics.com/analytics.js',
    `GET https://www.google-analytics.com/collect?v=1&t=pageview&tid=${ids.universalAnalytics}&cid=555.1&dl=${dl}`,
    `GET https://www.googletagmanager.com/gtag/js?id=${ids.ga4}`,
    `POST https://www.google-analytics.com/g/collect?v=2&tid=${ids.ga4}&en=page_view&dl=${dl}`,
    `GET https://www.googletagmanager.com/gtm.js?id=${ids.gtm}`,
    `GET https://www.google-analytics.com/g/collect?v=2&tid=${ids.gtmInjectedGa4}&gtm=${ids.gtm}&en=page_view&dl=${dl}`,
    'GET https://connect.facebook.net/en_US/fbevents.js',
    `GET https://www.facebook.com/tr/?id=${ids.facebookPixel}&ev=PageView&dl=${dl}`,
  ],
  routes: [
    { host: 'www.trackers.test', path: '/', handler: page('Daily News', pageBody) },
    { host: 'www.google-analytics.com', path: '/analytics.js', handler: js(analyticsJs) },
    { host: 'www.google-analytics.com', path: '/collect', handler: pixel },
    { host: 'www.google-analytics.com', path: '/g/collect', handler: pixel },
    { host: 'www.googletagmanager.com', path: '/gtag/js', handler: js(gtagJs) },
    {
      host: 'www.googletagmanager.com',
      path: '/gtm.js',
      handler: (req, res) => {
        const id = req.url.searchParams.get('id') ?? '';
        if (!/^GTM-[A-Z0-9]+$/.test(id)) {
          send(res, 400, 'text/plain', 'bad container id\n');
          return;
        }
        send(res, 200, 'application/javascript; charset=utf-8', gtmJs(id));
      },
    },
    { host: 'www.googletagmanager.com', path: '/ns.html', handler: page('GTM noscript', '') },
    { host: 'connect.facebook.net', path: '/en_US/fbevents.js', handler: js(fbeventsJs) },
    { host: 'www.facebook.com', path: '/tr', handler: pixel },
    { host: 'www.facebook.com', path: '/tr/', handler: pixel },
    // More pages on this scenario's hosts, each with the tag stack of a kind of site.
    ...trackerStackRoutes,
  ],
};

export const trackerScenarios: Scenario[] = [trackers];
