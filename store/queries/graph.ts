// A host's neighbourhood for the web UI's graph: host pairs both ways, hop by hop from the
// host (each hop reads both host-pair rollups by their keys), bounded in nodes; then the
// trackers and response bodies that link hosts of that neighbourhood, as nodes of their own.
import type { ClickHouseClient } from '@clickhouse/client';
import { OBSERVED } from '../schema/migrations.js';

export type NodeKind = 'host' | 'tracker' | 'hash';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** What clicking the node pivots on: the host, tracker ID or SHA-256. */
  value: string;
  /** Hops from the host the graph is about (trackers and hashes: one more than their nearest host). */
  hops: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Host-pair cause; "carries" for a tracker; "served" for a body. */
  relation: string;
  kind: 'pair' | 'tracker' | 'hash';
  /** Of the host pair; for a tracker or body link, of that value over the hosts it links. */
  observations: number;
}

export interface Graph {
  host: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Whether the node bound cut the neighbourhood short. */
  truncated: boolean;
}

export interface GraphOptions {
  hops: number;
  maxNodes: number;
}

/** Linking nodes at most, of each kind. */
const MAX_LINKS = 40;

const hostId = (h: string) => `host:${h}`;

export async function neighbourhood(
  client: ClickHouseClient,
  db: string,
  host: string,
  o: GraphOptions,
): Promise<Graph> {
  const nodes = new Map<string, GraphNode>([
    [hostId(host), { id: hostId(host), kind: 'host', label: host, value: host, hops: 0 }],
  ]);
  const edges = new Map<string, GraphEdge>();
  let frontier = [host];
  let truncated = false;
  for (let hop = 1; hop <= o.hops && frontier.length; hop++) {
    const query = ['host_pairs_by_child', 'host_pairs_by_parent']
      .map(
        (t, i) => `SELECT parent_host, child_host, cause, toUInt64(${OBSERVED}) AS n
      FROM ${db}.${t} WHERE ${i ? 'parent_host' : 'child_host'} IN {hosts:Array(String)} GROUP BY parent_host, child_host, cause`,
      )
      .join(' UNION ALL ');
    const rows = await (
      await client.query({
        query: `${query} ORDER BY n DESC, parent_host, child_host, cause`,
        format: 'JSONEachRow',
        query_params: { hosts: frontier },
      })
    ).json<{ parent_host: string; child_host: string; cause: string; n: string }>();
    const next: string[] = [];
    for (const r of rows) {
      for (const h of [r.parent_host, r.child_host]) {
        if (nodes.has(hostId(h))) continue;
        if (nodes.size >= o.maxNodes) {
          truncated = true;
          continue;
        }
        nodes.set(hostId(h), { id: hostId(h), kind: 'host', label: h, value: h, hops: hop });
        next.push(h);
      }
      if (!nodes.has(hostId(r.parent_host)) || !nodes.has(hostId(r.child_host))) continue;
      const id = `pair:${r.parent_host}|${r.child_host}|${r.cause}`;
      edges.set(id, {
        id,
        source: hostId(r.parent_host),
        target: hostId(r.child_host),
        relation: r.cause,
        kind: 'pair',
        observations: Number(r.n),
      });
    }
    frontier = next;
  }
  await linkingNodes(client, db, host, nodes, edges);
  return { host, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

/** Trackers carried by two hosts of the graph (or by its host), and bodies served by two of its hosts. */
async function linkingNodes(
  client: ClickHouseClient,
  db: string,
  root: string,
  nodes: Map<string, GraphNode>,
  edges: Map<string, GraphEdge>,
): Promise<void> {
  const hosts = [...nodes.values()].map((n) => n.value);
  const hopsOf = new Map([...nodes.values()].map((n) => [n.value, n.hops]));
  const links = [
    {
      kind: 'tracker' as const,
      relation: 'carries',
      query: `SELECT type AS label, value, groupUniqArray(host) AS hosts, toUInt64(${OBSERVED}) AS n FROM ${db}.tracker_rollup
        WHERE host IN {hosts:Array(String)} GROUP BY type, value HAVING length(hosts) >= 2 OR has(hosts, {root:String})
        ORDER BY length(hosts) DESC, value LIMIT ${MAX_LINKS}`,
      label: (r: { label: string; value: string }) => `${r.value} (${r.label})`,
    },
    {
      kind: 'hash' as const,
      relation: 'served',
      query: `SELECT '' AS label, sha256 AS value, groupUniqArray(host) AS hosts, toUInt64(${OBSERVED}) AS n FROM ${db}.resource_rollup
        WHERE host IN {hosts:Array(String)} GROUP BY sha256 HAVING length(hosts) >= 2 ORDER BY length(hosts) DESC, value LIMIT ${MAX_LINKS}`,
      label: (r: { value: string }) => `sha256 ${r.value.slice(0, 12)}…`,
    },
  ];
  for (const l of links) {
    const rows = await (
      await client.query({ query: l.query, format: 'JSONEachRow', query_params: { hosts, root } })
    ).json<{ label: string; value: string; hosts: string[]; n: string }>();
    for (const r of rows) {
      const id = `${l.kind}:${r.value}`;
      nodes.set(id, {
        id,
        kind: l.kind,
        label: l.label(r),
        value: r.value,
        hops: 1 + Math.min(...r.hosts.map((h) => hopsOf.get(h) ?? 0)),
      });
      for (const h of [...r.hosts].sort()) {
        const edge = `${l.kind}:${h}|${r.value}`;
        edges.set(edge, {
          id: edge,
          source: hostId(h),
          target: id,
          relation: l.relation,
          kind: l.kind,
          observations: Number(r.n),
        });
      }
    }
  }
}
