// A comparison crawl's visits of one target come one capture after another (in one batch
// as the crawl writes them, and in file order when a crawl is resumed or replayed). When
// the last visit of a comparison is in, the visits are compared (extractor/cloaking.ts)
// and the cloaking event, if they diverged, goes out with that visit's own events, so
// that the outputs' journals count it with the capture it came with; so does the
// impersonation verdict of a brand run's target (extractor/impersonation.ts), which needs
// to know whether the comparison found cloaking. A brand check outside a comparison is
// judged with its own visit (no comparison: no cloaking seen).
import type { PageCapture } from '../capture/capture.js';
import { cloakingEvent, type ComparedVisit } from '../extractor/cloaking.js';
import type { VucrawlEvent } from '../extractor/events.js';
import { judgedVisit } from '../extractor/impersonation.js';

/** Comparisons waiting for visits, at most (a visit lost to a crash leaves its comparison incomplete). */
const MAX_PENDING = 1_000;

export class Comparisons {
  private readonly pending = new Map<string, ComparedVisit[]>();

  /** What goes out with this capture's own events: its comparison's cloaking event, once it is the last visit in. */
  after(c: PageCapture, events: VucrawlEvent[]): VucrawlEvent[] {
    const cmp = c.target.comparison;
    if (!cmp) return present(judgedVisit([{ capture: c, events }], false));
    const visits = this.pending.get(cmp.id) ?? [];
    visits[cmp.index] = { capture: c, events };
    this.pending.set(cmp.id, visits);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    if (visits.filter(Boolean).length < cmp.profiles.length) return [];
    this.pending.delete(cmp.id);
    const cloaking = cloakingEvent(visits);
    return [...present(cloaking), ...present(judgedVisit(visits, cloaking !== undefined))];
  }
}

const present = <T>(x: T | undefined): T[] => (x === undefined ? [] : [x]);
