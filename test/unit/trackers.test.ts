import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMMON_PLACEHOLDERS,
  isDerived,
  matchesPlaceholder,
  TRACKER_CATALOG,
  type PatternTracker,
  type TrackerLocation,
} from '../../extractor/trackers/catalog.js';
import {
  codeSegments,
  findTrackers,
  jsonSlashes,
  requiredLiterals,
  type TrackerFinding,
  type TrackerScanInput,
  type TrackerSource,
} from '../../extractor/trackers/find.js';
import { unbounded } from '../helpers/regex.js';

const PAGE = 'https://shop.acme-corp.net/';
const SOURCE: Record<TrackerLocation, TrackerSource> = { url: 'network', html: 'dom', script: 'script' };

function inputOf(loc: TrackerLocation, text: string, where = PAGE): TrackerScanInput {
  return {
    requests: loc === 'url' ? [{ url: text }] : [],
    documents: loc === 'html' ? [{ url: where, html: text }] : [],
    scripts: loc === 'script' ? [{ url: where, text }] : [],
  };
}
const scan = (loc: TrackerLocation, text: string) => findTrackers(inputOf(loc, text));
/** A type's patterns, its fallbacks included. */
const patternsOf = (def: PatternTracker): RegExp[] => [
  ...def.patterns,
  ...(def.fallbackPatterns ?? []),
  ...(def.vendorPatterns ?? []),
];

// ---------------------------------------------------------------------------------------
// The table: for every catalog type, snippets as vendors publish them (positives) and
// near misses (negatives). A catalog entry without both fails "every catalog type ...".

interface Case {
  type: string;
  in: TrackerLocation;
  text: string;
}
interface Positive extends Case {
  value: string;
}

const UA = 'UA-61048133-2';
const G4 = 'G-7Q2XK9PZ4R';
const GTM = 'GTM-5XZZ6CK';
const FB = '1492358247512093';
const NR = 'NRJS-3f9c2a71d0b84e56a21';
const YM = '94347841';
const CLICKY = '101398726';
const BAIDU = '8a7f2c1e9b3d4f6a0c5e7b9d1f3a5c7e';
const SEGMENT = '5GTjHmPqR8sVwXyZ2aBcDeFgHiJkLm9n';
const RECAPTCHA = '6Lc3bXYpAAAAAKz9mRqT4vWnE2hJdLsF8gUoPiQa';
const HCAPTCHA = 'a5f74b19-9e45-40e0-b45d-47ff91b7a6c2';
const TURNSTILE = '0x4AAAAAAAC3DHQFLr1GavRN';
const CF_TOKEN = '8f3d2b1c9a7e4f60b5d2c8e1a9f3b7d4';
const PIWIK_SITE = '7d2c9f4e-1b3a-4c5d-8e6f-0a1b2c3d4e5f';
const UMAMI = '94db1cb1-74f4-4a40-ad6c-962362670409';
const OB_MARKETER = '00bf3a0c4ef685500d32bd9ae3f1d27ab2';

const META: [type: string, name: string, value: string, expected?: string][] = [
  ['GoogleSiteVerification', 'google-site-verification', 'vT3kQ9xLm2Pz7RbW4nYc8Hd1Fs6Ga0Ju5Ke-Oi_Vq2E'],
  ['GoogleSiteVerification', 'verify-v1', 'pQ7rS2tU9vW4xY1zA6bC3dE8fG5hJ0kL/mN7oP2qR4s='],
  ['BingSiteVerification', 'msvalidate.01', '1a2f6b7c8d9e0f1a2b3c4d5e6f708192', '1A2F6B7C8D9E0F1A2B3C4D5E6F708192'],
  ['YandexSiteVerification', 'yandex-verification', '5f4e3a2b1c0d9e8f'],
  ['FacebookDomainVerification', 'facebook-domain-verification', 'qvxk7c0m3n9h2d1p8t4r6w5y0z3b2a'],
  ['PinterestDomainVerification', 'p:domain_verify', 'd2a9c7e1f05b4e8c93a6b1d7f2e40c85'],
  ['BaiduSiteVerification', 'baidu-site-verification', 'code-Tk8Vb2LmQx'],
  [
    'AhrefsSiteVerification',
    'ahrefs-site-verification',
    '3c7e1a9f5b2d8c4e6a0f3b7d9e1c5a2f8b4d6e0a3c9f7b1e5d2a8c6f4b0e9d7a',
  ],
];

const POSITIVES: Positive[] = [
  // Google
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'html',
    value: UA,
    text: `<script>ga('create', '${UA}', 'auto'); ga('send', 'pageview');</script>`,
  },
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'url',
    value: UA,
    text: `https://www.google-analytics.com/collect?v=1&_v=j101&t=pageview&tid=${UA}&cid=1`,
  },
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'html',
    value: UA,
    text: `<script>ga('create', { trackingId: '${UA}', cookieDomain: 'auto' }); ga('send', 'pageview');</script>`,
  },
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'html',
    value: UA,
    text: `<script type="text/javascript">var pageTracker = _gat._getTracker("${UA}"); pageTracker._trackPageview();</script>`,
  },
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'html',
    value: UA,
    text: `<script type="text/javascript">_uacct = "${UA}"; urchinTracker();</script>`,
  },
  // A Tag Manager container names the property in its own data: no call, so the fallback reads it.
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'script',
    value: UA,
    text: `{"resource":{"tags":[{"function":"__ua","vtp_trackingId":"${UA}","tag_id":7}]}}`,
  },
  {
    type: 'GoogleAnalyticsAccountNumber',
    in: 'script',
    value: 'UA-61048133',
    text: `_gaq.push(['_setAccount', '${UA}']);`,
  },
  {
    type: 'GoogleAnalyticsMeasurementId',
    in: 'url',
    value: G4,
    text: `https://www.googletagmanager.com/gtag/js?id=${G4}`,
  },
  {
    type: 'GoogleAnalyticsMeasurementId',
    in: 'url',
    value: G4,
    text: `https://region1.google-analytics.com/g/collect?v=2&tid=${G4}&gtm=45je&_p=1`,
  },
  {
    type: 'GoogleAnalyticsMeasurementId',
    in: 'html',
    value: G4,
    text: `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', '${G4}');</script>`,
  },
  {
    type: 'GoogleAnalyticsMeasurementId',
    in: 'script',
    value: G4,
    text: `{"resource":{"tags":[{"function":"__gaawc","vtp_measurementIdOverride":"${G4}","tag_id":3}]}}`,
  },
  {
    type: 'GoogleAnalyticsMeasurementId',
    in: 'html',
    value: G4,
    text: `<script>gtag('event', 'sign_up', { 'send_to': '${G4}', 'method': 'email' });</script>`,
  },
  {
    type: 'GoogleTagManagerId',
    in: 'html',
    value: GTM,
    text: `<script>(function(w,d,s,l,i){/* … */})(window,document,'script','dataLayer','${GTM}');</script>`,
  },
  { type: 'GoogleTagManagerId', in: 'url', value: GTM, text: `https://www.googletagmanager.com/gtm.js?id=${GTM}` },
  {
    type: 'GoogleTagManagerId',
    in: 'html',
    value: GTM,
    text: `<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=${GTM}" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>`,
  },
  {
    type: 'GoogleTagManagerId',
    in: 'script',
    value: GTM,
    text: `var tagManagerContainer = "${GTM}"; loadTagManager(tagManagerContainer);`,
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'html',
    value: 'AW-957301824',
    text: `<script>gtag('config', 'AW-957301824');</script>`,
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'url',
    value: 'AW-957301824',
    text: 'https://www.googleadservices.com/pagead/conversion/957301824/?random=1712&cv=11&fst=1712',
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'url',
    value: 'AW-957301824',
    text: 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/957301824/?random=1712&cv=11',
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'script',
    value: 'AW-957301824',
    text: 'var google_conversion_id = 957301824; var google_remarketing_only = true;',
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'html',
    value: 'AW-957301824',
    text: "<script>gtag('event', 'conversion', {'send_to': 'AW-957301824/AbC-D_efG-h12_34-567', 'value': 1.0, 'currency': 'USD'});</script>",
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'url',
    value: 'AW-957301824',
    text: 'https://www.googletagmanager.com/gtag/js?id=AW-957301824',
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'script',
    value: 'AW-957301824',
    text: "var adsAccount = 'AW-957301824'; window.tagQueue.push(adsAccount);",
  },
  {
    type: 'GoogleAdSensePublisherId',
    in: 'url',
    value: 'ca-pub-7306518232861540',
    text: 'https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-7306518232861540',
  },
  {
    type: 'GoogleAdSensePublisherId',
    in: 'html',
    value: 'ca-pub-7306518232861540',
    text: '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-7306518232861540" data-ad-slot="4719377260"></ins>',
  },
  {
    type: 'GoogleAdSensePublisherId',
    in: 'script',
    value: 'ca-pub-7306518232861540',
    text: 'google_ad_client = "pub-7306518232861540"; google_ad_width = 728;',
  },
  // A blog platform's page: the blog's own ID and the platform's host ID side by side.
  {
    type: 'GoogleAdSensePublisherId',
    in: 'html',
    value: 'ca-pub-7306518232861540',
    text: '<ins class="adsbygoogle" data-ad-client="ca-pub-7306518232861540" data-ad-host="ca-host-pub-1556223355139109" data-ad-slot="4719377260"></ins>',
  },
  {
    type: 'GoogleAdSenseHostId',
    in: 'html',
    value: 'ca-host-pub-1556223355139109',
    text: '<ins class="adsbygoogle" data-ad-client="ca-pub-7306518232861540" data-ad-host="ca-host-pub-1556223355139109" data-ad-slot="4719377260"></ins>',
  },
  {
    type: 'GoogleAdSenseHostId',
    in: 'url',
    value: 'ca-host-pub-1556223355139109',
    text: 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-7306518232861540&host=ca-host-pub-1556223355139109&output=html&h=90&slotname=4719377260',
  },
  {
    type: 'GoogleAdSenseHostId',
    in: 'script',
    value: 'ca-host-pub-1556223355139109',
    text: 'google_ad_client = "pub-7306518232861540"; google_ad_host = "pub-1556223355139109"; google_ad_width = 728;',
  },
  {
    type: 'GoogleAdSensePartnerId',
    in: 'html',
    value: 'partner-pub-7306518232861540',
    text: '<form action="https://www.google.com/cse" id="cse-search-box"><input type="hidden" name="cx" value="partner-pub-7306518232861540:4719377260"><input type="text" name="q"></form>',
  },
  {
    type: 'GoogleAdSenseVideoPublisherId',
    in: 'url',
    value: 'ca-video-pub-7306518232861540',
    text: 'https://googleads.g.doubleclick.net/pagead/ads?ad_type=video&client=ca-video-pub-7306518232861540&description_url=https%3A%2F%2Fshop.acme-corp.net%2Fvideo&videoad_start_delay=0',
  },
  {
    type: 'GoogleOptimizeId',
    in: 'url',
    value: 'OPT-N9JH8J4',
    text: 'https://www.googleoptimize.com/optimize.js?id=OPT-N9JH8J4',
  },
  {
    type: 'GoogleOptimizeId',
    in: 'script',
    value: 'OPT-N9JH8J4',
    text: `gtag('config', '${G4}', { optimize_id: 'OPT-N9JH8J4' });`,
  },
  {
    type: 'GoogleOptimizeId',
    in: 'html',
    value: 'OPT-N9JH8J4',
    text: `<script>ga('create', '${UA}', 'auto'); ga('require', 'OPT-N9JH8J4'); ga('send', 'pageview');</script>`,
  },
  {
    type: 'GoogleOptimizeId',
    in: 'script',
    value: 'OPT-N9JH8J4',
    text: "var optimizeContainer = 'OPT-N9JH8J4'; startExperiments(optimizeContainer);",
  },
  // Optimize containers were GTM- IDs too, loaded through analytics.js.
  {
    type: 'GoogleOptimizeId',
    in: 'html',
    value: 'GTM-N9JH8J4',
    text: `<script>ga('create', '${UA}', 'auto'); ga('require', 'GTM-N9JH8J4'); ga('send', 'pageview');</script>`,
  },

  // Vendors
  {
    type: 'FacebookId',
    in: 'html',
    value: FB,
    text: `<script>!function(f,b,e,v,n,t,s){/* … */}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js'); fbq('init', '${FB}'); fbq('track', 'PageView');</script>`,
  },
  {
    type: 'FacebookId',
    in: 'html',
    value: FB,
    text: `<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=${FB}&amp;ev=PageView&amp;noscript=1"></noscript>`,
  },
  {
    type: 'FacebookId',
    in: 'url',
    value: FB,
    text: `https://connect.facebook.net/signals/config/${FB}?v=2.9.156&r=stable`,
  },
  {
    type: 'FacebookId',
    in: 'url',
    value: FB,
    text: `https://www.facebook.com/tr/?id=${FB}&ev=PageView&dl=https%3A%2F%2Fshop.acme-corp.net%2F&rl=&if=false`,
  },
  {
    type: 'FacebookId',
    in: 'script',
    value: FB,
    text: `var _fbq = window._fbq || (window._fbq = []); _fbq.push(['addPixelId', '${FB}']);`,
  },
  {
    type: 'NewRelicId',
    in: 'html',
    value: NR,
    text: `<script>;NREUM.info={"beacon":"bam.nr-data.net","errorBeacon":"bam.nr-data.net","licenseKey":"${NR}","applicationID":"1491523","sa":1}</script>`,
  },
  {
    type: 'NewRelicId',
    in: 'script',
    value: 'b6a3395450',
    text: ';NREUM.loader_config={accountID:"3811457",trustKey:"3811457",agentID:"1491523",licenseKey:"b6a3395450",applicationID:"1491523"};',
  },
  {
    type: 'NewRelicId',
    in: 'url',
    value: NR,
    text: `https://bam.nr-data.net/1/${NR}?a=1491523&sa=1&v=1.247.0&t=Unnamed%20Transaction&rst=912`,
  },
  {
    type: 'NewRelicApplicationId',
    in: 'html',
    value: '1491523',
    text: `<script>;NREUM.info={"beacon":"bam.nr-data.net","licenseKey":"${NR}","applicationID":"1491523","sa":1}</script>`,
  },
  {
    type: 'NewRelicApplicationId',
    in: 'url',
    value: '1491523',
    text: `https://bam.nr-data.net/1/${NR}?a=1491523&sa=1&v=1.247.0`,
  },
  {
    type: 'NewRelicId',
    in: 'url',
    value: NR,
    text: `https://bam.nr-data.net/events/1/${NR}?a=1491523&sa=1&v=1.247.0&t=Unnamed%20Transaction&rst=1204&ck=0`,
  },
  // A beacon reporting to two applications: one ID each.
  {
    type: 'NewRelicApplicationId',
    in: 'url',
    value: '1491524',
    text: `https://bam.nr-data.net/jserrors/1/${NR}?a=1491523,1491524&sa=1&v=1.247.0`,
  },
  {
    type: 'YandexMetricaCounterId',
    in: 'html',
    value: YM,
    text: `<script>ym(${YM}, "init", { clickmap:true, trackLinks:true, accurateTrackBounce:true });</script>`,
  },
  {
    type: 'YandexMetricaCounterId',
    in: 'html',
    value: YM,
    text: `<noscript><div><img src="https://mc.yandex.ru/watch/${YM}" style="position:absolute; left:-9999px;" alt=""></div></noscript>`,
  },
  { type: 'YandexMetricaCounterId', in: 'url', value: YM, text: `https://mc.yandex.ru/metrika/tag.js?id=${YM}` },
  {
    type: 'YandexMetricaCounterId',
    in: 'script',
    value: YM,
    text: `w.yaCounter${YM} = new Ya.Metrika({ id:${YM}, clickmap:true });`,
  },
  {
    type: 'YandexMetricaCounterId',
    in: 'script',
    value: YM,
    text: `if (window.yaCounter${YM}) yaCounter${YM}.reachGoal('order');`,
  },
  {
    type: 'MixpanelId',
    in: 'html',
    value: 'b1ec8d2c39f04f5b9d6a7e3f40c20930',
    text: '<script>mixpanel.init("b1ec8d2c39f04f5b9d6a7e3f40c20930", {track_pageview: true});</script>',
  },
  {
    type: 'ClickyId',
    in: 'script',
    value: CLICKY,
    text: `var clicky_site_ids = clicky_site_ids || []; clicky_site_ids.push(${CLICKY});`,
  },
  {
    type: 'ClickyId',
    in: 'html',
    value: CLICKY,
    text: `<script async data-id="${CLICKY}" src="//static.getclicky.com/js"></script>`,
  },
  {
    type: 'ClickyId',
    in: 'html',
    value: CLICKY,
    text: `<script async src="//static.getclicky.com/js" data-id="${CLICKY}"></script>`,
  },
  {
    type: 'ClickyId',
    in: 'html',
    value: CLICKY,
    text: `<noscript><p><img alt="Clicky" width="1" height="1" src="//in.getclicky.com/${CLICKY}ns.gif"></p></noscript>`,
  },
  {
    type: 'ClickyId',
    in: 'url',
    value: CLICKY,
    text: `https://in.getclicky.com/in.php?site_id=${CLICKY}&type=pageview&href=%2F`,
  },
  { type: 'ClickyId', in: 'url', value: CLICKY, text: `https://static.getclicky.com/${CLICKY}.js` },
  { type: 'OptimizelyId', in: 'url', value: '8256081541', text: 'https://cdn.optimizely.com/js/8256081541.js' },
  {
    type: 'OptimizelyId',
    in: 'html',
    value: '8256081541',
    text: '<script src="https://cdn-pci.optimizely.com/js/8256081541.js"></script>',
  },
  {
    type: 'WhosAmungUsId',
    in: 'html',
    value: '9e2zcdqw6sdh',
    text: '<script id="_wau8bx">var _wau = _wau || []; _wau.push(["classic", "9e2zcdqw6sdh", "8bx"]);</script>',
  },
  {
    type: 'WhosAmungUsId',
    in: 'html',
    value: '9e2zcdqw6sdh',
    text: '<script src="http://widgets.amung.us/classic.js"></script><script>WAU_classic(\'9e2zcdqw6sdh\')</script>',
  },
  {
    type: 'WhosAmungUsId',
    in: 'url',
    value: '9e2zcdqw6sdh',
    text: 'https://whos.amung.us/pingjs/?k=9e2zcdqw6sdh&t=Home&c=c&y=&a=0&r=4581',
  },
  {
    type: 'AddThisPubId',
    in: 'html',
    value: 'ra-4f0c7ed813520dc1',
    text: '<script src="//s7.addthis.com/js/300/addthis_widget.js#pubid=ra-4f0c7ed813520dc1"></script>',
  },
  {
    type: 'AddThisPubId',
    in: 'script',
    value: 'ra-4f0c7ed813520dc1',
    text: 'var addthis_config = {"pubid": "ra-4f0c7ed813520dc1", "data_track_addressbar": true};',
  },
  {
    type: 'AddThisUsername',
    in: 'html',
    value: 'acmewidgets',
    text: '<script src="http://s7.addthis.com/js/250/addthis_widget.js#username=acmewidgets"></script>',
  },
  {
    type: 'AddThisUsername',
    in: 'script',
    value: 'acmewidgets',
    text: 'var addthis_config = { ui_click: true, username: "acmewidgets" };',
  },
  { type: '51laId', in: 'url', value: '21015573', text: 'https://js.users.51.la/21015573.js' },
  {
    type: '51laId',
    in: 'html',
    value: 'JxK8mZq2rT5vW9aB',
    text: '<script id="LA_COLLECT" src="//sdk.51.la/js-sdk-pro.min.js"></script><script>LA.init({id: "JxK8mZq2rT5vW9aB",ck: "JxK8mZq2rT5vW9aB"})</script>',
  },
  {
    type: 'HotjarId',
    in: 'html',
    value: '1398172',
    text: "<script>(function(h,o,t,j,a,r){ h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)}; h._hjSettings={hjid:1398172,hjsv:6}; })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>",
  },
  { type: 'HotjarId', in: 'url', value: '1398172', text: 'https://static.hotjar.com/c/hotjar-1398172.js?sv=6' },
  { type: 'HotjarId', in: 'url', value: '1398172', text: 'https://static.hj.contentsquare.net/c/csq-1398172.js' },
  {
    type: 'MicrosoftClarityId',
    in: 'html',
    value: 'l8x2k4f9qz',
    text: '<script type="text/javascript">(function(c,l,a,r,i,t,y){ /* … */ })(window, document, "clarity", "script", "l8x2k4f9qz");</script>',
  },
  { type: 'MicrosoftClarityId', in: 'url', value: 'l8x2k4f9qz', text: 'https://www.clarity.ms/tag/l8x2k4f9qz' },
  {
    type: 'BaiduTongjiId',
    in: 'html',
    value: BAIDU,
    text: `<script>var _hmt = _hmt || []; (function() { var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?${BAIDU}"; })();</script>`,
  },
  { type: 'BaiduTongjiId', in: 'url', value: BAIDU, text: `http://hm.baidu.com/h.js%3F${BAIDU}` },
  {
    type: 'MatomoSiteId',
    in: 'url',
    value: 'stats.acme-corp.net/?idsite=3',
    text: 'https://stats.acme-corp.net/matomo.php?action_name=Home&idsite=3&rec=1&r=771203',
  },
  {
    type: 'MatomoSiteId',
    in: 'html',
    value: 'analytics.acme-corp.net/piwik/?idsite=12',
    text: '<noscript><p><img src="//analytics.acme-corp.net/piwik/piwik.php?idsite=12&amp;rec=1" style="border:0;" alt=""></p></noscript>',
  },
  {
    type: 'MatomoSiteId',
    in: 'html',
    value: 'stats.acme-corp.net/?idsite=3',
    text: `<script>var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); _paq.push(['enableLinkTracking']); (function() { var u="https://stats.acme-corp.net/"; _paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '3']); })();</script>`,
  },
  {
    type: 'PiwikProSiteId',
    in: 'url',
    value: `acme.piwik.pro/${PIWIK_SITE}`,
    text: `https://acme.containers.piwik.pro/${PIWIK_SITE}.js`,
  },
  {
    type: 'PiwikProSiteId',
    in: 'html',
    value: `acme.piwik.pro/${PIWIK_SITE}`,
    text: `<noscript><iframe src="https://acme.containers.piwik.pro/${PIWIK_SITE}/noscript.html" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>`,
  },
  {
    type: 'PiwikProSiteId',
    in: 'url',
    value: `acme.piwik.pro/${PIWIK_SITE}`,
    text: `https://acme.piwik.pro/ppms.php?action_name=Home&idsite=${PIWIK_SITE}&rec=1&r=482910&h=10&m=4&s=7`,
  },
  {
    type: 'PiwikProSiteId',
    in: 'html',
    value: `acme.piwik.pro/${PIWIK_SITE}`,
    text: `<script>var _paq = window._paq = window._paq || []; _paq.push(["trackPageView"]); (function() { var u="https://acme.piwik.pro/"; _paq.push(["setTrackerUrl", u+"ppms.php"]); _paq.push(["setSiteId", "${PIWIK_SITE}"]); })();</script>`,
  },
  {
    type: 'SegmentWriteKey',
    in: 'html',
    value: SEGMENT,
    text: `<script>!function(){var analytics=window.analytics=window.analytics||[]; /* … */ analytics.load("${SEGMENT}"); analytics.page(); }();</script>`,
  },
  {
    type: 'SegmentWriteKey',
    in: 'url',
    value: SEGMENT,
    text: `https://cdn.segment.com/analytics.js/v1/${SEGMENT}/analytics.min.js`,
  },
  {
    type: 'SegmentWriteKey',
    in: 'url',
    value: SEGMENT,
    text: `https://cdn.segment.com/v1/projects/${SEGMENT}/settings`,
  },
  {
    type: 'TikTokPixelId',
    in: 'html',
    value: 'CJMB7ERC77U2JVNG7RF0',
    text: "<script>!function (w, d, t) { w.TiktokAnalyticsObject=t; /* … */ ttq.load('CJMB7ERC77U2JVNG7RF0'); ttq.page(); }(window, document, 'ttq');</script>",
  },
  {
    type: 'TikTokPixelId',
    in: 'url',
    value: 'CJMB7ERC77U2JVNG7RF0',
    text: 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=CJMB7ERC77U2JVNG7RF0&lib=ttq',
  },
  {
    type: 'LinkedInInsightPartnerId',
    in: 'html',
    value: '4478393',
    text: '<script type="text/javascript">_linkedin_partner_id = "4478393"; window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || []; window._linkedin_data_partner_ids.push(_linkedin_partner_id);</script>',
  },
  {
    type: 'LinkedInInsightPartnerId',
    in: 'script',
    value: '4478393',
    text: 'window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || []; window._linkedin_data_partner_ids.push("4478393");',
  },
  {
    type: 'LinkedInInsightPartnerId',
    in: 'html',
    value: '4478393',
    text: '<noscript><img height="1" width="1" style="display:none;" alt="" src="https://px.ads.linkedin.com/collect/?pid=4478393&amp;fmt=gif"></noscript>',
  },
  {
    type: 'PinterestTagId',
    in: 'html',
    value: '2613041334883',
    text: "<script>!function(e){ /* … */ }('https://s.pinimg.com/ct/core.js'); pintrk('load', '2613041334883', {em: '<user_email_address>'}); pintrk('page');</script>",
  },
  {
    type: 'PinterestTagId',
    in: 'html',
    value: '2613041334883',
    text: '<noscript><img height="1" width="1" style="display:none;" alt="" src="https://ct.pinterest.com/v3/?event=init&amp;tid=2613041334883&amp;noscript=1"></noscript>',
  },
  {
    type: 'PinterestTagId',
    in: 'url',
    value: '2613041334883',
    text: 'https://ct.pinterest.com/v3/?event=init&tid=2613041334883&pd=%7B%7D&cb=1712345678901',
  },
  {
    type: 'TwitterPixelId',
    in: 'html',
    value: 'o01jm',
    text: "<script>!function(e,t,n,s,u,a){ /* … */ }(window,document,'script'); twq('config','o01jm');</script>",
  },
  {
    type: 'TwitterPixelId',
    in: 'script',
    value: 'o01jm',
    text: "twttr.conversion.trackPid('o01jm', { tw_sale_amount: 0, tw_order_quantity: 0 });",
  },
  {
    type: 'TwitterPixelId',
    in: 'url',
    value: 'o01jm',
    text: 'https://analytics.twitter.com/i/adsct?txn_id=o01jm&p_id=Twitter&tw_sale_amount=0',
  },
  {
    type: 'StatCounterProjectId',
    in: 'html',
    value: '9509747',
    text: '<script type="text/javascript">var sc_project=9509747; var sc_invisible=1; var sc_security="d4073cf6";</script>',
  },
  {
    type: 'StatCounterProjectId',
    in: 'html',
    value: '9509747',
    text: '<noscript><div class="statcounter"><img class="statcounter" src="https://c.statcounter.com/9509747/0/d4073cf6/1/" alt="Web Analytics"></div></noscript>',
  },
  {
    type: 'HubSpotPortalId',
    in: 'html',
    value: '20437658',
    text: '<script type="text/javascript" id="hs-script-loader" async defer src="//js-eu1.hs-scripts.com/20437658.js"></script>',
  },
  {
    type: 'HubSpotPortalId',
    in: 'url',
    value: '20437658',
    text: 'https://js.hs-analytics.net/analytics/1712345700000/20437658.js',
  },
  {
    type: 'HubSpotPortalId',
    in: 'html',
    value: '20437658',
    text: '<script src="https://js.hscollectedforms.net/collectedforms.js" data-hsjs-portal="20437658" data-hsjs-env="prod"></script>',
  },
  {
    type: 'CloudflareWebAnalyticsToken',
    in: 'html',
    value: CF_TOKEN,
    text: `<script defer src='https://static.cloudflareinsights.com/beacon.min.js' data-cf-beacon='{"token": "${CF_TOKEN}"}'></script>`,
  },
  // As a browser serializes it: quotes inside the attribute become &quot;.
  {
    type: 'CloudflareWebAnalyticsToken',
    in: 'html',
    value: CF_TOKEN,
    text: `<script defer="" src="https://static.cloudflareinsights.com/beacon.min.js/v84a3a4012de94ce1a686ba8c167c359c1696973893317" data-cf-beacon="{&quot;rayId&quot;:&quot;8a1b2c3d4e5f6a7b&quot;,&quot;version&quot;:&quot;2024.3.0&quot;,&quot;token&quot;:&quot;${CF_TOKEN}&quot;,&quot;r&quot;:1}" crossorigin="anonymous"></script>`,
  },
  {
    type: 'QuantcastAccountId',
    in: 'script',
    value: 'p-8Wl6ybVRoP_Qb',
    text: '_qevents.push({ qacct:"p-8Wl6ybVRoP_Qb", uid:"__INSERT_EMAIL_HERE__" });',
  },
  {
    type: 'QuantcastAccountId',
    in: 'html',
    value: 'p-8Wl6ybVRoP_Qb',
    text: '<script type="text/javascript">_qacct = "p-8Wl6ybVRoP_Qb"; quantserve();</script>',
  },
  {
    type: 'QuantcastAccountId',
    in: 'url',
    value: 'p-8Wl6ybVRoP_Qb',
    text: 'http://pixel.quantserve.com/api/segments.json?a=p-8Wl6ybVRoP_Qb&callback=qcResults',
  },
  {
    type: 'ComScoreClientId',
    in: 'script',
    value: '6035187',
    text: "var cs_c1=2,cs_c2='6035187',cs_c3=''; img.src = 'https://sb.scorecardresearch.com/b?c1=' + cs_c1;",
  },
  {
    type: 'ChartbeatAccountId',
    in: 'html',
    value: '15455',
    text: '<script type="text/javascript">var _sf_async_config = {\n                    uid:      15455,\n                    sections: "science" };</script>',
  },
  {
    type: 'QuantcastAccountId',
    in: 'html',
    value: 'p-8Wl6ybVRoP_Qb',
    text: '<noscript><div style="display:none;"><img src="//pixel.quantserve.com/pixel/p-8Wl6ybVRoP_Qb.gif" border="0" height="1" width="1" alt="Quantcast"></div></noscript>',
  },
  {
    type: 'QuantcastAccountId',
    in: 'url',
    value: 'p-8Wl6ybVRoP_Qb',
    text: 'https://pixel.quantserve.com/pixel;r=1712345678;a=p-8Wl6ybVRoP_Qb;labels=_fp.event.Default;fpan=1;fpa=P0-1712-345;ns=0;ce=1;cm=;je=0;sr=1920x1080x24;enc=n;dst=1;et=1712345678901;tzo=0;ref=;url=https%3A%2F%2Fshop.acme-corp.net%2F;ogl=',
  },
  {
    type: 'QuantcastAccountId',
    in: 'url',
    value: 'p-8Wl6ybVRoP_Qb',
    text: 'https://rules.quantcount.com/rules-p-8Wl6ybVRoP_Qb.js',
  },
  // A data-layer object, keys quoted.
  {
    type: 'QuantcastAccountId',
    in: 'html',
    value: 'p-8Wl6ybVRoP_Qb',
    text: '<script>window.dataLayer.push({"event": "quantcast", "qacct": "p-8Wl6ybVRoP_Qb", "labels": "News.Local"});</script>',
  },
  {
    type: 'AdobeAnalyticsReportSuiteId',
    in: 'url',
    value: 'acmeprod',
    text: 'https://acme.sc.omtrdc.net/b/ss/acmeprod,acmeglobal/1/JS-2.22.0/s71362158219?AQB=1&ndh=1',
  },
  {
    type: 'AdobeAnalyticsReportSuiteId',
    in: 'url',
    value: 'acmeglobal',
    text: 'https://acme.sc.omtrdc.net/b/ss/acmeprod,acmeglobal/1/JS-2.22.0/s71362158219?AQB=1&ndh=1',
  },
  {
    type: 'AdobeAnalyticsReportSuiteId',
    in: 'script',
    value: 'acmeprod',
    text: 'var s = s_gi("acmeprod"); s.account="acmeprod"; s.trackingServer="acme.sc.omtrdc.net";',
  },
  {
    type: 'AdobeAnalyticsReportSuiteId',
    in: 'html',
    value: 'acmeglobal',
    text: '<script>var s_account="acmeprod,acmeglobal"; var s=s_gi(s_account); s.pageName=document.title; var s_code=s.t();</script>',
  },
  {
    type: 'ComScoreClientId',
    in: 'html',
    value: '6035187',
    text: '<script>var _comscore = _comscore || []; _comscore.push({ c1: "2", c2: "6035187", options: { enableFirstPartyCookie: "false" } }); (function() { var s = document.createElement("script"), el = document.getElementsByTagName("script")[0]; s.async = true; s.src = "https://sb.scorecardresearch.com/cs/6035187/beacon.js"; el.parentNode.insertBefore(s, el); })();</script>',
  },
  {
    type: 'ComScoreClientId',
    in: 'html',
    value: '6035187',
    text: '<noscript><img src="https://sb.scorecardresearch.com/p?c1=2&amp;c2=6035187&amp;cv=4.4.0&amp;cj=1"></noscript>',
  },
  {
    type: 'ComScoreClientId',
    in: 'url',
    value: '6035187',
    text: 'https://sb.scorecardresearch.com/cs/6035187/beacon.js',
  },
  {
    type: 'ComScoreClientId',
    in: 'url',
    value: '6035187',
    text: 'https://sb.scorecardresearch.com/b?c1=2&c2=6035187&cs_ucfr=1&ns_ap_sv=2.1511.10&c7=https%3A%2F%2Fshop.acme-corp.net%2F&c8=Home&c9=&cs_fpid=1712345678901_4711&cs_fpit=o&cs_fpdm=*null&cs_fpdt=*null&ns__t=1712345678901&cj=1',
  },
  {
    type: 'ComScoreClientId',
    in: 'script',
    value: '6035187',
    text: 'COMSCORE.beacon({ c1: "2", c2: "6035187", c3: "", c4: "", c5: "", c6: "", c15: "" });',
  },
  {
    type: 'ComScoreClientId',
    in: 'script',
    value: '6035187',
    text: '_comscore.push({ c1: "2", publisherId: "6035187" });',
  },
  {
    type: 'ComScoreClientId',
    in: 'html',
    value: '6035187',
    text: '<script>COMSCORE.beacon({ c1: "2", clientId: "6035187" });</script>',
  },
  {
    type: 'ComScoreClientId',
    in: 'script',
    value: '6035187',
    text: 'ns_.analytics.configuration.addClient(new ns_.analytics.configuration.PublisherConfiguration({ publisherId: "6035187" }));',
  },
  {
    type: 'ComScoreClientId',
    in: 'html',
    value: '6035187',
    text: '<script type="application/json" id="site-config">{"analytics":{"comScore":{"clientId":"6035187","enabled":true}}}</script>',
  },
  {
    type: 'ComScoreClientId',
    in: 'html',
    value: '6035187',
    text: '<div id="player" data-comscore-c2="6035187"></div>',
  },
  {
    type: 'ChartbeatAccountId',
    in: 'html',
    value: '47635',
    text: '<script type="application/json">{"analytics":{"chartbeat":{"uid":47635,"domain":"acme-corp.net"}}}</script>',
  },
  {
    type: 'ChartbeatAccountId',
    in: 'html',
    value: '47635',
    text: '<script>window.siteConfig = { chartbeat_uid: 47635, section: "news" };</script>',
  },
  {
    type: 'ChartbeatAccountId',
    in: 'html',
    value: '66934',
    text: "<script type='text/javascript'>(function() { var _sf_async_config = window._sf_async_config = (window._sf_async_config || {}); _sf_async_config.uid = 66934; _sf_async_config.domain = 'acme-corp.net'; _sf_async_config.useCanonical = true; })();</script>",
  },
  {
    type: 'ChartbeatAccountId',
    in: 'script',
    value: '66934',
    text: "var _sf_async_config = { uid: 66934, domain: 'acme-corp.net', useCanonical: true };",
  },
  {
    type: 'ChartbeatAccountId',
    in: 'url',
    value: '66934',
    text: 'https://ping.chartbeat.net/ping?h=acme-corp.net&p=%2F&u=Dz8vWqC3hRtB1&d=acme-corp.net&g=66934&n=1&f=00001&c=0&x=0&m=0&y=1204&o=1280&w=720&j=45&R=1&W=0&I=0&E=0&e=0&r=&b=1712&t=Dz8vWqC3hRtB1kLp&V=152&i=Home&tz=0&sn=1&sv=Dz8vWq&sd=1&im=e8a1f5c2&_',
  },
  {
    type: 'ParselySiteId',
    in: 'html',
    value: 'acme-corp.net',
    text: '<script id="parsely-cfg" src="//cdn.parsely.com/keys/acme-corp.net/p.js"></script>',
  },
  {
    type: 'ParselySiteId',
    in: 'html',
    value: 'acme-corp.net',
    text: '<div id="parsely-root" style="display: none"><span id="parsely-cfg" data-parsely-site="acme-corp.net"></span></div>',
  },
  {
    type: 'ParselySiteId',
    in: 'html',
    value: 'acme-corp.net',
    text: '<amp-analytics type="parsely">\n<script type="application/json">\n{ "vars": { "apikey": "acme-corp.net" } }\n</script>\n</amp-analytics>',
  },
  {
    type: 'ParselySiteId',
    in: 'url',
    value: 'acme-corp.net',
    text: 'https://p1.parsely.com/px/?rand=1712345678901&idsite=acme-corp.net&url=https%3A%2F%2Fshop.acme-corp.net%2F&urlref=&screen=1280x720%7C1280x720%7C24&data=%7B%7D&title=Home&date=Mon+Apr+01+2024&action=pageview',
  },
  {
    type: 'TaboolaPublisherId',
    in: 'html',
    value: 'acmecorp-network',
    text: "<script type=\"text/javascript\">window._taboola = window._taboola || []; _taboola.push({article:'auto'}); !function (e, f, u, i) { if (!document.getElementById(i)){ e.async = 1; e.src = u; e.id = i; f.parentNode.insertBefore(e, f); } }(document.createElement('script'), document.getElementsByTagName('script')[0], '//cdn.taboola.com/libtrc/acmecorp-network/loader.js', 'tb_loader_script');</script>",
  },
  {
    type: 'TaboolaPublisherId',
    in: 'url',
    value: 'acmecorp-network',
    text: 'https://trc.taboola.com/acmecorp-network/trc/3/json?tim=12%3A00%3A00.000&data=%7B%22id%22%3A123%7D',
  },
  {
    type: 'OutbrainPartnerKey',
    in: 'html',
    value: 'ACMEP1MN24J3E1MGLQ92067LH',
    text: '<div class="OUTBRAIN" data-src="https://shop.acme-corp.net/article" data-widget-id="AR_1" data-ob-installation-key="ACMEP1MN24J3E1MGLQ92067LH"></div><script type="text/javascript" async="async" src="//widgets.outbrain.com/outbrain.js"></script>',
  },
  {
    type: 'OutbrainPartnerKey',
    in: 'url',
    value: 'ACMEP1MN24J3E1MGLQ92067LH',
    text: 'https://odb.outbrain.com/utils/get?url=https%3A%2F%2Fshop.acme-corp.net%2Farticle&settings=true&recs=true&widgetJSId=AR_1&key=ACMEP1MN24J3E1MGLQ92067LH&idx=0&version=01020304&format=vjnc',
  },
  {
    type: 'OutbrainMarketerId',
    in: 'html',
    value: OB_MARKETER,
    text: `<script data-obct type="text/javascript">!function(_window, _document) { var OB_ADV_ID = '${OB_MARKETER}'; if (_window.obApi) { return; } var api = _window.obApi = function() { api.queue.push(arguments); }; api.version = '1.1'; api.marketerId = OB_ADV_ID; api.queue = []; }(window, document); obApi('track', 'PAGE_VIEW');</script>`,
  },
  {
    type: 'OutbrainMarketerId',
    in: 'url',
    value: OB_MARKETER,
    text: `https://tr.outbrain.com/unifiedPixel?marketerId=${OB_MARKETER}&obApiVersion=1.1&name=PAGE_VIEW&dl=https%3A%2F%2Fshop.acme-corp.net%2F&bust=0.5`,
  },
  {
    type: 'CriteoAccountId',
    in: 'html',
    value: '58164',
    text: '<script type="text/javascript" src="//dynamic.criteo.com/js/ld/ld.js?a=58164" async="true"></script><script type="text/javascript">window.criteo_q = window.criteo_q || []; window.criteo_q.push({ event: "setAccount", account: 58164 }, { event: "setSiteType", type: "d" }, { event: "viewHome" });</script>',
  },
  {
    type: 'CriteoAccountId',
    in: 'script',
    value: '58164',
    text: 'window.criteo_q.push({ account: 58164, event: "setAccount" }, { event: "viewItem", item: "4711" });',
  },
  { type: 'CriteoAccountId', in: 'url', value: '58164', text: 'https://static.criteo.net/js/ld/ld.js?a=58164' },
  {
    type: 'CriteoAccountId',
    in: 'url',
    value: '58164',
    text: 'https://sslwidget.criteo.com/event?a=58164&v=5.23.0&otl=1&p0=e%3Dexd%26site_type%3Dd&p1=e%3Dvh&tld=acme-corp.net&dy=1',
  },
  {
    type: 'TealiumProfileId',
    in: 'html',
    value: 'acmecorp/main',
    text: "<script type=\"text/javascript\">(function(a,b,c,d){ a='//tags.tiqcdn.com/utag/acmecorp/main/prod/utag.js'; b=document;c='script';d=b.createElement(c);d.src=a;d.type='text/java'+c;d.async=true; a=b.getElementsByTagName(c)[0];a.parentNode.insertBefore(d,a); })();</script>",
  },
  {
    type: 'TealiumProfileId',
    in: 'url',
    value: 'acmecorp/main',
    text: 'https://tags.tiqcdn.com/utag/acmecorp/main/prod/utag.12.js?utv=ut4.51.202404011200',
  },
  {
    type: 'PlausibleSiteDomain',
    in: 'html',
    value: 'acme-corp.net',
    text: '<script defer data-domain="acme-corp.net" src="https://plausible.io/js/script.js"></script>',
  },
  // A roll-up: the page reports to two sites.
  {
    type: 'PlausibleSiteDomain',
    in: 'html',
    value: 'rollup.acme-corp.net',
    text: '<script defer src="https://stats.acme-corp.net/js/script.outbound-links.js" data-domain="acme-corp.net,rollup.acme-corp.net"></script>',
  },
  {
    type: 'PlausibleScriptId',
    in: 'html',
    value: 'pa-6_srOGVV9SLMWJ1ZpUAbG',
    text: '<script async src="https://plausible.io/js/pa-6_srOGVV9SLMWJ1ZpUAbG.js"></script><script>window.plausible=window.plausible||function(){(plausible.q=plausible.q||[]).push(arguments)},plausible.init=plausible.init||function(i){plausible.o=i||{}}; plausible.init()</script>',
  },
  {
    type: 'UmamiWebsiteId',
    in: 'html',
    value: UMAMI,
    text: `<script defer src="https://cloud.umami.is/script.js" data-website-id="${UMAMI}"></script>`,
  },
  {
    type: 'FathomSiteId',
    in: 'html',
    value: 'KBDUMYWR',
    text: '<script src="https://cdn.usefathom.com/script.js" data-site="KBDUMYWR" defer></script>',
  },
  {
    type: 'FathomSiteId',
    in: 'html',
    value: 'KBDUMYWR',
    text: '<script data-spa="auto" data-site="KBDUMYWR" src="https://cdn.usefathom.com/script.js" defer></script>',
  },
  {
    type: 'FathomSiteId',
    in: 'url',
    value: 'KBDUMYWR',
    text: 'https://cdn.usefathom.com/?h=https%3A%2F%2Fshop.acme-corp.net&p=%2F&r=&sid=KBDUMYWR&qs=%7B%7D&cid=48213377',
  },

  // Captcha site keys
  {
    type: 'RecaptchaSiteKey',
    in: 'html',
    value: RECAPTCHA,
    text: `<form><div class="g-recaptcha" data-sitekey="${RECAPTCHA}"></div></form>`,
  },
  {
    type: 'RecaptchaSiteKey',
    in: 'url',
    value: RECAPTCHA,
    text: `https://www.google.com/recaptcha/api.js?render=${RECAPTCHA}`,
  },
  {
    type: 'RecaptchaSiteKey',
    in: 'url',
    value: RECAPTCHA,
    text: `https://www.google.com/recaptcha/api2/anchor?ar=1&k=${RECAPTCHA}&co=aHR0cHM6Ly9zaG9wLmFjbWUtY29ycC5uZXQ6NDQz&hl=en&v=joHA60MeME-PNviL59xVH9zs&size=normal`,
  },
  {
    type: 'RecaptchaSiteKey',
    in: 'script',
    value: RECAPTCHA,
    text: `grecaptcha.ready(function() { grecaptcha.execute('${RECAPTCHA}', {action: 'submit'}).then(send); });`,
  },
  {
    type: 'HCaptchaSiteKey',
    in: 'html',
    value: HCAPTCHA,
    text: `<div class="h-captcha" data-sitekey="${HCAPTCHA}"></div>`,
  },
  {
    type: 'HCaptchaSiteKey',
    in: 'url',
    value: HCAPTCHA,
    text: `https://api.hcaptcha.com/checksiteconfig?v=1a2b3c4&host=shop.acme-corp.net&sitekey=${HCAPTCHA}&sc=1&swa=1&spst=1`,
  },
  { type: 'HCaptchaSiteKey', in: 'url', value: HCAPTCHA, text: `https://api.hcaptcha.com/getcaptcha/${HCAPTCHA}` },
  {
    type: 'TurnstileSiteKey',
    in: 'html',
    value: TURNSTILE,
    text: `<div class="cf-turnstile" data-sitekey="${TURNSTILE}" data-callback="onOk"></div>`,
  },
  {
    type: 'TurnstileSiteKey',
    in: 'script',
    value: TURNSTILE,
    text: `turnstile.render('#widget', { sitekey: '${TURNSTILE}', callback: onOk });`,
  },
  {
    type: 'TurnstileSiteKey',
    in: 'url',
    value: TURNSTILE,
    text: `https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile/if/ov2/av0/rcv0/0/xq8lm/${TURNSTILE}/auto/fbE/normal/auto/`,
  },

  // Site verification, both attribute orders
  ...META.flatMap(([type, name, value, expected]): Positive[] => [
    { type, in: 'html', value: expected ?? value, text: `<head><meta name="${name}" content="${value}" /></head>` },
    { type, in: 'html', value: expected ?? value, text: `<head><meta content="${value}" name="${name}"></head>` },
  ]),

  // Copy-source markers
  {
    type: 'DocumentBaseAddress',
    in: 'html',
    value: 'https://bank.acme-corp.com/',
    text: '<head><base target="_self" href="https://bank.acme-corp.com/"><title>Sign in</title></head>',
  },
  {
    type: 'DocumentBaseHost',
    in: 'html',
    value: 'bank.acme-corp.com',
    text: '<head><base href="https://Bank.Acme-Corp.com/login/"></head>',
  },
  {
    type: 'HTTrackSourceAddress',
    in: 'html',
    value: 'secure.acme-bank.com/login.php',
    text: '<html>\n<!-- Mirrored from secure.acme-bank.com/login.php by HTTrack Website Copier/3.x [XR&CO\'2014], Tue, 09 Jan 2024 10:11:12 GMT -->\n<!-- Added by HTTrack --><meta http-equiv="content-type" content="text/html;charset=UTF-8" /><!-- /Added by HTTrack -->',
  },
  {
    type: 'HTTrackSourceHost',
    in: 'html',
    value: 'secure.acme-bank.com',
    text: "<!-- Mirrored from secure.acme-bank.com:8443/login.php by HTTrack Website Copier/3.x [XR&CO'2014], Tue, 09 Jan 2024 10:11:12 GMT -->",
  },
  {
    type: 'MarkOfTheWebSourceAddress',
    in: 'html',
    value: 'https://secure.acme-bank.com/account/login',
    text: '<!DOCTYPE html>\n<!-- saved from url=(0042)https://secure.acme-bank.com/account/login -->\n<html>',
  },
  {
    type: 'MarkOfTheWebSourceHost',
    in: 'html',
    value: 'secure.acme-bank.com',
    text: '<!-- saved from url=(0042)https://secure.acme-bank.com/account/login -->',
  },
  {
    type: 'SingleFileSourceAddress',
    in: 'html',
    value: 'https://secure.acme-bank.com/login',
    text: '<!DOCTYPE html> <html lang="en"><!--\n Page saved with SingleFile \n url: https://secure.acme-bank.com/login \n saved date: Tue Jan 09 2024 10:11:12 GMT+0000 (Coordinated Universal Time)\n--><head>',
  },
  {
    type: 'SingleFileSourceHost',
    in: 'html',
    value: 'secure.acme-bank.com',
    text: '<!--\n Page saved with SingleFile \n url: https://secure.acme-bank.com/login \n saved date: Tue Jan 09 2024\n-->',
  },

  // Social accounts
  {
    type: 'TwitterId',
    in: 'html',
    value: 'acmecorp',
    text: '<a href="https://twitter.com/AcmeCorp" target="_blank">Follow us</a>',
  },
  {
    type: 'TwitterId',
    in: 'html',
    value: 'acmecorp',
    text: '<a href="https://x.com/acmecorp?ref_src=twsrc%5Etfw" class="twitter-follow-button">Follow</a>',
  },
  {
    type: 'FacebookProfileId',
    in: 'html',
    value: 'acmecorp.official',
    text: '<a href="https://www.facebook.com/acmecorp.official/">Facebook</a>',
  },
  {
    type: 'FacebookProfileId',
    in: 'html',
    value: '100064837261921',
    text: '<a href="https://www.facebook.com/profile.php?id=100064837261921">Facebook</a>',
  },
  {
    type: 'InstagramId',
    in: 'html',
    value: 'acme.corp',
    text: '<a href="https://www.instagram.com/acme.corp/">Instagram</a>',
  },
  { type: 'GitHubId', in: 'html', value: 'acme-corp', text: '<a href="https://github.com/acme-corp">GitHub</a>' },
  {
    type: 'LinkedInId',
    in: 'html',
    value: 'company/acme-corp',
    text: '<a href="https://www.linkedin.com/company/acme-corp/">LinkedIn</a>',
  },
  {
    type: 'PinterestId',
    in: 'html',
    value: 'acmecorp',
    text: '<a href="https://www.pinterest.com/acmecorp/">Pinterest</a>',
  },
  {
    type: 'YouTubeChannel',
    in: 'html',
    value: 'UCq9mT4kZ8xR2vN7bL1pW3sA',
    text: '<a href="https://www.youtube.com/channel/UCq9mT4kZ8xR2vN7bL1pW3sA">YouTube</a>',
  },
  {
    type: 'YouTubeId',
    in: 'html',
    value: '@acmecorp',
    text: '<a href="https://www.youtube.com/@AcmeCorp">YouTube</a>',
  },
];

const NEGATIVES: Case[] = [
  // cs_c2 is comScore's only in code that names comScore; c2 alone never is.
  {
    type: 'ComScoreClientId',
    in: 'script',
    text: "var cs_c1 = 2, cs_c2 = '6035187'; drawChart({ c1: 2, c2: 6035187 });",
  },
  {
    type: 'ComScoreClientId',
    in: 'html',
    text: '<script>var cs_c2 = "6035187";</script><script src="https://sb.scorecardresearch.com/beacon.js"></script>',
  },
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'html',
    text: "<script>ga('create', 'UA-000000-1', 'auto'); ga('create', 'UA-XXXXX-Y'); ga('create', 'UA-123-1');</script><meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">",
  },
  {
    type: 'GoogleAnalyticsTrackingId',
    in: 'script',
    text: "ga('create', 'UA-12345678-1', 'auto'); var code = 'UA-61048133-123456';",
  },
  { type: 'GoogleAnalyticsAccountNumber', in: 'html', text: "<script>ga('create', 'UA-000000-1', 'auto');</script>" },
  {
    type: 'GoogleAnalyticsMeasurementId',
    in: 'html',
    text: "<script>gtag('config', 'G-XXXXXXXXXX'); gtag('config', 'G-1A2B'); var shock = 'g-shock1234';</script>",
  },
  {
    type: 'GoogleTagManagerId',
    in: 'html',
    text: "<script>})(window,document,'script','dataLayer','GTM-XXXXXX');</script><p>Our container GTM-5XZZ6CK is documented internally.</p>",
  },
  {
    type: 'GoogleAdsConversionId',
    in: 'html',
    text: "<script>gtag('config', 'AW-CONVERSION_ID'); gtag('config', 'AW-1234567890'); gtag('config', 'AW-1234');</script>",
  },
  {
    type: 'GoogleAdSensePublisherId',
    in: 'html',
    text: '<ins class="adsbygoogle" data-ad-client="ca-pub-0000000000000000"></ins><ins data-ad-client="ca-pub-1234567890123456"></ins><ins data-ad-client="ca-pub-73065182"></ins>',
  },
  // A platform's host ID, a search partner, a video client, an app ID: none is the page's publisher.
  {
    type: 'GoogleAdSensePublisherId',
    in: 'script',
    text: 'google_ad_host = "pub-1556223355139109"; var h = "ca-host-pub-1556223355139109"; var cx = "partner-pub-7306518232861540:4719377260"; var v = "ca-video-pub-7306518232861540"; var app = "ca-app-pub-7306518232861540~1234";',
  },
  {
    type: 'GoogleAdSenseHostId',
    in: 'html',
    text: '<ins class="adsbygoogle" data-ad-client="ca-pub-7306518232861540" data-ad-host="ca-host-pub-0000000000000000"></ins><a href="https://ghost-pub-1556223355139109.acme-corp.net/">x</a>',
  },
  {
    type: 'GoogleAdSensePartnerId',
    in: 'html',
    text: '<input type="hidden" name="cx" value="partner-pub-0000000000000000:abcdefghijk"><ins data-ad-client="ca-pub-7306518232861540"></ins>',
  },
  {
    type: 'GoogleAdSenseVideoPublisherId',
    in: 'url',
    text: 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-7306518232861540&ad_type=video&vid=ca-video-pub-73065182',
  },
  {
    type: 'GoogleOptimizeId',
    in: 'script',
    text: "gtag('config', 'G-7Q2XK9PZ4R', { optimize_id: 'OPT-XXXXXXX' }); var mode = 'OPT-OUTLINK';",
  },
  {
    type: 'GoogleSiteVerification',
    in: 'html',
    text: '<meta name="google-site-verification" content="your-verification-code"><meta name="google-site-verification-extra" content="vT3kQ9xLm2Pz7RbW4nYc8Hd1Fs6Ga0Ju5Ke-Oi_Vq2E">',
  },
  {
    type: 'FacebookId',
    in: 'html',
    text: "<script>fbq('init', '{your-pixel-id-goes-here}'); fbq('init', '1234567890123456'); fbq('track', '1492358247512093');</script>",
  },
  {
    type: 'NewRelicId',
    in: 'script',
    text: ';NREUM.info={"licenseKey":"0000000000","applicationID":"APP_ID"}; var licenseKey = "b6a33"; grid.init({ licenseKey: "b6a3395450" });',
  },
  {
    type: 'NewRelicApplicationId',
    in: 'script',
    text: ';NREUM.info={"licenseKey":"NRJS-3f9c2a71d0b84e56a21","applicationID":"APP_ID"}; search.init({ applicationID: "4711234" });',
  },
  {
    type: 'YandexMetricaCounterId',
    in: 'html',
    text: '<script>ym(XXXXXX, "init", {}); ym(12345678, "init", {}); ym(94347841, "reachGoal", "buy");</script>',
  },
  {
    type: 'MixpanelId',
    in: 'html',
    text: '<script>mixpanel.init("YOUR_TOKEN"); mixpanel.init("b1ec8d2c39f04f5b");</script>',
  },
  { type: 'ClickyId', in: 'script', text: 'clicky_site_ids.push(123); var data_id = "101398726";' },
  {
    type: 'OptimizelyId',
    in: 'html',
    text: '<script src="https://cdn.optimizely.com/js/PROJECT_ID.js"></script><script src="https://cdn.optimizely.com/js/123.js"></script>',
  },
  {
    type: 'WhosAmungUsId',
    in: 'html',
    text: '<script>var _wau = _wau || []; _wau.push(["classic", "xxxxxxxxxxxx", "lbn"]);</script>',
  },
  {
    type: 'AddThisPubId',
    in: 'html',
    text: '<script src="//s7.addthis.com/js/300/addthis_widget.js#pubid=ra-xxxxxxxxxxxxxxxx"></script><script src="//s7.addthis.com/js/300/addthis_widget.js#pubid=ra-4f0c7ed8"></script>',
  },
  {
    type: 'AddThisUsername',
    in: 'html',
    text: '<script src="http://s7.addthis.com/js/250/addthis_widget.js#username=YOUR-USERNAME"></script><a href="/profile?username=acmewidgets">me</a>',
  },
  {
    type: '51laId',
    in: 'html',
    text: '<script src="//js.users.51.la/abc.js"></script><script>LA.init({id: "YOUR_ID"})</script>',
  },
  { type: 'HotjarId', in: 'html', text: '<script>h._hjSettings={hjid:YOUR_HOTJAR_ID,hjsv:6};</script>' },
  {
    type: 'MicrosoftClarityId',
    in: 'html',
    text: '<script>t.src="https://www.clarity.ms/tag/"+i; })(window, document, "clarity", "script", "XXXXXXXXXX");</script>',
  },
  {
    type: 'BaiduTongjiId',
    in: 'html',
    text: `<script>hm.src = "https://hm.baidu.com/hm.js?${BAIDU.slice(1)}";</script>`,
  },
  {
    type: 'MatomoSiteId',
    in: 'html',
    text: `<script>var u="//{$MATOMO_URL}/"; _paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '{$IDSITE}']);</script>`,
  },
  {
    type: 'SegmentWriteKey',
    in: 'html',
    text: '<script>analytics.load("YOUR_WRITE_KEY"); analytics.load("abc");</script>',
  },
  { type: 'TikTokPixelId', in: 'html', text: "<script>ttq.load('YOUR_PIXEL_ID'); ttq.load('CJMB7ERC77');</script>" },
  { type: 'LinkedInInsightPartnerId', in: 'html', text: '<script>_linkedin_partner_id = "YOUR_PARTNER_ID";</script>' },
  {
    type: 'PinterestTagId',
    in: 'html',
    text: "<script>pintrk('load', 'YOUR_TAG_ID'); pintrk('load', '26130');</script>",
  },
  {
    type: 'TwitterPixelId',
    in: 'html',
    text: "<script>twq('config','YOUR_PIXEL_ID'); twq('event', 'o01jm');</script>",
  },
  { type: 'StatCounterProjectId', in: 'html', text: '<script>var sc_project=0000000; var sc_project2=123;</script>' },
  {
    type: 'HubSpotPortalId',
    in: 'html',
    text: '<script id="hs-script-loader" src="//js.hs-scripts.com/{hubId}.js"></script><script src="//js.hs-scripts.com/PORTAL_ID.js"></script>',
  },
  {
    type: 'CloudflareWebAnalyticsToken',
    in: 'html',
    text: `<script data-cf-beacon='{"token": "your-token-here"}'></script><p>token "${CF_TOKEN}"</p>`,
  },
  { type: 'QuantcastAccountId', in: 'script', text: '_qevents.push({ qacct:"p-xxxxxxxxxxxxx" });' },
  { type: 'AdobeAnalyticsReportSuiteId', in: 'script', text: 's.account="INSERT-RSID-HERE"; var path = "/b/ss/";' },
  {
    type: 'ComScoreClientId',
    in: 'html',
    text: '<script>_comscore.push({ c1: "2", c2: "YOUR_CLIENT_ID" }); COMSCORE.beacon({ c1: "2", c3: "6035187" });</script><img src="https://sb.scorecardresearch.com/p?c1=2&amp;c3=6035187">',
  },
  {
    type: 'ChartbeatAccountId',
    in: 'html',
    text: "<script>var _sf_async_config = {}; _sf_async_config.uid = #####; _sf_async_config.domain = 'acme-corp.net'; var other_config = { uid: 66934 };</script>",
  },
  {
    type: 'ParselySiteId',
    in: 'html',
    text: '<script id="parsely-cfg" src="//cdn.parsely.com/keys/example.com/p.js"></script><meta name="parsely-title" content="acme-corp.net"><amp-analytics type="googleanalytics"><script type="application/json">{"vars": {"apikey": "acme-corp.net"}}</script></amp-analytics>',
  },
  {
    type: 'TaboolaPublisherId',
    in: 'html',
    text: "<script>'//cdn.taboola.com/libtrc/publisher-id/loader.js'; '//cdn.taboola.com/libtrc/unip/1154722/tfa.js';</script>",
  },
  {
    type: 'OutbrainPartnerKey',
    in: 'url',
    text: 'https://odb.outbrain.com/utils/get?url=https%3A%2F%2Fshop.acme-corp.net%2F&widgetJSId=AR_1&key=NANOWDGT01&idx=0',
  },
  {
    type: 'OutbrainMarketerId',
    in: 'html',
    text: "<script>var OB_ADV_ID = 'myoutbrainid'; var OB_ADV_ID2 = '00bf3a0c4ef685500d32bd9ae3f1d2';</script>",
  },
  {
    type: 'CriteoAccountId',
    in: 'script',
    text: 'window.criteo_q.push({ event: "setAccount", account: YOUR_PARTNER_ID }, { event: "viewItem", item: "4711" });',
  },
  {
    type: 'TealiumProfileId',
    in: 'html',
    text: "<script>a='//tags.tiqcdn.com/utag/account/profile/prod/utag.js'; var utag_data = { page_type: 'home' };</script>",
  },
  {
    type: 'PlausibleSiteDomain',
    in: 'html',
    text: '<script defer data-domain="yourdomain.com" src="https://plausible.io/js/script.js"></script><div data-domain="acme-corp.net"></div>',
  },
  {
    type: 'PlausibleScriptId',
    in: 'html',
    text: '<script defer src="https://plausible.io/js/script.js"></script><script src="https://plausible.io/js/pa-XXXXXXXXXXXX.js"></script>',
  },
  {
    type: 'UmamiWebsiteId',
    in: 'html',
    text: `<div data-website-id="${UMAMI}"></div><script defer src="https://cloud.umami.is/script.js" data-website-id="your-website-id"></script>`,
  },
  {
    type: 'FathomSiteId',
    in: 'html',
    text: '<script src="https://cdn.usefathom.com/script.js" data-site="ABCDEFG" defer></script><div data-site="KBDUMYWR"></div>',
  },
  {
    type: 'PiwikProSiteId',
    in: 'html',
    text: '<script>var u="https://acme.piwik.pro/"; _paq.push(["setSiteId", "YOUR_SITE_ID"]);</script><script src="https://acme.containers.piwik.pro/ppms.js"></script>',
  },
  {
    type: 'RecaptchaSiteKey',
    in: 'html',
    text: '<div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div><div data-sitekey="6Lc3bXYpAAAA"></div>',
  },
  {
    type: 'HCaptchaSiteKey',
    in: 'html',
    text: '<div class="h-captcha" data-sitekey="10000000-ffff-ffff-ffff-000000000001"></div>',
  },
  {
    type: 'TurnstileSiteKey',
    in: 'html',
    text: '<div class="cf-turnstile" data-sitekey="1x00000000000000000000AA"></div><div class="cf-turnstile" data-sitekey="3x00000000000000000000FF"></div>',
  },
  {
    type: 'BingSiteVerification',
    in: 'html',
    text: '<meta name="msvalidate.01" content="YOUR_CODE"><meta name="msvalidate.02" content="1A2F6B7C8D9E0F1A2B3C4D5E6F708192">',
  },
  {
    type: 'YandexSiteVerification',
    in: 'html',
    text: '<meta name="yandex-verification" content="0000000000000000"><meta name="yandex-verification" content="5f4e3a2b">',
  },
  {
    type: 'FacebookDomainVerification',
    in: 'html',
    text: '<meta name="facebook-domain-verification" content="your_verification_code">',
  },
  {
    type: 'PinterestDomainVerification',
    in: 'html',
    text: '<meta name="p:domain_verify" content="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx">',
  },
  {
    type: 'BaiduSiteVerification',
    in: 'html',
    text: '<meta name="baidu-site-verification" content="code-XXXXXXXXXX">',
  },
  {
    type: 'AhrefsSiteVerification',
    in: 'html',
    text: '<meta name="ahrefs-site-verification" content="3c7e1a9f5b2d8c4e">',
  },
  { type: 'DocumentBaseAddress', in: 'html', text: '<head><base href="/"><base href="assets/"></head>' },
  { type: 'DocumentBaseHost', in: 'html', text: '<head><base href="/app/"></head>' },
  {
    type: 'HTTrackSourceAddress',
    in: 'html',
    text: '<p>Mirrored from secure.acme-bank.com for archival purposes.</p>',
  },
  { type: 'HTTrackSourceHost', in: 'html', text: '<!-- Mirrored from by HTTrack Website Copier/3.x -->' },
  { type: 'MarkOfTheWebSourceAddress', in: 'html', text: '<!-- saved from url=(0014)about:internet -->' },
  // A file:// source is kept as an address (it leaks the copier's path) but has no host.
  {
    type: 'MarkOfTheWebSourceHost',
    in: 'html',
    text: '<!-- saved from url=(0046)file:///C:/Users/jdoe/Desktop/login/index.html -->',
  },
  { type: 'SingleFileSourceAddress', in: 'html', text: '<!--\n Page saved with SingleFile \n url: about:blank \n-->' },
  {
    type: 'SingleFileSourceHost',
    in: 'html',
    text: '<p>Page saved with SingleFile, see https://secure.acme-bank.com/login</p>',
  },
  {
    type: 'TwitterId',
    in: 'html',
    text: '<a href="https://twitter.com/intent/tweet?text=hi">Tweet</a><a href="https://twitter.com/share?url=x">Share</a><a href="https://dropbox.com/acmecorp">box</a>',
  },
  {
    type: 'FacebookProfileId',
    in: 'html',
    text: '<a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fshop.acme-corp.net">Share</a><a href="https://www.facebook.com/sharer.php?u=x">Share</a>',
  },
  {
    type: 'InstagramId',
    in: 'html',
    text: '<a href="https://www.instagram.com/p/CxYz123AbC/">post</a><a href="https://www.instagram.com/explore/">explore</a>',
  },
  {
    type: 'GitHubId',
    in: 'html',
    text: '<a href="https://github.com/acme-corp/widgets">repo</a><a href="https://github.com/login">login</a>',
  },
  { type: 'LinkedInId', in: 'html', text: '<a href="https://www.linkedin.com/shareArticle?mini=true&url=x">Share</a>' },
  { type: 'PinterestId', in: 'html', text: '<a href="https://www.pinterest.com/pin/create/button/?url=x">Pin it</a>' },
  { type: 'YouTubeChannel', in: 'html', text: '<a href="https://www.youtube.com/channel/UCshort">YouTube</a>' },
  { type: 'YouTubeId', in: 'html', text: '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">video</a>' },
];

// ---------------------------------------------------------------------------------------

describe('catalog', () => {
  const types = TRACKER_CATALOG.map((d) => d.type);

  it('has at least 40 types with unique names', () => {
    expect(types.length).toBeGreaterThanOrEqual(40);
    expect(new Set(types).size).toBe(types.length);
  });

  it('every catalog type has a positive and a negative case', () => {
    const missingPositive = types.filter((t) => !POSITIVES.some((c) => c.type === t));
    const missingNegative = types.filter((t) => !NEGATIVES.some((c) => c.type === t));
    expect({ missingPositive, missingNegative }).toEqual({ missingPositive: [], missingNegative: [] });
    const unknown = [...POSITIVES, ...NEGATIVES].filter((c) => !types.includes(c.type)).map((c) => c.type);
    expect(unknown).toEqual([]);
  });

  it('every pattern is exercised by a positive case of its type', () => {
    const unexercised: string[] = [];
    for (const def of TRACKER_CATALOG) {
      if (isDerived(def)) continue;
      for (const re of patternsOf(def)) {
        const hit = POSITIVES.some((c) => c.type === def.type && new RegExp(re.source, re.flags).test(c.text));
        if (!hit) unexercised.push(`${def.type} ${re.source}`);
      }
    }
    expect(unexercised).toEqual([]);
  });

  it("a pattern's required literals occur in every text it matches (the prefilter never hides a match)", () => {
    for (const def of TRACKER_CATALOG) {
      if (isDerived(def)) continue;
      for (const re of patternsOf(def)) {
        for (const c of POSITIVES.filter((p) => new RegExp(re.source, re.flags).test(p.text))) {
          const text = c.text.toLowerCase();
          for (const lit of requiredLiterals(re.source)) expect(text, `${def.type} ${re.source}`).toContain(lit);
        }
      }
    }
  });

  it('the README table lists every type', () => {
    const readme = readFileSync(new URL('../../extractor/trackers/README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/^\| (\w+) \|/gm)].map((m) => m[1]);
    expect(listed.filter((t) => t !== 'Type')).toEqual(types);
  });

  it('derived types come from a pattern type', () => {
    for (const def of TRACKER_CATALOG) {
      if (!isDerived(def)) continue;
      const from = TRACKER_CATALOG.find((d) => d.type === def.from);
      expect(from && !isDerived(from), def.type).toBe(true);
    }
  });

  it('every pattern has exactly one capture group', () => {
    for (const def of TRACKER_CATALOG) {
      if (isDerived(def)) continue;
      for (const re of patternsOf(def)) {
        const groups = new RegExp(`(?:${re.source})|`).exec('')!.length - 1;
        expect(groups, `${def.type} ${re.source}`).toBe(1);
      }
    }
  });

  it('every pattern uses bounded quantifiers only and has a required literal', () => {
    for (const def of TRACKER_CATALOG) {
      if (isDerived(def)) continue;
      for (const re of patternsOf(def)) {
        expect(unbounded(re.source), `${def.type} ${re.source}`).toBe(false);
        expect(requiredLiterals(re.source).length, `${def.type} ${re.source}`).toBeGreaterThan(0);
        expect(re.flags.includes('g'), `${def.type} ${re.source}`).toBe(false);
      }
    }
  });
});

describe('positives (vendor snippets and requests)', () => {
  for (const c of POSITIVES) {
    it(`${c.type} in ${c.in}: ${c.text.replace(/\s+/g, ' ').slice(0, 70)}`, () => {
      const found = scan(c.in, c.text).filter((f) => f.type === c.type);
      expect(found.map((f) => f.value)).toContain(c.value);
      for (const f of found) {
        expect(f.source).toBe(SOURCE[c.in]);
        expect(f.where).toBe(c.in === 'url' ? c.text : PAGE);
      }
    });
  }
});

describe('negatives (placeholders and near misses)', () => {
  for (const c of NEGATIVES) {
    it(`${c.type} in ${c.in}: ${c.text.replace(/\s+/g, ' ').slice(0, 70)}`, () => {
      expect(scan(c.in, c.text).filter((f) => f.type === c.type)).toEqual([]);
    });
  }
});

describe('findTrackers', () => {
  it('maps url/html/script to network/dom/script and keeps where', () => {
    const out = findTrackers({
      requests: [{ url: `https://www.googletagmanager.com/gtm.js?id=${GTM}` }],
      documents: [{ url: 'https://shop.acme-corp.net/frame.html', html: `<script>gtag('config','${G4}')</script>` }],
      scripts: [{ url: 'https://cdn.acme-corp.net/app.js', text: `fbq('init', '${FB}');` }],
    });
    expect(out).toEqual<TrackerFinding[]>([
      {
        type: 'GoogleTagManagerId',
        value: GTM,
        source: 'network',
        where: `https://www.googletagmanager.com/gtm.js?id=${GTM}`,
        context: 'executed',
      },
      {
        type: 'GoogleAnalyticsMeasurementId',
        value: G4,
        source: 'dom',
        where: 'https://shop.acme-corp.net/frame.html',
        context: 'inline-code',
      },
      {
        type: 'FacebookId',
        value: FB,
        source: 'script',
        where: 'https://cdn.acme-corp.net/app.js',
        context: 'inline-code',
      },
    ]);
  });

  it('deduplicates on (type, value, source), keeping the first where', () => {
    const html = `<script>ga('create','${UA}','auto'); ga('create','${UA}','auto');</script>`;
    const out = findTrackers({
      requests: [{ url: `https://www.google-analytics.com/collect?tid=${UA}` }],
      documents: [
        { url: 'https://a.test/', html },
        { url: 'https://a.test/frame', html },
      ],
      scripts: [],
    });
    expect(out).toEqual<TrackerFinding[]>([
      {
        type: 'GoogleAnalyticsTrackingId',
        value: UA,
        source: 'network',
        where: `https://www.google-analytics.com/collect?tid=${UA}`,
        context: 'executed',
      },
      {
        type: 'GoogleAnalyticsAccountNumber',
        value: 'UA-61048133',
        source: 'network',
        where: `https://www.google-analytics.com/collect?tid=${UA}`,
        context: 'executed',
      },
      { type: 'GoogleAnalyticsTrackingId', value: UA, source: 'dom', where: 'https://a.test/', context: 'executed' },
      {
        type: 'GoogleAnalyticsAccountNumber',
        value: 'UA-61048133',
        source: 'dom',
        where: 'https://a.test/',
        context: 'executed',
      },
    ]);
  });

  it('derives the account number from every tracking ID, normalized to upper case', () => {
    const out = scan(
      'script',
      "ga('create','ua-61048133-2'); ga('create','UA-61048133-7'); ga('create','UA-7730215-1');",
    );
    expect(out.filter((f) => f.type === 'GoogleAnalyticsTrackingId').map((f) => f.value)).toEqual([
      'UA-61048133-2',
      'UA-61048133-7',
      'UA-7730215-1',
    ]);
    expect(out.filter((f) => f.type === 'GoogleAnalyticsAccountNumber').map((f) => f.value)).toEqual([
      'UA-61048133',
      'UA-7730215',
    ]);
  });

  it('finds several trackers in one realistic page', () => {
    const html = [
      '<!DOCTYPE html><html><head>',
      '<meta name="google-site-verification" content="vT3kQ9xLm2Pz7RbW4nYc8Hd1Fs6Ga0Ju5Ke-Oi_Vq2E">',
      `<script async src="https://www.googletagmanager.com/gtag/js?id=${G4}"></script>`,
      `<script>gtag('config','${G4}'); gtag('config','AW-957301824');</script>`,
      '</head><body>',
      `<div class="g-recaptcha" data-sitekey="${RECAPTCHA}"></div>`,
      '<footer><a href="https://twitter.com/AcmeCorp">X</a> <a href="https://github.com/acme-corp">GitHub</a></footer>',
      `<noscript><img src="https://mc.yandex.ru/watch/${YM}" alt=""></noscript>`,
      '</body></html>',
    ].join('\n');
    const got = scan('html', html)
      .map((f) => `${f.type}=${f.value}`)
      .sort();
    expect(got).toEqual([
      'GitHubId=acme-corp',
      `GoogleAdsConversionId=AW-957301824`,
      `GoogleAnalyticsMeasurementId=${G4}`,
      'GoogleSiteVerification=vT3kQ9xLm2Pz7RbW4nYc8Hd1Fs6Ga0Ju5Ke-Oi_Vq2E',
      `RecaptchaSiteKey=${RECAPTCHA}`,
      'TwitterId=acmecorp',
      `YandexMetricaCounterId=${YM}`,
    ]);
  });

  it('keeps source addresses whose path looks like a placeholder', () => {
    const out = scan('html', '<!-- saved from url=(0038)https://secure.acme-bank.com/item/12345 -->');
    expect(out.map((f) => `${f.type}=${f.value}`)).toEqual([
      'MarkOfTheWebSourceAddress=https://secure.acme-bank.com/item/12345',
      'MarkOfTheWebSourceHost=secure.acme-bank.com',
    ]);
  });

  it('reads IDs out of percent-encoded request URLs', () => {
    const url = `https://www.google.com/ads/ga-audiences?t=sr&aip=1&tid%3D${UA}%26cid%3D1`;
    expect(scan('url', url).some((f) => f.value === UA && f.where === url)).toBe(true);
  });

  it('reads URLs as JSON writes them, with escaped slashes', () => {
    const html = `<script>var cfg = {"pixel":"https:\\/\\/www.facebook.com\\/tr?id=1425809677719680&ev=PageView"};</script>`;
    expect(scan('html', html).map((f) => `${f.type}=${f.value}`)).toContain('FacebookId=1425809677719680');
    expect(jsonSlashes(String.raw`a\/b[^\/]\/?`)).toBe(String.raw`a\\?\/b[^\/]\\?\/?`);
  });

  it('does not mutate the catalog regexes (pure)', () => {
    const before = TRACKER_CATALOG.flatMap((d) => (isDerived(d) ? [] : patternsOf(d).map((r) => r.lastIndex)));
    const a = scan('html', POSITIVES[0]!.text);
    const b = scan('html', POSITIVES[0]!.text);
    expect(a).toEqual(b);
    expect(TRACKER_CATALOG.flatMap((d) => (isDerived(d) ? [] : patternsOf(d).map((r) => r.lastIndex)))).toEqual(before);
  });
});

describe('requiredLiterals', () => {
  it('reads the literal runs every match must contain', () => {
    expect(requiredLiterals(String.raw`\bUA-(\d{4,10})-\d{1,4}`)).toEqual(['ua-']);
    expect(requiredLiterals(String.raw`cdn\.optimizely\.com\/js\/(\d{6,15})\.js`)).toEqual([
      'cdn.optimizely.com/js/',
      '.js',
    ]);
    expect(requiredLiterals(String.raw`fbq\(\s{0,5}["']init["']`)).toEqual(['fbq(', 'init']);
    // Optional parts, alternations and lookarounds end a run; they are not required.
    expect(requiredLiterals(String.raw`ab(?:cd)?ef(?:gh|ij)kl(?=mn)op`)).toEqual(['ab', 'ef', 'kl', 'op']);
    expect(requiredLiterals(String.raw`www\.x?yz\.com`)).toEqual(['www.', 'yz.com']);
    expect(requiredLiterals('abc|def')).toEqual([]);
    expect(requiredLiterals(String.raw`[abc]{2}\x41\u0042(?<n>cd)`)).toEqual(['cd']);
  });
});

describe('common placeholders', () => {
  it('rejects documentation values and keeps random IDs', () => {
    for (const v of [
      'UA-000000-1',
      'GTM-XXXXXX',
      'G-XXXXXXXXXX',
      '1234567890',
      'ca-pub-1234567890123456',
      '9876543210',
      'YOUR_PIXEL_ID',
      'GTM-ABCDEF',
    ]) {
      expect(matchesPlaceholder(v, COMMON_PLACEHOLDERS), v).toBe(true);
    }
    for (const v of [UA, GTM, G4, FB, TURNSTILE, BAIDU, 'UA-1000023-1']) {
      expect(matchesPlaceholder(v, COMMON_PLACEHOLDERS), v).toBe(false);
    }
  });
});

describe('bounded scanning', () => {
  const MiB = 1024 * 1024;

  it('scans a large document whole: IDs at its head, in its middle and at its tail', () => {
    const filler = `<p>${'lorem ipsum dolor sit amet '.repeat(Math.ceil((3 * MiB) / 27))}</p>`;
    const head = `<script>gtag('config','${G4}');</script>`;
    const middle = `<script>fbq('init', '${FB}');</script>`;
    const tail = `<script>ym(${YM}, "init", {});</script>`;
    const html = head + filler + middle + filler + tail;
    expect(
      findTrackers(inputOf('html', html))
        .map((f) => f.type)
        .sort(),
    ).toEqual(['FacebookId', 'GoogleAnalyticsMeasurementId', 'YandexMetricaCounterId']);
  });

  it('finds an ID near the end of a beacon URL thousands of characters long', () => {
    const page = encodeURIComponent(`https://shop.acme-corp.net/search?q=${'tent '.repeat(600)}`); // ~4,700 characters
    const beacons: [type: string, value: string, url: string][] = [
      ['FacebookId', FB, `https://www.facebook.com/tr/?ev=PageView&dl=${page}&rl=&if=false&ts=1712345678901&id=${FB}`],
      [
        'TwitterPixelId',
        'o01jm',
        `https://analytics.twitter.com/i/adsct?bci=4&dv=${'Europe%2FBerlin%26de-DE%26Google%20Inc.'.repeat(20)}&eci=3&event_id=1&integration=advertiser&p_id=Twitter&tw_document_href=${page}&txn_id=o01jm&type=javascript&version=2.3.31`,
      ],
      [
        'MatomoSiteId',
        'stats.acme-corp.net/?idsite=3',
        `https://stats.acme-corp.net/matomo.php?action_name=${page}&url=${page}&idsite=3&rec=1&r=771203`,
      ],
      [
        'ComScoreClientId',
        '6035187',
        `https://sb.scorecardresearch.com/b?c1=2&c7=${page}&c8=Search&c9=&cs_ucfr=1&ns__t=1712345678901&c2=6035187&cj=1`,
      ],
      [
        'ChartbeatAccountId',
        '66934',
        `https://ping.chartbeat.net/ping?h=acme-corp.net&p=${page}&u=Dz8vWqC3hRtB1&d=acme-corp.net&g=66934&n=1`,
      ],
      [
        'PinterestTagId',
        '2613041334883',
        `https://ct.pinterest.com/v3/?event=pagevisit&ed=${page}&tid=2613041334883&cb=1712345678901`,
      ],
      [
        'PiwikProSiteId',
        `acme.piwik.pro/${PIWIK_SITE}`,
        `https://acme.piwik.pro/ppms.php?action_name=${page}&idsite=${PIWIK_SITE}&rec=1`,
      ],
      [
        'RecaptchaSiteKey',
        RECAPTCHA,
        `https://www.google.com/recaptcha/api2/anchor?ar=1&co=${page}&hl=en&v=joHA60MeME&size=normal&k=${RECAPTCHA}`,
      ],
    ];
    for (const [type, value, url] of beacons) {
      expect(url.length, type).toBeGreaterThan(4000);
      expect(
        scan('url', url)
          .filter((f) => f.type === type)
          .map((f) => f.value),
        type,
      ).toEqual([value]);
      // The same beacon as a noscript pixel, as the browser serializes it.
      expect(
        scan('html', `<noscript><img src="${url.replaceAll('&', '&amp;')}"></noscript>`)
          .filter((f) => f.type === type)
          .map((f) => f.value),
        type,
      ).toEqual([value]);
    }
  });

  it('keeps looking past a value repeated hundreds of times (one per ad slot)', () => {
    const slots = '<ins class="adsbygoogle" data-ad-client="ca-pub-7306518232861540"></ins>'.repeat(2000);
    const html = `${slots}<ins class="adsbygoogle" data-ad-client="ca-pub-4918273645091827"></ins>`;
    expect(
      scan('html', html)
        .filter((f) => f.type === 'GoogleAdSensePublisherId')
        .map((f) => f.value),
    ).toEqual(['ca-pub-7306518232861540', 'ca-pub-4918273645091827']);
  });

  // Each string repeats a prefix that a pattern starts with, so every position is a
  // candidate match that must fail: catastrophic backtracking would take minutes.
  const ADVERSARIAL = [
    'a',
    '//',
    '"',
    'UA-1234-',
    'facebook.com/tr?',
    ' name=google-site-verification ',
    ` content="${'A'.repeat(44)}`,
    'var u="//',
    'data-sitekey="',
    '<base ',
    'saved from url=(0000)',
    '&quot;',
    '%41',
    '//x.com/',
    'data-cf-beacon={',
    '//a/matomo.php?',
    'Page saved with SingleFile url: http://',
    'Mirrored from ',
    'NREUM.info={',
    'quantserve.com/pixel;',
    '_comscore.push({',
    '<script data-domain="a.b" ',
    '<script src="https://cdn.usefathom.com/script.js" ',
    'var u="//a.piwik.pro/"',
  ];

  it('scans 5 MB adversarial strings fast, whole', () => {
    for (const seed of ADVERSARIAL) {
      const big = seed.repeat(Math.ceil((5 * MiB) / seed.length));
      const t0 = performance.now();
      findTrackers({
        requests: [{ url: big }],
        documents: [{ url: PAGE, html: big }],
        scripts: [{ url: PAGE, text: big }],
      });
      const ms = performance.now() - t0;
      expect(ms, JSON.stringify(seed)).toBeLessThan(2500);
    }
  });

  // The worst text for a pattern is its own start repeated: every copy is a candidate whose
  // gap scans into the next copies unless the gap excludes a character of that start.
  it('every pattern is linear on its own match repeated to 2 MB', () => {
    const slow: string[] = [];
    for (const def of TRACKER_CATALOG) {
      if (isDerived(def)) continue;
      for (const re of patternsOf(def)) {
        const withIndices = new RegExp(re.source, `${re.flags}d`);
        for (const c of POSITIVES.filter((p) => p.type === def.type)) {
          const text = c.in === 'html' ? c.text.replaceAll('&amp;', '&').replaceAll('&quot;', '"') : c.text;
          const m = withIndices.exec(text);
          if (!m?.indices?.[1]) continue;
          for (const unit of [text.slice(m.index, m.indices[1][0]), m[0].slice(0, -1)]) {
            if (!unit) continue;
            const big = unit.repeat(Math.ceil((2 * MiB) / unit.length));
            const t0 = performance.now();
            let n = 0;
            for (const _ of big.matchAll(new RegExp(re.source, `${re.flags}g`))) if (++n > 1000) break;
            const ms = performance.now() - t0;
            if (ms > 500)
              slow.push(`${def.type} ${re.source} on ${JSON.stringify(unit.slice(0, 60))}: ${Math.round(ms)} ms`);
          }
        }
      }
    }
    expect(slow).toEqual([]);
  });

  it('caps the length of where for huge request URLs', () => {
    const url = `data:text/html,${'x'.repeat(100_000)} ${UA}`;
    const out = findTrackers({ requests: [{ url }], documents: [], scripts: [] });
    expect(out[0]?.value).toBe(UA);
    expect(out[0]!.where.length).toBeLessThanOrEqual(4096);
  });
});

describe('the value the vendor receives wins over a variable (unless the code names the vendor)', () => {
  const cases: [type: string, text: string, expected: string[]][] = [
    // A type with a `vendor`: a code context naming the vendor counts every ID in it.
    ['GoogleAnalyticsMeasurementId', `var GA_ID = "G-4HT8W2M6QJ"; gtag('config', '${G4}');`, [G4, 'G-4HT8W2M6QJ']],
    ['GoogleAnalyticsMeasurementId', `var GA_ID = "${G4}"; gtag('config', GA_ID);`, [G4]],
    ['GoogleAnalyticsTrackingId', `var UA_ID = 'UA-48213377-2'; ga('create', '${UA}', 'auto');`, [UA, 'UA-48213377-2']],
    [
      'GoogleTagManagerId',
      `var GTM_ID = 'GTM-K9XW2QP'; (function(w,d,s,l,i){})(window,document,'script','dataLayer','${GTM}');`,
      [GTM, 'GTM-K9XW2QP'],
    ],
    ['GoogleAdsConversionId', "var AW = 'AW-884213907'; gtag('config', 'AW-957301824');", ['AW-957301824']],
    ['YandexMetricaCounterId', `w.yaCounter57391846 = new Ya.Metrika({ id: ${YM}, clickmap: true });`, [YM]],
    [
      'LinkedInInsightPartnerId',
      '_linkedin_partner_id = "5519302"; window._linkedin_data_partner_ids.push("4478393");',
      ['4478393'],
    ],
    ['AdobeAnalyticsReportSuiteId', 'var s_account = "acmeold"; var s = s_gi("acmeprod");', ['acmeprod']],
    ['GoogleOptimizeId', "var OPT = 'OPT-K2M7XQ9'; ga('require', 'OPT-N9JH8J4');", ['OPT-N9JH8J4']],
  ];
  it.each(cases)('%s: %s', (type, text, expected) => {
    expect(
      scan('script', text)
        .filter((f) => f.type === type)
        .map((f) => f.value),
    ).toEqual(expected);
  });

  it('judges each text on its own: a variable in one script still counts when another text has the call', () => {
    const out = findTrackers({
      requests: [],
      documents: [{ url: PAGE, html: `<script>gtag('config', '${G4}');</script>` }],
      scripts: [
        { url: 'https://cdn.acme-corp.net/app.js', text: 'var GA_ID = "G-4HT8W2M6QJ"; gtag("config", GA_ID);' },
      ],
    });
    expect(out.filter((f) => f.type === 'GoogleAnalyticsMeasurementId').map((f) => `${f.value} ${f.source}`)).toEqual([
      `${G4} dom`,
      'G-4HT8W2M6QJ script',
    ]);
  });
});

describe('context: where an ID sits, and whether this visit ran it', () => {
  const contexts = (input: Partial<TrackerScanInput>, type: string) =>
    findTrackers({ requests: [], documents: [], scripts: [], ...input })
      .filter((f) => f.type === type)
      .map((f) => `${f.value} ${f.source} ${f.context}`);

  it('finds an ID in a branch for another host, in code that names the vendor', () => {
    const html = `<script>ga('create', '${UA}', 'auto'); if (location.hostname == "qa.acme-corp.net") { trackerId = 'UA-48213377-9'; } ga('send', 'pageview');</script>`;
    expect(contexts({ documents: [{ url: PAGE, html }] }, 'GoogleAnalyticsTrackingId')).toEqual([
      `${UA} dom inline-code`,
      'UA-48213377-9 dom inline-code',
    ]);
  });

  it('marks an ID the page requested executed, wherever else it was seen', () => {
    const html = `<script>gtag('config', '${G4}'); if (location.hostname.startsWith('staging')) gtag('config', 'G-4HT8W2M6QJ');</script>`;
    expect(
      contexts(
        {
          requests: [{ url: `https://www.google-analytics.com/g/collect?v=2&tid=${G4}` }],
          documents: [{ url: PAGE, html }],
        },
        'GoogleAnalyticsMeasurementId',
      ),
    ).toEqual([`${G4} network executed`, `${G4} dom executed`, 'G-4HT8W2M6QJ dom inline-code']);
  });

  it('names JSON blocks and data- attributes config, noscript markup noscript, meta tags markup', () => {
    const html = [
      '<meta name="google-site-verification" content="vT3kq9X2bLmN8pQrS4tUvW6xYz1AbCdEfGhIjKlMnOp">',
      '<script type="application/json">{"chartbeat":{"uid":47635}}</script>',
      '<div data-config=\'{"comscore":{"publisherId":"6035187"}}\'></div>',
      `<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=${GTM}"></iframe></noscript>`,
    ].join('\n');
    const out = findTrackers({ requests: [], documents: [{ url: PAGE, html }], scripts: [] }).map(
      (f) => `${f.type} ${f.context}`,
    );
    expect(out).toEqual(
      expect.arrayContaining([
        'GoogleSiteVerification markup',
        'ChartbeatAccountId config',
        'ComScoreClientId config',
        'GoogleTagManagerId noscript',
      ]),
    );
  });

  it('invents nothing: an ID-shaped string in code that does not name the vendor is not one', () => {
    const html = `<script>ga('create', '${UA}', 'auto');</script><script>var sku = 'UA-48213377-2'; render(sku);</script>`;
    expect(contexts({ documents: [{ url: PAGE, html }] }, 'GoogleAnalyticsTrackingId')).toEqual([
      `${UA} dom inline-code`,
    ]);
    // GTM- under ga('require', …) is an Optimize container, never a Tag Manager one.
    const optimize = `<script>ga('create', '${UA}', 'auto'); ga('require', 'GTM-N9JH8J4'); dataLayer.push({});</script>`;
    expect(contexts({ documents: [{ url: PAGE, html: optimize }] }, 'GoogleTagManagerId')).toEqual([]);
    expect(contexts({ documents: [{ url: PAGE, html: optimize }] }, 'GoogleOptimizeId')).toEqual([
      'GTM-N9JH8J4 dom inline-code',
    ]);
    expect(
      contexts(
        { requests: [{ url: 'https://www.googleoptimize.com/optimize.js?id=GTM-N9JH8J4' }] },
        'GoogleTagManagerId',
      ),
    ).toEqual([]);
  });
});

describe('codeSegments', () => {
  it('splits a document into scripts, JSON blocks, noscripts and data- attributes, in order', () => {
    const html =
      '<p data-x="1">a</p><script>var a = "<div data-y=\'2\'>";</script><noscript><img src=x></noscript><script type="application/ld+json">{}</script>';
    expect(codeSegments(html).map((s) => `${s.context}:${html.slice(s.start, s.end)}`)).toEqual([
      'config:1',
      'inline-code:var a = "<div data-y=\'2\'>";',
      'noscript:<img src=x>',
      'config:{}',
    ]);
  });

  it('stays linear on hostile markup: unclosed values and tags, 5 MB each', () => {
    for (const html of [
      ' data-a="'.repeat(560_000),
      '<script>'.repeat(625_000),
      '<noscript><script>'.repeat(280_000),
    ]) {
      const start = performance.now();
      codeSegments(html);
      findTrackers({ requests: [], documents: [{ url: PAGE, html }], scripts: [] });
      expect(performance.now() - start).toBeLessThan(3000);
    }
  });

  it('ends an unclosed script at the end of the text', () => {
    expect(codeSegments('<script>gtag(').map((s) => [s.start, s.end, s.context])).toEqual([[8, 13, 'inline-code']]);
  });
});

describe("AdSense: the page's publisher, never its platform", () => {
  it('types host, partner and video IDs apart from the publisher ID', () => {
    const html = [
      '<script>google_ad_client = "ca-pub-7306518232861540"; google_ad_host = "ca-host-pub-1556223355139109";</script>',
      '<ins class="adsbygoogle" data-ad-client="ca-pub-7306518232861540" data-ad-host="pub-1556223355139109"></ins>',
      '<input type="hidden" name="cx" value="partner-pub-4918273645091827:4719377260">',
      '<script>var adTagUrl = "https://googleads.g.doubleclick.net/pagead/ads?client=ca-video-pub-4918273645091827&ad_type=video";</script>',
    ].join('\n');
    expect(
      scan('html', html)
        .map((f) => `${f.type}=${f.value}`)
        .sort(),
    ).toEqual([
      'GoogleAdSenseHostId=ca-host-pub-1556223355139109',
      'GoogleAdSensePartnerId=partner-pub-4918273645091827',
      'GoogleAdSensePublisherId=ca-pub-7306518232861540',
      'GoogleAdSenseVideoPublisherId=ca-video-pub-4918273645091827',
    ]);
  });
});

describe('lists of IDs', () => {
  it('splits Adobe report suites, New Relic applications and Plausible domains into one value each', () => {
    const types = (loc: TrackerLocation, text: string, type: string) =>
      scan(loc, text)
        .filter((f) => f.type === type)
        .map((f) => f.value);
    expect(
      types(
        'url',
        'https://acme.sc.omtrdc.net/b/ss/AcmeProd,acmeglobal,acme-eu/1/JS-2.22.0/s7136?AQB=1',
        'AdobeAnalyticsReportSuiteId',
      ),
    ).toEqual(['acmeprod', 'acmeglobal', 'acme-eu']);
    expect(
      types(
        'html',
        `<script>;NREUM.info={"licenseKey":"${NR}","applicationID":"1491523,1491524"}</script>`,
        'NewRelicApplicationId',
      ),
    ).toEqual(['1491523', '1491524']);
    expect(
      types(
        'html',
        '<script defer data-domain="acme-corp.net,rollup.acme-corp.net" src="https://plausible.io/js/script.js"></script>',
        'PlausibleSiteDomain',
      ),
    ).toEqual(['acme-corp.net', 'rollup.acme-corp.net']);
  });
});

describe('garbage input', () => {
  it('never throws', () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536));
    const inputs: unknown[] = [
      undefined,
      null,
      {},
      { requests: null, documents: 'x', scripts: 42 },
      {
        requests: [null, 1, 'x', { url: 5 }, { url: null }, {}],
        documents: [{}, { html: {} }, { url: 1, html: 2 }],
        scripts: [[], { text: [] }],
      },
      {
        requests: [
          { url: 'http://[::1' },
          { url: '%E0%A4%A' },
          { url: `https://h.test/${binary}` },
          { url: '\uD800\uDC00\uD800' },
        ],
        documents: [
          {
            url: 'not a url',
            html: `<<<base href=<<meta name="google-site-verification" content=${binary}<!-- saved from url=(`,
          },
        ],
        scripts: [
          { url: '', text: binary },
          { url: 'x', text: '\u0000'.repeat(10_000) },
        ],
      },
    ];
    for (const input of inputs) {
      expect(() => findTrackers(input as TrackerScanInput)).not.toThrow();
      expect(Array.isArray(findTrackers(input as TrackerScanInput))).toBe(true);
    }
  });

  it('still finds IDs in broken HTML', () => {
    const html = `<div <<script>>ga('create', '${UA}'<</scr ipt><meta name="yandex-verification" content="5f4e3a2b1c0d9e8f"`;
    const types = scan('html', html).map((f) => f.type);
    expect(types).toContain('GoogleAnalyticsTrackingId');
    expect(types).toContain('YandexSiteVerification');
  });
});
