// A crawl's way into a store that `vucrawl serve` holds: its batches, the very
// TabSeparated bodies under the very deduplication tokens a direct insert would use (so
// retries, spills and the crash journal keep their exactly-once meaning), and its dead
// letters, through the server's internal routes.
import type { Logger } from 'pino';
import type { DeadLetterRecord } from '../../extractor/events.js';
import type { Sink } from '../sink.js';
import type { OwnerServer } from '../../store/connect.js';
import { withRetries } from '../../store/insert.js';
import type { BatchInserter, EventStoreOptions } from './event-store.js';
import { serverRequest } from '../../store/server-call.js';

export const INTERNAL_INSERT_PATH = '/api/v1/internal/insert';
export const INTERNAL_DEAD_LETTERS_PATH = '/api/v1/internal/dead-letters';

/** A crawl's batches into the store through the server, retried like direct inserts. */
export function servedInserter(
  server: OwnerServer,
  o: Pick<EventStoreOptions, 'retries' | 'retryBaseMs'>,
): BatchInserter {
  return (table, body, token, format) =>
    withRetries(o, () =>
      serverRequest(server, 'POST', INTERNAL_INSERT_PATH, { query: { table, token, format }, body }),
    );
}

/** A crawl's dead letters through the server. They are in dead_letter.ndjson too, so a failure is logged, not retried. */
export function servedDeadLetters(server: OwnerServer, log: Logger): Sink<DeadLetterRecord> {
  const done = Promise.resolve();
  return {
    write: async (batch) => {
      await serverRequest(server, 'POST', INTERNAL_DEAD_LETTERS_PATH, { body: batch }).catch((e: Error) =>
        log.error(
          { err: e.message, records: batch.length },
          'dead letters not stored in ClickHouse (they are in dead_letter.ndjson)',
        ),
      );
    },
    flush: () => done,
    close: () => done,
  };
}
