// Plain events for rule tests: each builder fills every field of its schema with a
// neutral value, and the test says only what matters to it.
import { schemaId, type EventOf } from '../../extractor/events.js';

export const CAPTURE = {
  crawl_id: 'crawl-1',
  capture_id: 'cap-1',
  page_url: 'https://www.brand.test/',
  observed_at: 1_000,
  profile: 'desktop-chrome-windows',
  comparison_id: null as string | null,
};
const envelope = (o: Partial<typeof CAPTURE & { tags: string[] }> = {}) => ({
  event_id: '0'.repeat(32),
  tags: [] as string[],
  ...CAPTURE,
  ...o,
});

type Over<T> = Partial<T>;

export function pageEvent(o: Over<EventOf<'page'>> = {}): EventOf<'page'> {
  return {
    schema: schemaId('page'),
    ...envelope(o),
    url: o.page_url ?? CAPTURE.page_url,
    final_url: 'https://www.brand.test/',
    host: 'www.brand.test',
    site: 'brand.test',
    depth: 0,
    seed_url: CAPTURE.page_url,
    status: 200,
    outcome: 'ok',
    error: null,
    title: 'Brand',
    redirect_chain: [CAPTURE.page_url],
    body_sha256: 'a'.repeat(64),
    body_size: 100,
    dom_sha256: 'b'.repeat(64),
    favicon_url: 'https://www.brand.test/favicon.ico',
    favicon_sha256: 'c'.repeat(64),
    favicon_mmh3: 111,
    ip: '127.0.0.1',
    port: 443,
    tls_protocol: 'TLS 1.3',
    tls_issuer: 'CA',
    requests: 3,
    frames: 1,
    screenshot_sha256: null,
    screenshot_phash: null,
    ...o,
  } as EventOf<'page'>;
}

export function pairEvent(
  parent: string,
  child: string,
  cause: EventOf<'host_pair'>['cause'],
  o: Over<EventOf<'host_pair'>> = {},
): EventOf<'host_pair'> {
  return {
    schema: schemaId('host_pair'),
    ...envelope(o),
    parent_host: parent,
    child_host: child,
    parent_site: parent,
    child_site: child,
    cause,
    parent_url: `https://${parent}/`,
    child_url: `https://${child}/x.js`,
    source: 'network',
    tag: null,
    resource_type: null,
    initiator_type: null,
    initiator_url: null,
    frame_url: null,
    ...o,
  } as EventOf<'host_pair'>;
}

export function trackerEvent(value: string, type: string, o: Over<EventOf<'tracker'>> = {}): EventOf<'tracker'> {
  return {
    schema: schemaId('tracker'),
    ...envelope(o),
    host: 'www.brand.test',
    site: 'brand.test',
    type,
    value,
    source: 'dom',
    where: 'inline script',
    context: 'inline-code',
    ...o,
  } as EventOf<'tracker'>;
}

export function resourceEvent(url: string, sha256: string, o: Over<EventOf<'resource'>> = {}): EventOf<'resource'> {
  return {
    schema: schemaId('resource'),
    ...envelope(o),
    url,
    host: new URL(url).hostname,
    resource_type: 'image',
    status: 200,
    mime: 'image/png',
    size: 10,
    sha256,
    ip: null,
    from_cache: false,
    ...o,
  } as EventOf<'resource'>;
}

export function certificateEvent(
  host: string,
  sha256: string,
  o: Over<EventOf<'certificate'>> = {},
): EventOf<'certificate'> {
  return {
    schema: schemaId('certificate'),
    ...envelope(o),
    host,
    sha256,
    subject: host,
    issuer: 'CA',
    san: [host],
    valid_from: 0,
    valid_to: 1,
    protocol: 'TLS 1.3',
    ...o,
  } as EventOf<'certificate'>;
}

/** A victim saw a login form posting to a drop host; the scanner saw a blank page. */
export function cloakingEvent(url: string, o: Over<EventOf<'cloaking'>> = {}): EventOf<'cloaking'> {
  const host = new URL(url).hostname;
  return {
    schema: schemaId('cloaking'),
    ...envelope(o),
    comparison_id: 'cmp-1',
    url,
    host,
    site: host,
    profiles: ['desktop-chrome-windows', 'scanner'],
    capture_ids: ['cap-1', 'cap-2'],
    signals: ['password_form', 'form_action_sites'],
    final_urls: [url, url],
    statuses: [200, 200],
    titles: ['Sign in', 'Welcome'],
    dom_sha256: ['a'.repeat(64), 'b'.repeat(64)],
    password_form: [true, false],
    payment_form: [false, false],
    form_action_sites: [['drop.test'], []],
    script_sites: [[], []],
    screenshot_phash: [null, null],
    screenshot_distance: null,
    child_hosts: [
      { host: 'collect.drop.test', site: 'drop.test', causes: ['form.action'], profiles: ['desktop-chrome-windows'] },
    ],
    ...o,
  } as EventOf<'cloaking'>;
}

/** A copy of a brand's login page on a look-alike domain, three days old, with MX. */
export function impersonationEvent(domain: string, o: Over<EventOf<'impersonation'>> = {}): EventOf<'impersonation'> {
  return {
    schema: schemaId('impersonation'),
    ...envelope(o),
    page_url: `https://${domain}/`,
    observed_at: 1_760_000_000_000,
    brand: 'Acme Bank',
    domain,
    fuzzer: 'replacement',
    final_url: `https://${domain}/login`,
    verdict: 'impersonating',
    score: 95,
    reasons: ['screenshot_alike', 'brand_in_title', 'password_form', 'form_off_brand', 'registered_30_days', 'mx'],
    signals: {
      screenshot_distance: 2,
      logo_distance: null,
      favicon_distance: 40,
      title_hits: ['acme bank'],
      text_hits: ['acme bank', 'acmepay'],
      form_hits: [],
      password_form: true,
      payment_form: false,
      form_action_sites: ['drop.test'],
      script_sites: [],
      cloaking: false,
      registration_age_days: 3,
      mx: true,
      redirects_to_official: false,
      parked_markers: [],
    },
    registered_at: 1_759_740_000_000,
    registrar: "O'Names \\ Inc.",
    ...o,
  } as EventOf<'impersonation'>;
}
