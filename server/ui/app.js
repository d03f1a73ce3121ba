// vucrawl web UI: search any indicator, its related hosts and what a host carries, a host's
// neighbourhood as a graph (Cytoscape.js, served by this server), a host's page history,
// one capture's detail, cloaking: the comparisons that found it, and one comparison's
// visits side by side, and brands: each look-alike domain's verdict, signals and screenshot
// beside the brand's. Plain DOM over the JSON API, routed by the URL's hash.
//
// Everything shown comes from pages an attacker wrote (titles, URLs, headers, cookie names):
// the DOM is built with createElement and text nodes only, never innerHTML with data; the
// only links are this UI's own routes, built from encodeURIComponent; URLs from the store
// are shown as text, never followed. The page's Content-Security-Policy runs no inline
// script and no eval, and Cytoscape draws labels on a canvas.

const API = '/api/v1';
const KEY = 'vucrawl-api-key';
const view = document.getElementById('view');

// ---- DOM, safely

/** An element with properties from a fixed set, and children as nodes or text. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') el.className = v;
    else if (k === 'route') el.href = `#/${v}`;
    else if (k === 'id' || k === 'title' || k === 'type' || k === 'value' || k === 'placeholder') el[k] = v;
    else if (k === 'data') for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = dv;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else throw new Error(`h(): property ${k} is not allowed`);
  }
  for (const c of children.flat(Infinity))
    if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** This UI's own route for a page about a value: #/i/VALUE (indicator), #/g/HOST (graph), #/c/ID (capture), #/h/HOST (pages), #/cloaking/HOST, #/cmp/ID (comparison), #/brand/NAME. */
const route = (kind, value, query = '') => `${kind}/${encodeURIComponent(value)}${query}`;
const link = (kind, value, text = value) => h('a', { route: route(kind, value) }, text);
const text = (v) => (v === null || v === undefined || v === '' ? h('span', { class: 'muted' }, '—') : String(v));
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
const time = (ms) => (typeof ms === 'number' ? new Date(ms).toISOString() : text(ms));

function table(columns, rows, empty = 'none') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', {}, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          columns.map((c) => h('td', { class: c.class }, c.cell(r))),
        ),
      ),
    ),
  );
}

function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function show(...nodes) {
  view.replaceChildren(h('div', {}, nodes));
}

// ---- the API, with a key when one is needed

async function api(path) {
  const key = sessionStorage.getItem(KEY);
  const r = await fetch(`${API}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = await r.json().catch(() => ({}));
  if (r.status === 401) {
    askForKey();
    throw new Error('this server needs an API key: enter it above');
  }
  if (!r.ok) throw new Error(body.error?.message ?? `HTTP ${r.status}`);
  return body;
}

/** A binary answer (a screenshot) as an object URL the page may show (img-src allows blob:), or undefined when the server has none. */
async function apiBlob(path) {
  const key = sessionStorage.getItem(KEY);
  const r = await fetch(`${API}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return r.ok ? URL.createObjectURL(await r.blob()) : undefined;
}

/**
 * The report for people of a host or site (GET /ui/report, the page `vucrawl report` writes),
 * saved as a file: fetched with the key (a link could not send it), and a file rather than a
 * view, since it runs under its own Content-Security-Policy and opens offline.
 */
async function saveReport(host, site) {
  const key = sessionStorage.getItem(KEY);
  const r = await fetch(`/ui/report?host=${encodeURIComponent(host)}${site ? '&site=true' : ''}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    show(h('p', { class: 'error' }, body.error?.message ?? `HTTP ${r.status}`));
    return;
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await r.blob());
  a.download = `vucrawl-report-${host.replace(/[^a-z0-9.-]/gi, '_')}.html`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

function askForKey() {
  const input = h('input', { type: 'password', placeholder: 'API key' });
  const form = h(
    'form',
    {
      on: {
        submit: (e) => {
          e.preventDefault();
          sessionStorage.setItem(KEY, input.value);
          render();
        },
      },
    },
    input,
    h('button', { type: 'submit' }, 'Use key'),
  );
  document.getElementById('key').replaceChildren(form);
}

// ---- columns shared by pages

const seen = [
  { label: 'first seen (UTC)', cell: (r) => text(r.first_seen), class: 'mono' },
  { label: 'last seen (UTC)', cell: (r) => text(r.last_seen), class: 'mono' },
  { label: 'seen', cell: (r) => String(r.observations), class: 'num' },
];
const evidence = {
  label: 'evidence',
  cell: (r) => [
    h('div', { class: 'url' }, text(r.evidence_url)),
    r.capture_id ? link('c', r.capture_id, 'capture') : '',
  ],
  class: 'url',
};

// ---- pages

function home() {
  show(
    h('h1', {}, 'Which hosts relate to this value?'),
    h(
      'p',
      {},
      'Search a host, a URL (taken as its host), an IP address, a tracker ID (GTM-…, UA-…, G-…), a SHA-256 of a body or certificate, a favicon hash (negative ones too) or a cookie name.',
    ),
    h(
      'ul',
      { class: 'hints' },
      ['cdn.jquery-stats.test', 'GTM-ABCD123', '127.0.0.1', '743163047'].map((v) => h('li', {}, link('i', v))),
    ),
    h('p', {}, h('a', { route: 'cloaking' }, 'Targets that showed different virtual users different pages (cloaking)')),
    h('p', {}, h('a', { route: 'brands' }, 'Brands: their look-alike domains, and which impersonate them')),
  );
}

async function indicatorPage(value, site) {
  const r = await api(`/indicator/${encodeURIComponent(value)}${site ? '?site=true' : ''}`);
  const host = r.trackers !== undefined;
  const observations = r.hosts.reduce((n, x) => n + x.observations, 0);
  show(
    h('h1', {}, r.value),
    h('p', { class: 'note' }, r.description),
    facts([
      ['kind', r.kind],
      ['first seen (UTC)', text(r.first_seen)],
      ['last seen (UTC)', text(r.last_seen)],
      [
        'related hosts',
        `${count(new Set(r.hosts.map((x) => x.host)).size, 'host')}, ${count(r.hosts.length, 'relation')}, ${count(observations, 'observation')}`,
      ],
      host && ['pages', `${r.pages.visits} visits`],
    ]),
    host
      ? h(
          'p',
          { class: 'links' },
          h('a', { route: route('g', r.value) }, 'Graph of its neighbourhood'),
          h('a', { route: route('h', r.value) }, 'Page history'),
          h('a', { route: route('cloaking', r.value) }, 'Cloaking'),
          site
            ? link('i', r.value, 'This host only')
            : h('a', { route: route('site', r.value) }, 'Every host of its site'),
          h(
            'button',
            { type: 'button', id: 'report', on: { click: () => void saveReport(r.value, site) } },
            'Report for people (HTML)',
          ),
        )
      : '',
    h('h2', {}, 'Related hosts'),
    table(
      [
        { label: 'host', cell: (x) => link('i', x.host) },
        { label: 'relation', cell: (x) => x.relation },
        { label: 'direction', cell: (x) => text(x.direction) },
        ...(site ? [{ label: 'for', cell: (x) => x.looked_up }] : []),
        ...seen,
        evidence,
      ],
      r.hosts,
      `no rows: ${r.description}`,
    ),
    host
      ? [
          h('h2', {}, 'Pages'),
          facts([
            ['visits', String(r.pages.visits)],
            ['first seen (UTC)', text(r.pages.first_seen)],
            ['last seen (UTC)', text(r.pages.last_seen)],
            ['statuses', r.pages.statuses.join(', ') || text(null)],
            ['titles', list(r.pages.titles)],
            ['final URLs', list(r.pages.final_urls)],
          ]),
          h('h2', {}, 'Trackers'),
          table(
            [
              { label: 'ID', cell: (x) => link('i', x.value) },
              { label: 'type', cell: (x) => x.type },
              ...seen,
              evidence,
            ],
            r.trackers,
          ),
          h('h2', {}, 'IP addresses'),
          table([{ label: 'IP', cell: (x) => link('i', x.value) }, ...seen, evidence], r.ips),
          h('h2', {}, 'Certificates'),
          table(
            [
              { label: 'SHA-256', cell: (x) => link('i', x.value), class: 'mono' },
              { label: 'subject', cell: (x) => x.subject },
              { label: 'issuer', cell: (x) => x.issuer },
              { label: 'valid', cell: (x) => `${x.valid_from} – ${x.valid_to}`, class: 'mono' },
              ...seen,
            ],
            r.certificates,
          ),
        ]
      : '',
  );
}

function list(items) {
  return items.length
    ? h(
        'ul',
        {},
        items.map((i) => h('li', { class: 'url' }, i)),
      )
    : text(null);
}

async function historyPage(host, cursor) {
  const r = await api(
    `/hosts/${encodeURIComponent(host)}/pages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  show(
    h('h1', {}, 'Pages of ', link('i', r.host)),
    facts([
      ['visits', String(r.visits)],
      ['first seen (UTC)', text(r.first_seen)],
      ['last seen (UTC)', text(r.last_seen)],
      ['titles', list(r.titles)],
    ]),
    table(
      [
        { label: 'seen (UTC)', cell: (v) => v.observed_at, class: 'mono' },
        { label: 'status', cell: (v) => text(v.status) },
        { label: 'outcome', cell: (v) => v.outcome },
        { label: 'title', cell: (v) => text(v.title) },
        { label: 'URL', cell: (v) => v.url, class: 'url' },
        { label: 'final URL', cell: (v) => v.final_url, class: 'url' },
        { label: '', cell: (v) => link('c', v.capture_id, 'capture') },
      ],
      r.results,
    ),
    r.next_cursor
      ? h(
          'p',
          {},
          h(
            'button',
            { type: 'button', on: { click: () => void guarded(() => historyPage(host, r.next_cursor)) } },
            'Older visits',
          ),
        )
      : '',
  );
}

async function capturePage(id) {
  const c = await api(`/captures/${encodeURIComponent(id)}`);
  const p = c.page;
  show(
    h('h1', {}, 'Capture ', h('span', { class: 'mono' }, c.capture_id)),
    p
      ? facts([
          ['page URL', h('span', { class: 'url' }, p.url)],
          ['final URL', h('span', { class: 'url' }, p.final_url)],
          ['host', link('i', p.host)],
          ['site', link('site', p.site)],
          ['seen (UTC)', time(p.observed_at)],
          ['status', text(p.status)],
          ['outcome', p.outcome],
          ['error', text(p.error)],
          ['title', text(p.title)],
          ['profile', p.profile],
          p.comparison_id && [
            'comparison',
            link('cmp', p.comparison_id, 'the visits of this target by every virtual user, side by side'),
          ],
          ['address', p.ip ? [link('i', p.ip), p.port ? `:${p.port}` : ''] : text(null)],
          ['TLS', text(p.tls_protocol && `${p.tls_protocol}, ${p.tls_issuer}`)],
          ['body SHA-256', p.body_sha256 ? link('i', p.body_sha256) : text(null)],
          ['DOM SHA-256', text(p.dom_sha256)],
          [
            'favicon',
            p.favicon_mmh3 !== null
              ? [link('i', String(p.favicon_mmh3)), ' ', h('span', { class: 'url' }, text(p.favicon_url))]
              : text(null),
          ],
          ['requests, frames', `${p.requests}, ${p.frames}`],
        ])
      : h('p', { class: 'muted' }, 'the store holds no page event for this capture'),
    h('h2', {}, 'Redirect chain'),
    p?.redirect_chain.length
      ? h(
          'ol',
          { class: 'chain' },
          p.redirect_chain.map((u) => h('li', {}, u)),
        )
      : h('p', { class: 'muted' }, 'none'),
    h('h2', {}, `Requests (${c.resources.length})`),
    table(
      [
        { label: 'URL', cell: (r) => r.url, class: 'url' },
        { label: 'type', cell: (r) => r.resource_type },
        { label: 'status', cell: (r) => text(r.status) },
        { label: 'MIME', cell: (r) => text(r.mime) },
        { label: 'size', cell: (r) => String(r.size), class: 'num' },
        {
          label: 'SHA-256',
          cell: (r) => (r.sha256 ? link('i', r.sha256, r.sha256.slice(0, 16)) : text(null)),
          class: 'mono',
        },
        { label: 'IP', cell: (r) => (r.ip ? link('i', r.ip) : text(null)) },
        { label: 'cache', cell: (r) => (r.from_cache ? 'yes' : '') },
      ],
      c.resources,
    ),
    h('h2', {}, `Host pairs (${c.host_pairs.length})`),
    table(
      [
        { label: 'parent', cell: (r) => link('i', r.parent_host) },
        { label: 'child', cell: (r) => link('i', r.child_host) },
        { label: 'cause', cell: (r) => r.cause },
        { label: 'source', cell: (r) => r.source },
        { label: 'tag', cell: (r) => text(r.tag) },
        {
          label: 'initiator',
          cell: (r) => [text(r.initiator_type), ' ', h('div', { class: 'url' }, text(r.initiator_url))],
        },
        { label: 'frame', cell: (r) => text(r.frame_url), class: 'url' },
        { label: 'child URL', cell: (r) => r.child_url, class: 'url' },
      ],
      c.host_pairs,
    ),
    h('h2', {}, `Trackers (${c.trackers.length})`),
    table(
      [
        { label: 'type', cell: (r) => r.type },
        { label: 'ID', cell: (r) => link('i', r.value) },
        { label: 'host', cell: (r) => link('i', r.host) },
        { label: 'source', cell: (r) => r.source },
        { label: 'where', cell: (r) => r.where, class: 'url' },
      ],
      c.trackers,
    ),
    h('h2', {}, `Cookies (${c.cookies.length})`),
    table(
      [
        { label: 'name', cell: (r) => link('i', r.name) },
        { label: 'host', cell: (r) => link('i', r.host) },
        { label: 'domain', cell: (r) => r.domain },
        { label: 'path', cell: (r) => r.path },
        {
          label: 'flags',
          cell: (r) =>
            [r.secure && 'Secure', r.http_only && 'HttpOnly', `SameSite=${r.same_site}`].filter(Boolean).join(' '),
        },
        { label: 'set by', cell: (r) => r.set_by },
        {
          label: 'expires',
          cell: (r) => (r.expires < 0 ? 'session' : new Date(r.expires * 1000).toISOString()),
          class: 'mono',
        },
      ],
      c.cookies,
    ),
    h('h2', {}, `Certificates (${c.certificates.length})`),
    table(
      [
        { label: 'host', cell: (r) => link('i', r.host) },
        { label: 'subject', cell: (r) => r.subject },
        { label: 'issuer', cell: (r) => r.issuer },
        { label: 'SAN', cell: (r) => r.san.join(', '), class: 'url' },
        { label: 'valid (UTC)', cell: (r) => `${time(r.valid_from)} – ${time(r.valid_to)}`, class: 'mono' },
        { label: 'protocol', cell: (r) => r.protocol },
        {
          label: 'SHA-256',
          cell: (r) => (r.sha256 ? link('i', r.sha256, r.sha256.slice(0, 16)) : text(null)),
          class: 'mono',
        },
      ],
      c.certificates,
    ),
    h('h2', {}, `Addresses (${c.host_ips.length})`),
    table(
      [
        { label: 'host', cell: (r) => link('i', r.host) },
        { label: 'IP', cell: (r) => link('i', r.ip) },
        { label: 'port', cell: (r) => text(r.port) },
      ],
      c.host_ips,
    ),
  );
}

// ---- cloaking

/** Per visit of a comparison: its colour in the graph (the reference visit first). */
const VISIT_COLOURS = ['#c0392b', '#1f5fbf', '#8e44ad', '#16a085', '#d35400'];
const SHARED = '#9aa5b1';

async function cloakingPage(host) {
  const r = await api(`/cloaking?limit=100${host ? `&host=${encodeURIComponent(host)}` : ''}`);
  show(
    h('h1', {}, 'Cloaking', host ? [' on ', link('i', host)] : ''),
    h(
      'p',
      { class: 'note' },
      'Comparisons (crawl --compare) whose virtual users were shown different pages, newest first.',
    ),
    table(
      [
        { label: 'seen (UTC)', cell: (e) => time(e.observed_at), class: 'mono' },
        { label: 'target', cell: (e) => [link('i', e.host), h('div', { class: 'url' }, e.url)] },
        { label: 'differs in', cell: (e) => e.signals.join(', ') },
        {
          label: 'visits',
          cell: (e) =>
            e.profiles.map((p, i) =>
              h('div', {}, `${p}: ${e.statuses[i] ?? '—'} `, h('span', { class: 'url' }, e.final_urls[i])),
            ),
        },
        { label: '', cell: (e) => link('cmp', e.comparison_id, 'side by side') },
      ],
      r.results,
      r.description,
    ),
  );
}

async function comparisonPage(id) {
  const c = await api(`/comparisons/${encodeURIComponent(id)}`);
  const e = c.cloaking;
  const shots = await Promise.all(
    c.visits.map((v) => (v.page?.screenshot_sha256 ? apiBlob(`/screenshots/${v.page.screenshot_sha256}`) : undefined)),
  );
  const container = h('div', { id: 'graph', class: 'small' });
  show(
    h('h1', {}, 'Comparison ', h('span', { class: 'mono' }, c.comparison_id)),
    e
      ? h('p', { class: 'error' }, `Cloaking: the visits differ in ${e.signals.join(', ')}`)
      : h('p', { class: 'note' }, 'The visits did not differ in anything that decides (no cloaking).'),
    e
      ? facts([
          ['target', h('span', { class: 'url' }, e.url)],
          ['seen (UTC)', time(e.observed_at)],
          ['screenshots', e.screenshot_distance === null ? text(null) : `${e.screenshot_distance} bits apart (of 64)`],
        ])
      : '',
    h(
      'div',
      { class: 'side-by-side' },
      c.visits.map((v, i) => {
        const p = v.page;
        return h(
          'section',
          { class: 'visit', data: { visit: String(i) } },
          h('h2', {}, swatch(VISIT_COLOURS[i % VISIT_COLOURS.length], 'node'), ` ${v.profile}`),
          shots[i]
            ? h('img', { class: 'shot', title: `screenshot of ${v.profile}'s visit` })
            : h(
                'p',
                { class: 'muted' },
                p?.screenshot_sha256
                  ? 'screenshot not in a folder this server knows (serve --screenshot-dir)'
                  : 'no screenshot (crawl --screenshots)',
              ),
          p
            ? facts([
                ['final URL', h('span', { class: 'url' }, p.final_url)],
                ['status', text(p.status)],
                ['outcome', p.outcome],
                ['title', text(p.title)],
                e && ['password field', e.password_form[i] ? 'yes' : 'no'],
                e && ['payment form', e.payment_form[i] ? 'yes' : 'no'],
                e && ['forms post to', e.form_action_sites[i].join(', ') || text(null)],
                e && ['scripts from', e.script_sites[i].join(', ') || text(null)],
                ['capture', link('c', v.capture_id)],
              ])
            : h('p', { class: 'muted' }, 'the store holds no page event of this visit'),
          h('h3', {}, 'Only this visit reached'),
          v.only.length
            ? h(
                'ul',
                {},
                v.only.map((x) => h('li', {}, link('i', x))),
              )
            : h('p', { class: 'muted' }, 'nothing the others did not'),
        );
      }),
    ),
    h('h2', {}, 'Host pairs of every visit'),
    h(
      'div',
      { class: 'graph-wrap' },
      container,
      h(
        'ul',
        { class: 'legend' },
        h('li', {}, swatch(SHARED), 'every visit'),
        c.visits.map((v, i) => h('li', {}, swatch(VISIT_COLOURS[i % VISIT_COLOURS.length]), `only ${v.profile}`)),
      ),
    ),
  );
  // Object URLs are set as properties: nothing from the store becomes markup.
  view.querySelectorAll('img.shot').forEach((img) => {
    img.src = shots[Number(img.closest('section').dataset.visit)];
  });
  drawComparison(container, c);
}

/** The union of the visits' host pairs; an edge some visits lack is coloured by the visit that has it (the first, if several). */
function drawComparison(container, c) {
  const edges = new Map();
  c.visits.forEach((v, i) => {
    for (const p of v.host_pairs) {
      const id = `${p.parent_host}>${p.child_host} ${p.cause}`;
      const e = edges.get(id) ?? {
        id,
        source: `host:${p.parent_host}`,
        target: `host:${p.child_host}`,
        relation: p.cause,
        visits: new Set(),
      };
      e.visits.add(i);
      edges.set(id, e);
    }
  });
  const hosts = new Set([...edges.values()].flatMap((e) => [e.source, e.target]));
  const everyVisit = (e) => e.visits.size === c.visits.length;
  cy?.destroy();
  cy = window.cytoscape({
    container,
    elements: [
      ...[...hosts].map((id) => ({
        data: { id, kind: 'host', value: id.slice(5), label: id.slice(5), colour: NODE_COLOURS.host },
      })),
      ...[...edges.values()].map((e) => ({
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          kind: 'pair',
          relation: e.relation,
          only: everyVisit(e) ? [] : [...e.visits].map((i) => c.visits[i].profile),
          colour: everyVisit(e) ? SHARED : VISIT_COLOURS[Math.min(...e.visits) % VISIT_COLOURS.length],
          width: everyVisit(e) ? 1.5 : 3.5,
        },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'background-color': 'data(colour)',
          'font-size': 9,
          color: '#1d2430',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          width: 14,
          height: 14,
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(relation)',
          'font-size': 7,
          color: '#5f6b7a',
          'text-rotation': 'autorotate',
        },
      },
    ],
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true },
    wheelSensitivity: 0.3,
    maxZoom: 2, // a graph of two hosts is not blown up to the whole panel
  });
  cy.on('tap', 'node', (ev) => {
    location.hash = `#/${route('i', ev.target.data('value'))}`;
  });
}

// ---- brands

/** Verdicts from the most to the least benign (the impersonation event's order); a badge's class is one of these, never a stored string. */
const VERDICTS = ['official', 'defensive', 'parked', 'unrelated', 'suspicious', 'impersonating'];

async function brandsPage() {
  const r = await api('/brands');
  show(
    h('h1', {}, 'Brands'),
    h(
      'p',
      { class: 'note' },
      'Brands whose look-alike domains brand runs judge (vucrawl brand add, vucrawl brand run).',
    ),
    table(
      [
        { label: 'brand', cell: (b) => link('brand', b.name) },
        { label: 'official domains', cell: (b) => b.domains.map((d) => h('div', {}, link('i', d))) },
        { label: 'keywords', cell: (b) => b.keywords.join(', ') || text(null) },
        { label: 'logos', cell: (b) => b.logo_files.join(', ') || text(null) },
        { label: 'project', cell: (b) => text(b.project) },
        { label: 'changed (UTC)', cell: (b) => b.updated_at, class: 'mono' },
      ],
      r.results,
      'no brands yet: vucrawl brand add NAME --domain DOMAIN',
    ),
  );
}

const verdictBadge = (v) => h('span', { class: `badge v-${VERDICTS.includes(v) ? v : 'unknown'}` }, v);
const day = (ms) => (typeof ms === 'number' ? new Date(ms).toISOString().slice(0, 10) : text(null));
/** An ISO 8601 time to the minute, the whole of it on hover. */
const minute = (iso) => h('span', { title: iso }, iso.slice(0, 16).replace('T', ' '));

/** A variant's signals that weigh, one line each; the rest are at their harmless value. */
function signalLines(s) {
  const hits = (where, words) => words.length && `${where}: ${words.join(', ')}`;
  const bits = (what, d) => d !== null && `${what} ${d} bits`;
  const sites = (what, list) => list.length && `${what} ${list.join(', ')}`;
  const lines = [
    bits('screenshot', s.screenshot_distance),
    bits('logo', s.logo_distance),
    bits('favicon', s.favicon_distance),
    hits('title', s.title_hits),
    hits('text', s.text_hits),
    hits('form', s.form_hits),
    s.password_form && 'password field',
    s.payment_form && 'payment card field',
    sites('forms post to', s.form_action_sites),
    sites('scripts from', s.script_sites),
    s.cloaking && 'cloaking',
    s.mx && 'MX records',
    s.registration_age_days !== null && `registration ${count(s.registration_age_days, 'day')} old`,
    s.redirects_to_official && 'redirects to the brand',
    sites('parked:', s.parked_markers),
  ].filter(Boolean);
  return lines.length
    ? h(
        'ul',
        { class: 'signals' },
        lines.map((l) => h('li', {}, l)),
      )
    : text(null);
}

/** A screenshot as a thumbnail: an object URL set as a property (nothing from the store becomes markup). */
function thumb(shots, sha256, caption) {
  const url = sha256 && shots.get(sha256);
  if (!url)
    return h(
      'figure',
      { class: 'thumb' },
      h('span', { class: 'muted' }, 'no screenshot'),
      h('figcaption', {}, caption),
    );
  const img = h('img', { title: caption });
  img.src = url;
  return h('figure', { class: 'thumb' }, img, h('figcaption', {}, caption));
}

/** The variant table's columns; `sort` gives the value a column sorts by (none: not sortable). */
function variantColumns(shots) {
  return [
    {
      key: 'domain',
      label: 'domain',
      sort: (r) => r.domain,
      cell: (r) => [link('i', r.domain), h('div', { class: 'muted' }, r.fuzzer)],
    },
    {
      key: 'verdict',
      label: 'verdict',
      sort: (r) => VERDICTS.indexOf(r.verdict),
      cell: (r) => verdictBadge(r.verdict),
    },
    { key: 'score', label: 'score', sort: (r) => r.score, cell: (r) => String(r.score), class: 'num' },
    {
      key: 'reasons',
      label: 'reasons',
      sort: (r) => r.reasons.length,
      cell: (r) => r.reasons.join(', ') || text(null),
    },
    { key: 'signals', label: 'key signals', cell: (r) => signalLines(r.signals) },
    {
      key: 'first_seen',
      label: 'first seen (UTC)',
      sort: (r) => r.first_seen,
      cell: (r) => minute(r.first_seen),
      class: 'mono',
    },
    {
      key: 'last_seen',
      label: 'last seen (UTC)',
      sort: (r) => r.last_seen,
      cell: (r) => minute(r.last_seen),
      class: 'mono',
    },
    {
      key: 'registered',
      label: 'registered',
      sort: (r) => r.registered_at,
      cell: (r) => day(r.registered_at),
      class: 'mono',
    },
    { key: 'registrar', label: 'registrar', sort: (r) => r.registrar, cell: (r) => text(r.registrar) },
    {
      key: 'screenshots',
      label: 'screenshot, official',
      cell: (r) => [
        h(
          'div',
          { class: 'shots' },
          thumb(shots, r.screenshot_sha256, 'this domain'),
          thumb(shots, r.official_screenshot_sha256, 'official'),
        ),
        link('c', r.capture_id, 'capture'),
      ],
    },
  ];
}

/** Ascending by `sort`, unknown values (null) last whatever the direction; ties by domain. */
function sortedRows(rows, column, dir) {
  const key = (r) => column.sort(r);
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if ((x === null) !== (y === null)) return x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return c * dir || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
  });
}

/** The variants, sorted by a column; clicking a header sorts by it, clicking it again reverses. */
function variantTable(rows, shots, order) {
  const columns = variantColumns(shots);
  const by = columns.find((c) => c.key === order.key);
  const head = columns.map((c) => {
    if (!c.sort) return h('th', {}, c.label);
    const active = c.key === order.key;
    const th = h(
      'th',
      { class: 'sortable', data: { sort: c.key }, title: 'sort by this column' },
      c.label,
      active ? (order.dir < 0 ? ' ▼' : ' ▲') : '',
    );
    if (active) th.setAttribute('aria-sort', order.dir < 0 ? 'descending' : 'ascending');
    th.addEventListener('click', () => {
      const next = { key: c.key, dir: active ? -order.dir : 1 };
      document.getElementById('variants').replaceWith(variantTable(rows, shots, next));
    });
    return th;
  });
  return h(
    'table',
    { id: 'variants' },
    h('thead', {}, h('tr', {}, head)),
    h(
      'tbody',
      {},
      sortedRows(rows, by, order.dir).map((r) =>
        h(
          'tr',
          { data: { domain: r.domain } },
          columns.map((c) => h('td', { class: c.class }, c.cell(r))),
        ),
      ),
    ),
  );
}

async function brandPage(name) {
  const v = await api(`/brands/${encodeURIComponent(name)}/variants`);
  const b = v.brand;
  const wanted = new Set(
    [
      ...v.official.map((o) => o.screenshot_sha256),
      ...v.results.flatMap((r) => [r.screenshot_sha256, r.official_screenshot_sha256]),
    ].filter(Boolean),
  );
  const shots = new Map(await Promise.all([...wanted].map(async (s) => [s, await apiBlob(`/screenshots/${s}`)])));
  const verdicts = VERDICTS.map((x) => [x, v.results.filter((r) => r.verdict === x).length]).filter(([, n]) => n);
  show(
    h('h1', {}, 'Brand ', b.name),
    facts([
      ['official domains', b.domains.map((d) => [link('i', d), ' '])],
      ['keywords', b.keywords.join(', ') || text(null)],
      ['logos', b.logo_files.join(', ') || text(null)],
      ['project', text(b.project)],
      ['domains judged', verdicts.length ? verdicts.map(([x, n]) => [verdictBadge(x), ` ${n} `]) : '0'],
    ]),
    h('h2', {}, 'Official pages'),
    v.official.length
      ? h(
          'div',
          { class: 'shots official' },
          v.official.map((o) => thumb(shots, o.screenshot_sha256, o.host)),
        )
      : h('p', { class: 'muted' }, 'no screenshot of an official page in the store (a brand run takes them)'),
    h('h2', {}, `Look-alike domains (${v.results.length})`),
    v.results.length
      ? variantTable(v.results, shots, { key: 'score', dir: -1 })
      : h('p', { class: 'muted' }, `no brand run judged a domain yet: vucrawl brand run ${b.name} --once`),
  );
}

// ---- the graph

/** Node kinds and their colours; a cause's colour is picked from the palette by its name. */
const NODE_COLOURS = { host: '#1f5fbf', tracker: '#d9822b', hash: '#2e8b57' };
const PALETTE = [
  '#c0392b',
  '#8e44ad',
  '#2980b9',
  '#16a085',
  '#d35400',
  '#7f8c8d',
  '#27ae60',
  '#e84393',
  '#6c5ce7',
  '#b7950b',
  '#00838f',
  '#5d4037',
];
function colourOf(cause) {
  let n = 0;
  for (const ch of cause) n = (n * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[n % PALETTE.length];
}

let cy;

async function graphPage(host, hops) {
  const g = await api(`/graph/${encodeURIComponent(host)}?hops=${hops}`);
  const container = h('div', { id: 'graph' });
  const causes = [...new Set(g.edges.filter((e) => e.kind === 'pair').map((e) => e.relation))].sort();
  show(
    h('h1', {}, 'Neighbourhood of ', link('i', g.host)),
    h(
      'div',
      { class: 'controls' },
      'hops:',
      [1, 2, 3].map((n) =>
        n === hops ? h('strong', {}, String(n)) : h('a', { route: route('g', g.host, `?hops=${n}`) }, String(n)),
      ),
      h(
        'span',
        { class: 'muted' },
        `${g.nodes.length} nodes, ${g.edges.length} edges${g.truncated ? ' (cut at the node limit)' : ''}; click a node to pivot on it`,
      ),
    ),
    h(
      'div',
      { class: 'graph-wrap' },
      container,
      h(
        'ul',
        { class: 'legend' },
        Object.entries(NODE_COLOURS).map(([kind, colour]) =>
          h(
            'li',
            {},
            swatch(colour, 'node'),
            kind === 'hash' ? 'body (SHA-256) shared by hosts' : kind === 'tracker' ? 'tracker ID' : 'host',
          ),
        ),
        causes.map((c) => h('li', {}, swatch(colourOf(c)), c)),
      ),
    ),
  );
  cy?.destroy();
  cy = window.cytoscape({
    container,
    elements: [
      ...g.nodes.map((n) => ({
        data: { ...n, colour: NODE_COLOURS[n.kind], root: n.kind === 'host' && n.value === g.host ? 1 : 0 },
      })),
      ...g.edges.map((e) => ({
        data: { ...e, colour: e.kind === 'pair' ? colourOf(e.relation) : NODE_COLOURS[e.kind] },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'background-color': 'data(colour)',
          'font-size': 9,
          color: '#1d2430',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          width: 14,
          height: 14,
        },
      },
      {
        selector: 'node[root = 1]',
        style: { width: 24, height: 24, 'border-width': 3, 'border-color': '#0b2e63', 'font-weight': 'bold' },
      },
      { selector: 'node[kind = "tracker"]', style: { shape: 'diamond' } },
      { selector: 'node[kind = "hash"]', style: { shape: 'hexagon' } },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(relation)',
          'font-size': 7,
          color: '#5f6b7a',
          'text-rotation': 'autorotate',
        },
      },
      { selector: 'edge[kind != "pair"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
    ],
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true },
    wheelSensitivity: 0.3,
    maxZoom: 2, // a graph of two hosts is not blown up to the whole panel
  });
  // Clicking a node pivots on it.
  cy.on('tap', 'node', (e) => {
    location.hash = `#/${route('i', e.target.data('value'))}`;
  });
}

function swatch(colour, kind = 'edge') {
  const s = h('span', { class: `swatch ${kind}` });
  s.style.backgroundColor = colour;
  return s;
}

/** For tests and tools: the graph's model (not its pixels), and where a node is drawn in the page. */
window.__vucrawl = {
  graph: () => (cy ? { nodes: cy.nodes().map((n) => n.data()), edges: cy.edges().map((e) => e.data()) } : undefined),
  nodePosition: (id) => {
    const p = cy.getElementById(id).renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  },
};

// ---- routing

const ROUTES = [
  [/^#\/i\/([^?]+)$/, (m) => indicatorPage(decodeURIComponent(m[1]), false)],
  [/^#\/site\/([^?]+)$/, (m) => indicatorPage(decodeURIComponent(m[1]), true)],
  [/^#\/g\/([^?]+)(?:\?hops=([123]))?$/, (m) => graphPage(decodeURIComponent(m[1]), Number(m[2] ?? 2))],
  [/^#\/c\/([^?]+)$/, (m) => capturePage(decodeURIComponent(m[1]))],
  [/^#\/h\/([^?]+)$/, (m) => historyPage(decodeURIComponent(m[1]))],
  [/^#\/cloaking(?:\/([^?]+))?$/, (m) => cloakingPage(m[1] && decodeURIComponent(m[1]))],
  [/^#\/cmp\/([^?]+)$/, (m) => comparisonPage(decodeURIComponent(m[1]))],
  [/^#\/brands$/, () => brandsPage()],
  [/^#\/brand\/([^?]+)$/, (m) => brandPage(decodeURIComponent(m[1]))],
];

async function guarded(page) {
  show(h('p', { class: 'muted' }, 'loading…'));
  try {
    await page();
  } catch (e) {
    show(h('p', { class: 'error' }, e.message));
  }
  document.body.dataset.ready = location.hash;
}

function render() {
  const value = /^#\/(?:i|site|g|h|cloaking)\/([^?]+)/.exec(location.hash)?.[1];
  // The box shows what the view is about, and nothing left over from the view before.
  document.getElementById('q').value = value ? decodeURIComponent(value) : '';
  for (const [pattern, page] of ROUTES) {
    const m = pattern.exec(location.hash);
    if (m) return guarded(() => page(m));
  }
  home();
  document.body.dataset.ready = location.hash;
}

document.getElementById('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (q) location.hash = `#/${route(document.getElementById('site').checked ? 'site' : 'i', q)}`;
});
window.addEventListener('hashchange', render);
void render();
