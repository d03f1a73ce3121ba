// Three levels of cross-site frames (each its own site, so Chromium puts every frame in
// its own renderer: out-of-process iframes).

import { PNG_1x1 } from '../assets.js';
import { bytes, page } from '../respond.js';
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
      host: 'www.frames-top.test', path: '/',
      handler: page('Frames: top', '<h1>Top</h1>\n<iframe name="middle" src="http://www.frames-middle.test/frame" width="400" height="300"></iframe>'),
    },
    {
      host: 'www.frames-middle.test', path: '/frame',
      handler: page('Frames: middle', '<h2>Middle</h2>\n<iframe name="inner" src="http://www.frames-inner.test/frame" width="300" height="200"></iframe>'),
    },
    {
      host: 'www.frames-inner.test', path: '/frame',
      handler: page('Frames: inner', '<h3>Inner</h3>\n<img id="pixel" src="/pixel.png" width="1" height="1" alt="">'),
    },
    { host: 'www.frames-inner.test', path: '/pixel.png', handler: bytes('image/png', PNG_1x1) },
  ],
};

export const frameScenarios: Scenario[] = [nestedIframes];
