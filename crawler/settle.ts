// The settle window after `load`: how long a visit waits for what the page does next
// (client-side redirects, late beacons) before it is captured. Every rule follows the main
// frame through client-side navigations that start meanwhile, stays stayMs at least (a
// person reading the page) and ends at settleMs at most:
//
// | rule | the page has settled when |
// |---|---|
// | quiet (default) | no request in flight for quietMs, no main-frame navigation pending, and none of the main document's timeouts nor its meta refresh due before the window ends (the timer book of identity/in-page.js) |
// | idle, and quiet on a page without the book (a scanner: no in-page script) | the network has been quiet for idleMs |
//
// The book is what lets the quiet rule end early safely: a quiet network alone cannot
// tell a finished page from one whose setTimeout redirect fires in 400 ms.
import type { CdpSession } from './cdp-connection.js';
import type { CrawlOptions } from './options.js';
import type { PageRecorder } from './recorder.js';
import { sleep, withTimeout } from '../runtime/timing.js';

const POLL_MS = 25;
/** A book read the renderer does not answer this fast is no book: the visit falls back to the idle rule. */
const BOOK_TIMEOUT_MS = 500;
/** A meta refresh this overdue did not fire (blocked, or a refresh to nowhere): no longer waited for. */
const REFRESH_LATE_MS = 1_000;

/** What the page's timer book says: ms until its next timeout (-1: none) and its meta refresh delay in seconds (-1: none). */
interface TimerBook {
  timerMs: number;
  refreshS: number;
}

export async function settle(
  rec: PageRecorder,
  opts: Pick<CrawlOptions, 'settleMs' | 'settleRule' | 'quietMs' | 'idleMs'>,
  deadline: number,
  stayMs = 0,
  timerKey?: string,
): Promise<void> {
  const stayUntil = Math.min(deadline, Date.now() + stayMs);
  const settleEnd = Math.min(deadline, Math.max(Date.now() + opts.settleMs, stayUntil));
  let quiet = opts.settleRule === 'quiet' && timerKey !== undefined;
  while (!rec.abandonReason) {
    const now = Date.now();
    if (rec.mainNavigationPending) {
      if (now >= deadline) return rec.abandon('page-timeout');
    } else if (now >= settleEnd) {
      return;
    } else if (now >= stayUntil) {
      const idle = rec.idleFor();
      if (!quiet && idle >= opts.idleMs) return;
      if (quiet && idle >= opts.quietMs) {
        const book = await readBook(rec.cdp, rec.mainContext(), timerKey!);
        if (!book) quiet = false;
        else if (!dueBefore(book, rec.loadedAt(), settleEnd)) return;
      }
    }
    await sleep(POLL_MS);
  }
}

/** Whether a timeout or the meta refresh the book names is due before `end`. */
function dueBefore(book: TimerBook, loadedAt: number | undefined, end: number): boolean {
  const now = Date.now();
  if (book.timerMs >= 0 && now + book.timerMs <= end) return true;
  if (book.refreshS < 0) return false;
  // A meta refresh counts from the document's load.
  const at = (loadedAt ?? now) + book.refreshS * 1000;
  return at <= end && at >= now - REFRESH_LATE_MS;
}

/** The main document's timer book; undefined when it has none (no in-page script, or a page that replaced setTimeout). */
async function readBook(cdp: CdpSession, contextId: number | undefined, key: string): Promise<TimerBook | undefined> {
  if (contextId === undefined) return undefined;
  try {
    const r = await withTimeout(
      cdp.send('Runtime.evaluate', {
        expression: `setTimeout(${JSON.stringify(key)})`,
        contextId,
        returnByValue: true,
        silent: true,
      }),
      BOOK_TIMEOUT_MS,
    );
    const v = r.result.value as Partial<TimerBook> | undefined;
    return typeof v?.timerMs === 'number' && typeof v.refreshS === 'number'
      ? { timerMs: v.timerMs, refreshS: v.refreshS }
      : undefined;
  } catch {
    return undefined; // the document went away or never answered: the idle rule decides
  }
}
