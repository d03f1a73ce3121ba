// The detection page's checks, as an analyst's bot detector or a phishing kit's cloak would
// make them: FingerprintJS's BotD, and checks of our own that compare what the page, its
// frames (about:blank, srcdoc, another site's), its workers (dedicated, from a blob, shared,
// service) and the request headers the server saw say about the browser. A real person's
// Chrome passes every one. The report goes to POST /report (and into #verdict).
import { load } from '/botd.js';

const server = JSON.parse(document.getElementById('server-saw').textContent);
const checks = [];
const check = (id, where, pass, detail = '') => checks.push({ id, where, pass: Boolean(pass), detail: String(detail).slice(0, 300) });
const timeout = (ms, what) => new Promise((resolve) => setTimeout(() => resolve({ error: `${what}: no answer in ${ms} ms` }), ms));
const probeSource = await (await fetch('/probe.js')).text();

const page = await readIdentity();
const realms = {
  'iframe about:blank': await blankFrame(),
  'iframe srcdoc': await srcdocFrame(),
  'iframe other site': await otherSiteFrame(),
  'dedicated worker': await fromWorker(() => new Worker('/worker.js')),
  'blob worker': await fromWorker(() => new Worker(URL.createObjectURL(new Blob([`${probeSource}\nreadIdentity().then((id) => postMessage(id));`], { type: 'text/javascript' })))),
  'shared worker': await sharedWorker(),
  'service worker': await serviceWorker(),
};
const subresource = await (await fetch('/echo')).json();
const fromWorkerHeaders = await workerFetch();
const botd = await load({ monitoring: false }).then((d) => d.detect()).catch((e) => ({ bot: true, botKind: `error: ${e}` }));

pageChecks(page);
for (const [where, id] of Object.entries(realms)) realmChecks(where, id);
headerChecks('document request', server.document);
headerChecks('subresource (page)', subresource);
headerChecks('subresource (worker)', fromWorkerHeaders);

const report = { botd: { bot: botd.bot, botKind: botd.botKind ?? null }, checks, page };
document.getElementById('verdict').textContent = `${botd.bot ? `BotD: bot (${botd.botKind})` : 'BotD: not a bot'}; ${checks.filter((c) => !c.pass).length} of ${checks.length} checks failed`;
await fetch('/report', { method: 'POST', body: JSON.stringify(report) });

/** Which OS the user agent names, and what navigator.platform that OS's Chrome says. */
function osOf(ua) {
  if (/Android/.test(ua)) return { os: 'Android', platform: /^Linux (armv[78]|armv81|aarch64)/ };
  if (/Windows NT/.test(ua)) return { os: 'Windows', platform: /^Win32$/ };
  if (/Macintosh/.test(ua)) return { os: 'macOS', platform: /^MacIntel$/ };
  if (/CrOS/.test(ua)) return { os: 'Chrome OS', platform: /^Linux/ };
  if (/Linux/.test(ua)) return { os: 'Linux', platform: /^Linux (x86_64|i686|aarch64)/ };
  return { os: 'unknown', platform: /^$/ };
}

function pageChecks(p) {
  const os = osOf(p.userAgent);
  const android = os.os === 'Android';
  const major = /Chrome\/(\d+)\./.exec(p.userAgent)?.[1];
  check('webdriver', 'page', p.webdriver === false, `navigator.webdriver is ${p.webdriver}`);
  check('webdriver-native', 'page', p.nativeCode['navigator.webdriver'] && !Object.getOwnPropertyNames(navigator).includes('webdriver'), 'the webdriver getter is the browser\'s own');
  check('no-headless', 'page', !/headless/i.test(p.userAgent + p.appVersion + (p.brands || []).join()), p.userAgent);
  check('ua-reduced', 'page', /Chrome\/\d+\.0\.0\.0 (Mobile )?Safari\/537\.36$/.test(p.userAgent) && (!android || /Android 10; K\)/.test(p.userAgent)), p.userAgent);
  check('ua-platform', 'page', os.platform.test(p.platform), `${os.os} user agent, navigator.platform ${p.platform}`);
  check('vendor', 'page', p.vendor === 'Google Inc.', p.vendor);
  const brands = p.brands || [];
  check('client-hints-brands', 'page', brands.some((b) => b.startsWith('Google Chrome/')) && brands.some((b) => /^Not.A.Brand\//.test(b)) && brands.length === 3, brands.join(', '));
  check('client-hints-version', 'page', brands.filter((b) => /^(Google Chrome|Chromium)\//.test(b)).every((b) => b.endsWith(`/${major}`)), `${brands.join(', ')} vs Chrome/${major}`);
  check('client-hints-platform', 'page', p.uaPlatform === os.os && p.uaMobile === /Mobile/.test(p.userAgent), `${p.uaPlatform}, mobile ${p.uaMobile}`);
  const h = p.highEntropy || {};
  check('client-hints-high-entropy', 'page', /^\d+\.\d+\.\d+$/.test(h.platformVersion || '') && (android ? h.architecture === '' && h.bitness === '' && h.model !== '' : ['x86', 'arm'].includes(h.architecture) && ['64', '32'].includes(h.bitness) && h.model === '')
    && (h.fullVersionList || []).some((b) => b.brand === 'Google Chrome' && b.version.startsWith(`${major}.`) && b.version !== `${major}.0.0.0`), JSON.stringify(h).slice(0, 200));
  check('plugins', 'page', p.pluginsAreArray && (android ? p.plugins.length === 0 && p.mimeTypes.length === 0 && !p.pdfViewerEnabled : p.plugins.length === 5 && p.mimeTypes.length === 2 && p.pdfViewerEnabled), `${p.plugins.length} plugins, ${p.mimeTypes.length} MIME types, PDF viewer ${p.pdfViewerEnabled}`);
  check('window-chrome', 'page', p.chrome && p.chrome.includes('loadTimes') && p.chrome.includes('csi') && (android || p.chrome.includes('app')), `window.chrome: ${p.chrome}`);
  check('languages', 'page', p.languages.length > 0 && p.language === p.languages[0], p.languages.join(','));
  check('permissions-first-visit', 'page', p.permissions.geolocation === 'prompt' && p.permissions.notifications === 'prompt' && p.notification === 'default', `${JSON.stringify(p.permissions)}, Notification.permission ${p.notification}`);
  const expected = [new Date(2026, 0, 15), new Date(2026, 6, 15)].map((d) => offsetIn(p.timezone, d));
  check('timezone', 'page', JSON.stringify(expected) === JSON.stringify(p.timezoneOffsets), `${p.timezone}: Date says ${p.timezoneOffsets}, Intl ${expected}`);
  const s = p.screen;
  check('screen', 'page', s.availWidth <= s.width && s.availHeight <= s.height && (android || s.availHeight < s.height) && s.colorDepth >= 24, JSON.stringify(s));
  const w = p.window;
  check('window-geometry', 'page', android ? w.outerWidth > 0 && w.outerHeight > 0 : w.outerWidth >= w.innerWidth && w.outerHeight > w.innerHeight && w.outerHeight <= s.availHeight && w.outerWidth <= s.availWidth, JSON.stringify(w));
  check('touch', 'page', android ? p.maxTouchPoints > 0 && p.pointer === 'coarse' && !p.hover : p.maxTouchPoints === 0 && p.pointer === 'fine' && p.hover, `${p.maxTouchPoints} touch points, ${p.pointer} pointer, hover ${p.hover}`);
  check('hardware', 'page', p.hardwareConcurrency >= 4 && p.hardwareConcurrency <= 64 && p.deviceMemory >= 2, `${p.hardwareConcurrency} processors, ${p.deviceMemory} GiB`);
  const gl = p.webgl || {};
  check('webgl-renderer', 'page', gl.renderer && !/SwiftShader|llvmpipe|Mesa|Google Inc\. \(Google\)/i.test(`${gl.vendor} ${gl.renderer}`), `${gl.vendor} / ${gl.renderer}`);
  check('webgl-platform', 'page', os.os === 'Windows' ? /Direct3D|D3D11/.test(gl.renderer) : android ? !/ANGLE|Direct3D|Metal/.test(gl.renderer || 'ANGLE') : true, gl.renderer);
  check('media-devices', 'page', p.mediaDevices.some((d) => d.kind === 'audioinput') && p.mediaDevices.some((d) => d.kind === 'audiooutput') && p.mediaDevices.every((d) => d.label === ''), p.mediaDevices.map((d) => d.kind).join(','));
  check('speech-voices', 'page', p.voices.length > 0 && p.voices.filter((v) => v.default).length === 1 && p.voices.some((v) => v.lang.split('-')[0] === p.language.split('-')[0]), `${p.voices.length} voices`);
  check('native-code', 'page', Object.values(p.nativeCode).every(Boolean), Object.entries(p.nativeCode).filter(([, ok]) => !ok).map(([k]) => k).join(', ') || 'all native');
  check('no-automation-globals', 'page', p.automation.length === 0 && !p.documentAttributes.some((a) => /selenium|webdriver|driver/.test(a)), p.automation.join(','));
  check('android-apis', 'page', android ? p.connection && p.connection.type !== null && !p.sinkId : p.connection && p.connection.type === null && p.sinkId, `connection.type ${p.connection && p.connection.type}, sinkId ${p.sinkId}`);
  check('network-rtt', 'page', p.connection && p.connection.rtt > 0, `rtt ${p.connection && p.connection.rtt}`);
}

/** Date.getTimezoneOffset() as the named zone has it on that day (Intl's own offset, sign as Date gives it). */
function offsetIn(timeZone, date) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(date).find((x) => x.type === 'timeZoneName').value;
  const m = /GMT([+-])(\d+)(?::(\d+))?/.exec(name);
  return m ? (m[1] === '-' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : 0;
}

/** Every realm must say what the page says. */
function realmChecks(where, r) {
  if (!r || r.error) return check('same-identity', where, false, r ? r.error : 'no answer');
  const fields = ['userAgent', 'platform', 'languages', 'hardwareConcurrency', 'deviceMemory', 'timezone', 'locale', 'brands', 'uaPlatform', 'uaMobile', 'webgl', 'notification'];
  // navigator.webdriver is a window's only (WorkerNavigator has none).
  if (r.realm === 'window') fields.push('webdriver', 'plugins', 'mimeTypes', 'chrome', 'screen', 'maxTouchPoints', 'voices');
  const differ = fields.filter((f) => JSON.stringify(r[f]) !== JSON.stringify(page[f]));
  check('same-identity', where, differ.length === 0, differ.map((f) => `${f}: ${JSON.stringify(r[f])} vs ${JSON.stringify(page[f])}`).join('; ').slice(0, 300) || 'same');
  check('same-client-hints', where, JSON.stringify(r.highEntropy) === JSON.stringify(page.highEntropy), JSON.stringify(r.highEntropy).slice(0, 200));
  check('native-code', where, Object.values(r.nativeCode).every(Boolean), Object.entries(r.nativeCode).filter(([, ok]) => !ok).map(([k]) => k).join(', ') || 'all native');
}

/** A request's headers, as the server saw them (in order), against the page's identity. */
function headerChecks(where, raw) {
  if (!raw || !raw.names) return check('headers', where, false, 'no headers');
  const get = (name) => raw.values[raw.names.findIndex((n) => n.toLowerCase() === name)];
  const ua = get('user-agent');
  check('header-user-agent', where, ua === page.userAgent && !/headless/i.test(ua), ua);
  const chua = get('sec-ch-ua');
  const brands = (chua || '').split(', ').map((b) => b.replace(/^"(.*)";v="(.*)"$/, '$1/$2'));
  // Chrome sends no client hints with a dedicated worker's own requests; where it sends them, they are the page's.
  const hintsSent = chua !== undefined || !where.includes('worker');
  check('header-client-hints', where, !hintsSent || (JSON.stringify(brands) === JSON.stringify(page.brands) && get('sec-ch-ua-mobile') === (page.uaMobile ? '?1' : '?0') && get('sec-ch-ua-platform') === `"${page.uaPlatform}"`), `${chua} ${get('sec-ch-ua-mobile')} ${get('sec-ch-ua-platform')}`);
  const al = get('accept-language') || '';
  const tags = al.split(',').map((t) => t.split(';')[0]);
  const weighted = al.split(',').slice(1).every((t, i) => t.endsWith(`;q=${(Math.max(1, 9 - i) / 10).toFixed(1)}`));
  check('header-accept-language', where, JSON.stringify(tags) === JSON.stringify(page.languages) && weighted, al);
  // Chrome adds Accept-Encoding and then Accept-Language last of the headers the page did not set.
  const names = raw.names.map((n) => n.toLowerCase()).filter((n) => n !== 'cookie' && n !== 'priority');
  check('header-order', where, names.indexOf('accept-language') === names.length - 1 && names.indexOf('accept-encoding') === names.length - 2, names.join(','));
}

function blankFrame() {
  const f = document.createElement('iframe');
  document.body.appendChild(f);
  // Read at once, as a kit does: before anything of the frame's own could run.
  const quick = { webdriver: f.contentWindow.navigator.webdriver, plugins: f.contentWindow.navigator.plugins.length, chrome: typeof f.contentWindow.chrome };
  const s = f.contentDocument.createElement('script');
  s.textContent = probeSource;
  f.contentDocument.head.appendChild(s);
  return f.contentWindow.readIdentity().then((id) => ({ ...id, quick }));
}

function srcdocFrame() {
  const f = document.createElement('iframe');
  f.srcdoc = '<!doctype html><script src="/probe.js"></script>';
  const loaded = new Promise((resolve) => { f.onload = resolve; });
  document.body.appendChild(f);
  return Promise.race([loaded.then(() => f.contentWindow.readIdentity()), timeout(5000, 'srcdoc frame')]);
}

function otherSiteFrame() {
  const f = document.createElement('iframe');
  f.src = `https://frame.botcheck-frame.test/frame`;
  const answer = new Promise((resolve) => addEventListener('message', (e) => { if (e.origin === 'https://frame.botcheck-frame.test') resolve(e.data); }));
  document.body.appendChild(f);
  return Promise.race([answer, timeout(5000, 'frame of another site')]);
}

function fromWorker(make) {
  const w = make();
  return Promise.race([new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); w.onerror = (e) => resolve({ error: e.message }); }), timeout(5000, 'worker')]);
}

// Asked a second after it starts: a shared worker runs as soon as one client lets it, and
// gets the identity a moment later, so its very first statements may read the engine's own
// values (docs/virtual-users.md, what still shows). On a loaded machine that moment has been
// longer than the page's first message; this page measures whether the identity reaches it.
async function sharedWorker() {
  const w = new SharedWorker('/shared.js');
  const answer = new Promise((resolve) => { w.port.onmessage = (e) => resolve(e.data); });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  w.port.postMessage('identity');
  return Promise.race([answer, timeout(5000, 'shared worker')]);
}

async function serviceWorker() {
  try {
    const reg = await navigator.serviceWorker.register('/sw.js');
    const sw = reg.installing || reg.waiting || reg.active;
    const answer = new Promise((resolve) => { navigator.serviceWorker.onmessage = (e) => resolve(e.data); });
    const ask = () => sw.postMessage('identity');
    if (sw.state === 'activated') ask();
    else sw.addEventListener('statechange', () => { if (sw.state === 'activated') ask(); });
    return await Promise.race([answer, timeout(5000, 'service worker')]);
  } catch (e) {
    return { error: `service worker: ${e}` };
  }
}

function workerFetch() {
  const w = new Worker(URL.createObjectURL(new Blob([`fetch(${JSON.stringify(`${location.origin}/echo`)}).then((r) => r.json()).then((h) => postMessage(h));`], { type: 'text/javascript' })));
  return Promise.race([new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); }), timeout(5000, 'worker fetch')]);
}
