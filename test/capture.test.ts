// Page capture with real Chromium against the test internet: every scenario's exact
// requests, and the frames, navigations, initiators, bodies, cookies and TLS details the
// capture must record for it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { CRAWL_DEFAULTS } from '../crawler/options.js';
import { needsBody } from '../crawler/recorder.js';
import { captureFor, crawlSeeds, request, requestKeys } from './helpers/harness.js';
import { PNG_1x1, scenarioLoads, scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

const HOSTILE = new Set([
  'redirect-loop',
  'dialog-loop',
  'popup-storm',
  'beforeunload',
  'never-loads',
  'huge-body',
  'download',
  'crawler-trap',
]);
const scenarios = Object.keys(scenarioLoads).filter((n) => !HOSTILE.has(n));

// The skimmer's no-cors POST: the page never reads the answer, so Chromium never finishes loading it.
const UNREAD_BODIES = new Set(['https://gate.cardexfil.test/collect']);

let net: TestInternet;
let captures: PageCapture[];
const cap = (name: string) => captureFor(captures, scenarioSeeds[name]!);

beforeAll(async () => {
  net = await startTestInternet();
  ({ captures } = await crawlSeeds(
    net,
    scenarios.map((n) => scenarioSeeds[n]!),
    { depth: 0 },
  ));
});
afterAll(async () => {
  await net?.close();
});

describe('every scenario', () => {
  it.each(scenarios)('%s: the capture holds exactly the requests the server answered', (name) => {
    const c = cap(name);
    expect(c.outcome).toBe('ok');
    // A popup's own requests belong to the popup, which is recorded and closed, not crawled.
    const popups = new Set(c.popups.map((p) => `GET ${p.url}`));
    const expected = scenarioLoads[name]!.map((l) => l.replace('GET http://ws.', 'GET ws://ws.'))
      .filter((l) => !popups.has(l))
      .sort();
    expect(requestKeys(c)).toEqual(expected);
    // And the server saw the same ones (no request missing from the capture).
    const served = net.requests.filter((r) => c.requests.some((q) => q.url.replace(/^ws/, 'http') === r.url)).length;
    expect(served).toBeGreaterThanOrEqual(expected.length);
  });

  it('records every request with its frame, type, initiator, remote address and a body hash', () => {
    for (const c of captures) {
      for (const r of c.requests) {
        expect(r.initiator.type, r.url).toBeTruthy();
        expect(r.resource_type, r.url).toMatch(/^[a-z]+$/);
        if (r.resource_type !== 'websocket') expect(r.frame_id, r.url).toBeTruthy();
        if (r.status !== undefined && r.resource_type !== 'websocket') {
          expect(r.remote_ip, r.url).toBe('127.0.0.1');
          expect(r.remote_port, r.url).toBe(r.url.startsWith('https:') ? net.httpsPort : net.httpPort);
        }
        if (!needsBody(r) || r.failure) continue;
        if (UNREAD_BODIES.has(r.url)) expect(r.body?.error).toMatch(/^unfinished/);
        else expect(r.body?.sha256, `${r.url} ${JSON.stringify(r.body)}`).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });
});

describe('navigations', () => {
  it('follows a 301/302/303/307/308 chain across hosts, hop by hop', () => {
    const c = cap('redirect-chain');
    expect(c.final_url).toBe('http://final.redirect.test/landing');
    expect(c.status).toBe(200);
    expect(c.navigations.map((n) => [n.cause, n.from_url, n.url, n.status])).toEqual([
      ['seed', undefined, 'http://start.redirect.test/', undefined],
      ['http-redirect', 'http://start.redirect.test/', 'http://hop302.redirect.test/step/2', 301],
      ['http-redirect', 'http://hop302.redirect.test/step/2', 'http://hop303.redirect.test/step/3', 302],
      ['http-redirect', 'http://hop303.redirect.test/step/3', 'http://hop307.redirect.test/step/4', 303],
      ['http-redirect', 'http://hop307.redirect.test/step/4', 'http://hop308.redirect.test/step/5', 307],
      ['http-redirect', 'http://hop308.redirect.test/step/5', 'http://final.redirect.test/landing', 308],
    ]);
    const hops = c.requests.map((r) => [r.url, r.status, r.redirect_from, r.redirect_to]);
    expect(hops[0]).toEqual(['http://start.redirect.test/', 301, undefined, 'http://hop302.redirect.test/step/2']);
    expect(hops[5]).toEqual([
      'http://final.redirect.test/landing',
      200,
      'http://hop308.redirect.test/step/5',
      undefined,
    ]);
    expect(c.requests[0]!.response_headers?.location).toBe('http://hop302.redirect.test/step/2');
  });

  it('records a meta refresh and lands on its target', () => {
    const c = cap('meta-refresh');
    expect(c.final_url).toBe('http://target.metarefresh.test/arrived');
    expect(c.navigations.map((n) => [n.cause, n.from_url, n.url])).toEqual([
      ['seed', undefined, 'http://www.metarefresh.test/'],
      ['meta-refresh', 'http://www.metarefresh.test/', 'http://target.metarefresh.test/arrived'],
    ]);
    // The first document was hashed although it was replaced by the refresh.
    expect(request(c, 'http://www.metarefresh.test/').body?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.title).toBe('Meta refresh: arrived');
  });

  it('records a script-driven location change after load', () => {
    const c = cap('js-location');
    expect(c.final_url).toBe('http://target.jslocation.test/arrived');
    expect(c.navigations.map((n) => [n.cause, n.from_url, n.url])).toEqual([
      ['seed', undefined, 'http://www.jslocation.test/'],
      ['script', 'http://www.jslocation.test/', 'http://target.jslocation.test/arrived'],
    ]);
    expect(request(c, 'http://target.jslocation.test/arrived').initiator).toMatchObject({
      type: 'script',
      url: 'http://www.jslocation.test/',
    });
  });

  it('waits for what a page does late: a redirect 900 ms after load, a beacon after 700 ms, a meta refresh after 1 s', () => {
    const redirected = cap('late-redirect');
    expect(redirected.final_url).toBe('http://target.lateredirect.test/arrived');
    expect(redirected.navigations.map((n) => n.cause)).toEqual(['seed', 'script']);
    // (Chromium names no script as the initiator of an image created by script: see docs/capture.md.)
    expect(request(cap('late-beacon'), 'http://px.latebeacon.test/b.png?after=700').status).toBe(200);
    const refreshed = cap('slow-meta-refresh');
    expect(refreshed.final_url).toBe('http://target.slowrefresh.test/arrived');
    expect(refreshed.navigations.map((n) => n.cause)).toEqual(['seed', 'meta-refresh']);
    // Each settled soon after its late step, not at the end of the window.
    for (const c of [redirected, cap('late-beacon'), refreshed])
      expect(c.timings.settled_ms, c.target.url).toBeLessThan(CRAWL_DEFAULTS.settleMs + 1_000);
  });

  it('records window.open as a popup and closes it', () => {
    const c = cap('window-open');
    expect(c.final_url).toBe('http://www.windowopen.test/');
    expect(c.popups.map((p) => p.url)).toEqual(['http://popup.windowopen.test/ad']);
    expect(c.navigations.filter((n) => n.cause === 'window-open').map((n) => [n.from_url, n.url])).toEqual([
      ['http://www.windowopen.test/', 'http://popup.windowopen.test/ad'],
    ]);
  });
});

describe('frames', () => {
  it('records three nested frames on three hosts with parents, DOMs and frame-attributed requests', () => {
    const c = cap('nested-iframes');
    const byUrl = new Map(c.frames.map((f) => [f.url, f]));
    const top = byUrl.get('http://www.frames-top.test/')!;
    const middle = byUrl.get('http://www.frames-middle.test/frame')!;
    const inner = byUrl.get('http://www.frames-inner.test/frame')!;
    expect(c.frames).toHaveLength(3);
    expect(top.id).toBe(c.main_frame_id);
    expect(top.parent_id).toBeUndefined();
    expect(middle.parent_id).toBe(top.id);
    expect(inner.parent_id).toBe(middle.id);
    expect([middle.name, inner.name]).toEqual(['middle', 'inner']);
    expect(top.dom).toContain('<iframe name="middle"');
    expect(inner.dom).toContain('<img id="pixel"');
    expect(top.dom?.startsWith('<!DOCTYPE html>')).toBe(true);
    const pixel = request(c, 'http://www.frames-inner.test/pixel.png');
    expect(pixel.frame_id).toBe(inner.id);
    expect(pixel.initiator).toMatchObject({ type: 'parser', url: 'http://www.frames-inner.test/frame' });
    expect(request(c, 'http://www.frames-inner.test/frame').initiator).toMatchObject({
      type: 'parser',
      url: 'http://www.frames-middle.test/frame',
    });
    expect(c.navigations.filter((n) => n.cause === 'frame-initial').map((n) => n.url)).toEqual([
      'http://www.frames-middle.test/frame',
      'http://www.frames-inner.test/frame',
    ]);
  });
});

describe('initiators and subresources', () => {
  it('attributes an injected script to the page and its fetch to the injected script', () => {
    const c = cap('initiator');
    expect(request(c, 'http://cdn.initiator-lib.test/loader.js').initiator).toMatchObject({
      type: 'script',
      url: 'http://www.initiator.test/',
    });
    const data = request(c, 'http://api.initiator-data.test/data.json');
    expect(data.resource_type).toBe('fetch');
    expect(data.initiator).toMatchObject({ type: 'script', url: 'http://cdn.initiator-lib.test/loader.js' });
    expect(c.frames[0]!.dom).toContain('loaded 3');
  });

  it('records XHR, fetch and a websocket with their types', () => {
    const c = cap('xhr-fetch-ws');
    expect(request(c, 'http://xhr.netapi.test/items.json').resource_type).toBe('xhr');
    expect(request(c, 'http://fetch.netapi.test/user.json').resource_type).toBe('fetch');
    const ws = request(c, 'ws://ws.netapi.test/socket');
    expect(ws).toMatchObject({
      resource_type: 'websocket',
      status: 101,
      initiator: { type: 'script', url: 'http://www.netapi.test/' },
    });
    expect(c.frames[0]!.dom).toContain('ws=echo: hello from page');
  });

  it('attributes @import, fonts and CSS images to the stylesheet that asked for them', () => {
    const c = cap('css');
    expect(request(c, 'http://styles.css.test/main.css')).toMatchObject({
      resource_type: 'stylesheet',
      initiator: { type: 'parser', url: 'http://www.css.test/' },
    });
    expect(request(c, 'http://imports.css.test/theme.css')).toMatchObject({
      resource_type: 'stylesheet',
      initiator: { url: 'http://styles.css.test/main.css' },
    });
    expect(request(c, 'http://fonts.css.test/fancy.woff2')).toMatchObject({
      resource_type: 'font',
      initiator: { url: 'http://styles.css.test/main.css' },
    });
    expect(request(c, 'http://images.css.test/hero.png')).toMatchObject({
      resource_type: 'image',
      initiator: { url: 'http://imports.css.test/theme.css' },
    });
  });

  it('records media, object and embed loads; keeps forms and anchors in the DOM and links', () => {
    const c = cap('media-forms');
    expect(request(c, 'http://img.media.test/photo.png').resource_type).toBe('image');
    expect(request(c, 'http://video.media.test/clip.mp4').resource_type).toBe('media');
    expect(request(c, 'http://audio.media.test/sound.wav').resource_type).toBe('media');
    expect(request(c, 'http://object.media.test/widget.html').resource_type).toBe('document');
    expect(c.frames[0]!.dom).toContain('action="http://forms.media.test/submit"');
    expect(c.links.sort()).toEqual([
      'http://blog.media.test/',
      'http://www.media-partner.test/',
      'http://www.media.test/#top',
      'http://www.media.test/?page=2',
      'http://www.media.test/about',
      'http://www.media.test/contact.html',
    ]);
  });

  it('hashes bodies exactly (SHA-256 of the bytes served)', () => {
    const c = cap('media-forms');
    expect(request(c, 'http://img.media.test/photo.png').body).toEqual({
      sha256: createHash('sha256').update(PNG_1x1).digest('hex'),
      size: PNG_1x1.length,
    });
  });
});

describe('cookies and TLS', () => {
  it('tells Set-Cookie cookies from document.cookie ones', () => {
    const c = cap('cookies');
    const got = c.cookies.map((k) => [k.name, k.domain, k.set_by, k.setter_url, k.http_only, k.same_site]).sort();
    expect(got).toEqual([
      ['js_pref', 'www.cookies.test', 'script', 'http://www.cookies.test/', false, 'Lax'],
      ['session_id', 'www.cookies.test', 'http', 'http://www.cookies.test/', true, 'Lax'],
      ['theme', 'www.cookies.test', 'http', 'http://www.cookies.test/', false, 'Strict'],
    ]);
    expect(c.cookies.find((k) => k.name === 'session_id')!.value_sha256).toBe(
      createHash('sha256').update('abc123').digest('hex'),
    );
  });

  it('records TLS details and third-party cookies over https', () => {
    const c = cap('cookies-https');
    const doc = request(c, 'https://secure.cookies.test/');
    expect(doc.tls?.protocol).toMatch(/^TLS 1\.[23]$/);
    expect(doc.tls?.san).toContain('secure.cookies.test');
    expect(doc.tls?.subject).toBeTruthy();
    expect(doc.tls!.valid_to).toBeGreaterThan(Date.now());
    const px = c.cookies.find((k) => k.name === 'px_uid')!;
    expect(px).toMatchObject({
      domain: 'pixel.cookies.test',
      set_by: 'http',
      setter_url: 'https://pixel.cookies.test/p.png',
      secure: true,
      same_site: 'None',
    });
    expect(c.cookies.find((k) => k.name === 'js_secure')).toMatchObject({ set_by: 'script', secure: true });
  });
});

describe('trackers and the shop', () => {
  it('sees network-only IDs that only a script injected at runtime', () => {
    const c = cap('trackers');
    // gtm.js fires it with new Image(): Chromium attributes image loads to the document, not the script.
    const beacon = c.requests.find((r) => r.url.includes('tid=G-INJECTED9'))!;
    expect(beacon).toMatchObject({
      resource_type: 'image',
      status: 200,
      initiator: { url: 'https://www.trackers.test/' },
    });
    expect(c.frames[0]!.dom).not.toContain('G-INJECTED9');
    expect(request(c, 'https://www.googletagmanager.com/gtm.js?id=GTM-ABCD123').initiator).toMatchObject({
      type: 'script',
      url: 'https://www.trackers.test/',
    });
  });

  it('follows the compromised shop from the ad redirect to the exfiltration request', () => {
    const c = cap('shop');
    expect(c.final_url).toBe('https://www.shop.test/');
    expect(c.navigations.filter((n) => n.cause === 'http-redirect').map((n) => n.url)).toEqual([
      'http://clk.shop-track.test/c?campaign=summer&dest=shop',
      'https://www.shop.test/',
    ]);
    const skimmer = c.requests.find((r) => r.url.startsWith('https://js.metrics-cdn.test/'))!;
    expect(skimmer.initiator.url).toMatch(/^https:\/\/cdn\.jquery-stats\.test\//);
    const exfil = c.requests.find((r) => r.url.startsWith('https://gate.cardexfil.test/'))!;
    expect(exfil.initiator.url).toBe(skimmer.url);
    expect(exfil.method).toBe('POST');
  });
});
