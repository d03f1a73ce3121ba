// Pages that try to make the browser reach a private address, one way each: the egress
// policy's test vectors. The address is given in the query (?to=URL), so one page serves
// every target a test names; the page itself is public (it is on the allowed range).

import { doc, send } from '../respond.js';
import type { Handler, RouteRequest, Scenario } from '../types.js';

const HOST = 'www.egress.test';

/** The ?to= URL, as a JavaScript string literal and as an HTML attribute value. */
const target = (req: RouteRequest) => req.url.searchParams.get('to') ?? 'about:blank';
const asScript = (url: string) => JSON.stringify(url).replace(/</g, '\\u003c');
const asAttribute = (url: string) => url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const vector =
  (title: string, body: (to: string) => string, head: (to: string) => string = () => ''): Handler =>
  (req, res) =>
    send(res, 200, 'text/html; charset=utf-8', doc(`Egress: ${title}`, body(target(req)), head(target(req))));

/** Each way a page sends the browser somewhere, by path: what the egress tests try with a private ?to=. */
export const EGRESS_VECTORS = ['redirect', 'meta', 'script', 'open', 'iframe', 'img', 'fetch', 'ws'] as const;

export const egress: Scenario = {
  name: 'egress',
  seed: `http://${HOST}/`,
  routes: [
    { host: HOST, path: '/', handler: vector('start', () => '<h1>Nothing here reaches far</h1>') },
    { host: HOST, path: '/landed', handler: vector('landed', () => '<h1>Back on the public side</h1>') },
    {
      host: HOST,
      path: '/redirect',
      handler: (req, res) =>
        send(res, 302, 'text/html; charset=utf-8', doc('Egress: redirect', 'moved'), { Location: target(req) }),
    },
    {
      host: HOST,
      path: '/meta',
      handler: vector(
        'meta refresh',
        () => '<p>refreshing</p>',
        (to) => `<meta http-equiv="refresh" content="0; url=${asAttribute(to)}">`,
      ),
    },
    {
      host: HOST,
      path: '/script',
      handler: vector('script location', (to) => `<script>location.href = ${asScript(to)};</script>`),
    },
    {
      host: HOST,
      path: '/open',
      handler: vector('window.open', (to) => `<script>window.open(${asScript(to)});</script>`),
    },
    { host: HOST, path: '/iframe', handler: vector('iframe', (to) => `<iframe src="${asAttribute(to)}"></iframe>`) },
    { host: HOST, path: '/img', handler: vector('img', (to) => `<img src="${asAttribute(to)}" alt="">`) },
    {
      host: HOST,
      path: '/fetch',
      handler: vector('fetch', (to) => `<script>fetch(${asScript(to)}).catch(() => {});</script>`),
    },
    {
      host: HOST,
      path: '/ws',
      handler: vector('websocket', (to) => `<script>try { new WebSocket(${asScript(to)}); } catch (e) {}</script>`),
    },
  ],
};

export const egressScenarios: Scenario[] = [egress];
