// Prometheus metrics with prom-client: one registry per process, Node's own metrics
// (CPU, memory, event-loop lag, GC) in it once, served as text on GET /metrics. The parts
// that count (the crawl, the loader) define their metrics in this registry; values that
// another object already keeps (queue lengths, browser launches) are read when Prometheus
// scrapes, not copied on every change.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export type { Registry } from 'prom-client';

export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** A gauge whose value is read at scrape time. */
export function gaugeOf(registry: Registry, name: string, help: string, read: () => number): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * A counter that follows a running total kept elsewhere (it only ever grows), read at
 * scrape time: one number, or numbers by the value of one label.
 */
export function counterOf(
  registry: Registry,
  spec: { name: string; help: string; label?: string },
  read: () => number | Partial<Record<string, number>>,
): Counter<string> {
  const seen = new Map<string, number>();
  return new Counter({
    name: spec.name,
    help: spec.help,
    labelNames: spec.label ? [spec.label] : [],
    registers: [registry],
    collect() {
      const v = read();
      for (const [key, now = 0] of typeof v === 'number' ? [['', v] as const] : Object.entries(v)) {
        const before = seen.get(key) ?? 0;
        if (now <= before) continue;
        if (spec.label) this.inc({ [spec.label]: key }, now - before);
        else this.inc(now - before);
        seen.set(key, now);
      }
    },
  });
}

export interface MetricsServer {
  /** http://HOST:PORT/metrics */
  url: string;
  close(): Promise<void>;
}

/** Serves the registry on HOST:PORT (port 0: any free port) at /metrics. */
export function serveMetrics(registry: Registry, host: string, port: number): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end('not found; try /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (e: Error) => res.writeHead(500).end(`${e.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      const where = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({ url: `http://${where}:${a.port}/metrics`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
