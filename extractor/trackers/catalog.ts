// The tracker catalog, as data. find.ts is generic over it: adding a tracker means adding
// an entry here (and a positive and a negative case in test/unit/trackers.test.ts).
//
// Pattern rules, checked by the tests: exactly one capture group (the ID), and only
// bounded quantifiers ({m,n}, ?), so that a megabyte of hostile text stays linear.
// Patterns are written without the `g` flag; the finder adds it.

/** Where an ID is looked for: request URLs, serialized frame DOM, loaded script bodies. */
export type TrackerLocation = 'url' | 'html' | 'script';

/** A value that is not an ID: exact string (after normalize), regex, or predicate. */
export type Placeholder = string | RegExp | ((value: string) => boolean);

export interface PatternTracker {
  type: string;
  description: string;
  /** True when the type name is PassiveTotal's, false when it is ours. */
  passiveTotal: boolean;
  in: readonly TrackerLocation[];
  patterns: readonly RegExp[];
  normalize?: (raw: string) => string | undefined;
  valid?: (value: string) => boolean;
  placeholders?: readonly Placeholder[];
  /** False for URL values: a path like /item/12345 is not a placeholder. Default true. */
  commonPlaceholders?: boolean;
}

/** A type computed from another type's value (one finding yields two rows). */
export interface DerivedTracker {
  type: string;
  description: string;
  passiveTotal: boolean;
  from: string;
  derive: (value: string) => string | undefined;
}

export type TrackerDefinition = PatternTracker | DerivedTracker;

export function isDerived(def: TrackerDefinition): def is DerivedTracker {
  return 'from' in def;
}

// ---------------------------------------------------------------------------------------
// Placeholders common to every type. Documentation snippets ship values such as
// UA-000000-1, GTM-XXXXXX, 1234567890 or YOUR_PIXEL_ID; they would otherwise link every
// site that copied a snippet unedited. Checks are on whole alphanumeric runs of the value,
// so a real random ID that merely contains "0000" is kept.

function runs(value: string): string[] {
  return value.split(/[^A-Za-z0-9]/).filter((r) => r.length > 0);
}

/** 123456, 1234567890123, 987654, abcdef: each character one above (or below) the last. */
function isCountingRun(run: string): boolean {
  if (run.length < 5) return false;
  const s = run.toLowerCase();
  const step = (a: number, b: number, d: number): boolean => {
    const isDigit = a >= 48 && a <= 57;
    if (isDigit) return b === 48 + ((a - 48 + d + 10) % 10);
    return b === a + d;
  };
  for (const d of [1, -1]) {
    let ok = true;
    for (let i = 1; i < s.length && ok; i++) ok = step(s.charCodeAt(i - 1), s.charCodeAt(i), d);
    if (ok) return true;
  }
  return false;
}

const PLACEHOLDER_WORDS = new Set([
  'your', 'yours', 'example', 'placeholder', 'dummy', 'sample', 'insert', 'replace', 'undefined', 'null',
]);

export const COMMON_PLACEHOLDERS: readonly Placeholder[] = [
  // A run of one repeated character: 000000, XXXXXX, xxxx.
  (v) => runs(v).some((r) => r.length >= 4 && /^(.)\1+$/.test(r)),
  (v) => runs(v).some(isCountingRun),
  (v) => runs(v).some((r) => PLACEHOLDER_WORDS.has(r.toLowerCase())),
];

export function matchesPlaceholder(value: string, list: readonly Placeholder[]): boolean {
  for (const p of list) {
    if (typeof p === 'string' ? p === value : p instanceof RegExp ? p.test(value) : p(value)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Small builders and value helpers (data construction, not per-type logic in the finder).

const upper = (s: string) => s.toUpperCase();
const lower = (s: string) => s.toLowerCase();

/** `<meta name="NAME" content="VALUE">` in either attribute order, VALUE matching `value`. */
function metaPatterns(name: string, value: string): RegExp[] {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    new RegExp(`\\sname=["']?${n}(?![\\w.:-])["']?[^<>]{0,80}?\\scontent=["']?(${value})["'\\s/>]`, 'i'),
    new RegExp(`\\scontent=["']?(${value})["']?[^<>]{0,80}?\\sname=["']?${n}["'\\s/>]`, 'i'),
  ];
}

/** Host of an absolute or protocol-relative URL; undefined otherwise (and for file:///). */
function hostOf(value: string): string | undefined {
  try {
    const u = new URL(value.startsWith('//') ? `http:${value}` : value);
    return u.hostname ? u.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** Host of a scheme-less "host/path" (HTTrack writes the source that way). */
function hostOfBare(value: string): string | undefined {
  return hostOf(/^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(value) ? value : `http://${value}`);
}

const isAbsoluteUrl = (v: string) => /^(?:[a-z][a-z0-9+.-]{0,20}:)?\/\//i.test(v);

/** Matomo: the site id only means something with its tracker, so the value is both. */
function matomoValue(raw: string): string | undefined {
  const base = /\/\/([^"'\s<>?#]{1,300})/.exec(raw)?.[1];
  const id = /(\d{1,6})$/.exec(raw)?.[1];
  if (!base || !id) return undefined;
  const dir = base.replace(/(?:matomo|piwik)\.php$/i, '').replace(/\/?$/, '/');
  return `${dir.toLowerCase()}?idsite=${id}`;
}

// Account paths on social sites that are features, not accounts.
const TWITTER_RESERVED = ['home', 'share', 'intent', 'search', 'hashtag', 'i', 'login', 'signup', 'privacy', 'tos',
  'explore', 'settings', 'messages', 'notifications', 'compose', 'about', 'download', 'widgets', 'jobs'];
const FACEBOOK_RESERVED = ['sharer', 'sharer.php', 'dialog', 'plugins', 'login', 'login.php', 'policies', 'privacy',
  'help', 'business', 'pages', 'groups', 'events', 'watch', 'marketplace', 'gaming', 'home.php', 'photo.php',
  'permalink.php', 'story.php', 'profile.php', 'legal', 'policy.php', 'settings', 'careers', 'share.php',
  'facebook', 'people', 'hashtag', 'reg', 'recover'];
const INSTAGRAM_RESERVED = ['p', 'reel', 'reels', 'explore', 'accounts', 'about', 'developer', 'legal', 'stories',
  'tv', 'direct', 'web', 'static', 'privacy', 'terms'];
const GITHUB_RESERVED = ['about', 'features', 'pricing', 'login', 'join', 'marketplace', 'sponsors', 'topics',
  'collections', 'trending', 'enterprise', 'security', 'site', 'contact', 'settings', 'orgs', 'apps', 'explore',
  'notifications', 'new', 'pulls', 'issues', 'customer-stories', 'readme', 'team', 'events', 'signup', 'logout',
  'search', 'codespaces', 'copilot', 'organizations', 'premium-support', 'nonprofit', 'mobile', 'home'];
const PINTEREST_RESERVED = ['pin', 'search', 'ideas', 'today', 'categories', 'business', 'explore', 'settings',
  'login', 'about', 'oauth', 'resource', 'home'];

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// ---------------------------------------------------------------------------------------

export const TRACKER_CATALOG: readonly TrackerDefinition[] = [
  // ----- Google -----
  {
    type: 'GoogleAnalyticsTrackingId',
    description: 'Universal Analytics property (UA-account-property)',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [/\b(UA-\d{4,10}-\d{1,4})\b/i],
    normalize: upper,
  },
  {
    type: 'GoogleAnalyticsAccountNumber',
    description: 'The UA-account part of a Universal Analytics tracking ID',
    passiveTotal: true,
    from: 'GoogleAnalyticsTrackingId',
    derive: (v) => /^(UA-\d{4,10})-\d{1,4}$/.exec(v)?.[1],
  },
  {
    type: 'GoogleAnalyticsMeasurementId',
    description: 'Google Analytics 4 measurement ID (G-…), from gtag.js, gtag config and GA4 hits',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /[?&](?:id|tid)=(G-[A-Z0-9]{8,12})\b/,
      /["'](G-[A-Z0-9]{8,12})["']/,
    ],
  },
  {
    type: 'GoogleTagManagerId',
    description: 'Google Tag Manager container (GTM-…), from gtm.js / ns.html or the snippet',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /[?&]id=(GTM-[A-Z0-9]{4,9})\b/,
      /["'](GTM-[A-Z0-9]{4,9})["']/,
    ],
  },
  {
    type: 'GoogleAdsConversionId',
    description: 'Google Ads account (AW-…), also from conversion-pixel paths',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\b(AW-\d{8,11})\b/,
      /googleadservices\.com\/pagead\/conversion\/(\d{8,11})\//,
      /googleads\.g\.doubleclick\.net\/pagead\/viewthroughconversion\/(\d{8,11})\//,
      /google_conversion_id\s{0,5}=\s{0,5}["']?(\d{8,11})\b/,
    ],
    normalize: (v) => (v.startsWith('AW-') ? v : `AW-${v}`),
  },
  {
    type: 'GoogleAdSensePublisherId',
    description: 'AdSense publisher (ca-pub-16 digits), from adsbygoogle.js?client= or data-ad-client',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/\b((?:ca-)?pub-\d{16})\b/i],
    normalize: (v) => (v.toLowerCase().startsWith('ca-') ? v.toLowerCase() : `ca-${v.toLowerCase()}`),
  },
  {
    type: 'GoogleOptimizeId',
    description: 'Google Optimize container (OPT-…; service ended 2023, still on old pages)',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /optimize\.js\?id=((?:OPT|GTM)-[A-Z0-9]{5,9})\b/,
      /["'](OPT-[A-Z0-9]{5,9})["']/,
    ],
    valid: (v) => /\d/.test(v),
  },
  {
    type: 'GoogleSiteVerification',
    description: 'Google Search Console meta tag (google-site-verification, legacy verify-v1)',
    passiveTotal: false,
    in: ['html'],
    patterns: [
      ...metaPatterns('google-site-verification', '[A-Za-z0-9_+=-]{40,50}'),
      ...metaPatterns('verify-v1', '[A-Za-z0-9_+=/-]{40,50}'),
    ],
  },

  // ----- Other analytics and tag vendors -----
  {
    type: 'FacebookId',
    description: 'Meta (Facebook) pixel ID: fbq init, noscript /tr?id=, signals config request',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /fbq\(\s{0,5}["']init["']\s{0,5},\s{0,5}["'](\d{10,20})["']/,
      /facebook\.com\/tr\/?\?(?:[^"'\s<>#?]{0,500}?&)?id=(\d{10,20})\b/,
      /connect\.facebook\.net\/signals\/config\/(\d{10,20})\b/,
      /["']addPixelId["']\s{0,5},\s{0,5}["'](\d{10,20})["']/,
    ],
  },
  {
    type: 'NewRelicId',
    description: 'New Relic browser licenseKey (NREUM info / loader_config, bam.nr-data.net path)',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    // Other SDKs have a "licenseKey" too: only NREUM's own objects count.
    patterns: [
      /NREUM\.(?:info|loader_config)\s{0,5}=\s{0,5}\{[^{}]{0,500}?["']?licenseKey["']?\s{0,5}:\s{0,5}["']((?:NRJS-)?[0-9a-f]{10,40})["']/,
      /bam(?:-cell)?\.(?:eu01\.)?nr-data\.net\/\d{1,2}\/((?:NRJS-)?[0-9a-f]{10,40})\?/,
    ],
  },
  {
    type: 'NewRelicApplicationId',
    description: 'New Relic browser applicationID (same snippet as the licenseKey)',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /NREUM\.(?:info|loader_config)\s{0,5}=\s{0,5}\{[^{}]{0,500}?["']?applicationID["']?\s{0,5}:\s{0,5}["']?(\d{4,12})\b/,
      /nr-data\.net\/\d{1,2}\/(?:NRJS-)?[0-9a-f]{10,40}\?(?:[^"'\s<>#?]{0,300}?&)?a=(\d{4,12})\b/,
    ],
  },
  {
    type: 'YandexMetricaCounterId',
    description: 'Yandex Metrica counter: ym(id,"init"), tag.js?id=, /watch/<id>, yaCounter<id>',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bym\(\s{0,5}(\d{5,10})\s{0,5},\s{0,5}["']init["']/,
      /mc\.yandex\.(?:ru|com|by|kz|ua|com\.tr)\/(?:watch|webvisor)\/(\d{5,10})\b/,
      /mc\.yandex\.(?:ru|com|by|kz|ua|com\.tr)\/metrika\/tag\.js\?id=(\d{5,10})\b/,
      /\byaCounter(\d{5,10})\b/,
    ],
  },
  {
    type: 'MixpanelId',
    description: 'Mixpanel project token from mixpanel.init',
    passiveTotal: true,
    in: ['html', 'script'],
    patterns: [/mixpanel\.init\(\s{0,5}["']([0-9a-f]{32})["']/],
  },
  {
    type: 'ClickyId',
    description: 'Clicky site id: clicky_site_ids.push, data-id on the getclicky script, ns.gif pixel, in.php hits',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /clicky_site_ids\.push\(\s{0,5}["']?(\d{4,12})\b/,
      /data-id=["'](\d{4,12})["'][^<>]{0,100}?getclicky\.com\//,
      /getclicky\.com\/js["'][^<>]{0,100}?data-id=["'](\d{4,12})["']/,
      /in\.getclicky\.com\/(\d{4,12})ns\.gif/,
      /getclicky\.com\/in\.php\?(?:[^"'\s<>#?]{0,500}?&)?site_id=(\d{4,12})\b/,
      /static\.getclicky\.com\/(\d{6,12})\.js\b/,
    ],
  },
  {
    type: 'OptimizelyId',
    description: 'Optimizely project snippet cdn.optimizely.com/js/<id>.js',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [/cdn\.optimizely\.com\/js\/(\d{6,15})\.js/],
  },
  {
    type: 'WhosAmungUsId',
    description: "Whos.amung.us widget key: _wau.push([..., key]), WAU_<style>(key), ping ?k=",
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /_wau\.push\(\s{0,5}\[\s{0,5}["'][a-z]{1,20}["']\s{0,5},\s{0,5}["']([a-z0-9]{8,16})["']/,
      /\bWAU_[a-z]{1,20}\(\s{0,5}["']([a-z0-9]{8,16})["']/,
      /amung\.us\/[a-z0-9/._-]{0,50}\?(?:[^"'\s<>#?]{0,300}?&)?k=([a-z0-9]{8,16})\b/,
    ],
  },
  {
    type: 'AddThisPubId',
    description: 'AddThis publisher id (ra-16 hex) from addthis_widget.js#pubid= or addthis_config',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /[#?&]pubid=(ra-[0-9a-f]{16})\b/,
      /["']?pubid["']?\s{0,5}:\s{0,5}["'](ra-[0-9a-f]{16})["']/,
    ],
  },
  {
    type: 'AddThisUsername',
    description: 'Legacy AddThis account username (addthis_widget.js#username=, bookmark.php?username=)',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /addthis(?:_widget\.js#|\.com\/bookmark\.php\?)(?:[^"'\s<>#?]{0,200}?&)?username=([A-Za-z0-9_.-]{3,40})/,
      /addthis_config\s{0,5}=\s{0,5}\{[^}]{0,300}?["']?username["']?\s{0,5}:\s{0,5}["']([A-Za-z0-9_.-]{3,40})["']/,
    ],
  },
  {
    type: '51laId',
    description: '51.la statistics id: js.users.51.la/<id>.js, or LA.init({id:…}) of the newer SDK',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /js\.users\.51\.la\/(\d{5,12})\.js/,
      /\bLA\.init\(\s{0,5}\{\s{0,5}["']?id["']?\s{0,5}:\s{0,5}["']([A-Za-z0-9]{8,24})["']/,
    ],
  },
  {
    type: 'HotjarId',
    description: 'Hotjar site id: _hjSettings hjid, hotjar-<id>.js, Contentsquare csq-<id>.js loader',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bhjid\s{0,5}:\s{0,5}(\d{4,10})\b/,
      /static\.hotjar\.com\/c\/hotjar-(\d{4,10})\.js/,
      /static\.hj\.contentsquare\.net\/c\/csq-(\d{4,10})\.js/,
    ],
  },
  {
    type: 'MicrosoftClarityId',
    description: 'Microsoft Clarity project: clarity.ms/tag/<id> or the snippet argument',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /clarity\.ms\/tag\/([a-z0-9]{8,12})\b/,
      /["']clarity["']\s{0,5},\s{0,5}["']script["']\s{0,5},\s{0,5}["']([a-z0-9]{8,12})["']/,
    ],
  },
  {
    type: 'BaiduTongjiId',
    description: 'Baidu Tongji site (32 hex) from hm.baidu.com/hm.js?<id> (legacy h.js%3F<id>)',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/hm\.baidu\.com\/hm?\.js(?:\?|%3F)([0-9a-f]{32})(?![0-9a-f])/i],
    normalize: lower,
  },
  {
    type: 'MatomoSiteId',
    description: 'Matomo/Piwik site id with its tracker, value "<tracker host/path>/?idsite=<n>"',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /((?:https?:)?\/\/[a-z0-9.-]{1,253}(?::\d{1,5})?(?:\/[^?#"'\s<>/]{1,100}){0,5}\/(?:matomo|piwik)\.php\?[^#"'\s<>?]{0,500}?\bidsite=\d{1,6})\b/i,
      /\bvar\s{1,5}u\s{0,5}=\s{0,5}["']((?:https?:)?\/\/[^"'\s<>]{1,300}["'][^<>]{0,400}?["']setSiteId["']\s{0,5},\s{0,5}["']?\d{1,6})\b/,
    ],
    normalize: matomoValue,
  },
  {
    type: 'SegmentWriteKey',
    description: 'Segment source write key: analytics.load("…"), cdn.segment.com paths',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\banalytics\.load\(\s{0,5}["']([A-Za-z0-9]{10,64})["']/,
      /cdn\.segment\.(?:com|io)\/analytics\.js\/v1\/([A-Za-z0-9]{10,64})\/(?:platform\/)?analytics/,
      /cdn\.segment\.(?:com|io)\/v1\/projects\/([A-Za-z0-9]{10,64})\/settings/,
    ],
  },
  {
    type: 'TikTokPixelId',
    description: 'TikTok pixel: ttq.load("…"), events.js?sdkid=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bttq\.load\(\s{0,5}["']([A-Z0-9]{20})["']/,
      /analytics\.tiktok\.com\/i18n\/pixel\/events\.js\?(?:[^"'\s<>#?]{0,200}?&)?sdkid=([A-Z0-9]{20})\b/,
    ],
  },
  {
    type: 'LinkedInInsightPartnerId',
    description: 'LinkedIn Insight Tag partner id: _linkedin_partner_id, data_partner_ids.push, px.ads pixel',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\b_linkedin_partner_id\s{0,5}=\s{0,5}["']?(\d{4,10})\b/,
      /\b_linkedin_data_partner_ids\.push\(\s{0,5}["']?(\d{4,10})\b/,
      /px\.ads\.linkedin\.com\/collect\/?\?(?:[^"'\s<>#?]{0,300}?&)?pid=(\d{4,10})\b/,
    ],
  },
  {
    type: 'PinterestTagId',
    description: 'Pinterest tag: pintrk("load","…"), ct.pinterest.com ?tid=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bpintrk\(\s{0,5}["']load["']\s{0,5},\s{0,5}["'](\d{10,16})["']/,
      /ct\.pinterest\.com\/[a-z0-9/]{0,20}\?(?:[^"'\s<>#?]{0,300}?&)?tid=(\d{10,16})\b/,
    ],
  },
  {
    type: 'TwitterPixelId',
    description: 'X/Twitter pixel: twq("config"|"init", id), legacy trackPid, adsct ?txn_id=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\btwq\(\s{0,5}["'](?:config|init)["']\s{0,5},\s{0,5}["']([a-z0-9]{5,8})["']/,
      /\btwttr\.conversion\.trackPid\(\s{0,5}["']([a-z0-9]{5,8})["']/,
      /(?:analytics\.twitter\.com|t\.co)\/i\/adsct\?(?:[^"'\s<>#?]{0,300}?&)?txn_id=([a-z0-9]{5,8})\b/,
    ],
  },
  {
    type: 'StatCounterProjectId',
    description: 'StatCounter project: sc_project=, c.statcounter.com/<project>/0/<security>/ pixel',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bsc_project\s{0,5}=\s{0,5}["']?(\d{5,10})\b/,
      /c\.statcounter\.com\/(\d{5,10})\/0\//,
    ],
  },
  {
    type: 'HubSpotPortalId',
    description: 'HubSpot portal (hub) id: js.hs-scripts.com/<id>.js, hs-analytics, data-hsjs-portal',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /js(?:-[a-z]{2,3}\d{1,2})?\.hs-scripts\.com\/(\d{3,10})\.js/,
      /js(?:-[a-z]{2,3}\d{1,2})?\.hs-analytics\.net\/analytics\/\d{6,13}\/(\d{3,10})\.js/,
      /\bdata-hsjs-portal=["']?(\d{3,10})\b/,
    ],
  },
  {
    type: 'CloudflareWebAnalyticsToken',
    description: 'Cloudflare Web Analytics beacon token in data-cf-beacon (public by design)',
    passiveTotal: false,
    in: ['html'],
    patterns: [/data-cf-beacon=["']?\{[^<>]{0,300}?"token"\s{0,5}:\s{0,5}"([0-9a-f]{32})"/],
  },
  {
    type: 'QuantcastAccountId',
    description: 'Quantcast account (p-…): qacct in _qevents, quantserve pixel',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bqacct\s{0,5}:\s{0,5}["'](p-[A-Za-z0-9_-]{8,20})["']/,
      /pixel\.quantserve\.com\/pixel\/(p-[A-Za-z0-9_-]{8,20})\.gif/,
    ],
  },
  {
    type: 'AdobeAnalyticsReportSuiteId',
    description: 'Adobe Analytics report suite(s): s.account, /b/ss/<rsid>/ beacons',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\/b\/ss\/([A-Za-z0-9_.,-]{3,100})\/\d{1,2}\//,
      /\bs\.account\s{0,5}=\s{0,5}["']([A-Za-z0-9_.,-]{3,100})["']/,
    ],
    normalize: lower,
    placeholders: [/rsid/i],
  },

  // ----- Captcha site keys -----
  {
    type: 'RecaptchaSiteKey',
    description: 'Google reCAPTCHA site key (6L…, 40 chars): data-sitekey, render=, anchor ?k=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /data-sitekey=["'](6L[A-Za-z0-9_-]{38})["']/,
      /recaptcha\/(?:api|enterprise)\.js\?(?:[^"'\s<>#?]{0,300}?&)?render=(6L[A-Za-z0-9_-]{38})(?![A-Za-z0-9_-])/,
      /recaptcha\/(?:api2|enterprise)\/(?:anchor|bframe|reload)\?(?:[^"'\s<>#?]{0,500}?&)?k=(6L[A-Za-z0-9_-]{38})(?![A-Za-z0-9_-])/,
      /grecaptcha(?:\.enterprise)?\.execute\(\s{0,5}["'](6L[A-Za-z0-9_-]{38})["']/,
    ],
    // Google's published test key.
    placeholders: ['6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI'],
  },
  {
    type: 'HCaptchaSiteKey',
    description: 'hCaptcha site key (UUID): data-sitekey, checksiteconfig/getcaptcha requests',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      new RegExp(`data-sitekey=["'](${GUID})["']`, 'i'),
      new RegExp(`hcaptcha\\.com/checksiteconfig\\?(?:[^"'\\s<>#?]{0,300}?&)?sitekey=(${GUID})\\b`, 'i'),
      new RegExp(`hcaptcha\\.com/getcaptcha/(${GUID})\\b`, 'i'),
    ],
    normalize: lower,
    // hCaptcha's published test keys.
    placeholders: [/^[123]0000000-ffff-ffff-ffff-00000000000[123]$/],
  },
  {
    type: 'TurnstileSiteKey',
    description: 'Cloudflare Turnstile site key (0x4…): data-sitekey, turnstile.render, challenge iframe path',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /data-sitekey=["'](0x4[A-Za-z0-9_-]{18,30})["']/,
      /\bsitekey["']?\s{0,5}:\s{0,5}["'](0x4[A-Za-z0-9_-]{18,30})["']/,
      /challenges\.cloudflare\.com\/cdn-cgi\/challenge-platform\/[^"'\s<>?#]{0,300}?\/(0x4[A-Za-z0-9_-]{18,30})\//,
    ],
  },

  // ----- Site-verification meta tags -----
  {
    type: 'BingSiteVerification',
    description: 'Bing Webmaster meta tag msvalidate.01',
    passiveTotal: false,
    in: ['html'],
    patterns: metaPatterns('msvalidate.01', '[0-9A-Fa-f]{32}'),
    normalize: upper,
  },
  {
    type: 'YandexSiteVerification',
    description: 'Yandex Webmaster meta tag yandex-verification',
    passiveTotal: false,
    in: ['html'],
    patterns: metaPatterns('yandex-verification', '[0-9a-f]{16}'),
  },
  {
    type: 'FacebookDomainVerification',
    description: 'Meta Business domain verification meta tag facebook-domain-verification',
    passiveTotal: false,
    in: ['html'],
    patterns: metaPatterns('facebook-domain-verification', '[a-z0-9]{30}'),
  },
  {
    type: 'PinterestDomainVerification',
    description: 'Pinterest domain claim meta tag p:domain_verify',
    passiveTotal: false,
    in: ['html'],
    patterns: metaPatterns('p:domain_verify', '[0-9a-f]{32}'),
  },
  {
    type: 'BaiduSiteVerification',
    description: 'Baidu Webmaster meta tag baidu-site-verification',
    passiveTotal: false,
    in: ['html'],
    patterns: metaPatterns('baidu-site-verification', '(?:code-)?[A-Za-z0-9]{10}'),
  },
  {
    type: 'AhrefsSiteVerification',
    description: 'Ahrefs Webmaster Tools meta tag ahrefs-site-verification',
    passiveTotal: false,
    in: ['html'],
    patterns: metaPatterns('ahrefs-site-verification', '[0-9a-f]{64}'),
  },

  // ----- Copy-source markers: where a (phishing) copy of a page was taken from -----
  {
    type: 'DocumentBaseAddress',
    description: '<base href> of the document (absolute URLs only)',
    passiveTotal: true,
    in: ['html'],
    patterns: [/<base\s[^<>]{0,100}?\bhref=["']?([^"'\s<>]{1,2048})/i],
    valid: isAbsoluteUrl,
    commonPlaceholders: false,
  },
  {
    type: 'DocumentBaseHost',
    description: 'Host of the <base href>',
    passiveTotal: true,
    from: 'DocumentBaseAddress',
    derive: hostOf,
  },
  {
    type: 'HTTrackSourceAddress',
    description: 'HTTrack comment "Mirrored from <X> by HTTrack Website Copier" (X as written, no scheme)',
    passiveTotal: true,
    in: ['html'],
    patterns: [/Mirrored from ([^\s<>"]{1,2048}) by HTTrack Website Copier/],
    commonPlaceholders: false,
  },
  {
    type: 'HTTrackSourceHost',
    description: 'Host of the HTTrack source',
    passiveTotal: true,
    from: 'HTTrackSourceAddress',
    derive: hostOfBare,
  },
  {
    type: 'MarkOfTheWebSourceAddress',
    description: 'Mark of the Web comment "saved from url=(nnnn)<URL>" (about:internet is not a source)',
    passiveTotal: true,
    in: ['html'],
    patterns: [/saved from url=\(\d{4}\)([^\s<>"]{1,2048}?)\s{0,10}-->/i],
    valid: isAbsoluteUrl,
    commonPlaceholders: false,
  },
  {
    type: 'MarkOfTheWebSourceHost',
    description: 'Host of the Mark of the Web source',
    passiveTotal: true,
    from: 'MarkOfTheWebSourceAddress',
    derive: hostOf,
  },
  {
    type: 'SingleFileSourceAddress',
    description: 'SingleFile comment "Page saved with SingleFile" followed by "url: <URL>"',
    passiveTotal: true,
    in: ['html'],
    patterns: [/Page saved with SingleFile\s{0,40}url:\s{0,10}([a-z][a-z0-9+.-]{0,20}:\/\/[^\s<>"]{1,2048})/i],
    commonPlaceholders: false,
  },
  {
    type: 'SingleFileSourceHost',
    description: 'Host of the SingleFile source',
    passiveTotal: true,
    from: 'SingleFileSourceAddress',
    derive: hostOf,
  },

  // ----- Social accounts linked from the page (profile links, not share buttons) -----
  {
    type: 'TwitterId',
    description: 'X/Twitter account linked from the page (twitter.com|x.com/<handle>)',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/@?([A-Za-z0-9_]{1,15})\/?["'?#]/],
    normalize: lower,
    placeholders: TWITTER_RESERVED,
  },
  {
    type: 'FacebookProfileId',
    description: 'Facebook page/profile linked from the page (facebook.com/<name>, profile.php?id=)',
    passiveTotal: false,
    in: ['html'],
    patterns: [
      /\/\/(?:www\.|m\.|web\.)?facebook\.com\/([A-Za-z0-9.]{5,50})\/?["'?#]/,
      /\/\/(?:www\.|m\.|web\.)?facebook\.com\/profile\.php\?id=(\d{5,20})\b/,
    ],
    normalize: lower,
    placeholders: FACEBOOK_RESERVED,
  },
  {
    type: 'InstagramId',
    description: 'Instagram account linked from the page',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:www\.)?instagram\.com\/([A-Za-z0-9_.]{1,30})\/?["'?#]/],
    normalize: lower,
    placeholders: INSTAGRAM_RESERVED,
  },
  {
    type: 'GitHubId',
    description: 'GitHub user or organisation linked from the page (not repository links)',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/?["'?#]/],
    normalize: lower,
    placeholders: GITHUB_RESERVED,
  },
  {
    type: 'LinkedInId',
    description: 'LinkedIn profile or company linked from the page, value "in/<name>" or "company/<name>"',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:[a-z]{2,3}\.)?linkedin\.com\/((?:in|company|school)\/[A-Za-z0-9_%.-]{2,100})\/?["'?#]/],
    normalize: lower,
  },
  {
    type: 'PinterestId',
    description: 'Pinterest account linked from the page',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:[a-z]{2,3}\.)?pinterest\.(?:com|[a-z]{2,3}(?:\.[a-z]{2})?)\/([A-Za-z0-9_]{3,30})\/?["'?#]/],
    normalize: lower,
    placeholders: PINTEREST_RESERVED,
  },
  {
    type: 'YouTubeChannel',
    description: 'YouTube channel id (UC + 22) linked from the page',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:www\.|m\.)?youtube\.com\/channel\/(UC[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/],
  },
  {
    type: 'YouTubeId',
    description: 'YouTube handle or legacy name linked from the page, value "@handle", "user/<n>" or "c/<n>"',
    passiveTotal: true,
    in: ['html'],
    patterns: [/\/\/(?:www\.|m\.)?youtube\.com\/((?:@|user\/|c\/)[A-Za-z0-9_.-]{3,100})\/?["'?#]/],
    normalize: lower,
  },
];
