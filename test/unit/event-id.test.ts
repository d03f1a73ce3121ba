// Event ids (what makes an event that event, hashed) and the upgrade of version-1, -2 and -3 events
// that the loader, replay and the store still accept.
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventId } from '../../extractor/event-id.js';
import { EVENT_ID_HEX, type HostPairEvent, type TrackerEvent } from '../../extractor/events.js';
import { upgradeEvent } from '../../extractor/upgrade.js';
import { validateEvent } from '../../sinks/validate.js';

const v1Pair = {
  schema: 'vucrawl.host_pair/1',
  crawl_id: 'c1',
  capture_id: 'k1',
  page_url: 'https://www.shop.example.co.uk/',
  observed_at: 1_760_000_000_000,
  profile: 'desktop',
  parent_host: 'www.shop.example.co.uk',
  child_host: 'cdn.jquery-stats.test',
  cause: 'script.src',
  parent_url: 'https://www.shop.example.co.uk/',
  child_url: 'https://cdn.jquery-stats.test/x.js',
  source: 'network',
  tag: 'script',
  resource_type: 'script',
  initiator_type: 'parser',
  initiator_url: 'https://www.shop.example.co.uk/',
  frame_url: null,
};

describe('event ids', () => {
  it('hash the canonical JSON: key order does not matter, any value does', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const a = { schema: 's', event_id: '', x: 1, y: ['p', 'q'] };
    const b = { y: ['p', 'q'], x: 1, schema: 's', event_id: 'anything' };
    expect(eventId(a)).toBe(eventId(b));
    expect(eventId(a)).toMatch(new RegExp(`^[0-9a-f]{${EVENT_ID_HEX}}$`));
    expect(eventId({ ...a, x: 2 })).not.toBe(eventId(a));
    expect(eventId({ ...a, y: ['q', 'p'] })).not.toBe(eventId(a));
  });
});

describe('a version-1 event', () => {
  it('is upgraded to version 2: no tags, registrable domains derived, its id computed on the result', () => {
    const up = upgradeEvent(v1Pair) as HostPairEvent;
    expect(up).toMatchObject({
      schema: 'vucrawl.host_pair/4',
      tags: [],
      parent_site: 'example.co.uk',
      child_site: 'jquery-stats.test',
      cause: 'script.src',
    });
    expect(up.event_id).toBe(eventId(up));
    // The same event published twice has the same id.
    expect((upgradeEvent({ ...v1Pair }) as HostPairEvent).event_id).toBe(up.event_id);
    expect(validateEvent(v1Pair)).toEqual({ ok: true, event: up });
  });

  it('goes through version 2 to version 3: a page visited once, comparison_id null', () => {
    expect(upgradeEvent(v1Pair)).toMatchObject({ comparison_id: null });
    const { schema: _, event_id: __, ...v3 } = upgradeEvent(v1Pair) as HostPairEvent;
    const { comparison_id: ___, ...v2Fields } = v3;
    const v2 = { schema: 'vucrawl.host_pair/2', event_id: 'f'.repeat(32), ...v2Fields };
    expect(upgradeEvent(v2)).toEqual(upgradeEvent(v1Pair));
  });

  it('goes on to version 4: a tracker found in a request was executed; anywhere else its context is unknown', () => {
    const v3 = {
      schema: 'vucrawl.tracker/3',
      event_id: 'f'.repeat(32),
      tags: [],
      crawl_id: 'c1',
      capture_id: 'k1',
      page_url: 'https://shop.test/',
      observed_at: 1_760_000_000_000,
      profile: 'desktop',
      comparison_id: 'cmp-1',
      host: 'shop.test',
      site: 'shop.test',
      type: 'GoogleTagManagerId',
      value: 'GTM-5XZZ6CK',
      source: 'dom',
      where: 'https://shop.test/',
    };
    const up = upgradeEvent(v3) as TrackerEvent;
    expect(up).toMatchObject({ schema: 'vucrawl.tracker/4', comparison_id: 'cmp-1', context: null });
    expect(up.event_id).toBe(eventId(up));
    expect(upgradeEvent({ ...v3, source: 'network' })).toMatchObject({ context: 'executed' });
    expect(validateEvent(v3)).toEqual({ ok: true, event: up });
    // A pair keeps its cause: version 4 only added causes.
    expect(
      upgradeEvent({
        ...v1Pair,
        schema: 'vucrawl.host_pair/3',
        event_id: '',
        tags: [],
        parent_site: 'example.co.uk',
        child_site: 'jquery-stats.test',
        comparison_id: null,
      }),
    ).toMatchObject({ schema: 'vucrawl.host_pair/4', cause: 'script.src' });
  });

  it('that is invalid stays invalid, and the reason names the version it was checked as', () => {
    expect(validateEvent({ ...v1Pair, cause: 'bogus' })).toEqual({
      ok: false,
      reason: 'vucrawl.host_pair/4: /cause must be equal to one of the allowed values',
    });
    // Other versions and other values are left for validation to judge.
    expect(upgradeEvent({ schema: 'vucrawl.host_pair/4' })).toEqual({ schema: 'vucrawl.host_pair/4' });
    expect(upgradeEvent('text')).toBe('text');
  });
});
