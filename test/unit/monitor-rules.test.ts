// Every monitor rule on plain events: two visits of one URL, what each rule finds between
// them, and that a first visit (the baseline), a failed visit and an unchanged one find nothing.
import { describe, expect, it } from 'vitest';
import type { VucrawlEvent } from '../../extractor/events.js';
import { observe, type Observation } from '../../alerting/observation.js';
import {
  compareVisits,
  comparesVisits,
  MONITOR_RULE_NAMES,
  parseMonitorRule,
  termRules,
  type MonitorRule,
} from '../../alerting/monitor-rules.js';
import { certificateEvent, pageEvent, pairEvent, trackerEvent } from '../helpers/events.js';

const URL = 'https://www.brand.test/';

function visit(rules: MonitorRule[], events: VucrawlEvent[], text = '', at = 1_000): Observation {
  const stamped = events.map((e) => ({ ...e, observed_at: at, capture_id: `cap-${at}` }));
  return observe('m', stamped, termRules(rules), () => text)!;
}

/** The findings of one rule between two visits, as [subject, details]. */
function findings(ruleText: string, before: VucrawlEvent[], after: VucrawlEvent[], text: [string, string] = ['', '']) {
  const rules = [parseMonitorRule(ruleText)];
  const prev = visit(rules, before, text[0], 1_000);
  const next = visit(rules, after, text[1], 2_000);
  return compareVisits(rules, { any: prev, content: prev }, next).map((f) => {
    expect(f).toMatchObject({ rule: ruleText, scope: URL });
    return [f.subject, f.details];
  });
}

const base = () => [
  pageEvent(),
  pairEvent('www.brand.test', 'cdn.brand-static.test', 'script.src'),
  trackerEvent('G-BRAND12345', 'GoogleAnalyticsMeasurementId'),
  certificateEvent('www.brand.test', '1'.repeat(64)),
];

describe('monitor rules', () => {
  it('new-child-host: a host the page now leads to, by any cause or only the listed ones', () => {
    const after = [
      ...base(),
      pairEvent('cdn.brand-static.test', 'evil.test', 'script.src'),
      pairEvent('www.brand.test', 'ads.test', 'img.src'),
    ];
    expect(findings('new-child-host', base(), after)).toEqual([
      ['ads.test', { child: 'ads.test', parent: 'www.brand.test', cause: 'img.src' }],
      ['evil.test', { child: 'evil.test', parent: 'cdn.brand-static.test', cause: 'script.src' }],
    ]);
    expect(findings('new-child-host:script.src,iframe.src', base(), after).map(([s]) => s)).toEqual(['evil.test']);
    // The page's own host and the crawler's parentPage are not children.
    expect(
      findings('new-child-host', base(), [
        ...base(),
        pairEvent('cdn.brand-static.test', 'www.brand.test', 'a.href'),
        pairEvent('linker.test', 'www.brand.test', 'parentPage'),
        pairEvent('www.brand.test', 'from.test', 'parentPage'),
      ]),
    ).toEqual([]);
  });

  it('gone-child-host: a host the page no longer leads to', () => {
    expect(findings('gone-child-host', base(), [pageEvent()])).toEqual([
      ['cdn.brand-static.test', { child: 'cdn.brand-static.test', parent: 'www.brand.test', cause: 'script.src' }],
    ]);
    expect(findings('gone-child-host:img.src', base(), [pageEvent()])).toEqual([]);
  });

  it('new-tracker and gone-tracker', () => {
    const swapped = [pageEvent(), trackerEvent('GTM-NEW1234', 'GoogleTagManagerId')];
    expect(findings('new-tracker', base(), swapped)).toEqual([['GTM-NEW1234', { type: 'GoogleTagManagerId' }]]);
    expect(findings('gone-tracker', base(), swapped)).toEqual([
      ['G-BRAND12345', { type: 'GoogleAnalyticsMeasurementId' }],
    ]);
  });

  it('hash-change: body, DOM or favicon, all or the listed ones; an unknown hash is no change', () => {
    const after = [pageEvent({ body_sha256: 'd'.repeat(64), favicon_mmh3: -222 })];
    expect(findings('hash-change', [pageEvent()], after)).toEqual([
      [`body ${'d'.repeat(64)}`, { what: 'body', from: 'a'.repeat(64), to: 'd'.repeat(64) }],
      ['favicon -222', { what: 'favicon', from: '111', to: '-222' }],
    ]);
    expect(findings('hash-change:favicon', [pageEvent()], after)).toEqual([
      ['favicon -222', { what: 'favicon', from: '111', to: '-222' }],
    ]);
    expect(findings('hash-change', [pageEvent()], [pageEvent({ favicon_mmh3: null })])).toEqual([]);
  });

  it('keyword and gone-keyword: in the text or the title, in any case', () => {
    expect(findings('keyword:verify', [pageEvent()], [pageEvent()], ['Welcome', 'Please VERIFY your account'])).toEqual(
      [['verify', { title: 'Brand' }]],
    );
    expect(findings('keyword:verify', [pageEvent()], [pageEvent()], ['verify here', 'verify here'])).toEqual([]);
    expect(findings('gone-keyword:Acme', [pageEvent()], [pageEvent()], ['Acme Outdoor', 'Outdoor'])).toEqual([
      ['Acme', { title: 'Brand' }],
    ]);
  });

  it('regex: each new match is a finding of its own', () => {
    const rule = 'regex:bc1[a-z0-9]{8}';
    expect(
      findings(rule, [pageEvent()], [pageEvent()], ['pay to bc1aaaaaaaa', 'pay to bc1aaaaaaaa or bc1bbbbbbbb']),
    ).toEqual([['bc1bbbbbbbb', { pattern: 'bc1[a-z0-9]{8}' }]]);
  });

  it('a keyword rule added after a visit takes the next visit as its baseline', () => {
    const rules = [parseMonitorRule('keyword:verify')];
    const old = visit([], [pageEvent()], 'verify', 1_000);
    expect(compareVisits(rules, { any: old, content: old }, visit(rules, [pageEvent()], 'verify', 2_000))).toEqual([]);
  });

  it('new-redirect: a redirect target or landing host not seen before', () => {
    const moved = pageEvent({
      redirect_chain: [URL, 'https://hop.test/r', 'https://landing.test/'],
      final_url: 'https://landing.test/',
      host: 'landing.test',
    });
    expect(findings('new-redirect', [pageEvent()], [moved])).toEqual([
      ['hop.test', { from: URL, to: 'https://landing.test/' }],
      ['landing.test', { from: URL, to: 'https://landing.test/' }],
    ]);
  });

  it('status-change, also to and from a visit that got no answer; content rules skip that visit', () => {
    expect(findings('status-change', [pageEvent()], [pageEvent({ status: 404, outcome: 'http-error' })])).toEqual([
      ['200 -> 404', { from: '200', to: '404' }],
    ]);
    const failed = pageEvent({ status: null, outcome: 'failed' });
    expect(findings('status-change', [pageEvent()], [failed])).toEqual([
      ['200 -> failed', { from: '200', to: 'failed' }],
    ]);
    expect(findings('gone-child-host', base(), [failed])).toEqual([]);
    // After a failed visit, content rules compare with the last visit that showed the page.
    const rules = ['gone-tracker', 'status-change'].map(parseMonitorRule);
    const shown = visit(rules, base(), '', 1_000);
    const down = visit(rules, [failed], '', 2_000);
    const back = visit(rules, base(), '', 3_000);
    expect(compareVisits(rules, { any: down, content: shown }, back).map((f) => f.subject)).toEqual(['failed -> 200']);
  });

  it('cert-change: the landing host presents another certificate', () => {
    expect(
      findings('cert-change', base(), [
        pageEvent(),
        certificateEvent('www.brand.test', '2'.repeat(64)),
        certificateEvent('other.test', '3'.repeat(64)),
      ]),
    ).toEqual([[`certificate ${'2'.repeat(64)}`, { what: 'certificate', from: '1'.repeat(64), to: '2'.repeat(64) }]]);
  });

  it('a first visit is the baseline, and an unchanged visit finds nothing, for every rule', () => {
    const rules = [
      ...MONITOR_RULE_NAMES.filter((n) => !['keyword', 'regex', 'gone-keyword'].includes(n)),
      'keyword:x',
      'regex:y',
      'gone-keyword:z',
    ].map(parseMonitorRule);
    const first = visit(rules, base(), 'x y z', 1_000);
    expect(compareVisits(rules, {}, first)).toEqual([]);
    expect(compareVisits(rules, { any: first, content: first }, visit(rules, base(), 'x y z', 2_000))).toEqual([]);
  });

  it('refuses rules it does not know, and arguments a rule does not take, naming them', () => {
    expect(() => parseMonitorRule('new-child')).toThrow('unknown rule "new-child"; known: new-child-host');
    expect(() => parseMonitorRule('new-child-host:script')).toThrow(
      'rule new-child-host: "script" is not one of redirect',
    );
    expect(() => parseMonitorRule('hash-change:title')).toThrow('"title" is not one of body, dom, favicon');
    expect(() => parseMonitorRule('status-change:200')).toThrow('rule status-change takes no argument');
    expect(() => parseMonitorRule('keyword:')).toThrow('keyword: needs a word');
    expect(() => parseMonitorRule('regex:(')).toThrow('regex:( is not a valid regular expression');
  });
});

describe('the cloaking rule', () => {
  const rules = [parseMonitorRule('cloaking')];
  const at = (cloaking: boolean | null, time: number) =>
    observe(
      'm',
      [{ ...pageEvent(), observed_at: time, capture_id: `cap-${time}` }],
      termRules(rules),
      () => '',
      cloaking,
    )!;
  const subjects = (prev: Observation, next: Observation) =>
    compareVisits(rules, { any: prev, content: prev }, next).map((f) => [f.subject, f.details]);

  it('finds a page that starts or stops cloaking, nothing while it stays as it was or was visited once', () => {
    expect(subjects(at(false, 1), at(true, 2))).toEqual([['cloaking started', { from: 'false', to: 'true' }]]);
    expect(subjects(at(true, 1), at(false, 2))).toEqual([['cloaking stopped', { from: 'true', to: 'false' }]]);
    expect(subjects(at(true, 1), at(true, 2))).toEqual([]);
    expect(subjects(at(null, 1), at(true, 2))).toEqual([]);
  });

  it('is the rule that makes a monitor compare its visits', () => {
    expect(comparesVisits(rules)).toBe(true);
    expect(comparesVisits([parseMonitorRule('new-child-host')])).toBe(false);
  });
});
