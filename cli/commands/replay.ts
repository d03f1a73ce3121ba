// vucrawl replay: load batches spilled while the database was unreachable, or, with Kafka
// settings, send messages spilled while the broker was.
import { existsSync, readdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { recoverCrawlOutputs } from '../../pipeline/crawl-run.js';
import { outPaths } from '../../runtime/out-paths.js';
import { EVENT_STORE_DEFAULTS, replaySpill } from '../../sinks/clickhouse/event-store.js';
import { createKafka, describeKafka, type KafkaOptions } from '../../sinks/kafka/connect.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../../sinks/kafka/publisher.js';
import { defineCommand, UsageError } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { OUT_FLAG, outDir } from '../out-flag.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { withStore } from '../with-store.js';

export async function replayKafkaSpill(
  dir: string,
  kafka: KafkaOptions,
  log: Logger,
): Promise<{ text: string; quarantined: string[] }> {
  let files: number;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).length;
  } catch (e) {
    throw new Error(`cannot read Kafka spill folder ${dir}: ${(e as Error).message}`);
  }
  const publisher = new KafkaPublisher(createKafka(kafka, log), kafka, { ...PUBLISHER_DEFAULTS, spillDir: dir }, log);
  const before = publisher.spilled;
  await publisher.close();
  const text = `sent ${before - publisher.spilled} spilled messages from ${files} files in ${dir} to ${describeKafka(kafka)}${publisher.spilled ? `; ${publisher.spilled} still on disk (broker unreachable)` : ''}\n`;
  return { text, quarantined: publisher.quarantined };
}

/** Exit 1 after everything else was replayed, naming each file set aside. */
function quarantineError(files: string[]): Error {
  return new Error(`${files.length} spill file(s) could not be read and were moved aside: ${files.join(', ')}`);
}

async function replayStoreSpill(
  dir: string | undefined,
  v: Parameters<typeof storeFlagsFrom>[0],
  log: Logger,
): Promise<{ text: string; quarantined: string[] }> {
  return withStore(storeFlagsFrom(v), log, async ({ store, db, spillDir }) => {
    const from = dir ?? spillDir;
    const r = await replaySpill(store.client, { ...EVENT_STORE_DEFAULTS, db }, from, log);
    return {
      text: `replayed ${r.files} spilled batches (${r.rows} events) from ${from} into ${store.describe}\n`,
      quarantined: r.quarantined ?? [],
    };
  });
}

function replayThenReport(r: { text: string; quarantined: string[] }): number {
  process.stdout.write(r.text);
  if (r.quarantined.length) throw quarantineError(r.quarantined);
  return 0;
}

export const command = defineCommand(
  {
    name: 'replay',
    summary:
      'load batches spilled while the database was unreachable (with Kafka settings: send messages spilled while the broker was)',
    args: '[DIR]',
    description:
      "DIR is a spill folder, or a crawl's --out folder: then what its journal does not show as stored (or\npublished) is written again first, then its spill files. Default: the store's spill folder (vucrawl stats names it),\nor OUT/kafka-spill with Kafka settings. A spill file that cannot be read is moved to DIR/quarantine/ and named;\nthe rest are replayed and the exit code is 1.",
    groups: [{ title: 'Output', flags: OUT_FLAG }, STORE_GROUP, KAFKA_GROUP],
  },
  async ({ values: v, positionals, log }) => {
    if (positionals.length > 1) throw new UsageError('replay takes at most one folder');
    const dir = positionals[0];
    const kafka = kafkaFrom(v);
    // A crawl's output folder: first write again what its journal does not show as safe.
    if (dir && existsSync(outPaths(dir).crawlState)) {
      const r = await recoverCrawlOutputs(dir, { kafka, store: storeFlagsFrom(v) }, log);
      if (r)
        process.stdout.write(
          `crawl ${r.crawlId} in ${dir}: ${r.captures} captures, ${r.recovered} events written again to ${r.destination}\n`,
        );
      if (kafka) return replayThenReport(await replayKafkaSpill(outPaths(dir).kafkaSpill, kafka, log));
      return replayThenReport(await replayStoreSpill(undefined, v, log));
    }
    if (kafka) return replayThenReport(await replayKafkaSpill(dir ?? outPaths(outDir(v.out)).kafkaSpill, kafka, log));
    return replayThenReport(await replayStoreSpill(dir, v, log));
  },
);
