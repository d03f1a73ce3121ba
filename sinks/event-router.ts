// Every event passes here once on its way out: validated against its schema, then handed
// to every output (NDJSON files, ClickHouse or Kafka); an invalid one goes to every
// dead-letter output with the reason and is logged and counted, never dropped.
import type { Logger } from 'pino';
import { schemaType, type DeadLetterRecord, type EventType, type VucrawlEvent } from '../extractor/events.js';
import type { Sink, WriteOrigin } from './sink.js';
import { deadLetter, validateEvent } from './validate.js';

export class EventRouter implements Sink<unknown> {
  readonly counts: Partial<Record<EventType | 'dead_letter', number>> = {};

  constructor(
    private readonly outputs: Sink<VucrawlEvent>[],
    private readonly deadLetters: Sink<DeadLetterRecord>[],
    private readonly log: Logger,
  ) {}

  async write(batch: unknown[], origin?: WriteOrigin): Promise<void> {
    const valid: VucrawlEvent[] = [];
    const dead: DeadLetterRecord[] = [];
    for (const e of batch) {
      const v = validateEvent(e);
      if (v.ok) {
        valid.push(v.event);
        this.count(schemaType(v.event.schema) as EventType);
      } else {
        this.log.error({ reason: v.reason }, 'invalid event sent to the dead-letter output');
        dead.push(deadLetter(e, v.reason));
        this.count('dead_letter');
      }
    }
    for (const o of this.outputs) await o.write(valid, origin);
    if (dead.length) for (const d of this.deadLetters) await d.write(dead);
  }

  async flush(): Promise<void> {
    for (const o of this.outputs) await o.flush();
    for (const d of this.deadLetters) await d.flush();
  }

  async close(): Promise<void> {
    // Dead letters first: an output may share its connection with a dead-letter sink.
    for (const d of this.deadLetters) await d.close();
    for (const o of this.outputs) await o.close();
  }

  private count(type: EventType | 'dead_letter'): void {
    this.counts[type] = (this.counts[type] ?? 0) + 1;
  }
}
