// vucrawl stats: which store is in use, where its data lives, its schema version and what
// each table holds (through `vucrawl serve` while it holds the store).
import { withStoreAccess } from '../../store/choose.js';
import { defineCommand, positionalsExactly } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { formatRows, JSON_FLAG } from '../table.js';

export const command = defineCommand(
  {
    name: 'stats',
    summary: 'what the store holds',
    args: '',
    groups: [{ title: 'Output', flags: JSON_FLAG }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 0, 'stats takes no arguments');
    const s = await withStoreAccess(storeFlagsFrom(v), log, async (a) => ({
      ...(await a.stats()),
      via: a.server?.url,
    }));
    const rows = s.tables as unknown as Record<string, unknown>[];
    const head = `store: ${s.store}\n${s.via ? `served by: vucrawl serve at ${s.via}\n` : ''}schema version: ${s.schema_version}\nspill folder: ${s.spill_folder}\n`;
    process.stdout.write(v.json ? formatRows(rows, true) : head + formatRows(rows, false));
    return 0;
  },
);
