// The event contract: one JSON Schema per event type, and the TypeScript types derived
// from those schemas (json-schema-to-ts), so the two cannot disagree. schemas/*.json are
// generated from EVENT_SCHEMAS by tools/write-schemas.ts and are what downstream consumers read.
// Pure data and types only: the extractor imports this, the validator lives in sinks/.
//
// Every property is required and nullable ones say so in their type, so every event of a
// type has the same keys (column-friendly for ClickHouse); any change is a new version
// (schemas/README.md: compatibility). Version 2 added event_id and tags to every event and
// the registrable domains of pairs (parent_site, child_site) and trackers (site); version 3
// added comparison_id to every event and the cloaking event; version 4 added the tracker's
// context and the host-pair causes of a <link> by rel (link.<rel>), and later the
// impersonation event (a new type: no existing event changed shape); upgrade.ts turns a
// version-1, -2 or -3 event into its version-4 form.
import type { FromSchema } from 'json-schema-to-ts';
import { CAPTURE_OUTCOMES, COOKIE_SETTERS, HOST_PAIR_CAUSES } from '../capture/vocabulary.js';

export const SCHEMA_VERSION = 4;

export const EVENT_TYPES = [
  'page',
  'host_pair',
  'tracker',
  'resource',
  'cookie',
  'host_ip',
  'certificate',
  'component',
  'cloaking',
  'impersonation',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The `schema` value of an event, and the `$id` of its JSON Schema. */
export function schemaId<const T extends EventType | 'dead_letter'>(type: T): `vucrawl.${T}/4` {
  return `vucrawl.${type}/${SCHEMA_VERSION}` as `vucrawl.${T}/4`;
}

/** The type part of a `schema` value: `vucrawl.host_pair/4` -> `host_pair` (schemaId's inverse). */
export function schemaType(schema: string): string {
  return schema.slice('vucrawl.'.length, schema.lastIndexOf('/'));
}

/** Where a host pair's evidence came from (the three sources of host-pairs.ts, and the crawl's own link). */
export const HOST_PAIR_SOURCES = ['network', 'navigation', 'dom', 'crawl'] as const;
export type HostPairSource = (typeof HOST_PAIR_SOURCES)[number];
/** Where a tracker ID was found: a request URL, a frame's final DOM, or a loaded script's body. */
export const TRACKER_SOURCES = ['network', 'dom', 'script'] as const;
export type TrackerSource = (typeof TRACKER_SOURCES)[number];
/**
 * Where in the page an ID was found, so an analyst can weigh it: `executed`, seen in a request
 * the page made (its vendor's code ran with it on this visit); else the kind of place that
 * holds it: `inline-code` (a script's code, inline or loaded: it may sit in a branch this
 * visit did not take), `config` (a JSON block or a data- attribute), `noscript` (markup shown
 * without JavaScript: pixels, iframes), `markup` (anything else: meta tags, links, comments,
 * attributes).
 */
export const TRACKER_CONTEXTS = ['executed', 'inline-code', 'config', 'noscript', 'markup'] as const;
export type TrackerContext = (typeof TRACKER_CONTEXTS)[number];
/** What showed a component: a response header, a cookie name, a meta tag, a script's or a stylesheet's URL, a JavaScript global, the DOM, the favicon, a request path. */
export const COMPONENT_SOURCES = [
  'header',
  'cookie',
  'meta',
  'script-url',
  'stylesheet-url',
  'js-global',
  'html',
  'favicon',
  'request-path',
] as const;
export type ComponentSource = (typeof COMPONENT_SOURCES)[number];
/** PassiveTotal's component categories (Server ... E-commerce), then ours. */
export const COMPONENT_CATEGORIES = [
  'Server',
  'Framework',
  'JavaScript Library',
  'CMS',
  'Operating System',
  'Analytics',
  'CDN',
  'Web Server Extension',
  'Remote Access',
  'Search',
  'Tracking Pixel',
  'Programming Language',
  'Database',
  'E-commerce',
  'Advertising',
  'Cache',
  'CMS Plugin',
  'Consent Management',
  'Control Panel',
  'Font',
  'Hosting',
  'Live Chat',
  'Load Balancer',
  'Maps',
  'Marketing',
  'Monitoring',
  'Payment',
  'Security',
  'Video',
  'Web Application',
  'Webmail',
  'UI Framework',
  'JavaScript Framework',
  'Widget',
  'Comment System',
  'Tag Manager',
  'A/B Testing',
  'Marketing Automation',
  'SEO',
  'Page Builder',
  'Reverse Proxy',
  'Ad Exchange',
] as const;
export type ComponentCategory = (typeof COMPONENT_CATEGORIES)[number];

// Property builders: they keep the schemas below one line per field.
const SHA256 = '^[0-9a-f]{64}$';
const str = (description: string) => ({ type: 'string', description }) as const;
const strOrNull = (description: string) => ({ type: ['string', 'null'], description }) as const;
const sha = (description: string) => ({ type: 'string', pattern: SHA256, description }) as const;
const shaOrNull = (description: string) => ({ type: ['string', 'null'], pattern: SHA256, description }) as const;
const int = (description: string, minimum?: number) =>
  ({ type: 'integer', ...(minimum === undefined ? {} : { minimum }), description }) as const;
const intOrNull = (description: string, minimum?: number) =>
  ({ type: ['integer', 'null'], ...(minimum === undefined ? {} : { minimum }), description }) as const;
const portOrNull = (description: string) =>
  ({ type: ['integer', 'null'], minimum: 0, maximum: 65535, description }) as const;
const bool = (description: string) => ({ type: 'boolean', description }) as const;
const strings = (description: string) => ({ type: 'array', items: { type: 'string' }, description }) as const;
const enumOf = <const V extends readonly string[]>(values: V, description: string) =>
  ({ type: 'string', enum: values, description }) as const;
const enumOrNull = <const V extends readonly string[]>(values: V, description: string) =>
  ({ type: ['string', 'null'], enum: [...values, null] as [...V, null], description }) as const;

/** Length in hex digits of an event_id: the first 128 bits of a SHA-256. */
export const EVENT_ID_HEX = 32;

const ENVELOPE = {
  event_id: {
    type: 'string',
    pattern: `^[0-9a-f]{${EVENT_ID_HEX}}$`,
    description:
      'Deterministic id of the event: the first 128 bits (hex) of the SHA-256 of its canonical JSON without event_id. The same event published twice has the same id; drop the copies by it.',
  },
  tags: strings('Tags of the seed the page was reached from (a project, case or brand), sorted; empty when none.'),
  crawl_id: str('Id of the crawl run that produced the event.'),
  capture_id: str('Id of the page capture (one visit of one page by one virtual user) the event comes from.'),
  page_url: str('The URL the crawler was asked to visit (before any redirect).'),
  observed_at: int('When the page was captured, UTC milliseconds since the Unix epoch.', 0),
  profile: str('Name of the virtual-user profile (device, locale, ...) that visited the page.'),
  comparison_id: strOrNull(
    'The comparison crawl (--compare) this visit belongs to: its other visits, by other virtual users, share the id (and its cloaking event, if the visits diverged); null when the page was visited once.',
  ),
} as const;

/**
 * One event's schema: the `schema` constant, the envelope, then the type's own fields;
 * every property is required (built from the keys, so none can be forgotten).
 */
function eventSchema<const T extends EventType | 'dead_letter', const P extends Record<string, object>>(
  type: T,
  title: string,
  description: string,
  fields: P,
) {
  const properties = {
    schema: { const: schemaId(type), description: 'Event type and version.' },
    ...ENVELOPE,
    ...fields,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaId(type),
    title,
    description,
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties) as (keyof typeof properties & string)[],
    properties,
  } as const;
}

export const PAGE_SCHEMA = eventSchema(
  'page',
  'vucrawl page',
  'One visited page: where it landed, what it returned, how it was served.',
  {
    url: str('The URL visited (the target URL, same as page_url).'),
    final_url: str('URL of the top document at the end of the visit, after every redirect.'),
    host: str('Host of final_url (may be an IP address).'),
    site: str('Registrable domain (eTLD+1) of host; the host itself when it has none (IP address, localhost).'),
    depth: int('Link depth from the seed (0 for a seed).', 0),
    seed_url: str('The seed this page was reached from (itself for a seed).'),
    status: intOrNull('HTTP status of the final top document; null when no response was received.'),
    outcome: enumOf(CAPTURE_OUTCOMES, 'How the visit ended.'),
    error: strOrNull('Why the visit failed, timed out or was refused; null when it did not.'),
    title: strOrNull('Document title; null when there was none.'),
    redirect_chain: strings(
      'Every URL the top frame went through, from url to final_url (HTTP and client-side redirects).',
    ),
    body_sha256: shaOrNull('SHA-256 (hex) of the final top document body; null when it could not be read.'),
    body_size: intOrNull('Size in bytes of that body; null when unknown.', 0),
    dom_sha256: shaOrNull('SHA-256 (hex) of the serialized final DOM of the top frame; null when not captured.'),
    favicon_url: strOrNull('URL of the site icon (link rel=icon, else /favicon.ico); null when none was tried.'),
    favicon_sha256: shaOrNull('SHA-256 (hex) of the icon bytes; null when not fetched.'),
    favicon_mmh3: {
      type: ['integer', 'null'],
      minimum: -2147483648,
      maximum: 2147483647,
      description:
        "MurmurHash3 (32-bit, signed) of the icon as Shodan's http.favicon.hash computes it; null when not fetched.",
    },
    ip: strOrNull('Remote IP address that served the final top document; null when unknown.'),
    port: portOrNull('Remote port that served it; null when unknown.'),
    tls_protocol: strOrNull('TLS protocol of that response (e.g. "TLS 1.3"); null for plain HTTP or unknown.'),
    tls_issuer: strOrNull('Issuer of the certificate of that response; null for plain HTTP or unknown.'),
    requests: int('Number of requests the page made (all frames, failed and blocked ones included).', 0),
    frames: int('Number of frames in the page, the top frame included.', 0),
    screenshot_sha256: shaOrNull(
      "SHA-256 (hex) of the PNG viewport screenshot taken once the page settled (crawl --screenshots), the file screenshots/<sha256>.png of the crawl's output folder; null when none was taken.",
    ),
    screenshot_phash: {
      type: ['string', 'null'],
      pattern: '^[0-9a-f]{16}$',
      description:
        "Perceptual hash of that screenshot: pHash (as Python's imagehash computes it), 64 bits as 16 hex digits, most significant first; screenshots whose hashes differ in few bits (Hamming distance) look alike. null when none was taken.",
    },
  },
);

export const HOST_PAIR_SCHEMA = eventSchema(
  'host_pair',
  'vucrawl host pair',
  'A relationship between two different hosts: the parent caused the browser to contact or show the child.',
  {
    parent_host: str('Host of the document (frame) or script that caused it; may be an IP address.'),
    child_host: str('Host that was requested or navigated to; differs from parent_host; may be an IP address.'),
    parent_site: str(
      'Registrable domain (eTLD+1) of parent_host; the host itself when it has none (IP address, localhost).',
    ),
    child_site: str('Registrable domain (eTLD+1) of child_host; the host itself when it has none.'),
    cause: enumOf(
      HOST_PAIR_CAUSES,
      'What linked them, in the PassiveTotal vocabulary (vucrawl extensions from frame.src on).',
    ),
    parent_url: str('URL of the parent document or script.'),
    child_url: str('URL on the child host.'),
    source: enumOf(
      HOST_PAIR_SOURCES,
      'Evidence: a network request, a frame navigation, the final DOM, or a link the crawler followed.',
    ),
    tag: strOrNull('HTML tag behind it (e.g. "script", "iframe"); null when not from markup.'),
    resource_type: strOrNull('DevTools resource type of the request (e.g. "script", "xhr"); null when not a request.'),
    initiator_type: strOrNull('DevTools initiator type (e.g. "parser", "script", "redirect"); null when unknown.'),
    initiator_url: strOrNull('DevTools initiator URL (document or innermost script); null when unknown.'),
    frame_url: strOrNull('URL of the frame document in which it happened; null when unknown.'),
  },
);

export const TRACKER_SCHEMA = eventSchema(
  'tracker',
  'vucrawl tracker',
  'An analytics, advertising or verification identifier (or a copy-source marker) found on a page.',
  {
    host: str('Host of the request or document the identifier was found in.'),
    site: str('Registrable domain (eTLD+1) of host; the host itself when it has none.'),
    type: str('Identifier type (PassiveTotal names where they exist, e.g. "GoogleAnalyticsTrackingId").'),
    value: str('The identifier itself.'),
    source: enumOf(TRACKER_SOURCES, 'Found in a request the page made, in the final DOM, or in a script body.'),
    where: str('Where exactly: request URL, inline script, attribute, meta tag, comment, ...'),
    context: enumOrNull(
      TRACKER_CONTEXTS,
      'executed: the ID was in a request the page made (its code ran with it); else where it sits: inline-code (a script, inline or loaded, possibly in a branch not taken), config (a JSON block or data- attribute), noscript (noscript markup), markup (meta tags, links, comments, other attributes). null: unknown, an event found before version 4 (not in a request).',
    ),
  },
);

export const RESOURCE_SCHEMA = eventSchema(
  'resource',
  'vucrawl resource',
  'One request the page made and what came back.',
  {
    url: str('Requested URL.'),
    host: str('Host of url (may be an IP address).'),
    resource_type: str('DevTools resource type (document, script, image, xhr, ...).'),
    status: intOrNull('HTTP status; null when no response (failed or blocked).'),
    mime: strOrNull('MIME type of the response; null when no response.'),
    size: int('Decoded body size in bytes (0 when none).', 0),
    sha256: shaOrNull('SHA-256 (hex) of the decoded body; null when not read or over the size cap.'),
    ip: strOrNull('Remote IP address; null when unknown (no connection, cache).'),
    from_cache: bool('Whether the response came from the browser cache.'),
  },
);

export const COOKIE_SCHEMA = eventSchema(
  'cookie',
  'vucrawl cookie',
  'A cookie present after the page, for a host the page requested.',
  {
    host: str('Host that set it (of the response with Set-Cookie, or of the document for script cookies).'),
    name: str('Cookie name.'),
    domain: str('Domain attribute as the browser stores it (leading dot for domain cookies).'),
    path: str('Path attribute.'),
    secure: bool('Secure attribute.'),
    http_only: bool('HttpOnly attribute.'),
    same_site: str('SameSite attribute as the browser reports it (Strict, Lax, None).'),
    expires: {
      type: 'number',
      minimum: -1,
      description:
        'Expiry, Unix time in seconds as the browser reports it (may be fractional); -1 for a session cookie.',
    },
    set_by: enumOf(
      COOKIE_SETTERS,
      'http: a Set-Cookie header of this page; script: document.cookie during this page; earlier: already in the jar.',
    ),
    value_sha256: sha('SHA-256 (hex) of the value; the value itself is never exported.'),
  },
);

export const HOST_IP_SCHEMA = eventSchema(
  'host_ip',
  'vucrawl host IP',
  'A host and the remote address the browser connected to for it.',
  {
    host: str('Host name (or IP address) requested.'),
    ip: str("Remote IP address (the proxy's when the crawl ran through one)."),
    port: portOrNull('Remote port; null when unknown.'),
  },
);

export const CERTIFICATE_SCHEMA = eventSchema(
  'certificate',
  'vucrawl certificate',
  'The TLS leaf certificate a host presented.',
  {
    host: str('Host that presented it.'),
    sha256: shaOrNull('SHA-256 (hex) of the leaf certificate (DER), the usual fingerprint; null when unavailable.'),
    subject: str('Subject name.'),
    issuer: str('Issuer name.'),
    san: strings('Subject alternative names.'),
    valid_from: int('Start of validity, UTC milliseconds.'),
    valid_to: int('End of validity, UTC milliseconds.'),
    protocol: str('TLS protocol of the connection (e.g. "TLS 1.3").'),
  },
);

export const COMPONENT_SCHEMA = eventSchema(
  'component',
  'vucrawl component',
  "A technology a host runs or a page uses (server, framework, library, CMS, ...), PassiveTotal's host components.",
  {
    host: str(
      "Host it belongs to: the host that sent the header, set the cookie or served the favicon; for meta tags, globals, the DOM and what a document loaded, the document's host.",
    ),
    category: enumOf(
      COMPONENT_CATEGORIES,
      "What kind of technology it is: PassiveTotal's categories, then vucrawl's from Advertising on, then from UI Framework on the finer ones of the HTTP Archive technology report (a client-side framework is JavaScript Framework, a server-side one Framework; a CSS or component framework UI Framework).",
    ),
    name: str('The technology (e.g. "nginx", "WordPress", "jQuery").'),
    version: strOrNull(
      'Its version where the evidence states one (e.g. "1.25.3" from "Server: nginx/1.25.3"); null otherwise.',
    ),
    source: enumOf(
      COMPONENT_SOURCES,
      'What showed it: a response header, a cookie, a meta tag, a script URL, a JavaScript global, the DOM, the favicon, or a request path.',
    ),
    where: str(
      'Which header, cookie, meta tag (by name) or global (its path) matched; for a script, the DOM, the favicon or a request path, the URL.',
    ),
  },
);

export const CLOAKING_SIGNALS = [
  'final_site',
  'status',
  'password_form',
  'payment_form',
  'form_action_sites',
  'script_sites',
  'title',
  'dom',
  'screenshot',
  'child_hosts',
] as const;
export type CloakingSignal = (typeof CLOAKING_SIGNALS)[number];
/** The signals that make a comparison cloaking; the others are recorded beside them (extractor/cloaking.ts has the rule). */
export const DECISIVE_CLOAKING_SIGNALS: readonly CloakingSignal[] = [
  'final_site',
  'status',
  'password_form',
  'payment_form',
  'form_action_sites',
  'script_sites',
];

const perVisit = <const S extends object>(items: S, description: string) =>
  ({ type: 'array', items, description: `Per visit, in the order of profiles: ${description}` }) as const;

export const CLOAKING_SCHEMA = eventSchema(
  'cloaking',
  'vucrawl cloaking',
  "The visits of one target by several virtual users (a comparison crawl) diverged: the page showed one thing to one and another to another. The envelope is the first visit's (the reference, a victim).",
  {
    url: str('The target URL (same as page_url).'),
    host: str('Host of url.'),
    site: str('Registrable domain (eTLD+1) of host.'),
    profiles: strings("The visits' virtual-user profiles, in visit order; the first is the reference."),
    capture_ids: perVisit(
      { type: 'string' },
      'the capture id of the visit (its events carry it, and this comparison_id).',
    ),
    signals: {
      type: 'array',
      items: { type: 'string', enum: CLOAKING_SIGNALS },
      description:
        'What diverged. final_site, status, password_form, payment_form, form_action_sites and script_sites decide; title, dom, screenshot and child_hosts are recorded beside them.',
    },
    final_urls: perVisit({ type: 'string' }, 'where the top document ended.'),
    statuses: perVisit({ type: ['integer', 'null'] }, 'HTTP status of the final top document; null when none.'),
    titles: perVisit({ type: ['string', 'null'] }, 'document title; null when none.'),
    dom_sha256: perVisit(
      { type: ['string', 'null'], pattern: SHA256 },
      'SHA-256 of the serialized final DOM of the top frame; null when not captured.',
    ),
    password_form: perVisit({ type: 'boolean' }, 'whether a frame showed a password field.'),
    payment_form: perVisit({ type: 'boolean' }, 'whether a frame showed a payment card field.'),
    form_action_sites: perVisit(
      { type: 'array', items: { type: 'string' } },
      'the registrable domains its forms post to, sorted.',
    ),
    script_sites: perVisit(
      { type: 'array', items: { type: 'string' } },
      'the registrable domains its top document loaded scripts from (advertising and analytics vendors aside), sorted.',
    ),
    screenshot_phash: perVisit(
      { type: ['string', 'null'], pattern: '^[0-9a-f]{16}$' },
      'perceptual hash of its screenshot; null when none was taken.',
    ),
    screenshot_distance: intOrNull(
      "The largest Hamming distance between two visits' screenshots (0-64); null unless every visit has one.",
      0,
    ),
    child_hosts: {
      type: 'array',
      description: 'Hosts the page led to (host pairs) in some visits and not in others.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'site', 'causes', 'profiles'],
        properties: {
          host: str('The child host.'),
          site: str('Its registrable domain.'),
          causes: strings('How the visits that had it reached it (host-pair causes), sorted.'),
          profiles: strings('The profiles of the visits that had it, in visit order.'),
        },
      },
    },
  },
);

/** An impersonation verdict, from the most to the least benign (extractor/impersonation.ts has the rule). */
export const IMPERSONATION_VERDICTS = [
  'official',
  'defensive',
  'parked',
  'unrelated',
  'suspicious',
  'impersonating',
] as const;
export type ImpersonationVerdict = (typeof IMPERSONATION_VERDICTS)[number];

const distance = (description: string) =>
  ({ type: ['integer', 'null'], minimum: 0, maximum: 64, description }) as const;

/** Each signal of an impersonation verdict, as data: what the victim's visit, the DNS and RDAP showed. */
const IMPERSONATION_SIGNALS = {
  type: 'object',
  additionalProperties: false,
  required: [
    'screenshot_distance',
    'logo_distance',
    'favicon_distance',
    'title_hits',
    'text_hits',
    'form_hits',
    'password_form',
    'payment_form',
    'form_action_sites',
    'script_sites',
    'cloaking',
    'registration_age_days',
    'mx',
    'redirects_to_official',
    'parked_markers',
  ],
  properties: {
    screenshot_distance: distance(
      "Bits (0-64) between the page's screenshot pHash and the nearest of the brand's official pages' screenshots; null when either is missing.",
    ),
    logo_distance: distance(
      "Bits between the page's images (its screenshot and the images the caller hashed; the favicon has its own signal) and the nearest of the brand's logos; null when either is missing.",
    ),
    favicon_distance: distance(
      "Bits between the page's favicon pHash and the nearest brand logo or official favicon; 0 when its Shodan hash equals an official site's; null when unknown.",
    ),
    title_hits: strings("The brand's name and keywords found in the page title (lower case, sorted)."),
    text_hits: strings(
      "The brand's name and keywords found in the text of the page's frames, titles included (lower case, sorted).",
    ),
    form_hits: strings(
      "The brand's name and keywords found in its forms' labels, placeholders and buttons (lower case, sorted).",
    ),
    password_form: bool('A frame showed a password field.'),
    payment_form: bool('A frame showed a payment card field.'),
    form_action_sites: strings("Registrable domains the page's forms post to that are not the brand's, sorted."),
    script_sites: strings(
      "Registrable domains the top document loaded scripts from that are neither the brand's nor the variant's, advertising and analytics vendors aside, sorted.",
    ),
    cloaking: bool("The visit's comparison crawl found cloaking (a cloaking event)."),
    registration_age_days: intOrNull(
      'Whole days from the registration (RDAP) to the visit; null when the registration date is unknown.',
      0,
    ),
    mx: bool('The variant has MX records (it can receive mail: a mail-phishing set-up).'),
    redirects_to_official: bool("The visit ended on one of the brand's official domains."),
    parked_markers: strings(
      'What marks the page as parked: ns:<provider name server>, host:<provider host> (final URL or a request), text:<phrase>; sorted.',
    ),
  },
} as const;

export const IMPERSONATION_SCHEMA = eventSchema(
  'impersonation',
  'vucrawl impersonation',
  "A look-alike domain of a brand judged from a victim's visit, its DNS and its registration: the verdict, the score and every signal behind them. The envelope is the visit's.",
  {
    brand: str('The brand (vucrawl brand add NAME).'),
    domain: str('The look-alike domain (the variant).'),
    fuzzer: str('The fuzzer that generated it (vucrawl variants: addition, homoglyph, ...).'),
    final_url: str('Where the visit ended.'),
    verdict: enumOf(
      IMPERSONATION_VERDICTS,
      "official: one of the brand's own domains; defensive: leads to them; parked: a parking page without a login form; impersonating, suspicious, unrelated: by score.",
    ),
    score: int('The sum of the points of the rules that matched (extractor/impersonation.ts, docs/brands.md).', 0),
    reasons: strings('The scoring rules that matched, in the order of the rule table.'),
    signals: IMPERSONATION_SIGNALS,
    registered_at: intOrNull('When the variant was registered (RDAP), UTC milliseconds; null when unknown.'),
    registrar: strOrNull("Its registrar's name (RDAP); null when unknown."),
  },
);

/** What the dead-letter output holds: an event that failed validation, as it was, and why. Not an event type. */
export const DEAD_LETTER_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: schemaId('dead_letter'),
  title: 'vucrawl dead letter',
  description:
    'An event that failed validation, at the producer or at the loader, kept with the reason instead of being dropped.',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'reason', 'event', 'at'],
  properties: {
    schema: { const: schemaId('dead_letter'), description: 'Record type and version.' },
    reason: str('Why it was rejected: the schema it claimed, the failing path and the message.'),
    event: {
      description: 'The rejected value, unchanged (any JSON value; a message that is not JSON is kept as its text).',
    },
    at: int('When it was rejected, UTC milliseconds.', 0),
    stage: {
      enum: ['producer', 'loader'],
      description:
        'Where it was rejected: before it left the crawler, or when the loader read it from Kafka. Absent means producer.',
    },
    topic: str('Loader only: the Kafka topic the message came from.'),
    partition: int('Loader only: its partition.', 0),
    offset: str('Loader only: its offset (a decimal string: offsets can exceed 2^53).'),
  },
} as const;

export const EVENT_SCHEMAS = {
  page: PAGE_SCHEMA,
  host_pair: HOST_PAIR_SCHEMA,
  tracker: TRACKER_SCHEMA,
  resource: RESOURCE_SCHEMA,
  cookie: COOKIE_SCHEMA,
  host_ip: HOST_IP_SCHEMA,
  certificate: CERTIFICATE_SCHEMA,
  component: COMPONENT_SCHEMA,
  cloaking: CLOAKING_SCHEMA,
  impersonation: IMPERSONATION_SCHEMA,
} as const satisfies Record<EventType, object>;

export type PageEvent = FromSchema<typeof PAGE_SCHEMA>;
export type HostPairEvent = FromSchema<typeof HOST_PAIR_SCHEMA>;
export type TrackerEvent = FromSchema<typeof TRACKER_SCHEMA>;
export type ResourceEvent = FromSchema<typeof RESOURCE_SCHEMA>;
export type CookieEvent = FromSchema<typeof COOKIE_SCHEMA>;
export type HostIpEvent = FromSchema<typeof HOST_IP_SCHEMA>;
export type CertificateEvent = FromSchema<typeof CERTIFICATE_SCHEMA>;
export type ComponentEvent = FromSchema<typeof COMPONENT_SCHEMA>;
export type CloakingEvent = FromSchema<typeof CLOAKING_SCHEMA>;
export type ImpersonationEvent = FromSchema<typeof IMPERSONATION_SCHEMA>;
export type ImpersonationSignals = ImpersonationEvent['signals'];
export type DeadLetterRecord = FromSchema<typeof DEAD_LETTER_SCHEMA>;

export type VucrawlEvent =
  | PageEvent
  | HostPairEvent
  | TrackerEvent
  | ResourceEvent
  | CookieEvent
  | HostIpEvent
  | CertificateEvent
  | ComponentEvent
  | CloakingEvent
  | ImpersonationEvent;
/** The event type of one event type name, e.g. EventOf<'page'> is PageEvent. */
export type EventOf<T extends EventType> = Extract<VucrawlEvent, { schema: ReturnType<typeof schemaId<T>> }>;

/** The fields every event carries about its capture (`ENVELOPE`), typed. */
export type Envelope = Pick<
  EventOf<'page'>,
  'event_id' | 'tags' | 'crawl_id' | 'capture_id' | 'page_url' | 'observed_at' | 'profile' | 'comparison_id'
>;

/** An event's envelope: what an event derived from it (a cloaking or impersonation verdict) carries too. */
export function envelopeOf(e: Envelope): Envelope {
  const { event_id, tags, crawl_id, capture_id, page_url, observed_at, profile, comparison_id } = e;
  return { event_id, tags, crawl_id, capture_id, page_url, observed_at, profile, comparison_id };
}
