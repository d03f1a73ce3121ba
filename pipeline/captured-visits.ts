// A crawl's captures with their events, as the crawl hands them to its outputs (a
// CaptureObserver), so that a caller judges the visits without waiting for the events to
// reach the store (monitor runs, brand runs). Of a comparison crawl (--compare), the first
// visit (the victim's) is the page; the others only say whether it cloaks.
import type { PageCapture } from '../capture/capture.js';
import { eventsOf } from '../alerting/observation.js';
import type { VucrawlEvent } from '../extractor/events.js';
import type { CaptureObserver } from './crawl-assembly.js';

/** Each capture of a crawl with its events (and, with its last visit, its comparison's cloaking event), in the order written. */
export class CapturedVisits implements CaptureObserver {
  readonly list: { capture: PageCapture; events: VucrawlEvent[] }[] = [];
  private readonly waiting = new Map<number, PageCapture>();

  remember(captures: readonly PageCapture[], firstOrdinal: number): void {
    for (const [i, c] of captures.entries()) this.waiting.set(firstOrdinal + i, c);
  }

  async write(events: VucrawlEvent[], origin?: { capture: number }): Promise<void> {
    const capture = origin && this.waiting.get(origin.capture);
    if (!capture) return;
    this.waiting.delete(origin.capture);
    this.list.push({ capture, events: [...events] });
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}

  /** The pages: each comparison's first visit (or a visit outside one), with whether its comparison found cloaking (null outside one). */
  victimVisits(): { capture: PageCapture; events: VucrawlEvent[]; cloaking: boolean | null }[] {
    const cloaked = new Set<string>();
    for (const { events } of this.list)
      for (const e of eventsOf(events, 'cloaking')) if (e.comparison_id) cloaked.add(e.comparison_id);
    return this.list
      .filter(({ capture: c }) => (c.target.comparison?.index ?? 0) === 0)
      .map((v) => {
        const id = v.capture.target.comparison?.id;
        return { ...v, cloaking: id ? cloaked.has(id) : null };
      });
  }
}
