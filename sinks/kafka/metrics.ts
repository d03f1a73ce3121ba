// A few counters and gauges, served in Prometheus's text format on /metrics. Small enough
// not to need a client library: names, labels, values, one line each.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Labels = Record<string, string | number>;

interface Metric {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, number>;
}

export class Metrics {
  private readonly metrics = new Map<string, Metric>();

  define(name: string, type: Metric['type'], help: string): void {
    this.metrics.set(name, { help, type, values: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const m = this.get(name);
    const k = labelText(labels);
    m.values.set(k, (m.values.get(k) ?? 0) + by);
  }

  set(name: string, labels: Labels, value: number): void {
    this.get(name).values.set(labelText(labels), value);
  }

  /** The sum over all label sets (for logs). */
  total(name: string): number {
    let n = 0;
    for (const v of this.get(name).values.values()) n += v;
    return n;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, m] of this.metrics) {
      lines.push(`# HELP ${name} ${m.help}`, `# TYPE ${name} ${m.type}`);
      for (const [labels, v] of m.values) lines.push(`${name}${labels} ${v}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Serves /metrics on HOST:PORT (port 0: any free port); resolves with the address bound. */
  serve(host: string, port: number): Promise<{ server: Server; address: string }> {
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end('not found; try /metrics\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(this.render());
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const a = server.address() as AddressInfo;
        resolve({ server, address: `${a.address}:${a.port}` });
      });
    });
  }

  private get(name: string): Metric {
    const m = this.metrics.get(name);
    if (!m) throw new Error(`metric ${name} is not defined`);
    return m;
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}
