// A page that ends on Chromium's error page: its script sends the browser to an address
// nothing listens on (127.0.0.1 port 9, discard: refused at once; the tests crawl with
// the egress policy off, as for every scenario), and its iframe's document is refused the
// same way. The crawler reports it failed with the network error; no event may name the
// error page (chrome-error://chromewebdata/). No `loads`: the page does not end `ok`.

import { page } from '../respond.js';
import type { Scenario } from '../types.js';

/** The address nothing answers on. */
export const UNREACHABLE_URL = 'http://127.0.0.1:9/';

export const errorPage: Scenario = {
  name: 'error-page',
  seed: 'http://www.errorpage.test/',
  routes: [
    {
      host: 'www.errorpage.test',
      path: '/',
      handler: page(
        'Moving on',
        `<p>Taking you elsewhere...</p>
<iframe src="${UNREACHABLE_URL}frame" width="300" height="100"></iframe>
<script>
window.addEventListener('load', function () {
  setTimeout(function () { location.href = '${UNREACHABLE_URL}'; }, 100);
});
</script>`,
      ),
    },
  ],
};

export const errorPageScenarios: Scenario[] = [errorPage];
