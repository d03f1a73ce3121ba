// Appends records as NDJSON lines to one file. Each batch is handed to the file stream
// at once and write() waits for the stream to drain, so memory stays bounded when the
// disk is slower than the crawler; flush() and close() fsync what was written.
import { createWriteStream, fsync, mkdirSync, renameSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Sink } from './sink.js';

export class NdjsonSink<T> implements Sink<T> {
  private readonly stream: WriteStream;
  private failure?: Error;
  private closed = false;
  written = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (e) => { this.failure = e; });
  }

  async write(batch: T[]): Promise<void> {
    this.check();
    if (batch.length === 0) return;
    const text = batch.map((r) => JSON.stringify(r)).join('\n') + '\n';
    this.written += batch.length;
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
    this.check();
  }

  async flush(): Promise<void> {
    this.check();
    await new Promise<void>((resolve, reject) => this.stream.write('', (e) => (e ? reject(e) : resolve())));
    await fsyncFd(this.stream);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush().catch(() => {});
    await new Promise<void>((resolve) => this.stream.end(resolve));
    this.check();
  }

  private check(): void {
    if (this.failure) throw new Error(`cannot write ${this.file}: ${this.failure.message}`);
  }
}

/** fsync the stream's file once it is open; a stream that never opened has nothing to sync. */
function fsyncFd(stream: WriteStream): Promise<void> {
  const fd = (stream as unknown as { fd: number | null }).fd;
  if (typeof fd !== 'number') return Promise.resolve();
  return new Promise((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
}

/** Writes records as a whole NDJSON file, through a temporary file renamed into place: a half-written file is never read. */
export function writeNdjsonFile(file: string, records: unknown[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  renameSync(`${file}.tmp`, file);
}
