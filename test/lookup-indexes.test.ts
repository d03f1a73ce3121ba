// Migration 13's skip indexes with the real embedded engine: every lookup the API runs
// answers the same before and after them, and the engine reads a host's children and what
// a host carries through them rather than by scanning the table.
import type { ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEventId } from '../extractor/event-id.js';
import { schemaId, type VucrawlEvent } from '../extractor/events.js';
import { ClickHouseEvents, EVENT_STORE_DEFAULTS } from '../sinks/clickhouse/event-store.js';
import { openStore, type Store } from '../store/connect.js';
import { lookupAttributeLists, lookupHosts } from '../store/queries/lookups.js';
import { indicatorReport } from '../store/queries/report.js';
import { applySchema, LOOKUP_INDEXES, lookupIndex } from '../store/schema/migrations.js';
import { certificateEvent, pageEvent, pairEvent, trackerEvent } from './helpers/events.js';
import { quietLog } from './helpers/harness.js';

const DB = 'idx';
const CAUSES = ['script.src', 'img.src', 'iframe.src', 'redirect'] as const;
const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-lookup-indexes-'));
let store: Store;
let client: ClickHouseClient;

/** A small web: 40 sites, each loading a few of 15 shared hosts, with a page, a tracker, an IP and a certificate each. */
function web(): VucrawlEvent[] {
  const events: VucrawlEvent[] = [];
  for (let s = 0; s < 40; s++) {
    const host = `www.site${s}.test`;
    const envelope = {
      observed_at: 1_790_000_000_000 + s * 1000,
      capture_id: `cap-${s}`,
      page_url: `https://${host}/`,
    };
    events.push(pageEvent({ ...envelope, host, site: `site${s}.test`, final_url: `https://${host}/` }));
    for (let k = 0; k < 1 + (s % 4); k++)
      events.push(pairEvent(host, `cdn${(s * 7 + k) % 15}.test`, CAUSES[(s + k) % CAUSES.length]!, envelope));
    events.push(trackerEvent(`G-${s % 6}`, 'google-analytics', { ...envelope, host, site: `site${s}.test` }));
    events.push(
      certificateEvent(host, String(s).padStart(64, 'a'), {
        ...envelope,
        valid_from: 1_780_000_000_000,
        valid_to: 1_810_000_000_000,
      }),
    );
    events.push({
      schema: schemaId('host_ip'),
      event_id: '',
      tags: [],
      comparison_id: null,
      profile: 'desktop-chrome-windows',
      crawl_id: 'crawl-1',
      ...envelope,
      host,
      ip: `10.0.0.${s % 5}`,
      port: 443,
    } as VucrawlEvent);
  }
  return events.map((e) => withEventId(e));
}

const VALUES = ['www.site3.test', 'www.site10.test', 'cdn4.test', 'cdn0.test', 'G-2', 'nowhere.test'];

/** What the API answers for each value: host pairs both ways, and the indicator document. */
async function answers(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const value of VALUES) {
    out.push(
      await lookupHosts(
        client,
        DB,
        [
          { name: 'parents', value: { value } },
          { name: 'children', value: { value } },
        ],
        { limit: 100 },
      ),
      await lookupAttributeLists(client, DB, ['trackers', 'ips', 'certificates'], { value }, { limit: 100 }),
      await indicatorReport(client, DB, value, { limit: 100 }),
    );
  }
  return out;
}

async function mutationsDone(): Promise<void> {
  for (;;) {
    const [r] = await (
      await client.query({
        query: `SELECT count() AS n FROM system.mutations WHERE database = '${DB}' AND NOT is_done`,
        format: 'JSONEachRow',
      })
    ).json<{ n: string }>();
    if (Number(r!.n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  store = await openStore({ dataDir: dir });
  client = store.client;
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the lookup indexes (migration 13)', () => {
  it('leave every answer as it was, and the engine reads by them', async () => {
    await applySchema(client, DB, 12);
    const sink = new ClickHouseEvents(
      client,
      { ...EVENT_STORE_DEFAULTS, db: DB, spillDir: path.join(dir, 'spill') },
      quietLog,
    );
    await sink.write(web());
    await sink.close();
    expect(sink.spilled).toBe(0);
    const before = await answers();
    expect(JSON.stringify(before)).toContain('cdn4.test');

    expect(await applySchema(client, DB)).toContain(13);
    await mutationsDone();
    expect(await answers()).toEqual(before);

    // The tables this web fills (an empty table is read as nothing, no index looked at).
    for (const [table, column] of LOOKUP_INDEXES.filter(
      ([t]) => !/^(components|component_rollup|cookies|cookie_rollup)$/.test(t),
    )) {
      const plan = await (
        await client.query({
          query: `EXPLAIN indexes = 1 SELECT count() FROM ${DB}.${table} WHERE ${column} = {v:String}`,
          query_params: { v: 'www.site3.test' },
          format: 'TabSeparatedRaw',
        })
      ).text();
      expect(plan, table).toContain(lookupIndex(column));
    }
  });
});
