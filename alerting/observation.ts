// What a monitor keeps of one visit of one of its URLs, read from that capture's events:
// the hosts the page led to (host pairs), its tracker IDs, where it landed, its hashes and
// certificate, and, for its keyword and regex rules, what of each the page's text and title
// showed (the text itself only a capture holds; it is read through `text` only when a rule
// needs it). The next visit is compared with this. Pure.
import { hostOf } from '../capture/url.js';
import { schemaType, type EventOf, type EventType, type VucrawlEvent } from '../extractor/events.js';
import { termMatches, type Term } from './terms.js';

/** A host the page led to, how (the causes), and one piece of evidence. */
export interface ChildHost {
  host: string;
  causes: string[];
  parent: string;
  url: string;
}

export interface Observation {
  monitor: string;
  /** The monitored URL (the capture's target). */
  url: string;
  /** UTC ms of the capture. */
  observed_at: number;
  capture_id: string;
  crawl_id: string;
  final_url: string;
  status: number | null;
  /** The capture's outcome: ok, http-error, timeout, failed, ... */
  outcome: string;
  title: string | null;
  /** Every host a host pair of the page leads to (the page's own host and the crawler's parentPage aside), by host. */
  children: ChildHost[];
  /** Tracker ID -> its type. */
  trackers: Record<string, string>;
  /** Hosts the page went through and landed on, other than the monitored URL's own. */
  redirect_hosts: string[];
  body_sha256: string | null;
  dom_sha256: string | null;
  favicon_mmh3: number | null;
  /** The landing host's certificate. */
  cert_sha256: string | null;
  /** Per keyword or regex rule (as written), what of it the page showed; rules added later have no entry. */
  terms: Record<string, string[]>;
  /** Whether the visit's comparison (victim and scanner) diverged: a cloaking event; null when it was visited once. */
  cloaking: boolean | null;
}

/** A rule that reads the page's text, with the rule as written. */
export interface TermRule {
  rule: string;
  term: Term;
}

/** Outcomes whose observation shows the page's content; the others (failed, timeout, ...) only its status. */
export const CONTENT_OUTCOMES: ReadonlySet<string> = new Set(['ok', 'http-error']);

export function eventsOf<T extends EventType>(events: readonly VucrawlEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => schemaType(e.schema) === type);
}

/**
 * The observation of one capture's events, or undefined when they hold no page event; of a
 * comparison's, the first visit's (the victim's), with whether the comparison found cloaking.
 */
export function observe(
  monitor: string,
  events: readonly VucrawlEvent[],
  termRules: readonly TermRule[],
  text: () => string,
  cloaking: boolean | null = null,
): Observation | undefined {
  const page = eventsOf(events, 'page')[0];
  if (!page) return undefined;
  const children = new Map<string, ChildHost>();
  for (const p of eventsOf(events, 'host_pair')) {
    if (p.cause === 'parentPage' || p.child_host === page.host) continue;
    const c = children.get(p.child_host) ?? { host: p.child_host, causes: [], parent: p.parent_host, url: p.child_url };
    if (!c.causes.includes(p.cause)) c.causes.push(p.cause);
    children.set(p.child_host, c);
  }
  const trackers: Record<string, string> = {};
  for (const t of eventsOf(events, 'tracker')) trackers[t.value] ??= t.type;
  const own = hostOf(page.url);
  const landed = [...page.redirect_chain, page.final_url].map(hostOf).filter((h) => h && h !== own);
  const content = CONTENT_OUTCOMES.has(page.outcome);
  const pageText = content && termRules.length ? text() : '';
  return {
    monitor,
    url: page.url,
    observed_at: page.observed_at,
    capture_id: page.capture_id,
    crawl_id: page.crawl_id,
    final_url: page.final_url,
    status: page.status,
    outcome: page.outcome,
    title: page.title,
    children: [...children.values()]
      .map((c) => ({ ...c, causes: c.causes.sort() }))
      .sort((a, b) => (a.host < b.host ? -1 : 1)),
    trackers,
    redirect_hosts: [...new Set(landed)].sort(),
    body_sha256: page.body_sha256,
    dom_sha256: page.dom_sha256,
    favicon_mmh3: page.favicon_mmh3,
    cert_sha256: eventsOf(events, 'certificate').find((c) => c.host === page.host && c.sha256)?.sha256 ?? null,
    terms: Object.fromEntries(content ? termRules.map((r) => [r.rule, termMatches(r.term, pageText)]) : []),
    cloaking,
  };
}
