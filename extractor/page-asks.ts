// What a visited page asks of its visitor and where it sends what it is given: password and
// payment-card fields, the sites its forms post to, the words its forms show, the sites its
// top document loads scripts from. Read once here for the two rules that judge a page by it:
// cloaking (do the visits differ?) and impersonation (does it ask for a brand's secrets?).
// Pure: a capture and its events in.
import * as cheerio from 'cheerio';
import type { PageCapture } from '../capture/capture.js';
import { siteOf } from '../capture/url.js';
import { webHostOf } from './dom-refs.js';
import { schemaId, type VucrawlEvent } from './events.js';

/** Component categories whose scripts differ from visit to visit on honest pages (rotation, sampling). */
const VENDOR_CATEGORIES = new Set(['Advertising', 'Analytics', 'Tracking Pixel', 'Marketing']);
/** A payment card field, by what its markup calls it. */
const CARD_FIELD = /cc-(number|csc|exp)|card.?(number|num|no)|\bcvv2?\b|\bcvc\b|\bcsc\b|security.?code|expir(y|ation)/i;
/** A form's words are read up to this many characters: a hostile page's filler stays out. */
const MAX_FORM_TEXT = 64 << 10;

export interface PageAsks {
  /** A frame showed a password field. */
  password_form: boolean;
  /** A frame showed a payment card field. */
  payment_form: boolean;
  /** The registrable domains the page's forms post to, sorted. */
  form_action_sites: string[];
  /** The registrable domains the top document loaded scripts from, sorted (advertising and analytics vendors aside). */
  script_sites: string[];
  /** The words of its forms: labels, placeholders, accessible names, buttons (space-separated). */
  form_text: string;
}

type Attribs = Record<string, string | undefined>;
const attribs = (el: unknown) => (el as { attribs: Attribs }).attribs;

/** What a capture's page asks for; `events` are the capture's own (the component catalog's vendor scripts come from them). */
export function pageAsks(c: PageCapture, events: readonly VucrawlEvent[]): PageAsks {
  const forms = { password: false, payment: false, actionSites: new Set<string>(), text: [] as string[] };
  for (const f of c.frames) if (f.dom) readForms(f.dom, f.url, forms);
  // Vendors' scripts rotate on honest pages (an ad slot's creative, sampling): they say nothing of the page.
  const vendorScripts = new Set(
    events.flatMap((e) =>
      e.schema === schemaId('component') && e.source === 'script-url' && VENDOR_CATEGORIES.has(e.category)
        ? [e.where]
        : [],
    ),
  );
  const scriptSites = new Set(
    c.requests
      .filter((r) => r.resource_type === 'script' && r.frame_id === c.main_frame_id && !vendorScripts.has(r.url))
      .flatMap((r) => {
        const host = webHostOf(r.url);
        return host ? [siteOf(host)] : [];
      }),
  );
  return {
    password_form: forms.password,
    payment_form: forms.payment,
    form_action_sites: [...forms.actionSites].sort(),
    script_sites: [...scriptSites].sort(),
    form_text: forms.text.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_FORM_TEXT),
  };
}

/** What a frame's forms ask for, say and where they post (a form without an action posts to its own page). */
function readForms(
  html: string,
  frameUrl: string,
  out: { password: boolean; payment: boolean; actionSites: Set<string>; text: string[] },
): void {
  const $ = cheerio.load(html);
  const base = $('base[href]').attr('href');
  const resolve = (href: string | undefined): string | undefined => {
    try {
      return new URL(href ?? '', base ? new URL(base, frameUrl) : frameUrl).href;
    } catch {
      return undefined; // an action that is not a URL posts nowhere a host can be named
    }
  };
  if ($('input[type="password" i]').length) out.password = true;
  $('input, select').each((_, el) => {
    const a = attribs(el);
    if (CARD_FIELD.test([a.autocomplete, a.name, a.id, a.placeholder, a['aria-label']].filter(Boolean).join(' ')))
      out.payment = true;
  });
  $('form').each((_, el) => {
    const action = resolve(attribs(el).action);
    const host = action ? webHostOf(action) : undefined;
    if (host) out.actionSites.add(siteOf(host));
  });
  // Labels and buttons anywhere (a kit's fields need not sit in a <form>), and what fields say of themselves.
  $('form, label, button, legend').each((_, el) => {
    out.text.push($(el).text());
  });
  $('input, select, textarea').each((_, el) => {
    const a = attribs(el);
    out.text.push(
      ...[
        a.placeholder,
        a['aria-label'],
        a.title,
        a.type === 'submit' || a.type === 'button' ? a.value : undefined,
      ].filter((s): s is string => Boolean(s)),
    );
  });
}
