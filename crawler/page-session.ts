// Everything attached to one Playwright page for its lifetime: the virtual user's identity
// (applied before the page's first navigation, and to every worker it starts), the DevTools
// recorder, and the handlers that keep a hostile page bounded (dialogs answered, popups
// recorded and closed, downloads hashed and discarded). Per-visit results are reset by begin().
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Dialog, Download, Page } from 'playwright';
import type { CapturedDownload, CapturedFavicon } from '../capture/capture.js';
import { withoutCredentials } from '../capture/url.js';
import type { NavigationCause } from '../capture/vocabulary.js';
import { errorText } from '../runtime/errors.js';
import { settledWithin } from '../runtime/timing.js';
import type { CdpConnection } from './cdp-connection.js';
import type { EgressLog } from './egress/egress.js';
import { applyToPage } from './identity/apply.js';
import type { CrawlOptions } from './options.js';
import { PageRecorder } from './recorder.js';
import { holdWorkers, prepareWorker, type UserIdentity } from './worker-targets.js';

const sessions = new WeakMap<Page, PageSession>();
/** The page session of each browser context (a virtual user has one page), for the shared and service workers it starts. */
const byContext = new Map<string, PageSession>();
const FAVICON_MAX_BYTES = 256 * 1024;
const contextsWithPopupHandler = new WeakSet<BrowserContext>();

export interface FrameSnapshot {
  frameId: string;
  html: string;
  truncated: boolean;
  links: string[];
  title: string;
  /** href of the frame's <link rel="icon">, or ''. */
  icon: string;
}

export class PageSession {
  dialogs: { type: string; message: string; at: number }[] = [];
  /** Popups opened during the visit (their URLs are the recorder's window-open navigations). */
  popups = 0;
  downloads: CapturedDownload[] = [];
  private pendingDownloads: Promise<void>[] = [];

  private constructor(
    readonly page: Page,
    readonly recorder: PageRecorder,
    private readonly opts: CrawlOptions,
  ) {}

  /** The session of a browser context's page (for a worker the context started), if it has one. */
  static ofContext(browserContextId: string | undefined): PageSession | undefined {
    return browserContextId === undefined ? undefined : byContext.get(browserContextId);
  }

  /** The session of a page, attached on first use: the identity is applied before the page goes anywhere. */
  static async of(
    page: Page,
    context: BrowserContext,
    connection: CdpConnection,
    user: UserIdentity,
    opts: CrawlOptions,
    egress?: EgressLog,
  ): Promise<PageSession> {
    const existing = sessions.get(page);
    if (existing) return existing;
    // Playwright names the page's target once; from then on the recorder uses our own connection.
    const named = await context.newCDPSession(page);
    const { targetInfo } = await named.send('Target.getTargetInfo');
    await named.detach();
    const cdp = await connection.attach(targetInfo.targetId);
    const recorder = await PageRecorder.attach(cdp, opts, egress);
    if (!user.identity.automated) await applyToPage(cdp, user.identity, user.script);
    await holdWorkers(connection, cdp, ['worker'], (w) => prepareWorker(connection, w, user, recorder));
    const s = new PageSession(page, recorder, opts);
    if (targetInfo.browserContextId) {
      const contextId = targetInfo.browserContextId;
      byContext.set(contextId, s);
      page.once('close', () => {
        if (byContext.get(contextId) === s) byContext.delete(contextId);
      });
    }
    page.on('dialog', (d) => void s.onDialog(d));
    page.on('download', (d) => s.pendingDownloads.push(s.onDownload(d)));
    if (!contextsWithPopupHandler.has(context)) {
      contextsWithPopupHandler.add(context);
      // Every other page of a virtual user's context is a popup of its one page.
      context.on('page', (popup) => {
        const owner = context
          .pages()
          .map((p) => sessions.get(p))
          .find((x) => x !== undefined);
        owner?.onPopup(popup);
      });
    }
    sessions.set(page, s);
    return s;
  }

  begin(url: string, cause: NavigationCause): void {
    this.dialogs = [];
    this.popups = 0;
    this.downloads = [];
    this.pendingDownloads = [];
    this.recorder.begin(url, cause);
  }

  waitDownloads(ms: number): Promise<void> {
    return settledWithin(this.pendingDownloads, ms);
  }

  /** Reads every live frame's serialized DOM, its links and title through its own execution context. */
  async snapshotFrames(frameIds: string[]): Promise<FrameSnapshot[]> {
    const cap = this.opts.maxDomBytes;
    const expression = `(() => {
      const d = document;
      // Every top-level node: the doctype, and comments outside <html> ("saved from url=...").
      let html = Array.from(d.childNodes, (n) => n.nodeType === 1 ? n.outerHTML : new XMLSerializer().serializeToString(n)).join('\\n');
      const truncated = html.length > ${cap};
      if (truncated) html = html.slice(0, ${cap});
      const links = [];
      for (const a of d.querySelectorAll('a[href], area[href]')) { if (links.length < 5000) links.push(a.href); }
      const icon = d.querySelector('link[rel~="icon" i][href]');
      return { html, truncated, links, title: d.title || '', icon: icon ? icon.href : '' };
    })()`;
    const out: FrameSnapshot[] = [];
    for (const frameId of frameIds) {
      const contextId = this.recorder.contexts.get(frameId);
      if (contextId === undefined) continue;
      try {
        const r = await this.recorder.cdp.send('Runtime.evaluate', {
          expression,
          contextId,
          returnByValue: true,
          timeout: 5_000,
        });
        const v = r.result?.value as Omit<FrameSnapshot, 'frameId'> | undefined;
        if (v) out.push({ frameId, ...v });
      } catch {
        // A frame that went away or hung: its DOM is simply missing from the capture.
      }
    }
    return out;
  }

  /**
   * Loads the site icon through the browser's own network stack (same proxy, resolver
   * rules and certificates as the page, no CORS), outside the page's recorded requests.
   */
  async fetchFavicon(frameId: string, url: string): Promise<CapturedFavicon> {
    const cdp = this.recorder.cdp;
    try {
      const { resource: r } = await cdp.send('Network.loadNetworkResource', {
        frameId,
        url,
        options: { disableCache: false, includeCredentials: false },
      });
      if (!r.success || !r.stream) return { url, status: r.httpStatusCode, error: r.netErrorName ?? 'not loaded' };
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for (;;) {
          const c = await cdp.send('IO.read', { handle: r.stream, size: 64 * 1024 });
          const buf = Buffer.from(c.data, c.base64Encoded ? 'base64' : 'utf8');
          size += buf.length;
          if (size > FAVICON_MAX_BYTES) return { url, status: r.httpStatusCode, size, error: 'over 256 KiB' };
          chunks.push(buf);
          if (c.eof) break;
        }
      } finally {
        await cdp.send('IO.close', { handle: r.stream }).catch(() => {}); // the target went away with its stream
      }
      const body = Buffer.concat(chunks);
      return {
        url,
        status: r.httpStatusCode,
        size,
        sha256: createHash('sha256').update(body).digest('hex'),
        base64: body.toString('base64'),
      };
    } catch (e) {
      return { url, error: errorText(e) };
    }
  }

  private async onDialog(d: Dialog): Promise<void> {
    const at = this.recorder.now();
    if (this.dialogs.length < this.opts.maxDialogs)
      this.dialogs.push({ type: d.type(), message: d.message().slice(0, 500), at });
    else this.recorder.abandon('max-dialogs');
    // Leaving must always win over a beforeunload trap; everything else is dismissed.
    await (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}); // answered by the page going away
  }

  private onPopup(popup: Page): void {
    if (++this.popups > this.opts.maxPopups) this.recorder.limit('max-popups');
    void popup.close({ runBeforeUnload: false }).catch(() => {}); // it closed itself
  }

  private async onDownload(d: Download): Promise<void> {
    const rec: CapturedDownload = {
      url: withoutCredentials(d.url()),
      suggested_filename: d.suggestedFilename(),
      size: 0,
    };
    this.downloads.push(rec);
    try {
      const stream = await d.createReadStream();
      const hash = createHash('sha256');
      for await (const chunk of stream) {
        rec.size += (chunk as Buffer).length;
        if (rec.size > this.opts.maxBodyBytes) {
          rec.over_cap = true;
          stream.destroy();
          await d.cancel();
          break;
        }
        hash.update(chunk as Buffer);
      }
      if (!rec.over_cap) rec.sha256 = hash.digest('hex');
      if (rec.sha256 && this.opts.downloadsDir) {
        await mkdir(this.opts.downloadsDir, { recursive: true });
        rec.saved_path = path.join(
          this.opts.downloadsDir,
          `${rec.sha256}-${d
            .suggestedFilename()
            .replace(/[^\w.-]/g, '_')
            .slice(0, 100)}`,
        );
        await d.saveAs(rec.saved_path);
      }
    } catch (e) {
      rec.error = errorText(e);
    } finally {
      await d.delete().catch(() => {}); // never written, or removed with its context
    }
  }
}
