// How far a crawl's events are safe with the Kafka publisher, kept beside the crawl's
// captures so that a killed crawl loses nothing. The publisher tags each message with the
// ordinal of the capture it came from; once every message of every capture up to N was
// acknowledged by the broker or written to a spill file, N is appended here. After a
// kill -9, the events of the captures after the last N are published again: at least
// once (a batch acknowledged just before the kill is sent twice; consumers can drop the
// copy, see schemas/README.md).
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cutTornTail, readNdjson } from '../ndjson.js';

export class PublishJournal {
  /** Messages not yet acknowledged or spilled, by capture ordinal. */
  private readonly pending = new Map<number, number>();

  constructor(
    readonly file: string,
    private settledThrough = -1,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    cutTornTail(file);
  }

  /** `n` messages of capture `ordinal` were handed to the publisher. */
  published(ordinal: number, n: number): void {
    this.pending.set(ordinal, (this.pending.get(ordinal) ?? 0) + n);
  }

  /** These messages (one ordinal each) were acknowledged or spilled. */
  settled(ordinals: readonly (number | undefined)[]): void {
    for (const o of ordinals) if (o !== undefined) this.pending.set(o, this.pending.get(o)! - 1);
    const before = this.settledThrough;
    while (this.pending.get(this.settledThrough + 1) === 0) this.pending.delete(++this.settledThrough);
    if (this.settledThrough !== before)
      appendFileSync(this.file, `${JSON.stringify({ settled_through: this.settledThrough })}\n`);
  }

  /** The last capture ordinal whose messages were all safe, or -1. */
  static async read(file: string): Promise<number> {
    let through = -1;
    if (!existsSync(file)) return through;
    for await (const { value } of readNdjson<{ settled_through: number }>(file, () => {}))
      through = Math.max(through, value.settled_through);
    return through;
  }
}
