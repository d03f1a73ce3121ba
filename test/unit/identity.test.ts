// Profiles as data, checked field by field; the identity worked out of a profile.
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { inPageScript } from '../../crawler/identity/apply.js';
import { acceptLanguageHeader, greasedBrands, identityOf, reducedUserAgent } from '../../crawler/identity/identity.js';
import { BUILTIN_PROFILES, ProfileCatalog, ProfileError, parseProfiles } from '../../crawler/identity/profiles.js';

const base = new Map(BUILTIN_PROFILES.map((p) => [p.name, p]));
const parse = (yaml: string) => parseProfiles(yaml, 'mine.yaml', base);
const wrong = (yaml: string) => {
  try {
    parse(yaml);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error('expected a ProfileError');
};

describe('profiles', () => {
  it('the built-in ones are coherent and say their own names', () => {
    expect(BUILTIN_PROFILES.map((p) => p.name)).toEqual([
      'desktop-chrome-windows',
      'desktop-chrome-de',
      'android',
      'android-samsung',
      'scanner',
    ]);
    expect(BUILTIN_PROFILES.filter((p) => p.automated).map((p) => p.name)).toEqual(['scanner']);
    expect(BUILTIN_PROFILES.filter((p) => p.mobile).every((p) => p.os === 'android' && p.touchPoints > 0)).toBe(true);
  });

  it('extends a built-in profile, objects merged field by field', () => {
    const [p] = parse(
      'tokyo:\n  extends: desktop-chrome-windows\n  timezone: Asia/Tokyo\n  screen: { availHeight: 720 }\n  window: { height: 720 }\n',
    );
    expect(p).toMatchObject({
      name: 'tokyo',
      timezone: 'Asia/Tokyo',
      os: 'windows',
      screen: { width: 1366, height: 768, availHeight: 720 },
      window: { width: 1366, height: 720 },
    });
  });

  it('extends a profile of the same file, in any order', () => {
    const [a, b] = parse('b2:\n  extends: a1\n  hardwareConcurrency: 4\na1:\n  extends: android\n  model: Pixel 8\n');
    expect(a).toMatchObject({ name: 'b2', model: 'Pixel 8', hardwareConcurrency: 4 });
    expect(b).toMatchObject({ name: 'a1', model: 'Pixel 8', hardwareConcurrency: 8 });
  });

  it.each([
    [
      'x:\n  extends: desktop-chrome-windows\n  screen: { availHeight: 4000 }\n',
      'mine.yaml: profile "x": screen.availHeight: must be at most screen.height (768), got 4000',
    ],
    ['x:\n  extends: desktop-chrome-windows\n  colour: blue\n', 'profile "x": colour: not a profile field'],
    [
      'x:\n  extends: desktop-chrome-windows\n  os: ios\n',
      'profile "x": os: must be one of "windows", "macos", "linux", "android", got "ios"',
    ],
    [
      'x:\n  extends: desktop-chrome-windows\n  hardwareConcurrency: 0\n',
      'profile "x": hardwareConcurrency: must be >= 1, got 0',
    ],
    ['x:\n  extends: desktop-chrome-windows\n  deviceMemory: 3\n', 'profile "x": deviceMemory: must be one of'],
    ['x:\n  extends: desktop-chrome-windows\n  osVersion: "10.0"\n', 'profile "x": osVersion: must match pattern'],
    [
      'x:\n  extends: desktop-chrome-windows\n  mobile: true\n  touchPoints: 5\n',
      'profile "x": mobile: a phone runs Android',
    ],
    ['x:\n  extends: android\n  architecture: arm\n', 'profile "x": architecture: Chrome on Android reports none'],
    ['x:\n  extends: android\n  model: ""\n', 'profile "x": model: Chrome on Android reports the device model'],
    [
      'x:\n  extends: desktop-chrome-windows\n  timezone: Mars/Olympus\n',
      'profile "x": timezone: not an IANA time zone: "Mars/Olympus"',
    ],
    [
      'x:\n  extends: desktop-chrome-windows\n  languages: [fr-FR, fr]\n',
      'profile "x": languages: Chrome always lists en-US and then en',
    ],
    [
      'x:\n  extends: desktop-chrome-windows\n  languages: [en-US, "not a tag!", en]\n',
      'profile "x": languages[1]: not a BCP 47 language tag',
    ],
    [
      'x:\n  extends: desktop-chrome-windows\n  window: { height: 200 }\n',
      'profile "x": window.height: a desktop window is at least 287',
    ],
    [
      'x:\n  extends: desktop-chrome-windows\n  voices: [{ name: a, lang: en-US, localService: true, default: true }, { name: b, lang: en-US, localService: true, default: true }]\n',
      'profile "x": voices: more than one voice is the default',
    ],
    [
      'x:\n  extends: desktop-chrome-windows\n  webgl: { vendor: "" }\n',
      'profile "x": webgl.vendor: must NOT have fewer than 1 characters, got ""',
    ],
    ['x:\n  description: a\n  os: windows\n  webgl: { vendor: V }\n', 'profile "x": osVersion: missing'],
    ['x:\n  extends: nobody\n', 'profile "x": extends: no profile "nobody"'],
    ['a:\n  extends: b\nb:\n  extends: a\n', 'extends: "a" extends "b" in turn: a cycle'],
    ['Bad Name:\n  extends: android\n', 'a profile name is 1 to 64 lower-case letters'],
    ['x:\n  os: windows\n', 'profile "x": description: missing'],
    ['- just a list\n', 'mine.yaml: expected a map from profile names to profiles'],
    ['x: [1, 2\n', 'mine.yaml: not YAML or JSON'],
  ])('a wrong profile names the file, the profile and the field (%#)', (yaml, message) => {
    expect(wrong(yaml)).toContain(message);
  });

  it('JSON is a profile file too; a catalog puts yours beside the built-in ones, yours winning on a name', () => {
    const own = parseProfiles(
      JSON.stringify({
        android: { extends: 'android', timezone: 'Europe/Paris' },
        mine: { extends: 'desktop-chrome-de' },
      }),
      'mine.json',
      base,
    );
    const catalog = ProfileCatalog.with(own);
    expect(catalog.names).toEqual([
      'desktop-chrome-windows',
      'desktop-chrome-de',
      'android-samsung',
      'scanner',
      'android',
      'mine',
    ]);
    expect(catalog.get('android').timezone).toBe('Europe/Paris');
    expect(() => catalog.get('iphone')).toThrow('unknown profile "iphone"; known profiles: desktop-chrome-windows');
  });
});

describe('identity', () => {
  it("brands with Chrome's GREASE brand: the brand, its version and the order follow from the major version", () => {
    // What Chrome 131 sends: "Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24".
    expect(greasedBrands('131.0.6778.86')).toEqual([
      { brand: 'Google Chrome', version: '131' },
      { brand: 'Chromium', version: '131' },
      { brand: 'Not_A Brand', version: '24' },
    ]);
    // Chromium 156 (Debian's, without its own brand) sends "Not:A-Brand";v="8", "Chromium";v="156".
    expect(greasedBrands('156.0.8078.114')).toEqual([
      { brand: 'Not:A-Brand', version: '8' },
      { brand: 'Chromium', version: '156' },
      { brand: 'Google Chrome', version: '156' },
    ]);
    expect(greasedBrands('156.0.8078.114', true)[0]).toEqual({ brand: 'Not:A-Brand', version: '8.0.0.0' });
  });

  it('the reduced user agent of each OS', () => {
    expect(reducedUserAgent('windows', false, '156.0.8078.114')).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
    expect(reducedUserAgent('android', true, '156.0.8078.114')).toBe(
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
    );
    expect(reducedUserAgent('android', false, '156.0.8078.114')).toBe(
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
    expect(reducedUserAgent('macos', false, '156.0.8078.114')).toContain('(Macintosh; Intel Mac OS X 10_15_7)');
  });

  it('Accept-Language as Chrome weighs it', () => {
    expect(acceptLanguageHeader(['de-DE', 'de', 'en-US', 'en'])).toBe('de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7');
    expect(
      acceptLanguageHeader(Array.from({ length: 12 }, (_, i) => `x${i}`))
        .split(',')
        .at(-1),
    ).toBe('x11;q=0.1');
  });

  it('says natively what the engine can: the launch switches of each engine', () => {
    const de = new ProfileCatalog(BUILTIN_PROFILES).get('desktop-chrome-de');
    const shell = identityOf(de, 'headless-shell', '156.0.8078.114');
    const full = identityOf(de, 'chromium', '156.0.8078.114');
    // The screen in device pixels (1536x864 at 125%), the taskbar as a work-area inset.
    expect(shell.launch.args).toContain(
      '--screen-info={0,0 1920x1080 devicePixelRatio=1.25 colorDepth=24 workAreaBottom=60 workAreaRight=0}',
    );
    // The shell draws no toolbars: its window is the page; full Chromium's is the whole window.
    expect(shell.launch.args).toContain('--window-size=1536,729');
    expect(full.launch.args).toContain('--window-size=1536,816');
    expect(shell.launch.args).toContain('--accept-lang=de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7');
    expect(full.launch.args).toContain('--accept-lang=de-DE,de,en-US,en');
    expect(shell.inPage?.languages).toEqual(['de-DE', 'de', 'en-US', 'en']);
    expect(full.inPage?.languages).toBeUndefined();
    expect(shell.launch.env).toEqual({ TZ: 'Europe/Berlin' });
    expect(shell.launch.ignoreDefaultArgs).toEqual(['--enable-automation', '--hide-scrollbars']);
    expect(shell.metadata).toMatchObject({
      platform: 'Windows',
      platformVersion: '15.0.0',
      architecture: 'x86',
      bitness: '64',
      model: '',
      mobile: false,
      formFactors: ['Desktop'],
    });
  });
});

describe('the in-page script', () => {
  it('is one expression, the spec its argument', () => {
    const spec = identityOf(BUILTIN_PROFILES[2]!, 'headless-shell', '156.0.8078.114').inPage!;
    const script = inPageScript(spec);
    expect(() => new Script(script)).not.toThrow();
    expect(script.endsWith(`)(${JSON.stringify(spec)});`)).toBe(true);
  });
});
