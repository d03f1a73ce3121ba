// Watches evaluated on every batch of events a crawl writes: an output of the event router
// beside the files and the store. The crawl's captures are remembered until their events
// arrive, so that keyword and regex watches read the page's text, not only its title.
// Evaluation runs behind the crawl (one batch after another) and its failures are logged:
// a watch never slows or stops a crawl.
import type { Logger } from 'pino';
import type { PageCapture } from '../capture/capture.js';
import { toAlert, type Alert } from '../alerting/alert.js';
import { pageText } from '../extractor/page-text.js';
import {
  evaluateWatch,
  parseWatchRule,
  resolveWatch,
  type PageContext,
  type ResolvedWatch,
} from '../alerting/watch-rules.js';
import type { VucrawlEvent } from '../extractor/events.js';
import type { AlertDelivery } from '../sinks/alerts/delivery.js';
import { allProjectIndicators } from '../store/queries/projects.js';
import type { StoreAccess } from '../store/access.js';
import { listWatches } from '../store/queries/watches.js';
import { seenElsewhere } from '../store/queries/watch-novelty.js';
import type { Sink } from '../sinks/sink.js';

/** Watches (and their projects) are read again this often, so one added during a long crawl counts. */
const WATCH_REFRESH_MS = 60_000;
/** Captures remembered at most (one whose extraction failed never sees its events written). */
const MAX_REMEMBERED = 256;

/** The store's watches with their values; unusable ones are logged and left out. */
async function loadWatches(a: StoreAccess, log: Logger): Promise<ResolvedWatch[]> {
  const [rows, projects] = await Promise.all([listWatches(a), allProjectIndicators(a)]);
  return rows.flatMap((w) => {
    try {
      const r = resolveWatch(w.name, parseWatchRule(w.rule), projects);
      if (typeof r === 'string') throw new Error(r);
      return [r];
    } catch (e) {
      log.warn({ watch: w.name, err: (e as Error).message }, 'watch not evaluated');
      return [];
    }
  });
}

/** The alerts the watches raise on a batch: their findings, less those the store saw elsewhere before. */
async function watchAlerts(
  a: StoreAccess,
  watches: readonly ResolvedWatch[],
  events: readonly VucrawlEvent[],
  page?: (captureId: string) => PageContext | undefined,
): Promise<Alert[]> {
  const out: Alert[] = [];
  for (const w of watches) {
    for (const c of evaluateWatch(w, events, page)) {
      if (c.novelty && (await seenElsewhere(a, c.novelty, c.capture_id))) continue;
      out.push(toAlert('watch', w.name, c, Date.now()));
    }
  }
  return out;
}

export class WatchEvaluator implements Sink<VucrawlEvent> {
  private readonly pages = new Map<string, PageCapture>();
  private watches?: { list: ResolvedWatch[]; at: number };
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly access: StoreAccess,
    private readonly delivery: AlertDelivery,
    private readonly log: Logger,
  ) {}

  /** Captures whose events are about to be written. */
  remember(captures: readonly PageCapture[]): void {
    for (const c of captures) this.pages.set(c.capture_id, c);
    for (const id of this.pages.keys()) if (this.pages.size > MAX_REMEMBERED) this.pages.delete(id);
  }

  async write(batch: VucrawlEvent[]): Promise<void> {
    const pages = new Map(
      [...new Set(batch.map((e) => e.capture_id))].flatMap((id) => {
        const c = this.pages.get(id);
        this.pages.delete(id);
        return c ? [[id, c] as const] : [];
      }),
    );
    this.chain = this.chain
      .then(() => this.evaluate(batch, pages))
      .catch((e: Error) => this.log.error({ err: e.message }, 'watch evaluation failed for a batch'));
  }

  private async evaluate(batch: VucrawlEvent[], pages: Map<string, PageCapture>): Promise<void> {
    if (!this.watches || Date.now() - this.watches.at > WATCH_REFRESH_MS)
      this.watches = { list: await loadWatches(this.access, this.log), at: Date.now() };
    if (!this.watches.list.length) return;
    const text = new Map<string, string>();
    const page = (id: string): PageContext | undefined => {
      const c = pages.get(id);
      return c && { text: () => text.get(id) ?? text.set(id, pageText(c)).get(id)! };
    };
    await this.delivery.raise(await watchAlerts(this.access, this.watches.list, batch, page));
  }

  async flush(): Promise<void> {
    await this.chain;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.delivery.close();
  }
}
