// Every watch rule on plain events: what it finds, with a literal value and with a
// project's indicators, what it leaves alone (the user's own hosts), the "never seen
// before" question it leaves to the store, and the syntax errors it names.
import { describe, expect, it } from 'vitest';
import type { VucrawlEvent } from '../../extractor/events.js';
import type { ProjectIndicator } from '../../alerting/project.js';
import {
  evaluateWatch,
  parseWatchRule,
  resolveWatch,
  type PageContext,
  type ResolvedWatch,
} from '../../alerting/watch-rules.js';
import { cloakingEvent, pageEvent, pairEvent, resourceEvent, trackerEvent } from '../helpers/events.js';

const BRAND: ProjectIndicator[] = [
  { value: 'brand.test', kind: 'domain' },
  { value: 'login.brand-cdn.test', kind: 'host' },
  { value: 'G-BRAND12345', kind: 'tracker' },
  { value: '111', kind: 'favicon' },
  { value: 'e'.repeat(64), kind: 'sha256' },
  { value: '10.0.0.1', kind: 'ip' },
];
const projects = new Map([['brand', BRAND]]);

function watch(rule: string): ResolvedWatch {
  const w = resolveWatch('w', parseWatchRule(rule), projects);
  if (typeof w === 'string') throw new Error(w);
  return w;
}

/** [subject, scope, novelty] of each candidate. */
const found = (rule: string, events: VucrawlEvent[], page?: PageContext) =>
  evaluateWatch(watch(rule), events, () => page).map((c) => {
    expect(c).toMatchObject({ rule, capture_id: 'cap-1', observed_at: 1_000 });
    return [c.subject, c.scope, c.novelty];
  });

describe('watch rules', () => {
  it('new-parent: a host outside pointing into mine, with the pair left for the store to call new or not', () => {
    const events = [
      pairEvent('evil.test', 'www.brand.test', 'redirect'),
      pairEvent('hotlinker.test', 'img.brand.test', 'img.src'),
      pairEvent('www.brand.test', 'img.brand.test', 'img.src'), // my own hosts between themselves
      pairEvent('evil.test', 'other.test', 'script.src'), // not into mine
    ];
    expect(found('new-parent:brand.test', events)).toEqual([
      ['evil.test', 'www.brand.test', { kind: 'parent', parent: 'evil.test', child: 'www.brand.test' }],
      ['hotlinker.test', 'img.brand.test', { kind: 'parent', parent: 'hotlinker.test', child: 'img.brand.test' }],
    ]);
    expect(found('new-parent:brand.test cause:img.src,css.import', events).map(([s]) => s)).toEqual(['hotlinker.test']);
    // A project's hosts and domains, both ways.
    expect(
      found('new-parent:@brand', [
        ...events,
        pairEvent('x.test', 'login.brand-cdn.test', 'iframe.src'),
        pairEvent('login.brand-cdn.test', 'www.brand.test', 'a.href'),
      ]).map(([s, scope]) => `${s}>${scope}`),
    ).toEqual(['evil.test>www.brand.test', 'hotlinker.test>img.brand.test', 'x.test>login.brand-cdn.test']);
  });

  it("new-tracker-host: a host carrying the ID, not my own hosts; whether it is new is the store's question", () => {
    const events = [
      trackerEvent('G-BRAND12345', 'GoogleAnalyticsMeasurementId', { host: 'copy.test' }),
      trackerEvent('G-BRAND12345', 'GoogleAnalyticsMeasurementId'),
      trackerEvent('G-OTHER12345', 'GoogleAnalyticsMeasurementId', { host: 'x.test' }),
    ];
    expect(found('new-tracker-host:@brand', events)).toEqual([
      ['copy.test', 'G-BRAND12345', { kind: 'tracker-host', value: 'G-BRAND12345', host: 'copy.test' }],
    ]);
    expect(found('new-tracker-host:G-OTHER12345', events)).toEqual([
      ['x.test', 'G-OTHER12345', { kind: 'tracker-host', value: 'G-OTHER12345', host: 'x.test' }],
    ]);
  });

  it('favicon-copy: my favicon on a host outside my domains, never on mine', () => {
    const events = [
      pageEvent(),
      pageEvent({ host: 'secure-brand.test', final_url: 'https://secure-brand.test/login' }),
      pageEvent({ host: 'other.test', favicon_mmh3: 5 }),
    ];
    expect(found('favicon-copy:@brand', events)).toEqual([['secure-brand.test', '111', undefined]]);
    expect(found('favicon-copy:111 outside:brand.test,secure-brand.test', events)).toEqual([]);
    expect(found('favicon-copy:5 outside:brand.test', events)).toEqual([['other.test', '5', undefined]]);
  });

  it('resource-copy: my file served by a host outside my domains', () => {
    const sha = 'e'.repeat(64);
    const events = [
      resourceEvent('https://www.brand.test/logo.png', sha),
      resourceEvent('https://copy.test/logo.png', sha),
      resourceEvent('https://copy.test/x.png', 'f'.repeat(64)),
    ];
    expect(found('resource-copy:@brand', events)).toEqual([['copy.test', sha, undefined]]);
    expect(found(`resource-copy:${sha.toUpperCase()} outside:brand.test`, events)).toEqual([
      ['copy.test', sha, undefined],
    ]);
  });

  it('keyword and regex: on pages of seeds with the tag, in the text when the capture is at hand, else the title', () => {
    const variant = pageEvent({
      host: 'brnad.test',
      final_url: 'http://brnad.test/',
      title: 'Sign in',
      tags: ['variant-of:brand.test'],
    });
    const untagged = pageEvent({ host: 'elsewhere.test', title: 'Sign in' });
    const rule = 'keyword:password tag:variant-of:brand.test';
    expect(found(rule, [variant, untagged], { text: () => 'Sign in. Enter your PASSWORD' })).toEqual([
      ['brnad.test', 'password', undefined],
    ]);
    expect(found(rule, [variant, untagged])).toEqual([]);
    expect(found('keyword:sign tag:variant-of:brand.test', [variant, untagged])).toEqual([
      ['brnad.test', 'sign', undefined],
    ]);
    expect(found('regex:sign\\s?in', [variant, untagged]).map(([s]) => s)).toEqual(['brnad.test', 'elsewhere.test']);
  });

  it('cloaking: a target that cloaks under my names, one that leads a victim to them, and a look-alike of my domain; not an unrelated one', () => {
    const mine = cloakingEvent('https://login.brand.test/');
    const leadsToMine = cloakingEvent('https://offer.test/', {
      final_urls: ['https://offer.test/', 'https://www.login.brand-cdn.test/'],
    });
    const lookAlike = cloakingEvent('https://secure.brnad.test/signin', { site: 'brnad.test' });
    const unrelated = cloakingEvent('https://other.test/');
    const events = [mine, leadsToMine, lookAlike, unrelated];
    expect(found('cloaking:@brand', events)).toEqual([
      ['login.brand.test', 'https://login.brand.test/', undefined],
      ['offer.test', 'https://offer.test/', undefined],
      ['secure.brnad.test', 'https://secure.brnad.test/signin', undefined],
    ]);
    const [variant] = evaluateWatch(watch('cloaking:brand.test'), [lookAlike]);
    expect(variant!.details).toMatchObject({
      variant_of: 'brand.test',
      signals: 'password_form,form_action_sites',
      comparison_id: 'cmp-1',
    });
    expect(found('cloaking:drop.test', events).map(([s]) => s)).toEqual([
      'login.brand.test',
      'offer.test',
      'secure.brnad.test',
      'other.test',
    ]);
    // Other event types are not cloaking.
    expect(found('cloaking:brand.test', [pageEvent()])).toEqual([]);
  });

  it('a watch on a project that does not exist says so', () => {
    expect(resolveWatch('w', parseWatchRule('favicon-copy:@nope'), projects)).toBe('watch w: no project "nope"');
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => parseWatchRule('new-parents:brand.test')).toThrow('unknown watch rule "new-parents:brand.test"');
    expect(() => parseWatchRule('new-parent:')).toThrow('new-parent: needs a value after the colon');
    expect(() => parseWatchRule('favicon-copy:111')).toThrow('favicon-copy:111 needs outside:HOST,...');
    expect(() => parseWatchRule('favicon-copy:abc outside:x.test')).toThrow('"abc" is not a favicon hash');
    expect(() => parseWatchRule('resource-copy:123 outside:x.test')).toThrow('"123" is not a SHA-256');
    expect(() => parseWatchRule('new-parent:brand.test cause:script')).toThrow('cause "script" is not one of');
    expect(() => parseWatchRule('new-parent:brand.test within:x')).toThrow('unknown option "within:x"');
    expect(() => parseWatchRule('new-parent:brand.test tag:x')).toThrow('new-parent: takes no tag: option');
    expect(() => parseWatchRule('keyword:@brand')).toThrow('keyword: takes a literal value, not a project (@brand)');
  });
});
