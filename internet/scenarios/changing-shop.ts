// A shop whose page changes between two visits, for monitors: the test switches it from
// `before` to `after`, where the page loads a script from a new host, drops its Google
// Analytics tag, announces a "clearance" and serves another favicon. Everything else stays.

import { PNG_1x1 } from '../assets.js';
import { bytes, js, page } from '../respond.js';
import type { Handler, Scenario } from '../types.js';

export const CHANGING_SHOP = {
  url: 'http://www.gear-shop.test/',
  host: 'www.gear-shop.test',
  /** Only `after` loads a script from here. */
  newHost: 'cdn.gear-widgets.test',
  /** Only `before` carries it. */
  tracker: 'G-GEAR4X7Q2Z',
  /** Only `after` shows it. */
  keyword: 'clearance',
} as const;

export type ChangingShopVersion = 'before' | 'after';

const s = CHANGING_SHOP;
let version: ChangingShopVersion = 'before';

/** What the shop serves from now on. */
export function setChangingShop(v: ChangingShopVersion): void {
  version = v;
}

const PAGES: Record<ChangingShopVersion, Handler> = {
  before: page(
    'Gear Shop',
    `<h1>Gear Shop</h1><p>Tents, boots and stoves.</p>
<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); } gtag('js', new Date()); gtag('config', '${s.tracker}');</script>`,
  ),
  after: page(
    'Gear Shop',
    `<h1>Gear Shop</h1><p>Tents, boots and stoves. Winter ${s.keyword}: everything half price.</p>
<script src="http://${s.newHost}/widget.js"></script>`,
  ),
};

/** Two different icons: the favicon hash changes with the version. */
const FAVICONS: Record<ChangingShopVersion, Handler> = {
  before: bytes('image/png', PNG_1x1),
  after: bytes('image/png', Buffer.concat([PNG_1x1, Buffer.from('gear-shop winter icon')])),
};

export const changingShop: Scenario = {
  name: 'changing-shop',
  seed: s.url,
  routes: [
    { host: s.host, path: '/', handler: (req, res) => PAGES[version](req, res) },
    { host: s.host, path: '/favicon.ico', handler: (req, res) => FAVICONS[version](req, res) },
    { host: s.newHost, path: '/widget.js', handler: js('window.gearWidget = true;\n') },
  ],
};

export const changingShopScenarios: Scenario[] = [changingShop];
