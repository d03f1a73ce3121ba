// The logos a page shows, hashed by the crawler (crawler/logos.ts) with real Chromium against
// the test internet (scenario brand-lookalikes): the look-alike that impersonates Acme Bank
// shows the bank's logo recoloured, within SAME_IMAGE_BITS of the logo the brand is given;
// the unrelated site shows a logo of its own, far from it; a page without screenshots has
// no logo hashes. Then the step alone on a page of its own: the same logo scrolled (element
// screenshots take document coordinates), and a page whose DOM loops when read, which costs
// only the logos and leaves the renderer free.
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import type { CdpSession } from '../crawler/cdp-connection.js';
import { logoPhashes } from '../crawler/logos.js';
import { perceptualHash } from '../crawler/phash.js';
import { phashDistance, SAME_IMAGE_BITS } from '../extractor/phash-distance.js';
import { ACME_BANK, acmeBankLogo, startTestInternet, type TestInternet } from '../internet/server.js';
import { captureFor, crawlSeeds } from './helpers/harness.js';

const L = ACME_BANK.lookalikes;
const url = (host: string) => `http://${host}/`;
/** The look-alike again, without a screenshot. */
const PLAIN = `${url(L.impersonating)}?plain=1`;

let net: TestInternet;
let captures: PageCapture[];
/** The pHash `vucrawl brand add --logo` stores for the bank's own logo file. */
let brandLogo: string;

beforeAll(async () => {
  net = await startTestInternet();
  brandLogo = (await perceptualHash(acmeBankLogo('#0b4aa2'))).phash;
  const shot = [ACME_BANK.official, L.impersonating, L.unrelated].map((h) => ({ url: url(h), screenshots: true }));
  ({ captures } = await crawlSeeds(net, [
    ...shot,
    { url: url(L.parked), screenshots: true },
    { url: PLAIN, screenshots: false },
  ]));
});
afterAll(async () => {
  await net?.close();
});

/** Each of a page's logo hashes with its distance to the brand's logo. */
const distances = (host: string) => {
  const c = captureFor(captures, url(host));
  expect(c.outcome).toBe('ok');
  expect(c.screenshot?.phash).toMatch(/^[0-9a-f]{16}$/);
  return (c.logo_phashes ?? []).map((h) => ({ h, bits: phashDistance(h, brandLogo) }));
};

describe('logos in captures', () => {
  it("finds the bank's logo on its own login and, recoloured, on the look-alike, within SAME_IMAGE_BITS of the brand's", () => {
    for (const host of [ACME_BANK.official, L.impersonating]) {
      const d = distances(host);
      // The header's logo only: the page has no other image.
      expect(d).toHaveLength(1);
      expect(d[0]!.h).toMatch(/^[0-9a-f]{16}$/);
      expect(d[0]!.bits, `${host}: ${JSON.stringify(d)}`).toBeLessThanOrEqual(SAME_IMAGE_BITS);
    }
  });

  it("hashes the unrelated site's own logo, none of them close to the brand's", () => {
    const d = distances(L.unrelated);
    expect(d).toHaveLength(1);
    for (const { bits } of d) expect(bits).toBeGreaterThan(SAME_IMAGE_BITS);
  });

  it('says [] of a page that shows no logo, and nothing of a page taken without a screenshot', () => {
    expect(captureFor(captures, url(L.parked)).logo_phashes).toEqual([]);
    const plain = captureFor(captures, PLAIN);
    expect(plain.outcome).toBe('ok');
    expect(plain.screenshot).toBeUndefined();
    expect(plain.logo_phashes).toBeUndefined();
  });
});

describe('the logo step on its own', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findBrowserBinary('headless-shell').executablePath });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page with the bank's logo in a fixed header, 3000 px tall; its DevTools session. */
  const open = async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const logo = `data:image/svg+xml;base64,${acmeBankLogo('#0b4aa2').toString('base64')}`;
    await page.setContent(
      `<header style="position: fixed; top: 0"><img class="logo" src="${logo}" width="160" height="48"></header>
<main style="height: 3000px"><p>Long page</p></main>`,
      { waitUntil: 'load' },
    );
    return { page, cdp: (await page.context().newCDPSession(page)) as unknown as CdpSession };
  };
  const PAGE_URL = 'https://www.acmebank.example/';

  it('shoots the element where it is shown, the page scrolled or not', async () => {
    const { page, cdp } = await open();
    const top = await logoPhashes(cdp, PAGE_URL, Date.now() + 5_000);
    await page.evaluate('window.scrollTo(0, 2000)');
    const scrolled = await logoPhashes(cdp, PAGE_URL, Date.now() + 5_000);
    expect(top).toEqual({ phashes: [expect.stringMatching(/^[0-9a-f]{16}$/)] });
    expect(phashDistance(top.phashes![0]!, brandLogo)).toBeLessThanOrEqual(SAME_IMAGE_BITS);
    expect(scrolled).toEqual(top);
    await page.close();
  });

  it("gives up on a page whose DOM loops when read, within its time, and the page's renderer answers again", async () => {
    const { page, cdp } = await open();
    // The page's own getAttribute never returns (the scan reads ids and classes with it).
    await page.evaluate('Element.prototype.getAttribute = () => { for (;;); }');
    const started = Date.now();
    const shots = await logoPhashes(cdp, PAGE_URL, started + 1_500);
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
    expect(shots.phashes).toBeUndefined();
    expect(shots.error).toMatch(/^logo scan: /);
    // The loop was terminated, not left running: the next read of the page answers.
    expect(await page.evaluate("document.querySelector('p').textContent")).toBe('Long page');
    await page.close();
  });
});
