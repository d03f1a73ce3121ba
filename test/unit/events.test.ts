import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DEAD_LETTER_SCHEMA,
  EVENT_SCHEMAS,
  EVENT_TYPES,
  schemaId,
  type CertificateEvent,
  type CookieEvent,
  type EventOf,
  type EventType,
  type HostIpEvent,
  type HostPairEvent,
  type PageEvent,
  type ResourceEvent,
  type TrackerEvent,
  type VucrawlEvent,
} from '../../extractor/events.js';
import { HOST_PAIR_CAUSES } from '../../capture/vocabulary.js';
import { renderSchemas, schemasDir } from '../../tools/write-schemas.js';
import { deadLetter, validateEvent } from '../../sinks/validate.js';

const HASH = 'a'.repeat(64);
const envelope = (type: EventType) => ({
  schema: schemaId(type),
  event_id: '0123456789abcdef0123456789abcdef',
  tags: ['case-42'],
  crawl_id: 'crawl-1',
  capture_id: 'cap-1',
  page_url: 'http://shop.test/',
  observed_at: 1_760_000_000_000,
  profile: 'desktop-en',
  comparison_id: null,
});

// Each example is assigned to its TypeScript type: if the types and the schemas disagreed
// about a field, either tsc (here) or the validator (below) would reject it.
const page: PageEvent = {
  ...envelope('page'),
  schema: 'vucrawl.page/4',
  url: 'http://shop.test/',
  final_url: 'https://www.shop.test/home',
  host: 'www.shop.test',
  site: 'shop.test',
  depth: 0,
  seed_url: 'http://shop.test/',
  status: 200,
  outcome: 'ok',
  error: null,
  title: 'Shop',
  redirect_chain: ['http://shop.test/', 'https://www.shop.test/home'],
  body_sha256: HASH,
  body_size: 5120,
  dom_sha256: HASH,
  favicon_url: 'https://www.shop.test/favicon.ico',
  favicon_sha256: HASH,
  favicon_mmh3: -1_234_567_890,
  ip: '127.0.0.2',
  port: 443,
  tls_protocol: 'TLS 1.3',
  tls_issuer: 'Test CA',
  requests: 12,
  frames: 2,
  screenshot_sha256: HASH,
  screenshot_phash: '9515155555d5d4d5',
};
const hostPair: HostPairEvent = {
  ...envelope('host_pair'),
  schema: 'vucrawl.host_pair/4',
  parent_host: 'www.shop.test',
  child_host: 'cdn.other.test',
  parent_site: 'shop.test',
  child_site: 'other.test',
  cause: 'script.src',
  parent_url: 'https://www.shop.test/home',
  child_url: 'https://cdn.other.test/a.js',
  source: 'network',
  tag: 'script',
  resource_type: 'script',
  initiator_type: 'parser',
  initiator_url: 'https://www.shop.test/home',
  frame_url: null,
};
const tracker: TrackerEvent = {
  ...envelope('tracker'),
  schema: 'vucrawl.tracker/4',
  host: 'www.shop.test',
  site: 'shop.test',
  type: 'GoogleTagManagerId',
  value: 'GTM-ABC123',
  source: 'dom',
  where: 'inline script',
  context: 'inline-code',
};
const resource: ResourceEvent = {
  ...envelope('resource'),
  schema: 'vucrawl.resource/4',
  url: 'https://cdn.other.test/a.js',
  host: 'cdn.other.test',
  resource_type: 'script',
  status: null,
  mime: null,
  size: 0,
  sha256: null,
  ip: null,
  from_cache: false,
};
const cookie: CookieEvent = {
  ...envelope('cookie'),
  schema: 'vucrawl.cookie/4',
  host: 'www.shop.test',
  name: 'sid',
  domain: '.shop.test',
  path: '/',
  secure: true,
  http_only: true,
  same_site: 'Lax',
  expires: -1,
  set_by: 'http',
  value_sha256: HASH,
};
const hostIp: HostIpEvent = {
  ...envelope('host_ip'),
  schema: 'vucrawl.host_ip/4',
  host: 'www.shop.test',
  ip: '::1',
  port: null,
};
const certificate: CertificateEvent = {
  ...envelope('certificate'),
  schema: 'vucrawl.certificate/4',
  host: 'www.shop.test',
  sha256: HASH,
  subject: 'www.shop.test',
  issuer: 'Test CA',
  san: ['www.shop.test', 'shop.test'],
  valid_from: 1_700_000_000_000,
  valid_to: 1_800_000_000_000,
  protocol: 'TLS 1.3',
};
const component: EventOf<'component'> = {
  ...envelope('component'),
  schema: 'vucrawl.component/4',
  host: 'www.shop.test',
  category: 'Server',
  name: 'nginx',
  version: '1.25.3',
  source: 'header',
  where: 'server',
};
const cloaking: EventOf<'cloaking'> = {
  ...envelope('cloaking'),
  schema: 'vucrawl.cloaking/4',
  comparison_id: 'cmp-1',
  url: 'https://login.kit.test/',
  host: 'login.kit.test',
  site: 'kit.test',
  profiles: ['desktop-chrome-windows', 'scanner'],
  capture_ids: ['cap-1', 'cap-2'],
  signals: ['password_form', 'form_action_sites', 'title', 'child_hosts'],
  final_urls: ['https://login.kit.test/', 'https://login.kit.test/'],
  statuses: [200, 200],
  titles: ['Sign in', null],
  dom_sha256: [HASH, null],
  password_form: [true, false],
  payment_form: [false, false],
  form_action_sites: [['drop.test'], []],
  script_sites: [[], []],
  screenshot_phash: [null, null],
  screenshot_distance: null,
  child_hosts: [
    { host: 'drop.drop.test', site: 'drop.test', causes: ['form.action'], profiles: ['desktop-chrome-windows'] },
  ],
};
const impersonation: EventOf<'impersonation'> = {
  ...envelope('impersonation'),
  schema: 'vucrawl.impersonation/4',
  page_url: 'https://acmebamk.test/',
  brand: 'Acme Bank',
  domain: 'acmebamk.test',
  fuzzer: 'replacement',
  final_url: 'https://acmebamk.test/login',
  verdict: 'impersonating',
  score: 75,
  reasons: ['screenshot_alike', 'brand_in_title', 'password_form', 'mx'],
  signals: {
    screenshot_distance: 2,
    logo_distance: null,
    favicon_distance: 40,
    title_hits: ['acme bank'],
    text_hits: [],
    form_hits: [],
    password_form: true,
    payment_form: false,
    form_action_sites: ['acmebamk.test'],
    script_sites: [],
    cloaking: false,
    registration_age_days: 3,
    mx: true,
    redirects_to_official: false,
    parked_markers: [],
  },
  registered_at: 1_759_740_000_000,
  registrar: 'Cheap Names Inc.',
};
const EXAMPLES: { [T in EventType]: EventOf<T> } = {
  page,
  host_pair: hostPair,
  tracker,
  resource,
  cookie,
  host_ip: hostIp,
  certificate,
  component,
  cloaking,
  impersonation,
};

const copy = <T>(x: T): Record<string, unknown> => structuredClone(x) as Record<string, unknown>;
const reasonOf = (e: unknown) => {
  const v = validateEvent(e);
  if (v.ok) throw new Error('expected the event to be rejected');
  return v.reason;
};

describe('event types', () => {
  it('are derived from the schemas: every key required, nullable and enum fields typed as such', () => {
    expectTypeOf<PageEvent['title']>().toEqualTypeOf<string | null>();
    expectTypeOf<PageEvent['outcome']>().toEqualTypeOf<
      'ok' | 'http-error' | 'timeout' | 'failed' | 'refused' | 'abandoned' | 'skipped'
    >();
    expectTypeOf<HostPairEvent['cause']>().toEqualTypeOf<(typeof HOST_PAIR_CAUSES)[number]>();
    expectTypeOf<CookieEvent['expires']>().toEqualTypeOf<number>();
    expectTypeOf<CertificateEvent['san']>().toEqualTypeOf<string[]>();
    expectTypeOf<VucrawlEvent['schema']>().toEqualTypeOf<`vucrawl.${EventType}/4`>();
    // @ts-expect-error a missing field does not compile
    const missing: HostIpEvent = { ...envelope('host_ip'), schema: 'vucrawl.host_ip/4', host: 'h.test', ip: '::1' };
    // @ts-expect-error an unknown cause does not compile
    const badCause: HostPairEvent = { ...hostPair, cause: 'bogus' };
    expect([missing, badCause]).toHaveLength(2);
  });

  it('lists the ten types in order and the host-pair vocabulary', () => {
    expect(EVENT_TYPES).toEqual([
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
    ]);
    expect(Object.keys(EVENT_SCHEMAS)).toEqual([...EVENT_TYPES]);
    // PassiveTotal's vocabulary first (ending with `unknown`), then our seven extensions, then <link> by rel.
    expect(HOST_PAIR_CAUSES.indexOf('unknown')).toBe(13);
    expect(HOST_PAIR_CAUSES.slice(14, 21)).toEqual([
      'frame.src',
      'form.action',
      'window.open',
      'websocket',
      'media.src',
      'object.data',
      'embed.src',
    ]);
    expect(HOST_PAIR_CAUSES.slice(21).every((c) => c.startsWith('link.'))).toBe(true);
    expect(EVENT_SCHEMAS.host_pair.properties.cause.enum).toEqual(HOST_PAIR_CAUSES);
  });

  it('every schema requires every property, allows no other, and starts with the envelope', () => {
    for (const t of EVENT_TYPES) {
      const s = EVENT_SCHEMAS[t];
      expect(s.$id).toBe(`vucrawl.${t}/4`);
      expect(s.properties.schema.const).toBe(schemaId(t));
      expect(s.additionalProperties).toBe(false);
      expect([...s.required]).toEqual(Object.keys(s.properties));
      expect(Object.keys(s.properties).slice(0, 9)).toEqual([
        'schema',
        'event_id',
        'tags',
        'crawl_id',
        'capture_id',
        'page_url',
        'observed_at',
        'profile',
        'comparison_id',
      ]);
    }
  });
});

describe('validateEvent', () => {
  it('accepts a valid example of every type', () => {
    for (const t of EVENT_TYPES) {
      const v = validateEvent(EXAMPLES[t]);
      expect(v, t).toEqual({ ok: true, event: EXAMPLES[t] });
    }
  });

  it('names the type and the path of every missing field', () => {
    for (const t of EVENT_TYPES) {
      for (const key of Object.keys(EXAMPLES[t]).filter((k) => k !== 'schema')) {
        const e = copy(EXAMPLES[t]);
        delete e[key];
        expect(reasonOf(e)).toBe(`vucrawl.${t}/4: /${key} is missing`);
      }
    }
  });

  it('rejects an extra field', () => {
    expect(reasonOf({ ...tracker, note: 'x' })).toBe('vucrawl.tracker/4: /note is not allowed (not in the schema)');
    expect(reasonOf({ ...tracker, 'a/b': 1 })).toBe('vucrawl.tracker/4: /a~1b is not allowed (not in the schema)');
  });

  it('rejects wrong types, including inside arrays and NaN', () => {
    expect(reasonOf({ ...page, status: '200' })).toBe('vucrawl.page/4: /status must be integer,null');
    expect(reasonOf({ ...page, depth: 1.5 })).toBe('vucrawl.page/4: /depth must be integer');
    expect(reasonOf({ ...page, redirect_chain: ['http://a.test/', 7] })).toBe(
      'vucrawl.page/4: /redirect_chain/1 must be string',
    );
    expect(reasonOf({ ...cookie, expires: Number.NaN })).toBe('vucrawl.cookie/4: /expires must be number');
    expect(reasonOf({ ...resource, from_cache: 'no' })).toBe('vucrawl.resource/4: /from_cache must be boolean');
  });

  it('rejects out-of-range values and malformed hashes', () => {
    expect(reasonOf({ ...page, favicon_mmh3: 2 ** 31 })).toBe('vucrawl.page/4: /favicon_mmh3 must be <= 2147483647');
    expect(reasonOf({ ...hostIp, port: 70000 })).toBe('vucrawl.host_ip/4: /port must be <= 65535');
    expect(reasonOf({ ...resource, size: -1 })).toBe('vucrawl.resource/4: /size must be >= 0');
    expect(reasonOf({ ...cookie, value_sha256: 'A'.repeat(64) })).toMatch(
      /^vucrawl\.cookie\/4: \/value_sha256 must match pattern/,
    );
  });

  it('rejects a value outside an enum', () => {
    expect(reasonOf({ ...hostPair, cause: 'script' })).toBe(
      'vucrawl.host_pair/4: /cause must be equal to one of the allowed values',
    );
    expect(reasonOf({ ...page, outcome: 'error' })).toBe(
      'vucrawl.page/4: /outcome must be equal to one of the allowed values',
    );
    expect(reasonOf({ ...tracker, source: 'navigation' })).toBe(
      'vucrawl.tracker/4: /source must be equal to one of the allowed values',
    );
  });

  it('rejects a wrong, missing or unknown schema value', () => {
    expect(reasonOf({ ...page, schema: 'vucrawl.page/5' })).toMatch(
      /^vucrawl\.page\/5: \/schema is not a known event schema \(known: vucrawl\.page\/4, /,
    );
    expect(reasonOf({ ...page, schema: 'vucrawl.dead_letter/4' })).toMatch(
      /^vucrawl\.dead_letter\/4: \/schema is not a known/,
    );
    // A host_pair body under the page schema is judged as a page.
    expect(reasonOf({ ...hostPair, schema: 'vucrawl.page/4' })).toMatch(
      /^vucrawl\.page\/4: \/url is missing; \/final_url is missing; .*; and \d+ more$/,
    );
    const { schema: _, ...noSchema } = page;
    expect(reasonOf(noSchema)).toBe('(no schema): /schema is missing');
    expect(reasonOf({ ...page, schema: 1 })).toBe('(no schema): /schema must be a string');
    expect(reasonOf(null)).toBe('(no schema): / must be an object, got null');
    expect(reasonOf([page])).toBe('(no schema): / must be an object, got array');
  });

  it('lists at most ten problems', () => {
    const e = Object.fromEntries(Object.keys(page).map((k) => [k, k === 'schema' ? page.schema : {}]));
    const reason = reasonOf(e);
    expect(reason.split('; ')).toHaveLength(11);
    expect(reason).toMatch(/; and \d+ more$/);
  });
});

describe('deadLetter', () => {
  const checkRecord = new Ajv().compile(DEAD_LETTER_SCHEMA);

  it('keeps the event and the reason in a record that matches its own schema', () => {
    const bad = { ...hostPair, cause: 'script' };
    const reason = reasonOf(bad);
    const record = deadLetter(bad, reason, 1_760_000_000_123);
    expect(record).toEqual({ schema: 'vucrawl.dead_letter/4', reason, event: bad, at: 1_760_000_000_123 });
    expect(checkRecord(record)).toBe(true);
    expect(deadLetter(undefined, 'x').at).toBeGreaterThan(0);
  });

  it('keeps what JSON cannot hold as text, so writing the record cannot fail', () => {
    const cyclic: Record<string, unknown> = { schema: 'vucrawl.page/4', n: 1n };
    cyclic.self = cyclic;
    const record = deadLetter(cyclic, 'bad');
    expect(typeof record.event).toBe('string');
    expect(record.event).toContain('1n');
    expect(() => JSON.stringify(record)).not.toThrow();
    expect(checkRecord(deadLetter(undefined, 'nothing'))).toBe(true);
  });
});

describe('schemas/ (the public contract)', () => {
  const dir = schemasDir();
  const regenerate = 'schemas/ is out of date: run `npm run schemas` and commit schemas/';

  it('holds exactly the files generated from extractor/events.ts, byte for byte', () => {
    const expected = renderSchemas();
    const present = readdirSync(dir)
      .filter((f) => f.endsWith('.schema.json'))
      .sort();
    expect(present, regenerate).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected)
      expect(readFileSync(path.join(dir, name), 'utf8'), `${regenerate} (${name})`).toBe(text);
  });

  it('are valid draft-07 schemas that accept the examples', () => {
    const ajv = new Ajv({ allowUnionTypes: true });
    for (const t of EVENT_TYPES) {
      const schema: unknown = JSON.parse(readFileSync(path.join(dir, `${t}.schema.json`), 'utf8'));
      expect(ajv.validateSchema(schema as object), t).toBe(true);
      expect(ajv.compile(schema as object)(EXAMPLES[t]), t).toBe(true);
    }
  });

  it('README documents every field of every type', () => {
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const sections = readme.split(/^### /m);
    for (const t of EVENT_TYPES) {
      const section = sections.find((s) => s.startsWith(`\`${t}\``));
      expect(section, `README section ### \`${t}\``).toBeDefined();
      for (const key of Object.keys(EVENT_SCHEMAS[t].properties).slice(9))
        expect(section, `${t}.${key}`).toContain(`\`${key}\``);
    }
    for (const key of Object.keys(EVENT_SCHEMAS.page.properties).slice(0, 9)) expect(readme).toContain(`\`${key}\``);
  });
});
