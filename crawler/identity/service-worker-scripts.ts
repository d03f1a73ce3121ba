// A service worker's identity comes with its script. Chromium starts a service worker as
// soon as any DevTools client lets it, and Playwright does at once, so it cannot be held
// until the in-page part of the identity is evaluated in it (worker-targets.ts). Instead
// the browser's script fetch for it (the request Chromium marks `Service-Worker: script`)
// is paused when its response arrives, and the page gets the same script with the
// identity's one-line prelude in front: its first statement already sees the identity,
// and so does every later start of the worker (the browser stores the script it got).
// The prelude goes after the script's directive prologue ("use strict" stays a directive)
// and adds no line, so the script's own line numbers do not move. In a module worker the
// modules it imports run first (imports are evaluated before the module's body).
import type { CdpSession } from '../cdp-connection.js';

/** Where a script's directive prologue ("use strict"; and the comments around it) ends. */
const PROLOGUE = /^(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(?:(['"])(?:\\.|(?!\1)[^\\\n])*\1[ \t]*(?:;|(?=\r?\n|$))(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*)*/;

/** The script with `prelude` (one line) after its directive prologue. */
export function withPrelude(source: string, prelude: string): string {
  if (prelude.includes('\n')) throw new Error('a script prelude must be one line');
  const at = PROLOGUE.exec(source)?.[0].length ?? 0;
  return `${source.slice(0, at)}${prelude}${source.slice(at)}`;
}

/** Bounded: a script that cannot be read is let through as it is. */
const BODY_TIMEOUT_MS = 10_000;

/** Pauses every service worker script the browser fetches (on its own DevTools session) and gives it the prelude. */
export async function preludeServiceWorkerScripts(browser: CdpSession, prelude: string): Promise<void> {
  browser.on('Fetch.requestPaused', (e) => {
    const isScript = Object.entries(e.request.headers).some(([k, v]) => k.toLowerCase() === 'service-worker' && v === 'script');
    const status = e.responseStatusCode ?? 0;
    const go = () => browser.send('Fetch.continueResponse', { requestId: e.requestId }).catch(() => undefined);
    if (!isScript || status < 200 || status >= 300) return void go();
    void (async () => {
      const timer = setTimeout(() => void go(), BODY_TIMEOUT_MS);
      try {
        const b = await browser.send('Fetch.getResponseBody', { requestId: e.requestId });
        const source = Buffer.from(b.body, b.base64Encoded ? 'base64' : 'utf8').toString('utf8');
        // The body goes back decoded: its old length and encoding no longer apply.
        const headers = (e.responseHeaders ?? []).filter((h) => !/^(content-length|content-encoding)$/i.test(h.name));
        await browser.send('Fetch.fulfillRequest', {
          requestId: e.requestId, responseCode: status, responseHeaders: headers, responsePhrase: e.responseStatusText || undefined,
          body: Buffer.from(withPrelude(source, prelude), 'utf8').toString('base64'),
        });
      } catch {
        await go(); // a script that could not be read or changed still runs, as served
      } finally {
        clearTimeout(timer);
      }
    })();
  });
  // Service worker scripts are of type Other; other requests of that type (a favicon) pass straight on.
  await browser.send('Fetch.enable', { patterns: [{ resourceType: 'Other', requestStage: 'Response' }] });
}
