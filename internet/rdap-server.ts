// An RDAP server on loopback for tests: GET /rdap/domain/NAME answers the registration the
// test gave for NAME (an RFC 9083 domain object: the registrar as an entity with its vCard,
// registration and expiration events, status, name servers), else 404 as a registry does
// for a name nobody holds. It also serves a bootstrap file (RFC 9224) at /dns.json naming
// itself for the test TLDs. Special names misbehave on purpose: slow.NAME never answers in
// time, huge.NAME answers megabytes, broken.NAME answers text that is not JSON.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestRegistration {
  registrar?: string;
  /** ISO 8601. */
  registered?: string;
  expires?: string;
  status?: string[];
  nameservers?: string[];
}

export interface TestRdapServer {
  /** The base URL of the RDAP service, ending in /: http://127.0.0.1:PORT/rdap/ */
  base: string;
  /** The bootstrap file's URL, and its JSON (write it to a file for --rdap-bootstrap). */
  bootstrapUrl: string;
  bootstrap: { version: string; services: [string[], string[]][] };
  /** Every request: its path and Accept header. */
  requests: { path: string; accept: string | undefined }[];
  close(): Promise<void>;
}

/** The domain object a registry would answer for a registration. */
export function rdapDomain(name: string, r: TestRegistration): object {
  return {
    objectClassName: 'domain',
    rdapConformance: ['rdap_level_0'],
    ldhName: name.toUpperCase(),
    status: r.status ?? ['active'],
    events: [
      ...(r.registered ? [{ eventAction: 'registration', eventDate: r.registered }] : []),
      ...(r.expires ? [{ eventAction: 'expiration', eventDate: r.expires }] : []),
      { eventAction: 'last update of RDAP database', eventDate: '2026-12-01T00:00:00Z' },
    ],
    entities: [
      {
        objectClassName: 'entity',
        roles: ['abuse'],
        vcardArray: [
          'vcard',
          [
            ['version', {}, 'text', '4.0'],
            ['fn', {}, 'text', 'Abuse Desk'],
          ],
        ],
      },
      ...(r.registrar
        ? [
            {
              objectClassName: 'entity',
              handle: '9999',
              roles: ['registrar'],
              publicIds: [{ type: 'IANA Registrar ID', identifier: '9999' }],
              vcardArray: [
                'vcard',
                [
                  ['version', {}, 'text', '4.0'],
                  ['fn', {}, 'text', r.registrar],
                ],
              ],
            },
          ]
        : []),
    ],
    nameservers: (r.nameservers ?? []).map((ns) => ({ objectClassName: 'nameserver', ldhName: ns.toUpperCase() })),
  };
}

export async function startRdapServer(
  registrations: Record<string, TestRegistration>,
  o: { tlds?: string[]; slowMs?: number } = {},
): Promise<TestRdapServer> {
  const requests: TestRdapServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  let bootstrap: TestRdapServer['bootstrap'] = { version: '1.0', services: [] };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, accept: req.headers.accept });
    if (path === '/dns.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bootstrap));
      return;
    }
    const name = /^\/rdap\/domain\/([^/]+)$/.exec(path)?.[1]?.toLowerCase();
    if (!name) return void res.writeHead(400).end();
    if (name.startsWith('slow.')) return void setTimeout(() => res.writeHead(200).end('{}'), o.slowMs ?? 5000);
    if (name.startsWith('huge.')) {
      res.writeHead(200, { 'content-type': 'application/rdap+json' });
      res.end(`{"objectClassName":"domain","remarks":"${'x'.repeat(4 << 20)}"}`);
      return;
    }
    if (name.startsWith('broken.')) return void res.writeHead(200).end('<html>not rdap</html>');
    const r = registrations[name];
    if (!r) {
      res.writeHead(404, { 'content-type': 'application/rdap+json' });
      res.end(JSON.stringify({ errorCode: 404, title: 'Not Found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(JSON.stringify(rdapDomain(name, r)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bootstrap = {
    version: '1.0',
    services: [
      [o.tlds ?? ['test'], [`${origin}/rdap/`]],
      [['example'], ['https://rdap.invalid/example/']],
    ],
  };
  return {
    base: `${origin}/rdap/`,
    bootstrapUrl: `${origin}/dns.json`,
    bootstrap,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
