// What a monitor's visits showed, into `monitor_observations` (alerting/observation.ts): the
// next visit of the same URL is compared with it (store/queries/monitors.ts reads it back).
import type { Observation } from '../../alerting/observation.js';
import type { TableAccess } from '../../store/access.js';
import { chTime } from '../../store/insert.js';

export async function insertObservations(a: TableAccess, observations: Observation[]): Promise<void> {
  await a.insert(
    'monitor_observations',
    observations.map((o) => ({ ...o, observed_at: chTime(o.observed_at) })),
  );
}
