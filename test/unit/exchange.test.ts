// The STIX and MISP mappings as pure functions: ids (known vectors: RFC 4122's, and the ids
// the stix2 package derives), the cause -> relationship type rule, and the same facts
// mapping to the same objects. test/exchange.test.ts checks real exports with the
// standards' own tools.
import { describe, expect, it } from 'vitest';
import { ALERT_SCHEMA, type Alert } from '../../alerting/alert.js';
import { canonicalJson, causeRelationship, factId, hashedUuidv4, scoId, uuidv5 } from '../../exchange/ids.js';
import { toMispEvent } from '../../exchange/misp.js';
import { alertPattern, toStixBundle, VUCRAWL_EXTENSION } from '../../exchange/stix.js';
import type { ExportFacts } from '../../store/queries/exchange.js';

const seen = (t: string) => ({
  first_seen: `2026-11-0${t}T10:00:00.000Z`,
  last_seen: `2026-11-0${t}T12:00:00.000Z`,
  observations: 2,
  capture_id: `c${t}`,
  evidence_url: `https://shop.example/${t}`,
});

const alert: Alert = {
  schema: ALERT_SCHEMA,
  key: 'k'.repeat(64),
  source_kind: 'watch',
  source: 'hotlinks',
  rule: 'new-parent:@brand',
  subject: 'www.shop.example',
  scope: 'cdn.example',
  details: {},
  first_seen: '2026-11-03T10:00:00.000Z',
  raised_at: '2026-11-03T10:00:05.000Z',
  capture_id: 'c3',
  urls: ['https://www.shop.example/'],
};

const facts: ExportFacts = {
  hostPairs: [
    { parent_host: 'www.shop.example', child_host: 'cdn.example', cause: 'script.src', tags: ['x'], ...seen('1') },
  ],
  trackers: [{ host: 'www.shop.example', type: 'GoogleTagManagerId', value: 'GTM-ABCD123', ...seen('2') }],
  components: [{ host: 'cdn.example', name: 'nginx', version: '1.25.3', category: 'Server', ...seen('2') }],
  hostIps: [{ host: 'cdn.example', ip: '192.0.2.7', ...seen('1') }],
  certificates: [
    {
      host: 'cdn.example',
      sha256: 'b'.repeat(64),
      subject: 'CN=cdn.example',
      issuer: 'CN=Test CA',
      san: ['cdn.example'],
      valid_from: '2026-01-01T00:00:00.000Z',
      valid_to: '2027-01-01T00:00:00.000Z',
      ...seen('1'),
    },
  ],
  resources: [
    {
      host: 'cdn.example',
      url: 'https://cdn.example/x.js',
      sha256: 'a'.repeat(64),
      mime: 'text/javascript',
      size: 10,
      ...seen('1'),
    },
  ],
  alerts: [alert],
};
const labels = { scopeKey: 'project:brand', description: 'project brand', labels: ['brand'] };

describe('ids', () => {
  it('are UUIDv5 as RFC 4122 and STIX 2.1 §2.9 make them (the values the stix2 package derives)', () => {
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(scoId('domain-name', { value: 'example.com' })).toBe('domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
    expect(scoId('file', { hashes: { 'SHA-256': 'a'.repeat(64) } })).toBe('file--75cb38d5-2055-5354-b75a-8299a2d670b5');
    expect(scoId('url', { value: "https://x.example/a?b='c'" })).toBe('url--d2da09ac-c9f1-5b9f-966d-96fe18e56a18');
    expect(canonicalJson({ b: [1, 'x'], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[1,"x"]}');
  });

  it('of facts are UUIDv4 in form, deterministic, and differ between facts', () => {
    const id = factId('relationship', 'host_pair', 'a.example', 'b.example', 'script.src');
    expect(id).toMatch(/^relationship--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(factId('relationship', 'host_pair', 'a.example', 'b.example', 'script.src')).toBe(id);
    expect(factId('relationship', 'host_pair', 'a.example', 'b.example', 'iframe.src')).not.toBe(id);
    expect(hashedUuidv4('a9254e56-6aef-4d75-b134-dbf6b0b6bae7', 'x')).not.toBe(
      hashedUuidv4('a9254e56-6aef-4d75-b134-dbf6b0b6bae7', 'y'),
    );
  });

  it('turn causes into relationship types: lower case, hyphens', () => {
    expect(
      ['script.src', 'redirect', 'topLevelRedirect', 'link.dns-prefetch', 'link.image_src', 'meta.refresh'].map(
        causeRelationship,
      ),
    ).toEqual(['script-src', 'redirect', 'top-level-redirect', 'link-dns-prefetch', 'link-image-src', 'meta-refresh']);
  });
});

describe('toStixBundle', () => {
  const bundle = toStixBundle(facts, labels);
  const of = (type: string) => bundle.objects.filter((o) => o.type === type);

  it('maps every fact, once, the same way every time', () => {
    expect(toStixBundle(facts, labels)).toEqual(bundle);
    expect(bundle.objects.slice(0, 2).map((o) => o.type)).toEqual(['identity', 'extension-definition']);
    expect(new Set(bundle.objects.map((o) => o.id)).size).toBe(bundle.objects.length);
    expect(
      of('relationship')
        .map((r) => r.relationship_type)
        .sort(),
    ).toEqual(['presents-certificate', 'resolves-to', 'script-src', 'serves']);
    expect(of('domain-name').map((d) => d.value)).toEqual(expect.arrayContaining(['www.shop.example', 'cdn.example']));
    expect(of('ipv4-addr').map((d) => d.value)).toEqual(['192.0.2.7']);
    expect(of('file')[0]).toMatchObject({ hashes: { 'SHA-256': 'a'.repeat(64) } });
    expect(of('x509-certificate')[0]).toMatchObject({ hashes: { 'SHA-256': 'b'.repeat(64) } });
  });

  it('keeps first/last seen, the capture and the labels on a host pair', () => {
    const pair = of('relationship').find((r) => r.relationship_type === 'script-src')!;
    expect(pair).toMatchObject({
      created: seen('1').first_seen,
      modified: seen('1').last_seen,
      labels: ['brand', 'x'],
      external_references: [{ source_name: 'vucrawl', external_id: 'c1' }],
      extensions: {
        [VUCRAWL_EXTENSION]: {
          extension_type: 'property-extension',
          fact: 'host_pair',
          cause: 'script.src',
          ...seen('1'),
        },
      },
    });
  });

  it('puts trackers and components in the host observable extension', () => {
    const host = of('domain-name').find((d) => d.value === 'www.shop.example')!;
    expect((host.extensions as Record<string, { trackers: unknown[] }>)[VUCRAWL_EXTENSION]!.trackers).toEqual([
      { type: 'GoogleTagManagerId', value: 'GTM-ABCD123', ...seen('2') },
    ]);
    const cdn = of('domain-name').find((d) => d.value === 'cdn.example')!;
    expect((cdn.extensions as Record<string, { components: unknown[] }>)[VUCRAWL_EXTENSION]!.components).toEqual([
      { name: 'nginx', version: '1.25.3', category: 'Server', ...seen('2') },
    ]);
  });

  it('makes an alert an indicator with a pattern, and a sighting of it', () => {
    const [indicator] = of('indicator');
    expect(indicator).toMatchObject({
      pattern: "[domain-name:value = 'www.shop.example']",
      valid_from: alert.first_seen,
      modified: alert.raised_at,
      labels: ['brand', 'vucrawl-rule:new-parent'],
    });
    expect(of('sighting')[0]).toMatchObject({ sighting_of_ref: indicator!.id, first_seen: alert.first_seen });
    expect(alertPattern({ ...alert, subject: '192.0.2.1' })).toBe("[ipv4-addr:value = '192.0.2.1']");
    expect(alertPattern({ ...alert, subject: 'clearance', urls: ['https://a.example/', "https://b.example/'x"] })).toBe(
      "[url:value = 'https://b.example/\\'x']",
    );
  });
});

describe('toMispEvent', () => {
  it('uses the standard templates, references host pairs by cause, tags with project and rule', () => {
    const { Event: e } = toMispEvent(facts, labels);
    expect(toMispEvent(facts, labels).Event).toEqual(e);
    expect(e.Tag.map((t) => t.name)).toEqual(['brand', 'vucrawl:rule="new-parent"']);
    expect([...new Set(e.Object.map((o) => o.name))].sort()).toEqual([
      'domain-ip',
      'file',
      'software',
      'tracking-id',
      'url',
      'x509',
    ]);
    const shop = e.Object.find((o) => o.Attribute.some((a) => a.value === 'www.shop.example'))!;
    const cdn = e.Object.find((o) => o.name === 'domain-ip' && o.Attribute.some((a) => a.value === 'cdn.example'))!;
    expect(shop.ObjectReference).toContainEqual(
      expect.objectContaining({ referenced_uuid: cdn.uuid, relationship_type: 'script-src' }),
    );
    expect(cdn.Attribute.map((a) => [a.object_relation, a.value])).toEqual([
      ['domain', 'cdn.example'],
      ['ip', '192.0.2.7'],
    ]);
    expect(e.Attribute).toMatchObject([{ type: 'domain', value: 'www.shop.example', to_ids: true }]);
  });
});
