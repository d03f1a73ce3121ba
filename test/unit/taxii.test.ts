// TAXII 2.1's rules as vucrawl applies them (exchange/taxii.ts): what an Accept header
// admits, object versions, the filters, and pages that continue after their last object
// even when objects are added between two requests. test/taxii.test.ts runs a real client.
import { describe, expect, it } from 'vitest';
import type { DatedObject } from '../../exchange/stix.js';
import {
  accepts,
  BadNext,
  FACT_COLLECTIONS,
  pageOf,
  projectCollection,
  requestFingerprint,
  select,
  versionOf,
} from '../../exchange/taxii.js';

const obj = (id: string, added: string, extra: Record<string, unknown> = {}): DatedObject => ({
  object: { type: id.split('--')[0]!, id, spec_version: '2.1', ...extra },
  added,
});
const A = obj('domain-name--00000000-0000-4000-8000-000000000001', '2026-11-01T10:00:00.000Z');
const B = obj('relationship--00000000-0000-4000-8000-000000000002', '2026-11-01T10:00:00.000Z', {
  created: '2026-10-01T00:00:00.000Z',
  modified: '2026-11-01T10:00:00.000Z',
});
const C = obj('domain-name--00000000-0000-4000-8000-000000000003', '2026-11-02T10:00:00.000Z');

describe('TAXII 2.1 rules', () => {
  it('accepts TAXII 2.1 (with or without the version), wildcards and no Accept; refuses the rest', () => {
    for (const a of [
      undefined,
      'application/taxii+json;version=2.1',
      'application/taxii+json; version="2.1"',
      'application/taxii+json',
      '*/*',
      'text/html, application/*;q=0.5',
    ])
      expect(accepts(a), String(a)).toBe(true);
    for (const a of ['application/json', 'application/taxii+json;version=2.0', 'application/taxii+json;q=0'])
      expect(accepts(a), a).toBe(false);
  });

  it('versions objects by modified, else created, else date_added', () => {
    expect(versionOf(B)).toBe('2026-11-01T10:00:00.000Z');
    expect(versionOf(obj('indicator--x', '2026-11-03T00:00:00.000Z', { created: '2026-01-01T00:00:00.000Z' }))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(versionOf(A)).toBe(A.added);
  });

  it('filters by added_after (strictly after), id, type, version and spec_version; sorts by date_added then id', () => {
    expect(select([C, B, A], {}).map((d) => d.object.id)).toEqual([A, B, C].map((d) => d.object.id));
    expect(select([A, B, C], { addedAfter: Date.parse(A.added) })).toEqual([C]);
    expect(select([A, B, C], { types: ['relationship'] })).toEqual([B]);
    expect(select([A, B, C], { ids: [C.object.id, 'x--y'] })).toEqual([C]);
    expect(select([A, B, C], { versions: ['first'] })).toHaveLength(3);
    expect(select([A, B, C], { versions: ['2026-11-01T10:00:00Z'] })).toEqual([A, B]);
    expect(select([A, B, C], { specVersions: ['2.0'] })).toEqual([]);
  });

  it('pages after the last object served, even when objects were added meanwhile', () => {
    const f = requestFingerprint('/p', { limit: 2 });
    const one = pageOf(select([A, B, C], {}), 2, f);
    expect([one.objects, one.more]).toEqual([[A, B], true]);
    const D = obj('domain-name--00000000-0000-4000-8000-000000000000', '2026-11-01T10:00:00.000Z');
    // D sorts before the page's end: a new object added with an earlier time is not served twice nor breaks the page.
    const two = pageOf(select([A, B, C, D], {}), 2, f, one.next);
    expect([two.objects, two.more, two.next]).toEqual([[C], false, undefined]);
    expect(() => pageOf([A], 2, requestFingerprint('/p', { 'match[type]': ['x'] }), one.next)).toThrow(BadNext);
    expect(() => pageOf([A], 2, f, 'garbage')).toThrow(BadNext);
    // limit and next are not part of a request's identity.
    expect(requestFingerprint('/p', { limit: 5, next: 'x' })).toBe(requestFingerprint('/p', { limit: 2 }));
  });

  it('gives collections fixed ids: one per kind of fact, one per project', () => {
    expect(FACT_COLLECTIONS.map((c) => c.collection.alias)).toEqual(['host-pairs', 'trackers', 'components', 'alerts']);
    const ids = FACT_COLLECTIONS.map((c) => c.collection.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(projectCollection('demo', '', []).collection.id).toBe(projectCollection('demo', 'x', ['t']).collection.id);
    expect(ids).not.toContain(projectCollection('demo', '', []).collection.id);
  });
});
