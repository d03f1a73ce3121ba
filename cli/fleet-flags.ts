// Runs that crawl a few pages each round (monitor run, brand run) hand them to the fleet's
// workers when it runs: with Kafka settings and workers in the crawler group, unless
// --local. Asked before each round: workers come and go.
import type { Logger } from 'pino';
import { fleetIsRunning, type FleetHandOff } from '../pipeline/fleet/follow-crawl.js';
import type { KafkaOptions } from '../sinks/kafka/connect.js';
import { durationMs } from './duration.js';
import type { FlagTable, FlagValues } from './flags.js';

export const FLEET_FLAGS = {
  local: {
    kind: 'boolean',
    help: 'run: crawl here even when a fleet of workers runs (with Kafka settings, the fleet crawls the pages)',
  },
  'fleet-wait': {
    kind: 'string',
    value: 'DURATION',
    help: 'run, through the fleet: how long to wait for a crawl (the pages not crawled by then are tried next run)',
    default: () => '10m',
  },
} as const satisfies FlagTable;

/** What each round asks: the fleet to hand its pages to, or undefined to crawl here. */
export function fleetChooser(
  kafka: KafkaOptions | undefined,
  v: FlagValues<typeof FLEET_FLAGS>,
  log: Logger,
): () => Promise<FleetHandOff | undefined> {
  const timeoutMs = durationMs(v['fleet-wait'] ?? '10m', 'fleet-wait');
  return async () => (kafka && !v.local && (await fleetIsRunning(kafka, log)) ? { kafka, timeoutMs } : undefined);
}
