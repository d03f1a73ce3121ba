// Responses that are hard to receive: ones that never finish, a 50 MiB page, and an
// attachment that turns a navigation into a download.

import type { ServerResponse } from 'node:http';
import { DOWNLOAD_BYTES, DOWNLOAD_FILENAME, HUGE_BODY_BYTES } from '../assets.js';
import { bytes, page } from '../respond.js';
import type { Handler, Scenario } from '../types.js';

/** Sends headers and `first`, then `tick` every 500 ms until the client or close() goes away. */
function drip(type: string, first: string, tick: string): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.write(first);
    const timer = setInterval(() => res.write(tick), 500);
    res.on('close', () => clearInterval(timer));
  };
}

export const neverLoads: Scenario = {
  name: 'never-loads',
  seed: 'http://www.neverloads.test/',
  loads: [
    'GET http://www.neverloads.test/',
    'GET http://stall.neverloads.test/never.png',
    'GET http://drip.neverloads.test/drip.js',
  ],
  routes: [
    {
      // DOMContentLoaded fires; load never does (an image that never answers, a script that never ends).
      host: 'www.neverloads.test',
      path: '/',
      handler: page(
        'Never loads',
        '<p>The text is here, the load event never comes.</p>\n' +
          '<img src="http://stall.neverloads.test/never.png" alt="">\n' +
          '<script async src="http://drip.neverloads.test/drip.js"></script>',
      ),
    },
    // The document itself never ends.
    {
      host: 'www.neverloads.test',
      path: '/document',
      handler: drip(
        'text/html; charset=utf-8',
        '<!doctype html><html><head><title>Endless document</title></head><body><p>Still loading',
        '.',
      ),
    },
    // Accepts the request and never answers, not even headers.
    {
      host: 'stall.neverloads.test',
      path: '/never.png',
      handler: () => {
        /* hang */
      },
    },
    {
      host: 'drip.neverloads.test',
      path: '/drip.js',
      handler: drip('application/javascript', '// dripping\n', '//.\n'),
    },
  ],
};

const HUGE_HEAD = '<!doctype html>\n<html><head><meta charset="utf-8"><title>Huge body</title></head><body>\n';
const HUGE_TAIL = '</body></html>\n';
const HUGE_LINE = `${'<p>Filler line of the fifty mebibyte page'.padEnd(59, '.')}</p>\n`; // 64 bytes
const HUGE_CHUNK = Buffer.from(HUGE_LINE.repeat(1024)); // 64 KiB of whole lines, built once

function streamHuge(_req: unknown, res: ServerResponse): void {
  const fill = HUGE_BODY_BYTES - HUGE_HEAD.length - HUGE_TAIL.length;
  let left = fill - (fill % HUGE_LINE.length); // whole lines
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': HUGE_BODY_BYTES,
    'Cache-Control': 'no-store',
  });
  res.write(HUGE_HEAD);
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, HUGE_CHUNK.length);
      left -= n;
      if (!res.write(HUGE_CHUNK.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(' '.repeat(fill % HUGE_LINE.length) + HUGE_TAIL);
  };
  pump();
}

export const hugeBody: Scenario = {
  name: 'huge-body',
  seed: 'http://www.hugebody.test/',
  loads: ['GET http://www.hugebody.test/'],
  routes: [{ host: 'www.hugebody.test', path: '/', handler: streamHuge }],
};

export const DOWNLOAD_URL = `http://files.download.test/${DOWNLOAD_FILENAME}`;

export const download: Scenario = {
  name: 'download',
  seed: 'http://www.download.test/',
  loads: ['GET http://www.download.test/', `GET ${DOWNLOAD_URL}`],
  routes: [
    {
      host: 'www.download.test',
      path: '/',
      handler: page(
        'Download',
        `<a id="dl" href="${DOWNLOAD_URL}">Quarterly report</a>\n<script>\n` +
          "window.addEventListener('load', function () { setTimeout(function () { document.getElementById('dl').click(); }, 100); });\n" +
          '</script>',
      ),
    },
    {
      host: 'files.download.test',
      path: `/${DOWNLOAD_FILENAME}`,
      handler: bytes('application/octet-stream', DOWNLOAD_BYTES, {
        'Content-Disposition': `attachment; filename="${DOWNLOAD_FILENAME}"`,
      }),
    },
  ],
};

export const hostileBodyScenarios: Scenario[] = [neverLoads, hugeBody, download];
