// What Chromium cannot be told by a switch or a DevTools command, said in the page itself:
// evaluated before any of the page's own code in every realm of a virtual user (each
// document and frame, each dedicated, shared and service worker), with the InPageSpec of
// identity.ts as its one argument. Browser code, kept plain JavaScript on purpose: it is
// read from here and sent to Chromium as it is.
//
// Every replacement looks like what it replaces: a getter stays a getter of the same name
// with the same property attributes, Function.prototype.toString shows it as native code,
// a wrong `this` still throws the native "Illegal invocation". A value the engine already
// reports right is left alone.
(function (spec) {
  'use strict';
  const g = globalThis;
  const isWindow = typeof g.document !== 'undefined';
  const define = Object.defineProperty;
  const describe = Object.getOwnPropertyDescriptor;
  const nativeToString = Function.prototype.toString;
  /** A replacement -> the source text of the native it replaces. */
  const sources = new WeakMap();
  const toString = new Proxy(nativeToString, {
    apply(target, self, args) {
      return sources.has(self) ? sources.get(self) : Reflect.apply(target, self, args);
    },
  });
  sources.set(toString, nativeToString.call(nativeToString));
  define(Function.prototype, 'toString', { ...describe(Function.prototype, 'toString'), value: toString });

  /** Replaces the getter of obj[prop] with impl(nativeGetter), called on the same `this`. */
  function getter(obj, prop, impl) {
    const d = describe(obj, prop);
    if (!d || !d.get) return;
    const native = d.get;
    const get = describe({ get [prop]() { return impl.call(this, native); } }, prop).get;
    sources.set(get, nativeToString.call(native));
    define(obj, prop, { ...d, get });
  }

  /** Replaces the method obj[name] with impl(nativeMethod, args), called on the same `this`. */
  function method(obj, name, impl) {
    const d = describe(obj, name);
    if (!d || typeof d.value !== 'function') return;
    const native = d.value;
    const fn = { [name](...args) { return impl.call(this, native, args); } }[name];
    define(fn, 'length', { value: native.length });
    sources.set(fn, nativeToString.call(native));
    define(obj, name, { ...d, value: fn });
  }

  /** A new accessor that throws the native "Illegal invocation" off its own prototype (checked with a native getter of the same interface). */
  function accessor(proto, prop, brandCheck, get, set) {
    const desc = { get [prop]() { brandCheck.call(this); return get.call(this); }, set [prop](v) { brandCheck.call(this); set.call(this, v); } };
    const d = describe(desc, prop);
    sources.set(d.get, `function get ${prop}() { [native code] }`);
    sources.set(d.set, `function set ${prop}() { [native code] }`);
    define(proto, prop, { get: d.get, set: set ? d.set : undefined, enumerable: true, configurable: true });
  }

  const NavigatorProto = isWindow ? g.Navigator.prototype : g.WorkerNavigator.prototype;
  const nav = g.navigator;

  // Workers: DevTools sets navigator.platform for documents only.
  if (!isWindow && nav.platform !== spec.platform) getter(NavigatorProto, 'platform', function (native) { native.call(this); return spec.platform; });

  if (spec.languages) {
    const languages = Object.freeze(spec.languages.slice());
    getter(NavigatorProto, 'languages', function (native) { native.call(this); return languages; });
    getter(NavigatorProto, 'language', function (native) { native.call(this); return languages[0]; });
  }

  if (nav.hardwareConcurrency !== spec.hardwareConcurrency) {
    getter(NavigatorProto, 'hardwareConcurrency', function (native) { native.call(this); return spec.hardwareConcurrency; });
  }

  // Client hints, where DevTools had not set them yet (a shared or service worker that started first).
  const uaData = nav.userAgentData;
  const hints = spec.userAgentData;
  if (uaData && g.NavigatorUAData && (uaData.platform !== hints.platform || uaData.mobile !== hints.mobile || JSON.stringify(uaData.brands) !== JSON.stringify(hints.brands))) {
    const proto = g.NavigatorUAData.prototype;
    const brands = Object.freeze(hints.brands.map((b) => ({ brand: b.brand, version: b.version })));
    const low = () => ({ brands: hints.brands.map((b) => ({ brand: b.brand, version: b.version })), mobile: hints.mobile, platform: hints.platform });
    const high = { architecture: hints.architecture, bitness: hints.bitness, formFactors: hints.formFactors, fullVersionList: hints.fullVersionList, model: hints.model, platformVersion: hints.platformVersion, uaFullVersion: hints.fullVersion, wow64: hints.wow64 };
    getter(proto, 'brands', function (native) { native.call(this); return brands; });
    getter(proto, 'mobile', function (native) { native.call(this); return hints.mobile; });
    getter(proto, 'platform', function (native) { native.call(this); return hints.platform; });
    method(proto, 'toJSON', function (native, args) { Reflect.apply(native, this, args); return low(); });
    method(proto, 'getHighEntropyValues', function (native, args) {
      return Reflect.apply(native, this, args).then(() => {
        const values = low();
        for (const hint of Array.from(args[0] || [])) if (hint in high) values[hint] = JSON.parse(JSON.stringify(high[hint]));
        // In the order Chrome gives them: by name.
        return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
      });
    });
  }

  if ('deviceMemory' in nav && nav.deviceMemory !== spec.deviceMemory) {
    getter(NavigatorProto, 'deviceMemory', function (native) { native.call(this); return spec.deviceMemory; });
  }

  // The graphics card: the engine renders with SwiftShader and says so.
  for (const Context of [g.WebGLRenderingContext, g.WebGL2RenderingContext]) {
    if (!Context) continue;
    method(Context.prototype, 'getParameter', function (native, args) {
      const value = Reflect.apply(native, this, args);
      if (typeof value !== 'string') return value;
      if (args[0] === 0x9245) return spec.webgl.vendor; // UNMASKED_VENDOR_WEBGL
      if (args[0] === 0x9246) return spec.webgl.renderer; // UNMASKED_RENDERER_WEBGL
      return value;
    });
  }

  // navigator.connection is read lazily: reading it while a worker is held at its start crashes the renderer.
  if (g.NetworkInformation) {
    const proto = g.NetworkInformation.prototype;
    const nativeRtt = describe(proto, 'rtt')?.get;
    if (nativeRtt) getter(proto, 'rtt', function (native) { const rtt = native.call(this); return rtt === 0 ? spec.network.rtt : rtt; });
    // Chrome on Android says what the connection is, and when that changes.
    if (spec.network.type && nativeRtt && !('type' in proto)) {
      const handlers = new WeakMap();
      accessor(proto, 'type', nativeRtt, () => spec.network.type);
      accessor(proto, 'ontypechange', nativeRtt, function () { return handlers.get(this) ?? null; }, function (v) { handlers.set(this, typeof v === 'function' || (typeof v === 'object' && v !== null) ? v : null); });
    }
  }

  // A first visit: nobody has answered the notification prompt yet (the headless shell says "denied").
  if (g.Notification && g.Notification.permission === 'denied') {
    getter(g.Notification, 'permission', function (native) { native.call(this); return spec.notificationPermission; });
  }

  if (!isWindow) return;

  if (spec.noSinkId) {
    for (const Element of [g.HTMLMediaElement, g.AudioContext]) {
      if (!Element) continue;
      delete Element.prototype.sinkId;
      delete Element.prototype.setSinkId;
    }
  }

  // The browser's window: the headless shell draws no toolbars, so the outer size is the inner one.
  if (spec.outerWindow) {
    getter(g, 'outerWidth', function (native) { native.call(this); return spec.outerWindow.width; });
    getter(g, 'outerHeight', function (native) { native.call(this); return spec.outerWindow.height; });
  }

  // Speech voices: the operating system's and the browser's (the engine here has none).
  if (g.SpeechSynthesis && g.SpeechSynthesisVoice) {
    const proto = g.SpeechSynthesisVoice.prototype;
    const data = new WeakMap();
    const voices = spec.voices.map((v) => {
      const voice = Object.create(proto);
      data.set(voice, { voiceURI: v.name, name: v.name, lang: v.lang, localService: v.localService, default: v.default });
      return voice;
    });
    for (const prop of ['voiceURI', 'name', 'lang', 'localService', 'default']) {
      getter(proto, prop, function (native) { const d = data.get(this); return d ? d[prop] : native.call(this); });
    }
    method(g.SpeechSynthesis.prototype, 'getVoices', function (native, args) { Reflect.apply(native, this, args); return voices.slice(); });
  }

  pluginsAndMimeTypes();
  chromeObject();

  /** navigator.plugins and mimeTypes as the claimed Chrome lists them: the PDF viewer's five names on a desktop, none on Android. */
  function pluginsAndMimeTypes() {
    const want = spec.plugins === 'pdf' ? 5 : 0;
    if (!g.PluginArray || nav.plugins.length === want) return;
    const state = new WeakMap();
    const make = (proto, items, names, fields) => {
      const o = Object.create(proto);
      items.forEach((item, i) => define(o, i, { value: item, writable: false, enumerable: true, configurable: true }));
      names.forEach((name, i) => { if (!(name in o)) define(o, name, { value: items[i], writable: false, enumerable: false, configurable: true }); });
      state.set(o, { items, names, ...fields });
      return o;
    };
    const pdf = { suffixes: 'pdf', description: 'Portable Document Format' };
    const pluginNames = want ? ['PDF Viewer', 'Chrome PDF Viewer', 'Chromium PDF Viewer', 'Microsoft Edge PDF Viewer', 'WebKit built-in PDF'] : [];
    const mimeNames = want ? ['application/pdf', 'text/pdf'] : [];
    let first;
    const plugins = pluginNames.map((name) => {
      const mimes = mimeNames.map((type) => make(g.MimeType.prototype, [], [], { type, ...pdf, plugin: () => first }));
      const plugin = make(g.Plugin.prototype, mimes, mimeNames, { name, filename: 'internal-pdf-viewer', description: 'Portable Document Format' });
      first ??= plugin;
      return plugin;
    });
    const mimeTypes = mimeNames.map((type) => make(g.MimeType.prototype, [], [], { type, ...pdf, plugin: () => first }));
    const pluginArray = make(g.PluginArray.prototype, plugins, pluginNames, {});
    const mimeTypeArray = make(g.MimeTypeArray.prototype, mimeTypes, mimeNames, {});

    getter(g.Navigator.prototype, 'plugins', function (native) { native.call(this); return pluginArray; });
    getter(g.Navigator.prototype, 'mimeTypes', function (native) { native.call(this); return mimeTypeArray; });
    getter(g.Navigator.prototype, 'pdfViewerEnabled', function (native) { native.call(this); return want > 0; });
    const field = (proto, prop, read) => getter(proto, prop, function (native) { const s = state.get(this); return s ? read(s) : native.call(this); });
    const list = (proto) => {
      field(proto, 'length', (s) => s.items.length);
      method(proto, 'item', function (native, args) { const s = state.get(this); return s ? s.items[args[0] >>> 0] ?? null : Reflect.apply(native, this, args); });
      method(proto, 'namedItem', function (native, args) { const s = state.get(this); return s ? s.items[s.names.indexOf(String(args[0]))] ?? null : Reflect.apply(native, this, args); });
    };
    list(g.PluginArray.prototype);
    list(g.MimeTypeArray.prototype);
    list(g.Plugin.prototype);
    method(g.PluginArray.prototype, 'refresh', function (native, args) { if (!state.has(this)) return Reflect.apply(native, this, args); });
    for (const prop of ['name', 'filename', 'description']) field(g.Plugin.prototype, prop, (s) => s[prop]);
    for (const prop of ['type', 'suffixes', 'description']) field(g.MimeType.prototype, prop, (s) => s[prop]);
    field(g.MimeType.prototype, 'enabledPlugin', (s) => s.plugin());
  }

  /** window.chrome as that Chrome has it: loadTimes() and csi() everywhere, chrome.app on a desktop. */
  function chromeObject() {
    const have = g.chrome ? Object.keys(g.chrome) : [];
    if (have.join() === spec.chrome.join()) return;
    if (g.chrome) {
      for (const key of have) if (!spec.chrome.includes(key)) delete g.chrome[key];
      return;
    }
    const anonymous = (impl) => {
      const fn = (0, function () { return impl(); });
      sources.set(fn, 'function () { [native code] }');
      return fn;
    };
    const named = (impl) => {
      const fn = impl;
      sources.set(fn, `function ${fn.name}() { [native code] }`);
      return fn;
    };
    const seconds = (ms) => (ms ? (performance.timeOrigin + ms) / 1000 : 0);
    const navigation = () => performance.getEntriesByType('navigation')[0];
    const chrome = {};
    chrome.loadTimes = anonymous(() => {
      const n = navigation();
      const paint = performance.getEntriesByName('first-paint')[0];
      const protocol = n ? n.nextHopProtocol : '';
      return {
        requestTime: seconds(n ? n.startTime || 0.001 : 0.001), startLoadTime: seconds(n ? n.startTime || 0.001 : 0.001),
        commitLoadTime: seconds(n ? n.responseStart : 0), finishDocumentLoadTime: seconds(n ? n.domContentLoadedEventEnd : 0),
        finishLoadTime: seconds(n ? n.loadEventEnd : 0), firstPaintTime: seconds(paint ? paint.startTime : 0), firstPaintAfterLoadTime: 0,
        navigationType: 'Other', wasFetchedViaSpdy: protocol === 'h2' || protocol === 'h3', wasNpnNegotiated: protocol === 'h2' || protocol === 'h3',
        npnNegotiatedProtocol: protocol === 'h2' || protocol === 'h3' ? protocol : '', wasAlternateProtocolAvailable: false, connectionInfo: protocol || 'unknown',
      };
    });
    chrome.csi = anonymous(() => {
      const n = navigation();
      return { startE: Math.round(performance.timeOrigin), onloadT: Math.round(performance.timeOrigin + (n && n.loadEventEnd ? n.loadEventEnd : performance.now())), pageT: performance.now(), tran: 15 };
    });
    if (spec.chrome.includes('app')) {
      const app = { isInstalled: false };
      const methods = {
        getDetails() { return null; },
        getIsInstalled() { return false; },
        installState(callback) { if (typeof callback === 'function') setTimeout(() => callback('not_installed'), 0); },
        runningState() { return 'cannot_run'; },
      };
      for (const [name, fn] of Object.entries(methods)) app[name] = named(fn);
      app.InstallState = { DISABLED: 'disabled', INSTALLED: 'installed', NOT_INSTALLED: 'not_installed' };
      app.RunningState = { CANNOT_RUN: 'cannot_run', READY_TO_RUN: 'ready_to_run', RUNNING: 'running' };
      chrome.app = app;
    }
    g.chrome = chrome;
  }
  // The timer book of the quiet settle rule (crawler/settle.ts): when each timeout this
  // document set is due, and its meta refresh's delay, so that the crawler stops waiting
  // once nothing is due within its settle window instead of waiting for a fixed quiet spell.
  // The crawler reads it by calling setTimeout with its secret key as the only argument, a
  // call no page makes (the key is never in the page); every other call does what it did.
  // An interval counts until its first run (what it does, it did once already).
  if (isWindow && spec.timerKey) {
    const perf = g.performance;
    const perfNow = g.Performance.prototype.now;
    const now = () => perfNow.call(perf);
    const doc = g.document;
    const querySelector = g.Document.prototype.querySelector;
    const metaContent = describe(g.HTMLMetaElement.prototype, 'content').get;
    /** Timer id -> when it is due (performance.now()); bounded, the past ones dropped first. */
    const due = new Map();
    const MAX_TIMERS = 1000;
    /** A timer a busy thread runs a little late is still due. */
    const LATE_MS = 50;
    const forget = (before) => { for (const [id, at] of due) if (at < before) due.delete(id); };
    const note = (id, delay) => {
      if (due.size >= MAX_TIMERS) forget(now() - LATE_MS);
      if (due.size < MAX_TIMERS) due.set(id, now() + Math.max(0, Number(delay) || 0));
    };
    const book = () => {
      const t = now();
      forget(t - LATE_MS);
      let next = -1;
      for (const at of due.values()) if (next < 0 || at - t < next) next = Math.max(0, at - t);
      const meta = querySelector.call(doc, 'meta[http-equiv="refresh" i]');
      const delay = meta && /^\s*(\d+(?:\.\d*)?)/.exec(metaContent.call(meta) || '');
      return { timerMs: next, refreshS: delay ? Number(delay[1]) : -1 };
    };
    const schedule = function (native, args) {
      if (args.length === 1 && args[0] === spec.timerKey) return book();
      const id = Reflect.apply(native, this, args);
      note(id, args[1]);
      return id;
    };
    method(g, 'setTimeout', schedule);
    method(g, 'setInterval', schedule);
    const clear = function (native, args) { due.delete(args[0]); return Reflect.apply(native, this, args); };
    method(g, 'clearTimeout', clear);
    method(g, 'clearInterval', clear);
  }
})
