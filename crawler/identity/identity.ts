// One virtual user's identity on one engine: everything a profile makes the browser say,
// worked out once and then applied where a page can look (apply.ts, in-page.js).
//
// THE RULE: say it natively wherever Chromium can, so that what a page reads is what the
// engine itself computed (no patched getter to find); patch in the page only what the
// engine cannot say. Natively, per browser process (one per profile, browser-pool.ts): the user
// agent (--user-agent, which also goes into an upstream proxy's CONNECT), Accept-Language in
// Chrome's header position (--accept-lang), the screen and its work area (--screen-info),
// the window (--window-size), the time zone (TZ), media devices, navigator.webdriver false
// (AutomationControlled off, as in a browser nobody automates). Per page and per worker
// over DevTools: client hints and navigator.platform (setUserAgentOverride),
// hardwareConcurrency, Intl's locale, touch, the viewport of a phone. In the page
// (in-page.js): what no switch or command reaches, listed by InPageSpec below.
import type { BrowserEngine } from '../options.js';
import { DESKTOP_TOOLBAR_HEIGHT, type NamedProfile } from './profiles.js';
import type { OsName, Voice } from './profile-schema.js';

export interface Brand {
  brand: string;
  version: string;
}

/** Emulation.setUserAgentOverride's userAgentMetadata. */
export interface UserAgentMetadata {
  brands: Brand[];
  fullVersionList: Brand[];
  fullVersion: string;
  platform: string;
  platformVersion: string;
  architecture: string;
  model: string;
  mobile: boolean;
  bitness: string;
  wow64: boolean;
  formFactors: string[];
}

/** What in-page.js changes in a realm (document, frame or worker); an absent field is left as the engine has it. */
export interface InPageSpec {
  /** navigator.platform in workers (DevTools sets it for documents only). */
  platform: string;
  /**
   * Client hints and processor count: DevTools sets them, but a service worker may run
   * before it does (worker-targets.ts); its script then says them itself.
   */
  userAgentData: UserAgentMetadata;
  hardwareConcurrency: number;
  /** navigator.languages, where the engine's own list cannot be made to match (the headless shell). */
  languages?: string[];
  deviceMemory: number;
  webgl: { vendor: string; renderer: string };
  voices: Voice[];
  /** The PDF viewer's plugins and MIME types a desktop Chrome lists, or none (Android). */
  plugins: 'pdf' | 'none';
  /** The keys of window.chrome. */
  chrome: string[];
  /** Notification.permission as a first visit has it (the headless shell says "denied"). */
  notificationPermission: 'default';
  /** window.outerWidth/outerHeight where the engine draws no toolbars (the headless shell). */
  outerWindow?: { width: number; height: number };
  network: { rtt: number; type: string };
  /** Chrome on Android has no audio output selection (HTMLMediaElement.sinkId, setSinkId). */
  noSinkId: boolean;
  /** The secret that reads the quiet settle rule's timer book (in-page.js, crawler/settle.ts); none: no book. */
  timerKey?: string;
}

export interface Identity {
  profile: NamedProfile;
  /** A scanner (automated profile): the engine as it is, nothing applied. */
  automated: boolean;
  engine: BrowserEngine;
  browserVersion: string;
  userAgent: string;
  /** navigator.platform. */
  platform: string;
  metadata: UserAgentMetadata;
  /** The Accept-Language header, made from the languages as Chrome makes it. */
  acceptLanguage: string;
  /** How the browser process is started: switches, Playwright defaults left out, environment. */
  launch: { args: string[]; ignoreDefaultArgs: string[]; env: Record<string, string> };
  /** Playwright's browser-context options for this identity (viewport emulation for phones only). */
  context: {
    viewport: { width: number; height: number } | null;
    screen?: { width: number; height: number };
    deviceScaleFactor?: number;
    isMobile?: boolean;
    geolocation?: { latitude: number; longitude: number };
  };
  /** Emulation.setTouchEmulationEnabled for a touch screen. */
  touchPoints: number;
  /** What in-page.js says; none for a scanner. */
  inPage?: InPageSpec;
}

const USER_AGENT_OS: Record<OsName, (mobile: boolean) => string> = {
  // Chrome's reduced user agent: the OS part is frozen, the version is MAJOR.0.0.0.
  windows: () => 'Windows NT 10.0; Win64; x64',
  macos: () => 'Macintosh; Intel Mac OS X 10_15_7',
  linux: () => 'X11; Linux x86_64',
  android: () => 'Linux; Android 10; K',
};
const NAVIGATOR_PLATFORM: Record<OsName, string> = {
  windows: 'Win32',
  macos: 'MacIntel',
  linux: 'Linux x86_64',
  android: 'Linux armv81',
};
const CLIENT_HINT_PLATFORM: Record<OsName, string> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  android: 'Android',
};

/** The major version of a full Chrome version (156.0.8078.114 -> 156). */
export function majorOf(version: string): number {
  const major = Number(version.split('.')[0]);
  if (!Number.isInteger(major) || major <= 0) throw new Error(`not a browser version: "${version}"`);
  return major;
}

/** The user agent Chrome sends for this OS at this version (reduced: no minor version, a frozen OS part). */
export function reducedUserAgent(os: OsName, mobile: boolean, version: string): string {
  return `Mozilla/5.0 (${USER_AGENT_OS[os](mobile)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${majorOf(version)}.0.0.0 ${mobile ? 'Mobile ' : ''}Safari/537.36`;
}

/**
 * Chrome's brand list with its GREASE brand, for a version (Chromium's user_agent_utils:
 * the made-up brand, its version and the order of the three all follow from the major
 * version, so that a real Chrome 156 and ours send the same list). Chrome 131, for example:
 * "Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24".
 */
export function greasedBrands(version: string, full = false, brand = 'Google Chrome'): Brand[] {
  const major = majorOf(version);
  const chars = [' ', '(', ':', '-', '.', '/', ')', ';', '=', '?', '_'];
  const greaseVersions = ['8', '99', '24'];
  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  const greaseVersion = greaseVersions[major % 3]!;
  const named = [
    {
      brand: `Not${chars[major % 11]}A${chars[(major + 1) % 11]}Brand`,
      version: full ? `${greaseVersion}.0.0.0` : greaseVersion,
    },
    { brand: 'Chromium', version: full ? version : String(major) },
    { brand, version: full ? version : String(major) },
  ];
  const order = orders[major % 6]!;
  const out: Brand[] = [];
  order.forEach((position, i) => {
    out[position] = named[i]!;
  });
  return out;
}

/** Accept-Language as Chrome makes it from the language list: q falls by 0.1 per language, down to 0.1. */
export function acceptLanguageHeader(languages: readonly string[]): string {
  return languages.map((l, i) => (i === 0 ? l : `${l};q=${(Math.max(1, 10 - i) / 10).toFixed(1)}`)).join(',');
}

export function identityOf(profile: NamedProfile, engine: BrowserEngine, browserVersion: string): Identity {
  if (profile.automated) return scannerIdentity(profile, engine, browserVersion);
  const p = profile;
  const shell = engine === 'headless-shell';
  const userAgent = reducedUserAgent(p.os, p.mobile, browserVersion);
  const metadata: UserAgentMetadata = {
    brands: greasedBrands(browserVersion),
    fullVersionList: greasedBrands(browserVersion, true),
    fullVersion: browserVersion,
    platform: CLIENT_HINT_PLATFORM[p.os],
    platformVersion: p.osVersion,
    architecture: p.architecture,
    model: p.model,
    mobile: p.mobile,
    bitness: p.bitness,
    wow64: false,
    formFactors: [p.mobile ? 'Mobile' : p.os === 'android' ? 'Tablet' : 'Desktop'],
  };
  const acceptLanguage = acceptLanguageHeader(p.languages);
  const { screen, window: win } = p;
  const px = (css: number) => Math.round(css * p.devicePixelRatio);
  // A desktop page gets the window minus the toolbars. Full Chromium draws them itself; the
  // shell draws none, so its window is the page's size and in-page.js reports the outer size.
  const windowSize = p.mobile || !shell ? win : { width: win.width, height: win.height - DESKTOP_TOOLBAR_HEIGHT };
  const args = [
    `--user-agent=${userAgent}`,
    // The shell sends --accept-lang as given (so it gets the weighted header and in-page.js the
    // plain list); full Chromium makes the weighted header from the list itself.
    `--accept-lang=${shell ? acceptLanguage : p.languages.join(',')}`,
    // In device pixels: the page sees them divided by the pixel ratio.
    `--screen-info={0,0 ${px(screen.width)}x${px(screen.height)} devicePixelRatio=${p.devicePixelRatio} colorDepth=${screen.colorDepth} workAreaBottom=${px(screen.height - screen.availHeight)} workAreaRight=${px(screen.width - screen.availWidth)}}`,
    `--window-size=${windowSize.width},${windowSize.height}`,
    '--window-position=0,0',
    // navigator.webdriver is false, by the engine itself, as in a browser nobody automates.
    '--disable-blink-features=AutomationControlled',
    // Microphone, camera and speakers, listed without labels until a page is allowed them.
    '--use-fake-device-for-media-stream',
    ...(p.mobile ? [] : [`--force-device-scale-factor=${p.devicePixelRatio}`]),
  ];
  return {
    profile: p,
    automated: false,
    engine,
    browserVersion,
    userAgent,
    platform: NAVIGATOR_PLATFORM[p.os],
    acceptLanguage,
    metadata,
    launch: {
      args,
      // --enable-automation shows the browser as automated (navigator.webdriver, an infobar);
      // scrollbars are part of a desktop page (a phone's are overlays, as when hidden).
      ignoreDefaultArgs: ['--enable-automation', ...(p.mobile ? [] : ['--hide-scrollbars'])],
      env: { TZ: p.timezone },
    },
    context: p.mobile
      ? {
          viewport: win,
          screen: { width: screen.width, height: screen.height },
          deviceScaleFactor: p.devicePixelRatio,
          isMobile: true,
          geolocation: p.geolocation,
        }
      : { viewport: null, geolocation: p.geolocation },
    touchPoints: p.touchPoints,
    inPage: {
      platform: NAVIGATOR_PLATFORM[p.os],
      userAgentData: metadata,
      hardwareConcurrency: p.hardwareConcurrency,
      languages: shell ? p.languages : undefined,
      deviceMemory: p.deviceMemory,
      webgl: p.webgl,
      voices: p.voices,
      plugins: p.os === 'android' ? 'none' : 'pdf',
      chrome: p.os === 'android' ? ['loadTimes', 'csi'] : ['loadTimes', 'csi', 'app'],
      notificationPermission: 'default',
      outerWindow: shell && !p.mobile ? win : undefined,
      network: { rtt: p.network.rtt, type: p.network.type },
      noSinkId: p.os === 'android',
    },
  };
}

/**
 * A scanner: the engine as an automated client runs it. Playwright's switches stay (the
 * automation flag, hidden scrollbars), nothing is emulated or patched, the user agent and
 * client hints are the engine's own (HeadlessChrome), the time zone UTC.
 */
function scannerIdentity(p: NamedProfile, engine: BrowserEngine, browserVersion: string): Identity {
  const headless = engine === 'headless-shell' ? browserVersion : `${majorOf(browserVersion)}.0.0.0`;
  const brands = (full: boolean) =>
    engine === 'headless-shell'
      ? greasedBrands(browserVersion, full, 'HeadlessChrome')
      : greasedBrands(browserVersion, full).filter((b) => b.brand !== 'Google Chrome');
  return {
    profile: p,
    automated: true,
    engine,
    browserVersion,
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${headless} Safari/537.36`,
    platform: NAVIGATOR_PLATFORM.linux,
    metadata: {
      brands: brands(false),
      fullVersionList: brands(true),
      fullVersion: browserVersion,
      platform: 'Linux',
      platformVersion: '',
      architecture: 'x86',
      model: '',
      mobile: false,
      bitness: '64',
      wow64: false,
      formFactors: ['Desktop'],
    },
    acceptLanguage: '',
    launch: { args: [], ignoreDefaultArgs: [], env: { TZ: p.timezone } },
    context: { viewport: { width: p.window.width, height: p.window.height } },
    touchPoints: 0,
  };
}
