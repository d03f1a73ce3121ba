// Dead letters into ClickHouse's dead_letters table: records the crawler rejected before
// they left it, and messages the Kafka loader could not load, each with the reason. A
// batch carries a deduplication token, so one stored again (a loader restarted before it
// committed) is dropped.
import type { ClickHouseClient } from '@clickhouse/client';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DeadLetterRecord } from '../../extractor/events.js';
import type { Sink } from '../sink.js';
import { chTime, insertStatement } from '../../store/insert.js';

export function deadLetterRow(d: DeadLetterRecord): Record<string, unknown> {
  return {
    at: chTime(d.at),
    stage: d.stage ?? 'producer',
    reason: d.reason,
    topic: d.topic ?? '',
    partition: d.partition ?? null,
    offset: d.offset ?? null,
    event: typeof d.event === 'string' ? d.event : (JSON.stringify(d.event) ?? 'null'),
  };
}

export async function insertDeadLetters(
  client: ClickHouseClient,
  db: string,
  records: DeadLetterRecord[],
  token?: string,
): Promise<void> {
  if (!records.length) return;
  const values = records.map(deadLetterRow);
  const statement = insertStatement(`${db}.dead_letters`, Object.keys(values[0]!), 'JSONEachRow', {
    insert_deduplication_token: token ?? createHash('sha256').update(JSON.stringify(values)).digest('hex'),
  });
  const r = await client.exec({ query: `${statement}\n${values.map((v) => JSON.stringify(v)).join('\n')}\n` });
  r.stream.destroy();
}

/** The crawler's dead letters into the store. They are in dead_letter.ndjson too, so a failed insert is logged, not retried. */
export function storeDeadLetters(client: ClickHouseClient, db: string, log: Logger): Sink<DeadLetterRecord> {
  const done = Promise.resolve();
  return {
    write: (batch) =>
      insertDeadLetters(client, db, batch).catch((e: Error) =>
        log.error(
          { err: e.message, records: batch.length },
          'dead letters not stored in ClickHouse (they are in dead_letter.ndjson)',
        ),
      ),
    flush: () => done,
    close: () => done,
  };
}
