// What a crawl's event store did, written beside the crawl's captures so that a killed
// crawl loses nothing. Every insert batch is made of the events of a run of whole
// captures (by their ordinal in the crawl), so the journal records, per table, which
// captures a batch holds and its deduplication token BEFORE the insert, then whether the
// store acknowledged it (or it was spilled to disk). After a kill -9, a batch without
// either is rebuilt from the same captures (extraction is pure, so the rows and the token
// are the same) and inserted again: ClickHouse drops it if it had landed. Captures past
// the last batch of a table had their events of that table still in memory: they are
// inserted as new batches. The lines are appended with one write each (a killed process
// loses none that returned); a torn last line is moved aside on open.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cutTornTail, readNdjson } from '../ndjson.js';

export interface JournalBatch {
  token: string;
  table: string;
  /** Ordinals of the first and last capture whose events are in the batch. */
  from: number;
  to: number;
}

type Line = { b: string; t: string; from: number; to: number } | { a: string } | { s: string };

/** A journal as read back: every batch, and the tokens that are done (acknowledged or spilled). */
export interface JournalState {
  batches: JournalBatch[];
  done: Set<string>;
}

export class StoreJournal {
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    cutTornTail(file);
  }

  batch(b: JournalBatch): void {
    this.append({ b: b.token, t: b.table, from: b.from, to: b.to });
  }

  acknowledged(token: string): void {
    this.append({ a: token });
  }

  spilled(token: string): void {
    this.append({ s: token });
  }

  private append(line: Line): void {
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }

  static async read(file: string): Promise<JournalState> {
    const state: JournalState = { batches: [], done: new Set() };
    if (!existsSync(file)) return state;
    for await (const { value: l } of readNdjson<Line>(file, () => {})) {
      if ('b' in l) state.batches.push({ token: l.b, table: l.t, from: l.from, to: l.to });
      else state.done.add('a' in l ? l.a : l.s);
    }
    return state;
  }
}
