// Virtual users that bot detection and cloaking kits cannot tell from people, in real
// Chromium: for every built-in profile on both engines, BotD says "not a bot", every check of
// the detection page passes (page, frames, workers, headers), the page sees the profile's
// identity, and each cloaking kit shows its login page, so the kit's host pairs are recorded.
// A naive crawler's browser (what vucrawl's used to be) is caught by the same page and kits,
// and so is the built-in scanner, which a comparison crawl holds a victim up against.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import { identityOf } from '../crawler/identity/identity.js';
import {
  BUILTIN_PROFILES,
  DESKTOP_TOOLBAR_HEIGHT,
  loadProfileFile,
  type NamedProfile,
} from '../crawler/identity/profiles.js';
import type { BrowserEngine } from '../crawler/options.js';
import { extractEvents } from '../extractor/extract.js';
import {
  CLOAKING_KITS,
  DETECTION_REPORT_URL,
  DETECTION_URL,
  startTestInternet,
  type TestInternet,
} from '../internet/server.js';
import type { PageCapture } from '../capture/capture.js';
import { runCli } from './helpers/cli.js';
import { crawlSeeds } from './helpers/harness.js';

interface Check {
  id: string;
  where: string;
  pass: boolean;
  detail: string;
}
// biome-ignore lint/suspicious/noExplicitAny: what the detection page reports in the page, read field by field
type PageReading = Record<string, any>;
interface Report {
  botd: { bot: boolean; botKind: string | null };
  checks: Check[];
  page: PageReading;
}

let net: TestInternet;
beforeAll(async () => {
  net = await startTestInternet();
});
afterAll(async () => {
  await net.close();
});

const ENGINES: BrowserEngine[] = ['headless-shell', 'chromium'];
const KITS = Object.values(CLOAKING_KITS);
const PEOPLE = BUILTIN_PROFILES.filter((p) => !p.automated);
const SCANNERS = BUILTIN_PROFILES.filter((p) => p.automated);
/**
 * The detection page works for a while after `load` (frames, workers, BotD) before it
 * reports, with neither requests nor timers meanwhile: a long quiet spell, by either rule.
 */
const DETECTION_SETTLE = { settleMs: 12_000, idleMs: 1_500, quietMs: 1_500 };

function detectionReport(): Report {
  const posted = net.requests.filter((r) => r.url === DETECTION_REPORT_URL);
  expect(posted, 'the detection page posted one report').toHaveLength(1);
  return JSON.parse(posted[0]!.body!) as Report;
}

function failures(r: Report): string[] {
  return r.checks.filter((c) => !c.pass).map((c) => `${c.id} @ ${c.where}: ${c.detail}`);
}

/** The kit's two host pairs: its script host (script.src) and its drop host (form.action). */
function kitPairs(captures: PageCapture[], kit: (typeof KITS)[number]): string[] {
  const c = captures.find((x) => x.target.url === kit.url);
  expect(c, `a capture of ${kit.url}`).toBeDefined();
  const host = new URL(kit.url).hostname;
  return extractEvents(c!).flatMap((e) =>
    e.schema === 'vucrawl.host_pair/4' && e.parent_host === host ? [`${e.child_host} ${e.cause}`] : [],
  );
}

/** What the detection page read in the page against what the profile says, field by field. */
function expectIdentity(page: PageReading, p: NamedProfile, engine: BrowserEngine, version: string): void {
  const id = identityOf(p, engine, version);
  expect(page.userAgent).toBe(id.userAgent);
  expect(page.platform).toBe(id.platform);
  expect(page.languages).toEqual(p.languages);
  expect(page.timezone).toBe(p.timezone);
  expect(page.locale).toBe(p.locale);
  expect(page.hardwareConcurrency).toBe(p.hardwareConcurrency);
  expect(page.deviceMemory).toBe(p.deviceMemory);
  expect(page.webgl).toEqual(p.webgl);
  expect(page.screen).toEqual({
    width: p.screen.width,
    height: p.screen.height,
    availWidth: p.screen.availWidth,
    availHeight: p.screen.availHeight,
    colorDepth: p.screen.colorDepth,
  });
  expect(page.devicePixelRatio).toBe(p.devicePixelRatio);
  expect(page.maxTouchPoints).toBe(p.touchPoints);
  expect(page.brands).toEqual(id.metadata.brands.map((b) => `${b.brand}/${b.version}`));
  expect(page.highEntropy).toMatchObject({
    platformVersion: p.osVersion,
    model: p.model,
    architecture: p.architecture,
    bitness: p.bitness,
  });
  expect(page.voices).toHaveLength(p.voices.length);
  expect(page.connection.rtt).toBeGreaterThan(0);
  if (!p.mobile) {
    expect(page.window).toMatchObject({
      outerWidth: p.window.width,
      outerHeight: p.window.height,
      innerWidth: p.window.width,
    });
    // The toolbars: 87 CSS pixels, give or take the rounding of a pixel ratio that is not whole.
    expect(Math.abs(page.window.innerHeight - (p.window.height - DESKTOP_TOOLBAR_HEIGHT))).toBeLessThanOrEqual(1);
  }
}

describe.each(ENGINES)('virtual users on %s', (engine) => {
  it.each(PEOPLE.map((p) => [p.name, p] as const))(
    '%s: not a bot to BotD, every check passes, every kit shows its login page',
    async (_name, profile) => {
      net.requests.length = 0;
      const { captures } = await crawlSeeds(net, [DETECTION_URL, ...KITS.map((k) => k.url)], {
        engine,
        profile: profile.name,
        ...DETECTION_SETTLE,
      });
      const report = detectionReport();
      expect(report.botd).toEqual({ bot: false, botKind: null });
      expect(report.checks.length).toBeGreaterThanOrEqual(30);
      expect(failures(report)).toEqual([]);
      expectIdentity(report.page, profile, engine, captures[0]!.browser.version);
      for (const kit of KITS) {
        expect(kitPairs(captures, kit), `${kit.tell}: the kit's host pairs`).toEqual(
          expect.arrayContaining([`${kit.scriptHost} script.src`, `${kit.dropHost} form.action`]),
        );
      }
    },
  );
});

describe.each(ENGINES)('the scanner on %s', (engine) => {
  it.each(SCANNERS.map((p) => [p.name] as const))(
    '%s: a bot to BotD, and the kits that look for automation show it their decoy',
    async (name) => {
      net.requests.length = 0;
      const kits = [CLOAKING_KITS.webdriver, CLOAKING_KITS.secChUa];
      const { captures } = await crawlSeeds(net, [DETECTION_URL, ...kits.map((k) => k.url)], {
        engine,
        profile: name,
        ...DETECTION_SETTLE,
      });
      const report = detectionReport();
      expect(report.botd.bot).toBe(true);
      expect(report.checks.filter((c) => !c.pass).map((c) => c.id)).toEqual(
        expect.arrayContaining(['webdriver', 'no-headless']),
      );
      for (const kit of kits) expect(kitPairs(captures, kit), kit.tell).toEqual([]);
    },
  );
});

describe("a naive crawler's browser", () => {
  it("is a bot to BotD, fails the checks, and gets every kit's decoy", async () => {
    // What vucrawl used to run: Playwright's defaults, a desktop device with a full-version
    // user agent, geolocation granted to every page.
    net.requests.length = 0;
    const browser = await chromium.launch({
      executablePath: findBrowserBinary('headless-shell').executablePath,
      args: ['--no-sandbox', `--host-resolver-rules=${net.hostResolverRules}`],
    });
    try {
      const context = await browser.newContext({
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.114 Safari/537.36',
        ignoreHTTPSErrors: true,
        permissions: ['geolocation'],
        geolocation: { latitude: 40.7, longitude: -74 },
        locale: 'en-US',
      });
      const page = await context.newPage();
      await page.goto(DETECTION_URL);
      await expect.poll(() => net.requests.some((r) => r.url === DETECTION_REPORT_URL), { timeout: 20_000 }).toBe(true);
      const report = detectionReport();
      expect(report.botd.bot).toBe(true);
      const failed = report.checks.filter((c) => !c.pass).map((c) => c.id);
      expect(failed).toEqual(
        expect.arrayContaining([
          'webdriver',
          'no-headless',
          'ua-reduced',
          'ua-platform',
          'client-hints-brands',
          'plugins',
          'window-chrome',
          'permissions-first-visit',
          'webgl-renderer',
          'header-order',
        ]),
      );
      for (const kit of KITS) {
        await page.goto(kit.url);
        await page.waitForTimeout(kit === CLOAKING_KITS.worker ? 1_000 : 300);
      }
      const loaded = new Set(net.requests.map((r) => r.host));
      expect(KITS.filter((k) => loaded.has(k.scriptHost)).map((k) => k.tell)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('profiles of your own', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vucrawl-profiles-'));
  });

  it('a wrong field is a usage error that names the file, the profile and the field', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'analyst-tokyo:\n  extends: desktop-chrome-windows\n  screen: { availHeight: 4000 }\n');
    const r = await runCli([
      'crawl',
      '--profiles',
      file,
      '--profile',
      'analyst-tokyo',
      '--no-store',
      '--out',
      path.join(dir, 'out'),
      DETECTION_URL,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--profiles ${file}: profile "analyst-tokyo": screen.availHeight: must be at most screen.height (768), got 4000`,
    );
  });

  it('a good one is the identity the detection page sees', async () => {
    const file = path.join(dir, 'good.yaml');
    await writeFile(
      file,
      [
        'analyst-tokyo:',
        '  extends: desktop-chrome-windows',
        '  description: Chrome on a Windows 11 desktop in Tokyo',
        '  osVersion: "15.0.0"',
        '  languages: [ja-JP, ja, en-US, en]',
        '  locale: ja-JP',
        '  timezone: Asia/Tokyo',
        '  hardwareConcurrency: 16',
        '  deviceMemory: 16',
        '  screen: { width: 2560, height: 1440, availWidth: 2560, availHeight: 1392 }',
        '  window: { width: 2560, height: 1392 }',
        '  webgl: { vendor: Google Inc. (NVIDIA), renderer: "ANGLE (NVIDIA, NVIDIA GeForce RTX 4070 (0x00002786) Direct3D11 vs_5_0 ps_5_0, D3D11)" }',
        '  voices:',
        '    - { name: Microsoft Haruka - Japanese (Japan), lang: ja-JP, localService: true, default: true }',
        '    - { name: Google 日本語, lang: ja-JP, localService: false, default: false }',
        '',
      ].join('\n'),
    );
    const [profile] = loadProfileFile(file);
    net.requests.length = 0;
    const { captures } = await crawlSeeds(net, [DETECTION_URL], {
      profiles: [profile!],
      profile: 'analyst-tokyo',
      ...DETECTION_SETTLE,
    });
    const report = detectionReport();
    expect(report.botd.bot).toBe(false);
    expect(failures(report)).toEqual([]);
    expectIdentity(report.page, profile!, 'headless-shell', captures[0]!.browser.version);
    expect(report.page.timezoneOffsets).toEqual([-540, -540]);
    expect(captures[0]!.profile).toMatchObject({
      name: 'analyst-tokyo',
      languages: ['ja-JP', 'ja', 'en-US', 'en'],
      timezone: 'Asia/Tokyo',
      screen: { width: 2560, height: 1440 },
    });
  });
});

describe('arrival', () => {
  it("a seed's referer= (and --referer for the rest) is the first navigation's Referer and document.referrer", async () => {
    net.requests.length = 0;
    const mail = 'https://mail.example.test/inbox/message/42';
    await crawlSeeds(net, [{ url: DETECTION_URL, referer: mail }, CLOAKING_KITS.webdriver.url], {
      referer: 'https://www.google.com/',
      ...DETECTION_SETTLE,
    });
    const report = detectionReport();
    // As given: the operator says how much of the referring page the victim's browser sent.
    expect(report.page.referrer).toBe(mail);
    expect(net.requests.find((r) => r.url === DETECTION_URL)!.headers.referer).toBe(mail);
    expect(net.requests.find((r) => r.url === CLOAKING_KITS.webdriver.url)!.headers.referer).toBe(
      'https://www.google.com/',
    );
  });
});
