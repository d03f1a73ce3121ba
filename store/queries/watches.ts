// Watches in the store: a name and its rule (alerting/watch-rules.ts), in the versioned
// table `watches` (read through `watches_current`).
import { checkName } from '../../alerting/names.js';
import { parseWatchRule } from '../../alerting/watch-rules.js';
import { chTime } from '../insert.js';
import { iso } from './relations.js';
import type { TableAccess } from '../access.js';

export interface WatchRow {
  name: string;
  rule: string;
  updated_at: string;
}

export async function listWatches(a: TableAccess): Promise<WatchRow[]> {
  return a.rows<WatchRow>(
    `SELECT name, rule, ${iso('updated_at')} AS updated_at FROM ${a.db}.watches_current ORDER BY name`,
  );
}

export async function addWatch(a: TableAccess, name: string, rule: string): Promise<void> {
  checkName('watch', name);
  const parsed = parseWatchRule(rule);
  if ((await listWatches(a)).some((w) => w.name === name))
    throw new Error(`watch "${name}" exists; remove it first (vucrawl watch remove ${name})`);
  await a.insert('watches', [{ name, rule: parsed.text, deleted: 0, changed_at: chTime(Date.now()) }]);
}

export async function removeWatch(a: TableAccess, name: string): Promise<void> {
  if (!(await listWatches(a)).some((w) => w.name === name))
    throw new Error(`no watch "${name}" (vucrawl watch list shows them)`);
  await a.insert('watches', [{ name, rule: '', deleted: 1, changed_at: chTime(Date.now()) }]);
}
