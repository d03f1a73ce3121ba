// The component catalog, as data: which technology each piece of evidence shows. find.ts
// is generic over it; adding a technology means adding an entry here, a positive and a
// near-miss case in test/unit/components.test.ts and a row in this folder's README.md.
//
// Every fingerprint is written from what the software itself emits (its Server and
// X-Powered-By headers, its generator meta tag, its cookie and file names, its global
// objects) and from vendors' documentation of their snippets and CDN paths. A pattern's
// first capture group, when it has one and it matched, is the version: a version is
// reported only where the evidence states it.
//
// Pattern rules, checked by the tests: only bounded quantifiers ({m,n}, ?), no `g` flag, at
// most one capture group; an `html` pattern also contains a literal (the finder looks for
// the literals of every html pattern in one pass over a document before running any).
import type { GlobalProbe } from '../../capture/probes.js';
import type { ComponentCategory } from '../events.js';
import {
  DRUPAL_MODULES,
  GENERATORS,
  type HostRow,
  JOOMLA_EXTENSIONS,
  LIBRARIES,
  type LibraryRow,
  PRESTASHOP_MODULES,
  SCRIPT_HOSTS,
  WP_PLUGINS,
  WP_THEMES,
} from './families.js';

/** A JavaScript global: present (any value) or, with `value`, a value it matches; `with`: another global that must be present too. */
export interface GlobalRule {
  path: GlobalProbe;
  value?: RegExp;
  with?: GlobalProbe;
}

export interface ComponentDefinition {
  name: string;
  category: ComponentCategory;
  /** Response header (lower case) -> a pattern on each line of its value. */
  headers?: Readonly<Record<string, RegExp>>;
  /** Cookie names: exact, or a pattern on the whole name. */
  cookies?: readonly (string | RegExp)[];
  /** `<meta name>` (lower case) -> a pattern on its content. */
  meta?: Readonly<Record<string, RegExp>>;
  /** Patterns on the URL of a script a document loaded (and on each file a combined bundle URL names). */
  scripts?: readonly RegExp[];
  /** Patterns on the URL of a stylesheet a document loaded (and on each file a combined bundle URL names). */
  stylesheets?: readonly RegExp[];
  globals?: readonly GlobalRule[];
  /** Patterns on a document's final DOM. */
  html?: readonly RegExp[];
  /** Shodan-style favicon hashes (MurmurHash3 of the base64 icon) of the icon the software ships. */
  favicons?: readonly number[];
  /** Patterns on the path and query of a request to the document's own site. */
  paths?: readonly RegExp[];
}

/** A version: digits and dots with an optional pre-release tag (3.1.0.beta3, 1.0.0-rc.1); .min or .v20230217 after it are not part of it. */
const V = String.raw`(\d{1,6}(?:\.\d{1,9}){0,4}(?:[-.]?(?:alpha|beta|rc|dev|pre)[.\d]{0,8})?)`;
/** A case-insensitive pattern; ${V} in it captures the version. */
const re = (s: TemplateStringsArray, ...parts: string[]): RegExp => new RegExp(String.raw(s, ...parts), 'i');
/** A global whose value is the version ("3.6.0", "v8.30.0", "8.26.0+commercial"). */
const VERSION = re`^v?${V}`;
const version = (path: GlobalProbe, more: Omit<GlobalRule, 'path' | 'value'> = {}): GlobalRule => ({
  path,
  value: VERSION,
  ...more,
});
const present = (path: GlobalProbe, more: Omit<GlobalRule, 'path'> = {}): GlobalRule => ({ path, ...more });
/** A Server token, `Name` or `Name/version`, ending at a space, a comment or the end ("nginx/1.25.3 (Ubuntu)", not "nginx-proxy"). */
const product = (name: string): RegExp => new RegExp(String.raw`^${name}(?:/${V})?(?=[\s(]|$)`, 'i');
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A package on npm CDNs (jsDelivr /npm/name@v/, unpkg /name@v/, a part of jsDelivr's /combine/): its version from the URL. */
const npm = (pkg: string): RegExp => new RegExp(String.raw`/${esc(pkg)}@${V}(?=[/?#]|$)`, 'i');
/** A script or stylesheet file by its name: /name.js, /name.min.js, /name-1.2.3.min.js (the version only from the name). */
const named = (name: string, ext = 'js'): RegExp =>
  new RegExp(String.raw`/${esc(name)}(?:[-.]v?${V})?(?:[.-]min)?\.${ext}(?:$|[?#])`, 'i');
/** cdnjs and Google's hosted libraries: /ajax/libs/<name>/<version>/. */
const libs = (name: string): RegExp => new RegExp(String.raw`/ajax/libs/${esc(name)}/${V}/`, 'i');
/** A plugin's own folder under WordPress's plugins path. */
const wpPlugin = (slug: string): RegExp => new RegExp(String.raw`^/wp-content/plugins/${slug}/`, 'i');

/** A library of families.ts: its npm package and cdnjs name (with the version), then its own file names. */
const library = ([name, category, pkg, cdnjs, js, css]: LibraryRow): ComponentDefinition => {
  // A folder named after the library holding a version folder (/lazysizes/5.3.2/, as mirrors of cdnjs lay it out): only for names too long to be a site's own folder.
  const cdn = [
    ...(pkg ? [npm(pkg)] : []),
    ...(cdnjs ? [libs(cdnjs)] : []),
    ...(cdnjs.length >= 6 ? [new RegExp(String.raw`/${esc(cdnjs)}/${V}/`, 'i')] : []),
  ];
  return {
    name,
    category,
    scripts: [...cdn, ...js.map((f) => named(f))],
    stylesheets: [...cdn, ...css.map((f) => named(f, 'css'))],
  };
};
/** A WordPress plugin's or theme's scripts and stylesheets, from whichever host serves them (the site, its CDN, a bundle). */
const wpAssets = (
  name: string,
  category: ComponentCategory,
  folder: 'plugins' | 'themes',
  slugs: readonly string[],
  output: readonly string[] = [],
): ComponentDefinition => {
  const rules = [...slugs.map((slug) => `${folder}/${slug}`), ...output].map(
    (f) => new RegExp(String.raw`/wp-content/${esc(f)}/`, 'i'),
  );
  return { name, category, scripts: rules, stylesheets: rules };
};
/** A hosted service of families.ts: one rule per host (each keyed by its own literal, so a URL runs only its host's). */
const hosted = ([name, category, prefixes]: HostRow): ComponentDefinition => {
  const rules = prefixes.map((p) => {
    const wild = p.startsWith('*.');
    const rest = esc(wild ? p.slice(2) : p);
    return new RegExp(
      String.raw`^https?://${wild ? String.raw`[\w-]{1,64}\.` : ''}${rest}${p.includes('/') ? '' : '/'}`,
      'i',
    );
  });
  return { name, category, scripts: rules, stylesheets: rules };
};
/** Assets under a folder of the site's CMS, from whichever host serves them: `folder` is a pattern. */
const assetsUnder = (name: string, category: ComponentCategory, folders: readonly string[]): ComponentDefinition => {
  const rules = folders.map((f) => new RegExp(f, 'i'));
  return { name, category, scripts: rules, stylesheets: rules };
};
/** A generator tag's prefix, then the version when one follows it. */
const generator = ([name, category, prefix]: readonly [string, ComponentCategory, string]): ComponentDefinition => ({
  name,
  category,
  meta: { generator: new RegExp(String.raw`^${esc(prefix)}(?:[ /]v?${V})?(?![\w.])`, 'i') },
});
/** A third-party service by the URLs of its scripts. */
const service = (name: string, category: ComponentCategory, ...scripts: RegExp[]): ComponentDefinition => ({
  name,
  category,
  scripts,
});

export const COMPONENT_CATALOG: readonly ComponentDefinition[] = [
  // ----- Servers -----
  { name: 'nginx', category: 'Server', headers: { server: product('nginx') } },
  { name: 'Apache HTTP Server', category: 'Server', headers: { server: product('Apache') } },
  { name: 'Microsoft IIS', category: 'Server', headers: { server: product('Microsoft-IIS') } },
  {
    name: 'LiteSpeed',
    category: 'Server',
    headers: { server: re`^LiteSpeed$`, 'x-litespeed-cache': re`^(?:hit|miss)` },
  },
  { name: 'OpenResty', category: 'Server', headers: { server: product('openresty') } },
  { name: 'Caddy', category: 'Server', headers: { server: re`^Caddy$` } },
  { name: 'Tengine', category: 'Server', headers: { server: product('Tengine') } },
  { name: 'Cowboy', category: 'Server', headers: { server: re`^Cowboy$` } },
  { name: 'Jetty', category: 'Server', headers: { server: re`^Jetty(?:\(${V})?` } },
  { name: 'Gunicorn', category: 'Server', headers: { server: product('gunicorn') } },
  { name: 'Werkzeug', category: 'Server', headers: { server: product('Werkzeug') } },
  { name: 'Uvicorn', category: 'Server', headers: { server: re`^uvicorn$` } },
  { name: 'Hypercorn', category: 'Server', headers: { server: re`^hypercorn-h(?:11|2|3)$` } },
  { name: 'Waitress', category: 'Server', headers: { server: re`^waitress$` } },
  { name: 'CherryPy', category: 'Server', headers: { server: product('CherryPy') } },
  { name: 'TornadoServer', category: 'Server', headers: { server: product('TornadoServer') } },
  { name: 'Twisted Web', category: 'Server', headers: { server: product('TwistedWeb') } },
  { name: 'Kestrel', category: 'Server', headers: { server: re`^Kestrel$` } },
  { name: 'Microsoft HTTPAPI', category: 'Server', headers: { server: product('Microsoft-HTTPAPI') } },
  { name: 'lighttpd', category: 'Server', headers: { server: product('lighttpd') } },
  // Apache-Coyote is Tomcat's connector (its /1.1 is the protocol); the default error page names the release.
  {
    name: 'Apache Tomcat',
    category: 'Server',
    headers: { server: re`^Apache-Coyote/` },
    html: [re`<h3>Apache Tomcat/${V}</h3>`],
  },
  {
    name: 'Envoy',
    category: 'Reverse Proxy',
    headers: { server: re`^envoy$`, 'x-envoy-upstream-service-time': re`^\d` },
  },
  {
    name: 'GlassFish',
    category: 'Server',
    headers: { server: re`^GlassFish Server Open Source Edition(?:\s{1,3}${V})?` },
  },
  { name: 'WildFly', category: 'Server', headers: { 'x-powered-by': re`^Undertow(?:/\d{1,3})?$` } },
  { name: 'SonicWall SSL VPN', category: 'Remote Access', headers: { server: re`^SonicWALL SSL-VPN Web Server$` } },

  // ----- Extensions, languages, operating systems (from the Server and X-Powered-By tokens) -----
  {
    name: 'OpenSSL',
    category: 'Web Server Extension',
    headers: { server: re`\bOpenSSL/(\d{1,2}\.\d{1,2}\.\d{1,2}[a-z]{0,2})` },
  },
  { name: 'mod_perl', category: 'Web Server Extension', headers: { server: re`\bmod_perl/${V}` } },
  { name: 'mod_wsgi', category: 'Web Server Extension', headers: { server: re`\bmod_wsgi/${V}` } },
  { name: 'mod_fcgid', category: 'Web Server Extension', headers: { server: re`\bmod_fcgid/${V}` } },
  { name: 'mod_jk', category: 'Web Server Extension', headers: { server: re`\bmod_jk/${V}` } },
  { name: 'mod_python', category: 'Web Server Extension', headers: { server: re`\bmod_python/${V}` } },
  {
    name: 'Phusion Passenger',
    category: 'Web Server Extension',
    headers: { server: re`\bPhusion_Passenger(?:/${V})?`, 'x-powered-by': re`^Phusion Passenger(?:\(R\))?(?: ${V})?` },
  },
  {
    name: 'PHP',
    category: 'Programming Language',
    headers: { 'x-powered-by': re`^PHP(?:/${V})?$`, server: re`\bPHP/${V}` },
    cookies: ['PHPSESSID'],
  },
  { name: 'Python', category: 'Programming Language', headers: { server: re`\b(?:C?Python)/${V}` } },
  { name: 'Perl', category: 'Programming Language', headers: { server: re`\bPerl/v${V}|^Mojolicious \(Perl\)$` } },
  { name: 'Erlang', category: 'Programming Language', headers: { server: re`\(Erlang OTP/(\d{1,3})\)` } },
  { name: 'Java', category: 'Programming Language', cookies: ['JSESSIONID'] },
  { name: 'Ubuntu', category: 'Operating System', headers: { server: re`\(Ubuntu\)` } },
  { name: 'Debian', category: 'Operating System', headers: { server: re`\(Debian\)` } },
  { name: 'CentOS', category: 'Operating System', headers: { server: re`\(CentOS\)` } },
  {
    name: 'Red Hat Enterprise Linux',
    category: 'Operating System',
    headers: { server: re`\(Red Hat(?: Enterprise Linux)?\)` },
  },
  { name: 'Fedora', category: 'Operating System', headers: { server: re`\(Fedora\)` } },
  { name: 'FreeBSD', category: 'Operating System', headers: { server: re`\(FreeBSD\)` } },
  { name: 'Windows', category: 'Operating System', headers: { server: re`^Microsoft-IIS/|\(Win(?:32|64)\)` } },

  // ----- CDNs, hosting, caches, security -----
  {
    name: 'Cloudflare',
    category: 'CDN',
    headers: { server: re`^cloudflare$`, 'cf-ray': re`^[0-9a-f]{16}-[A-Z]{3}$` },
    cookies: ['__cf_bm', '__cflb', '__cfruid', 'cf_clearance'],
    paths: [re`^/cdn-cgi/`],
  },
  {
    name: 'Amazon CloudFront',
    category: 'CDN',
    headers: { 'x-amz-cf-id': re`^[\w=-]{20,100}$`, 'x-amz-cf-pop': re`^[A-Z]{3}\d{1,3}-` },
  },
  {
    name: 'Fastly',
    category: 'CDN',
    headers: { 'x-served-by': re`^cache-[a-z0-9-]{4,40}-[A-Z]{3}(?:,|$)`, 'x-fastly-request-id': re`^[0-9a-f]{40}$` },
  },
  {
    name: 'Akamai',
    category: 'CDN',
    headers: { server: re`^Akamai(?:GHost|NetStorage)$`, 'x-akamai-transformed': re`^\d{1,2} ` },
  },
  { name: 'Azure Front Door', category: 'CDN', headers: { 'x-azure-ref': re`^[\w+/=-]{20,200}$` } },
  { name: 'KeyCDN', category: 'CDN', headers: { server: re`^keycdn-engine$` } },
  { name: 'Bunny CDN', category: 'CDN', headers: { server: re`^BunnyCDN-[A-Z]{2}` } },
  {
    name: 'Varnish',
    category: 'Cache',
    headers: {
      'x-varnish': re`^\d{1,12}(?: \d{1,12})?$`,
      via: re`^1\.1 [^\s,]{1,100} \(Varnish/${V}\)|^1\.1 varnish(?:$|[\s,])`,
    },
  },
  { name: 'Sucuri', category: 'Security', headers: { server: re`^Sucuri/Cloudproxy$`, 'x-sucuri-id': re`^\d{3,8}$` } },
  {
    name: 'Imperva',
    category: 'Security',
    headers: { 'x-cdn': re`^Incapsula$`, 'x-iinfo': re`^\d{1,3}-\d{3,12}-` },
    cookies: [/^visid_incap_\d{1,10}$/, /^incap_ses_\d{1,6}_\d{1,10}$/],
  },
  { name: 'DDoS-Guard', category: 'Security', headers: { server: re`^ddos-guard$` }, cookies: ['__ddg1_', '__ddg2_'] },
  { name: 'Netlify', category: 'Hosting', headers: { server: re`^Netlify$`, 'x-nf-request-id': re`^[0-9A-Z]{26}$` } },
  { name: 'Vercel', category: 'Hosting', headers: { server: re`^Vercel$`, 'x-vercel-id': re`^[a-z]{3}\d::` } },
  { name: 'GitHub Pages', category: 'Hosting', headers: { server: re`^GitHub\.com$` } },
  { name: 'Heroku', category: 'Hosting', headers: { via: re`^1\.1 vegur$` } },
  { name: 'Fly.io', category: 'Hosting', headers: { server: re`^Fly/[0-9a-f]{6,12}` } },
  { name: 'Amazon S3', category: 'Hosting', headers: { server: re`^AmazonS3$` } },
  {
    name: 'Google Cloud Storage',
    category: 'Hosting',
    headers: {
      server: re`^UploadServer$`,
      'x-goog-storage-class': re`^(?:STANDARD|NEARLINE|COLDLINE|ARCHIVE|MULTI_REGIONAL|REGIONAL)$`,
    },
  },
  {
    name: 'F5 BIG-IP',
    category: 'Load Balancer',
    headers: { server: re`^BigIP$` },
    cookies: [/^BIGipServer[\w.~-]{1,120}$/],
  },
  { name: 'Citrix ADC', category: 'Load Balancer', cookies: [/^NSC_[\w.~-]{1,80}$/] },

  // ----- Remote access, webmail, control panels -----
  { name: 'Citrix Gateway', category: 'Remote Access', paths: [re`^/vpn/index\.html`, re`^/logon/LogonPoint/`] },
  { name: 'Ivanti Connect Secure', category: 'Remote Access', paths: [re`^/dana-na/`], cookies: ['DSSignInURL'] },
  {
    name: 'Fortinet FortiGate SSL VPN',
    category: 'Remote Access',
    paths: [re`^/remote/login(?:check)?(?:[/?]|$)`],
    cookies: ['SVPNCOOKIE'],
  },
  { name: 'Palo Alto GlobalProtect', category: 'Remote Access', paths: [re`^/global-protect/(?:login\.esp|portal/)`] },
  {
    name: 'Cisco ASA WebVPN',
    category: 'Remote Access',
    paths: [re`^/\+CSCOE\+/`],
    cookies: ['webvpn', 'webvpnlogin'],
  },
  {
    name: 'F5 BIG-IP APM',
    category: 'Remote Access',
    paths: [re`^/my\.policy`],
    cookies: ['MRHSession', 'LastMRH_Session'],
  },
  { name: 'Microsoft RD Web Access', category: 'Remote Access', paths: [re`^/RDWeb/`] },
  {
    name: 'Outlook Web App',
    category: 'Webmail',
    headers: { 'x-owa-version': re`^${V}$` },
    paths: [re`^/owa/(?:auth/|auth\.owa|$)`],
  },
  {
    name: 'Roundcube',
    category: 'Webmail',
    cookies: ['roundcube_sessid'],
    globals: [present('rcmail.env')],
    favicons: [-1754690812],
  },
  { name: 'SquirrelMail', category: 'Webmail', cookies: ['SQMSESSID'] },
  { name: 'Zimbra', category: 'Webmail', cookies: ['ZM_TEST', 'ZM_AUTH_TOKEN'] },
  {
    name: 'cPanel',
    category: 'Control Panel',
    headers: { server: product('cpsrvd') },
    cookies: ['cprelogin', 'cpsession'],
  },
  { name: 'Plesk', category: 'Control Panel', headers: { 'x-powered-by': re`^Plesk(?:Lin|Win)$` } },
  { name: 'Webmin', category: 'Control Panel', headers: { server: product('MiniServ') } },
  { name: 'DirectAdmin', category: 'Control Panel', headers: { server: re`^DirectAdmin Daemon v${V}` } },

  // ----- Web applications -----
  { name: 'Jenkins', category: 'Web Application', headers: { 'x-jenkins': re`^${V}`, 'x-hudson': re`^${V}` } },
  {
    name: 'Grafana',
    category: 'Web Application',
    cookies: ['grafana_session'],
    globals: [version('grafanaBootData.settings.buildInfo.version')],
  },
  {
    name: 'Kibana',
    category: 'Web Application',
    headers: { 'kbn-version': re`^${V}$`, 'kbn-name': re`^[\w.-]{1,100}$` },
  },
  { name: 'phpMyAdmin', category: 'Web Application', cookies: ['phpMyAdmin', 'pma_lang'], favicons: [-476231906] },
  { name: 'Zabbix', category: 'Web Application', cookies: ['zbx_session', 'zbx_sessionid'], favicons: [892542951] },
  { name: 'GitLab', category: 'Web Application', cookies: ['_gitlab_session'] },
  { name: 'Gitea', category: 'Web Application', cookies: ['i_like_gitea'] },
  { name: 'Gogs', category: 'Web Application', cookies: ['i_like_gogs'] },
  { name: 'Nextcloud', category: 'Web Application', cookies: ['nc_sameSiteCookielax', 'nc_sameSiteCookiestrict'] },
  { name: 'Confluence', category: 'Web Application', headers: { 'x-confluence-request-time': re`^\d{10,16}$` } },
  { name: 'Jira', category: 'Web Application', meta: { 'application-name': re`^JIRA$` } },
  {
    name: 'Swagger UI',
    category: 'Web Application',
    html: [re`<div id="swagger-ui"`],
    scripts: [npm('swagger-ui-dist'), re`/swagger-ui-bundle\.js(?:$|\?)`],
  },
  { name: 'MinIO', category: 'Database', headers: { server: re`^MinIO$` } },
  { name: 'CouchDB', category: 'Database', headers: { server: re`^CouchDB/${V}` } },
  { name: 'Elasticsearch', category: 'Database', headers: { 'x-elastic-product': re`^Elasticsearch$` } },
  { name: 'InfluxDB', category: 'Database', headers: { 'x-influxdb-version': re`^v?${V}` } },

  // ----- Server-side frameworks -----
  { name: 'Express', category: 'Framework', headers: { 'x-powered-by': re`^Express$` }, cookies: ['connect.sid'] },
  { name: 'Laravel', category: 'Framework', cookies: ['laravel_session'] },
  {
    name: 'Django',
    category: 'Framework',
    cookies: ['csrftoken', 'django_language'],
    html: [re`<input type="hidden" name="csrfmiddlewaretoken"`],
  },
  { name: 'Ruby on Rails', category: 'Framework', meta: { 'csrf-param': re`^authenticity_token$` } },
  {
    name: 'ASP.NET',
    category: 'Framework',
    headers: { 'x-powered-by': re`^ASP\.NET$`, 'x-aspnet-version': re`^${V}$` },
    cookies: ['ASP.NET_SessionId', '.ASPXAUTH', '.ASPXANONYMOUS'],
    html: [re`<input type="hidden" name="__VIEWSTATE"`],
  },
  {
    name: 'ASP.NET MVC',
    category: 'Framework',
    headers: { 'x-aspnetmvc-version': re`^${V}$` },
    cookies: ['__RequestVerificationToken'],
  },
  {
    name: 'ASP.NET Core',
    category: 'Framework',
    cookies: [/^\.AspNetCore\.(?:Antiforgery\.[\w-]{6,20}|Session|Cookies|Identity\.Application)$/],
  },
  { name: 'Blazor', category: 'Framework', scripts: [re`/_framework/blazor\.(?:server|webassembly|web)\.js(?:$|\?)`] },
  { name: 'CodeIgniter', category: 'Framework', cookies: ['ci_session'] },
  { name: 'CakePHP', category: 'Framework', cookies: ['CAKEPHP'] },
  { name: 'Symfony', category: 'Framework', headers: { 'x-debug-token-link': re`/_profiler/[0-9a-f]{6}` } },
  { name: 'Yii', category: 'Framework', cookies: ['YII_CSRF_TOKEN'] },
  { name: 'Adobe ColdFusion', category: 'Framework', cookies: ['CFID', 'CFTOKEN'] },
  { name: 'Play Framework', category: 'Framework', cookies: ['PLAY_SESSION'] },
  { name: 'Phoenix', category: 'Framework', html: [re`\sdata-phx-(?:main|session)[=\s>]`] },
  { name: 'Spring Boot', category: 'Framework', html: [re`<h1>Whitelabel Error Page</h1>`] },
  { name: 'JavaServer Faces', category: 'Framework', html: [re`\sname="(?:javax|jakarta)\.faces\.ViewState"`] },
  { name: 'Mojolicious', category: 'Framework', headers: { server: re`^Mojolicious \(Perl\)$` } },
  { name: 'Tornado', category: 'Framework', headers: { server: product('TornadoServer') } },
  {
    name: 'Socket.IO',
    category: 'Framework',
    paths: [re`^/socket\.io/(?:socket\.io(?:\.min)?\.js|\?(?:[^#]{0,200}&)?EIO=\d)`],
  },
  {
    name: 'Next.js',
    category: 'JavaScript Framework',
    headers: { 'x-powered-by': re`^Next\.js(?: ${V})?` },
    globals: [version('next.version'), present('__NEXT_DATA__.buildId')],
    html: [re`<script id="__NEXT_DATA__"`],
    paths: [re`^/_next/static/`],
  },
  {
    name: 'Nuxt',
    category: 'JavaScript Framework',
    globals: [present('__NUXT__')],
    html: [re`<div id="__nuxt"`],
    paths: [re`^/_nuxt/`],
  },
  {
    name: 'SvelteKit',
    category: 'JavaScript Framework',
    html: [re`\sdata-sveltekit-(?:preload-data|preload-code|reload|noscroll)[=\s>]`],
    paths: [re`^/_app/immutable/`],
  },
  {
    name: 'Gatsby',
    category: 'JavaScript Framework',
    meta: { generator: re`^Gatsby(?: ${V})?(?![\w.])` },
    html: [re`<div id="___gatsby"`],
  },

  // ----- CMS and site builders -----
  {
    name: 'WordPress',
    category: 'CMS',
    meta: { generator: re`^WordPress(?: ${V})?(?![\w.])` },
    headers: { link: re`rel="https://api\.w\.org/"` },
    html: [re`<link rel="https://api\.w\.org/"`, re`\sclass="(?:[^"<>]{0,200}\s)?wp-block-[a-z]{2,40}[\s"-]`],
    cookies: ['wordpress_test_cookie', /^wp-settings-(?:time-)?\d{1,9}$/, /^wordpress_logged_in_[0-9a-f]{32}$/],
    globals: [present('wp.i18n')],
    paths: [re`^/wp-(?:content|includes)/`],
    // Jetpack's CDN serves core's files under core's version.
    scripts: [re`^https://c0\.wp\.com/c/${V}/wp-includes/`],
    stylesheets: [re`^https://c0\.wp\.com/c/${V}/wp-includes/`],
  },
  {
    name: 'Drupal',
    category: 'CMS',
    meta: { generator: re`^Drupal(?: (\d{1,2}))?(?=[\s(]|$)` },
    headers: {
      'x-generator': re`^Drupal(?: (\d{1,2}))?(?=[\s(]|$)`,
      'x-drupal-cache': re`^(?:HIT|MISS)$`,
      'x-drupal-dynamic-cache': re`^(?:HIT|MISS|UNCACHEABLE)`,
    },
    cookies: [/^S?SESS[0-9a-f]{32}$/],
    globals: [present('Drupal.behaviors')],
    html: [re`<script type="application/json" data-drupal-selector="drupal-settings-json"`],
    paths: [re`^/sites/(?:default|all)/(?:files|modules|themes)/`, re`^/(?:core/)?misc/drupal\.js`],
  },
  {
    name: 'Joomla',
    category: 'CMS',
    meta: { generator: re`^Joomla!` },
    globals: [present('Joomla.getOptions')],
    paths: [re`^/media/(?:jui|system/js)/`, re`^/components/com_[a-z]{2,30}/`],
  },
  { name: 'TYPO3', category: 'CMS', meta: { generator: re`^TYPO3 CMS` }, paths: [re`^/typo3(?:conf|temp)/`] },
  { name: 'Ghost', category: 'CMS', meta: { generator: re`^Ghost(?: ${V})?(?![\w.])` }, paths: [re`^/ghost/api/`] },
  { name: 'Hugo', category: 'CMS', meta: { generator: re`^Hugo ${V}` } },
  { name: 'Jekyll', category: 'CMS', meta: { generator: re`^Jekyll v${V}` } },
  { name: 'Hexo', category: 'CMS', meta: { generator: re`^Hexo ${V}` } },
  { name: 'Eleventy', category: 'CMS', meta: { generator: re`^Eleventy v${V}` } },
  { name: 'Astro', category: 'JavaScript Framework', meta: { generator: re`^Astro v${V}` } },
  { name: 'Docusaurus', category: 'CMS', meta: { generator: re`^Docusaurus v${V}` } },
  { name: 'VitePress', category: 'CMS', meta: { generator: re`^VitePress v${V}` } },
  { name: 'MkDocs', category: 'CMS', meta: { generator: re`^mkdocs-${V}` } },
  { name: 'Material for MkDocs', category: 'CMS', meta: { generator: re`\bmkdocs-material-${V}` } },
  {
    name: 'Sphinx',
    category: 'CMS',
    html: [re`Created using <a href="https?://www\.sphinx-doc\.org/">Sphinx</a> ${V}`],
    paths: [re`/_static/documentation_options\.js(?:$|\?)`],
  },
  { name: 'Docutils', category: 'CMS', meta: { generator: re`^Docutils ${V}` } },
  { name: 'Doxygen', category: 'CMS', meta: { generator: re`^Doxygen ${V}` } },
  { name: 'Quarto', category: 'CMS', meta: { generator: re`^quarto-${V}` } },
  { name: 'Blogger', category: 'CMS', meta: { generator: re`^Blogger$` } },
  {
    name: 'Webflow',
    category: 'CMS',
    meta: { generator: re`^Webflow$` },
    scripts: [re`^https://(?:assets|cdn\.prod)\.website-files\.com/`],
    html: [re`<html[^<>]{0,500}\sdata-wf-(?:page|site)=`],
    globals: [present('Webflow.require')],
  },
  {
    name: 'Wix',
    category: 'CMS',
    meta: { generator: re`^Wix\.com Website Builder$` },
    headers: { 'x-wix-request-id': re`^[0-9a-f.]{10,80}$`, server: re`^Pepyaka(?:/${V})?$` },
    scripts: [re`^https://static\.parastorage\.com/`],
  },
  {
    name: 'Framer Sites',
    category: 'CMS',
    scripts: [re`^https://framerusercontent\.com/sites/`],
    meta: { generator: re`^Framer [0-9a-f]{6,40}$` },
  },
  { name: 'Duda', category: 'CMS', scripts: [re`^https://(?:irp\.cdn-website\.com|irp-cdn\.multiscreensite\.com)/`] },
  { name: 'Strikingly', category: 'CMS', scripts: [re`^https://static-assets\.strikinglycdn\.com/`] },
  {
    name: 'Squarespace',
    category: 'CMS',
    headers: { server: re`^Squarespace$` },
    scripts: [
      re`^https://(?:static1\.squarespace\.com/static/|assets\.squarespace\.com/universal/scripts-compressed/)`,
    ],
    globals: [present('Static.SQUARESPACE_CONTEXT')],
    html: [re`<!-- This is Squarespace\. -->`],
  },
  { name: 'GoDaddy Website Builder', category: 'CMS', meta: { generator: re`Go ?Daddy Website Builder(?: ${V})?` } },
  { name: 'Craft CMS', category: 'CMS', headers: { 'x-powered-by': re`^Craft CMS$` }, cookies: ['CraftSessionId'] },
  {
    name: 'Concrete CMS',
    category: 'CMS',
    meta: { generator: re`^(?:concrete5|Concrete CMS)(?: - ${V})?` },
    cookies: ['CONCRETE5'],
  },
  { name: 'Sitecore', category: 'CMS', cookies: ['SC_ANALYTICS_GLOBAL_COOKIE'], paths: [re`^/[-~]/media/`] },
  { name: 'Adobe Experience Manager', category: 'CMS', paths: [re`^/etc\.clientlibs/`, re`^/etc/designs/`] },
  { name: 'DNN', category: 'CMS', cookies: ['.DOTNETNUKE', 'dnn_IsMobile'] },
  { name: 'Sitefinity', category: 'CMS', meta: { generator: re`^Sitefinity ${V}` } },
  { name: 'Kentico', category: 'CMS', cookies: ['CMSPreferredCulture', 'CMSCsrfCookie'] },
  {
    name: 'Liferay',
    category: 'CMS',
    headers: { 'liferay-portal': re`^Liferay[A-Za-z ]{0,60} ${V}` },
    cookies: ['GUEST_LANGUAGE_ID', 'COOKIE_SUPPORT'],
    globals: [present('Liferay.ThemeDisplay')],
  },
  { name: 'MediaWiki', category: 'CMS', meta: { generator: re`^MediaWiki ${V}` }, globals: [present('mw.config')] },
  {
    name: 'DokuWiki',
    category: 'CMS',
    meta: { generator: re`^DokuWiki` },
    cookies: ['DokuWiki'],
    favicons: [-630493013],
  },
  { name: 'Discourse', category: 'CMS', meta: { generator: re`^Discourse ${V}` } },
  {
    name: 'phpBB',
    category: 'CMS',
    cookies: [/^phpbb3_[a-z0-9]{1,10}_(?:sid|u|k)$/],
    html: [re`Powered by <a href="https?://www\.phpbb\.com/"`],
  },
  {
    name: 'vBulletin',
    category: 'CMS',
    meta: { generator: re`^vBulletin ${V}` },
    cookies: ['bblastvisit', 'bblastactivity'],
  },
  { name: 'XenForo', category: 'CMS', cookies: ['xf_session', 'xf_csrf'] },
  { name: 'MyBB', category: 'CMS', cookies: ['mybb[lastvisit]', 'mybb[lastactive]'] },
  { name: 'Invision Community', category: 'CMS', cookies: [/^ips4_[A-Za-z_]{2,40}$/] },
  { name: 'Moodle', category: 'CMS', cookies: ['MoodleSession'], globals: [present('M.cfg.wwwroot')] },
  { name: 'Odoo', category: 'CMS', meta: { generator: re`^Odoo$` } },
  { name: 'HubSpot CMS', category: 'CMS', meta: { generator: re`^HubSpot$` } },

  // ----- WordPress plugins -----
  {
    name: 'WooCommerce',
    category: 'E-commerce',
    meta: { generator: re`^WooCommerce ${V}` },
    cookies: ['woocommerce_items_in_cart', 'woocommerce_cart_hash', /^wp_woocommerce_session_[0-9a-f]{32}$/],
    paths: [wpPlugin('woocommerce')],
    html: [re`<body\s[^<>]{0,50}class="(?:[^"<>]{0,500}\s)?woocommerce-(?:no-)?js[\s"]`],
  },
  {
    name: 'Elementor',
    category: 'Page Builder',
    meta: { generator: re`^Elementor ${V}` },
    paths: [wpPlugin('elementor')],
    html: [re`\sdata-elementor-type="[a-z-]{2,30}"`],
  },
  {
    name: 'Slider Revolution',
    category: 'CMS Plugin',
    meta: { generator: re`^Powered by Slider Revolution ${V}` },
    paths: [wpPlugin('revslider')],
  },
  {
    name: 'WPBakery Page Builder',
    category: 'Page Builder',
    meta: { generator: re`^Powered by WPBakery Page Builder` },
    paths: [wpPlugin('js_composer')],
    html: [re`\sclass="vc_row wpb_row[\s"]`],
  },
  { name: 'Site Kit by Google', category: 'CMS Plugin', meta: { generator: re`^Site Kit by Google ${V}` } },
  {
    name: 'WPML',
    category: 'CMS Plugin',
    meta: { generator: re`^WPML ver:${V}` },
    paths: [wpPlugin('sitepress-multilingual-cms')],
  },
  // Each SEO plugin marks its structured data's script with its own class (what stays when a minifier drops the comment).
  {
    name: 'Yoast SEO',
    category: 'SEO',
    html: [
      re`<!-- This site is optimized with the Yoast SEO (?:Premium )?plugin v${V}`,
      re`<script type="application/ld\+json" class="yoast-schema-graph(?: yoast-schema-graph--main)?"`,
    ],
  },
  {
    name: 'Rank Math',
    category: 'SEO',
    html: [
      re`<!-- Search Engine Optimization by Rank Math(?: PRO)? - https://rankmath\.com/ -->`,
      re`<script type="application/ld\+json" class="rank-math-schema(?:-pro)?"`,
    ],
  },
  { name: 'The SEO Framework', category: 'SEO', html: [re`<!-- The SEO Framework by Sybre Waaijer -->`] },
  {
    name: 'All in One SEO',
    category: 'SEO',
    meta: { generator: re`^All in One SEO (?:Pro )?\(AIOSEO\) ${V}` },
    html: [
      re`<!-- All in One SEO(?: Pro)? ${V} - aioseo\.com -->`,
      re`<!-- All in One SEO Pack(?: Pro)? ${V} by Michael Torbert`,
      re`<script type="application/ld\+json" class="aioseo-schema"`,
    ],
    paths: [wpPlugin('all-in-one-seo-pack(?:-pro)?')],
  },
  {
    name: 'W3 Total Cache',
    category: 'CMS Plugin',
    html: [re`Performance optimized by W3 Total Cache`],
    paths: [re`^/wp-content/cache/minify/`, wpPlugin('w3-total-cache')],
  },
  {
    name: 'WP Rocket',
    category: 'CMS Plugin',
    html: [re`This website is like a Rocket, isn't it\? Performance optimized by WP Rocket`],
    paths: [re`^/wp-content/cache/(?:min|busting)/\d{1,4}/`, wpPlugin('wp-rocket')],
  },
  {
    name: 'Jetpack',
    category: 'CMS Plugin',
    paths: [wpPlugin('jetpack')],
    scripts: [re`^https://c0\.wp\.com/p/jetpack/${V}/`, re`^https://stats\.wp\.com/e-\d{6}\.js`],
    stylesheets: [re`^https://c0\.wp\.com/p/jetpack/${V}/`],
  },
  { name: 'Contact Form 7', category: 'CMS Plugin', paths: [wpPlugin('contact-form-7')] },
  {
    name: 'Akismet',
    category: 'CMS Plugin',
    paths: [wpPlugin('akismet')],
    scripts: [re`/wp-content/plugins/akismet/`],
    html: [re`<input type="hidden" id="ak_js_\d{1,3}" name="ak_js"`, re`\sname="akismet_comment_nonce"`],
  },

  // ----- E-commerce, payment -----
  {
    name: 'Shopify',
    category: 'E-commerce',
    headers: { 'x-shopid': re`^\d{1,15}$`, 'x-shopify-stage': re`^[a-z]{3,20}$` },
    cookies: ['_shopify_y', '_shopify_s'],
    globals: [present('Shopify.shop')],
    scripts: [re`^https://cdn\.shopify\.com/s/`],
    paths: [re`^/cdn/shop/`],
  },
  {
    name: 'Magento',
    category: 'E-commerce',
    headers: { 'x-magento-tags': re`.`, 'x-magento-cache-debug': re`^(?:HIT|MISS)$` },
    cookies: ['mage-cache-storage', 'mage-cache-sessid', 'mage-messages'],
    html: [re`<script type="text/x-magento-init"`],
    paths: [re`^/static/(?:version\d{1,12}/)?frontend/`, re`^/skin/frontend/`],
  },
  {
    name: 'PrestaShop',
    category: 'E-commerce',
    cookies: [/^PrestaShop-[0-9a-f]{32}$/],
    html: [re`<script type="text/javascript">\s{0,20}var prestashop = \{`],
  },
  {
    name: 'OpenCart',
    category: 'E-commerce',
    cookies: ['OCSESSID'],
    paths: [re`^/catalog/view/(?:theme|javascript)/`],
    html: [
      re`\shref="[^"<>]{0,200}/index\.php\?route=(?:common/home|product/category|account/login|checkout/cart|information/contact)`,
    ],
  },
  {
    name: 'BigCommerce',
    category: 'E-commerce',
    scripts: [re`^https://cdn\d{1,2}\.bigcommerce\.com/s-[a-z0-9]{6,12}/`],
  },
  {
    name: 'Salesforce Commerce Cloud',
    category: 'E-commerce',
    cookies: ['dwsid', /^dwanonymous_[0-9a-f]{32}$/],
    paths: [re`^/on/demandware\.(?:store|static)/`],
  },
  { name: 'Shopware', category: 'E-commerce', cookies: ['sw-cache-hash'] },
  { name: 'Ecwid', category: 'E-commerce', scripts: [re`^https://app\.ecwid\.com/script\.js`] },
  {
    name: 'Stripe',
    category: 'Payment',
    scripts: [re`^https://js\.stripe\.com/v(\d{1,2})/`],
    globals: [present('Stripe.version')],
  },
  {
    name: 'PayPal',
    category: 'Payment',
    scripts: [re`^https://www\.paypal\.com/sdk/js\?`, re`^https://www\.paypalobjects\.com/api/checkout(?:\.min)?\.js`],
    globals: [version('paypal.version')],
  },
  { name: 'Braintree', category: 'Payment', scripts: [re`^https://js\.braintreegateway\.com/web/(?:dropin/)?${V}/`] },
  {
    name: 'Adyen',
    category: 'Payment',
    scripts: [re`^https://checkoutshopper-[a-z-]{4,20}\.adyen\.com/checkoutshopper/sdk/${V}/`],
  },
  { name: 'Square', category: 'Payment', scripts: [re`^https://(?:sandbox\.)?web\.squarecdn\.com/v1/square\.js`] },
  { name: 'Klarna', category: 'Payment', scripts: [re`^https://x\.klarnacdn\.net/kp/lib/v1/api\.js`] },

  // ----- JavaScript libraries -----
  {
    name: 'jQuery',
    category: 'JavaScript Library',
    globals: [version('jQuery.fn.jquery')],
    scripts: [
      re`/jquery-${V}(?:\.slim)?(?:\.min)?\.js(?:$|\?)`,
      npm('jquery'),
      libs('jquery'),
      re`/wp-includes/js/jquery/jquery(?:\.min)?\.js\?ver=${V}`,
      re`/jquery/${V}/(?:dist/)?jquery(?:\.slim)?(?:\.min)?\.js(?:$|[?#])`,
      named('jquery'),
      re`/jquery(?:\.slim)?(?:\.min)?\.js(?:$|[?#])`,
    ],
  },
  {
    name: 'jQuery UI',
    category: 'JavaScript Library',
    globals: [version('jQuery.ui.version')],
    scripts: [
      re`//code\.jquery\.com/ui/${V}/jquery-ui(?:\.min)?\.js`,
      libs('jqueryui'),
      npm('jquery-ui'),
      re`/jquery-ui-${V}(?:\.custom)?(?:\.min)?\.js(?:$|[?#])`,
      // WordPress registers its jQuery UI files under jQuery UI's own version.
      re`/wp-includes/js/jquery/ui/(?:core|widget)(?:\.min)?\.js\?ver=${V}`,
      re`/wp-includes/js/jquery/ui/[a-z-]{2,30}(?:\.min)?\.js(?:$|[?#])`,
      re`/jquery-ui(?:\.custom)?(?:\.min)?\.js(?:$|[?#])`,
      re`/jquery\.ui\.(?:core|widget)(?:\.min)?\.js(?:$|[?#])`,
    ],
    stylesheets: [
      re`//code\.jquery\.com/ui/${V}/themes/`,
      libs('jqueryui'),
      re`/jquery-ui(?:-${V})?(?:\.custom)?(?:\.min)?\.css(?:$|[?#])`,
    ],
  },
  {
    name: 'jQuery Migrate',
    category: 'JavaScript Library',
    globals: [version('jQuery.migrateVersion')],
    scripts: [
      re`/jquery-migrate-${V}(?:\.min)?\.js`,
      re`/wp-includes/js/jquery/jquery-migrate(?:\.min)?\.js\?ver=${V}`,
    ],
  },
  {
    name: 'Bootstrap',
    category: 'UI Framework',
    globals: [version('bootstrap.Tooltip.VERSION'), version('jQuery.fn.tooltip.Constructor.VERSION')],
    scripts: [
      npm('bootstrap'),
      libs('bootstrap'),
      libs('twitter-bootstrap'),
      re`\.bootstrapcdn\.com/(?:twitter-)?bootstrap/${V}/`,
      re`/bootstrap/${V}/(?:dist/)?(?:js/)?bootstrap(?:\.bundle)?(?:\.min)?\.js(?:$|[?#])`,
      named('bootstrap'),
      re`/bootstrap\.bundle(?:\.min)?\.js(?:$|[?#])`,
    ],
    stylesheets: [
      npm('bootstrap'),
      libs('bootstrap'),
      libs('twitter-bootstrap'),
      re`\.bootstrapcdn\.com/(?:twitter-)?bootstrap/${V}/`,
      re`/bootstrap/${V}/(?:dist/)?(?:css/)?bootstrap(?:\.min)?\.css(?:$|[?#])`,
      named('bootstrap', 'css'),
      re`/bootstrap-(?:theme|grid|reboot)(?:\.min)?\.css(?:$|[?#])`,
    ],
  },
  {
    name: 'React',
    category: 'JavaScript Framework',
    globals: [version('React.version')],
    scripts: [npm('react'), libs('react')],
    html: [re`\sdata-reactroot[=\s>]`],
  },
  {
    name: 'Vue.js',
    category: 'JavaScript Framework',
    globals: [version('Vue.version'), present('__VUE__')],
    scripts: [npm('vue'), libs('vue')],
    html: [re`\sdata-v-app[=\s>]`, re`\sdata-v-[0-9a-f]{8}[=\s>]`],
  },
  {
    name: 'AngularJS',
    category: 'JavaScript Framework',
    globals: [version('angular.version.full')],
    scripts: [npm('angular'), libs('angular\\.js'), libs('angularjs')],
    html: [re`\s(?:data-)?ng-app[=\s>]`],
  },
  { name: 'Angular', category: 'JavaScript Framework', html: [re`\sng-version="${V}"`] },
  {
    name: 'Svelte',
    category: 'JavaScript Framework',
    html: [re`\sclass="(?:[^"<>]{0,200}\s)?svelte-[a-z0-9]{5,8}[\s"]`],
  },
  {
    name: 'Ember.js',
    category: 'JavaScript Framework',
    globals: [version('Ember.VERSION')],
    html: [re`\sclass="(?:[^"<>]{0,200}\s)?ember-view[\s"]`],
  },
  {
    name: 'Backbone.js',
    category: 'JavaScript Framework',
    globals: [version('Backbone.VERSION')],
    scripts: [npm('backbone'), libs('backbone\\.js')],
  },
  {
    name: 'Knockout',
    category: 'JavaScript Framework',
    globals: [version('ko.version')],
    scripts: [re`/knockout-${V}(?:\.min)?\.js`, libs('knockout')],
  },
  {
    name: 'Lodash',
    category: 'JavaScript Library',
    globals: [version('_.VERSION', { with: '_.flatMapDeep' })],
    scripts: [npm('lodash'), libs('lodash\\.js')],
  },
  {
    name: 'Underscore.js',
    category: 'JavaScript Library',
    globals: [version('_.VERSION', { with: '_.findWhere' })],
    scripts: [npm('underscore'), libs('underscore\\.js'), re`/wp-includes/js/underscore(?:\.min)?\.js\?ver=${V}`],
  },
  {
    name: 'Moment.js',
    category: 'JavaScript Library',
    globals: [version('moment.version')],
    scripts: [
      npm('moment'),
      libs('moment\\.js'),
      re`/wp-includes/js/dist/vendor/moment(?:\.min)?\.js\?ver=${V}`,
      re`/moment(?:\.js)?/${V}/moment(?:-with-locales)?(?:\.min)?\.js(?:$|[?#])`,
      named('moment'),
      re`/moment-with-locales(?:\.min)?\.js(?:$|[?#])`,
    ],
  },
  {
    name: 'D3',
    category: 'JavaScript Library',
    globals: [version('d3.version')],
    scripts: [npm('d3'), libs('d3'), re`//d3js\.org/d3\.v(\d{1,2})(?:\.min)?\.js`],
  },
  {
    name: 'Chart.js',
    category: 'JavaScript Library',
    globals: [version('Chart.version')],
    scripts: [npm('chart.js'), libs('Chart\\.js')],
  },
  {
    name: 'Three.js',
    category: 'JavaScript Library',
    globals: [{ path: 'THREE.REVISION', value: re`^(\d{2,4})(?:dev)?$` }],
    scripts: [npm('three'), libs('three\\.js')],
  },
  {
    name: 'Alpine.js',
    category: 'JavaScript Framework',
    globals: [version('Alpine.version')],
    scripts: [npm('alpinejs')],
  },
  { name: 'htmx', category: 'JavaScript Framework', globals: [version('htmx.version')], scripts: [npm('htmx.org')] },
  {
    name: 'Prototype',
    category: 'JavaScript Library',
    globals: [version('Prototype.Version')],
    scripts: [libs('prototype')],
  },
  {
    name: 'MooTools',
    category: 'JavaScript Library',
    globals: [version('MooTools.version')],
    scripts: [libs('mootools')],
  },
  {
    name: 'YUI',
    category: 'JavaScript Library',
    globals: [version('YUI.version')],
    scripts: [re`//yui\.yahooapis\.com/${V}/`],
  },
  {
    name: 'Ext JS',
    category: 'JavaScript Library',
    globals: [version('Ext.versions.extjs.version')],
    scripts: [libs('extjs')],
  },
  {
    name: 'Modernizr',
    category: 'JavaScript Library',
    globals: [version('Modernizr._version')],
    scripts: [re`/modernizr-${V}(?:\.min)?\.js`, libs('modernizr'), re`/modernizr(?:[.-]\w{1,20}){0,3}\.js(?:$|[?#])`],
  },
  {
    name: 'GSAP',
    category: 'JavaScript Library',
    globals: [version('gsap.version')],
    scripts: [npm('gsap'), libs('gsap')],
  },
  {
    name: 'Popper',
    category: 'JavaScript Library',
    scripts: [npm('@popperjs/core'), npm('popper.js'), libs('popper\\.js')],
  },
  {
    name: 'Axios',
    category: 'JavaScript Library',
    globals: [version('axios.VERSION')],
    scripts: [npm('axios'), libs('axios')],
  },
  {
    name: 'Highcharts',
    category: 'JavaScript Library',
    globals: [version('Highcharts.version')],
    scripts: [re`//code\.highcharts\.com/(?:${V}/)?highcharts\.js`],
  },
  {
    name: 'Leaflet',
    category: 'Maps',
    globals: [version('L.version', { with: 'L.Map' })],
    scripts: [npm('leaflet'), libs('leaflet')],
  },
  {
    name: 'Mapbox GL JS',
    category: 'Maps',
    globals: [version('mapboxgl.version')],
    scripts: [re`//api\.mapbox\.com/mapbox-gl-js/v${V}/mapbox-gl\.js`],
  },
  {
    name: 'Google Maps',
    category: 'Maps',
    globals: [version('google.maps.version')],
    scripts: [re`^https://maps\.googleapis\.com/maps/api/js(?:$|\?)`],
    html: [re`<iframe\s[^<>]{0,500}src="https://(?:www\.google\.com/maps/embed\?|maps\.google\.com/maps\?)`],
  },
  {
    name: 'core-js',
    category: 'JavaScript Library',
    globals: [version('__core-js_shared__.versions.0.version')],
    scripts: [npm('core-js-bundle')],
  },
  { name: 'Swiper', category: 'JavaScript Library', scripts: [npm('swiper'), libs('Swiper')] },
  {
    name: 'Slick',
    category: 'JavaScript Library',
    globals: [present('jQuery.fn.slick')],
    scripts: [npm('slick-carousel'), libs('slick-carousel')],
  },
  {
    name: 'Owl Carousel',
    category: 'JavaScript Library',
    globals: [present('jQuery.fn.owlCarousel')],
    scripts: [re`/owl\.carousel(?:\.min)?\.js(?:$|\?)`],
  },
  {
    name: 'Select2',
    category: 'JavaScript Library',
    globals: [present('jQuery.fn.select2')],
    scripts: [npm('select2'), libs('select2')],
  },
  {
    name: 'fancyBox',
    category: 'JavaScript Library',
    globals: [version('jQuery.fancybox.version')],
    scripts: [npm('@fancyapps/ui'), libs('fancybox')],
  },
  {
    name: 'Handlebars',
    category: 'JavaScript Library',
    globals: [version('Handlebars.VERSION')],
    scripts: [npm('handlebars'), libs('handlebars\\.js')],
  },
  {
    name: 'Mustache.js',
    category: 'JavaScript Library',
    globals: [version('Mustache.version')],
    scripts: [npm('mustache'), libs('mustache\\.js')],
  },
  {
    name: 'Raphaël',
    category: 'JavaScript Library',
    globals: [version('Raphael.version')],
    scripts: [libs('raphael')],
  },
  {
    name: 'Hammer.js',
    category: 'JavaScript Library',
    globals: [version('Hammer.VERSION')],
    scripts: [npm('hammerjs'), libs('hammer\\.js')],
  },
  {
    name: 'Dropzone',
    category: 'JavaScript Library',
    globals: [version('Dropzone.version')],
    scripts: [npm('dropzone'), libs('dropzone')],
  },
  {
    name: 'SortableJS',
    category: 'JavaScript Library',
    globals: [version('Sortable.version')],
    scripts: [npm('sortablejs'), libs('Sortable')],
  },
  {
    name: 'CKEditor',
    category: 'JavaScript Library',
    globals: [version('CKEDITOR.version')],
    scripts: [re`//cdn\.ckeditor\.com/(?:ckeditor5/)?${V}/`],
  },
  {
    name: 'TinyMCE',
    category: 'JavaScript Library',
    globals: [present('tinymce.majorVersion')],
    scripts: [re`//cdn\.tiny\.cloud/1/[\w-]{1,64}/tinymce/(\d{1,2})/tinymce\.min\.js`],
  },
  {
    name: 'Video.js',
    category: 'Video',
    globals: [version('videojs.VERSION')],
    scripts: [re`//vjs\.zencdn\.net/${V}/video(?:\.min)?\.js`, npm('video.js')],
  },
  { name: 'hls.js', category: 'Video', globals: [version('Hls.version')], scripts: [npm('hls.js')] },
  {
    name: 'JW Player',
    category: 'Video',
    globals: [version('jwplayer.version')],
    scripts: [
      re`//ssl\.p\.jwpcdn\.com/player/v/${V}/jwplayer\.js`,
      re`//cdn\.jwplayer\.com/libraries/[A-Za-z0-9]{8}\.js`,
    ],
  },
  {
    name: 'Font Awesome',
    category: 'Font',
    globals: [present('FontAwesome.config')],
    scripts: [
      re`//kit\.fontawesome\.com/[0-9a-f]{10}\.js`,
      re`//use\.fontawesome\.com/releases/v${V}/`,
      npm('@fortawesome/fontawesome-free'),
      re`/fontawesome(?:-all)?(?:\.min)?\.js(?:$|[?#])`,
    ],
    stylesheets: [
      re`//use\.fontawesome\.com/releases/v${V}/`,
      re`\.bootstrapcdn\.com/font-awesome/${V}/`,
      libs('font-awesome'),
      npm('font-awesome'),
      npm('@fortawesome/fontawesome-free'),
      re`//(?:ka-f|kit-free|kit-pro)\.fontawesome\.com/`,
      re`/font-?awesome(?:-all|-free)?(?:\.min)?\.css(?:$|[?#])`,
      re`/font-?awesome/css/(?:all|fontawesome)(?:\.min)?\.css(?:$|[?#])`,
    ],
    // Its icon markup: <i class="fa fa-home">, <i class="fa-solid fa-house">: the style class, then the icon's (as its documentation writes them), anywhere in a class list (matched from the style class, not from class=, so a long class list costs no backtracking).
    html: [
      re`[\s"](?:fa[srlbd]?|fa-(?:solid|regular|light|thin|brands|duotone|sharp)) fa-[a-z0-9]{1,20}(?:-[a-z0-9]{1,20}){0,4}[\s"]`,
    ],
  },
  {
    name: 'Moment Timezone',
    category: 'JavaScript Library',
    scripts: [
      npm('moment-timezone'),
      libs('moment-timezone'),
      named('moment-timezone'),
      re`/moment-timezone-with-data(?:-[\d-]{4,12})?(?:\.min)?\.js(?:$|[?#])`,
    ],
  },
  {
    name: 'SockJS',
    category: 'JavaScript Library',
    globals: [version('SockJS.version')],
    scripts: [npm('sockjs-client'), libs('sockjs-client'), named('sockjs')],
  },
  {
    name: 'Firebase',
    category: 'Database',
    globals: [version('firebase.SDK_VERSION')],
    scripts: [re`//www\.gstatic\.com/firebasejs/${V}/`, npm('firebase'), re`/__/firebase/${V}/firebase-`],
  },
  {
    name: 'Google Font API',
    category: 'Font',
    stylesheets: [re`^https?://fonts\.googleapis\.com/css2?\?`],
    // A preconnect to the host is not a use: the stylesheet link or @import with a family is.
    html: [re`(?:\shref=|@import url\()["']?(?:https?:)?//fonts\.googleapis\.com/css2?\?family=`],
  },
  {
    name: 'Adobe Fonts',
    category: 'Font',
    globals: [present('Typekit.load')],
    // use.typekit.com is the kits' older host.
    scripts: [re`^https?://use\.typekit\.(?:net|com)/[a-z0-9]{5,10}\.js`],
    stylesheets: [re`^https?://use\.typekit\.(?:net|com)/[a-z0-9]{5,10}\.css`, re`^https://p\.typekit\.net/p\.css`],
  },
  {
    name: 'Polyfill.io',
    category: 'JavaScript Library',
    scripts: [re`//(?:cdn\.)?polyfill\.io/v\d/polyfill(?:\.min)?\.js`],
  },

  // ----- Analytics, tag managers, monitoring -----
  {
    name: 'Google Analytics',
    category: 'Analytics',
    scripts: [
      re`^https://(?:www|ssl)\.google-analytics\.com/(?:analytics|ga)\.js`,
      re`^https://www\.googletagmanager\.com/gtag/js\?id=(?:G|UA)-`,
    ],
    cookies: ['_ga', '_gid'],
  },
  // The second: server-side tagging, GTM served from the site's own tagging host.
  {
    name: 'Google Tag Manager',
    category: 'Tag Manager',
    scripts: [re`^https://www\.googletagmanager\.com/gtm\.js\?id=GTM-`, re`/gtm\.js\?id=GTM-[A-Z0-9]{4,10}(?:&|$)`],
  },
  {
    name: 'Matomo',
    category: 'Analytics',
    scripts: [re`/(?:matomo|piwik)\.js(?:$|\?)`],
    globals: [present('Matomo.getTracker')],
    cookies: [/^_pk_id\.\d{1,6}\.[0-9a-f]{4}$/],
  },
  { name: 'Hotjar', category: 'Analytics', scripts: [re`^https://static\.hotjar\.com/c/hotjar-\d{1,10}\.js`] },
  { name: 'Microsoft Clarity', category: 'Analytics', scripts: [re`^https://www\.clarity\.ms/tag/`] },
  { name: 'Plausible', category: 'Analytics', scripts: [re`^https://plausible\.io/js/`] },
  { name: 'Fathom', category: 'Analytics', scripts: [re`^https://cdn\.usefathom\.com/script\.js`] },
  { name: 'Mixpanel', category: 'Analytics', scripts: [re`//cdn\.mxpnl\.com/libs/mixpanel-`] },
  { name: 'Segment', category: 'Analytics', scripts: [re`^https://cdn\.segment\.com/analytics\.js/v1/`] },
  { name: 'Heap', category: 'Analytics', scripts: [re`^https://cdn\.heapanalytics\.com/js/heap-\d{1,12}\.js`] },
  {
    name: 'Amplitude',
    category: 'Analytics',
    scripts: [re`^https://cdn\.amplitude\.com/libs/(?:amplitude|analytics-browser)-${V}(?:-min)?(?:\.gz)?\.js`],
  },
  { name: 'Yandex Metrica', category: 'Analytics', scripts: [re`^https://mc\.yandex\.ru/metrika/(?:tag|watch)\.js`] },
  { name: 'Baidu Tongji', category: 'Analytics', scripts: [re`^https://hm\.baidu\.com/hm\.js`] },
  { name: 'Adobe Analytics', category: 'Analytics', scripts: [re`/AppMeasurement(?:\.min)?\.js(?:$|\?)`] },
  { name: 'Adobe Experience Platform Tags', category: 'Tag Manager', scripts: [re`^https://assets\.adobedtm\.com/`] },
  { name: 'Tealium', category: 'Tag Manager', scripts: [re`^https://tags\.tiqcdn\.com/utag/`] },
  {
    name: 'Cloudflare Web Analytics',
    category: 'Analytics',
    scripts: [re`^https://static\.cloudflareinsights\.com/beacon\.min\.js`],
  },
  {
    name: 'New Relic',
    category: 'Monitoring',
    scripts: [re`^https://js-agent\.newrelic\.com/nr-(?:spa-)?${V}(?:\.min)?\.js`],
    globals: [present('NREUM.info')],
  },
  {
    name: 'Sentry',
    category: 'Monitoring',
    globals: [version('Sentry.SDK_VERSION')],
    scripts: [re`^https://browser\.sentry-cdn\.com/${V}/`, re`^https://js\.sentry-cdn\.com/[0-9a-f]{32}\.min\.js`],
  },
  {
    name: 'Datadog RUM',
    category: 'Monitoring',
    globals: [version('DD_RUM.version')],
    scripts: [re`^https://www\.datadoghq-browser-agent\.com/`],
  },

  // ----- Tracking pixels, advertising -----
  {
    name: 'Facebook Pixel',
    category: 'Tracking Pixel',
    scripts: [re`^https://connect\.facebook\.net/[a-z]{2}_[A-Z]{2}/fbevents\.js`],
    globals: [present('fbq.version')],
  },
  {
    name: 'LinkedIn Insight Tag',
    category: 'Tracking Pixel',
    scripts: [re`^https://snap\.licdn\.com/li\.lms-analytics/insight\.min\.js`],
  },
  { name: 'X Pixel', category: 'Tracking Pixel', scripts: [re`^https://static\.ads-twitter\.com/uwt\.js`] },
  {
    name: 'TikTok Pixel',
    category: 'Tracking Pixel',
    scripts: [re`^https://analytics\.tiktok\.com/i18n/pixel/events\.js`],
  },
  { name: 'Pinterest Tag', category: 'Tracking Pixel', scripts: [re`^https://s\.pinimg\.com/ct/core\.js`] },
  { name: 'Snap Pixel', category: 'Tracking Pixel', scripts: [re`^https://sc-static\.net/scevent\.min\.js`] },
  { name: 'Reddit Pixel', category: 'Tracking Pixel', scripts: [re`^https://www\.redditstatic\.com/ads/pixel\.js`] },
  { name: 'Microsoft UET', category: 'Tracking Pixel', scripts: [re`^https://bat\.bing\.com/bat\.js`] },
  {
    name: 'Google Ads Conversion Tracking',
    category: 'Tracking Pixel',
    scripts: [re`^https://www\.googleadservices\.com/pagead/conversion(?:_async)?\.js`],
  },
  {
    name: 'Quantcast Measure',
    category: 'Tracking Pixel',
    scripts: [re`^https://(?:secure|edge)\.quantserve\.com/quant\.js`],
  },
  {
    name: 'comScore',
    category: 'Tracking Pixel',
    scripts: [re`^https://sb\.scorecardresearch\.com/(?:c2/\d{1,10}/)?(?:beacon|cs)\.js`],
  },
  {
    name: 'Google AdSense',
    category: 'Advertising',
    scripts: [re`^https?://pagead2\.googlesyndication\.com/pagead/(?:js/adsbygoogle|show_ads)\.js`],
    html: [re`<ins\s[^<>]{0,300}class="adsbygoogle[\s"]`],
  },
  {
    name: 'Google Publisher Tag',
    category: 'Advertising',
    globals: [present('googletag.apiReady')],
    scripts: [
      re`^https?://(?:securepubads\.g\.doubleclick\.net|(?:www\.)?googletagservices\.com)/tag/js/gpt(?:_mobile)?\.js`,
      re`^https://securepubads\.g\.doubleclick\.net/pagead/managed/js/gpt/`,
    ],
  },
  {
    name: 'Amazon Publisher Services',
    category: 'Ad Exchange',
    globals: [present('apstag.fetchBids')],
    scripts: [re`^https?://c\.amazon-adsystem\.com/aax2/(?:apstag|amzn_ads)\.js`],
  },
  {
    name: 'Amazon Associates',
    category: 'Advertising',
    scripts: [re`//(?:z-na|ws-na|z-eu|ws-eu)\.amazon-adsystem\.com/widgets/`],
  },
  { name: 'Skimlinks', category: 'Advertising', scripts: [re`//s\.skimresources\.com/js/\w{1,40}\.skimlinks\.js`] },
  {
    name: 'Oracle BlueKai',
    category: 'Marketing',
    scripts: [re`//s?tags\.bluekai\.com/site/\d{1,9}`, re`//tags\.bkrtx\.com/js/bk-coretag(?:\.min)?\.js`],
  },
  { name: 'Prebid.js', category: 'Advertising', globals: [version('pbjs.version')] },
  {
    name: 'Criteo',
    category: 'Advertising',
    scripts: [re`^https://static\.criteo\.net/js/ld/(?:publishertag|ld)\.js`],
  },
  { name: 'Taboola', category: 'Advertising', scripts: [re`^https://cdn\.taboola\.com/libtrc/`] },
  { name: 'Outbrain', category: 'Advertising', scripts: [re`^https://widgets\.outbrain\.com/outbrain\.js`] },

  // ----- Marketing, live chat, consent, security widgets -----
  {
    name: 'HubSpot',
    category: 'Marketing Automation',
    scripts: [re`^https://js\.hs-scripts\.com/\d{1,12}\.js`, re`^https://js\.hsforms\.net/forms/`],
    cookies: ['hubspotutk', '__hstc', '__hssc'],
  },
  {
    name: 'Mailchimp',
    category: 'Marketing Automation',
    scripts: [
      re`^https://chimpstatic\.com/mcjs-connected/js/users/`,
      re`//s3\.amazonaws\.com/downloads\.mailchimp\.com/js/mc-validate\.js`,
    ],
  },
  {
    name: 'Klaviyo',
    category: 'Marketing Automation',
    scripts: [re`^https://static\.klaviyo\.com/onsite/js/klaviyo\.js`],
  },
  {
    name: 'Marketo',
    category: 'Marketing Automation',
    scripts: [re`//munchkin\.marketo\.net/munchkin\.js`],
    cookies: ['_mkto_trk'],
  },
  { name: 'Pardot', category: 'Marketing Automation', scripts: [re`//pi\.pardot\.com/pd\.js`] },
  { name: 'Optimizely', category: 'A/B Testing', scripts: [re`^https://cdn\.optimizely\.com/js/\d{1,15}\.js`] },
  { name: 'VWO', category: 'A/B Testing', scripts: [re`^https://dev\.visualwebsiteoptimizer\.com/j\.php`] },
  {
    name: 'Intercom',
    category: 'Live Chat',
    scripts: [re`^https://widget\.intercom\.io/widget/`, re`^https://js\.intercomcdn\.com/`],
  },
  { name: 'Drift', category: 'Live Chat', scripts: [re`^https://js\.driftt\.com/include/`] },
  { name: 'Zendesk Chat', category: 'Live Chat', scripts: [re`^https://static\.zdassets\.com/ekr/snippet\.js`] },
  { name: 'LiveChat', category: 'Live Chat', scripts: [re`^https://cdn\.livechatinc\.com/tracking\.js`] },
  { name: 'Tawk.to', category: 'Live Chat', scripts: [re`^https://embed\.tawk\.to/`] },
  { name: 'Crisp', category: 'Live Chat', scripts: [re`^https://client\.crisp\.chat/l\.js`] },
  { name: 'Tidio', category: 'Live Chat', scripts: [re`^https://code\.tidio\.co/`] },
  {
    name: 'OneTrust',
    category: 'Consent Management',
    scripts: [re`^https://cdn\.cookielaw\.org/(?:scripttemplates/otSDKStub\.js|consent/)`],
    cookies: ['OptanonConsent', 'OptanonAlertBoxClosed'],
  },
  {
    name: 'Cookiebot',
    category: 'Consent Management',
    scripts: [re`^https://consent\.cookiebot\.com/uc\.js`],
    globals: [present('Cookiebot.consent')],
  },
  { name: 'Cookie Consent by Osano', category: 'Consent Management', cookies: ['cookieconsent_status'] },
  { name: 'TrustArc', category: 'Consent Management', scripts: [re`^https://consent\.trustarc\.com/notice`] },
  { name: 'Didomi', category: 'Consent Management', scripts: [re`^https://sdk\.privacy-center\.org/`] },
  {
    name: 'Usercentrics',
    category: 'Consent Management',
    scripts: [re`^https://(?:app\.usercentrics\.eu/browser-ui/|web\.cmp\.usercentrics\.eu/)`],
  },
  { name: 'Quantcast Choice', category: 'Consent Management', scripts: [re`^https://cmp\.quantcast\.com/choice/`] },
  {
    name: 'reCAPTCHA',
    category: 'Security',
    scripts: [
      re`^https://www\.(?:google|recaptcha)\.(?:com|net)/recaptcha/(?:api|enterprise)\.js`,
      re`^https://www\.gstatic\.com/recaptcha/releases/`,
    ],
    globals: [present('grecaptcha.execute')],
  },
  {
    name: 'hCaptcha',
    category: 'Security',
    scripts: [re`^https://(?:js\.)?hcaptcha\.com/1/api\.js`],
    globals: [present('hcaptcha.render')],
  },
  {
    name: 'Cloudflare Turnstile',
    category: 'Security',
    scripts: [re`^https://challenges\.cloudflare\.com/turnstile/v0/api\.js`],
    globals: [present('turnstile.render')],
  },

  // ----- Public CDNs (a script or stylesheet from one) -----
  {
    name: 'cdnjs',
    category: 'CDN',
    scripts: [re`^https?://cdnjs\.cloudflare\.com/ajax/libs/`],
    stylesheets: [re`^https?://cdnjs\.cloudflare\.com/ajax/libs/`],
  },
  {
    name: 'jsDelivr',
    category: 'CDN',
    // Any path: before /npm/ and /gh/, jsDelivr served its own library folders (/jquery/1.11.1/).
    scripts: [re`^https?://(?:cdn|fastly|gcore|testingcf|quantil)\.jsdelivr\.net/[\w@]`],
    stylesheets: [re`^https?://(?:cdn|fastly|gcore|testingcf|quantil)\.jsdelivr\.net/[\w@]`],
  },
  {
    name: 'Google Hosted Libraries',
    category: 'CDN',
    scripts: [re`^https?://ajax\.googleapis\.com/ajax/libs/`],
    stylesheets: [re`^https?://ajax\.googleapis\.com/ajax/libs/`],
  },
  {
    name: 'unpkg',
    category: 'CDN',
    scripts: [re`^https://unpkg\.com/[@\w]`],
    stylesheets: [re`^https://unpkg\.com/[@\w]`],
  },
  {
    name: 'jQuery CDN',
    category: 'CDN',
    scripts: [re`^https?://code\.jquery\.com/`],
    stylesheets: [re`^https?://code\.jquery\.com/`],
  },
  {
    name: 'BootstrapCDN',
    category: 'CDN',
    scripts: [re`^https://(?:maxcdn|stackpath|netdna)\.bootstrapcdn\.com/`],
    stylesheets: [re`^https://(?:maxcdn|stackpath|netdna)\.bootstrapcdn\.com/`],
  },
  {
    name: 'Microsoft Ajax CDN',
    category: 'CDN',
    scripts: [re`^https?://ajax\.(?:aspnetcdn\.com|microsoft\.com)/ajax/`],
  },

  // ----- Embeds, widgets, comments -----
  {
    name: 'YouTube',
    category: 'Video',
    globals: [present('YT.Player')],
    scripts: [re`^https://www\.youtube\.com/(?:iframe_api|player_api)`, re`^https://www\.youtube\.com/s/player/`],
    html: [re`<iframe\s[^<>]{0,500}src="(?:https?:)?//www\.youtube(?:-nocookie)?\.com/embed/`],
  },
  {
    name: 'Vimeo',
    category: 'Video',
    scripts: [re`^https://player\.vimeo\.com/api/player\.js`],
    html: [re`<iframe\s[^<>]{0,500}src="(?:https?:)?//player\.vimeo\.com/video/\d`],
  },
  {
    name: 'X widgets',
    category: 'Widget',
    globals: [present('twttr.widgets')],
    scripts: [re`^https?://platform\.twitter\.com/widgets\.js`],
    html: [re`\sclass="twitter-(?:timeline|tweet|share-button|follow-button|hashtag-button|mention-button)[\s"]`],
  },
  {
    name: 'Facebook SDK',
    category: 'Widget',
    scripts: [re`^https://connect\.facebook\.net/[a-z]{2}_[a-z]{2}/(?:sdk|all)(?:/debug)?\.js`],
    html: [re`\sclass="fb-(?:like|page|comments|share-button|post|video|save|quote)[\s"]`],
  },
  {
    name: 'AddThis',
    category: 'Widget',
    scripts: [re`//s7\.addthis\.com/js/\d{3}/addthis_widget\.js`],
    html: [re`\sclass="addthis_(?:inline_share_toolbox|sharing_toolbox|toolbox|inline_follow_toolbox)`],
  },
  {
    name: 'ShareThis',
    category: 'Widget',
    scripts: [re`^https://platform-api\.sharethis\.com/js/sharethis\.js`, re`//ws?\.sharethis\.com/button/buttons\.js`],
    html: [re`\sclass="sharethis-inline-(?:share|follow|reaction)-buttons`],
  },
  {
    name: 'AddToAny',
    category: 'Widget',
    scripts: [re`^https://static\.addtoany\.com/menu/page\.js`],
    paths: [wpPlugin('add-to-any')],
  },
  {
    name: 'Sailthru',
    category: 'Marketing Automation',
    scripts: [re`^https?://ak\.sail-horizon\.com/(?:spm|onsite|horizon)/`],
    cookies: ['sailthru_hid'],
  },
  {
    name: 'Disqus',
    category: 'Comment System',
    globals: [present('DISQUS.reset')],
    scripts: [re`^https?://[\w-]{1,64}\.disqus\.com/(?:embed|count)\.js`, re`^https?://c\.disquscdn\.com/`],
    html: [re`<div id="disqus_thread"`],
  },
  {
    name: 'Gravatar',
    category: 'Widget',
    html: [re`\s(?:src|srcset)=["'](?:https?:)?//(?:secure|www|[0-3])\.gravatar\.com/avatar/`],
  },

  // ----- More services, by their scripts -----
  service('Chartbeat', 'Analytics', re`^https://static\.chartbeat\.com/js/chartbeat(?:_mab|_video)?\.js`),
  service('Parse.ly', 'Analytics', re`^https://cdn\.parsely\.com/keys/[\w.-]{1,100}/p\.js`),
  service('Crazy Egg', 'Analytics', re`^https://script\.crazyegg\.com/pages/scripts/\d{4}/\d{4}\.js`),
  service('FullStory', 'Analytics', re`^https://edge\.fullstory\.com/s/fs\.js`),
  service('Mouseflow', 'Analytics', re`^https://cdn\.mouseflow\.com/projects/[0-9a-f-]{36}\.js`),
  service('Lucky Orange', 'Analytics', re`^https://tools\.luckyorange\.com/core/lo\.js`),
  service('Smartlook', 'Analytics', re`^https://(?:web-sdk|rec)\.smartlook\.com/recorder\.js`),
  service('Simple Analytics', 'Analytics', re`^https://scripts\.simpleanalyticscdn\.com/latest\.js`),
  service('Google Optimize', 'A/B Testing', re`^https://www\.googleoptimize\.com/optimize\.js`),
  service('Pendo', 'Analytics', re`^https://cdn\.pendo\.io/agent/static/[\w-]{1,64}/pendo\.js`),
  service(
    'PostHog',
    'Analytics',
    re`^https://(?:(?:us|eu)-assets\.i\.posthog\.com|app\.posthog\.com|(?:us|eu)\.i\.posthog\.com)/static/array(?:\.full)?\.js`,
  ),
  service('StatCounter', 'Analytics', re`^https://(?:www|secure)\.statcounter\.com/counter/counter(?:_xhtml)?\.js`),
  service('Clicky', 'Analytics', re`^https://static\.getclicky\.com/js`),
  service('Histats', 'Analytics', re`^https://s10\.histats\.com/js15(?:_as)?\.js`),
  service('Google Charts', 'JavaScript Library', re`^https://www\.gstatic\.com/charts/loader\.js`),
  service('Dynatrace', 'Monitoring', re`^https://js-cdn\.dynatrace\.com/jstag/`),
  service('Akamai mPulse', 'Monitoring', re`^https://c\.go-mpulse\.net/boomerang/`),
  service(
    'LogRocket',
    'Monitoring',
    re`^https://cdn\.(?:lr-ingest\.io|logrocket\.io|lr-in-prod\.com)/LogRocket(?:\.min)?\.js`,
  ),
  service('TrackJS', 'Monitoring', re`^https://cdn\.trackjs\.com/agent/v\d/`),
  service('Rollbar', 'Monitoring', re`^https://cdn\.rollbar\.com/rollbarjs/refs/tags/v${V}/`),
  service(
    'Bugsnag',
    'Monitoring',
    re`^https://d2wy8f7a9ursnm\.cloudfront\.net/v${V}/bugsnag(?:\.min)?\.js`,
    npm('@bugsnag/browser'),
    npm('@bugsnag/js'),
  ),
  service('SpeedCurve', 'Monitoring', re`^https://cdn\.speedcurve\.com/js/lux\.js`),
  service('Ensighten', 'Tag Manager', re`^https://nexus\.ensighten\.com/[\w-]{1,64}/`),
  service('Media.net', 'Advertising', re`^https://contextual\.media\.net/(?:d|n)medianet\.js`),
  service('Ezoic', 'Advertising', re`^https://(?:www\.ezojs\.com/ezoic/sa\.min\.js|go\.ezoic\.net/ezoic/ezoic\.js)`),
  service('Mediavine', 'Advertising', re`^https://scripts\.mediavine\.com/tags/`),
  service('Raptive', 'Advertising', re`^https://ads\.adthrive\.com/(?:sites|builds)/`),
  service('Index Exchange', 'Ad Exchange', re`^https://js-sec\.indexww\.com/ht/p/`),
  service('Magnite', 'Ad Exchange', re`^https://micro\.rubiconproject\.com/prebid/dynamic/`),
  service('PubMatic', 'Ad Exchange', re`^https://ads\.pubmatic\.com/AdServer/js/pwt/`),
  service('AdRoll', 'Advertising', re`^https://s\.adroll\.com/j/(?:roundtrip|sendrolling)\.js`),
  service('MGID', 'Advertising', re`^https://jsc\.mgid\.com/`),
  service('Revcontent', 'Advertising', re`^https://assets\.revcontent\.com/master/delivery\.js`),
  service('Teads', 'Advertising', re`^https://a\.teads\.tv/page/\d{1,10}/tag\.js`),
  service('Sovrn Commerce', 'Advertising', re`^https://cdn\.viglink\.com/api/vglnk\.js`),
  service('Awin', 'Advertising', re`^https://www\.dwin1\.com/\d{1,10}\.js`),
  service('Moat', 'Advertising', re`^https://z\.moatads\.com/`),
  service('DoubleVerify', 'Advertising', re`^https://cdn\.doubleverify\.com/dv(?:tp_src|bs_src)\.js`),
  service('Lotame', 'Marketing', re`^https://tags\.crwdcntrl\.net/lt/c/\d{1,10}/lt\.min\.js`),
  service(
    'Permutive',
    'Marketing',
    re`^https://(?:cdn|[\w-]{1,64}\.edge)\.permutive\.(?:com|app)/[\w-]{1,100}-web\.js`,
  ),
  service(
    'LiveRamp ATS',
    'Marketing',
    re`^https://ats\.rlcdn\.com/ats\.js`,
    re`^https://launchpad-wrapper\.privacymanager\.io/`,
  ),
  service(
    'CookieYes',
    'Consent Management',
    re`^https://cdn-cookieyes\.com/client_data/`,
    re`/wp-content/plugins/cookie-law-info/`,
  ),
  service('Termly', 'Consent Management', re`^https://app\.termly\.io/(?:embed\.min\.js|resource-blocker/)`),
  service('iubenda', 'Consent Management', re`^https://cdn\.iubenda\.com/(?:cs/|iubenda\.js|cons/)`),
  service('CookieFirst', 'Consent Management', re`^https://consent\.cookiefirst\.com/`),
  service('Sourcepoint', 'Consent Management', re`^https://cdn\.privacy-mgmt\.com/`),
  service('Osano', 'Consent Management', re`^https://cmp\.osano\.com/`),
  service(
    'Civic Cookie Control',
    'Consent Management',
    re`^https://cc\.cdn\.civiccomputing\.com/\d{1,2}/cookieControl-`,
  ),
  service('Cookie Script', 'Consent Management', re`^https://cdn\.cookie-script\.com/s/[0-9a-f]{32}\.js`),
  service('consentmanager', 'Consent Management', re`^https://cdn\.consentmanager\.net/delivery/`),
  service('Axeptio', 'Consent Management', re`^https://static\.axept\.io/sdk(?:-slim)?\.js`),
  service('Google Funding Choices', 'Consent Management', re`^https://fundingchoicesmessages\.google\.com/i/`),
  service(
    'OptinMonster',
    'Marketing',
    re`^https://a\.omappapi\.com/app/js/api\.min\.js`,
    re`/wp-content/plugins/optinmonster/`,
  ),
  service('Privy', 'Marketing', re`^https://widget\.privy\.com/assets/widget\.js`),
  service('Sumo', 'Marketing', re`^https://load\.sumo(?:me)?\.com/`),
  service('ConvertKit', 'Marketing Automation', re`^https://f\.convertkit\.com/ckjs/ck\.\d\.js`),
  service('Omnisend', 'Marketing Automation', re`^https://omnisnippet1\.com/inshop/launcher(?:-v2)?\.js`),
  service('Drip', 'Marketing Automation', re`^https://tag\.getdrip\.com/\d{1,12}\.js`),
  service('Attentive', 'Marketing', re`^https://cdn\.attn\.tv/[\w-]{1,64}/dtag\.js`),
  service('Yotpo', 'Marketing', re`^https://staticw2\.yotpo\.com/[\w-]{1,64}/widget\.js`),
  service(
    'Trustpilot',
    'Marketing',
    re`^https://widget\.trustpilot\.com/bootstrap/v5/tp\.widget\.(?:bootstrap|sync\.bootstrap)\.min\.js`,
  ),
  service('Bazaarvoice', 'Marketing', re`^https://apps\.bazaarvoice\.com/deployments/`),
  service(
    'OneSignal',
    'Marketing',
    re`^https://cdn\.onesignal\.com/sdks/(?:web/v\d{1,2}/)?OneSignalSDK(?:\.page)?\.js`,
  ),
  service('Elfsight', 'Widget', re`^https://(?:static|apps)\.elfsight\.com/(?:platform/|p/)platform\.js`),
  service('Calendly', 'Web Application', re`^https://assets\.calendly\.com/assets/external/widget\.js`),
  service('Typeform', 'Web Application', re`^https://embed\.typeform\.com/(?:next/)?embed\.js`),
  service('Jotform', 'Web Application', re`^https://form\.jotform\.com/jsform/\d{6,20}`),
  service('Zoho SalesIQ', 'Live Chat', re`^https://salesiq\.zoho(?:public)?\.(?:com|eu|in)/widget`),
  service('Freshchat', 'Live Chat', re`^https://wchat\.freshchat\.com/js/widget\.js`),
  service('Olark', 'Live Chat', re`^https://static\.olark\.com/jsclient/loader\.js`),
  service('JivoChat', 'Live Chat', re`^https://code\.jivo(?:site)?\.com/widget/`),
  service('Smartsupp', 'Live Chat', re`^https://www\.smartsuppchat\.com/loader\.js`),
  service('Chatra', 'Live Chat', re`^https://call\.chatra\.io/chatra\.js`),
  service(
    'Afterpay',
    'Payment',
    re`^https://js\.afterpay\.com/afterpay-1\.x\.js`,
    re`^https://js\.squarecdn\.com/square-marketplace\.js`,
  ),
  service('Affirm', 'Payment', re`^https://cdn1(?:-sandbox)?\.affirm\.com/js/v2/affirm\.js`),
  service('Google Pay', 'Payment', re`^https://pay\.google\.com/gp/p/js/pay\.js`),
  service('Amazon Pay', 'Payment', re`^https://static-(?:na|eu|fe)\.payments-amazon\.com/checkout\.js`),
  service('Mollie', 'Payment', re`^https://js\.mollie\.com/v1/mollie\.js`),
  service('Razorpay', 'Payment', re`^https://checkout\.razorpay\.com/v1/checkout\.js`),
  service('Authorize.Net', 'Payment', re`^https://js(?:test)?\.authorize\.net/v\d/Accept(?:UI)?\.js`),
  service('Checkout.com', 'Payment', re`^https://cdn\.checkout\.com/js/frames(?:v2)?(?:\.min)?\.js`),
  service('Paddle', 'Payment', re`^https://cdn\.paddle\.com/paddle/(?:v2/)?paddle\.js`),
  service('Chargebee', 'Payment', re`^https://js\.chargebee\.com/v2/chargebee\.js`),
  service('Recurly', 'Payment', re`^https://js\.recurly\.com/v4/recurly\.js`),
  {
    name: 'HUMAN Bot Defender',
    category: 'Security',
    scripts: [re`^https://client\.(?:perimeterx\.net|px-cdn\.net)/PX[0-9a-zA-Z]{6,10}/main\.min\.js`],
    cookies: ['_px3', '_pxvid', '_pxhd'],
  },
  { name: 'DataDome', category: 'Security', scripts: [re`^https://js\.datadome\.co/tags\.js`], cookies: ['datadome'] },
  { name: 'Akamai Bot Manager', category: 'Security', cookies: ['_abck', 'bm_sz', 'ak_bmsc'] },
  { name: 'Weebly', category: 'CMS', scripts: [re`^https://cdn\d?\.editmysite\.com/`] },
  { name: 'Jimdo', category: 'CMS', scripts: [re`^https://assets\.jimstatic\.com/`] },
  {
    name: 'Tilda',
    category: 'CMS',
    scripts: [re`^https://static\.tildacdn\.(?:com|net|info)/js/tilda-`],
    stylesheets: [re`^https://static\.tildacdn\.(?:com|net|info)/css/tilda-`],
  },
  {
    name: '1C-Bitrix',
    category: 'CMS',
    headers: { 'x-powered-by': re`^Bitrix Site Manager` },
    cookies: ['BITRIX_SM_GUEST_ID', 'BITRIX_SM_LAST_VISIT'],
    paths: [re`^/bitrix/(?:js|templates|cache)/`],
  },
  { name: 'Plone', category: 'CMS', meta: { generator: re`^Plone - https?://plone\.(?:org|com)` } },
  {
    name: 'Silverstripe CMS',
    category: 'CMS',
    meta: { generator: re`^SilverStripe - https?://(?:www\.)?silverstripe\.org` },
  },
  { name: 'Contao', category: 'CMS', meta: { generator: re`^Contao Open Source CMS` } },
  { name: 'Grav', category: 'CMS', meta: { generator: re`^GravCMS` } },
  { name: 'October CMS', category: 'CMS', cookies: ['october_session'] },
  { name: 'ProcessWire', category: 'CMS', headers: { 'x-powered-by': re`^ProcessWire CMS` } },
  { name: 'nopCommerce', category: 'E-commerce', cookies: ['.Nop.Customer', 'Nop.customer'] },
  { name: 'osCommerce', category: 'E-commerce', cookies: ['osCsid'] },
  { name: 'Zen Cart', category: 'E-commerce', cookies: ['zenid'] },
  {
    name: 'WP Engine',
    category: 'Hosting',
    headers: { 'x-powered-by': re`^WP Engine$`, 'wpe-backend': re`^(?:apache|nginx)` },
  },
  { name: 'Kinsta', category: 'Hosting', headers: { 'x-kinsta-cache': re`^(?:HIT|MISS|BYPASS|EXPIRED)` } },
  { name: 'Pantheon', category: 'Hosting', headers: { 'x-pantheon-styx-hostname': re`^styx` } },
  { name: 'Acquia Cloud', category: 'Hosting', headers: { 'x-ah-environment': re`^[a-z0-9]{2,20}$` } },
  { name: 'Google Frontend', category: 'Hosting', headers: { server: re`^Google Frontend$` } },
  { name: 'HSTS', category: 'Security', headers: { 'strict-transport-security': re`^max-age=\d{1,12}` } },
  {
    name: 'Cloudflare Bot Management',
    category: 'Security',
    scripts: [re`/cdn-cgi/challenge-platform/(?:h/[bg]/)?(?:scripts|orchestrate)/`],
    cookies: ['__cf_bm'],
  },
  { name: 'Cloudflare Zaraz', category: 'Tag Manager', scripts: [re`/cdn-cgi/zaraz/s\.js(?:$|\?)`] },
  {
    name: 'Cloudflare Rocket Loader',
    category: 'CDN',
    scripts: [re`/cdn-cgi/scripts/[0-9a-f]{8}/cloudflare-static/rocket-loader\.min\.js`],
  },
  service('Staticfile CDN', 'CDN', re`^https://cdn\.staticfile\.(?:org|net)/`),
  service('BootCDN', 'CDN', re`^https://cdn\.bootcdn\.net/ajax/libs/`),
  service('Skypack', 'CDN', re`^https://cdn\.skypack\.dev/`),
  service('esm.sh', 'CDN', re`^https://esm\.sh/[@\w]`),
  { name: 'Bunny Fonts', category: 'Font', stylesheets: [re`^https://fonts\.bunny\.net/css2?\?family=`] },
  { name: 'Fontshare', category: 'Font', stylesheets: [re`^https://api\.fontshare\.com/v2/css\?`] },
  {
    name: 'Cloud.typography',
    category: 'Font',
    stylesheets: [re`^https://cloud\.typography\.com/\d{4,10}/\d{4,10}/css/fonts\.css`],
  },
  {
    name: 'Fonts.com',
    category: 'Font',
    stylesheets: [re`^https://fast\.fonts\.net/cssapi/[0-9a-f-]{36}\.css`],
    scripts: [re`^https://fast\.fonts\.net/jsapi/[0-9a-f-]{36}\.js`],
  },
  service('Google Translate widget', 'Widget', re`^https://translate\.google\.com/translate_a/element\.js`),
  service('Sign in with Google', 'Security', re`^https://accounts\.google\.com/gsi/client`),
  service(
    'Sign in with Apple',
    'Security',
    re`^https://appleid\.cdn-apple\.com/appleauth/static/jsapi/appleid/1/[a-z]{2}_[a-z]{2}/appleid\.auth\.js`,
  ),
  service('Naver Analytics', 'Analytics', re`^https://wcs\.naver\.net/wcslog\.js`),
  service('Piwik PRO', 'Analytics', re`^https://[\w-]{1,64}\.containers\.piwik\.pro/`),
  service(
    'RudderStack',
    'Analytics',
    re`^https://cdn\.rudderlabs\.com/v\d(?:\.\d)?/(?:rudder-analytics|modern/rsa)(?:\.min)?\.js`,
  ),
  service('Qualtrics', 'Analytics', re`^https://(?:[\w-]{1,64}\.)?siteintercept\.qualtrics\.com/`),
  service('Medallia', 'Analytics', re`^https://nebula-cdn\.kampyle\.com/`),
  service('AB Tasty', 'A/B Testing', re`^https://try\.abtasty\.com/[0-9a-f]{32}\.js`),
  service('Kameleoon', 'A/B Testing', re`^https://[a-z0-9]{10}\.kameleoon\.(?:eu|io)/kameleoon\.js`),
  service('Convert', 'A/B Testing', re`^https://cdn-\d\.convertexperiments\.com/(?:v1/)?js/`),
  service('Dynamic Yield', 'Marketing', re`^https://cdn\.dynamicyield\.com/api/\d{1,10}/api_(?:static|dynamic)\.js`),
  service('Monetate', 'Marketing', re`^https://se\.monetate\.net/js/2/`),
  service('LivePerson', 'Live Chat', re`^https://lptag\.liveperson\.net/tag/tag\.js`),
  service('Gorgias', 'Live Chat', re`^https://config\.gorgias\.chat/bundle-loader/`),
  service('Help Scout Beacon', 'Live Chat', re`^https://beacon-v2\.helpscout\.net`),
  service('Freshdesk', 'Live Chat', re`^https://widget\.freshworks\.com/widgets/\d{1,15}\.js`),
  service('Branch', 'Marketing', re`^https://cdn\.branch\.io/branch-latest\.min\.js`),
  service('Braze', 'Marketing Automation', re`^https://js\.appboycdn\.com/web-sdk/${V}/`),
  service('Customer.io', 'Marketing Automation', re`^https://assets\.customer\.io/assets/track(?:-eu)?\.js`),
  service('ActiveCampaign', 'Marketing Automation', re`^https://diffuser-cdn\.app-us1\.com/diffuser/diffuser\.js`),
  service('Constant Contact', 'Marketing Automation', re`^https://static\.ctctcdn\.com/js/signup-form-widget/`),
  service('MailerLite', 'Marketing Automation', re`^https://(?:assets|static)\.mailerlite\.com/js/universal\.js`),
  service('Brevo', 'Marketing Automation', re`^https://sibautomation\.com/sa\.js`),
  {
    name: 'Wistia',
    category: 'Video',
    scripts: [re`^https://fast\.wistia\.(?:com|net)/(?:assets/external/E-v1\.js|embed/medias/)`],
    html: [re`<iframe\s[^<>]{0,500}src="https://fast\.wistia\.net/embed/iframe/`],
  },
  service('Brightcove', 'Video', re`^https://players\.brightcove\.net/\d{6,16}/`),
  service('Vidyard', 'Video', re`^https://play\.vidyard\.com/embed/v4\.js`),
  { name: 'SoundCloud', category: 'Video', html: [re`<iframe\s[^<>]{0,500}src="https://w\.soundcloud\.com/player/\?`] },
  { name: 'Spotify Embed', category: 'Video', html: [re`<iframe\s[^<>]{0,500}src="https://open\.spotify\.com/embed/`] },
  {
    name: 'Instagram Embed',
    category: 'Widget',
    scripts: [re`^https://www\.instagram\.com/embed\.js`],
    html: [re`<blockquote class="instagram-media"`],
  },
  {
    name: 'TikTok Embed',
    category: 'Widget',
    scripts: [re`^https://www\.tiktok\.com/embed\.js`],
    html: [re`<blockquote class="tiktok-embed"`],
  },
  service('Pinterest widgets', 'Widget', re`^https://assets\.pinterest\.com/js/pinit(?:_main)?\.js`),
  service('LinkedIn widgets', 'Widget', re`^https://platform\.linkedin\.com/in\.js`),
  service('giscus', 'Comment System', re`^https://giscus\.app/client\.js`),
  service('utterances', 'Comment System', re`^https://utteranc\.es/client\.js`),
  service('OpenWeb', 'Comment System', re`^https://launcher\.spot\.im/spot/sp_[\w]{6,12}`),

  { name: 'Pelican', category: 'CMS', meta: { generator: re`^Pelican$` } },
  { name: 'Publii', category: 'CMS', meta: { generator: re`^Publii Open-Source CMS` } },
  { name: 'Nikola', category: 'CMS', meta: { generator: re`^Nikola \(getnikola\.com\)` } },
  { name: 'Gridsome', category: 'CMS', meta: { generator: re`^Gridsome v${V}` } },
  { name: 'Mobirise', category: 'CMS', meta: { generator: re`^Mobirise v${V}` } },
  { name: 'Nicepage', category: 'CMS', meta: { generator: re`^Nicepage ${V}` } },
  { name: 'XOOPS', category: 'CMS', meta: { generator: re`^XOOPS` } },
  { name: 'Textpattern', category: 'CMS', meta: { generator: re`^Textpattern CMS` } },
  { name: 'Serendipity', category: 'CMS', meta: { generator: re`^Serendipity v\.${V}` } },
  { name: 'b2evolution', category: 'CMS', meta: { generator: re`^b2evolution ${V}` } },
  {
    name: 'Movable Type',
    category: 'CMS',
    meta: { generator: re`^Movable Type(?: Pro| Publishing Platform| Open Source)? ${V}` },
  },
  { name: 'DataLife Engine', category: 'CMS', meta: { generator: re`^DataLife Engine` } },
  { name: 'Remix', category: 'JavaScript Framework', html: [re`<script>window\.__remixContext\s?=`] },
  { name: 'Qwik', category: 'JavaScript Framework', html: [re`<html[^<>]{0,500}\sq:container="`] },
  { name: 'Inertia.js', category: 'JavaScript Framework', html: [re`<div id="app" data-page="\{`] },
  {
    name: 'Livewire',
    category: 'Framework',
    scripts: [re`/livewire/livewire(?:\.min)?\.js(?:$|[?#])`],
    html: [re`\swire:(?:id|snapshot)="`],
  },
  { name: 'Meteor', category: 'JavaScript Framework', html: [re`__meteor_runtime_config__\s?=`] },
  {
    name: 'Vuetify',
    category: 'UI Framework',
    scripts: [npm('vuetify'), libs('vuetify')],
    html: [re`\sclass="v-application[\s"]`],
  },
  {
    name: 'MUI',
    category: 'UI Framework',
    scripts: [npm('@mui/material')],
    html: [/\sclass="(?:[^"<>]{0,200}\s)?Mui[A-Z][A-Za-z]{2,30}-root[\s"]/],
  }, // case-sensitive: MUI's own class names
  {
    name: 'styled-components',
    category: 'JavaScript Library',
    html: [re`<style data-styled="active"`, re`\sdata-styled-version="${V}"`],
  },
  { name: 'Emotion', category: 'JavaScript Library', html: [re`<style data-emotion="css[\s"]`] },
  { name: 'Apache Traffic Server', category: 'Reverse Proxy', headers: { server: product('ATS') } },
  { name: 'Squid', category: 'Cache', headers: { server: product('squid') } },
  { name: 'IBM HTTP Server', category: 'Server', headers: { server: re`^IBM_HTTP_Server(?:/${V})?` } },
  { name: 'thttpd', category: 'Server', headers: { server: product('thttpd') } },
  { name: 'ArvanCloud', category: 'CDN', headers: { server: re`^ArvanCloud$` } },
  { name: 'CDN77', category: 'CDN', headers: { server: re`^CDN77-Turbo$` } },
  { name: 'QRATOR', category: 'Security', headers: { server: re`^QRATOR$` } },
  { name: 'Azure App Service', category: 'Hosting', cookies: ['ARRAffinity', 'ARRAffinitySameSite'] },
  {
    name: 'AWS Elastic Load Balancing',
    category: 'Load Balancer',
    cookies: ['AWSALB', 'AWSALBCORS', 'AWSELB', 'AWSELBCORS'],
    headers: { server: re`^awselb/${V}$` },
  },
  { name: 'Google Web Server', category: 'Server', headers: { server: re`^gws$` } },
  { name: 'Azure Blob Storage', category: 'Hosting', headers: { server: re`^Windows-Azure-Blob/${V}` } },
  {
    name: 'Kong',
    category: 'Reverse Proxy',
    headers: { via: re`\bkong/${V}`, 'x-kong-upstream-latency': re`^\d{1,9}$` },
  },
  { name: 'Amazon API Gateway', category: 'Hosting', headers: { 'x-amz-apigw-id': re`^[\w=-]{8,40}$` } },
  { name: 'Resin', category: 'Server', headers: { server: product('Resin') } },
  {
    name: 'Barracuda WAF',
    category: 'Security',
    cookies: ['barra_counter_session', /^BNI__BARRACUDA_LB_COOKIE$/, /^BNI_persistence$/],
  },
  { name: 'FortiWeb', category: 'Security', cookies: ['FORTIWAFSID'] },
  { name: 'AWS WAF', category: 'Security', cookies: ['aws-waf-token'] },
  { name: 'Reblaze', category: 'Security', cookies: ['rbzid', 'rbzsessionid'] },
  { name: 'Google Cloud Load Balancing', category: 'Load Balancer', headers: { via: re`^1\.1 google$` } },
  {
    name: 'Azure Application Gateway',
    category: 'Load Balancer',
    cookies: ['ApplicationGatewayAffinity', 'ApplicationGatewayAffinityCORS'],
  },
  { name: 'WordPress VIP', category: 'Hosting', headers: { 'x-powered-by': re`^WordPress VIP` } },
  service('Kissmetrics', 'Analytics', re`//i\.kissmetrics\.(?:io|com)/i\.js`),
  service('Woopra', 'Analytics', re`//static\.woopra\.com/js/w(?:oopra)?\.js`),
  {
    name: 'Umami',
    category: 'Analytics',
    html: [re`<script\s[^<>]{0,300}data-website-id="[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"`],
  },
  service('GoatCounter', 'Analytics', re`^https://gc\.zgo\.at/count(?:\.v\d)?\.js`),
  { name: 'Vercel Analytics', category: 'Analytics', paths: [re`^/_vercel/insights/script\.js`] },
  { name: 'Vercel Speed Insights', category: 'Monitoring', paths: [re`^/_vercel/speed-insights/script\.js`] },
  service('Ahrefs Web Analytics', 'Analytics', re`^https://analytics\.ahrefs\.com/analytics\.js`),
  service('CNZZ', 'Analytics', re`//(?:s\d{1,3}|v1|w)\.cnzz\.com/(?:z_stat\.php|c\.php|stat\.php)`),
  service('51.LA', 'Analytics', re`//js\.users\.51\.la/\d{1,12}\.js`),
  service('Top.Mail.Ru', 'Analytics', re`^https://top-fwz1\.mail\.ru/js/code\.js`),
  service('Gemius', 'Analytics', re`//[\w-]{1,40}\.hit\.gemius\.pl/xlgemius\.js`),
  service(
    'Piano',
    'Marketing',
    re`^https://(?:cdn|sandbox)\.tinypass\.com/api/tinypass(?:\.min)?\.js`,
    re`^https://experience(?:-\w{2})?\.piano\.io/xbuilder/experience/load`,
  ),
  service('Yahoo Dot', 'Tracking Pixel', re`^https://s\.yimg\.com/wi/ytc\.js`),
  service('Quora Pixel', 'Tracking Pixel', re`^https://a\.quora\.com/qevents\.js`),
  service('Impact', 'Advertising', re`^https://utt\.impactcdn\.com/`),
  service('Equativ', 'Ad Exchange', re`//ced\.sascdn\.com/tag/\d{1,8}/smart\.js`),
  service('Xandr', 'Ad Exchange', re`^https://acdn\.adnxs\.com/ast/ast\.js`),
  service('Nativo', 'Advertising', re`^https://s\.ntv\.io/serve/load\.js`),
  service('Carbon Ads', 'Advertising', re`//cdn\.carbonads\.com/carbon\.js`),
  service('BuySellAds', 'Advertising', re`//m\.servedby-buysellads\.com/monetization(?:\.custom)?\.js`),
  service('EthicalAds', 'Advertising', re`^https://media\.ethicalads\.io/media/client/ethicalads(?:\.min)?\.js`),
  service('Freestar', 'Advertising', re`^https://a\.pub\.network/[\w.-]{1,100}/pubfig\.min\.js`),
  service('Weglot', 'Web Application', re`^https://cdn\.weglot\.com/weglot\.min\.js`, re`/wp-content/plugins/weglot/`),
  service('amCharts', 'JavaScript Library', re`^https://cdn\.amcharts\.com/lib/\d/`),
  {
    name: 'Material Icons',
    category: 'Font',
    stylesheets: [re`^https://fonts\.googleapis\.com/(?:icon\?family=Material\+Icons|css2\?family=Material\+Symbols)`],
  },
  { name: 'Dashicons', category: 'Font', stylesheets: [re`/wp-includes/css/dashicons(?:\.min)?\.css(?:$|[?#])`] },
  service('Yandex Advertising Network', 'Advertising', re`^https://yandex\.ru/ads/system/context\.js`),

  {
    name: 'VTEX',
    category: 'E-commerce',
    scripts: [re`^https://[\w-]{1,64}\.vtexassets\.com/`],
    cookies: ['VtexRCMacIdv7', 'vtex_session'],
  },
  {
    name: 'SAP Commerce Cloud',
    category: 'E-commerce',
    cookies: ['acceleratorSecureGUID'],
    paths: [re`^/_ui/(?:responsive|desktop|addons)/`],
  },
  service('Judge.me', 'Marketing', re`^https://cdn\.judge\.me/`),
  service('Loox', 'Marketing', re`^https://loox\.io/widget/`),
  service('Rebuy', 'Marketing', re`^https://cdn\.rebuyengine\.com/`),
  service('Sezzle', 'Payment', re`^https://widget\.sezzle\.com/v\d/javascript/price-widget`),
  service('Stamped.io', 'Marketing', re`^https://cdn1\.stamped\.io/files/widget(?:\.min)?\.js`),
  service('Okendo', 'Marketing', re`^https://cdn-static\.okendo\.io/`),
  service('REVIEWS.io', 'Marketing', re`^https://widget\.reviews\.(?:io|co\.uk)/`),
  service('Klevu', 'Search', re`^https://js\.klevu\.com/`),
  service('Searchspring', 'Search', re`^https://snapui\.searchspring\.io/`),
  service('Doofinder', 'Search', re`^https://cdn\.doofinder\.com/`),
  service('Landbot', 'Live Chat', re`^https://(?:static|cdn)\.landbot\.io/`),
  service('ManyChat', 'Live Chat', re`^https://widget\.manychat\.com/`),
  service('Ada', 'Live Chat', re`^https://static\.ada\.support/embed2?\.js`),
  service('UserWay', 'Web Application', re`^https://cdn\.userway\.org/widget\.js`),
  service('accessiBe', 'Web Application', re`^https://acsbapp\.com/apps/app/dist/js/app\.js`),
  service('AudioEye', 'Web Application', re`^https://ws\.audioeye\.com/ae\.js`),
  service('EqualWeb', 'Web Application', re`^https://cdn\.equalweb\.com/core/`),
  {
    name: 'Dailymotion',
    category: 'Video',
    html: [re`<iframe\s[^<>]{0,500}src="(?:https?:)?//(?:www\.)?dailymotion\.com/embed/video/`],
    scripts: [re`^https://geo\.dailymotion\.com/(?:player|libs/player)/`],
  },
  {
    name: 'Twitch',
    category: 'Video',
    html: [re`<iframe\s[^<>]{0,500}src="https://(?:player|clips)\.twitch\.tv/\?`],
    scripts: [re`^https://embed\.twitch\.tv/embed/v1\.js`],
  },
  { name: 'Loom', category: 'Video', html: [re`<iframe\s[^<>]{0,500}src="https://www\.loom\.com/embed/[0-9a-f]{32}`] },
  service('Bing Maps', 'Maps', re`^https://www\.bing\.com/api/maps/mapcontrol`),
  service('Apple MapKit JS', 'Maps', re`^https://cdn\.apple-mapkit\.com/mk/${V}/mapkit(?:\.core)?\.js`),
  service('Yandex Maps', 'Maps', re`^https://api-maps\.yandex\.ru/\d\.\d/`),
  {
    name: 'OpenStreetMap',
    category: 'Maps',
    html: [re`<iframe\s[^<>]{0,500}src="https://www\.openstreetmap\.org/export/embed\.html\?`],
  },
  service('Cognito Forms', 'Web Application', re`^https://www\.cognitoforms\.com/f/seamless\.js`),
  service('Tally', 'Web Application', re`^https://tally\.so/widgets/embed\.js`),
  {
    name: 'Google Forms',
    category: 'Web Application',
    html: [re`<iframe\s[^<>]{0,500}src="https://docs\.google\.com/forms/d/e/[\w-]{20,80}/viewform\?embedded=true`],
  },
  service('Auth0', 'Security', re`^https://cdn\.auth0\.com/js/(?:lock|auth0-spa-js|auth0)/${V}/`),
  service('Okta Sign-In Widget', 'Security', re`^https://global\.oktacdn\.com/okta-signin-widget/${V}/`),
  service('Reddit embed', 'Widget', re`^https://embed\.reddit\.com/widgets\.js`),
  service('Atlassian Statuspage', 'Web Application', re`^https://cdn\.statuspage\.io/se-v2\.js`),
  service('Gumroad', 'Payment', re`^https://gumroad\.com/js/gumroad(?:-embed)?\.js`),
  service('Lemon Squeezy', 'Payment', re`^https://app\.lemonsqueezy\.com/js/lemon\.js`),
  service('Ko-fi', 'Payment', re`^https://storage\.ko-fi\.com/cdn/(?:widget/Widget_2|scripts/overlay-widget)\.js`),
  service(
    'Buy Me a Coffee',
    'Payment',
    re`^https://cdnjs\.buymeacoffee\.com/${V}/button\.prod\.min\.js`,
    re`^https://cdn\.buymeacoffee\.com/widget/${V}/prod/widget\.prod\.min\.js`,
  ),

  {
    name: 'AMP',
    category: 'JavaScript Framework',
    scripts: [re`^https://cdn\.ampproject\.org/v0\.js`],
    html: [re`<html(?:\s[^<>]{0,300})?\s(?:amp|⚡)(?:[\s>=])`],
  },
  service('AppDynamics', 'Monitoring', re`^https://cdn\.appdynamics\.com/adrum/adrum-(?:latest|${V})\.js`),
  service('Raygun', 'Monitoring', re`^https://cdn\.raygun\.io/raygun4js/raygun(?:\.min)?\.js`),
  service('Instana', 'Monitoring', re`^https://eum\.instana\.io/(?:${V}/)?eum\.min\.js`),
  service(
    'Salesforce Embedded Service',
    'Live Chat',
    re`^https://service\.force\.com/embeddedservice/${V}/esw(?:\.min)?\.js`,
  ),
  service('Kustomer', 'Live Chat', re`^https://cdn\.kustomerapp\.com/chat-web/widget\.js`),
  service('Re:amaze', 'Live Chat', re`^https://cdn\.reamaze\.com/assets/reamaze(?:-loader)?\.js`),
  service('Apple Pay', 'Payment', re`^https://applepay\.cdn-apple\.com/jsapi/v1(?:\.\d)?(?:\.\d)?/apple-pay-sdk\.js`),
  service('Paystack', 'Payment', re`^https://js\.paystack\.co/v\d/inline\.js`),
  service('Flutterwave', 'Payment', re`^https://checkout\.flutterwave\.com/v3\.js`),
  service('Mercado Pago', 'Payment', re`^https://sdk\.mercadopago\.com/js/v2`),
  service('Sovrn', 'Ad Exchange', re`^https://ap\.lijit\.com/www/(?:delivery|sovrn_beacon_standalone)/`),
  service('Oracle Eloqua', 'Marketing Automation', re`//img\.en25\.com/i/elqCfg(?:\.min)?\.js`),
  service('SharpSpring', 'Marketing Automation', re`^https://koi-[\w]{4,20}\.marketingautomation\.services/koi`),
  service('Salesforce Interaction Studio', 'Marketing Automation', re`^https://cdn\.evgnet\.com/beacon/`),
  service('Bloomreach Engagement', 'Marketing Automation', re`^https://api\.exponea\.com/js/exponea\.min\.js`),
  service('Insider', 'Marketing Automation', re`^https://[\w-]{1,64}\.api\.useinsider\.com/ins\.js`),
  service('Emarsys', 'Marketing Automation', re`^https://cdn\.scarabresearch\.com/js/[0-9A-F]{8,20}/scarab-v2\.js`),
  service('Listrak', 'Marketing Automation', re`^https://cdn\.listrakbi\.com/scripts/script\.js`),
  service('Commanders Act', 'Tag Manager', re`^https://cdn\.tagcommander\.com/\d{1,6}/`),
  service('Contentsquare', 'Analytics', re`^https://t\.contentsquare\.net/uxa/[0-9a-f]{10,16}\.js`),
  service('Quantum Metric', 'Analytics', re`^https://cdn\.quantummetric\.com/(?:qscripts|instrumentation)/`),
  service('Inspectlet', 'Analytics', re`^https://cdn\.inspectlet\.com/inspectlet\.js`),
  service('AT Internet', 'Analytics', re`^https://tag\.aticdn\.net/(?:piano-analytics|smarttag)?`),
  service('Pirsch', 'Analytics', re`^https://api\.pirsch\.io/pirsch(?:-extended)?\.js`),
  service('Kakao Pixel', 'Tracking Pixel', re`^https://t1\.daumcdn\.net/kas/static/kp\.js`),

  // ----- Search -----
  { name: 'Algolia', category: 'Search', scripts: [npm('algoliasearch')] },
  { name: 'DocSearch', category: 'Search', scripts: [npm('@docsearch/js')] },
  { name: 'Swiftype', category: 'Search', scripts: [re`^https://s\.swiftypecdn\.com/install/v2/st\.js`] },
  { name: 'Google Programmable Search', category: 'Search', scripts: [re`^https://cse\.google\.com/cse\.js`] },
  { name: 'Coveo', category: 'Search', scripts: [re`^https://static\.cloud\.coveo\.com/searchui/v${V}/`] },
  // Pagefind's UI and search scripts sit under the /pagefind/ folder its indexer writes.
  { name: 'Pagefind', category: 'Search', scripts: [re`/pagefind/pagefind(?:-ui|-modular-ui)?\.js(?:$|[?#])`] },

  // ----- Proxies, servers and hosts by their own headers -----
  { name: 'Apache APISIX', category: 'Reverse Proxy', headers: { server: product('APISIX') } },
  { name: 'Istio', category: 'Reverse Proxy', headers: { server: re`^istio-envoy$` } },
  { name: 'WEBrick', category: 'Server', headers: { server: product('WEBrick') } },
  { name: 'Thin', category: 'Server', headers: { server: re`^thin(?: ${V})?(?=\s|$)` } },
  { name: 'Ruby', category: 'Programming Language', headers: { server: re`\(Ruby/${V}` } },
  { name: 'Tumblr', category: 'CMS', headers: { 'x-tumblr-user': re`^[\w-]{1,64}$` } },
  { name: 'Backblaze B2', category: 'Hosting', headers: { 'x-bz-content-sha1': re`^(?:unverified:)?[0-9a-f]{40}$` } },
  service(
    'Matomo Tag Manager',
    'Tag Manager',
    re`^https://cdn\.matomo\.cloud/[\w.-]{1,100}/container_[A-Za-z0-9]{8}\.js`,
  ),
  // The comments plugin's markup; the SDK that renders it is Facebook SDK's.
  { name: 'Facebook Comments', category: 'Comment System', html: [re`\sclass="fb-comments[\s"]`] },

  // ----- The tables of families.ts -----
  ...LIBRARIES.map(library),
  ...WP_PLUGINS.map(([name, category, slugs, output]) => wpAssets(name, category, 'plugins', slugs, output)),
  ...WP_THEMES.map(([name, folders, category]) => wpAssets(name, category ?? 'CMS Plugin', 'themes', folders)),
  ...SCRIPT_HOSTS.map(hosted),
  ...DRUPAL_MODULES.map(([name, category, modules]) =>
    assetsUnder(
      name,
      category,
      modules.map((m) => String.raw`/(?:sites/[\w.-]{1,60}/modules/(?:contrib/)?|modules/contrib/)${esc(m)}/`),
    ),
  ),
  ...JOOMLA_EXTENSIONS.map(([name, category, folders]) =>
    assetsUnder(
      name,
      category,
      folders.map((f) => String.raw`/(?:media|components|modules)/${esc(f)}/`),
    ),
  ),
  ...PRESTASHOP_MODULES.map(([name, category, folders]) =>
    assetsUnder(
      name,
      category,
      folders.map((f) => String.raw`/modules/${esc(f)}/views/`),
    ),
  ),
  ...GENERATORS.map(generator),
];
