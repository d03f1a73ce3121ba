// Cloaking: the visits of one target by several virtual users (a comparison crawl) showed
// different pages. THE RULE: a comparison is cloaking when every visit was answered (its
// outcome ok or http-error: a visit that failed or timed out proves nothing) and the visits
// differ in at least one decisive signal:
//   final_site        the top document ended on different registrable domains (a decoy's
//                     redirect to a search engine, a kit's to its landing page);
//   status            one final document succeeded (2xx, 3xx) and another did not;
//   password_form     a frame showed a password field in some visits only;
//   payment_form      likewise a payment card field;
//   form_action_sites the registrable domains the page's forms post to differ;
//   script_sites      the registrable domains the top document loaded scripts from differ,
//                     advertising, analytics and tracking vendors aside (the component
//                     catalog knows them); frames are left out, since an ad slot's creative
//                     brings the scripts of whichever network won it.
// Beside them, and never deciding alone, the event records title, dom (the top frame's DOM
// hash), screenshot (perceptual hashes more than 12 bits apart) and child_hosts (hosts
// reached in some visits only): ad rotation, per-visit tokens, timestamps and A/B splits
// change those, not what a page asks of its visitor or where it sends what it is given.
// Pure: captures and their events in, at most one event out.
import type { PageCapture } from '../capture/capture.js';
import { hostOf, siteOf } from '../capture/url.js';
import { withEventId } from './event-id.js';
import {
  DECISIVE_CLOAKING_SIGNALS,
  envelopeOf,
  schemaId,
  type CloakingEvent,
  type CloakingSignal,
  type EventOf,
  type VucrawlEvent,
} from './events.js';
import { pageAsks } from './page-asks.js';
import { phashDistance, SAME_IMAGE_BITS } from './phash-distance.js';

/** Outcomes of a visit the site answered. */
export const ANSWERED: ReadonlySet<string> = new Set(['ok', 'http-error']);

export interface ComparedVisit {
  capture: PageCapture;
  /** The events extracted from that capture. */
  events: VucrawlEvent[];
}

interface Visit {
  profile: string;
  capture_id: string;
  final_url: string;
  final_site: string;
  status: number | null;
  succeeded: boolean;
  title: string | null;
  dom_sha256: string | null;
  password_form: boolean;
  payment_form: boolean;
  form_action_sites: string[];
  script_sites: string[];
  screenshot_phash: string | null;
  /** Child host -> its causes. */
  children: Map<string, Set<string>>;
}

/** The cloaking event of one comparison's visits (in visit order), or undefined when they did not diverge decisively. */
export function cloakingEvent(visits: ComparedVisit[]): CloakingEvent | undefined {
  if (visits.length < 2 || !visits.every((v) => ANSWERED.has(v.capture.outcome))) return undefined;
  const seen = visits.map(observe);
  const differ = (f: (v: Visit) => unknown) => new Set(seen.map((v) => JSON.stringify(f(v)))).size > 1;
  const distance = screenshotDistance(seen.map((v) => v.screenshot_phash));
  const hosts = new Set(seen.flatMap((v) => [...v.children.keys()]));
  const childHosts = [...hosts]
    .sort()
    .filter((h) => !seen.every((v) => v.children.has(h)))
    .map((host) => ({
      host,
      site: siteOf(host),
      causes: [...new Set(seen.flatMap((v) => [...(v.children.get(host) ?? [])]))].sort(),
      profiles: seen.filter((v) => v.children.has(host)).map((v) => v.profile),
    }));
  const diverged: Record<CloakingSignal, boolean> = {
    final_site: differ((v) => v.final_site),
    status: differ((v) => v.succeeded),
    password_form: differ((v) => v.password_form),
    payment_form: differ((v) => v.payment_form),
    form_action_sites: differ((v) => v.form_action_sites),
    script_sites: differ((v) => v.script_sites),
    title: differ((v) => v.title),
    dom: differ((v) => v.dom_sha256),
    screenshot: distance !== null && distance > SAME_IMAGE_BITS,
    child_hosts: childHosts.length > 0,
  };
  const signals = (Object.keys(diverged) as CloakingSignal[]).filter((s) => diverged[s]);
  if (!signals.some((s) => DECISIVE_CLOAKING_SIGNALS.includes(s))) return undefined;
  // The reference visit's envelope: its capture, profile and tags, the comparison's id.
  const url = visits[0]!.capture.target.url;
  const event: CloakingEvent = {
    schema: schemaId('cloaking'),
    ...envelopeOf(pageOf(visits[0]!)),
    url,
    host: hostOf(url),
    site: siteOf(hostOf(url)),
    profiles: seen.map((v) => v.profile),
    capture_ids: seen.map((v) => v.capture_id),
    signals,
    final_urls: seen.map((v) => v.final_url),
    statuses: seen.map((v) => v.status),
    titles: seen.map((v) => v.title),
    dom_sha256: seen.map((v) => v.dom_sha256),
    password_form: seen.map((v) => v.password_form),
    payment_form: seen.map((v) => v.payment_form),
    form_action_sites: seen.map((v) => v.form_action_sites),
    script_sites: seen.map((v) => v.script_sites),
    screenshot_phash: seen.map((v) => v.screenshot_phash),
    screenshot_distance: distance,
    child_hosts: childHosts,
  };
  return withEventId(event);
}

/** A visit's page event (every capture has one). */
export function pageOf(v: ComparedVisit): EventOf<'page'> {
  const page = v.events.find((e): e is EventOf<'page'> => e.schema === schemaId('page'));
  if (!page) throw new Error(`no page event for capture ${v.capture.capture_id}`);
  return page;
}

function observe(v: ComparedVisit): Visit {
  const c = v.capture;
  const page = pageOf(v);
  const asks = pageAsks(c, v.events);
  const children = new Map<string, Set<string>>();
  for (const e of v.events) {
    if (e.schema !== schemaId('host_pair') || e.cause === 'parentPage') continue;
    const causes = children.get(e.child_host) ?? new Set<string>();
    causes.add(e.cause);
    children.set(e.child_host, causes);
  }
  return {
    profile: c.profile.name,
    capture_id: c.capture_id,
    final_url: page.final_url,
    final_site: page.site,
    status: page.status,
    succeeded: page.status !== null && page.status < 400,
    title: page.title,
    dom_sha256: page.dom_sha256,
    password_form: asks.password_form,
    payment_form: asks.payment_form,
    form_action_sites: asks.form_action_sites,
    script_sites: asks.script_sites,
    screenshot_phash: page.screenshot_phash,
    children,
  };
}

/** The largest Hamming distance between two of the screenshots' hashes, or null unless every visit has one. */
function screenshotDistance(hashes: (string | null)[]): number | null {
  if (hashes.some((h) => h === null)) return null;
  let most = 0;
  for (let i = 0; i < hashes.length; i++) {
    for (let j = i + 1; j < hashes.length; j++) {
      most = Math.max(most, phashDistance(hashes[i]!, hashes[j]!));
    }
  }
  return most;
}
