// Three levels of cross-site frames (each its own site, so Chromium puts every frame in
// its own renderer: out-of-process iframes).

import { PNG_1x1 } from '../assets.js';
import { bytes, html, page } from '../respond.js';
import type { Scenario } from '../types.js';

export const nestedIframes: Scenario = {
  name: 'nested-iframes',
  seed: 'http://www.frames-top.test/',
  loads: [
    'GET http://www.frames-top.test/',
    'GET http://www.frames-middle.test/frame',
    'GET http://www.frames-inner.test/frame',
    'GET http://www.frames-inner.test/pixel.png',
  ],
  routes: [
    {
      host: 'www.frames-top.test',
      path: '/',
      handler: page(
        'Frames: top',
        '<h1>Top</h1>\n<iframe name="middle" src="http://www.frames-middle.test/frame" width="400" height="300"></iframe>',
      ),
    },
    {
      host: 'www.frames-middle.test',
      path: '/frame',
      handler: page(
        'Frames: middle',
        '<h2>Middle</h2>\n<iframe name="inner" src="http://www.frames-inner.test/frame" width="300" height="200"></iframe>',
      ),
    },
    {
      host: 'www.frames-inner.test',
      path: '/frame',
      handler: page('Frames: inner', '<h3>Inner</h3>\n<img id="pixel" src="/pixel.png" width="1" height="1" alt="">'),
    },
    { host: 'www.frames-inner.test', path: '/pixel.png', handler: bytes('image/png', PNG_1x1) },
  ],
};

/** An old-style <frameset>: two <frame>s on two other hosts (host pairs call these frame.src). */
export const frameset: Scenario = {
  name: 'frameset',
  seed: 'http://www.frameset.test/',
  loads: [
    'GET http://www.frameset.test/',
    'GET http://menu.frameset-nav.test/menu',
    'GET http://content.frameset-body.test/main',
  ],
  routes: [
    {
      host: 'www.frameset.test',
      path: '/',
      handler: html(
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>Frameset</title></head>\n' +
          '<frameset cols="30%,70%">\n  <frame name="menu" src="http://menu.frameset-nav.test/menu">\n' +
          '  <frame name="content" src="http://content.frameset-body.test/main">\n</frameset></html>\n',
      ),
    },
    { host: 'menu.frameset-nav.test', path: '/menu', handler: page('Menu', '<p>Menu</p>') },
    { host: 'content.frameset-body.test', path: '/main', handler: page('Content', '<p>Content</p>') },
  ],
};

export const frameScenarios: Scenario[] = [nestedIframes, frameset];
