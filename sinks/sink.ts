// The one interface every output implements: NDJSON files, the ClickHouse store, the
// Kafka publisher, and the event router that fans validated events out to them. write()
// resolves when the sink has taken the batch, which is how a slow sink slows the crawler
// down (backpressure); flush() makes everything taken durable; close() flushes and lets go.
export interface Sink<T> {
  write(batch: T[], origin?: WriteOrigin): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Which capture a batch of events came from: its ordinal among its crawl's captures, for outputs that journal what they stored. */
export interface WriteOrigin {
  capture: number;
}
