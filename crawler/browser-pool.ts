// The browser pool: the virtual users' browsers. One browser process per profile at a time (a profile's
// identity is partly the browser's own: its user agent, languages, screen and time zone are
// launch settings, see identity/identity.ts), recycled after pagesPerBrowser pages and
// relaunched when it crashes; one virtual user = one browser context (with one reusable
// page) of its profile's browser. A context is reused across pages, because a fresh context
// per page halves throughput (shared/bench), and is closed after pagesPerContext pages or
// after a hostile page, so contexts never pile up.
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import type { Logger } from 'pino';
import { browserVersion, findBrowserBinary } from './browser-binary.js';
import { CdpConnection, freePort } from './cdp-connection.js';
import type { Egress } from './egress/egress.js';
import type { CaptureProfile } from '../capture/capture.js';
import { withTimeout } from '../runtime/timing.js';
import { inPageScript } from './identity/apply.js';
import { identityOf, type Identity } from './identity/identity.js';
import { DESKTOP_TOOLBAR_HEIGHT, ProfileCatalog } from './identity/profiles.js';
import { peakConcurrency, type CrawlOptions } from './options.js';
import { PageSession } from './page-session.js';
import { holdWorkers, prepareWorker, type UserIdentity } from './worker-targets.js';

/** Flags this closed, small machine needs; see README "Browser". */
export const BASE_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Keep cross-site iframes in the page's renderer, so one DevTools session per page
  // sees every frame's requests (the headless shell does this anyway); also ~25% faster.
  '--disable-site-isolation-trials',
  // The network service and the GPU (software compositing) in the browser process rather
  // than two more processes: what pages do is the same, the IPC between them is saved
  // (about 0.02 CPU seconds a page, measured in npm run bench).
  '--enable-features=NetworkServiceInProcess2',
  '--in-process-gpu',
];

export interface VirtualUser {
  readonly profile: CaptureProfile;
  /** Who the user is to the pages it visits, and the in-page script that says it. */
  readonly identity: UserIdentity;
  readonly context: BrowserContext;
  page: Page;
  pagesDone: number;
  /** Set when the user must not be reused (hostile page, crash, limit reached). */
  retire: boolean;
  readonly browser: BrowserSlot;
}

interface BrowserSlot {
  profile: string;
  browser: Browser;
  /** The crawler's own DevTools connection to this browser (cdp-connection.ts). */
  cdp: CdpConnection;
  version: string;
  identity: UserIdentity;
  pages: number;
  users: number;
  retiring: boolean;
  crashed: boolean;
}

export class BrowserPool {
  /** The current browser of each profile. */
  private readonly slots = new Map<string, BrowserSlot>();
  private readonly launching = new Map<string, Promise<BrowserSlot>>();
  private readonly idle: VirtualUser[] = [];
  private readonly all = new Set<VirtualUser>();
  private closed = false;
  readonly engine: string;
  readonly profiles: ProfileCatalog;
  launches = 0;
  crashes = 0;

  constructor(
    private readonly opts: CrawlOptions,
    private readonly log: Logger,
    private readonly egress: Egress,
  ) {
    this.engine = opts.executablePath ? 'custom' : opts.engine;
    this.profiles = ProfileCatalog.with(opts.profiles);
  }

  /**
   * A virtual user with the given profile, ready for one page; `fresh`: a new browser context
   * (no cookies, cache or service workers of earlier pages). Give it back with release().
   */
  async acquire(profileName: string, o: { fresh?: boolean } = {}): Promise<VirtualUser> {
    if (this.closed) throw new Error('browser pool is closed');
    const i = o.fresh
      ? -1
      : this.idle.findIndex(
          (u) => u.profile.name === profileName && !u.retire && !u.browser.retiring && !u.browser.crashed,
        );
    if (i >= 0) return this.idle.splice(i, 1)[0]!;
    const slot = await this.browser(profileName);
    const { identity } = slot.identity;
    const context = await slot.browser.newContext({
      ...identity.context,
      ignoreHTTPSErrors: this.opts.ignoreHttpsErrors,
      acceptDownloads: true,
      // Allowed, as in any browser (blocking them shows in the page); their requests are recorded (worker-targets.ts).
      serviceWorkers: 'allow',
    });
    context.setDefaultTimeout(this.opts.navTimeoutMs);
    context.setDefaultNavigationTimeout(this.opts.navTimeoutMs);
    const page = await context.newPage();
    const user: VirtualUser = {
      profile: captureProfile(identity),
      identity: slot.identity,
      context,
      page,
      pagesDone: 0,
      retire: false,
      browser: slot,
    };
    slot.users++;
    this.all.add(user);
    return user;
  }

  /** Returns a user after a page; closes it when it is spent, and the browser when it is due. */
  async release(user: VirtualUser): Promise<void> {
    user.pagesDone++;
    user.browser.pages++;
    if (user.browser.pages >= this.opts.pagesPerBrowser) user.browser.retiring = true;
    if (user.pagesDone >= this.opts.pagesPerContext) user.retire = true;
    if (user.retire || user.browser.retiring || user.browser.crashed || this.closed || user.page.isClosed()) {
      await this.closeUser(user);
      return;
    }
    this.idle.push(user);
    // Keep at most as many idle users as pages can be in flight (other profiles' users may linger).
    while (this.idle.length > peakConcurrency(this.opts)) await this.closeUser(this.idle.shift()!);
  }

  /** Gives a user a fresh page (after a page that had to be abandoned). */
  async freshPage(user: VirtualUser): Promise<void> {
    await user.page.close({ runBeforeUnload: false }).catch(() => {}); // closed or crashed already: a new one is made below
    user.page = await user.context.newPage();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.all].map((u) => this.closeUser(u)));
    const slots = [...this.slots.values()];
    this.slots.clear();
    // Closing what may have crashed already: gone either way.
    await Promise.all(slots.map((slot) => slot.browser.close().catch(() => {})));
  }

  private async closeUser(user: VirtualUser): Promise<void> {
    if (!this.all.delete(user)) return;
    const i = this.idle.indexOf(user);
    if (i >= 0) this.idle.splice(i, 1);
    await withTimeout(user.context.close(), 5_000).catch(() => {}); // a hung or crashed context goes with its browser
    const slot = user.browser;
    slot.users--;
    if (slot.users === 0 && (slot.retiring || slot.crashed) && slot !== this.slots.get(slot.profile)) {
      await withTimeout(slot.browser.close(), 5_000).catch(() => {}); // crashed or hung: its process is killed on exit
    }
  }

  private async browser(profile: string): Promise<BrowserSlot> {
    const cur = this.slots.get(profile);
    if (cur && !cur.retiring && !cur.crashed) return cur;
    if (cur) {
      // Retire it: new users go to a fresh browser; this one closes with its last user.
      this.slots.delete(profile);
      if (cur.users === 0) void cur.browser.close().catch(() => {}); // a crashed browser is closed already
    }
    let launching = this.launching.get(profile);
    if (!launching) {
      launching = this.launch(profile).finally(() => this.launching.delete(profile));
      this.launching.set(profile, launching);
    }
    return launching;
  }

  private async launch(profileName: string): Promise<BrowserSlot> {
    const profile = this.profiles.get(profileName);
    const bin = this.opts.executablePath
      ? { executablePath: this.opts.executablePath, reason: 'configured' }
      : findBrowserBinary(this.opts.engine);
    const identity = identityOf(
      profile,
      this.opts.engine,
      browserVersion(bin.executablePath ?? chromium.executablePath()),
    );
    // A key of this browser's own: a page cannot call the timer book without it.
    const timerKey = identity.inPage ? randomUUID() : undefined;
    const user: UserIdentity = {
      identity,
      script: identity.inPage ? inPageScript({ ...identity.inPage, timerKey }) : '',
      timerKey,
    };
    // Behind the egress proxy (or not), with the host rules and upstream proxy where they apply.
    const network = await this.egress.browserSettings(identity.userAgent);
    const devtoolsPort = await freePort();
    // With the profile's user agent (no "Headless" in it) Playwright takes the browser for a
    // headed one: it leaves the default fonts to the system, as a headed browser has them.
    const browser = await chromium.launch({
      executablePath: bin.executablePath,
      // Invalid certificates accepted browser-wide too, where asked: a service worker's script is fetched outside any page.
      args: [
        ...BASE_CHROMIUM_ARGS,
        ...network.args,
        ...identity.launch.args,
        ...(this.opts.ignoreHttpsErrors ? ['--ignore-certificate-errors'] : []),
        ...this.opts.browserArgs,
        `--remote-debugging-port=${devtoolsPort}`,
        '--remote-debugging-address=127.0.0.1',
      ],
      ignoreDefaultArgs: identity.launch.ignoreDefaultArgs,
      env: { ...process.env, ...identity.launch.env },
      headless: true,
      proxy: network.proxy,
      timeout: 60_000,
      // Shutdown is ours: pages in flight get their grace before the browser goes.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    let cdp: CdpConnection;
    try {
      cdp = await CdpConnection.open(devtoolsPort);
      // Shared and service workers belong to the browser, not to a page.
      await holdWorkers(
        cdp,
        cdp.browser,
        ['shared_worker', 'service_worker'],
        (w) => prepareWorker(cdp, w, user, PageSession.ofContext(w.browserContextId)?.recorder),
        { browserWide: true, onError: (message) => this.log.debug(`a worker could not be prepared: ${message}`) },
      );
    } catch (e) {
      await browser.close().catch(() => {}); // the launch error below is what matters
      throw e;
    }
    if (browser.version() !== identity.browserVersion)
      this.log.warn(
        { probed: identity.browserVersion, running: browser.version() },
        'the browser runs another version than its --version said; the user agent names the probed one',
      );
    const slot: BrowserSlot = {
      profile: profileName,
      browser,
      cdp,
      version: browser.version(),
      identity: user,
      pages: 0,
      users: 0,
      retiring: false,
      crashed: false,
    };
    browser.on('disconnected', () => cdp.close());
    browser.on('disconnected', () => {
      if (this.closed || slot.retiring) return;
      slot.crashed = true;
      this.crashes++;
      this.log.warn({ version: slot.version }, 'browser disconnected; relaunching for the next page');
    });
    this.launches++;
    this.log.info(
      {
        executable: bin.executablePath ?? 'playwright default',
        why: bin.reason,
        version: slot.version,
        profile: profileName,
      },
      'browser launched',
    );
    this.slots.set(profileName, slot);
    return slot;
  }
}

/** What the capture records of the virtual user that visited a page. */
function captureProfile(id: Identity): CaptureProfile {
  const p = id.profile;
  return {
    name: p.name,
    user_agent: id.userAgent,
    platform: id.platform,
    languages: p.languages,
    locale: p.locale,
    timezone: p.timezone,
    viewport: p.mobile ? p.window : { width: p.window.width, height: p.window.height - DESKTOP_TOOLBAR_HEIGHT },
    screen: { width: p.screen.width, height: p.screen.height },
    is_mobile: p.mobile,
    geolocation: p.geolocation,
  };
}
