// The one interface every output implements (NDJSON files now; ClickHouse and Kafka
// later). write() resolves when the sink has taken the batch, which is how a slow sink
// slows the crawler down (backpressure); flush() makes everything taken durable.
export interface Sink<T> {
  write(batch: T[]): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}
