// The tracker catalog, as data. find.ts is generic over it: adding a tracker means adding
// an entry here (and a positive and a negative case in test/unit/trackers.test.ts).
//
// Pattern rules, checked by the tests: exactly one capture group (the ID), only bounded
// quantifiers ({m,n}, ?), and linear time on any text, so that the finder can scan every
// text whole. A long gap a pattern scans over (the rest of a URL query, an object literal)
// excludes a character that the pattern's own start contains (`?` for a query, `{` for an
// object): the scans of two candidates never overlap, and the bound can be as long as real
// pages need (a query: 16 KiB, so an ID at the end of a long beacon URL is found). Gaps that
// may cross candidates stay short (inside one tag: 500). A test repeats every pattern's own
// match 2 MB long and times it. Patterns are written without the `g` flag; the finder adds it.
//
// The value the vendor's code receives wins over a variable: an entry's `patterns` read the
// ID where the vendor's code gets it (a call such as gtag('config', …), the object it reads,
// the request it sends); `fallbackPatterns` read it from a variable's name or from any quoted
// string, and count in a text only when `patterns` found nothing there. So
// `var GA_ID = "G-AAAA"; gtag('config', 'G-BBBB')` is G-BBBB, and `gtag('config', GA_ID)` is
// G-AAAA.

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
  /** Where the vendor's code receives the ID: a call, the object it reads, its requests. */
  patterns: readonly RegExp[];
  /** A variable's name or any quoted string: used in a text only when `patterns` found nothing there. */
  fallbackPatterns?: readonly RegExp[];
  /**
   * Names the vendor (its script, its global, its config key). In a code context (a script,
   * inline or loaded; a JSON block; a data- attribute; a noscript) whose text matches it,
   * `fallbackPatterns` count even beside IDs `patterns` found: an ID for another host's
   * branch or in a config object is the page's too. Never used on markup or request URLs.
   */
  vendor?: RegExp;
  /**
   * Read only in a code context that `vendor` matches (never alone): keys too generic to
   * name the vendor by themselves, such as comScore's c2 or cs_c2.
   */
  vendorPatterns?: readonly RegExp[];
  /** The capture is a list of IDs separated by this (Adobe's "suite1,suite2"): one value each. */
  list?: string;
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
  'your',
  'yours',
  'example',
  'placeholder',
  'dummy',
  'sample',
  'insert',
  'replace',
  'undefined',
  'null',
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

/** How far a pattern scans a URL's query for its parameter: beacon URLs run to thousands of characters. */
const QUERY_SCAN = 16_384;

/**
 * `PREFIX?…&PARAM=VALUE`: a parameter anywhere in the query of a URL that starts with PREFIX
 * (a regex source). The scan excludes `?`, so it stops where the next candidate starts.
 */
function queryParam(prefix: string, param: string, value: string, end = '\\b', flags = ''): RegExp {
  return new RegExp(`${prefix}\\?(?:[^"'\\s<>#?]{0,${QUERY_SCAN}}?&)?${param}=(${value})${end}`, flags);
}

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
    return undefined; // not a URL: no host
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

/** Piwik PRO: the site (a UUID) with its account's tracker host, "<account>.piwik.pro/<site>". */
function piwikProValue(raw: string): string | undefined {
  const account = /([a-z0-9-]{1,63})\.(?:containers\.)?piwik\.pro\b/i.exec(raw)?.[1];
  const site = new RegExp(`(${GUID})$`, 'i').exec(raw)?.[1];
  return account && site ? `${account}.piwik.pro/${site}`.toLowerCase() : undefined;
}

// Account paths on social sites that are features, not accounts.
const TWITTER_RESERVED = [
  'home',
  'share',
  'intent',
  'search',
  'hashtag',
  'i',
  'login',
  'signup',
  'privacy',
  'tos',
  'explore',
  'settings',
  'messages',
  'notifications',
  'compose',
  'about',
  'download',
  'widgets',
  'jobs',
];
const FACEBOOK_RESERVED = [
  'sharer',
  'sharer.php',
  'dialog',
  'plugins',
  'login',
  'login.php',
  'policies',
  'privacy',
  'help',
  'business',
  'pages',
  'groups',
  'events',
  'watch',
  'marketplace',
  'gaming',
  'home.php',
  'photo.php',
  'permalink.php',
  'story.php',
  'profile.php',
  'legal',
  'policy.php',
  'settings',
  'careers',
  'share.php',
  'facebook',
  'people',
  'hashtag',
  'reg',
  'recover',
];
const INSTAGRAM_RESERVED = [
  'p',
  'reel',
  'reels',
  'explore',
  'accounts',
  'about',
  'developer',
  'legal',
  'stories',
  'tv',
  'direct',
  'web',
  'static',
  'privacy',
  'terms',
];
const GITHUB_RESERVED = [
  'about',
  'features',
  'pricing',
  'login',
  'join',
  'marketplace',
  'sponsors',
  'topics',
  'collections',
  'trending',
  'enterprise',
  'security',
  'site',
  'contact',
  'settings',
  'orgs',
  'apps',
  'explore',
  'notifications',
  'new',
  'pulls',
  'issues',
  'customer-stories',
  'readme',
  'team',
  'events',
  'signup',
  'logout',
  'search',
  'codespaces',
  'copilot',
  'organizations',
  'premium-support',
  'nonprofit',
  'mobile',
  'home',
];
const PINTEREST_RESERVED = [
  'pin',
  'search',
  'ideas',
  'today',
  'categories',
  'business',
  'explore',
  'settings',
  'login',
  'about',
  'oauth',
  'resource',
  'home',
];

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// ---------------------------------------------------------------------------------------

export const TRACKER_CATALOG: readonly TrackerDefinition[] = [
  // ----- Google -----
  {
    type: 'GoogleAnalyticsTrackingId',
    description:
      'Universal Analytics property (UA-account-property): ga create, _setAccount, gtag config, hits; else any UA- string',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /["'](?:create|_setAccount|config)["']\s{0,5},\s{0,5}["'](UA-\d{4,10}-\d{1,4})["']/i,
      /\btrackingId["']?\s{0,5}:\s{0,5}["'](UA-\d{4,10}-\d{1,4})["']/i,
      /\b_gat\._(?:get|create)Tracker\(\s{0,5}["'](UA-\d{4,10}-\d{1,4})["']/i,
      /\b_uacct\s{0,5}=\s{0,5}["'](UA-\d{4,10}-\d{1,4})["']/i,
      /[?&](?:tid|id)=(UA-\d{4,10}-\d{1,4})\b/i,
    ],
    fallbackPatterns: [/\b(UA-\d{4,10}-\d{1,4})\b/i],
    vendor:
      /google-analytics|googletagmanager|analytics\.js|\bga\.js|\bgtag\b|\b_gaq\b|GoogleAnalyticsObject|google_?analytics|\bga\s{0,3}\(/i,
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
    description: 'Google Analytics 4 measurement ID (G-…): gtag.js, gtag config / send_to, GA4 hits; else a quoted G-…',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /[?&](?:id|tid)=(G-[A-Z0-9]{8,12})\b/,
      /["']config["']\s{0,5},\s{0,5}["'](G-[A-Z0-9]{8,12})["']/,
      /\bsend_to["']?\s{0,5}:\s{0,5}["'](G-[A-Z0-9]{8,12})["']/,
    ],
    fallbackPatterns: [/["'](G-[A-Z0-9]{8,12})["']/],
    vendor: /googletagmanager|\bgtag\b|google_?analytics|measurement_?id/i,
  },
  {
    type: 'GoogleTagManagerId',
    description: 'Google Tag Manager container (GTM-…): gtm.js / ns.html, the snippet call; else a quoted GTM-…',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      // optimize.js?id=GTM-… is a Google Optimize container (GoogleOptimizeId).
      /(?<!optimize\.js)[?&]id=(GTM-[A-Z0-9]{4,9})\b/,
      /["']script["']\s{0,5},\s{0,5}["'][\w$]{1,50}["']\s{0,5},\s{0,5}["'](GTM-[A-Z0-9]{4,9})["']/,
    ],
    // ga('require', 'GTM-…') loads an Optimize container, not a Tag Manager one.
    fallbackPatterns: [/(?<!["']require["']\s{0,5},\s{0,5})["'](GTM-[A-Z0-9]{4,9})["']/],
    vendor: /googletagmanager|gtm\.js|\bdataLayer\b|google_?tag_?manager|\bgtm_?(?:id|container)/i,
  },
  {
    type: 'GoogleAdsConversionId',
    description:
      'Google Ads account (AW-…): gtag config / send_to, gtag.js, conversion-pixel paths; else any AW- string',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /["']config["']\s{0,5},\s{0,5}["'](AW-\d{8,11})["']/,
      /\bsend_to["']?\s{0,5}:\s{0,5}["'](AW-\d{8,11})[/"']/,
      /[?&]id=(AW-\d{8,11})\b/,
      /googleadservices\.com\/pagead\/conversion\/(\d{8,11})\//,
      /googleads\.g\.doubleclick\.net\/pagead\/viewthroughconversion\/(\d{8,11})\//,
      /google_conversion_id\s{0,5}=\s{0,5}["']?(\d{8,11})\b/,
    ],
    fallbackPatterns: [/\b(AW-\d{8,11})\b/],
    normalize: (v) => (v.startsWith('AW-') ? v : `AW-${v}`),
  },
  {
    type: 'GoogleAdSensePublisherId',
    description:
      "The page's own AdSense publisher: ca-pub- (data-ad-client, client=, google_ad_client), a bare pub- not set as a host",
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/(?<![\w-])(ca-pub-\d{16})(?!\d)/i, /(?<![\w-]|host["']?\s{0,5}[=:]\s{0,5}["']?)(pub-\d{16})(?!\d)/i],
    normalize: (v) => (v.toLowerCase().startsWith('ca-') ? v.toLowerCase() : `ca-${v.toLowerCase()}`),
  },
  {
    type: 'GoogleAdSenseHostId',
    description:
      "An AdSense host platform's account (ca-host-pub-, google_ad_host, data-ad-host, host=): shared by every site on the platform",
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/(?<![\w-])(ca-host-pub-\d{16})(?!\d)/i, /host["']?\s{0,5}[=:]\s{0,5}["']?(pub-\d{16})(?!\d)/i],
    normalize: (v) => (v.toLowerCase().startsWith('ca-host-') ? v.toLowerCase() : `ca-host-${v.toLowerCase()}`),
  },
  {
    type: 'GoogleAdSensePartnerId',
    description: 'AdSense partner account (partner-pub-): AdSense for Search, e.g. a search box cx=partner-pub-…:…',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/(?<![\w-])(partner-pub-\d{16})(?!\d)/i],
    normalize: lower,
  },
  {
    type: 'GoogleAdSenseVideoPublisherId',
    description: 'AdSense for video publisher (ca-video-pub-), the client of IMA video ad requests',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/(?<![\w-])(ca-video-pub-\d{16})(?!\d)/i],
    normalize: lower,
  },
  {
    type: 'GoogleOptimizeId',
    description:
      'Google Optimize container (OPT-… or GTM-…; service ended 2023): optimize.js, optimize_id, ga require; else a quoted OPT-…',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /optimize\.js\?id=((?:OPT|GTM)-[A-Z0-9]{5,9})\b/,
      /\boptimize_id["']?\s{0,5}:\s{0,5}["']((?:OPT|GTM)-[A-Z0-9]{5,9})["']/,
      // ga('require', 'GTM-…'): Optimize containers were GTM- IDs too.
      /["']require["']\s{0,5},\s{0,5}["']((?:OPT|GTM)-[A-Z0-9]{5,9})["']/,
    ],
    fallbackPatterns: [/["'](OPT-[A-Z0-9]{5,9})["']/],
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
      queryParam('facebook\\.com\\/tr\\/?', 'id', '\\d{10,20}'),
      /connect\.facebook\.net\/signals\/config\/(\d{10,20})\b/,
      /["']addPixelId["']\s{0,5},\s{0,5}["'](\d{10,20})["']/,
    ],
  },
  {
    type: 'NewRelicId',
    description:
      'New Relic browser licenseKey: NREUM info / loader_config, the path of every bam.nr-data.net beacon (/1/, /events/1/, /jserrors/1/, …)',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    // Other SDKs have a "licenseKey" too: only NREUM's own objects count.
    patterns: [
      /NREUM\.(?:info|loader_config)\s{0,5}=\s{0,5}\{[^{}]{0,4000}?["']?licenseKey["']?\s{0,5}:\s{0,5}["']((?:NRJS-)?[0-9a-f]{10,40})["']/,
      /(?:gov-)?bam(?:-cell)?\.(?:eu01\.)?nr-data\.net\/(?:[a-z]{1,12}\/)?\d{1,2}\/((?:NRJS-)?[0-9a-f]{10,40})\?/,
    ],
  },
  {
    type: 'NewRelicApplicationId',
    description:
      'New Relic browser applicationID(s), read only beside their licenseKey: NREUM objects, beacon a= (a list: one each)',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /NREUM\.(?:info|loader_config)\s{0,5}=\s{0,5}\{[^{}]{0,4000}?["']?applicationID["']?\s{0,5}:\s{0,5}["']?(\d{4,12}(?:,\d{4,12}){0,9})\b/,
      queryParam(
        'nr-data\\.net\\/(?:[a-z]{1,12}\\/)?\\d{1,2}\\/(?:NRJS-)?[0-9a-f]{10,40}',
        'a',
        '\\d{4,12}(?:,\\d{4,12}){0,9}',
      ),
    ],
    list: ',',
  },
  {
    type: 'YandexMetricaCounterId',
    description:
      'Yandex Metrica counter: ym(id,"init"), new Ya.Metrika({id}), tag.js?id=, /watch/<id>; else a yaCounter<id> variable',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bym\(\s{0,5}(\d{5,10})\s{0,5},\s{0,5}["']init["']/,
      /\bnew\s{1,5}Ya\.Metrika2?\(\s{0,5}\{[^{}]{0,2000}?\bid["']?\s{0,5}:\s{0,5}["']?(\d{5,10})\b/,
      /mc\.yandex\.(?:ru|com|by|kz|ua|com\.tr)\/(?:watch|webvisor)\/(\d{5,10})\b/,
      queryParam('mc\\.yandex\\.(?:ru|com|by|kz|ua|com\\.tr)\\/metrika\\/tag\\.js', 'id', '\\d{5,10}'),
    ],
    fallbackPatterns: [/\byaCounter(\d{5,10})\b/],
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
      /<script\b[^<>]{0,500}?\sdata-id=["'](\d{4,12})["'][^<>]{0,500}?getclicky\.com\//,
      /<script\b[^<>]{0,500}?getclicky\.com\/js["'][^<>]{0,500}?\sdata-id=["'](\d{4,12})["']/,
      /in\.getclicky\.com\/(\d{4,12})ns\.gif/,
      queryParam('getclicky\\.com\\/in\\.php', 'site_id', '\\d{4,12}'),
      /static\.getclicky\.com\/(\d{6,12})\.js\b/,
    ],
  },
  {
    type: 'OptimizelyId',
    description: 'Optimizely project snippet cdn.optimizely.com/js/<id>.js (cdn-pci for PCI projects)',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [/cdn(?:-pci)?\.optimizely\.com\/js\/(\d{6,15})\.js/],
  },
  {
    type: 'WhosAmungUsId',
    description: 'Whos.amung.us widget key: _wau.push([..., key]), WAU_<style>(key), ping ?k=',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      /_wau\.push\(\s{0,5}\[\s{0,5}["'][a-z]{1,20}["']\s{0,5},\s{0,5}["']([a-z0-9]{8,16})["']/,
      /\bWAU_[a-z]{1,20}\(\s{0,5}["']([a-z0-9]{8,16})["']/,
      queryParam('amung\\.us\\/[a-z0-9/._-]{0,50}', 'k', '[a-z0-9]{8,16}'),
    ],
  },
  {
    type: 'AddThisPubId',
    description: 'AddThis publisher id (ra-16 hex) from addthis_widget.js#pubid= or addthis_config',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [/[#?&]pubid=(ra-[0-9a-f]{16})\b/, /["']?pubid["']?\s{0,5}:\s{0,5}["'](ra-[0-9a-f]{16})["']/],
  },
  {
    type: 'AddThisUsername',
    description: 'Legacy AddThis account username (addthis_widget.js#username=, bookmark.php?username=)',
    passiveTotal: true,
    in: ['url', 'html', 'script'],
    patterns: [
      new RegExp(
        `addthis(?:_widget\\.js#|\\.com\\/bookmark\\.php\\?)(?:[^"'\\s<>#?]{0,${QUERY_SCAN}}?&)?username=([A-Za-z0-9_.-]{3,40})`,
      ),
      /addthis_config\s{0,5}=\s{0,5}\{[^{}]{0,2000}?["']?username["']?\s{0,5}:\s{0,5}["']([A-Za-z0-9_.-]{3,40})["']/,
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
      new RegExp(
        `((?:https?:)?\\/\\/[a-z0-9.-]{1,253}(?::\\d{1,5})?(?:\\/[^?#"'\\s<>/]{1,100}){0,5}\\/(?:matomo|piwik)\\.php\\?[^#"'\\s<>?]{0,${QUERY_SCAN}}?\\bidsite=\\d{1,6})\\b`,
        'i',
      ),
      // The snippet: var u="//tracker/"; … setTrackerUrl, u+'matomo.php' … setSiteId. No "=" between: a next `var u=` ends the scan.
      /\bvar\s{1,5}u\s{0,5}=\s{0,5}["']((?:https?:)?\/\/[^"'\s<>]{1,300}["'][^<>=]{0,2000}?["']setSiteId["']\s{0,5},\s{0,5}["']?\d{1,6})\b/,
    ],
    normalize: matomoValue,
  },
  {
    type: 'PiwikProSiteId',
    description:
      'Piwik PRO site (a UUID) with its account, value "<account>.piwik.pro/<site>": container .js / noscript, ppms.php hits, snippet',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      new RegExp(`\\/\\/([a-z0-9-]{1,63}\\.containers\\.piwik\\.pro\\/${GUID})(?:\\.js|\\/noscript\\.html)`, 'i'),
      new RegExp(
        `\\/\\/([a-z0-9-]{1,63}\\.piwik\\.pro\\/ppms\\.php\\?[^#"'\\s<>?]{0,${QUERY_SCAN}}?\\bidsite=${GUID})\\b`,
        'i',
      ),
      new RegExp(
        `\\bvar\\s{1,5}u\\s{0,5}=\\s{0,5}["']((?:https?:)?\\/\\/[a-z0-9-]{1,63}\\.piwik\\.pro\\/["'][^<>=]{0,2000}?["']setSiteId["']\\s{0,5},\\s{0,5}["']${GUID})["']`,
        'i',
      ),
    ],
    normalize: piwikProValue,
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
      queryParam('analytics\\.tiktok\\.com\\/i18n\\/pixel\\/events\\.js', 'sdkid', '[A-Z0-9]{20}'),
    ],
  },
  {
    type: 'LinkedInInsightPartnerId',
    description:
      'LinkedIn Insight Tag partner id: data_partner_ids.push, px.ads pixel; else the _linkedin_partner_id variable',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\b_linkedin_data_partner_ids\.push\(\s{0,5}["']?(\d{4,10})\b/,
      queryParam('px\\.ads\\.linkedin\\.com\\/collect\\/?', 'pid', '\\d{4,10}'),
    ],
    fallbackPatterns: [/\b_linkedin_partner_id\s{0,5}=\s{0,5}["']?(\d{4,10})\b/],
  },
  {
    type: 'PinterestTagId',
    description: 'Pinterest tag: pintrk("load","…"), ct.pinterest.com ?tid=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bpintrk\(\s{0,5}["']load["']\s{0,5},\s{0,5}["'](\d{10,16})["']/,
      queryParam('ct\\.pinterest\\.com\\/[a-z0-9/]{0,20}', 'tid', '\\d{10,16}'),
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
      queryParam('(?:analytics\\.twitter\\.com|t\\.co)\\/i\\/adsct', 'txn_id', '[a-z0-9]{5,8}'),
    ],
  },
  {
    type: 'StatCounterProjectId',
    description: 'StatCounter project: sc_project=, c.statcounter.com/<project>/0/<security>/ pixel',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/\bsc_project\s{0,5}=\s{0,5}["']?(\d{5,10})\b/, /c\.statcounter\.com\/(\d{5,10})\/0\//],
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
    // The attribute's JSON has no "=": a next data-cf-beacon= ends the scan.
    patterns: [/data-cf-beacon=["']?\{[^<>=]{0,2000}?"token"\s{0,5}:\s{0,5}"([0-9a-f]{32})"/],
  },
  {
    type: 'QuantcastAccountId',
    description:
      'Quantcast account (p-…): qacct in _qevents / _qoptions objects, legacy _qacct, quantserve pixels and segments API, the rules-p-….js quant.js loads',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bqacct["']?\s{0,5}:\s{0,5}["'](p-[A-Za-z0-9_-]{8,20})["']/,
      /\b_qacct\s{0,5}=\s{0,5}["'](p-[A-Za-z0-9_-]{8,20})["']/,
      queryParam('quantserve\\.com\\/api\\/segments\\.json', 'a', 'p-[A-Za-z0-9_-]{8,20}', '(?![A-Za-z0-9_-])'),
      /pixel\.quantserve\.com\/pixel\/(p-[A-Za-z0-9_-]{8,20})\.gif/,
      // The beacon's ;-separated parameters hold no "/" (values are percent-encoded).
      new RegExp(
        `quantserve\\.com\\/pixel;(?:[^"'\\s<>#?/]{0,${QUERY_SCAN}}?;)?a=(p-[A-Za-z0-9_-]{8,20})(?![A-Za-z0-9_-])`,
      ),
      /rules\.quantcount\.com\/rules-(p-[A-Za-z0-9_-]{8,20})\.js/,
    ],
  },
  {
    type: 'AdobeAnalyticsReportSuiteId',
    description:
      'Adobe Analytics report suite(s), one value each: /b/ss/<rsids>/ beacons, s_gi(…), s.account; else the s_account variable',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\/b\/ss\/([A-Za-z0-9_.,-]{3,1000})\/\d{1,2}\//,
      /\bs_gi\(\s{0,5}["']([A-Za-z0-9_.,-]{3,1000})["']/,
      /\bs\.account\s{0,5}=\s{0,5}["']([A-Za-z0-9_.,-]{3,1000})["']/,
    ],
    fallbackPatterns: [/\bs_account\s{0,5}=\s{0,5}["']([A-Za-z0-9_.,-]{3,1000})["']/],
    list: ',',
    normalize: lower,
    placeholders: [/rsid/i],
  },
  {
    type: 'ComScoreClientId',
    description:
      'comScore client (c2, publisherId, clientId): _comscore.push / COMSCORE.beacon objects, PublisherConfiguration, comscore config objects and keys, scorecardresearch beacons and noscript pixels, /cs/<c2>/beacon.js',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      // One pattern per call, so that each starts with a literal the finder looks for before running it.
      /_comscore\.push\(\s{0,5}\{[^{}]{0,2000}?\bc2["']?\s{0,5}:\s{0,5}["']?(\d{4,10})\b/,
      /COMSCORE\.beacon\(\s{0,5}\{[^{}]{0,2000}?\bc2["']?\s{0,5}:\s{0,5}["']?(\d{4,10})\b/,
      /_comscore\.push\(\s{0,5}\{[^{}]{0,2000}?\b(?:publisher|client)Id["']?\s{0,5}:\s{0,5}["']?(\d{4,10})\b/,
      /COMSCORE\.beacon\(\s{0,5}\{[^{}]{0,2000}?\b(?:publisher|client)Id["']?\s{0,5}:\s{0,5}["']?(\d{4,10})\b/,
      // The 6.x SDK and configuration objects keyed by the vendor: {"comscore": {"publisherId": …}}.
      /PublisherConfiguration\(\s{0,5}\{[^{}]{0,500}?\bpublisherId["']?\s{0,5}:\s{0,5}["']?(\d{4,10})\b/,
      /\bcomscore["']?\s{0,5}[:=]\s{0,5}\{[^{}]{0,2000}?\b(?:c2|publisher_?id|client_?id|customer_?id)["']?\s{0,5}:\s{0,5}["']?(\d{4,10})\b/i,
      /\bcomscore[_-]?(?:c2|publisher[_-]?id|client[_-]?id|customer[_-]?id)["']?\s{0,5}[:=]\s{0,5}["']?(\d{4,10})\b/i,
      queryParam('scorecardresearch\\.com\\/(?:b2?|p2?)', 'c2', '\\d{4,10}'),
      /scorecardresearch\.com\/cs\/(\d{4,10})\/beacon\.js/,
    ],
    // The old tag's cs_c2 is comScore's only in code that names comScore.
    vendor: /comscore|scorecardresearch/i,
    vendorPatterns: [/\bcs_c2\s{0,5}[=:]\s{0,5}["']?(\d{4,10})\b/],
  },
  {
    type: 'ChartbeatAccountId',
    description:
      'Chartbeat account (uid): _sf_async_config.uid, uid in the _sf_async_config object or a chartbeat config object, ping ?g=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\b_sf_async_config\.uid\s{0,5}=\s{0,5}["']?(\d{3,8})\b/,
      /\b_sf_async_config\s{0,5}=\s{0,5}\{[^{}]{0,2000}?\buid["']?\s{0,40}:\s{0,40}["']?(\d{3,8})\b/,
      // Configuration keyed by the vendor: {"chartbeat": {"uid": 47635}}, chartbeat_uid: 47635.
      /\bchartbeat["']?\s{0,5}:\s{0,5}\{[^{}]{0,2000}?["']?\buid["']?\s{0,5}:\s{0,5}["']?(\d{3,8})\b/i,
      /\bchartbeat[_-]?uid["']?\s{0,5}[:=]\s{0,5}["']?(\d{3,8})\b/i,
      queryParam('ping\\.chartbeat\\.net\\/ping', 'g', '\\d{3,8}'),
    ],
  },
  {
    type: 'ParselySiteId',
    description:
      'Parse.ly site id (apikey, usually the domain): cdn.parsely.com/keys/<apikey>/p.js, legacy data-parsely-site, AMP vars, pixel ?idsite=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /cdn\.parsely\.com\/keys\/([a-z0-9][a-z0-9.-]{1,252})\/p\.js/i,
      /\bdata-parsely-site=["']([a-z0-9][a-z0-9.-]{1,252})["']/i,
      // AMP: <amp-analytics type="parsely"><script type="application/json">{"vars": {"apikey": "…"}}
      /<amp-analytics\b[^<>]{0,500}?\stype=["']parsely["'][^<>]{0,500}?>\s{0,100}<script\b[^<>]{0,500}?>[^<]{0,2000}?["']apikey["']\s{0,5}:\s{0,5}["']([a-z0-9][a-z0-9.-]{1,252})["']/i,
      queryParam('parsely\\.com\\/(?:px|plogger)\\/?', 'idsite', '[a-z0-9][a-z0-9.-]{1,252}', '(?![a-z0-9.-])', 'i'),
    ],
    normalize: lower,
  },
  {
    type: 'TaboolaPublisherId',
    description:
      'Taboola publisher: cdn.taboola.com/libtrc/<publisher>/loader.js (the _taboola snippet), trc.taboola.com/<publisher>/trc/ requests',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /cdn\.taboola\.com\/libtrc\/([a-z0-9][a-z0-9_-]{1,80})\/loader\.js/i,
      /trc\.taboola\.com\/([a-z0-9][a-z0-9_-]{1,80})\/trc\/\d{1,2}\/json/i,
    ],
    normalize: lower,
    placeholders: [/^pub(?:lisher)?[-_]?(?:id|name)$/],
  },
  {
    type: 'OutbrainPartnerKey',
    description:
      "Outbrain widget partner key: data-ob-installation-key, the widget's key= request (widget ids such as AR_1 are templates, not IDs)",
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bdata-ob-installation-key=["']([A-Z0-9]{10,40})["']/,
      queryParam('outbrain\\.com\\/utils\\/get', 'key', '[A-Z0-9]{10,40}'),
    ],
    // The key every plain web widget sends.
    placeholders: ['NANOWDGT01'],
  },
  {
    type: 'OutbrainMarketerId',
    description: 'Outbrain pixel marketer (00 + 32 hex): OB_ADV_ID of the pixel snippet, unifiedPixel ?marketerId=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bOB_ADV_ID\s{0,5}=\s{0,5}\[?\s{0,5}["'](00[0-9a-f]{32})["']/,
      queryParam('tr\\.outbrain\\.com\\/unifiedPixel', 'marketerId', '00[0-9a-f]{32}'),
    ],
  },
  {
    type: 'CriteoAccountId',
    description: 'Criteo OneTag account: criteo_q setAccount (either key order), ld.js?a=, event ?a=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /\bevent["']?\s{0,5}:\s{0,5}["']setAccount["']\s{0,5},\s{0,5}["']?account["']?\s{0,5}:\s{0,5}\[?\s{0,5}["']?(\d{2,8})\b/,
      /\baccount["']?\s{0,5}:\s{0,5}\[?\s{0,5}["']?(\d{2,8})["']?\s{0,5}\]?\s{0,5},\s{0,5}["']?event["']?\s{0,5}:\s{0,5}["']setAccount["']/,
      queryParam('criteo\\.(?:net|com)\\/js\\/ld\\/ld\\.js', 'a', '\\d{2,8}'),
      queryParam('(?:sslwidget|widget|dis)\\.criteo\\.com\\/event', 'a', '\\d{2,8}'),
    ],
  },
  {
    type: 'TealiumProfileId',
    description:
      'Tealium iQ account and profile, value "<account>/<profile>": tags.tiqcdn.com/utag/<account>/<profile>/<env>/utag.js',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /tags\.tiqcdn\.(?:com|cn)\/utag\/([a-z0-9_-]{1,64}\/[a-z0-9_-]{1,64})\/[a-z0-9_-]{1,32}\/utag(?:\.sync|\.\d{1,4})?\.js/i,
    ],
    normalize: lower,
    placeholders: [/^account\/profile$/],
  },
  {
    type: 'PlausibleSiteDomain',
    description:
      'Plausible site domain(s): data-domain on the Plausible script (/js/script….js, /js/plausible….js), a comma-separated list: one each',
    passiveTotal: false,
    in: ['html'],
    patterns: [
      /<script\b[^<>]{0,500}?\bdata-domain=["']([^"'<>\s]{3,1000})["'][^<>]{0,500}?\ssrc=["'][^"'<>\s]{0,300}?\/js\/(?:script|plausible)[a-z.-]{0,100}\.js["']/i,
      /<script\b[^<>]{0,500}?\ssrc=["'][^"'<>\s]{0,300}?\/js\/(?:script|plausible)[a-z.-]{0,100}\.js["'][^<>]{0,500}?\sdata-domain=["']([^"'<>\s]{3,1000})["']/i,
    ],
    list: ',',
    normalize: lower,
    valid: (v) => /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}$/.test(v),
    // Plausible's documentation snippet.
    placeholders: [/^your-?domain\./],
  },
  {
    type: 'PlausibleScriptId',
    description: 'Plausible per-site script (October 2025 snippet): plausible.io/js/pa-<id>.js',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [/plausible\.io\/js\/(pa-[A-Za-z0-9_-]{10,40})\.js/],
  },
  {
    type: 'UmamiWebsiteId',
    description: 'Umami website (a UUID): data-website-id on the Umami script',
    passiveTotal: false,
    in: ['html'],
    patterns: [new RegExp(`<script\\b[^<>]{0,500}?\\bdata-website-id=["'](${GUID})["']`, 'i')],
    normalize: lower,
  },
  {
    type: 'FathomSiteId',
    description: 'Fathom site: data-site (legacy site=) on the cdn.usefathom.com script, collect ?sid=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /<script\b[^<>]{0,500}?\ssrc=["'](?:https?:)?\/\/cdn\.usefathom\.com\/script\.js["'][^<>]{0,500}?\s(?:data-)?site=["']([A-Z]{5,12})["']/,
      /<script\b[^<>]{0,500}?\s(?:data-)?site=["']([A-Z]{5,12})["'][^<>]{0,500}?\ssrc=["'](?:https?:)?\/\/cdn\.usefathom\.com\/script\.js["']/,
      queryParam('cdn\\.usefathom\\.com\\/', 'sid', '[A-Z]{5,12}'),
    ],
  },

  // ----- Captcha site keys -----
  {
    type: 'RecaptchaSiteKey',
    description: 'Google reCAPTCHA site key (6L…, 40 chars): data-sitekey, render=, anchor ?k=',
    passiveTotal: false,
    in: ['url', 'html', 'script'],
    patterns: [
      /data-sitekey=["'](6L[A-Za-z0-9_-]{38})["']/,
      queryParam('recaptcha\\/(?:api|enterprise)\\.js', 'render', '6L[A-Za-z0-9_-]{38}', '(?![A-Za-z0-9_-])'),
      queryParam(
        'recaptcha\\/(?:api2|enterprise)\\/(?:anchor|bframe|reload)',
        'k',
        '6L[A-Za-z0-9_-]{38}',
        '(?![A-Za-z0-9_-])',
      ),
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
      queryParam('hcaptcha\\.com/checksiteconfig', 'sitekey', GUID, '\\b', 'i'),
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
    patterns: [/<base\s[^<>]{0,500}?\bhref=["']?([^"'\s<>]{1,8192})/i],
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
    patterns: [/Mirrored from ([^\s<>"]{1,8192}) by HTTrack Website Copier/],
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
    patterns: [/saved from url=\(\d{4}\)([^\s<>"]{1,9999}?)\s{0,10}-->/i],
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
    patterns: [/Page saved with SingleFile\s{0,40}url:\s{0,10}([a-z][a-z0-9+.-]{0,20}:\/\/[^\s<>"]{1,8192})/i],
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
