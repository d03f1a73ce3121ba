// What a page, a frame or a worker can read of the browser it runs in: the detection page
// (detect.js) loads it in every realm and compares. A classic script that works in a
// window and in dedicated, shared and service workers alike; it defines readIdentity().
self.readIdentity = async function readIdentity() {
  const g = self;
  const n = navigator;
  const isWindow = typeof document !== 'undefined';
  const realm = isWindow ? 'window'
    : typeof ServiceWorkerGlobalScope !== 'undefined' && g instanceof ServiceWorkerGlobalScope ? 'service-worker'
      : typeof SharedWorkerGlobalScope !== 'undefined' && g instanceof SharedWorkerGlobalScope ? 'shared-worker' : 'worker';
  const options = Intl.DateTimeFormat().resolvedOptions();
  const id = {
    realm,
    userAgent: n.userAgent,
    appVersion: n.appVersion,
    platform: n.platform,
    vendor: n.vendor,
    webdriver: n.webdriver,
    languages: Array.from(n.languages || []),
    language: n.language,
    hardwareConcurrency: n.hardwareConcurrency,
    deviceMemory: 'deviceMemory' in n ? n.deviceMemory : null,
    timezone: options.timeZone,
    locale: options.locale,
    timezoneOffsets: [new Date(2026, 0, 15).getTimezoneOffset(), new Date(2026, 6, 15).getTimezoneOffset()],
    brands: n.userAgentData ? n.userAgentData.brands.map((b) => `${b.brand}/${b.version}`) : null,
    uaPlatform: n.userAgentData ? n.userAgentData.platform : null,
    uaMobile: n.userAgentData ? n.userAgentData.mobile : null,
    highEntropy: n.userAgentData ? await n.userAgentData.getHighEntropyValues(['architecture', 'bitness', 'model', 'platformVersion', 'fullVersionList', 'formFactors', 'wow64']) : null,
    webgl: webgl(),
    connection: n.connection ? { rtt: n.connection.rtt, effectiveType: n.connection.effectiveType, type: 'type' in n.connection ? n.connection.type : null } : null,
    notification: typeof Notification !== 'undefined' ? Notification.permission : null,
    nativeCode: nativeCode(),
  };
  if (isWindow) Object.assign(id, await windowOnly());
  return id;

  function webgl() {
    try {
      const canvas = isWindow ? document.createElement('canvas') : new OffscreenCanvas(1, 1);
      const gl = canvas.getContext('webgl');
      if (!gl) return null;
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return info ? { vendor: gl.getParameter(info.UNMASKED_VENDOR_WEBGL), renderer: gl.getParameter(info.UNMASKED_RENDERER_WEBGL) } : null;
    } catch (e) {
      return { error: String(e) };
    }
  }

  /** Functions a stealth tool would replace, and whether each still reads as the browser's own code. */
  function nativeCode() {
    const getter = (proto, prop) => { const d = proto && Object.getOwnPropertyDescriptor(proto, prop); return d && d.get; };
    const navProto = Object.getPrototypeOf(n);
    const fns = {
      'Function.prototype.toString': Function.prototype.toString,
      'navigator.platform': getter(navProto, 'platform'),
      'navigator.languages': getter(navProto, 'languages'),
      'navigator.hardwareConcurrency': getter(navProto, 'hardwareConcurrency'),
      'navigator.deviceMemory': getter(navProto, 'deviceMemory'),
      'navigator.webdriver': getter(navProto, 'webdriver'),
      'WebGLRenderingContext.getParameter': g.WebGLRenderingContext && g.WebGLRenderingContext.prototype.getParameter,
    };
    if (isWindow) {
      fns['navigator.plugins'] = getter(navProto, 'plugins');
      fns['PluginArray.length'] = getter(g.PluginArray.prototype, 'length');
      fns['SpeechSynthesis.getVoices'] = g.SpeechSynthesis && g.SpeechSynthesis.prototype.getVoices;
      fns['window.outerHeight'] = getter(g, 'outerHeight');
    }
    const out = {};
    for (const [name, fn] of Object.entries(fns)) {
      if (typeof fn !== 'function') continue;
      const text = Function.prototype.toString.call(fn);
      out[name] = /^function [\w $]*\(\) \{ \[native code\] \}$/.test(text) && !('prototype' in fn) && (fn.name === '' || text.includes(fn.name));
    }
    return out;
  }

  async function windowOnly() {
    const media = await n.mediaDevices.enumerateDevices().catch(() => []);
    const permission = async (name) => { try { return (await n.permissions.query({ name })).state; } catch (e) { return 'error'; } };
    const automation = ['webdriver', '_Selenium_IDE_Recorder', '_selenium', 'callSelenium', 'calledSelenium', 'callPhantom', '_phantom', '__nightmare', 'domAutomation', 'domAutomationController', '__webdriver_script_fn', '__driver_evaluate', '__playwright__binding__', '__pwInitScripts', '__puppeteer_evaluation_script__']
      .filter((k) => k in g || k in document);
    const cdc = Object.getOwnPropertyNames(g).concat(Object.getOwnPropertyNames(document)).filter((k) => /^\$?cdc_|^\$?wdc_|^__(pw|playwright|puppeteer)/.test(k));
    return {
      plugins: Array.from(n.plugins, (p) => p.name),
      pluginsAreArray: n.plugins instanceof PluginArray,
      mimeTypes: Array.from(n.mimeTypes, (m) => m.type),
      pdfViewerEnabled: n.pdfViewerEnabled,
      chrome: g.chrome ? Object.keys(g.chrome) : null,
      screen: { width: screen.width, height: screen.height, availWidth: screen.availWidth, availHeight: screen.availHeight, colorDepth: screen.colorDepth },
      window: { innerWidth: g.innerWidth, innerHeight: g.innerHeight, outerWidth: g.outerWidth, outerHeight: g.outerHeight },
      devicePixelRatio: g.devicePixelRatio,
      maxTouchPoints: n.maxTouchPoints,
      pointer: matchMedia('(pointer: coarse)').matches ? 'coarse' : matchMedia('(pointer: fine)').matches ? 'fine' : 'none',
      hover: matchMedia('(hover: hover)').matches,
      mediaDevices: media.map((d) => ({ kind: d.kind, label: d.label })),
      voices: speechSynthesis.getVoices().map((v) => ({ name: v.name, lang: v.lang, localService: v.localService, default: v.default })),
      permissions: { geolocation: await permission('geolocation'), notifications: await permission('notifications'), camera: await permission('camera'), microphone: await permission('microphone') },
      automation: automation.concat(cdc),
      documentAttributes: document.documentElement.getAttributeNames(),
      sinkId: 'sinkId' in HTMLMediaElement.prototype,
      referrer: document.referrer,
    };
  }
};
