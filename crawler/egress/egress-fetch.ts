// A GET that the crawler itself makes (robots.txt), through the crawl's SOCKS5 egress
// proxy like every connection of the browser: the same policy, host rules, resolver and
// upstream proxy, and the virtual user's user agent. (From the browser's own blank tab it
// would trip Chromium's local-network-access checks, which pages' requests must keep.)
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { defaultPort } from '../../capture/url.js';
import { errorText } from '../../runtime/errors.js';

export interface EgressFetchOptions {
  userAgent: string;
  maxBytes: number;
  timeoutMs: number;
  ignoreHttpsErrors: boolean;
}

export interface EgressFetchResult {
  status?: number;
  body?: Buffer;
  error?: string;
}

/** Opens a tunnel to host:port through a SOCKS5 proxy on loopback (no authentication, domain-name target). */
function socksConnect(proxyPort: number, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port: proxyPort });
    const name = Buffer.from(host.replace(/^\[|\]$/g, ''), 'utf8');
    let stage = 0;
    let buf = Buffer.alloc(0);
    s.once('error', reject);
    s.on('connect', () => s.write(Buffer.from([5, 1, 0])));
    s.on('data', function onData(chunk: Buffer) {
      buf = Buffer.concat([buf, chunk]);
      if (stage === 0 && buf.length >= 2) {
        if (buf[1] !== 0) return reject(new Error('the egress proxy wants authentication'));
        buf = buf.subarray(2);
        stage = 1;
        const p = Buffer.alloc(2);
        p.writeUInt16BE(port);
        s.write(Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, p]));
      }
      if (stage === 1 && buf.length >= 10) {
        s.off('data', onData);
        s.off('error', reject);
        if (buf[1] !== 0) {
          s.destroy();
          return reject(new Error(`the egress proxy refused the connection (SOCKS reply ${buf[1]})`));
        }
        resolve(s);
      }
    });
  });
}

export async function egressFetch(proxyPort: number, url: string, o: EgressFetchOptions): Promise<EgressFetchResult> {
  const u = new URL(url);
  try {
    const raw = await socksConnect(proxyPort, u.hostname, defaultPort(u));
    const socket =
      u.protocol === 'https:'
        ? tls.connect({
            socket: raw,
            servername: u.hostname.replace(/^\[|\]$/g, ''),
            rejectUnauthorized: !o.ignoreHttpsErrors,
          })
        : raw;
    const get = u.protocol === 'https:' ? https.get : http.get;
    return await new Promise<EgressFetchResult>((resolve) => {
      const req = get(
        url,
        {
          createConnection: () => socket,
          headers: { 'user-agent': o.userAgent, accept: 'text/plain,*/*' },
          timeout: o.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > o.maxBytes) {
              req.destroy();
              resolve({ status: res.statusCode, error: `over ${Math.round(o.maxBytes / 1024)} KiB` });
            } else chunks.push(c);
          });
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
          res.on('error', (e) => resolve({ status: res.statusCode, error: errorText(e) }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${o.timeoutMs} ms`)));
      req.on('error', (e) => resolve({ error: errorText(e) }));
    });
  } catch (e) {
    return { error: errorText(e) };
  }
}
