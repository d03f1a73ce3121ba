// Pages whose subresources come from many hosts, by every loading path the capture
// must attribute: script-injected scripts, fetch/XHR/WebSocket, CSS chains, media,
// embedded objects, forms and links.

import { FONT_BYTES, PNG_1x1, VIDEO_BYTES, WAV_SILENCE } from '../assets.js';
import { bytes, corsHeaders, css, js, json, page, send } from '../respond.js';
import type { Scenario } from '../types.js';

/** The page injects B's script; B's script fetches C: the fetch's initiator is B's script. */
export const initiator: Scenario = {
  name: 'initiator',
  seed: 'http://www.initiator.test/',
  loads: [
    'GET http://www.initiator.test/',
    'GET http://cdn.initiator-lib.test/loader.js',
    'GET http://api.initiator-data.test/data.json',
  ],
  routes: [
    {
      host: 'www.initiator.test',
      path: '/',
      handler: page(
        'Initiator',
        '<p id="out">waiting</p>\n<script>\n' +
          "var s = document.createElement('script');\n" +
          "s.src = 'http://cdn.initiator-lib.test/loader.js';\n" +
          'document.head.appendChild(s);\n</script>',
      ),
    },
    {
      host: 'cdn.initiator-lib.test',
      path: '/loader.js',
      handler: js(
        "fetch('http://api.initiator-data.test/data.json')\n" +
          '  .then(function (r) { return r.json(); })\n' +
          "  .then(function (d) { document.getElementById('out').textContent = 'loaded ' + d.items.length; });\n",
      ),
    },
    { host: 'api.initiator-data.test', path: '/data.json', handler: json({ items: ['alpha', 'beta', 'gamma'] }) },
  ],
};

/** XHR, fetch and a WebSocket each to its own host; the page shows the three results. */
export const xhrFetchWs: Scenario = {
  name: 'xhr-fetch-ws',
  seed: 'http://www.netapi.test/',
  loads: [
    'GET http://www.netapi.test/',
    'GET http://xhr.netapi.test/items.json',
    'GET http://fetch.netapi.test/user.json',
    'GET http://ws.netapi.test/socket',
  ],
  routes: [
    {
      host: 'www.netapi.test',
      path: '/',
      handler: page(
        'XHR fetch websocket',
        '<pre id="out"></pre>\n<script>\n' +
          "function out(k, v) { document.getElementById('out').textContent += k + '=' + v + '\\n'; }\n" +
          'var x = new XMLHttpRequest();\n' +
          "x.open('GET', 'http://xhr.netapi.test/items.json');\n" +
          "x.onload = function () { out('xhr', x.responseText); };\n" +
          'x.send();\n' +
          "fetch('http://fetch.netapi.test/user.json').then(function (r) { return r.text(); }).then(function (t) { out('fetch', t); });\n" +
          "var ws = new WebSocket('ws://ws.netapi.test/socket');\n" +
          "ws.onopen = function () { ws.send('hello from page'); };\n" +
          "ws.onmessage = function (e) { out('ws', e.data); ws.close(); };\n" +
          '</script>',
      ),
    },
    { host: 'xhr.netapi.test', path: '/items.json', handler: json({ via: 'xhr', items: [1, 2, 3] }) },
    { host: 'fetch.netapi.test', path: '/user.json', handler: json({ via: 'fetch', user: 'alice' }) },
    {
      host: 'ws.netapi.test',
      path: '/socket',
      websocket: (ws) => ws.onMessage((text) => ws.send(`echo: ${text}`)),
    },
  ],
};

/** Stylesheet chain: link (B) -> @import (C), @font-face font (D), background image (E). */
export const cssChain: Scenario = {
  name: 'css',
  seed: 'http://www.css.test/',
  loads: [
    'GET http://www.css.test/',
    'GET http://styles.css.test/main.css',
    'GET http://imports.css.test/theme.css',
    'GET http://fonts.css.test/fancy.woff2',
    'GET http://images.css.test/hero.png',
  ],
  routes: [
    {
      host: 'www.css.test',
      path: '/',
      handler: page(
        'CSS chain',
        '<div class="hero">Hero banner</div>\n<p class="fancy">Text in the web font</p>',
        '<link rel="stylesheet" href="http://styles.css.test/main.css">',
      ),
    },
    {
      host: 'styles.css.test',
      path: '/main.css',
      handler: css(
        '@import url("http://imports.css.test/theme.css");\n' +
          '@font-face { font-family: "Fancy"; src: url("http://fonts.css.test/fancy.woff2") format("woff2"); }\n' +
          '.fancy { font-family: "Fancy", serif; }\n',
      ),
    },
    {
      host: 'imports.css.test',
      path: '/theme.css',
      handler: css('.hero { width: 200px; height: 50px; background-image: url("http://images.css.test/hero.png"); }\n'),
    },
    // Fonts are fetched in CORS mode: without this header Chromium would block it.
    {
      host: 'fonts.css.test',
      path: '/fancy.woff2',
      handler: (req, res) => send(res, 200, 'font/woff2', FONT_BYTES, corsHeaders(req)),
    },
    { host: 'images.css.test', path: '/hero.png', handler: bytes('image/png', PNG_1x1) },
  ],
};

/** Media, plugins-style embeds, a form and links to same-site, cross-site and relative targets. */
export const mediaForms: Scenario = {
  name: 'media-forms',
  seed: 'http://www.media.test/',
  loads: [
    'GET http://www.media.test/',
    'GET http://img.media.test/photo.png',
    'GET http://video.media.test/clip.mp4',
    'GET http://audio.media.test/sound.wav',
    'GET http://object.media.test/widget.html',
    'GET http://embed.media.test/banner.png',
  ],
  routes: [
    {
      host: 'www.media.test',
      path: '/',
      handler: page(
        'Media and forms',
        [
          '<img src="http://img.media.test/photo.png" alt="photo" width="1" height="1">',
          '<video src="http://video.media.test/clip.mp4" preload="auto" muted width="64" height="48"></video>',
          '<audio src="http://audio.media.test/sound.wav" preload="auto" controls></audio>',
          '<object data="http://object.media.test/widget.html" type="text/html" width="200" height="100"></object>',
          '<embed src="http://embed.media.test/banner.png" type="image/png" width="20" height="20">',
          '<form id="signup" action="http://forms.media.test/submit" method="post">',
          '  <input name="email" value="user@example.test"><button type="submit">Sign up</button>',
          '</form>',
          '<ul>',
          '  <li><a href="http://blog.media.test/">Blog (same site)</a></li>',
          '  <li><a href="http://www.media-partner.test/">Partner (other site)</a></li>',
          '  <li><a href="/about">About (root-relative)</a></li>',
          '  <li><a href="contact.html">Contact (relative)</a></li>',
          '  <li><a href="?page=2">Page 2 (query only)</a></li>',
          '  <li><a href="#top">Top (fragment only)</a></li>',
          '</ul>',
        ].join('\n'),
      ),
    },
    { host: 'www.media.test', path: '/about', handler: page('Media: about', '<p>About</p>') },
    { host: 'www.media.test', path: '/contact.html', handler: page('Media: contact', '<p>Contact</p>') },
    { host: 'img.media.test', path: '/photo.png', handler: bytes('image/png', PNG_1x1) },
    { host: 'video.media.test', path: '/clip.mp4', handler: bytes('video/mp4', VIDEO_BYTES) },
    { host: 'audio.media.test', path: '/sound.wav', handler: bytes('audio/wav', WAV_SILENCE) },
    {
      host: 'object.media.test',
      path: '/widget.html',
      handler: page('Object widget', '<p>Loaded through &lt;object&gt;</p>'),
    },
    { host: 'embed.media.test', path: '/banner.png', handler: bytes('image/png', PNG_1x1) },
    { host: 'forms.media.test', path: '/submit', handler: page('Thanks', '<p>Form received</p>') },
    { host: 'blog.media.test', path: '/', handler: page('Media blog', '<p>Blog</p>') },
    { host: 'www.media-partner.test', path: '/', handler: page('Partner', '<p>Partner site</p>') },
  ],
};

export const subresourceScenarios: Scenario[] = [initiator, xhrFetchWs, cssChain, mediaForms];
