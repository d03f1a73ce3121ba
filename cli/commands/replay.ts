// vucrawl replay: load batches spilled while the database was unreachable, or, with Kafka
// settings, send messages spilled while the broker was.
import { readdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { kafkaSpillDir } from '../../pipeline/event-output.js';
import { EVENT_STORE_DEFAULTS, replaySpill } from '../../sinks/clickhouse/event-store.js';
import { createKafka, describeKafka, type KafkaOptions } from '../../sinks/kafka/connect.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../../sinks/kafka/publisher.js';
import { defineCommand, UsageError } from '../flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { OUT_FLAG, outDir } from '../out-flag.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { withStore } from '../with-store.js';

export async function replayKafkaSpill(dir: string, kafka: KafkaOptions, log: Logger): Promise<string> {
  let files: number;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).length;
  } catch (e) {
    throw new Error(`cannot read Kafka spill folder ${dir}: ${(e as Error).message}`);
  }
  const publisher = new KafkaPublisher(createKafka(kafka, log), kafka, { ...PUBLISHER_DEFAULTS, spillDir: dir }, log);
  const before = publisher.spilled;
  await publisher.close();
  return `sent ${before - publisher.spilled} spilled messages from ${files} files in ${dir} to ${describeKafka(kafka)}${publisher.spilled ? `; ${publisher.spilled} still on disk (broker unreachable)` : ''}\n`;
}

export const command = defineCommand({
  name: 'replay',
  summary: 'load batches spilled while the database was unreachable (with Kafka settings: send messages spilled while the broker was)',
  args: '[DIR]',
  description: "DIR defaults to the store's spill folder (vucrawl stats names it), or OUT/kafka-spill with Kafka settings.",
  groups: [{ title: 'Output', flags: OUT_FLAG }, STORE_GROUP, KAFKA_GROUP],
}, async ({ values: v, positionals, log }) => {
  if (positionals.length > 1) throw new UsageError('replay takes at most one folder');
  const dir = positionals[0];
  const kafka = kafkaFrom(v);
  if (kafka) {
    process.stdout.write(await replayKafkaSpill(dir ?? kafkaSpillDir(outDir(v.out)), kafka, log));
    return 0;
  }
  process.stdout.write(await withStore(storeFlagsFrom(v), log, async ({ store, db, spillDir }) => {
    const from = dir ?? spillDir;
    const r = await replaySpill(store.client, { ...EVENT_STORE_DEFAULTS, db }, from, log);
    return `replayed ${r.files} spilled batches (${r.rows} events) from ${from} into ${store.describe}\n`;
  }));
  return 0;
});
