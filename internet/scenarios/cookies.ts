// Cookies set by response headers and by script, over plain HTTP and over TLS (the TLS
// variant also gives the capture a certificate to record).

import { PNG_1x1 } from '../assets.js';
import { doc, send } from '../respond.js';
import type { Scenario } from '../types.js';

export const cookies: Scenario = {
  name: 'cookies',
  seed: 'http://www.cookies.test/',
  loads: ['GET http://www.cookies.test/'],
  routes: [
    {
      host: 'www.cookies.test',
      path: '/',
      handler: (_req, res) =>
        send(
          res,
          200,
          'text/html; charset=utf-8',
          doc(
            'Cookies',
            '<p id="out"></p>\n<script>\n' +
              "document.cookie = 'js_pref=compact; path=/; max-age=600; samesite=lax';\n" +
              "document.getElementById('out').textContent = document.cookie;\n" +
              '</script>',
          ),
          {
            'Set-Cookie': [
              'session_id=abc123; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600',
              'theme=dark; Path=/; SameSite=Strict; Max-Age=86400',
            ],
          },
        ),
    },
  ],
};

export const cookiesHttps: Scenario = {
  name: 'cookies-https',
  seed: 'https://secure.cookies.test/',
  loads: ['GET https://secure.cookies.test/', 'GET https://pixel.cookies.test/p.png'],
  routes: [
    {
      host: 'secure.cookies.test',
      path: '/',
      handler: (_req, res) =>
        send(
          res,
          200,
          'text/html; charset=utf-8',
          doc(
            'Secure cookies',
            '<p id="out"></p>\n<img src="https://pixel.cookies.test/p.png" width="1" height="1" alt="">\n<script>\n' +
              "document.cookie = 'js_secure=1; path=/; max-age=600; secure; samesite=strict';\n" +
              "document.getElementById('out').textContent = document.cookie;\n" +
              '</script>',
          ),
          { 'Set-Cookie': 'secure_session=s3cr3t; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=7200' },
        ),
    },
    // A third-party-style pixel on another host that sets its own cookie.
    {
      host: 'pixel.cookies.test',
      path: '/p.png',
      handler: (_req, res) =>
        send(res, 200, 'image/png', PNG_1x1, {
          'Set-Cookie': 'px_uid=u-0001; Path=/; Secure; SameSite=None; Max-Age=31536000',
        }),
    },
  ],
};

export const cookieScenarios: Scenario[] = [cookies, cookiesHttps];
