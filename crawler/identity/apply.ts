// An identity applied over DevTools, where a page can look: a page before its first
// navigation, and every worker while Chromium holds it at its start (waitForDebuggerOnStart),
// so that neither runs a line of its own before it shows the virtual user's identity. The
// in-page part is in-page.js (read from beside this module, sent to Chromium as it is).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CdpSession } from '../cdp-connection.js';
import type { Identity, InPageSpec } from './identity.js';

function inPageSource(): string {
  // From source (vitest) the file sits beside this module; from dist/ it stays in the source tree.
  const candidates = [
    fileURLToPath(new URL('./in-page.js', import.meta.url)),
    fileURLToPath(new URL('../../../crawler/identity/in-page.js', import.meta.url)),
  ];
  const found = candidates.find(
    (f) => existsSync(f) && readFileSync(f, 'utf8').includes('Function.prototype.toString'),
  );
  if (!found) throw new Error('crawler/identity/in-page.js not found');
  return readFileSync(found, 'utf8').trim();
}

const IN_PAGE = inPageSource();

/** The script that gives one realm the in-page part of an identity. */
export function inPageScript(spec: InPageSpec): string {
  return `(${IN_PAGE})(${JSON.stringify(spec)});`;
}

/** Chromium answers this when Intl's locale of the renderer process is already overridden (by another page of the same user). */
const LOCALE_SET_ALREADY = /Another locale override is already in effect/;

/** What every target (page or worker) is told: the user agent with its client hints, the processor count, Intl's locale. */
async function emulate(cdp: CdpSession, id: Identity): Promise<void> {
  await Promise.all([
    // No acceptLanguage: the browser's own (--accept-lang) keeps Accept-Language where Chrome sends it.
    cdp.send('Emulation.setUserAgentOverride', {
      userAgent: id.userAgent,
      platform: id.platform,
      userAgentMetadata: id.metadata,
    }),
    cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: id.profile.hardwareConcurrency }),
    cdp.send('Emulation.setLocaleOverride', { locale: id.profile.locale }).catch((e: Error) => {
      if (!LOCALE_SET_ALREADY.test(e.message)) throw e;
    }),
  ]);
}

/** A page, before it navigates: the emulation, touch, and the in-page script for every document and frame it will load. */
export async function applyToPage(cdp: CdpSession, id: Identity, script: string): Promise<void> {
  await Promise.all([
    emulate(cdp, id),
    id.touchPoints > 0
      ? cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: id.touchPoints })
      : undefined,
    cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: script }),
  ]);
}

/** A worker at its start (dedicated, shared or service): the emulation, then the in-page script in its global scope. */
export async function applyToWorker(cdp: CdpSession, id: Identity, script: string): Promise<void> {
  await emulate(cdp, id);
  const r = await cdp.send('Runtime.evaluate', { expression: script, silent: true });
  if (r.exceptionDetails)
    throw new Error(
      `identity script failed in a worker: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
    );
}
