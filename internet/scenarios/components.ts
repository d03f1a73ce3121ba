// Pages whose technology shows the way it does on the web, for the component catalog
// (extractor/components/): a WordPress blog behind nginx with jQuery, a React app, a
// Laravel application. The libraries are stand-ins that set the same globals.

import { doc, js, send } from '../respond.js';
import type { Scenario } from '../types.js';

/** What the component events of each scenario say, shared with the tests. */
export const COMPONENT_VERSIONS = {
  nginx: '1.25.3',
  wordpress: '6.4.2',
  jquery: '3.7.1',
  react: '18.2.0',
  php: '8.2.13',
} as const;
const V = COMPONENT_VERSIONS;

export const WP_JQUERY_URL = `http://www.wpblog.test/wp-includes/js/jquery/jquery.min.js?ver=${V.jquery}`;
export const REACT_URL = `http://cdn.reactapp.test/npm/react@${V.react}/umd/react.production.min.js`;

const NGINX = { Server: `nginx/${V.nginx}` };

export const componentsWordpress: Scenario = {
  name: 'components-wordpress',
  seed: 'http://www.wpblog.test/',
  loads: ['GET http://www.wpblog.test/', `GET ${WP_JQUERY_URL}`],
  routes: [
    {
      host: 'www.wpblog.test',
      path: '/',
      handler: (_req, res) =>
        send(
          res,
          200,
          'text/html; charset=utf-8',
          doc(
            'A WordPress blog',
            '<article><h1>Hello world!</h1><p>Welcome to WordPress.</p></article>',
            `<meta name="generator" content="WordPress ${V.wordpress}"><link rel="https://api.w.org/" href="http://www.wpblog.test/wp-json/">` +
              `<script src="/wp-includes/js/jquery/jquery.min.js?ver=${V.jquery}"></script>`,
          ),
          NGINX,
        ),
    },
    {
      host: 'www.wpblog.test',
      path: '/wp-includes/js/jquery/jquery.min.js',
      handler: js(
        `window.jQuery = window.$ = function () {}; jQuery.fn = jQuery.prototype = { jquery: '${V.jquery}' };`,
        NGINX,
      ),
    },
  ],
};

export const componentsReact: Scenario = {
  name: 'components-react',
  seed: 'http://www.reactapp.test/',
  loads: ['GET http://www.reactapp.test/', `GET ${REACT_URL}`],
  routes: [
    {
      host: 'www.reactapp.test',
      path: '/',
      handler: (_req, res) =>
        send(
          res,
          200,
          'text/html; charset=utf-8',
          doc(
            'A React app',
            `<div id="root"></div>\n<script src="${REACT_URL}"></script>\n<script>document.getElementById('root').textContent = 'rendered by React ' + React.version;</script>`,
          ),
        ),
    },
    {
      host: 'cdn.reactapp.test',
      path: '/npm/*',
      handler: js(`window.React = { version: '${V.react}', createElement: function () {} };`),
    },
  ],
};

export const componentsLaravel: Scenario = {
  name: 'components-laravel',
  seed: 'http://www.laravelshop.test/',
  loads: ['GET http://www.laravelshop.test/'],
  routes: [
    {
      host: 'www.laravelshop.test',
      path: '/',
      // Laravel's two cookies: XSRF-TOKEN alone is no evidence (other frameworks use the name too).
      handler: (_req, res) =>
        send(res, 200, 'text/html; charset=utf-8', doc('A Laravel shop', '<h1>Shop</h1>'), {
          'X-Powered-By': `PHP/${V.php}`,
          'Set-Cookie': [
            'XSRF-TOKEN=eyJpdiI6IkR1bW15In0%3D; Path=/; Max-Age=7200; SameSite=Lax',
            'laravel_session=eyJpdiI6IlNlc3Npb24ifQ%3D%3D; Path=/; Max-Age=7200; HttpOnly; SameSite=Lax',
          ],
        }),
    },
  ],
};

export const componentScenarios: Scenario[] = [componentsWordpress, componentsReact, componentsLaravel];
