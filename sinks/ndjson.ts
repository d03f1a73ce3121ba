// Appends records as NDJSON lines to one file. Each batch is handed to the file stream
// at once and write() waits until it is written to the file, so memory stays bounded when
// the disk is slower than the crawler; flush() and close() fsync what was written. A process
// killed mid-write can leave a torn last line: opening the file moves that line aside to
// FILE.torn first, so it is never glued to the next record (and readers never see it).
import {
  appendFileSync,
  closeSync,
  createReadStream,
  createWriteStream,
  fstatSync,
  fsync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Sink } from './sink.js';

/** A torn last line moved aside: where to, and how many bytes. */
export interface TornTail {
  file: string;
  tornFile: string;
  bytes: number;
}

export class NdjsonSink<T> implements Sink<T> {
  private readonly stream: WriteStream;
  private failure?: Error;
  private closed = false;
  written = 0;
  /** Set when opening found and moved aside a torn last line. */
  readonly torn?: TornTail;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.torn = cutTornTail(file);
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  async write(batch: T[]): Promise<void> {
    this.check();
    if (batch.length === 0) return;
    const text = `${batch.map((r) => JSON.stringify(r)).join('\n')}\n`;
    this.written += batch.length;
    // Resolves once the lines are written to the file (the kernel has them): what comes
    // after a capture is written (its events, journals) never gets ahead of it, even if
    // the process is killed. Waiting for each write also keeps memory bounded.
    await new Promise<void>((resolve, reject) => this.stream.write(text, (e) => (e ? reject(e) : resolve())));
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
    // A write error is the stream's own: check() below throws it.
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

/** Moves a file that cannot be read (a corrupt spill) into a quarantine/ folder beside it; returns its new path. */
export function quarantineFile(file: string): string {
  const dir = path.join(path.dirname(file), 'quarantine');
  mkdirSync(dir, { recursive: true });
  const to = path.join(dir, path.basename(file));
  renameSync(file, to);
  return to;
}

/** Writes records as a whole NDJSON file, through a temporary file renamed into place: a half-written file is never read. */
export function writeNdjsonFile(file: string, records: unknown[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Bytes read back from the end of a file to find its last newline. */
const TAIL_CHUNK = 64 * 1024;

/**
 * If the file does not end with a newline, moves everything after its last newline to
 * FILE.torn (appended) and truncates the file there. Returns what it moved, if anything.
 */
export function cutTornTail(file: string): TornTail | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch {
    return undefined; // not there yet: nothing torn
  }
  try {
    const size = fstatSync(fd).size;
    if (endsWithNewline(file)) return undefined;
    // Walk back to the last newline; the torn line is what follows it.
    let cut = 0;
    for (let end = size; end > 0 && cut === 0; end -= TAIL_CHUNK) {
      const start = Math.max(0, end - TAIL_CHUNK);
      const buf = Buffer.alloc(end - start);
      readSync(fd, buf, 0, buf.length, start);
      const nl = buf.lastIndexOf(0x0a);
      if (nl >= 0) cut = start + nl + 1;
      else if (start === 0) break;
    }
    const torn = Buffer.alloc(size - cut);
    readSync(fd, torn, 0, torn.length, cut);
    const tornFile = `${file}.torn`;
    appendFileSync(tornFile, Buffer.concat([torn, Buffer.from('\n')]));
    ftruncateSync(fd, cut);
    return { file, tornFile, bytes: torn.length };
  } finally {
    closeSync(fd);
  }
}

/**
 * Every complete line of an NDJSON file, parsed, with its line number; a line that is not
 * JSON is handed to onBadLine and skipped; a torn last line (no newline) is not read.
 */
export async function* readNdjson<T>(
  file: string,
  onBadLine: (line: number, error: string) => void,
): AsyncGenerator<{ line: number; value: T }> {
  const complete = endsWithNewline(file);
  const input = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  let n = 0;
  // readline also yields a last line that has no newline: hold each line back until the next one shows it was complete.
  let pending: string | undefined;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    if (pending !== undefined) yield* parseLine<T>(pending, ++n, onBadLine);
    pending = text;
  }
  if (pending !== undefined && complete) yield* parseLine<T>(pending, ++n, onBadLine);
}

function endsWithNewline(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    return size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a);
  } finally {
    closeSync(fd);
  }
}

function* parseLine<T>(
  text: string,
  line: number,
  onBadLine: (line: number, error: string) => void,
): Generator<{ line: number; value: T }> {
  if (!text.trim()) return;
  try {
    yield { line, value: JSON.parse(text) as T };
  } catch (e) {
    onBadLine(line, (e as Error).message.slice(0, 100));
  }
}
