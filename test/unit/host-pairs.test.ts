// Host-pair rules on plain data (the real-Chromium scenarios are in test/extract.test.ts).
import { describe, expect, it } from 'vitest';
import { captureOf, type CapturedRequest, type PageCapture } from '../../capture/capture.js';
import { domRefs } from '../../extractor/dom-refs.js';
import { extractEvents } from '../../extractor/extract.js';
import { hostPairs } from '../../extractor/host-pairs.js';

const capture = (over: Partial<PageCapture>): PageCapture => captureOf('http://a.test/', over);

const req = (
  url: string,
  type: string,
  initiator: CapturedRequest['initiator'],
  extra: Partial<CapturedRequest> = {},
): CapturedRequest => ({
  id: url,
  url,
  method: 'GET',
  resource_type: type,
  frame_id: 'F0',
  initiator,
  at: 0,
  status: 200,
  ...extra,
});

const triples = (c: PageCapture) =>
  hostPairs(c, new Map(c.frames.filter((f) => f.dom).map((f) => [f.id, domRefs(f.dom!, f.url)])))
    .map((p) => `${p.parent_host} > ${p.child_host} ${p.cause}`)
    .sort();

describe('domRefs', () => {
  it('names each reference by tag and resolves it against <base href>', () => {
    const html = `<html><head><base href="http://cdn.test/x/"><link rel="preconnect" href="//fonts.test"></head><body>
      <a href="page.html">p</a><form action="/post"></form><img src="i.png" srcset="a.png 1x, http://b.test/b.png 2x">
      <iframe src="http://f.test/"></iframe><frame src="http://g.test/"><video src="v.mp4" poster="http://p.test/p.jpg"></video>
      <object data="http://o.test/o.swf"></object><embed src="http://e.test/e.png"><script src="s.js"></script>
      <a href="javascript:void(0)">x</a><a href="mailto:a@b.test">m</a><meta http-equiv="Refresh" content="5; URL='http://r.test/'">`;
    expect(
      domRefs(html, 'http://a.test/')
        .map((r) => `${r.cause} ${r.tag} ${r.url}`)
        .sort(),
    ).toEqual(
      [
        'a.href a.href http://cdn.test/x/page.html',
        'form.action form.action http://cdn.test/post',
        'script.src script.src http://cdn.test/x/s.js',
        'img.src img.src http://cdn.test/x/i.png',
        'img.src img.srcset http://cdn.test/x/a.png',
        'img.src img.srcset http://b.test/b.png',
        'img.src video.poster http://p.test/p.jpg',
        'iframe.src iframe.src http://f.test/',
        'frame.src frame.src http://g.test/',
        'link.preconnect link.href http://fonts.test/',
        'media.src video.src http://cdn.test/x/v.mp4',
        'object.data object.data http://o.test/o.swf',
        'embed.src embed.src http://e.test/e.png',
        'meta.refresh meta.refresh http://r.test/',
      ].sort(),
    );
  });

  it('names a <link> by the rel the page declared, the first rel that loads something first', () => {
    const rels = [
      'stylesheet',
      'alternate stylesheet',
      'preload',
      'modulepreload',
      'Shortcut Icon',
      'apple-touch-icon-precomposed',
      'manifest',
      'dns-prefetch',
      'preconnect',
      'prefetch',
      'alternate',
      'canonical',
      'amphtml',
      'alternate icon',
      'pingback',
      'x-unknown',
      '',
    ];
    const html = rels.map((rel, i) => `<link rel="${rel}" href="http://h${i}.test/">`).join('');
    expect(domRefs(html, 'http://a.test/').map((r) => r.cause)).toEqual([
      'link.stylesheet',
      'link.stylesheet',
      'link.preload',
      'link.modulepreload',
      'link.icon',
      'link.apple-touch-icon',
      'link.manifest',
      'link.dns-prefetch',
      'link.preconnect',
      'link.prefetch',
      'link.alternate',
      'link.canonical',
      'link.amphtml',
      'link.icon',
      'link.pingback',
      'link.href',
      'link.href',
    ]);
  });

  it('reads the URLs a javascript: link writes as plain string literals, SVG links, formaction, a relative <base>', () => {
    const html = `<base href="/en/"><a href="javascript:window.open('https://pop.test/deal?x=1')">o</a>
      <a href="javascript:location.href=&quot;//loc.test/p&quot;">l</a><a href="javascript:go(base + '/x')">n</a>
      <a href="javascript:void(0)">v</a><svg><a xlink:href="http://svg.test/"><text>s</text></a></svg>
      <form action="f"><button formaction="http://post.test/b">b</button><input type="submit" formaction="http://post2.test/i"></form>
      <a href="rel.html">r</a>`;
    expect(domRefs(html, 'http://a.test/p/q').map((r) => `${r.cause} ${r.tag} ${r.url}`)).toEqual([
      'a.href a.href https://pop.test/deal?x=1',
      'a.href a.href http://loc.test/p',
      'a.href a.xlink:href http://svg.test/',
      'form.action form.action http://a.test/en/f',
      'form.action button.formaction http://post.test/b',
      'form.action input.formaction http://post2.test/i',
      'a.href a.href http://a.test/en/rel.html',
    ]);
  });

  it('survives garbage', () => {
    expect(domRefs('<<<a href="http://[::1">\u0000\uffff<img src=', 'not a url')).toEqual([]);
  });
});

describe('hostPairs', () => {
  it('takes the parent from the initiator, else the frame document, and drops same-host pairs', () => {
    const c = capture({
      requests: [
        req('http://a.test/', 'document', { type: 'other' }),
        req('http://lib.test/l.js', 'script', { type: 'parser', url: 'http://a.test/' }),
        req('http://api.test/d.json', 'fetch', { type: 'script', url: 'http://lib.test/l.js' }),
        req('http://px.test/p.gif', 'image', { type: 'other' }),
        req('http://a.test/self.png', 'image', { type: 'parser', url: 'http://a.test/' }),
        req('http://api.test/d.json', 'preflight', { type: 'preflight', url: 'http://a.test/' }),
      ],
    });
    expect(triples(c)).toEqual(
      ['a.test > px.test img.src', 'a.test > lib.test script.src', 'lib.test > api.test xmlhttprequest'].sort(),
    );
  });

  it('names frames by their tag, CSS loads css.import, and subresource redirects redirect', () => {
    const c = capture({
      frames: [
        { id: 'F0', url: 'http://a.test/', dom: '<object data="http://o.test/w.html"></object>' },
        { id: 'F2', parent_id: 'F0', url: 'http://o.test/w.html' },
      ],
      requests: [
        req('http://o.test/w.html', 'document', { type: 'other' }, { frame_id: 'F2' }),
        req('http://css.test/s.css', 'stylesheet', { type: 'parser', url: 'http://a.test/' }),
        req('http://font.test/f.woff', 'font', { type: 'parser', url: 'http://css.test/s.css' }),
        req(
          'http://ad.test/c',
          'image',
          { type: 'parser', url: 'http://a.test/' },
          { status: 302, redirect_to: 'http://cdn.test/i.png' },
        ),
        req(
          'http://cdn.test/i.png',
          'image',
          { type: 'parser', url: 'http://a.test/' },
          { redirect_from: 'http://ad.test/c' },
        ),
      ],
    });
    expect(triples(c)).toEqual([
      'a.test > ad.test img.src',
      'a.test > css.test link.stylesheet',
      'a.test > o.test object.data',
      'ad.test > cdn.test redirect',
      'css.test > font.test css.import',
    ]);
    const frameset = capture({
      frames: [
        { id: 'F0', url: 'http://a.test/', dom: '<html><frameset><frame src="http://f.test/"></frameset></html>' },
        { id: 'F1', parent_id: 'F0', url: 'http://f.test/' },
      ],
      requests: [req('http://f.test/', 'document', { type: 'parser', url: 'http://a.test/' }, { frame_id: 'F1' })],
    });
    expect(triples(frameset)).toEqual(['a.test > f.test frame.src']);
  });

  it('names a request a <link> made by its rel, whatever its type', () => {
    const c = capture({
      frames: [
        {
          id: 'F0',
          url: 'http://a.test/',
          dom: '<link rel="preload" as="script" href="http://js.test/app.js"><link rel="icon" href="http://ico.test/f.png"><link rel="preconnect" href="http://pc.test/">',
        },
      ],
      requests: [
        req('http://js.test/app.js', 'script', { type: 'parser', url: 'http://a.test/' }),
        req('http://ico.test/f.png', 'image', { type: 'parser', url: 'http://a.test/' }),
      ],
    });
    expect(triples(c)).toEqual([
      'a.test > ico.test link.icon',
      'a.test > js.test link.preload',
      'a.test > pc.test link.preconnect',
    ]);
  });

  it('turns navigations into redirect, topLevelRedirect, meta.refresh, location.refresh, window.open, finalRedirect and parentPage', () => {
    const c = capture({
      target: { url: 'http://start.test/', depth: 1, seed_url: 'http://seed.test/', via_url: 'http://seed.test/list' },
      final_url: 'http://end.test/',
      navigations: [
        { url: 'http://start.test/', cause: 'link-follow', at: 0, frame_id: 'F0' },
        {
          url: 'http://hop.test/',
          cause: 'http-redirect',
          from_url: 'http://start.test/',
          status: 302,
          at: 1,
          frame_id: 'F0',
        },
        { url: 'http://meta.test/', cause: 'meta-refresh', from_url: 'http://hop.test/', at: 2, frame_id: 'F0' },
        { url: 'http://end.test/', cause: 'script', from_url: 'http://meta.test/', at: 3, frame_id: 'F0' },
        { url: 'http://pop.test/', cause: 'window-open', from_url: 'http://end.test/', at: 4 },
      ],
    });
    expect(triples(c)).toEqual(
      [
        'hop.test > meta.test meta.refresh',
        'meta.test > end.test location.refresh',
        'end.test > pop.test window.open',
        'seed.test > start.test parentPage',
        'start.test > end.test finalRedirect',
        'start.test > hop.test redirect',
        'start.test > hop.test topLevelRedirect',
      ].sort(),
    );
  });

  it('keeps links, forms and references never loaded from the DOM, once per (parent, child, cause)', () => {
    const c = capture({
      frames: [
        {
          id: 'F0',
          url: 'http://a.test/',
          dom: '<a href="http://b.test/1">1</a><a href="http://b.test/2">2</a><form action="http://f.test/"></form><img src="http://lazy.test/i.png"><img src="http://seen.test/i.png">',
        },
      ],
      requests: [req('http://seen.test/i.png', 'image', { type: 'parser', url: 'http://a.test/' })],
    });
    const pairs = hostPairs(c, new Map([['F0', domRefs(c.frames[0]!.dom!, 'http://a.test/')]]));
    expect(pairs.map((p) => `${p.child_host} ${p.cause} ${p.source}`).sort()).toEqual([
      'b.test a.href dom',
      'f.test form.action dom',
      'lazy.test img.src dom',
      'seen.test img.src network',
    ]);
    expect(pairs.find((p) => p.child_host === 'b.test')).toMatchObject({
      child_url: 'http://b.test/1',
      tag: 'a.href',
      frame_url: 'http://a.test/',
    });
  });

  it("never names Chromium's error page: chrome-error: is no parent, child, frame, tracker host or resource", () => {
    const ERROR_PAGE = 'chrome-error://chromewebdata/';
    // What an older crawler kept of a page whose script went to an unreachable host: the
    // main frame and an iframe both ended on the error page, with its DOM (the failed URL,
    // a help link, the error page's own image) and a redirect hop recorded in that frame.
    const errorDom =
      '<div id="main-frame-error"><a href="https://support.example.test/help">Help</a>' +
      '<img src="https://img.example.test/dino.png"><span>http://gone.test/?id=GTM-5XZZ6CK refused to connect.</span></div>';
    const c = capture({
      target: { url: 'http://news.test/', depth: 0, seed_url: 'http://news.test/' },
      outcome: 'failed',
      error: 'net::ERR_CONNECTION_REFUSED at http://gone.test/',
      final_url: 'http://gone.test/',
      frames: [
        { id: 'F0', url: ERROR_PAGE, dom: errorDom },
        { id: 'F1', parent_id: 'F0', url: ERROR_PAGE, dom: errorDom },
      ],
      navigations: [
        { url: 'http://news.test/', cause: 'seed', at: 0, frame_id: 'F0' },
        { url: 'http://go.test/out', cause: 'script', from_url: 'http://news.test/', at: 1, frame_id: 'F0' },
        {
          url: 'http://gone.test/',
          cause: 'http-redirect',
          from_url: 'http://go.test/out',
          status: 302,
          at: 2,
          frame_id: 'F0',
        },
        { url: ERROR_PAGE, cause: 'other', from_url: 'http://gone.test/', at: 3, frame_id: 'F0' },
      ],
      requests: [
        req('http://news.test/', 'document', { type: 'other' }, { body: { sha256: 'a'.repeat(64), size: 10 } }),
        req(
          'http://ads.test/frame',
          'document',
          { type: 'parser', url: 'http://news.test/' },
          { frame_id: 'F1', status: undefined, failure: { error: 'net::ERR_CONNECTION_REFUSED' } },
        ),
        req(
          'http://go.test/out',
          'document',
          { type: 'script', url: 'http://news.test/' },
          { status: 302, redirect_to: 'http://gone.test/' },
        ),
        req(
          'http://gone.test/',
          'document',
          { type: 'script', url: 'http://news.test/' },
          { redirect_from: 'http://go.test/out', status: undefined, failure: { error: 'net::ERR_CONNECTION_REFUSED' } },
        ),
        req(
          'https://img.example.test/dino.png',
          'image',
          { type: 'parser', url: ERROR_PAGE },
          { body: { sha256: 'b'.repeat(64), size: 10 } },
        ),
        req(ERROR_PAGE, 'document', { type: 'other' }, { frame_id: 'F1', body: { sha256: 'c'.repeat(64), size: 10 } }),
      ],
    });
    const events = extractEvents(c);
    const named = events
      .filter((e) => ['vucrawl.host_pair/4', 'vucrawl.tracker/4', 'vucrawl.resource/4'].includes(e.schema))
      .filter((e) => /chrome-error|chromewebdata/.test(JSON.stringify(e)));
    expect(named).toEqual([]);
    expect(triples(c)).toEqual(
      [
        'go.test > gone.test redirect',
        'go.test > gone.test topLevelRedirect',
        'news.test > ads.test iframe.src',
        'news.test > go.test location.refresh',
        'news.test > gone.test finalRedirect',
      ].sort(),
    );
    // The error page's DOM is the browser's, not the page's: no tracker comes from it.
    expect(events.filter((e) => e.schema === 'vucrawl.tracker/4')).toEqual([]);
    expect(
      events
        .filter((e) => e.schema === 'vucrawl.resource/4')
        .map((e) => (e as { url: string }).url)
        .sort(),
    ).toEqual(['http://news.test/', 'https://img.example.test/dino.png']);
  });
});
