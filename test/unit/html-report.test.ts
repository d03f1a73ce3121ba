// The report for people's renderer (exchange/html-report.ts) over hand-made data with
// hostile strings where crawled pages put them: every string escaped, no element or
// attribute a page could smuggle in, no URL the page would load, the evidence links to
// http(s) only and without a referrer, every section there, the graph capped and laid out
// the same way twice.
import * as cheerio from 'cheerio';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALERT_SCHEMA, type Alert } from '../../alerting/alert.js';
import { layoutGraph } from '../../exchange/graph-layout.js';
import { escapeHtml, GRAPH_MAX_NODES, REPORT_CSP, renderReportHtml } from '../../exchange/html-report.js';
import type { HostPairFact } from '../../store/queries/exchange.js';
import { BadWindow, type SummaryReport, windowStart } from '../../store/queries/summary-report.js';

const EVIL_HOST = '<script>alert(1)</script>.evil.test';
const EVIL_TITLE = '"><img src=https://tracker.evil.test/x.gif onerror=alert(2)>';
const EVIL_URL = 'https://evil.test/"><iframe src="https://evil.test/f"></iframe>?a=1&b=2';
const JS_URL = 'javascript:alert(3)';
const SEEN = { first_seen: '2026-12-01T10:00:00.000Z', last_seen: '2026-12-05T10:00:00.000Z', observations: 2 };
const evidence = (url: string) => ({ capture_id: 'cap-1', evidence_url: url });

const pair = (parent: string, child: string, cause = 'script.src', isNew = true): HostPairFact & { new: boolean } => ({
  parent_host: parent,
  child_host: child,
  cause,
  tags: [],
  ...SEEN,
  ...evidence(`https://${child}/x.js`),
  new: isNew,
});

const alert: Alert = {
  schema: ALERT_SCHEMA,
  key: 'k1',
  source_kind: 'watch',
  source: 'hotlinks',
  rule: 'new-parent:@demo',
  subject: EVIL_HOST,
  scope: 'www.shop.test',
  details: {},
  first_seen: SEEN.first_seen,
  raised_at: SEEN.last_seen,
  capture_id: 'cap-2',
  urls: [EVIL_URL, JS_URL],
};

function report(over: Partial<SummaryReport> = {}): SummaryReport {
  return {
    title: `host ${EVIL_HOST}`,
    scope: { kind: 'host', name: EVIL_HOST, hosts: [EVIL_HOST], domains: [], urls: [JS_URL], tags: ['<b>tag</b>'] },
    since: '2026-11-29T00:00:00.000Z',
    until: '2026-12-06T00:00:00.000Z',
    generated_at: '2026-12-06T00:00:00.000Z',
    hosts: [{ host: EVIL_HOST, first_seen: SEEN.first_seen, new: true }],
    hostPairs: [pair(EVIL_HOST, 'cdn.test'), pair('www.shop.test', EVIL_HOST, 'iframe.src', false)],
    trackers: [
      { host: EVIL_HOST, type: 'gtm', value: 'GTM-<i>X</i>', ...SEEN, ...evidence(JS_URL), new: true },
      { host: 'www.shop.test', type: 'gtm', value: 'GTM-<i>X</i>', ...SEEN, ...evidence(EVIL_URL), new: false },
    ],
    components: [
      {
        host: EVIL_HOST,
        name: 'jQuery',
        version: '3.7.1"<',
        category: 'JavaScript Library',
        ...SEEN,
        ...evidence(EVIL_URL),
        new: true,
      },
    ],
    alerts: [alert],
    pages: [
      {
        capture_id: 'cap-1',
        observed_at: SEEN.last_seen,
        host: EVIL_HOST,
        url: EVIL_URL,
        final_url: JS_URL,
        status: 200,
        outcome: 'ok',
        title: EVIL_TITLE,
        screenshot_sha256: null,
      },
    ],
    pageCount: 1,
    capped: [],
    ...over,
  };
}

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
const shot = { capture_id: 'cap-1', url: EVIL_URL, title: EVIL_TITLE, observed_at: SEEN.last_seen, data_uri: PNG };

describe('the report for people (HTML)', () => {
  const html = renderReportHtml(report(), [shot]);
  const $ = cheerio.load(html);

  it('escapes every string from the store: the hostile ones come back as text, none as markup', () => {
    expect($('script')).toHaveLength(0);
    expect($('iframe')).toHaveLength(0);
    expect($('b:contains("tag")').length).toBe(0);
    expect($('i')).toHaveLength(0);
    // No attribute a page could add (event handlers, styles) on any element.
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}))
        expect(name, `<${(el as { tagName: string }).tagName} ${name}>`).not.toMatch(
          /^on|^style$|^srcdoc$|^formaction$/,
        );
    });
    const text = $('body').text();
    for (const s of [EVIL_HOST, EVIL_TITLE, EVIL_URL, 'GTM-<i>X</i>', '<b>tag</b>', '3.7.1"<'])
      expect(text).toContain(s);
    expect($('head > title').text()).toBe(`vucrawl report: host ${EVIL_HOST}`);
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;');
  });

  it('loads nothing: images are data: URIs, the only URLs are evidence links (http(s), no referrer, never javascript:)', () => {
    const srcs = $('[src]')
      .map((_, el) => $(el).attr('src'))
      .get();
    expect(srcs).toEqual([PNG]);
    expect($('link, object, embed, video, audio, source, base, form')).toHaveLength(0);
    const links = $('[href]');
    expect(links.length).toBeGreaterThan(3);
    links.each((_, el) => {
      const a = $(el);
      expect(el.tagName).toBe('a');
      expect(a.attr('href')).toMatch(/^https?:\/\//);
      expect(a.attr('rel')).toBe('noreferrer noopener');
    });
    expect(html).not.toMatch(/href="javascript:/i);
    // javascript: shows as text only.
    expect($('span.mono:contains("javascript:alert(3)")').length).toBeGreaterThan(0);
    // The page's own policy: its one stylesheet by hash, data: images, nothing else.
    const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content');
    expect(csp).toBe(REPORT_CSP);
    const css = $('style').text();
    expect(csp).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(() => renderReportHtml(report(), [{ ...shot, data_uri: 'https://evil.test/x.png' }])).toThrow(/data: URI/);
  });

  it('has every section, counts what is new, and says when there is nothing', () => {
    expect(
      $('section')
        .map((_, el) => $(el).attr('id'))
        .get(),
    ).toEqual(['changes', 'alerts', 'graph', 'trackers', 'components', 'screenshots', 'evidence']);
    const changes = $('#changes table')
      .first()
      .find('tbody tr')
      .map((_, tr) =>
        $(tr)
          .find('td')
          .map((__, td) => $(td).text())
          .get()
          .join('|'),
      )
      .get();
    expect(changes).toEqual([
      'hosts|1|1|0',
      'host pairs|2|1|1',
      'trackers (host and ID)|2|1|1',
      'components (host, name and version)|1|1|0',
    ]);
    // Trackers grouped by ID with their hosts; an ID some host carried before is not new.
    const tracker = $('#trackers tbody tr').first().text();
    expect(tracker).toContain('GTM-<i>X</i>');
    expect(tracker).toContain(`${EVIL_HOST}, www.shop.test`);
    expect($('#trackers tbody tr .new')).toHaveLength(0);
    expect($('#alerts tbody tr')).toHaveLength(1);
    expect($('#screenshots img')).toHaveLength(1);

    const empty = cheerio.load(
      renderReportHtml(
        report({ hosts: [], hostPairs: [], trackers: [], components: [], alerts: [], pages: [], pageCount: 0 }),
        [],
      ),
    );
    expect(empty('#alerts').text()).toContain('No alert was raised in the window.');
    expect(empty('#graph').text()).toContain('No host pairs in the window.');
    expect(empty('#screenshots').text()).toContain('No screenshot');
    expect(empty('svg')).toHaveLength(0);
  });

  it(`draws the graph as SVG of at most ${GRAPH_MAX_NODES} hosts (the most connected), and says so when it cut`, () => {
    expect($('#graph figure.graph > svg circle')).toHaveLength(3);
    expect($('#graph figure.graph > svg line')).toHaveLength(2);
    const hub = 'hub.test';
    const many = Array.from({ length: 100 }, (_, i) => pair(hub, `leaf-${String(i).padStart(3, '0')}.test`));
    const big = cheerio.load(renderReportHtml(report({ hostPairs: many }), []));
    expect(big('#graph figure.graph > svg circle')).toHaveLength(GRAPH_MAX_NODES);
    expect(big('#graph figcaption').text()).toContain(`The ${GRAPH_MAX_NODES} most connected of 101 hosts are drawn`);
    expect(
      big('#graph svg text')
        .map((_, el) => big(el).text())
        .get(),
    ).toContain(hub);
    // Deterministic: the same data, the same page.
    expect(renderReportHtml(report({ hostPairs: many }), [])).toBe(renderReportHtml(report({ hostPairs: many }), []));
  });

  it('lays a graph out inside its box, nodes apart', () => {
    const edges = Array.from({ length: 19 }, (_, i) => [0, i + 1] as const);
    const pos = layoutGraph(20, edges, { width: 960, height: 620, margin: 60 });
    for (const p of pos) {
      expect(p.x).toBeGreaterThanOrEqual(60);
      expect(p.x).toBeLessThanOrEqual(900);
      expect(p.y).toBeGreaterThanOrEqual(60);
      expect(p.y).toBeLessThanOrEqual(560);
    }
    let closest = Infinity;
    for (let i = 0; i < pos.length; i++)
      for (let j = i + 1; j < pos.length; j++)
        closest = Math.min(closest, Math.hypot(pos[i]!.x - pos[j]!.x, pos[i]!.y - pos[j]!.y));
    expect(closest).toBeGreaterThan(20);
    expect(layoutGraph(1, [], { width: 100, height: 100, margin: 10 })).toEqual([{ x: 50, y: 50 }]);
    expect(layoutGraph(0, [], { width: 100, height: 100, margin: 10 })).toEqual([]);
  });
  it('reads a window start as a duration back from now or as a date (UTC), and refuses anything else', () => {
    const now = Date.UTC(2026, 11, 6, 12);
    expect(windowStart('7d', now)).toBe(now - 7 * 86_400_000);
    expect(windowStart('24h', now)).toBe(now - 86_400_000);
    expect(windowStart('2026-11-01', now)).toBe(Date.UTC(2026, 10, 1));
    expect(windowStart('2026-11-01T12:00:00Z', now)).toBe(Date.UTC(2026, 10, 1, 12));
    for (const bad of ['last week', '-7d', '0d', '<script>'])
      expect(() => windowStart(bad, now), bad).toThrow(BadWindow);
  });
});
