// A worker's identity also comes with its script. Chromium starts a service worker as soon
// as any DevTools client lets it, and Playwright does at once (and a shared worker once
// Playwright has let go of it), so neither can be relied on to wait until the in-page part
// of the identity is evaluated in it (worker-targets.ts). So the browser's fetch of every
// worker script (type Other, Accept */*, a JavaScript response; a service worker's also says
// `Service-Worker: script`) is paused when its response arrives, and the worker gets the
// same script with the identity's one-line prelude in front: its first statement already
// sees the identity, and so does every later start of a service worker (the browser stores
// the script it got). The prelude goes after the directive prologue ("use strict" stays a
// directive) and adds no line, so the script's line numbers do not move; it does nothing in
// a realm that has the identity already (a held worker). The recorder hashes the script as
// the server sent it (stripPrelude). In a module worker the modules it imports run first.
import type { CdpSession } from '../cdp-connection.js';

/** Where a script's directive prologue ("use strict"; and the comments around it) ends. */
const PROLOGUE = /^(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(?:(['"])(?:\\.|(?!\1)[^\\\n])*\1[ \t]*(?:;|(?=\r?\n|$))(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*)*/;

/** The script with `prelude` (one line) after its directive prologue. */
export function withPrelude(source: string, prelude: string): string {
  if (prelude.includes('\n')) throw new Error('a script prelude must be one line');
  const at = PROLOGUE.exec(source)?.[0].length ?? 0;
  return `${source.slice(0, at)}${prelude}${source.slice(at)}`;
}

/** A worker script's bytes as the server sent them: withPrelude's inverse (the body as is when it has no prelude). */
export function stripPrelude(body: Buffer, prelude: string): Buffer {
  const at = body.indexOf(prelude, 0, 'utf8');
  return at < 0 ? body : Buffer.concat([body.subarray(0, at), body.subarray(at + Buffer.byteLength(prelude))]);
}

const JAVASCRIPT = /javascript|ecmascript/i;

/** Bounded: a script that cannot be read is let through as it is. */
const BODY_TIMEOUT_MS = 10_000;

/** Pauses every worker script the browser fetches (on its own DevTools session) and gives it the prelude. */
export async function preludeWorkerScripts(browser: CdpSession, prelude: string): Promise<void> {
  browser.on('Fetch.requestPaused', (e) => {
    const header = (headers: Record<string, string> | { name: string; value: string }[] | undefined, name: string) => (Array.isArray(headers)
      ? headers.find((h) => h.name.toLowerCase() === name)?.value
      : Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1]);
    const status = e.responseStatusCode ?? 0;
    const isWorkerScript = (header(e.request.headers, 'service-worker') === 'script' || header(e.request.headers, 'accept') === '*/*')
      && JAVASCRIPT.test(header(e.responseHeaders, 'content-type') ?? '') && status >= 200 && status < 300;
    const go = () => browser.send('Fetch.continueResponse', { requestId: e.requestId }).catch(() => undefined);
    if (!isWorkerScript) return void go();
    void (async () => {
      const timer = setTimeout(() => void go(), BODY_TIMEOUT_MS);
      try {
        const b = await browser.send('Fetch.getResponseBody', { requestId: e.requestId });
        const bytes = Buffer.from(b.body, b.base64Encoded ? 'base64' : 'utf8');
        const source = bytes.toString('utf8');
        // A body that is not UTF-8 text would not come back byte for byte: it goes as it came.
        if (!Buffer.from(source, 'utf8').equals(bytes)) return void (await go());
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
  // Worker scripts are of type Other; other requests of that type (a favicon) pass straight on.
  await browser.send('Fetch.enable', { patterns: [{ resourceType: 'Other', requestStage: 'Response' }] });
}
