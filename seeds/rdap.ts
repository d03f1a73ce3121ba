// Who registered a domain and when, through RDAP: the server for its TLD from IANA's
// bootstrap file for DNS (RFC 9224: `{"services": [[["com", "net"], ["https://rdap.verisign.com/com/v1/"]], ...]}`),
// read from a local copy (--rdap-bootstrap FILE) or fetched from IANA; then
// GET {base}domain/{name} (RFC 9082) and the parts of its answer (RFC 9083) a brand's
// analyst asks for: the registrar (the entity with role `registrar`, its vCard `fn`), the
// registration and expiration events, the status, the name servers. 404 is an answer: the
// name is not registered. Every GET is bounded in time and size, and every error names the
// domain and the server.
import { readFile } from 'node:fs/promises';
import { errorText } from '../runtime/errors.js';
import { withDefaults } from '../runtime/defaults.js';

/** Where IANA publishes the bootstrap file for DNS. */
export const IANA_DNS_BOOTSTRAP = 'https://data.iana.org/rdap/dns.json';

export interface RdapOptions {
  /** A local copy of the bootstrap file (--rdap-bootstrap); without it, bootstrapUrl is fetched. */
  bootstrapFile?: string;
  bootstrapUrl: string;
  /** The bound on each GET, connection to last byte. */
  timeoutMs: number;
  /** The most a body may hold: the bootstrap file is about 40 KB, a domain's answer a few KB. */
  maxBytes: number;
}

export const RDAP_DEFAULTS: RdapOptions = { bootstrapUrl: IANA_DNS_BOOTSTRAP, timeoutMs: 10_000, maxBytes: 1 << 20 };

/** The bootstrap file's services: each set of DNS labels (TLDs, or longer suffixes) and its servers' base URLs. */
export type RdapBootstrap = { suffixes: string[]; urls: string[] }[];

export interface Registration {
  domain: string;
  /** The base URL of the server that answered. */
  server: string;
  /** False when the server answered 404: no such registration. */
  registered: boolean;
  registrar: string | null;
  /** UTC ms; null when the server did not say. */
  registered_at: number | null;
  expires_at: number | null;
  status: string[];
  /** Lower case, without the trailing dot, sorted. */
  nameservers: string[];
}

/** A GET within the bounds: its status and body, or an error saying why not. */
async function boundedGet(url: string, accept: string, o: RdapOptions): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(o.timeoutMs), redirect: 'follow' });
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); reader && r && !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > o.maxBytes) {
      await reader.cancel(); // the rest is not read: a hostile server's gigabytes stay on the wire
      throw new Error(`answer over ${o.maxBytes} bytes`);
    }
    chunks.push(r.value);
  }
  return { status: res.status, body: Buffer.concat(chunks).toString('utf8') };
}

/** The services of a bootstrap file's JSON, checked (RFC 9224 section 4); `from` names the file in errors. */
export function parseBootstrap(json: unknown, from: string): RdapBootstrap {
  const services = (json as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) throw new Error(`${from}: not an RDAP bootstrap file (no "services" array)`);
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  return services.map((s: unknown, i) => {
    if (!Array.isArray(s) || !strings(s[0]) || !strings(s[1]))
      throw new Error(`${from}: services[${i}] is not [[labels...], [urls...]]`);
    return {
      suffixes: (s[0] as string[]).map((l) => l.toLowerCase().replace(/^\.|\.$/g, '')),
      urls: s[1] as string[],
    };
  });
}

/** The bootstrap file: the local copy when given, else IANA's. */
export async function loadBootstrap(options: Partial<RdapOptions> = {}): Promise<RdapBootstrap> {
  const o = withDefaults(RDAP_DEFAULTS, options);
  const from = o.bootstrapFile ?? o.bootstrapUrl;
  let text: string;
  try {
    if (o.bootstrapFile !== undefined) text = await readFile(o.bootstrapFile, 'utf8');
    else {
      const { status, body } = await boundedGet(o.bootstrapUrl, 'application/json', o);
      if (status !== 200) throw new Error(`HTTP ${status}`);
      text = body;
    }
  } catch (e) {
    throw new Error(`RDAP bootstrap ${from}: ${errorText(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`RDAP bootstrap ${from}: not JSON (${errorText(e)})`);
  }
  return parseBootstrap(json, `RDAP bootstrap ${from}`);
}

/** The base URL (ending in /) of the server for a domain: the service of its longest matching label suffix, HTTPS preferred. */
export function rdapServerFor(bootstrap: RdapBootstrap, domain: string): string | undefined {
  const name = domain.toLowerCase().replace(/\.$/, '');
  let best: { labels: number; urls: string[] } | undefined;
  for (const s of bootstrap) {
    for (const suffix of s.suffixes) {
      const labels = suffix.split('.').length;
      if ((name === suffix || name.endsWith(`.${suffix}`)) && labels > (best?.labels ?? 0))
        best = { labels, urls: s.urls };
    }
  }
  const url = best?.urls.find((u) => u.startsWith('https:')) ?? best?.urls[0];
  return url === undefined ? undefined : url.endsWith('/') ? url : `${url}/`;
}

interface RdapEntity {
  roles?: unknown;
  vcardArray?: unknown;
  entities?: unknown;
}

/** The entity with a role, searched breadth first (a registrar may sit inside another entity). */
function entityWithRole(entities: unknown, role: string): RdapEntity | undefined {
  let level = Array.isArray(entities) ? (entities as RdapEntity[]) : [];
  while (level.length) {
    const found = level.find((e) => Array.isArray(e?.roles) && (e.roles as unknown[]).includes(role));
    if (found) return found;
    level = level.flatMap((e) => (Array.isArray(e?.entities) ? (e.entities as RdapEntity[]) : []));
  }
  return undefined;
}

/** A jCard's (RFC 7095) `fn`: ["vcard", [["fn", {}, "text", "Name"], ...]]. */
function vcardName(vcard: unknown): string | null {
  const props = Array.isArray(vcard) ? vcard[1] : undefined;
  if (!Array.isArray(props)) return null;
  const fn = props.find((p: unknown) => Array.isArray(p) && p[0] === 'fn');
  return typeof fn?.[3] === 'string' && fn[3].trim() ? fn[3].trim() : null;
}

function eventDate(events: unknown, action: string): number | null {
  if (!Array.isArray(events)) return null;
  const e = events.find((x: { eventAction?: unknown }) => x?.eventAction === action) as
    | { eventDate?: unknown }
    | undefined;
  const t = typeof e?.eventDate === 'string' ? Date.parse(e.eventDate) : Number.NaN;
  return Number.isNaN(t) ? null : t;
}

/** The parts of a domain object (RFC 9083 section 5.3) a registration holds. */
export function parseRdapDomain(
  json: unknown,
): Pick<Registration, 'registrar' | 'registered_at' | 'expires_at' | 'status' | 'nameservers'> {
  const d = (json ?? {}) as { entities?: unknown; events?: unknown; status?: unknown; nameservers?: unknown };
  const registrar = entityWithRole(d.entities, 'registrar');
  return {
    registrar: registrar ? vcardName(registrar.vcardArray) : null,
    registered_at: eventDate(d.events, 'registration'),
    expires_at: eventDate(d.events, 'expiration'),
    status: Array.isArray(d.status) ? d.status.filter((s): s is string => typeof s === 'string') : [],
    nameservers: (Array.isArray(d.nameservers) ? d.nameservers : [])
      .map((n: { ldhName?: unknown }) =>
        typeof n?.ldhName === 'string' ? n.ldhName.toLowerCase().replace(/\.$/, '') : '',
      )
      .filter(Boolean)
      .sort(),
  };
}

/** A domain's registration, from the server the bootstrap names for it. Throws, naming the domain and the server, when there is no answer. */
export async function lookupRegistration(
  domain: string,
  bootstrap: RdapBootstrap,
  options: Partial<RdapOptions> = {},
): Promise<Registration> {
  const o = withDefaults(RDAP_DEFAULTS, options);
  const name = domain.toLowerCase().replace(/\.$/, '');
  const server = rdapServerFor(bootstrap, name);
  if (!server) throw new Error(`RDAP lookup of ${name}: the bootstrap file names no server for it`);
  const fail = (why: string) => new Error(`RDAP lookup of ${name} at ${server}: ${why}`);
  let got: { status: number; body: string };
  try {
    got = await boundedGet(`${server}domain/${encodeURIComponent(name)}`, 'application/rdap+json', o);
  } catch (e) {
    throw fail(errorText(e));
  }
  if (got.status === 404)
    return {
      domain: name,
      server,
      registered: false,
      registrar: null,
      registered_at: null,
      expires_at: null,
      status: [],
      nameservers: [],
    };
  if (got.status !== 200) throw fail(`HTTP ${got.status}`);
  let json: unknown;
  try {
    json = JSON.parse(got.body);
  } catch (e) {
    throw fail(`not JSON (${errorText(e)})`);
  }
  if ((json as { objectClassName?: unknown } | null)?.objectClassName !== 'domain')
    throw fail('the answer is not an RDAP domain object');
  return { domain: name, server, registered: true, ...parseRdapDomain(json) };
}
