// Workers are targets of their own: a page's dedicated workers (and theirs), and the shared
// and service workers of a browser. Each is attached at its start (automatic attach with
// waitForDebuggerOnStart) to get the virtual user's identity (identity/apply.ts) and to have
// its network recorded with the page's (a worker's own requests are not on the page's
// DevTools session). A dedicated worker waits until every client holding it lets it run,
// so its identity is in place before its first statement, whatever its script (a blob: or
// data: worker included). A shared or service worker runs as soon as one client lets it,
// and Playwright does at once: it gets the identity a moment after it started (what its
// first statements read may be the engine's own; docs/virtual-users.md). Other targets a
// page or worker starts are let go at once; on the browser's session, only the kinds asked
// for are attached. Preparing a worker is bounded: none is held for good.
import type { CdpConnection, CdpSession } from './cdp-connection.js';
import { applyToWorker } from './identity/apply.js';
import type { Identity } from './identity/identity.js';
import type { PageRecorder } from './recorder.js';
import { errorText } from '../runtime/errors.js';
import { withTimeout } from '../runtime/timing.js';

export type WorkerKind = 'worker' | 'shared_worker' | 'service_worker';

/** A virtual user's identity, and the in-page script made from it (made once per browser). */
export interface UserIdentity {
  identity: Identity;
  script: string;
  /** What reads the page's timer book (settle.ts); unset when no in-page script runs (a scanner). */
  timerKey?: string;
}

export interface HeldWorker {
  session: CdpSession;
  kind: WorkerKind;
  url: string;
  browserContextId?: string;
}

const PREPARE_TIMEOUT_MS = 5_000;

/**
 * Holds every target `parent` starts (a page's or a worker's dedicated workers), or, on the
 * browser's own session (browserWide), every target of `kinds`; `prepare` readies each
 * worker of `kinds` before it runs.
 */
export async function holdWorkers(
  connection: CdpConnection,
  parent: CdpSession,
  kinds: readonly WorkerKind[],
  prepare: (w: HeldWorker) => Promise<void>,
  o: { browserWide?: boolean; onError?: (message: string) => void } = {},
): Promise<void> {
  parent.on('Target.attachedToTarget', (e) => {
    const kind = e.targetInfo.type as WorkerKind;
    const ours = kinds.includes(kind);
    // The browser's session also reports the sessions we open ourselves (a page's): not ours to touch.
    if (o.browserWide && !ours) return;
    const session = connection.adopt(e.sessionId);
    const held: HeldWorker = { session, kind, url: e.targetInfo.url, browserContextId: e.targetInfo.browserContextId };
    void (ours ? withTimeout(prepare(held), PREPARE_TIMEOUT_MS) : Promise.resolve())
      .catch((err: unknown) => o.onError?.(`${kind} ${e.targetInfo.url.slice(0, 200)}: ${errorText(err)}`))
      .finally(async () => {
        // A worker that ended before it was let go: nothing to run.
        if (e.waitingForDebugger) await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
        // Another kind of target (a service worker seen from its page, a frame in a process of its own) is not ours to keep.
        if (!ours) await session.detach();
      });
  });
  // On the browser's session, only the kinds asked for (it would attach every page too).
  const filter = o.browserWide ? { filter: kinds.map((type) => ({ type })) } : {};
  await parent.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: true,
    flatten: true,
    ...filter,
  });
}

/** A worker before its first line: the identity, its requests recorded (when its page is known), and its own dedicated workers held likewise. */
export async function prepareWorker(
  connection: CdpConnection,
  w: HeldWorker,
  user: UserIdentity,
  recorder: PageRecorder | undefined,
): Promise<void> {
  if (!user.identity.automated) await applyToWorker(w.session, user.identity, user.script);
  if (recorder) await recorder.recordWorker(w.session, w.url);
  await holdWorkers(connection, w.session, ['worker'], (nested) => prepareWorker(connection, nested, user, recorder));
}
