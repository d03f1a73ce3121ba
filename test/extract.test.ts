// Extraction over real-Chromium captures of the test internet: the exact host pairs of
// every cause, page/resource/cookie/IP/certificate events checked against independently
// computed values, and the CLI's per-type NDJSON output and `vucrawl extract`.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { schemaId, type EventOf, type EventType, type VucrawlEvent } from '../extractor/events.js';
import { extractEvents } from '../extractor/extract.js';
import { validateEvent } from '../sinks/validate.js';
import { runCli as cli } from './helpers/cli.js';
import { captureFor, crawlSeeds } from './helpers/harness.js';
import { PNG_1x1, scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import { TRACKER_STACK_IDS, TRACKER_STACK_PAGES } from '../internet/scenarios/tracker-stacks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Triple = [parent: string, child: string, cause: string];

/** Every (parent, child, cause) each scenario must yield: no more, no fewer. */
const EXPECTED: Record<string, Triple[]> = {
  'redirect-chain': [
    ...['hop302', 'hop303', 'hop307', 'hop308', 'final'].flatMap((to, i): Triple[] => {
      const from = `${['start', 'hop302', 'hop303', 'hop307', 'hop308'][i]}.redirect.test`;
      return [
        [from, `${to}.redirect.test`, 'redirect'],
        [from, `${to}.redirect.test`, 'topLevelRedirect'],
      ];
    }),
    ['start.redirect.test', 'final.redirect.test', 'finalRedirect'],
  ],
  'meta-refresh': [
    ['www.metarefresh.test', 'target.metarefresh.test', 'meta.refresh'],
    ['www.metarefresh.test', 'target.metarefresh.test', 'finalRedirect'],
  ],
  'js-location': [
    ['www.jslocation.test', 'target.jslocation.test', 'location.refresh'],
    ['www.jslocation.test', 'target.jslocation.test', 'finalRedirect'],
  ],
  'window-open': [['www.windowopen.test', 'popup.windowopen.test', 'window.open']],
  'nested-iframes': [
    ['www.frames-top.test', 'www.frames-middle.test', 'iframe.src'],
    ['www.frames-middle.test', 'www.frames-inner.test', 'iframe.src'],
  ],
  frameset: [
    ['www.frameset.test', 'menu.frameset-nav.test', 'frame.src'],
    ['www.frameset.test', 'content.frameset-body.test', 'frame.src'],
  ],
  initiator: [
    ['www.initiator.test', 'cdn.initiator-lib.test', 'script.src'],
    ['cdn.initiator-lib.test', 'api.initiator-data.test', 'xmlhttprequest'],
  ],
  'xhr-fetch-ws': [
    ['www.netapi.test', 'xhr.netapi.test', 'xmlhttprequest'],
    ['www.netapi.test', 'fetch.netapi.test', 'xmlhttprequest'],
    ['www.netapi.test', 'ws.netapi.test', 'websocket'],
  ],
  css: [
    ['www.css.test', 'styles.css.test', 'link.stylesheet'],
    ['styles.css.test', 'imports.css.test', 'css.import'],
    ['styles.css.test', 'fonts.css.test', 'css.import'],
    ['imports.css.test', 'images.css.test', 'css.import'],
  ],
  'media-forms': [
    ['www.media.test', 'img.media.test', 'img.src'],
    ['www.media.test', 'video.media.test', 'media.src'],
    ['www.media.test', 'audio.media.test', 'media.src'],
    ['www.media.test', 'object.media.test', 'object.data'],
    ['www.media.test', 'embed.media.test', 'embed.src'],
    ['www.media.test', 'forms.media.test', 'form.action'],
    ['www.media.test', 'blog.media.test', 'a.href'],
    ['www.media.test', 'www.media-partner.test', 'a.href'],
  ],
  'cookies-https': [['secure.cookies.test', 'pixel.cookies.test', 'img.src']],
  trackers: [
    ['www.trackers.test', 'www.googletagmanager.com', 'script.src'],
    ['www.trackers.test', 'www.google-analytics.com', 'script.src'],
    ['www.trackers.test', 'connect.facebook.net', 'script.src'],
    // gtag.js's sendBeacon; image beacons are attributed by Chromium to the document.
    ['www.googletagmanager.com', 'www.google-analytics.com', 'xmlhttprequest'],
    ['www.trackers.test', 'www.google-analytics.com', 'img.src'],
    ['www.trackers.test', 'www.facebook.com', 'img.src'],
    // GTM's <noscript><iframe>: referenced by the page, never loaded with scripts on.
    ['www.trackers.test', 'www.googletagmanager.com', 'iframe.src'],
  ],
  // The compromised shop: ad redirect chain, injected loader, skimmer, exfiltration, two iframes.
  shop: [
    ['go.shop-deals.test', 'clk.shop-track.test', 'redirect'],
    ['go.shop-deals.test', 'clk.shop-track.test', 'topLevelRedirect'],
    ['clk.shop-track.test', 'www.shop.test', 'redirect'],
    ['clk.shop-track.test', 'www.shop.test', 'topLevelRedirect'],
    ['go.shop-deals.test', 'www.shop.test', 'finalRedirect'],
    ['www.shop.test', 'cdn.jquery-stats.test', 'script.src'],
    ['cdn.jquery-stats.test', 'js.metrics-cdn.test', 'script.src'],
    ['js.metrics-cdn.test', 'gate.cardexfil.test', 'xmlhttprequest'],
    ['www.shop.test', 'pay.shop-payments.test', 'iframe.src'],
    ['www.shop.test', 'chat.shop-support.test', 'iframe.src'],
  ],
  // Ends on Chromium's error page: the hosts the page sent the browser to, never the error page's.
  'error-page': [
    ['www.errorpage.test', '127.0.0.1', 'location.refresh'],
    ['www.errorpage.test', '127.0.0.1', 'finalRedirect'],
    ['www.errorpage.test', '127.0.0.1', 'iframe.src'],
  ],
};

let net: TestInternet;
let captures: PageCapture[];
const eventsOf = (name: string) => extractEvents(captureFor(captures, scenarioSeeds[name]!));
const ofType = <T extends EventType>(events: VucrawlEvent[], t: T) =>
  events.filter((e): e is EventOf<T> => e.schema === schemaId(t));
const triples = (events: VucrawlEvent[]): Triple[] =>
  ofType(events, 'host_pair')
    .map((p): Triple => [p.parent_host, p.child_host, p.cause])
    .sort();

beforeAll(async () => {
  net = await startTestInternet();
  ({ captures } = await crawlSeeds(net, [
    ...[...Object.keys(EXPECTED), 'cookies', 'crawl'].map((n) => scenarioSeeds[n]!),
    ...Object.values(TRACKER_STACK_PAGES),
  ]));
});
afterAll(async () => {
  await net?.close();
});

describe('host pairs', () => {
  it.each(Object.keys(EXPECTED))('%s: exactly the expected (parent, child, cause)', (name) => {
    expect(triples(eventsOf(name))).toEqual([...EXPECTED[name]!].sort());
  });

  it('covers every cause of the vocabulary that a page can produce', () => {
    const seen = new Set(
      Object.values(EXPECTED)
        .flat()
        .map((t) => t[2]),
    );
    seen.add('parentPage'); // below
    for (const cause of [
      'redirect',
      'topLevelRedirect',
      'finalRedirect',
      'meta.refresh',
      'location.refresh',
      'script.src',
      'iframe.src',
      'img.src',
      'link.stylesheet',
      'css.import',
      'a.href',
      'xmlhttprequest',
      'parentPage',
      'frame.src',
      'form.action',
      'window.open',
      'websocket',
      'media.src',
      'object.data',
      'embed.src',
    ]) {
      expect(seen, cause).toContain(cause);
    }
  });

  it('records parentPage from the page a link was followed from, with the evidence for every pair', async () => {
    const { captures: crawl } = await crawlSeeds(net, [{ url: 'http://www.crawl.test/', depth: 1 }]);
    const other = extractEvents(captureFor(crawl, 'http://other.crawl.test/'));
    expect(triples(other)).toEqual([
      ['other.crawl.test', 'www.crawl.test', 'a.href'],
      ['www.crawl.test', 'other.crawl.test', 'parentPage'],
    ]);
    const shop = ofType(eventsOf('shop'), 'host_pair');
    expect(shop.find((p) => p.child_host === 'js.metrics-cdn.test')).toMatchObject({
      source: 'network',
      resource_type: 'script',
      initiator_type: 'script',
      initiator_url: expect.stringMatching(/^https:\/\/cdn\.jquery-stats\.test\//),
      frame_url: 'https://www.shop.test/',
      parent_url: expect.stringMatching(/^https:\/\/cdn\.jquery-stats\.test\//),
      child_url: expect.stringMatching(/^https:\/\/js\.metrics-cdn\.test\//),
    });
  });
});

describe('page, resource, cookie, IP and certificate events', () => {
  it('every event of every capture is valid against its schema', () => {
    for (const c of captures) for (const e of extractEvents(c)) expect(validateEvent(e)).toMatchObject({ ok: true });
  });

  it('describes the page: landing, chain, body and DOM hashes, favicon hash, address, TLS', () => {
    const [page] = ofType(eventsOf('shop'), 'page');
    const c = captureFor(captures, scenarioSeeds.shop!);
    expect(page).toMatchObject({
      url: 'http://go.shop-deals.test/summer-sale',
      final_url: 'https://www.shop.test/',
      host: 'www.shop.test',
      site: 'shop.test',
      status: 200,
      redirect_chain: [
        'http://go.shop-deals.test/summer-sale',
        'http://clk.shop-track.test/c?campaign=summer&dest=shop',
        'https://www.shop.test/',
      ],
      favicon_url: 'https://www.shop.test/favicon.ico',
      favicon_sha256: sha256(PNG_1x1),
      // Shodan's favicon hash of these bytes, computed with Python's mmh3 (see test/unit/favicon-hash.test.ts).
      favicon_mmh3: 743163047,
      ip: '127.0.0.1',
      port: net.httpsPort,
      tls_protocol: 'TLS 1.3',
      frames: 3,
    });
    expect(page!.dom_sha256).toBe(sha256(c.frames.find((f) => f.id === c.main_frame_id)!.dom!));
  });

  it('hashes every response body as an independent download of the same URL does', async () => {
    const resources = ofType(eventsOf('shop'), 'resource');
    expect(resources.length).toBeGreaterThanOrEqual(10);
    for (const r of resources.filter((x) => x.sha256 && x.url.startsWith('https://www.shop.test/static/'))) {
      expect(r.sha256, r.url).toBe(sha256(await download(r.url)));
    }
    const img = ofType(eventsOf('media-forms'), 'resource').find((r) => r.url === 'http://img.media.test/photo.png')!;
    expect(img).toMatchObject({
      sha256: sha256(PNG_1x1),
      size: PNG_1x1.length,
      mime: 'image/png',
      host: 'img.media.test',
      status: 200,
      resource_type: 'image',
    });
  });

  it('emits cookies with the host that set them, and host IPs and certificates with their fingerprint', () => {
    const cookies = ofType(eventsOf('cookies-https'), 'cookie')
      .map((k) => [k.host, k.name, k.set_by])
      .sort();
    expect(cookies).toEqual([
      ['pixel.cookies.test', 'px_uid', 'http'],
      ['secure.cookies.test', 'js_secure', 'script'],
      ['secure.cookies.test', 'secure_session', 'http'],
    ]);
    const events = eventsOf('cookies-https');
    expect(
      ofType(events, 'host_ip')
        .map((h) => [h.host, h.ip, h.port])
        .sort(),
    ).toEqual([
      ['pixel.cookies.test', '127.0.0.1', net.httpsPort],
      ['secure.cookies.test', '127.0.0.1', net.httpsPort],
    ]);
    const der = new X509Certificate(readFileSync(path.join(ROOT, 'internet/tls/test-only-cert.pem'))).raw;
    const certs = ofType(events, 'certificate');
    expect(certs.map((x) => x.host).sort()).toEqual(['pixel.cookies.test', 'secure.cookies.test']);
    for (const cert of certs)
      expect(cert).toMatchObject({
        sha256: sha256(der),
        protocol: 'TLS 1.3',
        san: expect.arrayContaining(['secure.cookies.test']),
      });
  });

  it('finds tracker IDs on the page and the ones only a script injected at runtime', () => {
    const found = ofType(eventsOf('trackers'), 'tracker').map((t) => `${t.type} ${t.value} ${t.source}`);
    expect(found).toContain('GoogleTagManagerId GTM-ABCD123 dom');
    expect(found).toContain('GoogleAnalyticsTrackingId UA-48213377-2 dom');
    expect(found).toContain('GoogleAnalyticsAccountNumber UA-48213377 dom');
    expect(found).toContain('FacebookId 731946250118342 network');
    expect(found).toContain('FacebookId 731946250118342 dom');
    // In no document: only gtm.js's body and the beacon it fired carry it.
    expect(found).toContain('GoogleAnalyticsMeasurementId G-INJECTED9 network');
    expect(found).toContain('GoogleAnalyticsMeasurementId G-INJECTED9 script');
    expect(found.filter((f) => f.includes('G-INJECTED9 dom'))).toEqual([]);
  });

  // Every (type, value, source) a real crawl of each tag-stack page yields: the snippets in
  // its DOM, the requests the vendors' scripts sent, and the IDs their bodies carry.
  const ids = TRACKER_STACK_IDS;
  const both = (type: string, value: string) => [`${type} ${value} network`, `${type} ${value} dom`];
  const STACKS: Record<keyof typeof TRACKER_STACK_PAGES, string[]> = {
    publisher: [
      ...both('ComScoreClientId', ids.comscore),
      ...both('ChartbeatAccountId', ids.chartbeat),
      ...ids.adobeSuites.flatMap((suite) => both('AdobeAnalyticsReportSuiteId', suite)),
      ...both('QuantcastAccountId', ids.quantcast),
      ...both('ParselySiteId', ids.parsely),
      ...both('TaboolaPublisherId', ids.taboola),
      ...both('OutbrainPartnerKey', ids.outbrainPartnerKey),
      ...both('OutbrainMarketerId', ids.outbrainMarketer),
      ...both('CriteoAccountId', ids.criteo),
      ...both('OptimizelyId', ids.optimizely),
      ...both('NewRelicId', ids.newRelicLicense),
      ...both('NewRelicApplicationId', ids.newRelicApplication),
      ...both('TealiumProfileId', ids.tealium),
      // p.js and loader.js are per site: their bodies name it.
      `ParselySiteId ${ids.parsely} script`,
      `TaboolaPublisherId ${ids.taboola} script`,
    ],
    analytics: [
      ...both('MatomoSiteId', `stats.trackers.test/?idsite=${ids.matomoSite}`),
      ...both('PiwikProSiteId', `trackers.piwik.pro/${ids.piwikProSite}`),
      ...both('FathomSiteId', ids.fathom),
      // Plausible, Umami and Cloudflare send their IDs in POST bodies: only the DOM names them.
      `PlausibleSiteDomain ${ids.plausibleDomain} dom`,
      `UmamiWebsiteId ${ids.umami} dom`,
      `CloudflareWebAnalyticsToken ${ids.cloudflareToken} dom`,
    ],
    // The platform's AdSense host ID is a type of its own; the variable's GA4 ID (never configured) is no ID.
    blog: [
      ...both('GoogleAdSensePublisherId', ids.adsensePublisher),
      ...both('GoogleAdSenseHostId', ids.adsenseHost),
      ...both('GoogleAnalyticsMeasurementId', ids.ga4Configured),
      ...both('PlausibleScriptId', ids.plausibleScript),
      // The snippet's variable names an ID gtag never receives: in the page's code, not run.
      `GoogleAnalyticsMeasurementId ${ids.ga4Variable} dom`,
    ],
  };
  it.each(Object.keys(STACKS) as (keyof typeof STACKS)[])('finds exactly the tag stack of the %s page', (name) => {
    const events = ofType(extractEvents(captureFor(captures, TRACKER_STACK_PAGES[name])), 'tracker');
    expect(events.map((t) => `${t.type} ${t.value} ${t.source}`).sort()).toEqual([...STACKS[name]].sort());
    for (const t of events) expect(t.host).toBe('www.trackers.test');
  });

  it('marks what the visit ran executed and what only sits in the code inline-code', () => {
    const events = ofType(extractEvents(captureFor(captures, TRACKER_STACK_PAGES.blog)), 'tracker');
    const ga4 = events
      .filter((t) => t.type === 'GoogleAnalyticsMeasurementId')
      .map((t) => `${t.value} ${t.source} ${t.context}`)
      .sort();
    expect(ga4).toEqual(
      [
        `${ids.ga4Configured} dom executed`,
        `${ids.ga4Configured} network executed`,
        `${ids.ga4Variable} dom inline-code`,
      ].sort(),
    );
  });
});

describe("Chromium's error page", () => {
  it('is a failed page with the network error, and no pair, tracker or resource names it', () => {
    const c = captureFor(captures, scenarioSeeds['error-page']!);
    expect(c.outcome).toBe('failed');
    // Port 9 is on Chromium's list of ports it never connects to.
    expect(c.error).toBe('net::ERR_UNSAFE_PORT at http://127.0.0.1:9/');
    // Both the page and its iframe ended on the error page.
    expect(c.frames.map((f) => f.url)).toEqual(['chrome-error://chromewebdata/', 'chrome-error://chromewebdata/']);
    const events = eventsOf('error-page');
    const named = events.filter(
      (e) =>
        ['vucrawl.host_pair/4', 'vucrawl.tracker/4', 'vucrawl.resource/4'].includes(e.schema) &&
        /chrome-error|chromewebdata/.test(JSON.stringify(e)),
    );
    expect(named).toEqual([]);
    expect(ofType(events, 'host_pair').find((p) => p.cause === 'iframe.src')).toMatchObject({
      child_url: 'http://127.0.0.1:9/frame',
      frame_url: null,
    });
    expect(ofType(events, 'resource').map((r) => r.url)).toEqual(['http://www.errorpage.test/']);
  });
});

describe('NDJSON output', () => {
  it('crawl --out writes one file per event type; extract re-derives the same events from the captures', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-events-'));
    const seeds = [scenarioSeeds.shop!, scenarioSeeds['cookies-https']!, scenarioSeeds.trackers!];
    const crawl = await cli([
      'crawl',
      ...seeds,
      '--out',
      dir,
      '--no-store',
      '--allow-private',
      '--ignore-https-errors',
      '--host-resolver-rules',
      net.hostResolverRules,
    ]);
    expect(crawl.code).toBe(0);
    // Beside the crawl's state folder (state/: what a resumed crawl reads).
    expect(
      readdirSync(dir)
        .filter((f) => f !== 'state')
        .sort(),
    ).toEqual([
      'captures.ndjson',
      'certificate.ndjson',
      'component.ndjson',
      'cookie.ndjson',
      'host_ip.ndjson',
      'host_pair.ndjson',
      'page.ndjson',
      'resource.ndjson',
      'tracker.ndjson',
    ]);
    const pages = lines(path.join(dir, 'page.ndjson'));
    expect(pages.map((p) => p.page_url).sort()).toEqual([...seeds].sort());
    for (const f of readdirSync(dir))
      for (const e of f.endsWith('.ndjson') ? lines(path.join(dir, f)) : [])
        if (f !== 'captures.ndjson') expect(e.page_url).toBeTruthy();

    const again = mkdtempSync(path.join(tmpdir(), 'vucrawl-extract-'));
    const ex = await cli(['extract', path.join(dir, 'captures.ndjson'), '--out', again]);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain('extracted 3 captures (0 bad lines, 0 extraction errors)');
    for (const f of readdirSync(again)) expect(lines(path.join(again, f)), f).toEqual(lines(path.join(dir, f)));
  });

  it('extract reports lines that are not captures by file and line, and goes on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-extract-'));
    const file = path.join(dir, 'captures.ndjson');
    const good = JSON.stringify(captureFor(captures, scenarioSeeds.css!));
    writeFileSync(file, ['{not json', good, '{"schema":"something/else"}', ''].join('\n'));
    const r = await cli(['extract', file, '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:1: not JSON`);
    expect(r.stderr).toContain(`${file}:3: not a vucrawl.capture/1 capture; skipped`);
    expect(r.stdout).toContain('extracted 1 captures (2 bad lines, 0 extraction errors)');
    expect(lines(path.join(dir, 'host_pair.ndjson'))).toHaveLength(4);
  });
});

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Fetches a URL straight from the test internet (not through Chromium). */
function download(url: string): Promise<Buffer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const get = u.protocol === 'https:' ? import('node:https').then((h) => h.get) : Promise.resolve(http.get);
    void get.then((fn) =>
      fn(
        {
          host: '127.0.0.1',
          port: u.protocol === 'https:' ? net.httpsPort : net.httpPort,
          path: u.pathname + u.search,
          headers: { host: u.host },
          servername: u.hostname,
          rejectUnauthorized: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        },
      ).on('error', reject),
    );
  });
}

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
