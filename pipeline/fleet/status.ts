// `vucrawl fleet status`: the fleet as Kafka sees it (the crawler group's members, which
// partitions of vucrawl.targets each holds, committed offsets against the partitions'
// ends: the lag) together with what each worker last reported of itself on vucrawl.fleet
// (pages done, in flight, queued, pages/s, the sites it holds, its metrics endpoint),
// which a worker keeps in its WorkerReport.
import { hostname } from 'node:os';
import { AssignerProtocol, type Kafka } from 'kafkajs';
import { groupLag } from '../../sinks/kafka/group-consumer.js';
import { FLEET_TOPIC, TARGETS_TOPIC } from '../../sinks/kafka/topics.js';
import { readPartitions } from './state-restore.js';

/** What a worker says of itself on vucrawl.fleet (`vucrawl fleet status` reads the latest of each). */
export interface WorkerStatus {
  worker: string;
  /** Its Kafka client id, which the group's member list shows. */
  client_id: string;
  host: string;
  pid: number;
  metrics?: string;
  partitions: number[];
  sites: string[];
  pages_done: number;
  in_flight: number;
  queued: number;
  pages_per_second: number;
  started_at: number;
  at: number;
}

/** What a worker reports of itself, kept as it works. */
export class WorkerReport {
  private readonly startedAt = Date.now();
  private pagesDone = 0;
  /** Sites with targets here now (queued or in flight), by partition. */
  private readonly sites = new Map<number, Map<string, number>>();

  pageDone(): void {
    this.pagesDone++;
  }

  /** A target of the site came (by 1) or is done (by -1). */
  countSite(partition: number, site: string, by: number): void {
    const sites = this.sites.get(partition) ?? new Map<string, number>();
    const n = (sites.get(site) ?? 0) + by;
    if (n > 0) sites.set(site, n);
    else sites.delete(site);
    this.sites.set(partition, sites);
  }

  /** The partition moved to another worker. */
  forget(partition: number): void {
    this.sites.delete(partition);
  }

  status(
    who: Pick<WorkerStatus, 'worker' | 'client_id' | 'metrics'>,
    partitions: Iterable<number>,
    load: { inFlight: number; queued: number },
  ): WorkerStatus {
    const seconds = (Date.now() - this.startedAt) / 1000;
    return {
      worker: who.worker,
      client_id: who.client_id,
      host: hostname(),
      pid: process.pid,
      metrics: who.metrics,
      partitions: [...partitions].sort((a, b) => a - b),
      sites: [...this.sites.values()].flatMap((s) => [...s.keys()]).sort(),
      pages_done: this.pagesDone,
      in_flight: load.inFlight,
      queued: load.queued,
      pages_per_second: seconds > 0 ? this.pagesDone / seconds : 0,
      started_at: this.startedAt,
      at: Date.now(),
    };
  }
}

export interface PartitionStatus {
  partition: number;
  /** The client id of the group member holding it (a worker's is `<client id>-<worker id>`), or '' when none does. */
  member: string;
  committed: string;
  end: string;
  lag: number;
}

export interface FleetStatus {
  group: string;
  state: string;
  members: number;
  partitions: PartitionStatus[];
  /** The latest status of each worker that reported one (workers gone keep their last). */
  workers: (WorkerStatus & { member: boolean })[];
}

export async function fleetStatus(kafka: Kafka, groupId: string): Promise<FleetStatus> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const {
      groups: [group],
    } = await admin.describeGroups([groupId]);
    const owners = new Map<number, string>();
    for (const m of group?.members ?? []) {
      const assignment = m.memberAssignment.length
        ? (AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {})
        : {};
      for (const p of assignment[TARGETS_TOPIC] ?? []) owners.set(p, m.clientId);
    }
    const partitions = (await groupLag(admin, groupId, [TARGETS_TOPIC]))
      .map(({ partition, committed, end, lag }) => ({
        partition,
        member: owners.get(partition) ?? '',
        committed,
        end,
        lag,
      }))
      .sort((a, b) => a.partition - b.partition);
    const latest = new Map<string, WorkerStatus>();
    const fleetPartitions = (await admin.fetchTopicOffsets(FLEET_TOPIC)).map((p) => p.partition);
    await readPartitions(kafka, FLEET_TOPIC, fleetPartitions, (_p, key, value) => {
      if (value === null) latest.delete(key);
      else latest.set(key, JSON.parse(value) as WorkerStatus);
    });
    const live = new Set((group?.members ?? []).map((m) => m.clientId));
    const workers = [...latest.values()]
      .map((w) => ({ ...w, member: live.has(w.client_id) }))
      .sort((a, b) => a.worker.localeCompare(b.worker));
    return {
      group: groupId,
      state: group?.state ?? 'Unknown',
      members: group?.members.length ?? 0,
      partitions,
      workers,
    };
  } finally {
    await admin.disconnect();
  }
}
