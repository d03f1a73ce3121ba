// Events as NDJSON files, one per type (DIR/page.ndjson, DIR/host_pair.ndjson, ...). Each
// event is validated here, once, before it leaves the process; an invalid one goes to
// DIR/dead_letter.ndjson with the reason, and is counted and reported, never dropped.
import path from 'node:path';
import type { Logger } from 'pino';
import { EVENT_TYPES, type EventType } from '../extractor/events.js';
import { NdjsonSink } from './ndjson.js';
import type { Sink } from './sink.js';
import { deadLetter, validateEvent } from './validate.js';

export const DEAD_LETTER_FILE = 'dead_letter.ndjson';

export class EventFiles implements Sink<unknown> {
  private readonly files = new Map<string, NdjsonSink<unknown>>();
  readonly counts: Partial<Record<EventType | 'dead_letter', number>> = {};

  constructor(readonly dir: string, private readonly log: Logger) {}

  async write(batch: unknown[]): Promise<void> {
    const byFile = new Map<string, unknown[]>();
    for (const e of batch) {
      const v = validateEvent(e);
      const type = v.ok ? typeOf(v.event.schema) : 'dead_letter';
      if (!v.ok) this.log.error({ reason: v.reason }, 'invalid event sent to the dead-letter file');
      const list = byFile.get(type) ?? [];
      list.push(v.ok ? v.event : deadLetter(e, v.reason));
      byFile.set(type, list);
      this.counts[type] = (this.counts[type] ?? 0) + 1;
    }
    for (const [type, items] of byFile) await this.file(type).write(items);
  }

  async flush(): Promise<void> {
    for (const f of this.files.values()) await f.flush();
  }

  async close(): Promise<void> {
    for (const f of this.files.values()) await f.close();
  }

  private file(type: string): NdjsonSink<unknown> {
    let f = this.files.get(type);
    if (!f) this.files.set(type, (f = new NdjsonSink(path.join(this.dir, `${type}.ndjson`))));
    return f;
  }
}

/** `vucrawl.host_pair/1` -> `host_pair`. */
function typeOf(schema: string): EventType {
  const t = schema.slice('vucrawl.'.length, schema.lastIndexOf('/'));
  if (!(EVENT_TYPES as readonly string[]).includes(t)) throw new Error(`unknown event schema ${schema}`);
  return t as EventType;
}
