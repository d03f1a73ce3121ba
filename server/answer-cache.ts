// Answers of the lookup routes kept in memory, so that a playbook enriching the same
// indicator in alert after alert costs the engine one query set, not one per alert. An
// answer is the serialized body of a 200, keyed by route, path and query string, and the
// caller's key (a scope: two keys never share an entry). It is good until this process
// writes to the store (the store counts its writes: a crawl's batches, the internal insert
// route, rows of projects or watches): an answer computed while a write ran is never
// served after it, since it is filed under the write count its computation began with.
// Writes by other processes (a Kafka loader into a ClickHouse server) are not seen here:
// there the TTL bounds how stale an answer can be. Least recently used answers go first
// once their bytes pass the bound.

export interface AnswerCacheOptions {
  /** Bytes of answers kept at most (0: no cache). */
  maxBytes: number;
  /** How long an answer may be served, ms (Infinity: until a write). */
  ttlMs: number;
}

interface Entry {
  body: string;
  writes: number;
  at: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** The write count the kept entries were computed at, at the latest: after a write, every entry is stale. */
  private seen = 0;

  /** `writes`: how many writes the store has seen in this process. */
  constructor(
    private readonly o: AnswerCacheOptions,
    readonly writes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer for a key, if one computed since the last write and within the TTL is kept. */
  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.writes !== this.writes() || this.now() - e.at > this.o.ttlMs) {
      this.bytes -= e.body.length;
      return undefined;
    }
    // Re-inserted: a Map iterates in insertion order, so its first entry is the least recently used.
    this.entries.set(key, e);
    return e.body;
  }

  /** Keeps an answer computed from the store as it was at `writes` writes (read before the computation began). */
  set(key: string, body: string, writes: number): void {
    if (writes !== this.writes() || body.length > this.o.maxBytes) return;
    if (writes !== this.seen) {
      this.entries.clear();
      this.bytes = 0;
      this.seen = writes;
    }
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    this.entries.set(key, { body, writes, at: this.now() });
    this.bytes += body.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.o.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
