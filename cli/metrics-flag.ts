// --metrics HOST:PORT: where a long-running command serves Prometheus metrics (loader,
// worker, crawl). Port 0 takes any free port (the log line says which); "off" serves none.
import type { Logger } from 'pino';
import { serveMetrics, type MetricsServer, type Registry } from '../runtime/metrics.js';
import { hostPort, type FlagTable } from './flags.js';

export function metricsFlag(fallback: string) {
  return {
    metrics: {
      kind: 'string',
      value: 'HOST:PORT',
      env: 'VUCRAWL_METRICS',
      default: () => fallback,
      help: 'serve Prometheus metrics at http://HOST:PORT/metrics (port 0: any free port; "off": none)',
    },
  } as const satisfies FlagTable;
}

/** Where --metrics (else VUCRAWL_METRICS, else the command's default) says to serve; undefined for "off". */
export function metricsAddress(flag: string | undefined, fallback: string): { host: string; port: number } | undefined {
  return hostPort(flag ?? process.env.VUCRAWL_METRICS ?? fallback, 'metrics');
}

/** Serves the registry there and logs the URL. */
export async function startMetrics(
  registry: Registry,
  at: { host: string; port: number } | undefined,
  log: Logger,
): Promise<MetricsServer | undefined> {
  if (!at) return undefined;
  const served = await serveMetrics(registry, at.host, at.port);
  log.info({ metrics: served.url }, 'serving Prometheus metrics');
  return served;
}
