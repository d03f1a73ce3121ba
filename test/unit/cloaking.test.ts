// The cloaking rule (extractor/cloaking.ts) and the pipeline step that applies it, on plain
// captures; the kits in the test internet are in test/cloaking.test.ts.
import { describe, expect, it } from 'vitest';
import { captureOf, type CapturedRequest, type PageCapture } from '../../capture/capture.js';
import { cloakingEvent, type ComparedVisit } from '../../extractor/cloaking.js';
import { extractEvents } from '../../extractor/extract.js';
import { Comparisons } from '../../pipeline/comparisons.js';
import { validateEvent } from '../../sinks/validate.js';

const PROFILES = ['victim', 'scanner'];

function capture(index: number, over: Partial<PageCapture> = {}, id = 'cmp-1'): PageCapture {
  const url = 'https://login.kit.test/';
  const plain = captureOf(url);
  return captureOf(url, {
    capture_id: `${id}-${index}`,
    target: { ...plain.target, comparison: { id, profiles: PROFILES, index } },
    profile: { ...plain.profile, name: PROFILES[index]! },
    status: 200,
    requests: [document(url)],
    frames: [{ id: 'F0', url, dom: '<html><title>Welcome</title></html>' }],
    ...over,
  });
}

function document(url: string, status = 200): CapturedRequest {
  return {
    id: url,
    url,
    method: 'GET',
    resource_type: 'document',
    frame_id: 'F0',
    initiator: { type: 'other' },
    at: 0,
    status,
  };
}

const script = (url: string): CapturedRequest => ({
  id: url,
  url,
  method: 'GET',
  resource_type: 'script',
  frame_id: 'F0',
  initiator: { type: 'parser', url: 'https://login.kit.test/' },
  at: 1,
  status: 200,
});

const frame = (dom: string) => ({
  title: /<title>(.*)<\/title>/.exec(dom)?.[1],
  frames: [{ id: 'F0', url: 'https://login.kit.test/', dom }],
});
const visit = (c: PageCapture): ComparedVisit => ({ capture: c, events: extractEvents(c) });
const compare = (a: Partial<PageCapture>, b: Partial<PageCapture>) =>
  cloakingEvent([visit(capture(0, a)), visit(capture(1, b))]);

const LOGIN =
  '<html><title>Sign in</title><form action="https://drop.collect.test/p.php" method="post"><input name="u"><input type="password" name="p"></form></html>';
const DECOY = '<html><title>Under construction</title><p>Nothing here yet.</p></html>';

describe('cloaking rule', () => {
  it('a login form for the victim and a blank page for the scanner is cloaking, and the event says what differs', () => {
    const e = compare(frame(LOGIN), frame(DECOY))!;
    expect(validateEvent(e)).toMatchObject({ ok: true });
    expect(e).toMatchObject({
      comparison_id: 'cmp-1',
      capture_id: 'cmp-1-0',
      profile: 'victim',
      host: 'login.kit.test',
      site: 'kit.test',
      profiles: PROFILES,
      capture_ids: ['cmp-1-0', 'cmp-1-1'],
      signals: ['password_form', 'form_action_sites', 'title', 'dom', 'child_hosts'],
      titles: ['Sign in', 'Under construction'],
      password_form: [true, false],
      form_action_sites: [['collect.test'], []],
      child_hosts: [{ host: 'drop.collect.test', site: 'collect.test', causes: ['form.action'], profiles: ['victim'] }],
    });
  });

  it('a decoy redirect to another site, or an error page for one visitor, decides', () => {
    const away = {
      status: 200,
      final_url: 'https://www.search.test/',
      requests: [document('https://login.kit.test/', 302), document('https://www.search.test/')],
    };
    expect(compare({}, away)?.signals).toContain('final_site');
    expect(
      compare({}, { requests: [document('https://login.kit.test/', 404)], status: 404, outcome: 'http-error' })
        ?.signals,
    ).toEqual(['status']);
  });

  it("a payment form and a script from another site decide; an analytics vendor's script does not", () => {
    const pay = '<html><title>Welcome</title><form><input autocomplete="cc-number"><input name="cvv"></form></html>';
    expect(compare(frame(pay), {})?.signals).toEqual(expect.arrayContaining(['payment_form', 'dom']));
    expect(
      compare({ requests: [document('https://login.kit.test/'), script('https://cdn.kitpanel.test/k.js')] }, {})
        ?.signals,
    ).toEqual(['script_sites', 'child_hosts']);
    expect(
      compare(
        { requests: [document('https://login.kit.test/'), script('https://www.google-analytics.com/analytics.js')] },
        {},
      ),
    ).toBeUndefined();
  });

  it('honest variation is not cloaking: another title, DOM, screenshot or ad host alone decides nothing', () => {
    const ad = {
      requests: [
        document('https://login.kit.test/'),
        { ...script('https://ads.rotator.test/banner.png'), resource_type: 'image' },
      ],
    };
    expect(
      compare(frame('<html><title>News at 10:01</title><p>token 8f3a</p></html>'), {
        ...frame('<html><title>News at 10:02</title><p>token 91bc</p></html>'),
        ...ad,
      }),
    ).toBeUndefined();
    const shot = (phash: string) =>
      ({
        frames: [{ id: 'F0', url: 'https://login.kit.test/', dom: '<html></html>' }],
        screenshot: { sha256: 'a'.repeat(64), phash },
      }) as Partial<PageCapture>;
    expect(compare(shot('0000000000000000'), shot('ffffffffffffffff'))).toBeUndefined();
  });

  it('a visit that failed or timed out proves nothing', () => {
    expect(compare(frame(LOGIN), { outcome: 'timeout', frames: [] })).toBeUndefined();
    expect(compare(frame(LOGIN), { outcome: 'failed', requests: [], frames: [] })).toBeUndefined();
  });
});

describe('Comparisons', () => {
  it('emits the event with the last visit in, whatever order the visits arrive in, once', () => {
    const cmp = new Comparisons();
    const last = capture(1, frame(DECOY));
    expect(cmp.after(last, extractEvents(last))).toEqual([]);
    const first = capture(0, frame(LOGIN));
    const out = cmp.after(first, extractEvents(first));
    expect(out.map((e) => [e.schema, e.capture_id])).toEqual([['vucrawl.cloaking/4', 'cmp-1-0']]);
    expect(cmp.after(first, extractEvents(first))).toEqual([]);
  });

  it('a capture outside any comparison adds nothing', () => {
    const plain = capture(0);
    delete plain.target.comparison;
    expect(new Comparisons().after(plain, extractEvents(plain))).toEqual([]);
  });
});
