// The flags that shape a crawl (frontier, virtual users, browser, per-page bounds), shared
// by the commands that crawl. Each maps onto one CrawlOptions key; defaults are read from
// CRAWL_DEFAULTS for help, and a flag not given leaves the default alone.
import { existsSync } from 'node:fs';
import { maskCredentials, parseHttpUrl } from '../capture/url.js';
import { comparisonError, CRAWL_DEFAULTS, SETTLE_RULES, type CrawlOptions } from '../crawler/options.js';
import { parseAddress, parseNetRange, type NetRange } from '../crawler/egress/address-policy.js';
import { readHostRules, type HostRules } from '../crawler/egress/host-rules.js';
import {
  BUILTIN_PROFILE_NAMES,
  loadProfileFile,
  ProfileCatalog,
  ProfileError,
  type NamedProfile,
} from '../crawler/identity/profiles.js';
import { ROBOTS_MODES } from '../crawler/robots.js';
import { definedOnly } from '../runtime/defaults.js';
import {
  hostPort,
  oneOf,
  regexes,
  UsageError,
  wholeNumber,
  type FlagGroup,
  type FlagTable,
  type FlagValues,
} from './flags.js';

const MiB = 1024 * 1024;
const d = CRAWL_DEFAULTS;

export const CRAWL_FLAGS = {
  depth: { kind: 'string', value: 'N', help: 'link depth to follow from each seed', default: () => d.depth },
  'max-pages': { kind: 'string', value: 'N', help: 'pages in this run', default: () => d.maxPages },
  'max-pages-per-site': {
    kind: 'string',
    value: 'N',
    help: 'pages per registrable domain',
    default: () => d.maxPagesPerSite,
  },
  concurrency: {
    kind: 'string',
    value: 'N|auto',
    help: 'pages in flight, one virtual user each; auto: as many as the CPU allows, up to --max-concurrency',
    default: () => d.concurrency,
  },
  'max-concurrency': {
    kind: 'string',
    value: 'N',
    help: 'with --concurrency auto, the most pages in flight',
    default: () => d.maxConcurrency,
  },
  'host-concurrency': {
    kind: 'string',
    value: 'N',
    help: 'pages in flight per host',
    default: () => d.hostConcurrency,
  },
  'host-delay': {
    kind: 'string',
    value: 'MS',
    help: 'pause between two pages of a host',
    default: () => d.hostDelayMs,
  },
  include: { kind: 'list', value: 'REGEX', help: 'follow only links matching', split: false },
  exclude: { kind: 'list', value: 'REGEX', help: 'never follow links matching', split: false },
  'any-site': { kind: 'boolean', help: 'follow links to other sites too (default: same registrable domain)' },
  profile: {
    kind: 'string',
    value: 'NAME',
    help: `virtual-user profile: ${BUILTIN_PROFILE_NAMES.join(', ')}, or one of --profiles`,
    default: () => d.profile,
  },
  profiles: {
    kind: 'string',
    value: 'FILE',
    help: 'your own virtual-user profiles, YAML or JSON (docs/virtual-users.md), beside the built-in ones',
  },
  referer: {
    kind: 'string',
    value: 'URL',
    help: "where the victim arrived from: Referer and document.referrer of each seed's first navigation (a seed's referer= wins)",
  },
  compare: {
    kind: 'string',
    value: 'PROFILE,...',
    help: "visit every target with each of these profiles and compare what they were shown (victim: --profile, then scanner); a cloaking event where they diverge; a seed's compare= wins",
  },
  'compare-dwell': {
    kind: 'string',
    value: 'MS',
    help: 'in a comparison, how long a person-like virtual user stays on the page at least',
    default: () => d.compareDwellMs,
  },
  browser: {
    kind: 'string',
    value: 'ENGINE',
    help: 'headless-shell (fast) or chromium (full browser, harder to detect)',
    default: () => d.engine,
  },
  chromium: { kind: 'string', value: 'PATH', help: 'browser binary', env: 'VUCRAWL_CHROMIUM' },
  'browser-args': { kind: 'string', value: '"ARGS"', help: 'more Chromium switches, space separated' },
  proxy: {
    kind: 'string',
    value: 'URL',
    help: "send every virtual user's traffic through this HTTP proxy (http://[user:password@]host:port)",
    env: 'VUCRAWL_PROXY',
    secret: 'in-url',
  },
  'allow-private': {
    kind: 'boolean',
    help: 'allow every address: loopback, private, link-local, special-purpose (turns the egress policy off)',
  },
  'allow-net': { kind: 'list', value: 'CIDR', help: 'allow just this range, e.g. your own intranet 10.20.0.0/16' },
  'deny-net': { kind: 'list', value: 'CIDR', help: 'deny this range too (wins over --allow-net and --allow-private)' },
  'dns-server': {
    kind: 'string',
    value: 'HOST:PORT',
    help: "resolve target names with this DNS server (default: the system's resolver)",
  },
  'ignore-https-errors': { kind: 'boolean', help: 'accept invalid certificates' },
  'host-resolver-rules': {
    kind: 'string',
    value: 'RULES',
    help: 'Chromium host-resolver rules, e.g. "MAP *.test 127.0.0.1"',
  },
  'nav-timeout': { kind: 'string', value: 'MS', help: 'navigation (load) timeout', default: () => d.navTimeoutMs },
  'page-timeout': {
    kind: 'string',
    value: 'MS',
    help: 'hard bound for one page, settle and capture included',
    default: () => d.pageTimeoutMs,
  },
  settle: {
    kind: 'string',
    value: 'MS',
    help: 'after load, wait up to this for the page to settle',
    default: () => d.settleMs,
  },
  'settle-rule': {
    kind: 'string',
    value: 'RULE',
    help: `quiet (no request in flight for ${d.quietMs} ms and no timer due in the window) or idle (the network quiet for ${d.idleMs} ms)`,
    default: () => d.settleRule,
  },
  'max-body-mb': {
    kind: 'string',
    value: 'N',
    help: 'hash bodies and downloads up to this size',
    default: () => d.maxBodyBytes / MiB,
  },
  'keep-downloads': {
    kind: 'string',
    value: 'DIR',
    help: 'keep downloaded files there (default: hashed, then deleted)',
  },
  screenshots: {
    kind: 'boolean',
    help: 'a viewport screenshot of each page once it settled: OUT/screenshots/<sha256>.png, its SHA-256 and perceptual hash in the page event',
  },
  retries: {
    kind: 'string',
    value: 'N',
    help: 'extra attempts after a connection failure or a browser crash',
    default: () => d.retries,
  },
  robots: {
    kind: 'string',
    value: 'MODE',
    help: 'robots.txt: obey, seeds-exempt (the targets you name are crawled, followed links obey) or ignore',
    default: () => d.robots,
  },
  'shutdown-grace': {
    kind: 'string',
    value: 'MS',
    help: 'on Ctrl-C/SIGTERM, time pages in flight get to finish',
    default: () => d.shutdownGraceMs,
  },
} as const satisfies FlagTable;

export const CRAWL_GROUP = { title: 'Crawl', flags: CRAWL_FLAGS } as const satisfies FlagGroup;

export function crawlOptionsFromFlags(v: FlagValues<typeof CRAWL_FLAGS>): Partial<CrawlOptions> {
  const profiles = profilesFile(v.profiles);
  const catalog = ProfileCatalog.with(profiles);
  if (v.profile !== undefined && !catalog.has(v.profile))
    throw new UsageError(`--profile "${v.profile}" is unknown; known profiles: ${catalog.names.join(', ')}`);
  return definedOnly<Partial<CrawlOptions>>({
    depth: wholeNumber(v.depth, 'depth'),
    maxPages: wholeNumber(v['max-pages'], 'max-pages'),
    maxPagesPerSite: wholeNumber(v['max-pages-per-site'], 'max-pages-per-site'),
    concurrency: v.concurrency === 'auto' ? 'auto' : wholeNumber(v.concurrency, 'concurrency'),
    maxConcurrency: wholeNumber(v['max-concurrency'], 'max-concurrency'),
    hostConcurrency: wholeNumber(v['host-concurrency'], 'host-concurrency'),
    hostDelayMs: wholeNumber(v['host-delay'], 'host-delay'),
    include: regexes(v.include, 'include'),
    exclude: regexes(v.exclude, 'exclude'),
    scope: v['any-site'] ? 'any' : undefined,
    profile: v.profile,
    profiles,
    referer: refererUrl(v.referer),
    compare: comparison(v.compare, catalog.names),
    compareDwellMs: wholeNumber(v['compare-dwell'], 'compare-dwell'),
    engine: oneOf(v.browser, 'browser', ['headless-shell', 'chromium'] as const),
    executablePath: existingFile(v.chromium, 'chromium'),
    proxy: proxyUrl(v.proxy ?? process.env.VUCRAWL_PROXY),
    allowPrivate: v['allow-private'],
    allowNets: cidrs(v['allow-net'], 'allow-net'),
    denyNets: cidrs(v['deny-net'], 'deny-net'),
    dnsServer: v['dns-server'] === undefined ? undefined : dnsServer(v['dns-server']),
    ignoreHttpsErrors: v['ignore-https-errors'],
    hostResolverRules: hostRules(v['host-resolver-rules']),
    navTimeoutMs: wholeNumber(v['nav-timeout'], 'nav-timeout'),
    pageTimeoutMs: wholeNumber(v['page-timeout'], 'page-timeout'),
    settleMs: wholeNumber(v.settle, 'settle'),
    settleRule: oneOf(v['settle-rule'], 'settle-rule', SETTLE_RULES),
    browserArgs: v['browser-args']?.split(' ').filter(Boolean),
    maxBodyBytes: wholeNumber(v['max-body-mb'], 'max-body-mb', MiB),
    downloadsDir: v['keep-downloads'],
    screenshots: v.screenshots,
    retries: wholeNumber(v.retries, 'retries'),
    shutdownGraceMs: wholeNumber(v['shutdown-grace'], 'shutdown-grace'),
    robots: oneOf(v.robots, 'robots', ROBOTS_MODES),
  });
}

/** The profiles of a --profiles file; a wrong field is a usage error that names the file, the profile and the field. */
export function profilesFile(file: string | undefined): NamedProfile[] | undefined {
  if (file === undefined) return undefined;
  try {
    return loadProfileFile(file);
  } catch (e) {
    if (e instanceof ProfileError) throw new UsageError(`--profiles ${e.message}`);
    throw e;
  }
}

/** A --compare list (comma separated), checked against the profiles; a usage error names what is wrong. */
export function comparison(raw: string | undefined, profiles: readonly string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const wrong = comparisonError(list, profiles);
  if (wrong) throw new UsageError(`--compare: ${wrong}`);
  return list;
}

function refererUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const u = parseHttpUrl(raw);
  if (!u) throw new UsageError(`--referer needs an http(s) URL, got "${maskCredentials(raw.slice(0, 200))}"`);
  u.username = '';
  u.password = '';
  return u.href;
}

/** An http(s) proxy URL, or a usage error that names the flag (the password, if any, is not echoed). */
function proxyUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const u = parseHttpUrl(raw);
  if (!u)
    throw new UsageError(
      `--proxy needs an http://[user:password@]host:port URL, got "${maskCredentials(raw.slice(0, 200))}"`,
    );
  return raw;
}

function existingFile(raw: string | undefined, flag: string): string | undefined {
  if (raw !== undefined && !existsSync(raw)) throw new UsageError(`--${flag} ${raw}: no such file`);
  return raw;
}

/** The ranges of a --allow-net or --deny-net, parsed (the egress policy takes them as they are). */
function cidrs(list: string[] | undefined, flag: string): NetRange[] | undefined {
  return list?.map((c) => {
    try {
      return parseNetRange(c);
    } catch (e) {
      throw new UsageError(`--${flag}: ${(e as Error).message}`);
    }
  });
}

/** --host-resolver-rules, read (the egress takes them as they are). */
function hostRules(raw: string | undefined): HostRules | undefined {
  try {
    return raw === undefined ? undefined : readHostRules(raw);
  } catch (e) {
    throw new UsageError(`--host-resolver-rules: ${(e as Error).message}`);
  }
}

/** HOST:PORT of a DNS server (an IP address: it is asked for names, it cannot be one). */
function dnsServer(raw: string): string {
  const hp = hostPort(raw, 'dns-server');
  if (!hp || !parseAddress(hp.host))
    throw new UsageError(`--dns-server needs IP:PORT (e.g. 127.0.0.1:53 or [::1]:53), got "${raw}"`);
  return raw;
}
