// The report for people (`vucrawl report`, GET /ui/report): one scope's summary
// (store/queries/summary-report.ts) as ONE self-contained HTML page a manager opens
// offline, mails on and prints. Pure: data in, a string out; the caller reads the store
// and the screenshots.
//
// Everything shown was written by crawled pages or their operators (host names, titles,
// URLs), so every string is escaped, and nothing in the page is fetched: its style is one
// inline <style> allowed by hash in the page's own Content-Security-Policy (which refuses
// every other load, scripts included), the graph is inline SVG laid out here
// (graph-layout.ts), screenshots are data: URIs. The only URLs are the evidence links, to
// http(s) pages only, opened by the reader's click without a referrer, never by the page.
import { createHash } from 'node:crypto';
import type { Alert } from '../alerting/alert.js';
import type { ComponentFact, HostPairFact, TrackerFact } from '../store/queries/exchange.js';
import type { Marked, SummaryReport } from '../store/queries/summary-report.js';
import { layoutGraph } from './graph-layout.js';

/** A screenshot of a page of the report, as a data: URI (PNG or JPEG). */
export interface ReportShot {
  capture_id: string;
  url: string;
  title: string | null;
  observed_at: string;
  data_uri: string;
}

/** Hosts drawn in the graph at most (the most connected): a picture of hundreds of hosts shows nothing. */
export const GRAPH_MAX_NODES = 60;
/** Rows of a section's table at most; the rest is counted. */
const MAX_ROWS = 100;

const CSS = `
:root { --fg: #1d2430; --muted: #5f6b7a; --line: #d9dee5; --accent: #1f5fbf; --warn: #a33; --new: #1e7d32; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0 auto; padding: 1.5rem; max-width: 1100px; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; word-break: break-all; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
a { color: var(--accent); }
.muted, .note { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .6rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; word-break: break-all; }
.totals { display: flex; flex-wrap: wrap; gap: .6rem; margin: .8rem 0; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .8rem; min-width: 6rem; }
.totals b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
th, td { text-align: left; padding: .25rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; }
.mono, td.url, td.host, td.time { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11px; word-break: break-all; }
/* Host names wrap at their dots and dashes, not inside a label; times not at all. */
td.host { word-break: normal; overflow-wrap: break-word; }
td.time { white-space: nowrap; }
.new { color: #fff; background: var(--new); border-radius: 3px; padding: 0 .3rem; font-size: 10px; font-weight: 700; }
.alert-rule { color: var(--warn); font-weight: 600; }
figure.graph { margin: .5rem 0; }
figure.graph > svg { width: 100%; height: auto; border: 1px solid var(--line); }
ul.legend { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: 11px; }
.shots { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: .8rem; }
.shots figure { margin: 0; border: 1px solid var(--line); padding: .4rem; }
.shots img { width: 100%; height: auto; display: block; }
.shots figcaption { font-size: 11px; margin-top: .3rem; word-break: break-all; }
footer { margin-top: 2rem; color: var(--muted); font-size: 11px; }
@page { margin: 14mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr, figure, .totals li { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .new { border: 1px solid var(--new); color: var(--new); background: none; }
}
`;

/** The page's policy: its one stylesheet (by hash) and data: images; nothing else loads or runs. */
export const REPORT_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Text for HTML and SVG: the five characters that could end text or an attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const e = escapeHtml;

/** An evidence link: http(s) URLs only (never javascript: or data:), opened without a referrer; other text stays text. */
function evidence(url: string | undefined): string {
  if (!url) return '<span class="muted">—</span>';
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') return `<span class="mono">${e(url)}</span>`;
  return `<a class="mono" href="${e(parsed.href)}" rel="noreferrer noopener" target="_blank">${e(url)}</a>`;
}

const badge = (isNew: boolean) => (isNew ? ' <span class="new">new</span>' : '');
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const orDash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '<span class="muted">—</span>' : e(String(v));

interface Column<T> {
  label: string;
  cell: (r: T) => string;
  class?: string;
}

function table<T>(columns: Column<T>[], rows: readonly T[], empty: string): string {
  if (!rows.length) return `<p class="muted">${e(empty)}</p>`;
  const shown = rows.slice(0, MAX_ROWS);
  const head = columns.map((c) => `<th>${e(c.label)}</th>`).join('');
  const body = shown
    .map(
      (r) => `<tr>${columns.map((c) => `<td${c.class ? ` class="${c.class}"` : ''}>${c.cell(r)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const more =
    rows.length > shown.length ? `<p class="note">… and ${rows.length - shown.length} more, not listed here.</p>` : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

/** A time in a table: to the second, the full ISO 8601 text on hover. */
const time = (iso: string) => `<span title="${e(iso)}">${e(iso.slice(0, 19).replace('T', ' '))}</span>`;

const seenColumns = <T extends { first_seen: string; last_seen: string }>(): Column<T>[] => [
  { label: 'first seen (UTC)', cell: (r) => time(r.first_seen), class: 'time' },
  { label: 'last seen (UTC)', cell: (r) => time(r.last_seen), class: 'time' },
];
const evidenceColumn = <T extends { evidence_url: string; capture_id: string }>(): Column<T> => ({
  label: 'evidence (capture)',
  cell: (r) => `${evidence(r.evidence_url)}<br><span class="muted mono">${e(r.capture_id)}</span>`,
  class: 'url',
});
const pairColumns: Column<Marked<HostPairFact>>[] = [
  { label: 'parent', cell: (r) => e(r.parent_host) + badge(r.new), class: 'host' },
  { label: 'child', cell: (r) => e(r.child_host), class: 'host' },
  { label: 'cause', cell: (r) => e(r.cause) },
  ...seenColumns<Marked<HostPairFact>>(),
  evidenceColumn<Marked<HostPairFact>>(),
];

/** Causes' colours in the graph and its legend, in the order of the causes' names: distinct up to ten causes. */
const PALETTE = [
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
];
const swatch = (colour: string) =>
  `<svg width="22" height="8" aria-hidden="true"><rect y="2" width="22" height="4" fill="${colour}"/></svg>`;

/** The host-pair graph as inline SVG, its most connected hosts when there are more than GRAPH_MAX_NODES. */
function hostPairGraph(pairs: readonly HostPairFact[], scopeHosts: (h: string) => boolean): string {
  const neighbours = new Map<string, Set<string>>();
  for (const p of pairs)
    for (const [a, b] of [
      [p.parent_host, p.child_host],
      [p.child_host, p.parent_host],
    ] as const) {
      if (!neighbours.has(a)) neighbours.set(a, new Set());
      if (a !== b) neighbours.get(a)!.add(b);
    }
  if (!neighbours.size) return '<p class="muted">No host pairs in the window.</p>';
  const ranked = [...neighbours].sort(([a, x], [b, y]) => y.size - x.size || (a < b ? -1 : 1)).map(([h]) => h);
  const hosts = ranked.slice(0, GRAPH_MAX_NODES).sort();
  const index = new Map(hosts.map((h, i) => [h, i]));
  // One line per parent and child, coloured by its first cause (in name order).
  const edges = new Map<string, { s: number; t: number; causes: string[] }>();
  for (const p of pairs) {
    const s = index.get(p.parent_host);
    const t = index.get(p.child_host);
    if (s === undefined || t === undefined || s === t) continue;
    const key = `${s} ${t}`;
    const edge = edges.get(key) ?? { s, t, causes: [] };
    edge.causes.push(p.cause);
    edges.set(key, edge);
  }
  const lines = [...edges.values()].map((x) => ({ ...x, causes: [...new Set(x.causes)].sort() }));
  const W = 960;
  const H = 620;
  const pos = layoutGraph(
    hosts.length,
    lines.map((l) => [l.s, l.t] as const),
    { width: W, height: H, margin: 60 },
  );
  const causes = [...new Set(lines.flatMap((l) => l.causes))].sort();
  const colourOf = (cause: string) => PALETTE[causes.indexOf(cause) % PALETTE.length]!;
  const markers = causes
    .map(
      (c, i) =>
        `<marker id="arrow-${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${colourOf(c)}"/></marker>`,
    )
    .join('');
  const radius = (i: number) => 4 + Math.min(8, neighbours.get(hosts[i]!)!.size);
  const edgeSvg = lines
    .map((l) => {
      const a = pos[l.s]!;
      const b = pos[l.t]!;
      const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 0.01);
      // Ends at the child's circle, so that the arrow shows.
      const r = radius(l.t) + 1;
      const end = { x: b.x - ((b.x - a.x) / d) * r, y: b.y - ((b.y - a.y) / d) * r };
      const c = l.causes[0]!;
      return `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${end.x.toFixed(1)}" y2="${end.y.toFixed(1)}" stroke="${colourOf(c)}" stroke-width="1.4" stroke-opacity="0.8" marker-end="url(#arrow-${causes.indexOf(c)})"><title>${e(`${hosts[l.s]} → ${hosts[l.t]}: ${l.causes.join(', ')}`)}</title></line>`;
    })
    .join('\n');
  const nodeSvg = hosts
    .map((h, i) => {
      const p = pos[i]!;
      const own = scopeHosts(h);
      const label = h.length > 40 ? `${h.slice(0, 39)}…` : h;
      return `<g><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${radius(i)}" fill="${own ? '#0b2e63' : '#1f5fbf'}" stroke="#fff" stroke-width="1.5"/><text x="${p.x.toFixed(1)}" y="${(p.y + radius(i) + 11).toFixed(1)}" text-anchor="middle" font-size="10" font-family="system-ui, sans-serif" fill="#1d2430"${own ? ' font-weight="700"' : ''}>${e(label)}</text><title>${e(h)}</title></g>`;
    })
    .join('\n');
  const capped =
    ranked.length > hosts.length
      ? ` The ${hosts.length} most connected of ${ranked.length} hosts are drawn; the tables list every pair.`
      : '';
  return `<figure class="graph"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="host-pair graph"><defs>${markers}</defs>
<rect width="${W}" height="${H}" fill="#fff"/>
${edgeSvg}
${nodeSvg}
</svg><figcaption class="note">${e(`${plural(hosts.length, 'host')}, ${plural(lines.length, 'parent → child line')}; an arrow points from the host whose page loaded, linked or framed to the host it reached. Dark, bold: hosts of the scope.${capped}`)}</figcaption>
<ul class="legend">${causes.map((c) => `<li>${swatch(colourOf(c))} ${e(c)}</li>`).join('')}</ul></figure>`;
}

/** Trackers grouped by ID: which hosts carried each, most hosts first. */
function topTrackers(rows: readonly Marked<TrackerFact>[]) {
  const by = new Map<
    string,
    { type: string; value: string; hosts: Set<string>; first: string; last: string; new: boolean }
  >();
  for (const r of rows) {
    const key = `${r.type}\u0000${r.value}`;
    const t = by.get(key) ?? {
      type: r.type,
      value: r.value,
      hosts: new Set(),
      first: r.first_seen,
      last: r.last_seen,
      new: true,
    };
    t.hosts.add(r.host);
    if (r.first_seen < t.first) t.first = r.first_seen;
    if (r.last_seen > t.last) t.last = r.last_seen;
    t.new &&= r.new;
    by.set(key, t);
  }
  return [...by.values()].sort((a, b) => b.hosts.size - a.hosts.size || (a.value < b.value ? -1 : 1));
}

/** Components grouped by name and version, with the hosts running each. */
function componentVersions(rows: readonly Marked<ComponentFact>[]) {
  const by = new Map<
    string,
    { name: string; version: string; category: string; hosts: Set<string>; last: string; new: boolean }
  >();
  for (const r of rows) {
    const key = `${r.name}\u0000${r.version}`;
    const c = by.get(key) ?? {
      name: r.name,
      version: r.version,
      category: r.category,
      hosts: new Set(),
      last: r.last_seen,
      new: true,
    };
    c.hosts.add(r.host);
    if (r.last_seen > c.last) c.last = r.last_seen;
    c.new &&= r.new;
    by.set(key, c);
  }
  return [...by.values()].sort((a, b) =>
    a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
}

const hostList = (hosts: Set<string>) => {
  const all = [...hosts].sort();
  return `${all.slice(0, 8).map(e).join(', ')}${all.length > 8 ? ` … (${all.length})` : ''}`;
};

function alertsTable(alerts: readonly Alert[]): string {
  return table<Alert>(
    [
      { label: 'first seen (UTC)', cell: (a) => time(a.first_seen), class: 'time' },
      { label: 'raised by', cell: (a) => `${e(a.source_kind)} <b>${e(a.source)}</b>` },
      { label: 'rule', cell: (a) => `<span class="alert-rule">${e(a.rule)}</span>` },
      { label: 'subject', cell: (a) => e(a.subject), class: 'host' },
      { label: 'about', cell: (a) => orDash(a.scope), class: 'host' },
      {
        label: 'evidence (capture)',
        cell: (a) =>
          `${a.urls.slice(0, 3).map(evidence).join('<br>') || orDash('')}<br><span class="muted mono">${e(a.capture_id)}</span>`,
        class: 'url',
      },
    ],
    alerts,
    'No alert was raised in the window.',
  );
}

/** The whole page. */
export function renderReportHtml(r: SummaryReport, shots: readonly ReportShot[]): string {
  const inScope = (h: string) =>
    r.scope.hosts.includes(h) || r.scope.domains.some((d) => h === d || h.endsWith(`.${d}`));
  const newHosts = r.hosts.filter((h) => h.new);
  const newPairs = r.hostPairs.filter((p) => p.new);
  const newTrackers = r.trackers.filter((t) => t.new);
  const newComponents = r.components.filter((c) => c.new);
  const trackers = topTrackers(r.trackers);
  const components = componentVersions(r.components);
  const kinds: [string, number, number][] = [
    ['hosts', r.hosts.length, newHosts.length],
    ['host pairs', r.hostPairs.length, newPairs.length],
    ['trackers (host and ID)', r.trackers.length, newTrackers.length],
    ['components (host, name and version)', r.components.length, newComponents.length],
  ];
  const scopeFacts: [string, string][] = [
    ['scope', e(r.title)],
    ...(r.scope.hosts.length ? ([['hosts', r.scope.hosts.map(e).join(', ')]] as [string, string][]) : []),
    ...(r.scope.domains.length
      ? ([['domains (every host under them)', r.scope.domains.map(e).join(', ')]] as [string, string][])
      : []),
    ...(r.scope.urls.length
      ? ([['monitored URLs', r.scope.urls.map(evidence).join('<br>')]] as [string, string][])
      : []),
    ...(r.scope.tags.length ? ([['tags', r.scope.tags.map(e).join(', ')]] as [string, string][]) : []),
    ['window (UTC)', `${e(r.since)} – ${e(r.until)}`],
    ['generated (UTC)', e(r.generated_at)],
  ];
  const sections = [
    `<header><h1>vucrawl report: ${e(r.title)}</h1>
<dl class="facts">${scopeFacts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>
<ul class="totals">${[
      ['pages visited', r.pageCount],
      ['hosts', r.hosts.length],
      ['host pairs', r.hostPairs.length],
      ['trackers', trackers.length],
      ['components', components.length],
      ['alerts', r.alerts.length],
    ]
      .map(([k, n]) => `<li><b>${n}</b>${e(String(k))}</li>`)
      .join('')}</ul>
${r.capped.length ? `<p class="note">Only the most recently seen facts of these kinds are in this report (there were more than it holds): ${r.capped.map(e).join(', ')}. Narrow the scope or the window.</p>` : ''}
</header>`,
    `<section id="changes"><h2>What changed in the window</h2>
<p class="note">Seen in the window; new: first seen in it (the store holds no earlier sighting in this scope).</p>
${table<[string, number, number]>(
  [
    { label: 'kind', cell: ([k]) => e(k) },
    { label: 'seen in the window', cell: ([, n]) => String(n), class: 'num' },
    { label: 'new', cell: ([, , n]) => String(n), class: 'num' },
    { label: 'seen before too', cell: ([, n, m]) => String(n - m), class: 'num' },
  ],
  kinds,
  '',
)}
<h3>New hosts (${newHosts.length})</h3>
${newHosts.length ? `<p class="mono">${newHosts.map((h) => e(h.host)).join(', ')}</p>` : '<p class="muted">none</p>'}
<h3>New host pairs (${newPairs.length})</h3>
${table(pairColumns, newPairs, 'none')}
<h3>New trackers (${newTrackers.length})</h3>
${table<Marked<TrackerFact>>(
  [
    { label: 'ID', cell: (t) => e(t.value), class: 'mono' },
    { label: 'type', cell: (t) => e(t.type) },
    { label: 'host', cell: (t) => e(t.host), class: 'host' },
    ...seenColumns<Marked<TrackerFact>>(),
    evidenceColumn<Marked<TrackerFact>>(),
  ],
  newTrackers,
  'none',
)}
<h3>New components (${newComponents.length})</h3>
${table<Marked<ComponentFact>>(
  [
    { label: 'component', cell: (c) => e(c.name) },
    { label: 'version', cell: (c) => orDash(c.version), class: 'mono' },
    { label: 'host', cell: (c) => e(c.host), class: 'host' },
    ...seenColumns<Marked<ComponentFact>>(),
    evidenceColumn<Marked<ComponentFact>>(),
  ],
  newComponents,
  'none',
)}
</section>`,
    `<section id="alerts"><h2>Alerts (${r.alerts.length})</h2>
<p class="note">Raised by monitors and watches for facts first seen in the window, one per fact.</p>
${alertsTable(r.alerts)}</section>`,
    `<section id="graph"><h2>Host pairs</h2>
${hostPairGraph(r.hostPairs, inScope)}
<h3>Every host pair seen in the window (${r.hostPairs.length})</h3>
${table(pairColumns, r.hostPairs, 'none')}</section>`,
    `<section id="trackers"><h2>Top trackers (${trackers.length})</h2>
<p class="note">Tracker IDs (analytics, tag managers, ad pixels) and the hosts that carried each: an ID shared by hosts ties them to one operator.</p>
${table(
  [
    { label: 'ID', cell: (t) => e(t.value) + badge(t.new), class: 'mono' },
    { label: 'type', cell: (t) => e(t.type) },
    { label: 'hosts', cell: (t) => String(t.hosts.size), class: 'num' },
    { label: 'carried by', cell: (t) => hostList(t.hosts), class: 'host' },
    { label: 'first seen (UTC)', cell: (t) => time(t.first), class: 'time' },
    { label: 'last seen (UTC)', cell: (t) => time(t.last), class: 'time' },
  ],
  trackers,
  'No tracker was seen in the window.',
)}</section>`,
    `<section id="components"><h2>Components with versions (${components.length})</h2>
${table(
  [
    { label: 'component', cell: (c) => e(c.name) + badge(c.new) },
    { label: 'version', cell: (c) => orDash(c.version), class: 'mono' },
    { label: 'category', cell: (c) => orDash(c.category) },
    { label: 'hosts', cell: (c) => hostList(c.hosts), class: 'host' },
    { label: 'last seen (UTC)', cell: (c) => time(c.last), class: 'time' },
  ],
  components,
  'No component was recognized in the window.',
)}</section>`,
    `<section id="screenshots"><h2>Screenshots (${shots.length})</h2>
${
  shots.length
    ? `<div class="shots">${shots
        .map(
          (s) =>
            `<figure><img alt="${e(`screenshot of ${s.url}`)}" src="${dataImage(s.data_uri)}"><figcaption>${e(s.title ?? '')}<br>${evidence(s.url)}<br><span class="muted">${e(s.observed_at)} · ${e(s.capture_id)}</span></figcaption></figure>`,
        )
        .join('\n')}</div>`
    : '<p class="muted">No screenshot of a page in the window (crawl --screenshots takes them; the report looks for them in the crawl output folders it was given).</p>'
}</section>`,
    `<section id="evidence"><h2>Evidence: pages visited (${r.pageCount})</h2>
<p class="note">Every fact above comes from one of these visits (its capture id); links open the crawled page itself: hostile sites, take care.${r.pageCount > r.pages.length ? ` The latest ${r.pages.length} are listed.` : ''}</p>
${table(
  [
    { label: 'seen (UTC)', cell: (p) => time(p.observed_at), class: 'time' },
    { label: 'status', cell: (p) => `${orDash(p.status)} ${e(p.outcome)}` },
    { label: 'title', cell: (p) => orDash(p.title) },
    {
      label: 'URL (final URL)',
      cell: (p) => evidence(p.url) + (p.final_url && p.final_url !== p.url ? `<br>→ ${evidence(p.final_url)}` : ''),
      class: 'url',
    },
    { label: 'capture', cell: (p) => e(p.capture_id), class: 'mono' },
  ],
  r.pages,
  'No page of the scope was visited in the window.',
)}</section>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`vucrawl report: ${r.title}`)}</title>
<style>${CSS}</style>
</head>
<body>
${sections.join('\n')}
<footer>Made by vucrawl report. Self-contained: nothing in this page is loaded from the network.</footer>
</body>
</html>
`;
}

/** A data: URI of a PNG or JPEG as the caller made it; anything else is refused rather than put in src. */
function dataImage(uri: string): string {
  if (!/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/.test(uri))
    throw new Error('a screenshot must be a PNG or JPEG data: URI');
  return uri;
}
