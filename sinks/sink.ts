// The one interface every output implements: NDJSON files, the ClickHouse store, the
// Kafka publisher, and the event router that fans validated events out to them. write()
// resolves when the sink has taken the batch, which is how a slow sink slows the crawler
// down (backpressure); flush() makes everything taken durable; close() flushes and lets go.
export interface Sink<T> {
  write(batch: T[]): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}
