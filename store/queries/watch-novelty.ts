// The store's answer to a watch's "never seen before" (alerting/watch-rules.ts Novelty):
// whether any capture other than the candidate's shows the same parent leading to the same
// child, or the same tracker ID on the same host.
import type { Novelty } from '../../alerting/watch-rules.js';
import type { TableAccess } from '../access.js';

const QUERIES: { [K in Novelty['kind']]: (db: string) => string } = {
  parent: (db) =>
    `SELECT 1 FROM ${db}.host_pairs WHERE parent_host = {parent:String} AND child_host = {child:String} AND capture_id != {capture:String} LIMIT 1`,
  'tracker-host': (db) =>
    `SELECT 1 FROM ${db}.trackers WHERE value = {value:String} AND host = {host:String} AND capture_id != {capture:String} LIMIT 1`,
};

export async function seenElsewhere(a: TableAccess, n: Novelty, captureId: string): Promise<boolean> {
  const { kind, ...params } = n;
  return (await a.rows(QUERIES[kind](a.db), { ...params, capture: captureId })).length > 0;
}
