// Which offset of a partition of targets a worker may commit. Targets of one partition are
// crawled several at a time and finish out of order; a target counts as done once its
// capture's events, its links and its state were acknowledged by the broker (or it was
// skipped). The offset to commit is the lowest one still pending, else the one after the
// highest read: every target below it is done, so a successor that starts there crawls
// again only what was pending (in flight or queued) here.
export class PartitionProgress {
  private readonly pending = new Set<bigint>();
  private next = -1n;
  private committed = -1n;

  /**
   * Whether this message was read here already: after a rebalance the consumer starts a
   * partition it kept at its committed offset again, below targets queued or in flight here.
   */
  seen(offset: string): boolean {
    return BigInt(offset) < this.next;
  }

  /** A message of this partition was read. */
  read(offset: string): void {
    const o = BigInt(offset);
    this.pending.add(o);
    if (o + 1n > this.next) this.next = o + 1n;
  }

  /** Its target is done (or skipped). */
  done(offset: string): void {
    this.pending.delete(BigInt(offset));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** The offset to commit now, if it moved since the last commit. */
  toCommit(): string | undefined {
    if (this.next < 0n) return undefined;
    let low = this.next;
    for (const o of this.pending) if (o < low) low = o;
    if (low <= this.committed) return undefined;
    this.committed = low;
    return String(low);
  }
}
