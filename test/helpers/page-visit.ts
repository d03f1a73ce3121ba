// A victim's visit of a page as a comparison crawl hands it over (a capture and its events),
// built from HTML alone: for the rules that judge visits (impersonation, brand runs).
import { captureOf, type CapturedRequest, type PageCapture } from '../../capture/capture.js';
import type { ComparedVisit } from '../../extractor/cloaking.js';
import { schemaId, type EventOf } from '../../extractor/events.js';
import { extractEvents } from '../../extractor/extract.js';

export function request(url: string, type = 'document'): CapturedRequest {
  return {
    id: url,
    url,
    method: 'GET',
    resource_type: type,
    frame_id: 'F0',
    initiator: { type: 'parser' },
    at: 0,
    status: 200,
  };
}

export interface VisitOptions {
  final_url?: string;
  requests?: CapturedRequest[];
  /** Fields of the page event to override (its screenshot pHash, its favicon hash). */
  page?: Partial<EventOf<'page'>>;
  /** Capture fields to override (the favicon, the outcome). */
  capture?: Partial<PageCapture>;
  /** When it was visited, UTC ms. */
  at?: number;
}

/** A visit of https://DOMAIN/ that showed `html` (and ended at final_url). */
export function pageVisit(domain: string, html: string, o: VisitOptions = {}): ComparedVisit {
  const url = `https://${domain}/`;
  const final = o.final_url ?? url;
  const at = o.at ?? Date.UTC(2026, 11, 1);
  const plain = captureOf(url);
  const capture = captureOf(url, {
    crawl_id: 'brand-run-1',
    capture_id: `cap-${domain}`,
    profile: { ...plain.profile, name: 'desktop-chrome-windows' },
    started_at: at,
    finished_at: at + 1,
    status: 200,
    final_url: final,
    title: /<title>(.*)<\/title>/.exec(html)?.[1],
    requests: [request(final), ...(o.requests ?? [])],
    frames: [{ id: 'F0', url: final, dom: html }],
    ...o.capture,
  });
  const events = extractEvents(capture).map((e) =>
    e.schema === schemaId('page') ? ({ ...e, ...o.page } as EventOf<'page'>) : e,
  );
  return { capture, events };
}
