import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOBAL_PROBES } from '../../capture/probes.js';
import { COMPONENT_CATALOG } from '../../extractor/components/catalog.js';
import {
  DRUPAL_MODULES,
  GENERATORS,
  JOOMLA_EXTENSIONS,
  LIBRARIES,
  PRESTASHOP_MODULES,
  SCRIPT_HOSTS,
  WP_PLUGINS,
  WP_THEMES,
} from '../../extractor/components/families.js';
import {
  bundleParts,
  findComponents,
  type ComponentFinding,
  type ComponentScanInput,
} from '../../extractor/components/find.js';
import { COMPONENT_CATEGORIES, type ComponentSource } from '../../extractor/events.js';
import { requiredLiterals } from '../../extractor/trackers/find.js';
import { unbounded } from '../helpers/regex.js';

const PAGE = 'https://www.example-shop.test/';
const HOST = 'www.example-shop.test';

/** One piece of evidence on PAGE: what the finder gets, and the source and where it should report. */
interface Evidence {
  input: Partial<ComponentScanInput>;
  source: ComponentSource;
  where: string;
}
const h = (header: string, value: string): Evidence => ({
  input: { responses: [{ url: PAGE, headers: { [header]: value } }] },
  source: 'header',
  where: header,
});
const k = (name: string): Evidence => ({ input: { cookies: [{ name, host: HOST }] }, source: 'cookie', where: name });
const m = (name: string, content: string): Evidence => ({
  input: {
    documents: [
      { url: PAGE, html: `<html><head><meta name="${name}" content="${content}"></head><body></body></html>` },
    ],
  },
  source: 'meta',
  where: name,
});
const s = (url: string): Evidence => ({
  input: { requests: [{ url, resource_type: 'script', document_url: PAGE }] },
  source: 'script-url',
  where: url,
});
const g = (globals: Record<string, string>): Evidence => ({
  input: { documents: [{ url: PAGE, globals }] },
  source: 'js-global',
  where: Object.keys(globals)[0]!,
});
const css = (url: string): Evidence => ({
  input: { requests: [{ url, resource_type: 'stylesheet', document_url: PAGE }] },
  source: 'stylesheet-url',
  where: url,
});
const x = (html: string): Evidence => ({
  input: { documents: [{ url: PAGE, html: `<html><head></head><body>${html}</body></html>` }] },
  source: 'html',
  where: PAGE,
});
const p = (path: string): Evidence => ({
  input: { requests: [{ url: new URL(path, PAGE).href, resource_type: 'other', document_url: PAGE }] },
  source: 'request-path',
  where: new URL(path, PAGE).href,
});
const _f = (mmh3: number): Evidence => ({
  input: { favicon: { url: `${PAGE}favicon.ico`, mmh3 } },
  source: 'favicon',
  where: `${PAGE}favicon.ico`,
});

const scan = (e: Evidence): ComponentFinding[] =>
  findComponents({ responses: [], cookies: [], documents: [], requests: [], ...e.input });

// [name, evidence, the version it states (null: none), a near miss]. One row per catalog entry.
const CASES: [string, Evidence, string | null, Evidence][] = [
  // Servers
  ['nginx', h('server', 'nginx/1.25.3'), '1.25.3', h('server', 'nginx-proxy-manager')],
  ['Apache HTTP Server', h('server', 'Apache/2.4.57 (Debian)'), '2.4.57', h('server', 'Apache-Coyote/1.1')],
  ['Microsoft IIS', h('server', 'Microsoft-IIS/10.0'), '10.0', h('server', 'Microsoft-HTTPAPI/2.0')],
  ['LiteSpeed', h('server', 'LiteSpeed'), null, h('server', 'LiteSpeedTech')],
  ['OpenResty', h('server', 'openresty/1.21.4.1'), '1.21.4.1', h('server', 'open-resty')],
  ['Caddy', h('server', 'Caddy'), null, h('x-powered-by', 'Caddy')],
  ['Tengine', h('server', 'Tengine/2.3.3'), '2.3.3', h('server', 'Tengine-Plus')],
  ['Cowboy', h('server', 'Cowboy'), null, h('server', 'Cowboys')],
  ['Jetty', h('server', 'Jetty(9.4.53.v20231009)'), '9.4.53', h('x-powered-by', 'Jetty(9.4.53)')],
  ['Gunicorn', h('server', 'gunicorn/21.2.0'), '21.2.0', h('server', 'gunicorn-like')],
  ['Werkzeug', h('server', 'Werkzeug/3.0.1 Python/3.12.1'), '3.0.1', h('x-powered-by', 'Werkzeug/3.0.1')],
  ['Uvicorn', h('server', 'uvicorn'), null, h('server', 'uvicorn-worker')],
  ['Hypercorn', h('server', 'hypercorn-h11'), null, h('server', 'hypercorn')],
  ['Waitress', h('server', 'waitress'), null, h('server', 'waitresses')],
  ['CherryPy', h('server', 'CherryPy/18.9.0'), '18.9.0', h('server', 'CherryPyX')],
  ['TornadoServer', h('server', 'TornadoServer/6.4'), '6.4', h('server', 'Tornado')],
  ['Twisted Web', h('server', 'TwistedWeb/23.10.0'), '23.10.0', h('server', 'Twisted')],
  ['Kestrel', h('server', 'Kestrel'), null, h('server', 'KestrelX')],
  ['Microsoft HTTPAPI', h('server', 'Microsoft-HTTPAPI/2.0'), '2.0', h('server', 'Microsoft-IIS/10.0')],
  ['lighttpd', h('server', 'lighttpd/1.4.73'), '1.4.73', h('server', 'lighttpd2')],
  ['Apache Tomcat', x('<h3>Apache Tomcat/10.1.17</h3>'), '10.1.17', x('<h3>Apache Tomcat</h3>')],
  ['Envoy', h('server', 'envoy'), null, h('server', 'envoy-proxy')],
  ['GlassFish', h('server', 'GlassFish Server Open Source Edition  5.1.0'), '5.1.0', h('server', 'GlassFish')],
  ['WildFly', h('x-powered-by', 'Undertow/1'), null, h('server', 'Undertow/1')],
  ['SonicWall SSL VPN', h('server', 'SonicWALL SSL-VPN Web Server'), null, h('server', 'SonicWALL')],
  // Extensions, languages, operating systems
  [
    'OpenSSL',
    h('server', 'Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips'),
    '1.0.2k',
    h('server', 'Apache/2.4.6 (CentOS) OpenSSL'),
  ],
  [
    'mod_perl',
    h('server', 'Apache/2.4.41 mod_perl/2.0.11 Perl/v5.30.0'),
    '2.0.11',
    h('server', 'Apache/2.4.41 mod_perl'),
  ],
  [
    'mod_wsgi',
    h('server', 'Apache/2.4.52 (Ubuntu) mod_wsgi/4.9.0 Python/3.10'),
    '4.9.0',
    h('server', 'Apache mod_wsgi'),
  ],
  ['mod_fcgid', h('server', 'Apache/2.4.29 mod_fcgid/2.3.9'), '2.3.9', h('server', 'Apache mod_fcgid')],
  ['mod_jk', h('server', 'Apache/2.2.15 mod_jk/1.2.37'), '1.2.37', h('server', 'Apache mod_jk')],
  ['mod_python', h('server', 'Apache/2.2.22 mod_python/3.3.1 Python/2.7.3'), '3.3.1', h('server', 'Apache mod_python')],
  ['Phusion Passenger', h('server', 'nginx/1.18.0 Phusion_Passenger/6.0.18'), '6.0.18', h('server', 'Phusion')],
  ['PHP', h('x-powered-by', 'PHP/8.2.13'), '8.2.13', h('x-powered-by', 'PHP-FPM pool')],
  ['Python', h('server', 'Werkzeug/3.0.1 Python/3.12.1'), '3.12.1', h('server', 'MicroPython')],
  ['Perl', h('server', 'Apache mod_perl/2.0.11 Perl/v5.30.0'), '5.30.0', h('server', 'Perl')],
  ['Erlang', h('server', 'MochiWeb/1.0 (Any of you quaids got a smint?) (Erlang OTP/25)'), '25', h('server', 'Erlang')],
  ['Java', k('JSESSIONID'), null, k('JSESSIONID2')],
  ['Ubuntu', h('server', 'Apache/2.4.52 (Ubuntu)'), null, h('server', 'Apache/2.4.52 Ubuntu')],
  ['Debian', h('server', 'Apache/2.4.57 (Debian)'), null, h('server', 'Debian')],
  ['CentOS', h('server', 'Apache/2.4.6 (CentOS)'), null, h('server', 'CentOS')],
  ['Red Hat Enterprise Linux', h('server', 'Apache/2.4.37 (Red Hat Enterprise Linux)'), null, h('server', 'Red Hat')],
  ['Fedora', h('server', 'Apache/2.4.58 (Fedora)'), null, h('server', 'Fedora')],
  ['FreeBSD', h('server', 'Apache/2.4.58 (FreeBSD)'), null, h('server', 'FreeBSD')],
  ['Windows', h('server', 'Apache/2.4.58 (Win64) OpenSSL/3.1.3'), null, h('server', 'Apache/2.4.58 (Unix)')],
  // CDNs, hosting, caches, security
  ['Cloudflare', h('server', 'cloudflare'), null, h('server', 'cloudflare-nginx-clone')],
  ['Amazon CloudFront', h('x-amz-cf-pop', 'FRA56-P5'), null, h('x-amz-cf-pop', 'FRA')],
  ['Fastly', h('x-served-by', 'cache-fra-eddf8230062-FRA'), null, h('x-served-by', 'my-app-server')],
  ['Akamai', h('server', 'AkamaiGHost'), null, h('server', 'Akamai')],
  ['Azure Front Door', h('x-azure-ref', '20240101T120000Z-16bb7f8c8dbz2h8x'), null, h('x-azure-ref', 'short')],
  ['KeyCDN', h('server', 'keycdn-engine'), null, h('server', 'keycdn')],
  ['Bunny CDN', h('server', 'BunnyCDN-DE1-1081'), null, h('server', 'BunnyCDN')],
  ['Varnish', h('x-varnish', '123456 789012'), null, h('x-varnish', 'yes')],
  ['Sucuri', h('server', 'Sucuri/Cloudproxy'), null, h('server', 'Sucuri')],
  ['Imperva', k('visid_incap_2178340'), null, k('visid_incap_')],
  ['DDoS-Guard', h('server', 'ddos-guard'), null, k('__ddg3_')],
  ['Netlify', h('server', 'Netlify'), null, h('x-nf-request-id', 'not-a-ulid')],
  ['Vercel', h('x-vercel-id', 'fra1::iad1::abcde-1700000000000-0123456789ab'), null, h('x-vercel-id', 'vercel')],
  ['GitHub Pages', h('server', 'GitHub.com'), null, h('server', 'GitHub')],
  ['Heroku', h('via', '1.1 vegur'), null, h('via', '1.1 varnish')],
  ['Fly.io', h('server', 'Fly/a1b2c3d4 (2024-01-01)'), null, h('server', 'Fly')],
  ['Amazon S3', h('server', 'AmazonS3'), null, h('server', 'AmazonS3Proxy')],
  ['Google Cloud Storage', h('x-goog-storage-class', 'STANDARD'), null, h('x-goog-storage-class', 'PREMIUM')],
  ['F5 BIG-IP', k('BIGipServerpool_web_443'), null, k('BIGipServer')],
  ['Citrix ADC', k('NSC_wt_xxx_443'), null, k('NSC')],
  // Remote access, webmail, control panels
  ['Citrix Gateway', p('/logon/LogonPoint/tmindex.html'), null, p('/docs/logon/LogonPoint/')],
  ['Ivanti Connect Secure', p('/dana-na/auth/url_default/welcome.cgi'), null, p('/dana/auth/')],
  ['Fortinet FortiGate SSL VPN', p('/remote/login?lang=en'), null, p('/remote/loginpage')],
  ['Palo Alto GlobalProtect', p('/global-protect/login.esp'), null, p('/global-protect/about.html')],
  ['Cisco ASA WebVPN', p('/+CSCOE+/logon.html'), null, p('/CSCOE/logon.html')],
  ['F5 BIG-IP APM', p('/my.policy'), null, p('/policy/my.policy')],
  ['Microsoft RD Web Access', p('/RDWeb/Pages/en-US/login.aspx'), null, p('/docs/RDWeb/')],
  ['Outlook Web App', h('x-owa-version', '15.2.1258.27'), '15.2.1258.27', h('x-owa-version', 'unknown')],
  ['Roundcube', k('roundcube_sessid'), null, k('roundcube')],
  ['SquirrelMail', k('SQMSESSID'), null, k('SQMSESSIONID')],
  ['Zimbra', k('ZM_TEST'), null, k('ZM_TEST_2')],
  ['cPanel', h('server', 'cpsrvd/11.116.0.3'), '11.116.0.3', h('server', 'cpsrvd-proxy')],
  ['Plesk', h('x-powered-by', 'PleskLin'), null, h('x-powered-by', 'Plesk')],
  ['Webmin', h('server', 'MiniServ/2.105'), '2.105', h('server', 'MiniServer')],
  [
    'DirectAdmin',
    h('server', 'DirectAdmin Daemon v1.65.0 Registered to Example'),
    '1.65.0',
    h('server', 'DirectAdmin'),
  ],
  // Web applications
  ['Jenkins', h('x-jenkins', '2.426.2'), '2.426.2', h('x-jenkins', 'yes')],
  [
    'Grafana',
    g({ 'grafanaBootData.settings.buildInfo.version': '10.2.3' }),
    '10.2.3',
    g({ 'grafanaBootData.settings.buildInfo.version': 'object' }),
  ],
  ['Kibana', h('kbn-version', '8.11.3'), '8.11.3', h('kbn-version', '')],
  ['phpMyAdmin', k('phpMyAdmin'), null, k('phpMyAdmin_https')],
  ['Zabbix', k('zbx_session'), null, k('zbx')],
  ['GitLab', k('_gitlab_session'), null, k('gitlab_session')],
  ['Gitea', k('i_like_gitea'), null, k('i_like_gitlab')],
  ['Gogs', k('i_like_gogs'), null, k('i_like_go')],
  ['Nextcloud', k('nc_sameSiteCookielax'), null, k('nc_session_id')],
  ['Confluence', h('x-confluence-request-time', '1704110400123'), null, h('x-confluence-request-time', 'now')],
  ['Jira', m('application-name', 'JIRA'), null, m('application-name', 'JIRA clone')],
  ['Swagger UI', x('<div id="swagger-ui"></div>'), null, x('<div id="swagger"></div>')],
  ['MinIO', h('server', 'MinIO'), null, h('server', 'MinIO-compatible')],
  ['CouchDB', h('server', 'CouchDB/3.3.3 (Erlang OTP/24)'), '3.3.3', h('server', 'CouchDB')],
  ['Elasticsearch', h('x-elastic-product', 'Elasticsearch'), null, h('x-elastic-product', 'OpenSearch')],
  ['InfluxDB', h('x-influxdb-version', 'v2.7.4'), '2.7.4', h('x-influxdb-version', 'OSS')],
  // Server-side frameworks
  ['Express', h('x-powered-by', 'Express'), null, h('x-powered-by', 'Express Gateway')],
  ['Laravel', k('laravel_session'), null, k('XSRF-TOKEN')],
  ['Django', k('csrftoken'), null, k('csrf_token')],
  ['Ruby on Rails', m('csrf-param', 'authenticity_token'), null, m('csrf-param', '_token')],
  ['ASP.NET', h('x-aspnet-version', '4.0.30319'), '4.0.30319', h('x-powered-by', 'ASP.NET Core')],
  ['ASP.NET MVC', h('x-aspnetmvc-version', '5.2'), '5.2', h('x-aspnetmvc-version', 'five')],
  ['ASP.NET Core', k('.AspNetCore.Antiforgery.9TtSrW0hzOs'), null, k('.AspNetCore.Other')],
  [
    'Blazor',
    s('https://www.example-shop.test/_framework/blazor.web.js'),
    null,
    s('https://www.example-shop.test/_framework/blazor.js'),
  ],
  ['CodeIgniter', k('ci_session'), null, k('ci_sessions')],
  ['CakePHP', k('CAKEPHP'), null, k('CAKEPHP2')],
  [
    'Symfony',
    h('x-debug-token-link', 'https://www.example-shop.test/_profiler/a1b2c3'),
    null,
    h('x-debug-token-link', 'https://www.example-shop.test/profiler/'),
  ],
  ['Yii', k('YII_CSRF_TOKEN'), null, k('YII_TOKEN')],
  ['Adobe ColdFusion', k('CFTOKEN'), null, k('CF_TOKEN')],
  ['Play Framework', k('PLAY_SESSION'), null, k('PLAY_FLASH')],
  ['Phoenix', x('<div data-phx-main data-phx-session="x"></div>'), null, x('<div data-phx></div>')],
  ['Spring Boot', x('<h1>Whitelabel Error Page</h1>'), null, x('<h1>Error Page</h1>')],
  [
    'JavaServer Faces',
    x('<input type="hidden" name="jakarta.faces.ViewState" value="x">'),
    null,
    x('<input type="hidden" name="ViewState">'),
  ],
  ['Mojolicious', h('server', 'Mojolicious (Perl)'), null, h('server', 'Mojolicious')],
  ['Tornado', h('server', 'TornadoServer/6.4'), '6.4', h('server', 'Tornado/6.4')],
  ['Socket.IO', p('/socket.io/?EIO=4&transport=polling&t=OxYz'), null, p('/socket.io.html')],
  ['Next.js', g({ 'next.version': '14.0.4' }), '14.0.4', g({ 'next.version': 'object' })],
  ['Nuxt', p('/_nuxt/entry.abc123.js'), null, p('/nuxt/entry.js')],
  ['SvelteKit', p('/_app/immutable/entry/start.abc.js'), null, p('/_app/mutable/start.js')],
  ['Gatsby', m('generator', 'Gatsby 5.13.1'), '5.13.1', m('generator', 'Built with Gatsby')],
  // CMS and site builders
  ['WordPress', m('generator', 'WordPress 6.4.2'), '6.4.2', m('generator', 'WordPressy')],
  ['Drupal', m('generator', 'Drupal 10 (https://www.drupal.org)'), '10', m('generator', 'Drupalcon')],
  ['Joomla', m('generator', 'Joomla! - Open Source Content Management'), null, m('generator', 'Joomla')],
  ['TYPO3', m('generator', 'TYPO3 CMS'), null, m('generator', 'TYPO3')],
  ['Ghost', m('generator', 'Ghost 5.75'), '5.75', m('generator', 'Ghostwriter')],
  ['Hugo', m('generator', 'Hugo 0.121.1'), '0.121.1', m('generator', 'Hugo')],
  ['Jekyll', m('generator', 'Jekyll v4.3.3'), '4.3.3', m('generator', 'Jekyll')],
  ['Hexo', m('generator', 'Hexo 7.0.0'), '7.0.0', m('generator', 'Hexo')],
  ['Eleventy', m('generator', 'Eleventy v2.0.1'), '2.0.1', m('generator', 'Eleventy')],
  ['Astro', m('generator', 'Astro v4.0.7'), '4.0.7', m('generator', 'Astro')],
  ['Docusaurus', m('generator', 'Docusaurus v3.0.1'), '3.0.1', m('generator', 'Docusaurus')],
  ['VitePress', m('generator', 'VitePress v1.0.0-rc.36'), '1.0.0-rc.36', m('generator', 'VitePress')],
  ['MkDocs', m('generator', 'mkdocs-1.5.3, mkdocs-material-9.5.3'), '1.5.3', m('generator', 'mkdocs')],
  [
    'Material for MkDocs',
    m('generator', 'mkdocs-1.5.3, mkdocs-material-9.5.3'),
    '9.5.3',
    m('generator', 'mkdocs-1.5.3'),
  ],
  [
    'Sphinx',
    x('Created using <a href="https://www.sphinx-doc.org/">Sphinx</a> 7.2.6.'),
    '7.2.6',
    x('Created using Sphinx 7.2.6.'),
  ],
  [
    'Docutils',
    m('generator', 'Docutils 0.20.1: https://docutils.sourceforge.io/'),
    '0.20.1',
    m('generator', 'Docutils'),
  ],
  ['Doxygen', m('generator', 'Doxygen 1.9.8'), '1.9.8', m('generator', 'Doxygen')],
  ['Quarto', m('generator', 'quarto-1.4.549'), '1.4.549', m('generator', 'quarto')],
  ['Blogger', m('generator', 'Blogger'), null, m('generator', 'Blogger clone')],
  ['Webflow', m('generator', 'Webflow'), null, m('generator', 'Webflow export tool')],
  ['Wix', m('generator', 'Wix.com Website Builder'), null, m('generator', 'Wix')],
  [
    'Framer Sites',
    s('https://framerusercontent.com/sites/AbCdEf123/script_main.abc.mjs'),
    null,
    s('https://framerusercontent.com/images/x.png'),
  ],
  ['Duda', s('https://irp.cdn-website.com/0123abcd/dms3rep/multi/x.js'), null, s('https://www.cdn-website.com/x.js')],
  [
    'Strikingly',
    s('https://static-assets.strikinglycdn.com/webpack/x.js'),
    null,
    s('https://www.strikinglycdn.com/x.js'),
  ],
  ['Squarespace', h('server', 'Squarespace'), null, h('server', 'Squarespace-proxy')],
  [
    'GoDaddy Website Builder',
    m('generator', 'Go Daddy Website Builder 8.0.0000'),
    '8.0.0000',
    m('generator', 'GoDaddy'),
  ],
  ['Craft CMS', h('x-powered-by', 'Craft CMS'), null, h('x-powered-by', 'Craft')],
  ['Concrete CMS', m('generator', 'concrete5 - 8.5.12'), '8.5.12', m('generator', 'concrete')],
  ['Sitecore', k('SC_ANALYTICS_GLOBAL_COOKIE'), null, k('SC_ANALYTICS')],
  ['Adobe Experience Manager', p('/etc.clientlibs/site/clientlibs/main.min.js'), null, p('/etc/clientlibs/main.js')],
  ['DNN', k('.DOTNETNUKE'), null, k('DOTNETNUKE')],
  ['Sitefinity', m('generator', 'Sitefinity 14.4.8100.0 DX'), '14.4.8100.0', m('generator', 'Sitefinity')],
  ['Kentico', k('CMSPreferredCulture'), null, k('CMSCulture')],
  [
    'Liferay',
    h('liferay-portal', 'Liferay Community Edition Portal 7.4.3.112 CE GA112'),
    '7.4.3.112',
    h('liferay-portal', 'Liferay'),
  ],
  ['MediaWiki', m('generator', 'MediaWiki 1.41.0'), '1.41.0', m('generator', 'MediaWiki')],
  ['DokuWiki', m('generator', 'DokuWiki'), null, m('generator', 'Doku')],
  [
    'Discourse',
    m('generator', 'Discourse 3.2.0.beta4 - https://github.com/discourse/discourse'),
    '3.2.0.beta4',
    m('generator', 'Discourse'),
  ],
  ['phpBB', k('phpbb3_abc12_sid'), null, k('phpbb3_sid')],
  ['vBulletin', m('generator', 'vBulletin 5.7.5'), '5.7.5', m('generator', 'vBulletin')],
  ['XenForo', k('xf_session'), null, k('xf_sessions')],
  ['MyBB', k('mybb[lastvisit]'), null, k('mybb')],
  ['Invision Community', k('ips4_IPSSessionFront'), null, k('ips4_')],
  ['Moodle', k('MoodleSession'), null, k('MoodleSessionTest')],
  ['Odoo', m('generator', 'Odoo'), null, m('generator', 'Odoo community')],
  ['HubSpot CMS', m('generator', 'HubSpot'), null, m('generator', 'HubSpot forms')],
  // WordPress plugins
  ['WooCommerce', m('generator', 'WooCommerce 8.4.0'), '8.4.0', m('generator', 'WooCommerce')],
  [
    'Elementor',
    m('generator', 'Elementor 3.18.3; features: e_dom_optimization'),
    '3.18.3',
    m('generator', 'Elementor'),
  ],
  [
    'Slider Revolution',
    m('generator', 'Powered by Slider Revolution 6.6.18 - responsive'),
    '6.6.18',
    m('generator', 'Slider Revolution'),
  ],
  [
    'WPBakery Page Builder',
    m('generator', 'Powered by WPBakery Page Builder - drag and drop page builder for WordPress.'),
    null,
    m('generator', 'WPBakery'),
  ],
  ['Site Kit by Google', m('generator', 'Site Kit by Google 1.117.0'), '1.117.0', m('generator', 'Site Kit by Google')],
  ['WPML', m('generator', 'WPML ver:4.6.8 stt:1,4;'), '4.6.8', m('generator', 'WPML')],
  [
    'Yoast SEO',
    x('<!-- This site is optimized with the Yoast SEO plugin v21.7 - https://yoast.com/wordpress/plugins/seo/ -->'),
    '21.7',
    x('<!-- Yoast SEO -->'),
  ],
  [
    'Rank Math',
    x('<!-- Search Engine Optimization by Rank Math - https://rankmath.com/ -->'),
    null,
    x('<!-- Search Engine Optimization by Rank Math -->'),
  ],
  ['The SEO Framework', x('<!-- The SEO Framework by Sybre Waaijer -->'), null, x('<!-- SEO Framework -->')],
  ['All in One SEO', x('<!-- All in One SEO 4.5.3.1 - aioseo.com -->'), '4.5.3.1', x('<!-- All in One SEO -->')],
  [
    'W3 Total Cache',
    x('<!-- Performance optimized by W3 Total Cache. Learn more: https://www.boldgrid.com/w3-total-cache/ -->'),
    null,
    x('<!-- W3 Total Cache -->'),
  ],
  [
    'WP Rocket',
    x("<!-- This website is like a Rocket, isn't it? Performance optimized by WP Rocket. -->"),
    null,
    x('<!-- WP Rocket -->'),
  ],
  [
    'Jetpack',
    p('/wp-content/plugins/jetpack/_inc/build/photon/photon.min.js'),
    null,
    p('/wp-content/plugins/jetpack-boost/x.js'),
  ],
  [
    'Contact Form 7',
    p('/wp-content/plugins/contact-form-7/includes/js/index.js?ver=5.8.5'),
    null,
    p('/wp-content/plugins/contact-form-7-honeypot/x.js'),
  ],
  [
    'Akismet',
    x('<input type="hidden" id="ak_js_1" name="ak_js" value="42">'),
    null,
    x('<input type="hidden" name="ak_js_extra">'),
  ],
  // E-commerce, payment
  ['Shopify', h('x-shopid', '12345678'), null, h('x-shopid', 'shop')],
  ['Magento', k('mage-cache-sessid'), null, k('mage-cache')],
  ['PrestaShop', k('PrestaShop-0123456789abcdef0123456789abcdef'), null, k('PrestaShop-session')],
  ['OpenCart', k('OCSESSID'), null, k('OCSESSION')],
  [
    'BigCommerce',
    s('https://cdn11.bigcommerce.com/s-abc123xyz/stencil/theme.js'),
    null,
    s('https://www.bigcommerce.com/assets/site.js'),
  ],
  [
    'Salesforce Commerce Cloud',
    p('/on/demandware.store/Sites-Shop-Site/en_US/Cart-Show'),
    null,
    p('/on/demandware/store'),
  ],
  ['Shopware', k('sw-cache-hash'), null, k('sw-states')],
  ['Ecwid', s('https://app.ecwid.com/script.js?1003&data_platform=code'), null, s('https://app.ecwid.com/other.js')],
  ['Stripe', s('https://js.stripe.com/v3/'), '3', s('https://js.stripe.com/terminal/v1/')],
  ['PayPal', s('https://www.paypal.com/sdk/js?client-id=test'), null, s('https://www.paypal.com/sdk/js')],
  [
    'Braintree',
    s('https://js.braintreegateway.com/web/dropin/1.41.0/js/dropin.min.js'),
    '1.41.0',
    s('https://js.braintreegateway.com/web/latest/client.js'),
  ],
  [
    'Adyen',
    s('https://checkoutshopper-live.adyen.com/checkoutshopper/sdk/5.53.2/adyen.js'),
    '5.53.2',
    s('https://checkoutshopper-live.adyen.com/checkoutshopper/adyen.js'),
  ],
  ['Square', s('https://web.squarecdn.com/v1/square.js'), null, s('https://web.squarecdn.com/v1/other.js')],
  ['Klarna', s('https://x.klarnacdn.net/kp/lib/v1/api.js'), null, s('https://x.klarnacdn.net/kp/lib/v2/api.js')],
  // JavaScript libraries
  ['jQuery', g({ 'jQuery.fn.jquery': '3.7.1' }), '3.7.1', g({ 'jQuery.fn.jquery': 'function' })],
  [
    'jQuery UI',
    s('https://code.jquery.com/ui/1.13.2/jquery-ui.min.js'),
    '1.13.2',
    s('https://code.jquery.com/jquery-3.7.1.min.js'),
  ],
  [
    'jQuery Migrate',
    s('https://www.example-shop.test/wp-includes/js/jquery/jquery-migrate.min.js?ver=3.4.1'),
    '3.4.1',
    s('https://www.example-shop.test/wp-includes/js/jquery/jquery-migrate.min.js'),
  ],
  ['Bootstrap', g({ 'bootstrap.Tooltip.VERSION': '5.3.2' }), '5.3.2', g({ 'bootstrap.Tooltip.VERSION': 'object' })],
  [
    'React',
    g({ 'React.version': '18.2.0' }),
    '18.2.0',
    s('https://cdn.jsdelivr.net/npm/react-dom@18.2.0/umd/react-dom.production.min.js'),
  ],
  ['Vue.js', g({ 'Vue.version': '3.4.5' }), '3.4.5', s('https://cdn.jsdelivr.net/npm/@vue/devtools@6.5.1/index.js')],
  ['AngularJS', g({ 'angular.version.full': '1.8.3' }), '1.8.3', x('<div data-angular-app></div>')],
  ['Angular', x('<app-root ng-version="17.0.8"></app-root>'), '17.0.8', x('<app-root ng-version=""></app-root>')],
  ['Svelte', x('<h1 class="title svelte-1ydz4t5">Hi</h1>'), null, x('<h1 class="svelte-logo">Hi</h1>')],
  ['Ember.js', g({ 'Ember.VERSION': '5.5.0' }), '5.5.0', x('<div class="ember-views"></div>')],
  [
    'Backbone.js',
    g({ 'Backbone.VERSION': '1.5.0' }),
    '1.5.0',
    s('https://cdn.jsdelivr.net/npm/backbone-forms@0.14.1/x.js'),
  ],
  [
    'Knockout',
    s('https://www.example-shop.test/js/knockout-3.5.1.js'),
    '3.5.1',
    s('https://www.example-shop.test/js/knockout.js'),
  ],
  [
    'Lodash',
    g({ '_.VERSION': '4.17.21', '_.flatMapDeep': 'function' }),
    '4.17.21',
    g({ '_.VERSION': '1.13.6', '_.findWhere': 'function' }),
  ],
  [
    'Underscore.js',
    g({ '_.VERSION': '1.13.6', '_.findWhere': 'function' }),
    '1.13.6',
    g({ '_.VERSION': '4.17.21', '_.flatMapDeep': 'function' }),
  ],
  [
    'Moment.js',
    g({ 'moment.version': '2.30.1' }),
    '2.30.1',
    s('https://cdn.jsdelivr.net/npm/moment-timezone@0.5.44/index.js'),
  ],
  ['D3', s('https://d3js.org/d3.v7.min.js'), '7', s('https://d3js.org/d3-array.v3.min.js')],
  ['Chart.js', g({ 'Chart.version': '4.4.1' }), '4.4.1', g({ 'Chart.version': 'undefined-ish' })],
  ['Three.js', g({ 'THREE.REVISION': '160' }), '160', g({ 'THREE.REVISION': 'r160' })],
  [
    'Alpine.js',
    s('https://cdn.jsdelivr.net/npm/alpinejs@3.13.3/dist/cdn.min.js'),
    '3.13.3',
    s('https://cdn.jsdelivr.net/npm/@alpinejs/focus@3.13.3/dist/cdn.min.js'),
  ],
  [
    'htmx',
    s('https://unpkg.com/htmx.org@1.9.10/dist/htmx.min.js'),
    '1.9.10',
    s('https://unpkg.com/htmx.org/dist/htmx.min.js'),
  ],
  ['Prototype', g({ 'Prototype.Version': '1.7.3' }), '1.7.3', g({ 'Prototype.Version': 'object' })],
  ['MooTools', g({ 'MooTools.version': '1.6.0' }), '1.6.0', g({ 'MooTools.version': 'object' })],
  [
    'YUI',
    s('https://yui.yahooapis.com/3.18.1/build/yui/yui-min.js'),
    '3.18.1',
    s('https://yui.yahooapis.com/build/yui/yui-min.js'),
  ],
  [
    'Ext JS',
    g({ 'Ext.versions.extjs.version': '7.0.0.156' }),
    '7.0.0.156',
    g({ 'Ext.versions.extjs.version': 'object' }),
  ],
  [
    'Modernizr',
    s('https://www.example-shop.test/js/vendor/modernizr-3.11.2.min.js'),
    '3.11.2',
    s('https://www.example-shop.test/js/vendor/custom-modernizr.js'),
  ],
  ['GSAP', g({ 'gsap.version': '3.12.4' }), '3.12.4', g({ 'gsap.version': 'object' })],
  [
    'Popper',
    s('https://cdn.jsdelivr.net/npm/@popperjs/core@2.11.8/dist/umd/popper.min.js'),
    '2.11.8',
    s('https://cdn.jsdelivr.net/npm/@popperjs/core/dist/umd/popper.min.js'),
  ],
  [
    'Axios',
    s('https://cdn.jsdelivr.net/npm/axios@1.6.5/dist/axios.min.js'),
    '1.6.5',
    s('https://cdn.jsdelivr.net/npm/axios-retry@4.0.0/index.js'),
  ],
  [
    'Highcharts',
    s('https://code.highcharts.com/11.2.0/highcharts.js'),
    '11.2.0',
    s('https://code.highcharts.com/modules/exporting.js'),
  ],
  ['Leaflet', g({ 'L.version': '1.9.4', 'L.Map': 'function' }), '1.9.4', g({ 'L.version': '1.9.4' })],
  [
    'Mapbox GL JS',
    s('https://api.mapbox.com/mapbox-gl-js/v3.0.1/mapbox-gl.js'),
    '3.0.1',
    s('https://api.mapbox.com/mapbox-gl-js/plugins/x.js'),
  ],
  [
    'Google Maps',
    s('https://maps.googleapis.com/maps/api/js?key=AIza&callback=initMap'),
    null,
    s('https://maps.googleapis.com/maps/api/jsx'),
  ],
  [
    'core-js',
    g({ '__core-js_shared__.versions.0.version': '3.35.0' }),
    '3.35.0',
    g({ '__core-js_shared__.versions.0.version': 'object' }),
  ],
  [
    'Swiper',
    s('https://cdn.jsdelivr.net/npm/swiper@11.0.5/swiper-bundle.min.js'),
    '11.0.5',
    s('https://cdn.jsdelivr.net/npm/swiper/swiper-bundle.min.js'),
  ],
  ['Slick', g({ 'jQuery.fn.slick': 'function' }), null, g({ 'jQuery.fn.slickLightbox': 'function' })],
  [
    'Owl Carousel',
    s('https://www.example-shop.test/js/owl.carousel.min.js'),
    null,
    s('https://www.example-shop.test/js/owl.carousel2.thumbs.js'),
  ],
  [
    'Select2',
    g({ 'jQuery.fn.select2': 'function' }),
    null,
    s('https://cdn.jsdelivr.net/npm/select2-bootstrap-theme@0.1.0/x.js'),
  ],
  ['fancyBox', g({ 'jQuery.fancybox.version': '3.5.7' }), '3.5.7', g({ 'jQuery.fancybox.version': 'object' })],
  ['Handlebars', g({ 'Handlebars.VERSION': '4.7.8' }), '4.7.8', g({ 'Handlebars.VERSION': 'object' })],
  ['Mustache.js', g({ 'Mustache.version': '4.2.0' }), '4.2.0', g({ 'Mustache.version': 'object' })],
  ['Raphaël', g({ 'Raphael.version': '2.3.0' }), '2.3.0', g({ 'Raphael.version': 'object' })],
  ['Hammer.js', g({ 'Hammer.VERSION': '2.0.8' }), '2.0.8', g({ 'Hammer.VERSION': 'object' })],
  ['Dropzone', g({ 'Dropzone.version': '5.9.3' }), '5.9.3', g({ 'Dropzone.version': 'object' })],
  ['SortableJS', g({ 'Sortable.version': '1.15.1' }), '1.15.1', g({ 'Sortable.version': 'object' })],
  [
    'CKEditor',
    s('https://cdn.ckeditor.com/ckeditor5/40.2.0/classic/ckeditor.js'),
    '40.2.0',
    s('https://cdn.ckeditor.com/ckeditor5/latest/classic/ckeditor.js'),
  ],
  [
    'TinyMCE',
    s('https://cdn.tiny.cloud/1/no-api-key/tinymce/6/tinymce.min.js'),
    '6',
    s('https://cdn.tiny.cloud/1/no-api-key/tinymce/tinymce.min.js'),
  ],
  ['Video.js', s('https://vjs.zencdn.net/8.6.1/video.min.js'), '8.6.1', s('https://vjs.zencdn.net/8.6.1/video-js.css')],
  ['hls.js', g({ 'Hls.version': '1.4.14' }), '1.4.14', s('https://cdn.jsdelivr.net/npm/hls.js/dist/hls.min.js')],
  [
    'JW Player',
    s('https://cdn.jwplayer.com/libraries/AbCd1234.js'),
    null,
    s('https://cdn.jwplayer.com/libraries/short.js'),
  ],
  ['Font Awesome', s('https://kit.fontawesome.com/0123456789.js'), null, s('https://kit.fontawesome.com/kit.js')],
  [
    'Moment Timezone',
    s('https://example-shop.test/js/moment-timezone-with-data.min.js'),
    null,
    s('https://example-shop.test/js/moment-timezone-utils.js'),
  ],
  [
    'SockJS',
    s('https://cdn.jsdelivr.net/npm/sockjs-client@1.6.1/dist/sockjs.min.js'),
    '1.6.1',
    s('https://example-shop.test/js/sockjs-node.js'),
  ],
  [
    'Firebase',
    s('https://www.gstatic.com/firebasejs/10.7.1/firebase-app-compat.js'),
    '10.7.1',
    s('https://www.gstatic.com/firebase/other.js'),
  ],
  [
    'Google Font API',
    css('https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap'),
    null,
    x('<link rel="preconnect" href="https://fonts.googleapis.com">'),
  ],
  [
    'Adobe Fonts',
    css('https://use.typekit.net/abc1def.css'),
    null,
    css('https://use.typekit.net/af/0123ab/000000000000000000017701/27/l?primer=x'),
  ],
  [
    'Polyfill.io',
    s('https://polyfill.io/v3/polyfill.min.js?features=default'),
    null,
    s('https://polyfill.io/v3/other.js'),
  ],
  // Analytics, tag managers, monitoring
  [
    'Google Analytics',
    s('https://www.googletagmanager.com/gtag/js?id=G-ABCDEF1234'),
    null,
    s('https://www.googletagmanager.com/gtag/js?id=AW-123456789'),
  ],
  [
    'Google Tag Manager',
    s('https://www.googletagmanager.com/gtm.js?id=GTM-ABC123'),
    null,
    s('https://www.googletagmanager.com/gtm.js?id='),
  ],
  [
    'Matomo',
    s('https://analytics.example-shop.test/matomo.js'),
    null,
    s('https://analytics.example-shop.test/matomo-heatmap.js'),
  ],
  [
    'Hotjar',
    s('https://static.hotjar.com/c/hotjar-3712345.js?sv=6'),
    null,
    s('https://static.hotjar.com/c/hotjar-.js'),
  ],
  [
    'Microsoft Clarity',
    s('https://www.clarity.ms/tag/abcdef1234'),
    null,
    s('https://www.clarity.ms/s/0.7.20/clarity.js'),
  ],
  ['Plausible', s('https://plausible.io/js/script.js'), null, s('https://plausible.io/api/event')],
  ['Fathom', s('https://cdn.usefathom.com/script.js'), null, s('https://cdn.usefathom.com/other.js')],
  [
    'Mixpanel',
    s('https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js'),
    null,
    s('https://cdn.mxpnl.com/other/mixpanel.js'),
  ],
  [
    'Segment',
    s('https://cdn.segment.com/analytics.js/v1/abcDEF123/analytics.min.js'),
    null,
    s('https://cdn.segment.com/next/bundles/x.js'),
  ],
  [
    'Heap',
    s('https://cdn.heapanalytics.com/js/heap-1234567890.js'),
    null,
    s('https://cdn.heapanalytics.com/js/heap-abc.js'),
  ],
  [
    'Amplitude',
    s('https://cdn.amplitude.com/libs/analytics-browser-2.3.8-min.js.gz'),
    '2.3.8',
    s('https://cdn.amplitude.com/libs/analytics-browser-latest.js'),
  ],
  ['Yandex Metrica', s('https://mc.yandex.ru/metrika/tag.js'), null, s('https://mc.yandex.ru/metrika/other.js')],
  [
    'Baidu Tongji',
    s('https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef'),
    null,
    s('https://hm.baidu.com/h.js'),
  ],
  [
    'Adobe Analytics',
    s('https://www.example-shop.test/js/AppMeasurement.min.js'),
    null,
    s('https://www.example-shop.test/js/AppMeasurement_Module_ActivityMap.js'),
  ],
  [
    'Adobe Experience Platform Tags',
    s('https://assets.adobedtm.com/launch-EN0123.min.js'),
    null,
    s('https://www.adobedtm.com/launch.js'),
  ],
  [
    'Tealium',
    s('https://tags.tiqcdn.com/utag/acme/main/prod/utag.js'),
    null,
    s('https://tags.tiqcdn.com/other/utag.js'),
  ],
  [
    'Cloudflare Web Analytics',
    s('https://static.cloudflareinsights.com/beacon.min.js/v84a3a4012de94ce1a686ba8c167c359c1696973893317'),
    null,
    s('https://static.cloudflareinsights.com/other.js'),
  ],
  [
    'New Relic',
    s('https://js-agent.newrelic.com/nr-spa-1.247.0.min.js'),
    '1.247.0',
    s('https://js-agent.newrelic.com/nr-loader.js'),
  ],
  ['Sentry', g({ 'Sentry.SDK_VERSION': '7.91.0' }), '7.91.0', s('https://js.sentry-cdn.com/not-a-key.min.js')],
  ['Datadog RUM', g({ 'DD_RUM.version': '5.5.0' }), '5.5.0', g({ 'DD_RUM.version': 'object' })],
  // Tracking pixels, advertising
  [
    'Facebook Pixel',
    s('https://connect.facebook.net/en_US/fbevents.js'),
    null,
    s('https://connect.facebook.net/en_US/sdk.js'),
  ],
  [
    'LinkedIn Insight Tag',
    s('https://snap.licdn.com/li.lms-analytics/insight.min.js'),
    null,
    s('https://snap.licdn.com/other.js'),
  ],
  ['X Pixel', s('https://static.ads-twitter.com/uwt.js'), null, s('https://static.ads-twitter.com/oct.js')],
  [
    'TikTok Pixel',
    s('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=ABC&lib=ttq'),
    null,
    s('https://analytics.tiktok.com/i18n/pixel/config.js'),
  ],
  ['Pinterest Tag', s('https://s.pinimg.com/ct/core.js'), null, s('https://s.pinimg.com/ct/lib/main.js')],
  ['Snap Pixel', s('https://sc-static.net/scevent.min.js'), null, s('https://sc-static.net/js-sha256-v1.min.js')],
  [
    'Reddit Pixel',
    s('https://www.redditstatic.com/ads/pixel.js'),
    null,
    s('https://www.redditstatic.com/ads/other.js'),
  ],
  ['Microsoft UET', s('https://bat.bing.com/bat.js'), null, s('https://bat.bing.com/p/action/123.js')],
  [
    'Google Ads Conversion Tracking',
    s('https://www.googleadservices.com/pagead/conversion_async.js'),
    null,
    s('https://www.googleadservices.com/pagead/other.js'),
  ],
  ['Quantcast Measure', s('https://secure.quantserve.com/quant.js'), null, s('https://secure.quantserve.com/other.js')],
  [
    'comScore',
    s('https://sb.scorecardresearch.com/c2/1234567/cs.js'),
    null,
    s('https://sb.scorecardresearch.com/internal.js'),
  ],
  [
    'Google AdSense',
    s('https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890123456'),
    null,
    s('https://pagead2.googlesyndication.com/pagead/js/r20231204/r20110914/client/window_focus.js'),
  ],
  [
    'Google Publisher Tag',
    s('https://securepubads.g.doubleclick.net/tag/js/gpt.js'),
    null,
    s('https://securepubads.g.doubleclick.net/pagead/ppub_config'),
  ],
  [
    'Amazon Publisher Services',
    s('https://c.amazon-adsystem.com/aax2/apstag.js'),
    null,
    s('https://c.amazon-adsystem.com/aax2/other.js'),
  ],
  [
    'Amazon Associates',
    s('https://ws-na.amazon-adsystem.com/widgets/q?ServiceVersion=20070822&MarketPlace=US'),
    null,
    s('https://c.amazon-adsystem.com/aax2/apstag.js'),
  ],
  [
    'Skimlinks',
    s('https://s.skimresources.com/js/123456X1234567.skimlinks.js'),
    null,
    s('https://s.skimresources.com/js/other.js'),
  ],
  [
    'Oracle BlueKai',
    s('https://tags.bluekai.com/site/12345?ret=js&limit=1'),
    null,
    s('https://tags.bluekai.com/other.js'),
  ],
  ['Prebid.js', g({ 'pbjs.version': 'v8.30.0' }), '8.30.0', g({ 'pbjs.version': 'object' })],
  [
    'Criteo',
    s('https://static.criteo.net/js/ld/publishertag.js'),
    null,
    s('https://static.criteo.net/images/pixel.gif'),
  ],
  [
    'Taboola',
    s('https://cdn.taboola.com/libtrc/acme-network/loader.js'),
    null,
    s('https://cdn.taboola.com/scripts/other.js'),
  ],
  ['Outbrain', s('https://widgets.outbrain.com/outbrain.js'), null, s('https://widgets.outbrain.com/other.js')],
  // Marketing, live chat, consent, security widgets
  ['HubSpot', s('https://js.hs-scripts.com/1234567.js'), null, s('https://js.hs-scripts.com/loader.js')],
  [
    'Mailchimp',
    s('https://chimpstatic.com/mcjs-connected/js/users/0123abc/4567def.js'),
    null,
    s('https://chimpstatic.com/other.js'),
  ],
  [
    'Klaviyo',
    s('https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=AbC123'),
    null,
    s('https://static.klaviyo.com/onsite/js/other.js'),
  ],
  [
    'Marketo',
    s('https://munchkin.marketo.net/munchkin.js'),
    null,
    s('https://munchkin.marketo.net/159/munchkin-beta.js'),
  ],
  ['Pardot', s('https://pi.pardot.com/pd.js'), null, s('https://pi.pardot.com/other.js')],
  ['Optimizely', s('https://cdn.optimizely.com/js/1234567890.js'), null, s('https://cdn.optimizely.com/js/project.js')],
  [
    'VWO',
    s('https://dev.visualwebsiteoptimizer.com/j.php?a=123456'),
    null,
    s('https://dev.visualwebsiteoptimizer.com/lib/123.js'),
  ],
  ['Intercom', s('https://widget.intercom.io/widget/abc123'), null, s('https://www.intercom.io/widget.js')],
  ['Drift', s('https://js.driftt.com/include/1704110400000/abc123.js'), null, s('https://js.driftt.com/other.js')],
  [
    'Zendesk Chat',
    s('https://static.zdassets.com/ekr/snippet.js?key=abc'),
    null,
    s('https://static.zdassets.com/other.js'),
  ],
  ['LiveChat', s('https://cdn.livechatinc.com/tracking.js'), null, s('https://cdn.livechatinc.com/other.js')],
  ['Tawk.to', s('https://embed.tawk.to/0123456789abcdef01234567/default'), null, s('https://www.tawk.to/embed.js')],
  ['Crisp', s('https://client.crisp.chat/l.js'), null, s('https://client.crisp.chat/other.js')],
  ['Tidio', s('https://code.tidio.co/abcdefghijklmnopqrstuvwxyz012345.js'), null, s('https://www.tidio.co/code.js')],
  [
    'OneTrust',
    s('https://cdn.cookielaw.org/scripttemplates/otSDKStub.js'),
    null,
    s('https://cdn.cookielaw.org/logos/logo.png'),
  ],
  ['Cookiebot', s('https://consent.cookiebot.com/uc.js'), null, s('https://consent.cookiebot.com/other.js')],
  ['Cookie Consent by Osano', k('cookieconsent_status'), null, k('cookieconsent')],
  [
    'TrustArc',
    s('https://consent.trustarc.com/notice?domain=acme.com&c=teconsent'),
    null,
    s('https://consent.trustarc.com/other.js'),
  ],
  [
    'Didomi',
    s('https://sdk.privacy-center.org/0123-abcd/loader.js'),
    null,
    s('https://www.privacy-center.org/loader.js'),
  ],
  ['Usercentrics', s('https://web.cmp.usercentrics.eu/ui/loader.js'), null, s('https://www.usercentrics.eu/loader.js')],
  [
    'Quantcast Choice',
    s('https://cmp.quantcast.com/choice/AbCdEf/www.acme.com/choice.js'),
    null,
    s('https://cmp.quantcast.com/other.js'),
  ],
  [
    'reCAPTCHA',
    s('https://www.google.com/recaptcha/api.js?render=explicit'),
    null,
    s('https://www.google.com/recaptcha/about/'),
  ],
  ['hCaptcha', s('https://js.hcaptcha.com/1/api.js'), null, s('https://js.hcaptcha.com/2/api.js')],
  [
    'Cloudflare Turnstile',
    s('https://challenges.cloudflare.com/turnstile/v0/api.js'),
    null,
    s('https://challenges.cloudflare.com/cdn-cgi/challenge-platform/x.js'),
  ],
  // Public CDNs
  [
    'cdnjs',
    s('https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js'),
    null,
    s('https://cdnjs.cloudflare.com/cdn-cgi/x.js'),
  ],
  [
    'jsDelivr',
    css('https://cdn.jsdelivr.net/npm/swiper@11/swiper-bundle.min.css'),
    null,
    s('https://www.jsdelivr.com/package/npm/swiper'),
  ],
  [
    'Google Hosted Libraries',
    s('https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js'),
    null,
    s('https://ajax.googleapis.com/other.js'),
  ],
  ['unpkg', s('https://unpkg.com/htmx.org@1.9.10'), null, s('https://unpkg.com/')],
  ['jQuery CDN', s('https://code.jquery.com/jquery-3.7.1.min.js'), null, s('https://jquery.com/code.js')],
  [
    'BootstrapCDN',
    css('https://stackpath.bootstrapcdn.com/bootstrap/4.5.2/css/bootstrap.min.css'),
    null,
    css('https://www.bootstrapcdn.com/x.css'),
  ],
  [
    'Microsoft Ajax CDN',
    s('https://ajax.aspnetcdn.com/ajax/jQuery/jquery-3.5.1.min.js'),
    null,
    s('https://ajax.aspnetcdn.com.evil.test/ajax/x.js'),
  ],
  // Embeds, widgets, comments
  [
    'YouTube',
    x('<iframe width="560" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>'),
    null,
    x('<a href="https://www.youtube.com/embed/dQw4w9WgXcQ">video</a>'),
  ],
  [
    'Vimeo',
    x('<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e"></iframe>'),
    null,
    x('<a href="https://player.vimeo.com/video/76979871">video</a>'),
  ],
  ['X widgets', s('https://platform.twitter.com/widgets.js'), null, s('https://platform.twitter.com/other.js')],
  [
    'Facebook SDK',
    s('https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v18.0'),
    null,
    s('https://connect.facebook.net/en_US/fbevents.js'),
  ],
  [
    'AddThis',
    s('https://s7.addthis.com/js/300/addthis_widget.js#pubid=ra-0123'),
    null,
    s('https://s7.addthis.com/static/x.js'),
  ],
  [
    'ShareThis',
    s('https://platform-api.sharethis.com/js/sharethis.js#property=0123&product=inline-share-buttons'),
    null,
    s('https://platform-api.sharethis.com/other.js'),
  ],
  ['AddToAny', s('https://static.addtoany.com/menu/page.js'), null, s('https://static.addtoany.com/menu/other.js')],
  ['Sailthru', s('https://ak.sail-horizon.com/spm/spm.v1.min.js'), null, s('https://ak.sail-horizon.com/other.js')],
  ['Disqus', s('https://acme-blog.disqus.com/embed.js'), null, s('https://acme-blog.disqus.com/other.js')],
  [
    'Gravatar',
    x('<img alt="" src="https://secure.gravatar.com/avatar/0123456789abcdef?s=64&d=mm">'),
    null,
    x('<a href="https://gravatar.com/avatar/">Gravatar</a>'),
  ],
  // More services
  [
    'Chartbeat',
    s('https://static.chartbeat.com/js/chartbeat_mab.js'),
    null,
    s('https://static.chartbeat.com/js/other.js'),
  ],
  ['Parse.ly', s('https://cdn.parsely.com/keys/acme.com/p.js'), null, s('https://cdn.parsely.com/other/p.js')],
  [
    'Crazy Egg',
    s('https://script.crazyegg.com/pages/scripts/0012/3456.js'),
    null,
    s('https://script.crazyegg.com/pages/other.js'),
  ],
  ['FullStory', s('https://edge.fullstory.com/s/fs.js'), null, s('https://edge.fullstory.com/s/other.js')],
  [
    'Mouseflow',
    s('https://cdn.mouseflow.com/projects/01234567-89ab-cdef-0123-456789abcdef.js'),
    null,
    s('https://cdn.mouseflow.com/projects/other.js'),
  ],
  [
    'Lucky Orange',
    s('https://tools.luckyorange.com/core/lo.js?site-id=abc'),
    null,
    s('https://tools.luckyorange.com/core/other.js'),
  ],
  ['Smartlook', s('https://web-sdk.smartlook.com/recorder.js'), null, s('https://web-sdk.smartlook.com/other.js')],
  [
    'Simple Analytics',
    s('https://scripts.simpleanalyticscdn.com/latest.js'),
    null,
    s('https://scripts.simpleanalyticscdn.com/other.js'),
  ],
  [
    'Google Optimize',
    s('https://www.googleoptimize.com/optimize.js?id=OPT-ABC123'),
    null,
    s('https://www.googleoptimize.com/other.js'),
  ],
  [
    'Pendo',
    s('https://cdn.pendo.io/agent/static/0123abcd-0000-4000-8000-0123456789ab/pendo.js'),
    null,
    s('https://cdn.pendo.io/agent/other.js'),
  ],
  [
    'PostHog',
    s('https://us-assets.i.posthog.com/static/array.js'),
    null,
    s('https://us-assets.i.posthog.com/static/other.js'),
  ],
  ['StatCounter', s('https://www.statcounter.com/counter/counter.js'), null, s('https://www.statcounter.com/other.js')],
  ['Clicky', s('https://static.getclicky.com/js'), null, s('https://getclicky.com/js')],
  ['Histats', s('https://s10.histats.com/js15_as.js'), null, s('https://s10.histats.com/other.js')],
  ['Google Charts', s('https://www.gstatic.com/charts/loader.js'), null, s('https://www.gstatic.com/charts/other.js')],
  [
    'Dynatrace',
    s('https://js-cdn.dynatrace.com/jstag/1234abcd/bf12345abc/abcdef_complete.js'),
    null,
    s('https://www.dynatrace.com/jstag/x.js'),
  ],
  [
    'Akamai mPulse',
    s('https://c.go-mpulse.net/boomerang/ABCDE-FGHIJ-KLMNO-PQRST-UVWXY'),
    null,
    s('https://c.go-mpulse.net/other/'),
  ],
  ['LogRocket', s('https://cdn.lr-ingest.io/LogRocket.min.js'), null, s('https://cdn.lr-ingest.io/other.js')],
  ['TrackJS', s('https://cdn.trackjs.com/agent/v3/latest/t.js'), null, s('https://cdn.trackjs.com/other.js')],
  [
    'Rollbar',
    s('https://cdn.rollbar.com/rollbarjs/refs/tags/v2.26.1/rollbar.min.js'),
    '2.26.1',
    s('https://cdn.rollbar.com/rollbarjs/other.js'),
  ],
  [
    'Bugsnag',
    s('https://d2wy8f7a9ursnm.cloudfront.net/v7/bugsnag.min.js'),
    '7',
    s('https://d2wy8f7a9ursnm.cloudfront.net/other.js'),
  ],
  ['SpeedCurve', s('https://cdn.speedcurve.com/js/lux.js?id=123'), null, s('https://cdn.speedcurve.com/js/other.js')],
  [
    'Ensighten',
    s('https://nexus.ensighten.com/acme/prod/Bootstrap.js'),
    null,
    s('https://www.ensighten.com/acme/Bootstrap.js'),
  ],
  [
    'Media.net',
    s('https://contextual.media.net/dmedianet.js?cid=8CU12345'),
    null,
    s('https://contextual.media.net/other.js'),
  ],
  ['Ezoic', s('https://www.ezojs.com/ezoic/sa.min.js'), null, s('https://www.ezojs.com/other.js')],
  ['Mediavine', s('https://scripts.mediavine.com/tags/acme.js'), null, s('https://scripts.mediavine.com/other.js')],
  [
    'Raptive',
    s('https://ads.adthrive.com/sites/0123456789abcdef01234567/ads.min.js'),
    null,
    s('https://ads.adthrive.com/other.js'),
  ],
  [
    'Index Exchange',
    s('https://js-sec.indexww.com/ht/p/123456-789012345678.js'),
    null,
    s('https://js-sec.indexww.com/other.js'),
  ],
  [
    'Magnite',
    s('https://micro.rubiconproject.com/prebid/dynamic/12345.js'),
    null,
    s('https://micro.rubiconproject.com/other.js'),
  ],
  [
    'PubMatic',
    s('https://ads.pubmatic.com/AdServer/js/pwt/123456/7890/pwt.js'),
    null,
    s('https://ads.pubmatic.com/AdServer/js/other.js'),
  ],
  ['AdRoll', s('https://s.adroll.com/j/roundtrip.js'), null, s('https://s.adroll.com/j/other.js')],
  ['MGID', s('https://jsc.mgid.com/a/c/acme.com.123456.js'), null, s('https://www.mgid.com/x.js')],
  [
    'Revcontent',
    s('https://assets.revcontent.com/master/delivery.js'),
    null,
    s('https://assets.revcontent.com/master/other.js'),
  ],
  ['Teads', s('https://a.teads.tv/page/12345/tag.js'), null, s('https://a.teads.tv/page/other.js')],
  ['Sovrn Commerce', s('https://cdn.viglink.com/api/vglnk.js'), null, s('https://cdn.viglink.com/api/other.js')],
  ['Awin', s('https://www.dwin1.com/12345.js'), null, s('https://www.dwin1.com/other.js')],
  ['Moat', s('https://z.moatads.com/acmeheader123/moatheader.js'), null, s('https://www.moatads.com/x.js')],
  [
    'DoubleVerify',
    s('https://cdn.doubleverify.com/dvtp_src.js?ctx=1'),
    null,
    s('https://cdn.doubleverify.com/other.js'),
  ],
  ['Lotame', s('https://tags.crwdcntrl.net/lt/c/12345/lt.min.js'), null, s('https://tags.crwdcntrl.net/lt/other.js')],
  [
    'Permutive',
    s('https://acme.edge.permutive.app/01234567-89ab-cdef-0123-456789abcdef-web.js'),
    null,
    s('https://acme.edge.permutive.app/other.js'),
  ],
  ['LiveRamp ATS', s('https://ats.rlcdn.com/ats.js'), null, s('https://ats.rlcdn.com/other.js')],
  [
    'CookieYes',
    s('https://cdn-cookieyes.com/client_data/0123456789abcdef/script.js'),
    null,
    s('https://cdn-cookieyes.com/other.js'),
  ],
  [
    'Termly',
    s('https://app.termly.io/resource-blocker/01234567-89ab-cdef-0123-456789abcdef?autoBlock=on'),
    null,
    s('https://app.termly.io/other.js'),
  ],
  ['iubenda', s('https://cdn.iubenda.com/cs/iubenda_cs.js'), null, s('https://www.iubenda.com/cs/x.js')],
  [
    'CookieFirst',
    s('https://consent.cookiefirst.com/sites/acme.com-0123/consent.js'),
    null,
    s('https://www.cookiefirst.com/consent.js'),
  ],
  [
    'Sourcepoint',
    s('https://cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js'),
    null,
    s('https://www.privacy-mgmt.com/x.js'),
  ],
  ['Osano', s('https://cmp.osano.com/AzZ123/0123-4567/osano.js'), null, s('https://www.osano.com/osano.js')],
  [
    'Civic Cookie Control',
    s('https://cc.cdn.civiccomputing.com/9/cookieControl-9.x.min.js'),
    null,
    s('https://cc.cdn.civiccomputing.com/9/other.js'),
  ],
  [
    'Cookie Script',
    s('https://cdn.cookie-script.com/s/0123456789abcdef0123456789abcdef.js'),
    null,
    s('https://cdn.cookie-script.com/s/other.js'),
  ],
  [
    'consentmanager',
    s('https://cdn.consentmanager.net/delivery/autoblocking/0123abcd.js'),
    null,
    s('https://www.consentmanager.net/delivery/x.js'),
  ],
  ['Axeptio', s('https://static.axept.io/sdk.js'), null, s('https://static.axept.io/other.js')],
  [
    'Google Funding Choices',
    s('https://fundingchoicesmessages.google.com/i/pub-0123456789012345?ers=1'),
    null,
    s('https://fundingchoicesmessages.google.com/f/x'),
  ],
  ['OptinMonster', s('https://a.omappapi.com/app/js/api.min.js'), null, s('https://a.omappapi.com/app/js/other.js')],
  ['Privy', s('https://widget.privy.com/assets/widget.js'), null, s('https://widget.privy.com/assets/other.js')],
  ['Sumo', s('https://load.sumo.com/'), null, s('https://sumo.com/load.js')],
  ['ConvertKit', s('https://f.convertkit.com/ckjs/ck.5.js'), null, s('https://f.convertkit.com/other.js')],
  ['Omnisend', s('https://omnisnippet1.com/inshop/launcher-v2.js'), null, s('https://omnisnippet1.com/other.js')],
  ['Drip', s('https://tag.getdrip.com/1234567.js'), null, s('https://tag.getdrip.com/other.js')],
  ['Attentive', s('https://cdn.attn.tv/acme/dtag.js'), null, s('https://cdn.attn.tv/acme/other.js')],
  ['Yotpo', s('https://staticw2.yotpo.com/AbCdEf0123/widget.js'), null, s('https://staticw2.yotpo.com/other.js')],
  [
    'Trustpilot',
    s('https://widget.trustpilot.com/bootstrap/v5/tp.widget.bootstrap.min.js'),
    null,
    s('https://widget.trustpilot.com/other.js'),
  ],
  [
    'Bazaarvoice',
    s('https://apps.bazaarvoice.com/deployments/acme/main_site/production/en_US/bv.js'),
    null,
    s('https://apps.bazaarvoice.com/other.js'),
  ],
  [
    'OneSignal',
    s('https://cdn.onesignal.com/sdks/web/v16/OneSignalSDK.page.js'),
    null,
    s('https://cdn.onesignal.com/sdks/other.js'),
  ],
  ['Elfsight', s('https://static.elfsight.com/platform/platform.js'), null, s('https://static.elfsight.com/other.js')],
  [
    'Calendly',
    s('https://assets.calendly.com/assets/external/widget.js'),
    null,
    s('https://assets.calendly.com/assets/other.js'),
  ],
  ['Typeform', s('https://embed.typeform.com/next/embed.js'), null, s('https://embed.typeform.com/other.js')],
  ['Jotform', s('https://form.jotform.com/jsform/230123456789012'), null, s('https://form.jotform.com/other.js')],
  ['Zoho SalesIQ', s('https://salesiq.zoho.com/widget'), null, s('https://www.zoho.com/widget')],
  ['Freshchat', s('https://wchat.freshchat.com/js/widget.js'), null, s('https://wchat.freshchat.com/js/other.js')],
  ['Olark', s('https://static.olark.com/jsclient/loader.js'), null, s('https://static.olark.com/jsclient/other.js')],
  ['JivoChat', s('https://code.jivosite.com/widget/AbCdEf123'), null, s('https://www.jivosite.com/widget/x')],
  ['Smartsupp', s('https://www.smartsuppchat.com/loader.js?'), null, s('https://www.smartsuppchat.com/other.js')],
  ['Chatra', s('https://call.chatra.io/chatra.js'), null, s('https://call.chatra.io/other.js')],
  ['Afterpay', s('https://js.afterpay.com/afterpay-1.x.js'), null, s('https://js.afterpay.com/other.js')],
  ['Affirm', s('https://cdn1.affirm.com/js/v2/affirm.js'), null, s('https://cdn1.affirm.com/js/other.js')],
  ['Google Pay', s('https://pay.google.com/gp/p/js/pay.js'), null, s('https://pay.google.com/other.js')],
  [
    'Amazon Pay',
    s('https://static-na.payments-amazon.com/checkout.js'),
    null,
    s('https://static-na.payments-amazon.com/other.js'),
  ],
  ['Mollie', s('https://js.mollie.com/v1/mollie.js'), null, s('https://js.mollie.com/other.js')],
  ['Razorpay', s('https://checkout.razorpay.com/v1/checkout.js'), null, s('https://checkout.razorpay.com/other.js')],
  ['Authorize.Net', s('https://js.authorize.net/v1/Accept.js'), null, s('https://js.authorize.net/other.js')],
  ['Checkout.com', s('https://cdn.checkout.com/js/framesv2.min.js'), null, s('https://cdn.checkout.com/other.js')],
  ['Paddle', s('https://cdn.paddle.com/paddle/v2/paddle.js'), null, s('https://cdn.paddle.com/other.js')],
  ['Chargebee', s('https://js.chargebee.com/v2/chargebee.js'), null, s('https://js.chargebee.com/other.js')],
  ['Recurly', s('https://js.recurly.com/v4/recurly.js'), null, s('https://js.recurly.com/other.js')],
  ['HUMAN Bot Defender', k('_px3'), null, k('_px')],
  ['DataDome', s('https://js.datadome.co/tags.js'), null, s('https://js.datadome.co/other.js')],
  ['Akamai Bot Manager', k('_abck'), null, k('abck')],
  ['Weebly', s('https://cdn2.editmysite.com/js/site/main.js'), null, s('https://www.editmysite.com/js/x.js')],
  ['Jimdo', s('https://assets.jimstatic.com/web.js.1234.js'), null, s('https://www.jimstatic.com/x.js')],
  [
    'Tilda',
    s('https://static.tildacdn.com/js/tilda-scripts-3.0.min.js'),
    null,
    s('https://static.tildacdn.com/other.js'),
  ],
  ['1C-Bitrix', h('x-powered-by', 'Bitrix Site Manager (0123456789abcdef)'), null, h('x-powered-by', 'Bitrix24')],
  ['Plone', m('generator', 'Plone - http://plone.com'), null, m('generator', 'Plonk')],
  [
    'Silverstripe CMS',
    m('generator', 'SilverStripe - https://www.silverstripe.org'),
    null,
    m('generator', 'SilverStripe-like'),
  ],
  ['Contao', m('generator', 'Contao Open Source CMS'), null, m('generator', 'Contao-like')],
  ['Grav', m('generator', 'GravCMS'), null, m('generator', 'Gravity')],
  ['October CMS', k('october_session'), null, k('october')],
  ['ProcessWire', h('x-powered-by', 'ProcessWire CMS'), null, h('x-powered-by', 'ProcessWireless')],
  ['nopCommerce', k('.Nop.Customer'), null, k('Nop')],
  ['osCommerce', k('osCsid'), null, k('osCsid2')],
  ['Zen Cart', k('zenid'), null, k('zen')],
  ['WP Engine', h('x-powered-by', 'WP Engine'), null, h('x-powered-by', 'WP Engine Labs')],
  ['Kinsta', h('x-kinsta-cache', 'HIT'), null, h('x-cache', 'HIT')],
  ['Pantheon', h('x-pantheon-styx-hostname', 'styx-fe1-a-123'), null, h('x-pantheon-styx-hostname', 'other')],
  ['Acquia Cloud', h('x-ah-environment', 'prod'), null, h('x-ah-environment', 'prod env with spaces')],
  ['Google Frontend', h('server', 'Google Frontend'), null, h('server', 'Google Frontend Proxy')],
  [
    'HSTS',
    h('strict-transport-security', 'max-age=31536000; includeSubDomains'),
    null,
    h('strict-transport-security', 'includeSubDomains'),
  ],
  [
    'Cloudflare Bot Management',
    s('https://www.example-shop.test/cdn-cgi/challenge-platform/h/b/scripts/jsd/1234abcd/main.js'),
    null,
    s('https://www.example-shop.test/cdn-cgi/other/x.js'),
  ],
  [
    'Cloudflare Zaraz',
    s('https://www.example-shop.test/cdn-cgi/zaraz/s.js?z=abc'),
    null,
    s('https://www.example-shop.test/cdn-cgi/zaraz/other.js'),
  ],
  [
    'Cloudflare Rocket Loader',
    s('https://www.example-shop.test/cdn-cgi/scripts/7d0fa10a/cloudflare-static/rocket-loader.min.js'),
    null,
    s('https://www.example-shop.test/cdn-cgi/scripts/7d0fa10a/cloudflare-static/email-decode.min.js'),
  ],
  [
    'Staticfile CDN',
    s('https://cdn.staticfile.org/jquery/3.6.0/jquery.min.js'),
    null,
    s('https://www.staticfile.org/x.js'),
  ],
  [
    'BootCDN',
    s('https://cdn.bootcdn.net/ajax/libs/vue/3.3.4/vue.global.min.js'),
    null,
    s('https://www.bootcdn.net/ajax/x.js'),
  ],
  ['Skypack', s('https://cdn.skypack.dev/canvas-confetti'), null, s('https://www.skypack.dev/view/x')],
  ['esm.sh', s('https://esm.sh/react@18.2.0'), null, s('https://esm.sh/')],
  [
    'Bunny Fonts',
    css('https://fonts.bunny.net/css?family=inter:400,700'),
    null,
    css('https://fonts.bunny.net/other.css'),
  ],
  [
    'Fontshare',
    css('https://api.fontshare.com/v2/css?f[]=satoshi@400&display=swap'),
    null,
    css('https://api.fontshare.com/other.css'),
  ],
  [
    'Cloud.typography',
    css('https://cloud.typography.com/1234567/7654321/css/fonts.css'),
    null,
    css('https://cloud.typography.com/other.css'),
  ],
  [
    'Fonts.com',
    css('https://fast.fonts.net/cssapi/01234567-89ab-cdef-0123-456789abcdef.css'),
    null,
    css('https://fast.fonts.net/other.css'),
  ],
  [
    'Google Translate widget',
    s('https://translate.google.com/translate_a/element.js?cb=googleTranslateElementInit'),
    null,
    s('https://translate.google.com/other.js'),
  ],
  ['Sign in with Google', s('https://accounts.google.com/gsi/client'), null, s('https://accounts.google.com/other')],
  [
    'Sign in with Apple',
    s('https://appleid.cdn-apple.com/appleauth/static/jsapi/appleid/1/en_US/appleid.auth.js'),
    null,
    s('https://appleid.cdn-apple.com/other.js'),
  ],
  ['Naver Analytics', s('https://wcs.naver.net/wcslog.js'), null, s('https://wcs.naver.net/other.js')],
  [
    'Piwik PRO',
    s('https://acme.containers.piwik.pro/01234567-89ab-cdef-0123-456789abcdef.js'),
    null,
    s('https://piwik.pro/containers/x.js'),
  ],
  [
    'RudderStack',
    s('https://cdn.rudderlabs.com/v1.1/rudder-analytics.min.js'),
    null,
    s('https://cdn.rudderlabs.com/other.js'),
  ],
  [
    'Qualtrics',
    s('https://zn0123abcd-acme.siteintercept.qualtrics.com/SIE/?Q_ZID=ZN_0123'),
    null,
    s('https://www.qualtrics.com/x.js'),
  ],
  ['Medallia', s('https://nebula-cdn.kampyle.com/wu/123456/onsite/embed.js'), null, s('https://www.kampyle.com/x.js')],
  [
    'AB Tasty',
    s('https://try.abtasty.com/0123456789abcdef0123456789abcdef.js'),
    null,
    s('https://try.abtasty.com/other.js'),
  ],
  ['Kameleoon', s('https://abcde12345.kameleoon.eu/kameleoon.js'), null, s('https://www.kameleoon.com/kameleoon.js')],
  [
    'Convert',
    s('https://cdn-4.convertexperiments.com/js/10012345-10012346.js'),
    null,
    s('https://www.convertexperiments.com/js/x.js'),
  ],
  [
    'Dynamic Yield',
    s('https://cdn.dynamicyield.com/api/8765432/api_dynamic.js'),
    null,
    s('https://cdn.dynamicyield.com/other.js'),
  ],
  [
    'Monetate',
    s('https://se.monetate.net/js/2/a-0123abcd/p/acme.com/entry.js'),
    null,
    s('https://se.monetate.net/other.js'),
  ],
  [
    'LivePerson',
    s('https://lptag.liveperson.net/tag/tag.js?site=12345678'),
    null,
    s('https://lptag.liveperson.net/other.js'),
  ],
  ['Gorgias', s('https://config.gorgias.chat/bundle-loader/01ABCDEF'), null, s('https://config.gorgias.chat/other')],
  ['Help Scout Beacon', s('https://beacon-v2.helpscout.net'), null, s('https://www.helpscout.net/beacon.js')],
  [
    'Freshdesk',
    s('https://widget.freshworks.com/widgets/1234567890.js'),
    null,
    s('https://widget.freshworks.com/other.js'),
  ],
  ['Branch', s('https://cdn.branch.io/branch-latest.min.js'), null, s('https://cdn.branch.io/other.js')],
  ['Braze', s('https://js.appboycdn.com/web-sdk/4.10/braze.min.js'), '4.10', s('https://js.appboycdn.com/other.js')],
  ['Customer.io', s('https://assets.customer.io/assets/track.js'), null, s('https://assets.customer.io/other.js')],
  [
    'ActiveCampaign',
    s('https://diffuser-cdn.app-us1.com/diffuser/diffuser.js'),
    null,
    s('https://diffuser-cdn.app-us1.com/other.js'),
  ],
  [
    'Constant Contact',
    s('https://static.ctctcdn.com/js/signup-form-widget/current/signup-form-widget.min.js'),
    null,
    s('https://static.ctctcdn.com/other.js'),
  ],
  ['MailerLite', s('https://assets.mailerlite.com/js/universal.js'), null, s('https://assets.mailerlite.com/other.js')],
  ['Brevo', s('https://sibautomation.com/sa.js?key=abc'), null, s('https://sibautomation.com/other.js')],
  ['Wistia', s('https://fast.wistia.com/assets/external/E-v1.js'), null, s('https://fast.wistia.com/other.js')],
  [
    'Brightcove',
    s('https://players.brightcove.net/1234567890/default_default/index.min.js'),
    null,
    s('https://players.brightcove.net/other.js'),
  ],
  ['Vidyard', s('https://play.vidyard.com/embed/v4.js'), null, s('https://play.vidyard.com/other.js')],
  [
    'SoundCloud',
    x(
      '<iframe width="100%" src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/123"></iframe>',
    ),
    null,
    x('<a href="https://w.soundcloud.com/player/?url=x">x</a>'),
  ],
  [
    'Spotify Embed',
    x('<iframe style="border-radius:12px" src="https://open.spotify.com/embed/track/abc"></iframe>'),
    null,
    x('<a href="https://open.spotify.com/embed/track/abc">x</a>'),
  ],
  ['Instagram Embed', s('https://www.instagram.com/embed.js'), null, s('https://www.instagram.com/other.js')],
  ['TikTok Embed', s('https://www.tiktok.com/embed.js'), null, s('https://www.tiktok.com/other.js')],
  [
    'Pinterest widgets',
    s('https://assets.pinterest.com/js/pinit.js'),
    null,
    s('https://assets.pinterest.com/other.js'),
  ],
  ['LinkedIn widgets', s('https://platform.linkedin.com/in.js'), null, s('https://platform.linkedin.com/other.js')],
  ['giscus', s('https://giscus.app/client.js'), null, s('https://giscus.app/other.js')],
  ['utterances', s('https://utteranc.es/client.js'), null, s('https://utteranc.es/other.js')],
  ['OpenWeb', s('https://launcher.spot.im/spot/sp_AbCd1234'), null, s('https://launcher.spot.im/other')],
  ['Pelican', m('generator', 'Pelican'), null, m('generator', 'Pelican Bay')],
  ['Publii', m('generator', 'Publii Open-Source CMS for Static Site'), null, m('generator', 'Publii-like')],
  ['Nikola', m('generator', 'Nikola (getnikola.com)'), null, m('generator', 'Nikola Tesla')],
  ['Gridsome', m('generator', 'Gridsome v0.7.23'), '0.7.23', m('generator', 'Gridsome')],
  ['Mobirise', m('generator', 'Mobirise v5.9.13, mobirise.com'), '5.9.13', m('generator', 'Mobirise')],
  ['Nicepage', m('generator', 'Nicepage 5.13.1, nicepage.com'), '5.13.1', m('generator', 'Nicepages')],
  ['XOOPS', m('generator', 'XOOPS'), null, m('generator', 'OOPS')],
  ['Textpattern', m('generator', 'Textpattern CMS'), null, m('generator', 'Textpattern')],
  ['Serendipity', m('generator', 'Serendipity v.2.4.0'), '2.4.0', m('generator', 'Serendipity')],
  ['b2evolution', m('generator', 'b2evolution 7.2.5-stable'), '7.2.5', m('generator', 'b2evolution')],
  ['Movable Type', m('generator', 'Movable Type Pro 7.9.5'), '7.9.5', m('generator', 'Movable Typeface 1.0')],
  ['DataLife Engine', m('generator', 'DataLife Engine (https://dle-news.ru)'), null, m('generator', 'DataLife')],
  [
    'Remix',
    x('<script>window.__remixContext = {"url":"/"};</script>'),
    null,
    x('<script>var remixContext = {};</script>'),
  ],
  [
    'Qwik',
    {
      input: { documents: [{ url: PAGE, html: '<html q:container="paused" q:version="1.2.0"><body></body></html>' }] },
      source: 'html',
      where: PAGE,
    },
    null,
    x('<div q:slot="x"></div>'),
  ],
  [
    'Inertia.js',
    x('<div id="app" data-page="{&quot;component&quot;:&quot;Home&quot;}"></div>'),
    null,
    x('<div id="app" data-page="home"></div>'),
  ],
  [
    'Livewire',
    s('https://www.example-shop.test/livewire/livewire.min.js?id=0123abcd'),
    null,
    s('https://www.example-shop.test/livewire/other.js'),
  ],
  [
    'Meteor',
    x('<script type="text/javascript">__meteor_runtime_config__ = JSON.parse(decodeURIComponent("x"))</script>'),
    null,
    x('<p>meteor runtime config</p>'),
  ],
  [
    'Vuetify',
    x('<div data-app="true" class="v-application v-application--is-ltr theme--light"></div>'),
    null,
    x('<div class="v-applications"></div>'),
  ],
  [
    'MUI',
    x('<button class="MuiButtonBase-root MuiButton-root" type="button"></button>'),
    null,
    x('<button class="muibutton-root"></button>'),
  ],
  [
    'styled-components',
    x('<style data-styled="active" data-styled-version="6.1.1"></style>'),
    null,
    x('<style data-style="active"></style>'),
  ],
  [
    'Emotion',
    x('<style data-emotion="css 1a2b3c">.css-1a2b3c{}</style>'),
    null,
    x('<style data-emotion-x="css"></style>'),
  ],
  ['Apache Traffic Server', h('server', 'ATS/9.2.3'), '9.2.3', h('server', 'ATSX')],
  ['Squid', h('server', 'squid/5.7'), '5.7', h('server', 'squid-proxy')],
  ['IBM HTTP Server', h('server', 'IBM_HTTP_Server'), null, h('server', 'IBM')],
  ['thttpd', h('server', 'thttpd/2.29 23May2018'), '2.29', h('server', 'thttpd2')],
  ['ArvanCloud', h('server', 'ArvanCloud'), null, h('server', 'ArvanCloud-like')],
  ['CDN77', h('server', 'CDN77-Turbo'), null, h('server', 'CDN77')],
  ['QRATOR', h('server', 'QRATOR'), null, h('server', 'QRATORS')],
  ['Azure App Service', k('ARRAffinity'), null, k('Affinity')],
  ['AWS Elastic Load Balancing', k('AWSALB'), null, k('AWSALBX')],
  ['Google Web Server', h('server', 'gws'), null, h('server', 'gwsx')],
  [
    'Azure Blob Storage',
    h('server', 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0'),
    '1.0',
    h('server', 'Windows-Azure-Web/1.0'),
  ],
  ['Kong', h('via', 'kong/3.4.2'), '3.4.2', h('via', 'kongo/3')],
  ['Amazon API Gateway', h('x-amz-apigw-id', 'AbCdEfGhIjKlMnO='), null, h('x-amzn-requestid', '0123')],
  ['Resin', h('server', 'Resin/4.0.66'), '4.0.66', h('server', 'Resinate')],
  ['Barracuda WAF', k('barra_counter_session'), null, k('barra')],
  ['FortiWeb', k('FORTIWAFSID'), null, k('FORTIWAF')],
  ['AWS WAF', k('aws-waf-token'), null, k('aws-waf')],
  ['Reblaze', k('rbzid'), null, k('rbz')],
  ['Google Cloud Load Balancing', h('via', '1.1 google'), null, h('via', '1.1 googlebot')],
  ['Azure Application Gateway', k('ApplicationGatewayAffinity'), null, k('GatewayAffinity')],
  ['WordPress VIP', h('x-powered-by', 'WordPress VIP <https://wpvip.com>'), null, h('x-powered-by', 'WordPress')],
  ['Kissmetrics', s('https://i.kissmetrics.io/i.js'), null, s('https://i.kissmetrics.io/other.js')],
  ['Woopra', s('https://static.woopra.com/js/w.js'), null, s('https://static.woopra.com/js/other.js')],
  [
    'Umami',
    x('<script defer src="/script.js" data-website-id="01234567-89ab-cdef-0123-456789abcdef"></script>'),
    null,
    x('<script data-website-id="acme"></script>'),
  ],
  ['GoatCounter', s('https://gc.zgo.at/count.js'), null, s('https://gc.zgo.at/other.js')],
  ['Vercel Analytics', p('/_vercel/insights/script.js'), null, p('/_vercel/other/script.js')],
  ['Vercel Speed Insights', p('/_vercel/speed-insights/script.js'), null, p('/_vercel/insights/other.js')],
  [
    'Ahrefs Web Analytics',
    s('https://analytics.ahrefs.com/analytics.js'),
    null,
    s('https://analytics.ahrefs.com/other.js'),
  ],
  ['CNZZ', s('https://s4.cnzz.com/z_stat.php?id=1234567&web_id=1234567'), null, s('https://www.cnzz.com/other.php')],
  ['51.LA', s('https://js.users.51.la/21234567.js'), null, s('https://js.users.51.la/other.js')],
  ['Top.Mail.Ru', s('https://top-fwz1.mail.ru/js/code.js'), null, s('https://top-fwz1.mail.ru/other.js')],
  ['Gemius', s('https://gapl.hit.gemius.pl/xlgemius.js'), null, s('https://gapl.hit.gemius.pl/other.js')],
  ['Piano', s('https://cdn.tinypass.com/api/tinypass.min.js'), null, s('https://cdn.tinypass.com/other.js')],
  ['Yahoo Dot', s('https://s.yimg.com/wi/ytc.js'), null, s('https://s.yimg.com/other.js')],
  ['Quora Pixel', s('https://a.quora.com/qevents.js'), null, s('https://a.quora.com/other.js')],
  [
    'Impact',
    s('https://utt.impactcdn.com/A1234567-89ab-cdef-0123-456789abcdef1.js'),
    null,
    s('https://www.impactcdn.com/x.js'),
  ],
  ['Equativ', s('https://ced.sascdn.com/tag/1234/smart.js'), null, s('https://ced.sascdn.com/tag/other.js')],
  ['Xandr', s('https://acdn.adnxs.com/ast/ast.js'), null, s('https://acdn.adnxs.com/other.js')],
  ['Nativo', s('https://s.ntv.io/serve/load.js'), null, s('https://s.ntv.io/other.js')],
  [
    'Carbon Ads',
    s('https://cdn.carbonads.com/carbon.js?serve=ABCD&placement=acme'),
    null,
    s('https://cdn.carbonads.com/other.js'),
  ],
  [
    'BuySellAds',
    s('https://m.servedby-buysellads.com/monetization.js'),
    null,
    s('https://m.servedby-buysellads.com/other.js'),
  ],
  [
    'EthicalAds',
    s('https://media.ethicalads.io/media/client/ethicalads.min.js'),
    null,
    s('https://media.ethicalads.io/other.js'),
  ],
  ['Freestar', s('https://a.pub.network/acme-com/pubfig.min.js'), null, s('https://a.pub.network/other.js')],
  ['Weglot', s('https://cdn.weglot.com/weglot.min.js'), null, s('https://cdn.weglot.com/other.js')],
  ['amCharts', s('https://cdn.amcharts.com/lib/5/index.js'), null, s('https://cdn.amcharts.com/other.js')],
  [
    'Material Icons',
    css('https://fonts.googleapis.com/icon?family=Material+Icons'),
    null,
    css('https://fonts.googleapis.com/css2?family=Roboto'),
  ],
  [
    'Dashicons',
    css('https://www.example-shop.test/wp-includes/css/dashicons.min.css?ver=6.4.2'),
    null,
    css('https://www.example-shop.test/wp-includes/css/dashicons-extra.css'),
  ],
  [
    'Yandex Advertising Network',
    s('https://yandex.ru/ads/system/context.js'),
    null,
    s('https://yandex.ru/ads/other.js'),
  ],
  ['VTEX', s('https://acme.vtexassets.com/_v/public/assets/v1/bundle/js/x.js'), null, s('https://www.vtex.com/x.js')],
  ['SAP Commerce Cloud', p('/_ui/responsive/common/js/acc.global.js'), null, p('/ui/responsive/common/x.js')],
  ['Judge.me', s('https://cdn.judge.me/widget_preloader.js'), null, s('https://judge.me/widget.js')],
  [
    'Loox',
    s('https://loox.io/widget/AbCdEf/loox.1700000000.js?shop=acme.myshopify.com'),
    null,
    s('https://loox.io/other.js'),
  ],
  [
    'Rebuy',
    s('https://cdn.rebuyengine.com/onsite/js/rebuy.js?shop=acme.myshopify.com'),
    null,
    s('https://rebuyengine.com/x.js'),
  ],
  [
    'Sezzle',
    s('https://widget.sezzle.com/v1/javascript/price-widget?uuid=0123'),
    null,
    s('https://widget.sezzle.com/other.js'),
  ],
  ['Stamped.io', s('https://cdn1.stamped.io/files/widget.min.js'), null, s('https://cdn1.stamped.io/files/other.js')],
  [
    'Okendo',
    s('https://cdn-static.okendo.io/reviews-widget-plus/js/okendo-reviews.js'),
    null,
    s('https://okendo.io/x.js'),
  ],
  [
    'REVIEWS.io',
    s('https://widget.reviews.io/carousel-inline-iframeless/dist.js'),
    null,
    s('https://www.reviews.io/x.js'),
  ],
  ['Klevu', s('https://js.klevu.com/core/v2/klevu.js'), null, s('https://www.klevu.com/x.js')],
  ['Searchspring', s('https://snapui.searchspring.io/abc123/bundle.js'), null, s('https://searchspring.io/x.js')],
  ['Doofinder', s('https://cdn.doofinder.com/livelayer/1/js/loader.min.js'), null, s('https://www.doofinder.com/x.js')],
  ['Landbot', s('https://cdn.landbot.io/landbot-3/landbot-3.0.0.js'), null, s('https://landbot.io/x.js')],
  ['ManyChat', s('https://widget.manychat.com/123456789012345.js'), null, s('https://manychat.com/x.js')],
  ['Ada', s('https://static.ada.support/embed2.js'), null, s('https://static.ada.support/other.js')],
  ['UserWay', s('https://cdn.userway.org/widget.js'), null, s('https://cdn.userway.org/other.js')],
  ['accessiBe', s('https://acsbapp.com/apps/app/dist/js/app.js'), null, s('https://acsbapp.com/other.js')],
  ['AudioEye', s('https://ws.audioeye.com/ae.js'), null, s('https://ws.audioeye.com/other.js')],
  [
    'EqualWeb',
    s('https://cdn.equalweb.com/core/4.5.0/accessibility.js'),
    null,
    s('https://www.equalweb.com/core/x.js'),
  ],
  [
    'Dailymotion',
    x('<iframe frameborder="0" src="https://www.dailymotion.com/embed/video/x8abc12"></iframe>'),
    null,
    x('<a href="https://www.dailymotion.com/embed/video/x8abc12">x</a>'),
  ],
  [
    'Twitch',
    x('<iframe src="https://player.twitch.tv/?channel=acme&parent=www.example-shop.test"></iframe>'),
    null,
    x('<a href="https://player.twitch.tv/?channel=acme">x</a>'),
  ],
  [
    'Loom',
    x('<iframe src="https://www.loom.com/embed/0123456789abcdef0123456789abcdef" allowfullscreen></iframe>'),
    null,
    x('<a href="https://www.loom.com/embed/0123456789abcdef0123456789abcdef">x</a>'),
  ],
  [
    'Bing Maps',
    s('https://www.bing.com/api/maps/mapcontrol?callback=GetMap'),
    null,
    s('https://www.bing.com/api/other'),
  ],
  [
    'Apple MapKit JS',
    s('https://cdn.apple-mapkit.com/mk/5.79.95/mapkit.core.js'),
    '5.79.95',
    s('https://cdn.apple-mapkit.com/other.js'),
  ],
  [
    'Yandex Maps',
    s('https://api-maps.yandex.ru/2.1/?apikey=abc&lang=ru_RU'),
    null,
    s('https://api-maps.yandex.ru/other.js'),
  ],
  [
    'OpenStreetMap',
    x('<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4"></iframe>'),
    null,
    x('<a href="https://www.openstreetmap.org/export/embed.html?bbox=1">x</a>'),
  ],
  ['Cognito Forms', s('https://www.cognitoforms.com/f/seamless.js'), null, s('https://www.cognitoforms.com/other.js')],
  ['Tally', s('https://tally.so/widgets/embed.js'), null, s('https://tally.so/other.js')],
  [
    'Google Forms',
    x(
      '<iframe src="https://docs.google.com/forms/d/e/1FAIpQLSdAbCdEfGhIjKlMnOpQrStUvWxYz/viewform?embedded=true"></iframe>',
    ),
    null,
    x('<a href="https://docs.google.com/forms/d/e/1FAIpQLSdAbCdEfGhIjKlMnOpQrStUvWxYz/viewform">x</a>'),
  ],
  [
    'Auth0',
    s('https://cdn.auth0.com/js/auth0-spa-js/2.1/auth0-spa-js.production.js'),
    '2.1',
    s('https://cdn.auth0.com/other.js'),
  ],
  [
    'Okta Sign-In Widget',
    s('https://global.oktacdn.com/okta-signin-widget/7.14.0/js/okta-sign-in.min.js'),
    '7.14.0',
    s('https://global.oktacdn.com/other.js'),
  ],
  ['Reddit embed', s('https://embed.reddit.com/widgets.js'), null, s('https://embed.reddit.com/other.js')],
  ['Atlassian Statuspage', s('https://cdn.statuspage.io/se-v2.js'), null, s('https://cdn.statuspage.io/other.js')],
  ['Gumroad', s('https://gumroad.com/js/gumroad.js'), null, s('https://gumroad.com/js/other.js')],
  ['Lemon Squeezy', s('https://app.lemonsqueezy.com/js/lemon.js'), null, s('https://app.lemonsqueezy.com/other.js')],
  ['Ko-fi', s('https://storage.ko-fi.com/cdn/widget/Widget_2.js'), null, s('https://storage.ko-fi.com/cdn/other.js')],
  [
    'Buy Me a Coffee',
    s('https://cdnjs.buymeacoffee.com/1.0.0/button.prod.min.js'),
    '1.0.0',
    s('https://cdnjs.buymeacoffee.com/other.js'),
  ],
  ['AMP', s('https://cdn.ampproject.org/v0.js'), null, s('https://cdn.ampproject.org/v0/amp-ad-0.1.js')],
  [
    'AppDynamics',
    s('https://cdn.appdynamics.com/adrum/adrum-latest.js'),
    null,
    s('https://cdn.appdynamics.com/other.js'),
  ],
  ['Raygun', s('https://cdn.raygun.io/raygun4js/raygun.min.js'), null, s('https://cdn.raygun.io/other.js')],
  ['Instana', s('https://eum.instana.io/1.7.1/eum.min.js'), '1.7.1', s('https://eum.instana.io/other.js')],
  [
    'Salesforce Embedded Service',
    s('https://service.force.com/embeddedservice/5.0/esw.min.js'),
    '5.0',
    s('https://service.force.com/other.js'),
  ],
  ['Kustomer', s('https://cdn.kustomerapp.com/chat-web/widget.js'), null, s('https://cdn.kustomerapp.com/other.js')],
  ['Re:amaze', s('https://cdn.reamaze.com/assets/reamaze.js'), null, s('https://cdn.reamaze.com/other.js')],
  [
    'Apple Pay',
    s('https://applepay.cdn-apple.com/jsapi/v1.1.0/apple-pay-sdk.js'),
    null,
    s('https://applepay.cdn-apple.com/other.js'),
  ],
  ['Paystack', s('https://js.paystack.co/v1/inline.js'), null, s('https://js.paystack.co/other.js')],
  ['Flutterwave', s('https://checkout.flutterwave.com/v3.js'), null, s('https://checkout.flutterwave.com/other.js')],
  ['Mercado Pago', s('https://sdk.mercadopago.com/js/v2'), null, s('https://sdk.mercadopago.com/other')],
  [
    'Sovrn',
    s('https://ap.lijit.com/www/delivery/fpi.js?z=123&width=300&height=250'),
    null,
    s('https://ap.lijit.com/other.js'),
  ],
  ['Oracle Eloqua', s('https://img.en25.com/i/elqCfg.min.js'), null, s('https://img.en25.com/other.js')],
  [
    'SharpSpring',
    s('https://koi-3QNABCDEF.marketingautomation.services/koi?rf=&hn=acme.com'),
    null,
    s('https://www.marketingautomation.services/koi'),
  ],
  [
    'Salesforce Interaction Studio',
    s('https://cdn.evgnet.com/beacon/acme/engage/scripts/evergage.min.js'),
    null,
    s('https://cdn.evgnet.com/other.js'),
  ],
  [
    'Bloomreach Engagement',
    s('https://api.exponea.com/js/exponea.min.js'),
    null,
    s('https://api.exponea.com/other.js'),
  ],
  ['Insider', s('https://acme.api.useinsider.com/ins.js?id=10001234'), null, s('https://api.useinsider.com/ins.js')],
  [
    'Emarsys',
    s('https://cdn.scarabresearch.com/js/1A2B3C4D5E6F7A8B/scarab-v2.js'),
    null,
    s('https://cdn.scarabresearch.com/other.js'),
  ],
  [
    'Listrak',
    s('https://cdn.listrakbi.com/scripts/script.js?m=AbC&v=1'),
    null,
    s('https://cdn.listrakbi.com/other.js'),
  ],
  [
    'Commanders Act',
    s('https://cdn.tagcommander.com/1234/tc_Acme_1.js'),
    null,
    s('https://cdn.tagcommander.com/other.js'),
  ],
  [
    'Contentsquare',
    s('https://t.contentsquare.net/uxa/0123456789abc.js'),
    null,
    s('https://t.contentsquare.net/other.js'),
  ],
  [
    'Quantum Metric',
    s('https://cdn.quantummetric.com/qscripts/quantum-acme.js'),
    null,
    s('https://cdn.quantummetric.com/other.js'),
  ],
  ['Inspectlet', s('https://cdn.inspectlet.com/inspectlet.js?wid=123'), null, s('https://cdn.inspectlet.com/other.js')],
  ['AT Internet', s('https://tag.aticdn.net/piano-analytics.js'), null, s('https://www.aticdn.net/x.js')],
  ['Pirsch', s('https://api.pirsch.io/pirsch.js'), null, s('https://api.pirsch.io/other.js')],
  ['Kakao Pixel', s('https://t1.daumcdn.net/kas/static/kp.js'), null, s('https://t1.daumcdn.net/other.js')],
  // Search
  [
    'Algolia',
    s('https://cdn.jsdelivr.net/npm/algoliasearch@4.22.0/dist/algoliasearch-lite.umd.js'),
    '4.22.0',
    s('https://cdn.jsdelivr.net/npm/algoliasearch-helper@3.16.1/x.js'),
  ],
  [
    'DocSearch',
    s('https://cdn.jsdelivr.net/npm/@docsearch/js@3.5.2/dist/umd/index.js'),
    '3.5.2',
    s('https://cdn.jsdelivr.net/npm/@docsearch/css@3/dist/style.css'),
  ],
  ['Swiftype', s('https://s.swiftypecdn.com/install/v2/st.js'), null, s('https://s.swiftypecdn.com/install/v1/st.js')],
  [
    'Google Programmable Search',
    s('https://cse.google.com/cse.js?cx=0123456789'),
    null,
    s('https://cse.google.com/other.js'),
  ],
  [
    'Coveo',
    s('https://static.cloud.coveo.com/searchui/v2.10116/js/CoveoJsSearch.Lazy.min.js'),
    '2.10116',
    s('https://static.cloud.coveo.com/atomic/v2/atomic.esm.js'),
  ],
  [
    'Pagefind',
    s('https://www.example-shop.test/pagefind/pagefind-ui.js'),
    null,
    s('https://www.example-shop.test/pagefind/other.js'),
  ],
  ['Apache APISIX', h('server', 'APISIX/3.8.0'), '3.8.0', h('server', 'APISIX-Dashboard')],
  ['Istio', h('server', 'istio-envoy'), null, h('server', 'envoy')],
  ['WEBrick', h('server', 'WEBrick/1.7.0 (Ruby/3.0.2/2021-07-07)'), '1.7.0', h('server', 'WEBrickX')],
  ['Thin', h('server', 'thin 1.8.2 codename Ruby Razor'), '1.8.2', h('server', 'thinkphp')],
  ['Ruby', h('server', 'WEBrick/1.7.0 (Ruby/3.0.2/2021-07-07)'), '3.0.2', h('server', 'Ruby')],
  ['Tumblr', h('x-tumblr-user', 'staff'), null, h('x-tumblr-user', 'a b')],
  [
    'Backblaze B2',
    h('x-bz-content-sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'),
    null,
    h('x-bz-content-sha1', 'none'),
  ],
  [
    'Matomo Tag Manager',
    s('https://cdn.matomo.cloud/example.matomo.cloud/container_AbCd1234.js'),
    null,
    s('https://cdn.matomo.cloud/example.matomo.cloud/matomo.js'),
  ],
  [
    'Facebook Comments',
    x('<div class="fb-comments" data-href="https://x.test/"></div>'),
    null,
    x('<div class="fb-comments-count"></div>'),
  ],
];

// The tables of families.ts: a case from each row.
const css2 = (url: string): Evidence => css(url);
for (const [name, , pkg, cdnjs] of LIBRARIES) {
  CASES.push(
    pkg
      ? [
          name,
          s(`https://cdn.jsdelivr.net/npm/${pkg}@1.2.3/dist/x.min.js`),
          '1.2.3',
          s(`https://cdn.jsdelivr.net/npm/${pkg}-nope@1.2.3/x.js`),
        ]
      : [
          name,
          s(`https://cdnjs.cloudflare.com/ajax/libs/${cdnjs}/1.2.3/x.min.js`),
          '1.2.3',
          s(`https://cdnjs.cloudflare.com/ajax/libs/${cdnjs}-nope/1.2.3/x.js`),
        ],
  );
}
for (const [name, , slugs] of WP_PLUGINS) {
  CASES.push([
    name,
    css2(`https://cdn.example-cdn.test/wp-content/plugins/${slugs[0]}/assets/style.css?ver=1.2.3`),
    null,
    s(`https://www.example-shop.test/wp-content/plugins/${slugs[0]}-addon/x.js`),
  ]);
}
for (const [name, folders] of WP_THEMES) {
  CASES.push([
    name,
    s(`https://www.example-shop.test/wp-content/themes/${folders[0]}/js/theme.min.js?ver=1.2.3`),
    null,
    s(`https://www.example-shop.test/wp-content/themes/${folders[0]}-child2/x.js`),
  ]);
}

for (const [name, , prefixes] of SCRIPT_HOSTS) {
  // A customer's subdomain stands in for `*.`; the near miss is the vendor's host as a subdomain of another site.
  const url = prefixes[0]!.replace(/^\*\./, 'acme.') + (prefixes[0]!.includes('/') ? '' : '/');
  const slash = url.indexOf('/');
  CASES.push([
    name,
    s(`https://${url}loader.js?v=2`),
    null,
    s(`https://${url.slice(0, slash)}.example-shop.test${url.slice(slash)}loader.js`),
  ]);
}
for (const [name, , modules] of DRUPAL_MODULES) {
  CASES.push([
    name,
    css2(`https://www.example-shop.test/modules/contrib/${modules[0]}/css/x.css?t9`),
    null,
    s(`https://www.example-shop.test/modules/contrib/${modules[0]}_extra/js/x.js`),
  ]);
}
for (const [name, , folders] of JOOMLA_EXTENSIONS) {
  CASES.push([
    name,
    s(`https://www.example-shop.test/media/${folders[0]}/js/x.min.js?5f3c`),
    null,
    s(`https://www.example-shop.test/media/${folders[0]}x/js/x.min.js`),
  ]);
}
for (const [name, , folders] of PRESTASHOP_MODULES) {
  CASES.push([
    name,
    css2(`https://www.example-shop.test/modules/${folders[0]}/views/css/front.css`),
    null,
    s(`https://www.example-shop.test/modules/${folders[0]}x/views/js/front.js`),
  ]);
}
for (const [name, , prefix] of GENERATORS) {
  CASES.push([name, m('generator', `${prefix} 2.4.1`), '2.4.1', m('generator', `${prefix}x 2.4.1`)]);
}

const patternsOf = (d: (typeof COMPONENT_CATALOG)[number]): RegExp[] => [
  ...Object.values(d.headers ?? {}),
  ...(d.cookies ?? []).filter((c): c is RegExp => c instanceof RegExp),
  ...Object.values(d.meta ?? {}),
  ...(d.scripts ?? []),
  ...(d.stylesheets ?? []),
  ...(d.globals ?? []).flatMap((r) => (r.value ? [r.value] : [])),
  ...(d.html ?? []),
  ...(d.paths ?? []),
];

describe('catalog', () => {
  const names = COMPONENT_CATALOG.map((d) => d.name);

  it('has at least 150 technologies with unique names, in known categories', () => {
    expect(names.length).toBeGreaterThanOrEqual(150);
    expect(new Set(names).size).toBe(names.length);
    for (const d of COMPONENT_CATALOG) expect(COMPONENT_CATEGORIES, d.name).toContain(d.category);
  });

  it('every technology has a positive and a near-miss case', () => {
    expect(CASES.map(([name]) => name)).toEqual(names);
  });

  it('the README table lists every technology, in order, with its category', () => {
    const readme = readFileSync(new URL('../../extractor/components/README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/^\| (.+?) \| (.+?) \| .* \|$/gm)]
      .map((m) => `${m[1]} / ${m[2]}`)
      .filter((r) => r !== 'Technology / Category');
    expect(listed).toEqual(COMPONENT_CATALOG.map((d) => `${d.name} / ${d.category}`));
  });

  it('patterns: bounded quantifiers only, no g flag, at most one capture group; html patterns hold a literal', () => {
    for (const d of COMPONENT_CATALOG) {
      for (const re of patternsOf(d)) {
        expect(unbounded(re.source), `${d.name} ${re.source}`).toBe(false);
        expect(re.flags.includes('g'), `${d.name} ${re.source}`).toBe(false);
        expect(new RegExp(`(?:${re.source})|`).exec('')!.length - 1, `${d.name} ${re.source}`).toBeLessThanOrEqual(1);
      }
      for (const re of d.html ?? [])
        expect(requiredLiterals(re.source).length, `${d.name} ${re.source}`).toBeGreaterThan(0);
    }
  });

  it('reads only the globals the crawler probes, headers and meta names in lower case', () => {
    for (const d of COMPONENT_CATALOG) {
      for (const r of d.globals ?? []) {
        expect(GLOBAL_PROBES, d.name).toContain(r.path);
        if (r.with) expect(GLOBAL_PROBES, d.name).toContain(r.with);
      }
      for (const name of [...Object.keys(d.headers ?? {}), ...Object.keys(d.meta ?? {})])
        expect(name, d.name).toBe(name.toLowerCase());
    }
    // Every probe is read for some technology: none is read for nothing.
    const used = new Set(
      COMPONENT_CATALOG.flatMap((d) => (d.globals ?? []).flatMap((r) => [r.path, ...(r.with ? [r.with] : [])])),
    );
    expect(GLOBAL_PROBES.filter((path) => !used.has(path))).toEqual([]);
  });
});

describe('positives', () => {
  for (const [name, evidence, version] of CASES) {
    it(`${name}: ${evidence.source} ${evidence.where.slice(0, 60)}`, () => {
      const found = scan(evidence).filter((c) => c.name === name);
      const category = COMPONENT_CATALOG.find((d) => d.name === name)?.category;
      expect(found).toContainEqual({
        host: HOST,
        category,
        name,
        version,
        source: evidence.source,
        where: evidence.where,
      });
    });
  }
});

describe('near misses', () => {
  for (const [name, , , miss] of CASES) {
    it(`${name}: not ${miss.source} ${miss.where.slice(0, 60)}`, () => {
      expect(scan(miss).filter((c) => c.name === name)).toEqual([]);
    });
  }
});

// Evidence the one-row-per-technology table above does not show: [name, evidence, version, or a near miss when version is 'none'].
const MORE: [string, Evidence, string | null | 'none'][] = [
  // Combined and minified bundles: each file counts.
  [
    'jQuery',
    s(
      'https://example-shop.test/_static/??/wp-includes/js/jquery/jquery.js,/wp-includes/js/jquery/jquery-migrate.min.js?m=1686289764',
    ),
    null,
  ],
  [
    'jQuery Migrate',
    s(
      'https://example-shop.test/_static/??/wp-includes/js/jquery/jquery.js,/wp-includes/js/jquery/jquery-migrate.min.js?m=1686289764',
    ),
    'none',
  ],
  [
    'jQuery',
    s(
      'https://example-shop.test/wp-content/plugins/bwp-minify/min/?f=wp-includes/js/jquery/jquery.js,wp-content/themes/t/app.js&ver=1700000000',
    ),
    null,
  ],
  ['jQuery', s('https://g.alicdn.test/??libs/jquery/jquery-1.12.4.min.js,kg/util/1.0.7/index-min.js'), '1.12.4'],
  [
    'jQuery',
    s('https://cdn.jsdelivr.net/combine/npm/jquery@3.7.1,npm/bootstrap@5.3.2/dist/js/bootstrap.min.js'),
    '3.7.1',
  ],
  [
    'Bootstrap',
    s('https://cdn.jsdelivr.net/combine/npm/jquery@3.7.1,npm/bootstrap@5.3.2/dist/js/bootstrap.min.js'),
    '5.3.2',
  ],
  [
    'WordPress',
    p('/_static/??/wp-content/themes/t/style.css,/wp-includes/css/dist/block-library/style.min.css?m=1700000000'),
    null,
  ],
  ['jQuery', s('https://example-shop.test/js/jquery.min.js'), null],
  ['jQuery', s('https://example-shop.test/js/jquery.validate.min.js'), 'none'],
  ['jQuery', s('https://example-shop.test/wp-includes/js/jquery/jquery.min.js?ver=3.7.1'), '3.7.1'],
  // A version folder holding the library's file (mirrors of cdnjs, self-hosted copies).
  ['jQuery', s('https://cdn.staticfile.net/jquery/3.7.1/jquery.min.js'), '3.7.1'],
  ['Bootstrap', s('https://lib.example-cdn.test/libs/bootstrap/5.3.3/js/bootstrap.bundle.min.js'), '5.3.3'],
  ['Bootstrap', css('https://lib.example-cdn.test/bootstrap/4.6.2/css/bootstrap.min.css'), '4.6.2'],
  ['Moment.js', s('https://lib.example-cdn.test/libs/moment.js/2.30.1/moment.min.js'), '2.30.1'],
  ['lazysizes', s('https://cdn.staticfile.net/lazysizes/5.3.2/lazysizes.min.js'), '5.3.2'],
  ['jQuery', s('https://www.example-shop.test/jquery/3.7.1/other.js'), 'none'],
  // Script and file names.
  ['jQuery UI', s('https://example-shop.test/js/jquery-ui.min.js'), null],
  ['jQuery UI', s('https://example-shop.test/js/jquery-ui-1.12.1.custom.min.js'), '1.12.1'],
  ['jQuery UI', s('https://example-shop.test/wp-includes/js/jquery/ui/core.min.js?ver=1.13.2'), '1.13.2'],
  ['jQuery UI', s('https://example-shop.test/js/jquery-ui-touch-punch.min.js'), 'none'],
  ['Modernizr', s('https://example-shop.test/js/modernizr.custom.js'), null],
  ['Modernizr', s('https://example-shop.test/js/vendor/modernizr-2.8.3.min.js'), '2.8.3'],
  ['Moment.js', s('https://example-shop.test/js/moment.min.js'), null],
  ['Moment.js', s('https://example-shop.test/js/moment-timezone.min.js'), 'none'],
  ['Bootstrap', s('https://example-shop.test/js/bootstrap.bundle.min.js'), null],
  ['Bootstrap', s('https://example-shop.test/js/bootstrap-datepicker.min.js'), 'none'],
  ['Bootstrap', css('https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/css/bootstrap.min.css'), '3.3.7'],
  ['Bootstrap', css('https://example-shop.test/css/bootstrap.min.css?ver=6.4'), null],
  // Stylesheets and markup.
  ['Font Awesome', css('https://maxcdn.bootstrapcdn.com/font-awesome/4.7.0/css/font-awesome.min.css'), '4.7.0'],
  ['Font Awesome', css('https://use.fontawesome.com/releases/v6.5.1/css/all.css'), '6.5.1'],
  [
    'Font Awesome',
    css(
      'https://example-shop.test/wp-content/plugins/elementor/assets/lib/font-awesome/css/fontawesome.min.css?ver=5.15.3',
    ),
    null,
  ],
  ['Font Awesome', x('<a href="/"><i class="fa fa-home" aria-hidden="true"></i></a>'), null],
  ['Font Awesome', x('<i class="fa-solid fa-house"></i>'), null],
  ['Font Awesome', x('<div class="fab-button fa-wrapper"></div>'), 'none'],
  [
    'Google Font API',
    x('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Open+Sans:400,700&amp;subset=latin">'),
    null,
  ],
  ['Google Font API', x('<style>@import url("https://fonts.googleapis.com/css2?family=Roboto");</style>'), null],
  // Ads.
  ['Google Publisher Tag', s('https://www.googletagservices.com/tag/js/gpt.js'), null],
  [
    'Google Publisher Tag',
    s('https://securepubads.g.doubleclick.net/pagead/managed/js/gpt/m202312050101/pubads_impl.js'),
    null,
  ],
  ['Google AdSense', s('https://pagead2.googlesyndication.com/pagead/show_ads.js'), null],
  [
    'Google AdSense',
    s('https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0123456789012345'),
    null,
  ],
  [
    'Google AdSense',
    x('<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-0123456789012345"></ins>'),
    null,
  ],
  ['Google AdSense', x('<ins class="adsbygoogle-noablate"></ins>'), 'none'],
  ['Google Tag Manager', s('https://tags.example-shop.test/gtm.js?id=GTM-ABC1234'), null],
  ['Google Maps', x('<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12" width="600"></iframe>'), null],
  [
    'AMP',
    {
      input: { documents: [{ url: PAGE, html: '<html amp lang="en"><head></head><body></body></html>' }] },
      source: 'html',
      where: PAGE,
    },
    null,
  ],
  [
    'AMP',
    {
      input: {
        documents: [{ url: PAGE, html: '<html lang="en" data-amp-bind="x"><head></head><body></body></html>' }],
      },
      source: 'html',
      where: PAGE,
    },
    'none',
  ],
  // Markup that outlives minifiers and CDNs.
  ['WordPress', x('<div class="wp-block-group alignwide"><p class="has-text-color">x</p></div>'), null],
  ['WordPress', x('<div class="not-wp-blocky"></div>'), 'none'],
  ['Drupal', x('<script type="application/json" data-drupal-selector="drupal-settings-json">{}</script>'), null],
  ['Magento', x('<script type="text/x-magento-init">{"*":{}}</script>'), null],
  ['PrestaShop', x('<script type="text/javascript">\n  var prestashop = {"cart":{}};\n</script>'), null],
  ['OpenCart', x('<a href="https://www.example-shop.test/index.php?route=common/home">Home</a>'), null],
  ['Squarespace', x('<!-- This is Squarespace. --><!-- acme -->'), null],
  [
    'WooCommerce',
    {
      input: {
        documents: [
          { url: PAGE, html: '<html><head></head><body class="home page-template woocommerce-js"></body></html>' },
        ],
      },
      source: 'html',
      where: PAGE,
    },
    null,
  ],
  [
    'Elementor',
    x('<div data-elementor-type="wp-page" data-elementor-id="42" class="elementor elementor-42"></div>'),
    null,
  ],
  ['WPBakery Page Builder', x('<div class="vc_row wpb_row vc_row-fluid"></div>'), null],
  ['Yoast SEO', x('<script type="application/ld+json" class="yoast-schema-graph">{}</script>'), null],
  ['Rank Math', x('<script type="application/ld+json" class="rank-math-schema">{}</script>'), null],
  ['All in One SEO', x('<script type="application/ld+json" class="aioseo-schema">{}</script>'), null],
  [
    'Autoptimize',
    css('https://www.example-shop.test/wp-content/cache/autoptimize/css/autoptimize_0123456789abcdef.css'),
    null,
  ],
  ['LiteSpeed Cache', s('https://www.example-shop.test/wp-content/litespeed/js/0123abcd.js?ver=1'), null],
  ['WP Fastest Cache', css('https://www.example-shop.test/wp-content/cache/wpfc-minified/abc/def.css'), null],
  ['WP Rocket', p('/wp-content/cache/min/1/wp-content/themes/t/style.css?ver=1700000000'), null],
  ['W3 Total Cache', p('/wp-content/cache/minify/0123a.js'), null],
  ['WordPress', s('https://c0.wp.com/c/6.4.2/wp-includes/js/jquery/jquery.min.js'), '6.4.2'],
  ['Jetpack', s('https://c0.wp.com/p/jetpack/12.9.1/_inc/build/photon/photon.min.js'), '12.9.1'],
  ['Jetpack', s('https://stats.wp.com/e-202349.js'), null],
  ['Webflow', s('https://assets.website-files.com/0123abcd/js/webflow.0123.js'), null],
  ['Wix', s('https://static.parastorage.com/services/wix-thunderbolt/dist/main.js'), null],
  ['Squarespace', s('https://static1.squarespace.com/static/vta/0123/scripts/site-bundle.js'), null],
  ['Varnish', h('via', '1.1 varnish (Varnish/7.4)'), '7.4'],
  ['Varnish', h('via', '1.1 varnish'), null],
  ['Varnish', h('via', '1.1 varnishproxy.example.test'), 'none'],
  ['Wix', h('server', 'Pepyaka/1.19.10'), '1.19.10'],
  ['Akamai', h('x-akamai-transformed', '9 - 0 pmb=mRUM,3'), null],
  ['AWS Elastic Load Balancing', h('server', 'awselb/2.0'), '2.0'],
  // Plugins.
  ['All in One SEO', m('generator', 'All in One SEO (AIOSEO) 4.5.3.1 '), '4.5.3.1'],
  [
    'All in One SEO',
    x('<!-- All in One SEO Pack 3.3.4 by Michael Torbert of Semper Fi Web Design[205,260] -->'),
    '3.3.4',
  ],
  ['X widgets', x('<blockquote class="twitter-tweet"><p>hi</p></blockquote>'), null],
  ['Disqus', x('<div id="disqus_thread"></div>'), null],
  // The forms real pages use besides the usual one.
  ['Disqus', s('http://example.disqus.com/count.js'), null],
  ['Gravatar', x("<img alt='' src='http://0.gravatar.com/avatar/0a1b2c?s=64&d=mm' class='avatar'>"), null],
  ['cdnjs', s('http://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js'), null],
  ['jsDelivr', s('https://cdn.jsdelivr.net/jquery/1.11.1/jquery.min.js'), null],
  ['jsDelivr', s('https://cdn.jsdelivr.net.example-shop.test/x.js'), 'none'],
  ['Adobe Fonts', s('https://use.typekit.com/abc1def.js'), null],
  ['Font Awesome', x('<span class="icon fa fa-search"></span>'), null],
  ['Font Awesome', x('<span class="sofa fa-search"></span>'), 'none'],
  ['Web Font Loader', s('https://ajax.googleapis.com/ajax/libs/webfont/1.6.26/webfont.js'), '1.6.26'],
  ['Google Hosted Libraries', s('https://ajax.googleapis.com/ajax/libs/webfont/1.6.26/webfont.js'), null],
];

describe('more evidence', () => {
  for (const [name, evidence, version] of MORE) {
    it(`${name}: ${version === 'none' ? 'not ' : ''}${evidence.source} ${evidence.where.slice(0, 90)}`, () => {
      const found = scan(evidence).filter((c) => c.name === name);
      if (version === 'none') expect(found).toEqual([]);
      else
        expect(found.map((c) => [c.version, c.source, c.where])).toContainEqual([
          version,
          evidence.source,
          evidence.where,
        ]);
    });
  }
});

describe('library file names', () => {
  for (const [name, , , , js, styles] of LIBRARIES) {
    for (const [file, ext, ev] of [
      ...js.map((f) => [f, 'js', s] as const),
      ...styles.map((f) => [f, 'css', css] as const),
    ]) {
      it(`${name}: /${file}.min.${ext}, /${file}-3.2.1.${ext}, not /${file}-extension.${ext}`, () => {
        const found = (u: string): (string | null)[] =>
          scan(ev(u))
            .filter((c) => c.name === name)
            .map((c) => c.version);
        expect(found(`https://www.example-shop.test/assets/${file}.min.${ext}?ver=9`)).toEqual([null]);
        expect(found(`https://www.example-shop.test/assets/${file}-3.2.1.${ext}`)).toEqual(['3.2.1']);
        expect(found(`https://www.example-shop.test/assets/${file}-extension.${ext}`)).toEqual([]);
      });
    }
  }
});

describe('bundleParts', () => {
  it('splits concatenation, Minify and jsDelivr combine URLs into their files, without the bundle query', () => {
    expect(bundleParts('https://a.test/_static/??/wp-includes/a.js,b/c.js?m=1')).toEqual([
      'https://a.test/_static/??/wp-includes/a.js,b/c.js?m=1',
      'https://a.test/wp-includes/a.js',
      'https://a.test/_static/b/c.js',
    ]);
    expect(bundleParts('https://a.test/min/?b=wp-content/themes&f=t/a.js,/t/b.css')).toEqual([
      'https://a.test/min/?b=wp-content/themes&f=t/a.js,/t/b.css',
      'https://a.test/wp-content/themes/t/a.js',
      'https://a.test/wp-content/themes/t/b.css',
    ]);
    expect(bundleParts('https://cdn.jsdelivr.net/combine/npm/a@1,gh/u/r@2/x.js')).toEqual([
      'https://cdn.jsdelivr.net/combine/npm/a@1,gh/u/r@2/x.js',
      'https://cdn.jsdelivr.net/npm/a@1',
      'https://cdn.jsdelivr.net/gh/u/r@2/x.js',
    ]);
    expect(bundleParts('https://a.test/app.js?v=1,2&f=x')).toEqual(['https://a.test/app.js?v=1,2&f=x']);
    expect(bundleParts(`https://a.test/??${'x.js,'.repeat(1000)}`)).toHaveLength(101);
  });
});

describe('findComponents', () => {
  it('a header, a cookie and the favicon belong to the host that sent them; the rest to the document', () => {
    const out = findComponents({
      responses: [{ url: 'https://cdn.example-cdn.test/app.js', headers: { server: 'nginx/1.25.3\nnginx/1.25.3' } }],
      cookies: [{ name: 'PHPSESSID', host: 'api.example-shop.test' }],
      documents: [
        {
          url: 'https://frame.other.test/embed',
          html: '<meta name="generator" content="WordPress 6.4.2">',
          globals: { 'React.version': '18.2.0' },
        },
      ],
      requests: [
        {
          url: 'https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js',
          resource_type: 'script',
          document_url: PAGE,
        },
        // Paths count on the document's own site only.
        {
          url: 'https://static.example-shop.test/wp-content/themes/t/style.css',
          resource_type: 'stylesheet',
          document_url: PAGE,
        },
        { url: 'https://elsewhere.test/wp-content/x.css', resource_type: 'stylesheet', document_url: PAGE },
      ],
      favicon: { url: 'https://icons.example-shop.test/favicon.ico', mmh3: -476231906 },
    });
    expect(out.map((c) => [c.host, c.name, c.version, c.source, c.where])).toEqual([
      ['cdn.example-cdn.test', 'nginx', '1.25.3', 'header', 'server'],
      ['api.example-shop.test', 'PHP', null, 'cookie', 'PHPSESSID'],
      ['frame.other.test', 'React', '18.2.0', 'js-global', 'React.version'],
      ['frame.other.test', 'WordPress', '6.4.2', 'meta', 'generator'],
      [HOST, 'jQuery', '3.7.1', 'script-url', 'https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js'],
      [HOST, 'cdnjs', null, 'script-url', 'https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js'],
      [HOST, 'WordPress', null, 'request-path', 'https://static.example-shop.test/wp-content/themes/t/style.css'],
      ['icons.example-shop.test', 'phpMyAdmin', null, 'favicon', 'https://icons.example-shop.test/favicon.ico'],
    ]);
  });

  it('one finding per (host, name, version, source, where); a request path once per host, name and version', () => {
    const out = findComponents({
      responses: [
        { url: PAGE, headers: { server: 'nginx' } },
        { url: `${PAGE}a`, headers: { server: 'nginx' } },
        { url: `${PAGE}b`, headers: { server: 'nginx/1.25.3' } },
      ],
      cookies: [],
      documents: [],
      requests: ['/wp-content/a.css', '/wp-includes/b.js'].map((path) => ({
        url: new URL(path, PAGE).href,
        resource_type: 'other',
        document_url: PAGE,
      })),
    });
    expect(out.map((c) => [c.name, c.version, c.source])).toEqual([
      ['nginx', null, 'header'],
      ['nginx', '1.25.3', 'header'],
      ['WordPress', null, 'request-path'],
    ]);
  });

  it('reads meta contents as the DOM serializer escapes them, in either attribute order', () => {
    const out = findComponents({
      responses: [],
      cookies: [],
      requests: [],
      documents: [
        {
          url: PAGE,
          html: '<meta content="Powered by Slider Revolution 6.6.18 - &quot;responsive&quot;" name="Generator">',
        },
      ],
    });
    expect(out.map((c) => [c.name, c.version, c.where])).toEqual([['Slider Revolution', '6.6.18', 'generator']]);
  });

  it('ignores documents and requests that are not on the web (Chromium error pages, data: URLs)', () => {
    const out = findComponents({
      responses: [{ url: 'data:text/html,x', headers: { server: 'nginx' } }],
      cookies: [],
      documents: [
        {
          url: 'chrome-error://chromewebdata/',
          html: '<meta name="generator" content="WordPress 6.4">',
          globals: { 'React.version': '18.2.0' },
        },
      ],
      requests: [
        {
          url: 'https://code.jquery.com/jquery-3.7.1.min.js',
          resource_type: 'script',
          document_url: 'chrome-error://chromewebdata/',
        },
      ],
    });
    expect(out).toEqual([]);
  });

  it('scans a 5 MB hostile document fast', () => {
    const html =
      '<meta name="generator" content="'.repeat(20_000) +
      ' class="svelte-'.repeat(200_000) +
      '<div id="swagger'.repeat(100_000);
    const t0 = performance.now();
    findComponents({ responses: [], cookies: [], requests: [], documents: [{ url: PAGE, html }] });
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
