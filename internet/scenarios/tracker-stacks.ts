// More pages of the tracker scenario (same hosts rule: vendors' real host names, which the
// test internet answers for), each with the tag stack a kind of site carries, pasted the
// way the vendors publish their snippets:
//  - /publisher: a news publisher's article (comScore, Chartbeat, Adobe Analytics,
//    Quantcast, Parse.ly, Taboola, Outbrain widget and pixel, Criteo, Optimizely, New
//    Relic, Tealium);
//  - /analytics: a site on privacy-minded analytics (self-hosted Matomo, Piwik PRO,
//    Plausible, Umami, Fathom, Cloudflare Web Analytics);
//  - /blog: a blog on a hosting platform (AdSense with the platform's host ID beside the
//    blog's own, a gtag snippet whose variable names another property than the one it
//    configures, Plausible's per-site script).
// The vendor scripts are tiny stand-ins that send the kind of request the real ones send,
// with the IDs where the real ones put them. Not linked from the seed page: the seed's
// `loads` stay as they are; tests crawl these URLs directly (TRACKER_STACK_PAGES).

import { PNG_1x1 } from '../assets.js';
import { bytes, js, noContent, page } from '../respond.js';
import type { Route } from '../types.js';

export const TRACKER_STACK_PAGES = {
  publisher: 'https://www.trackers.test/publisher',
  analytics: 'https://www.trackers.test/analytics',
  blog: 'https://www.trackers.test/blog',
} as const;

export const TRACKER_STACK_IDS = {
  comscore: '6035187',
  chartbeat: '66934',
  adobeSuites: ['trackersnewsprod', 'trackersglobal'],
  quantcast: 'p-3Kd9xFq2LmZ7w',
  parsely: 'trackers.test',
  taboola: 'trackers-news',
  outbrainPartnerKey: 'TRKN4MX81QZ7VB2PL0C5HJ6RD',
  outbrainMarketer: '00a1b2c3d4e5f60718293a4b5c6d7e8f90',
  criteo: '58164',
  optimizely: '9418272635',
  newRelicLicense: 'NRJS-5e8b1c2d3f4a6b7c8d9',
  newRelicApplication: '538412907',
  tealium: 'trackersnews/main',
  matomoSite: '3',
  piwikProSite: 'c4f1a2b3-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  plausibleDomain: 'trackers.test',
  umami: 'b7e3c1d2-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  fathom: 'KBDUMYWR',
  cloudflareToken: '3f9e2d1c0b8a7f6e5d4c3b2a1f0e9d8c',
  adsensePublisher: 'ca-pub-4918273645091827',
  /** The hosting platform's account: every blog on the platform carries it. */
  adsenseHost: 'ca-host-pub-1556223355139109',
  /** What the blog's gtag call configures. */
  ga4Configured: 'G-B4TR8NW2QX',
  /** What a variable of the same snippet says, never passed to gtag. */
  ga4Variable: 'G-7HQ2LX9W3K',
  plausibleScript: 'pa-Xq3Lm9Vt2Rk8Wp4Zn6Yb1',
} as const;

const ids = TRACKER_STACK_IDS;
const href = 'encodeURIComponent(location.href)';

const publisherBody = `<h1>Council approves the new bridge</h1>
<p>The vote was unanimous.</p>

<!-- Begin comScore Tag -->
<script>
  var _comscore = _comscore || [];
  _comscore.push({ c1: "2", c2: "${ids.comscore}", options: { enableFirstPartyCookie: "false" } });
  (function() {
    var s = document.createElement("script"), el = document.getElementsByTagName("script")[0]; s.async = true;
    s.src = "https://sb.scorecardresearch.com/cs/${ids.comscore}/beacon.js";
    el.parentNode.insertBefore(s, el);
  })();
</script>
<noscript><img src="https://sb.scorecardresearch.com/p?c1=2&c2=${ids.comscore}&cv=4.4.0&cj=1"></noscript>
<!-- End comScore Tag -->

<script type="text/javascript">
  (function() {
    var _sf_async_config = window._sf_async_config = (window._sf_async_config || {});
    _sf_async_config.uid = ${ids.chartbeat};
    _sf_async_config.domain = 'trackers.test';
    _sf_async_config.useCanonical = true;
    function loadChartbeat() {
      var e = document.createElement('script');
      var n = document.getElementsByTagName('script')[0];
      e.type = 'text/javascript';
      e.async = true;
      e.src = '//static.chartbeat.com/js/chartbeat.js';
      n.parentNode.insertBefore(e, n);
    }
    loadChartbeat();
  })();
</script>

<script src="/js/AppMeasurement.js"></script>
<script>
  var s_account = "${ids.adobeSuites.join(',')}";
  var s = s_gi(s_account);
  s.trackingServer = "trackersnews.sc.omtrdc.net";
  s.pageName = "news:bridge";
  s.t();
</script>

<!-- Quantcast Tag -->
<script type="text/javascript">
  window._qevents = window._qevents || [];
  (function() {
    var elem = document.createElement('script');
    elem.src = (document.location.protocol == "https:" ? "https://secure" : "http://edge") + ".quantserve.com/quant.js";
    elem.async = true;
    elem.type = "text/javascript";
    var scpt = document.getElementsByTagName('script')[0];
    scpt.parentNode.insertBefore(elem, scpt);
  })();
  window._qevents.push({ qacct: "${ids.quantcast}", uid: "__INSERT_EMAIL_HERE__" });
</script>
<noscript><div style="display:none;"><img src="//pixel.quantserve.com/pixel/${ids.quantcast}.gif" border="0" height="1" width="1" alt="Quantcast"/></div></noscript>

<script id="parsely-cfg" src="//cdn.parsely.com/keys/${ids.parsely}/p.js"></script>

<script type="text/javascript">
  window._taboola = window._taboola || [];
  _taboola.push({article:'auto'});
  !function (e, f, u, i) {
    if (!document.getElementById(i)){
      e.async = 1;
      e.src = u;
      e.id = i;
      f.parentNode.insertBefore(e, f);
    }
  }(document.createElement('script'), document.getElementsByTagName('script')[0], '//cdn.taboola.com/libtrc/${ids.taboola}/loader.js', 'tb_loader_script');
</script>

<div class="OUTBRAIN" data-src="https://www.trackers.test/publisher" data-widget-id="AR_1" data-ob-installation-key="${ids.outbrainPartnerKey}"></div>
<script type="text/javascript" async="async" src="//widgets.outbrain.com/outbrain.js"></script>
<script data-obct type="text/javascript">
  /** DO NOT MODIFY THIS CODE**/
  !function(_window, _document) {
    var OB_ADV_ID = '${ids.outbrainMarketer}';
    if (_window.obApi) { return; }
    var api = _window.obApi = function() { api.dispatch ? api.dispatch.apply(api, arguments) : api.queue.push(arguments); };
    api.version = '1.1'; api.loaded = true; api.marketerId = OB_ADV_ID; api.queue = [];
    var tag = _document.createElement('script'); tag.async = true; tag.src = '//amplify.outbrain.com/cp/obtp.js'; tag.type = 'text/javascript';
    var script = _document.getElementsByTagName('script')[0]; script.parentNode.insertBefore(tag, script);
  }(window, document);
  obApi('track', 'PAGE_VIEW');
</script>

<script type="text/javascript" src="//dynamic.criteo.com/js/ld/ld.js?a=${ids.criteo}" async="true"></script>
<script type="text/javascript">
  window.criteo_q = window.criteo_q || [];
  var deviceType = /iPad/.test(navigator.userAgent) ? "t" : /Mobile|iP(hone|od)|Android|BlackBerry|IEMobile|Silk/.test(navigator.userAgent) ? "m" : "d";
  window.criteo_q.push(
    { event: "setAccount", account: ${ids.criteo} },
    { event: "setSiteType", type: deviceType },
    { event: "viewHome" });
</script>

<script src="https://cdn.optimizely.com/js/${ids.optimizely}.js"></script>

<script type="text/javascript">
  window.NREUM||(NREUM={});
  ;NREUM.loader_config={accountID:"3811457",trustKey:"3811457",agentID:"${ids.newRelicApplication}",licenseKey:"${ids.newRelicLicense}",applicationID:"${ids.newRelicApplication}"};
  ;NREUM.info={beacon:"bam.nr-data.net",errorBeacon:"bam.nr-data.net",licenseKey:"${ids.newRelicLicense}",applicationID:"${ids.newRelicApplication}",sa:1};
</script>
<script src="https://js-agent.newrelic.com/nr-loader-spa-1.260.0.min.js"></script>

<script type="text/javascript">
  (function(a,b,c,d){
    a='//tags.tiqcdn.com/utag/${ids.tealium}/prod/utag.js';
    b=document;c='script';d=b.createElement(c);d.src=a;d.type='text/java'+c;d.async=true;
    a=b.getElementsByTagName(c)[0];a.parentNode.insertBefore(d,a);
  })();
</script>`;

const analyticsBody = `<h1>Our privacy-friendly site</h1>

<!-- Matomo -->
<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  _paq.push(['enableLinkTracking']);
  (function() {
    var u="https://stats.trackers.test/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '${ids.matomoSite}']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>
<noscript><p><img referrerpolicy="no-referrer-when-downgrade" src="https://stats.trackers.test/matomo.php?idsite=${ids.matomoSite}&rec=1" style="border:0;" alt=""></p></noscript>
<!-- End Matomo Code -->

<script type="text/javascript">
(function(window, document, dataLayerName, id) {
  window[dataLayerName] = window[dataLayerName] || [], window[dataLayerName].push({ start: (new Date).getTime(), event: "stg.start" });
  var scripts = document.getElementsByTagName('script')[0], tags = document.createElement('script');
  tags.async = !0, tags.src = "https://trackers.containers.piwik.pro/" + id + ".js", scripts.parentNode.insertBefore(tags, scripts);
})(window, document, 'dataLayer', '${ids.piwikProSite}');
</script>
<noscript><iframe src="https://trackers.containers.piwik.pro/${ids.piwikProSite}/noscript.html" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>

<script defer data-domain="${ids.plausibleDomain}" src="https://plausible.io/js/script.js"></script>
<script defer src="https://cloud.umami.is/script.js" data-website-id="${ids.umami}"></script>
<script src="https://cdn.usefathom.com/script.js" data-site="${ids.fathom}" defer></script>
<script defer src="https://static.cloudflareinsights.com/beacon.min.js" data-cf-beacon='{"token": "${ids.cloudflareToken}"}'></script>`;

const blogBody = `<h1>Notes from the garden</h1>
<p>The tomatoes are in.</p>

<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=${ids.adsensePublisher}&host=${ids.adsenseHost}" crossorigin="anonymous"></script>
<ins class="adsbygoogle" style="display:block" data-ad-client="${ids.adsensePublisher}" data-ad-host="${ids.adsenseHost}" data-ad-slot="4719377260" data-ad-format="auto"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>

<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=${ids.ga4Configured}"></script>
<script>
  var GA_MEASUREMENT_ID = "${ids.ga4Variable}";
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', '${ids.ga4Configured}');
</script>

<script async src="https://plausible.io/js/${ids.plausibleScript}.js"></script>
<script>
  window.plausible = window.plausible || function () { (plausible.q = plausible.q || []).push(arguments) }, plausible.init = plausible.init || function (i) { plausible.o = i || {} };
  plausible.init();
</script>`;

// ----- Stand-ins for the vendors' scripts: each sends what the real one sends, no more.

/** Sends one image request (what most vendors' beacons are). */
const imageBeacon = (url: string): string => `(function () { new Image(1, 1).src = ${url}; })();\n`;

/** The self-hosted AppMeasurement: s_gi(account) returns a tracker whose t() sends the page view. */
const appMeasurementJs = `function s_gi(account) {
  return {
    account: account,
    t: function () {
      new Image(1, 1).src = 'https://' + this.trackingServer + '/b/ss/' + this.account + '/1/JS-2.22.0/s71362158219?AQB=1&ndh=1&pageName=' +
        encodeURIComponent(this.pageName) + '&g=' + ${href} + '&AQE=1';
    },
  };
}
`;

/** quant.js: reads the _qevents queue, loads the account's rules, sends the pixel. */
const quantJs = `(function () {
  var q = window._qevents || [];
  for (var i = 0; i < q.length; i++) {
    var acct = q[i].qacct;
    var r = document.createElement('script');
    r.src = 'https://rules.quantcount.com/rules-' + acct + '.js';
    document.head.appendChild(r);
    new Image(1, 1).src = 'https://pixel.quantserve.com/pixel;r=1712345678;a=' + acct + ';labels=_fp.event.Default;fpan=1;ns=0;ce=1;je=0;enc=n;dst=1;tzo=0;ref=;url=' + ${href};
  }
})();
`;

const pixel = bytes('image/png', PNG_1x1);

export const trackerStackRoutes: Route[] = [
  {
    host: 'www.trackers.test',
    path: '/publisher',
    handler: page('Council approves the new bridge - Daily News', publisherBody),
  },
  { host: 'www.trackers.test', path: '/analytics', handler: page('A privacy-friendly site', analyticsBody) },
  { host: 'www.trackers.test', path: '/blog', handler: page('Notes from the garden', blogBody) },
  { host: 'www.trackers.test', path: '/js/AppMeasurement.js', handler: js(appMeasurementJs) },

  // comScore: the beacon script reads the _comscore queue and sends /b.
  {
    host: 'sb.scorecardresearch.com',
    path: `/cs/${ids.comscore}/beacon.js`,
    handler: js(`(function () {
  var q = window._comscore || [];
  for (var i = 0; i < q.length; i++) {
    new Image(1, 1).src = 'https://sb.scorecardresearch.com/b?c1=' + q[i].c1 + '&c2=' + q[i].c2 + '&cs_ucfr=1&ns__t=1712345678901&c7=' + ${href} + '&cj=1';
  }
})();
`),
  },
  { host: 'sb.scorecardresearch.com', path: '/b', handler: pixel },
  { host: 'sb.scorecardresearch.com', path: '/p', handler: pixel },
  // Chartbeat: chartbeat.js pings with the host (h) and the account (g).
  {
    host: 'static.chartbeat.com',
    path: '/js/chartbeat.js',
    handler: js(
      imageBeacon(
        `'https://ping.chartbeat.net/ping?h=' + window._sf_async_config.domain + '&p=' + encodeURIComponent(location.pathname) + '&g=' + window._sf_async_config.uid + '&n=1&c=0'`,
      ),
    ),
  },
  { host: 'ping.chartbeat.net', path: '/ping', handler: pixel },
  { host: 'trackersnews.sc.omtrdc.net', path: '/b/ss/*', handler: pixel },
  { host: 'secure.quantserve.com', path: '/quant.js', handler: js(quantJs) },
  {
    host: 'rules.quantcount.com',
    path: `/rules-${ids.quantcast}.js`,
    handler: js('window.__qc = window.__qc || {};\n'),
  },
  { host: 'pixel.quantserve.com', path: '/pixel*', handler: pixel },
  // Parse.ly: p.js sends a pageview pixel with the site id.
  {
    host: 'cdn.parsely.com',
    path: `/keys/${ids.parsely}/p.js`,
    handler: js(
      imageBeacon(
        `'https://p1.parsely.com/px/?rand=1712345678901&idsite=${ids.parsely}&url=' + ${href} + '&urlref=&action=pageview'`,
      ),
    ),
  },
  { host: 'p1.parsely.com', path: '/px/', handler: pixel },
  // Taboola: the loader asks trc for the recommendations of this publisher.
  {
    host: 'cdn.taboola.com',
    path: `/libtrc/${ids.taboola}/loader.js`,
    handler: js(
      imageBeacon(
        `'https://trc.taboola.com/${ids.taboola}/trc/3/json?tim=12%3A00%3A00.000&llvl=1&cv=20240401-1&url=' + ${href}`,
      ),
    ),
  },
  { host: 'trc.taboola.com', path: `/${ids.taboola}/trc/3/json`, handler: pixel },
  // Outbrain: the widget asks odb for recommendations with the partner key; the pixel tracks the page view.
  {
    host: 'widgets.outbrain.com',
    path: '/outbrain.js',
    handler: js(`(function () {
  var w = document.querySelector('.OUTBRAIN');
  new Image(1, 1).src = 'https://odb.outbrain.com/utils/get?url=' + encodeURIComponent(w.getAttribute('data-src')) +
    '&settings=true&recs=true&widgetJSId=' + w.getAttribute('data-widget-id') + '&key=' + w.getAttribute('data-ob-installation-key') + '&idx=0&format=vjnc';
})();
`),
  },
  { host: 'odb.outbrain.com', path: '/utils/get', handler: pixel },
  {
    host: 'amplify.outbrain.com',
    path: '/cp/obtp.js',
    handler: js(
      imageBeacon(
        `'https://tr.outbrain.com/unifiedPixel?marketerId=' + window.obApi.marketerId + '&obApiVersion=1.1&name=PAGE_VIEW&dl=' + ${href}`,
      ),
    ),
  },
  { host: 'tr.outbrain.com', path: '/unifiedPixel', handler: pixel },
  // Criteo: ld.js reads criteo_q and sends the event with the account.
  {
    host: 'dynamic.criteo.com',
    path: '/js/ld/ld.js',
    handler: js(`(function () {
  var q = window.criteo_q || [], account = '';
  for (var i = 0; i < q.length; i++) if (q[i].event === 'setAccount') account = q[i].account;
  new Image(1, 1).src = 'https://sslwidget.criteo.com/event?a=' + account + '&v=5.23.0&p0=e%3Dexd%26site_type%3Dd&p1=e%3Dvh&tld=trackers.test';
})();
`),
  },
  { host: 'sslwidget.criteo.com', path: '/event', handler: pixel },
  {
    host: 'cdn.optimizely.com',
    path: `/js/${ids.optimizely}.js`,
    handler: js('window.optimizely = window.optimizely || [];\n'),
  },
  // New Relic: the loader sends the page view to the beacon named in NREUM.info.
  {
    host: 'js-agent.newrelic.com',
    path: '/nr-loader-spa-1.260.0.min.js',
    handler: js(
      imageBeacon(
        `'https://' + NREUM.info.beacon + '/1/' + NREUM.info.licenseKey + '?a=' + NREUM.info.applicationID + '&sa=1&v=1.260.0&t=Unnamed%20Transaction&rst=912&ref=' + encodeURIComponent(location.origin + location.pathname)`,
      ),
    ),
  },
  { host: 'bam.nr-data.net', path: `/1/${ids.newRelicLicense}`, handler: pixel },
  {
    host: 'tags.tiqcdn.com',
    path: `/utag/${ids.tealium}/prod/utag.js`,
    handler: js('window.utag = window.utag || { view: function () {} };\n'),
  },

  // Matomo (self-hosted): matomo.js replays _paq and sends the hit to the tracker URL.
  {
    host: 'stats.trackers.test',
    path: '/matomo.js',
    handler: js(`(function () {
  var q = window._paq || [], tracker = '', site = '';
  for (var i = 0; i < q.length; i++) {
    if (q[i][0] === 'setTrackerUrl') tracker = q[i][1];
    if (q[i][0] === 'setSiteId') site = q[i][1];
  }
  new Image(1, 1).src = tracker + '?action_name=' + encodeURIComponent(document.title) + '&idsite=' + site + '&rec=1&r=771203&url=' + ${href};
})();
`),
  },
  { host: 'stats.trackers.test', path: '/matomo.php', handler: pixel },
  // Piwik PRO: the container sends the page view to the account's tracker.
  {
    host: 'trackers.containers.piwik.pro',
    path: `/${ids.piwikProSite}.js`,
    handler: js(
      imageBeacon(
        `'https://trackers.piwik.pro/ppms.php?action_name=' + encodeURIComponent(document.title) + '&idsite=${ids.piwikProSite}&rec=1&r=482910&url=' + ${href}`,
      ),
    ),
  },
  {
    host: 'trackers.containers.piwik.pro',
    path: `/${ids.piwikProSite}/noscript.html`,
    handler: page('Piwik PRO noscript', ''),
  },
  { host: 'trackers.piwik.pro', path: '/ppms.php', handler: pixel },
  // Plausible, Umami and Cloudflare send their event as a POST body: no ID in any URL.
  {
    host: 'plausible.io',
    path: '/js/script.js',
    handler: js(
      `navigator.sendBeacon('https://plausible.io/api/event', JSON.stringify({ n: 'pageview', u: location.href, d: document.currentScript.getAttribute('data-domain') }));\n`,
    ),
  },
  {
    host: 'plausible.io',
    path: `/js/${ids.plausibleScript}.js`,
    handler: js('window.plausible = window.plausible || function () {};\n'),
  },
  { host: 'plausible.io', path: '/api/event', handler: noContent() },
  {
    host: 'cloud.umami.is',
    path: '/script.js',
    handler: js(
      `navigator.sendBeacon('https://cloud.umami.is/api/send', JSON.stringify({ type: 'event', payload: { website: document.currentScript.getAttribute('data-website-id'), url: location.pathname } }));\n`,
    ),
  },
  { host: 'cloud.umami.is', path: '/api/send', handler: noContent() },
  // Fathom: script.js sends its collect request with the site id.
  {
    host: 'cdn.usefathom.com',
    path: '/script.js',
    handler: js(
      imageBeacon(
        `'https://cdn.usefathom.com/?h=' + encodeURIComponent(location.origin) + '&p=' + encodeURIComponent(location.pathname) + '&r=&sid=' + document.currentScript.getAttribute('data-site') + '&qs=%7B%7D&cid=48213377'`,
      ),
    ),
  },
  { host: 'cdn.usefathom.com', path: '/', handler: pixel },
  {
    host: 'static.cloudflareinsights.com',
    path: '/beacon.min.js',
    handler: js(
      `navigator.sendBeacon('https://cloudflareinsights.com/cdn-cgi/rum', JSON.stringify(JSON.parse(document.currentScript.getAttribute('data-cf-beacon'))));\n`,
    ),
  },
  { host: 'cloudflareinsights.com', path: '/cdn-cgi/rum', handler: noContent() },

  // AdSense: adsbygoogle.js requests an ad for each slot, with the client and the host.
  {
    host: 'pagead2.googlesyndication.com',
    path: '/pagead/js/adsbygoogle.js',
    handler: js(
      `(function () {
  var ins = document.querySelector('ins.adsbygoogle');
  new Image(1, 1).src = 'https://googleads.g.doubleclick.net/pagead/ads?client=' + ins.getAttribute('data-ad-client') + '&host=' + ins.getAttribute('data-ad-host') +
    '&output=html&slotname=' + ins.getAttribute('data-ad-slot') + '&url=' + ${href};
})();
`,
      { 'Access-Control-Allow-Origin': '*' },
    ), // the snippet loads it with crossorigin="anonymous"
  },
  { host: 'googleads.g.doubleclick.net', path: '/pagead/ads', handler: pixel },
];
