// Messages to Kafka, never dropped. A kafkajs idempotent producer (acks from all in-sync
// replicas, so its own retries add no duplicates) sends buffered messages in batches of
// batchMessages, or after lingerMs. While a send is in flight the next batch fills; a
// writer waits once two batches are buffered (backpressure), but never longer than
// maxWaitMs: when the broker is slow or unreachable, messages stay in memory up to
// maxBufferedMessages, then go to NDJSON files in spillDir, and the crawl goes on. A
// reconnect is tried with backoff; once a send succeeds the spilled files are sent too
// (each deleted when sent, or rewritten with what is left). Files left at close are sent
// by the next publisher on the same spillDir, or by `vucrawl replay DIR` with Kafka settings.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CompressionTypes, Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, sleep } from '../../runtime/timing.js';
import type { DeadLetterRecord, VucrawlEvent } from '../../extractor/events.js';
import { quarantineFile, writeNdjsonFile } from '../ndjson.js';
import type { Sink } from '../sink.js';
import { ensureTopics, type KafkaOptions } from './connect.js';
import type { PublishJournal } from './publish-journal.js';
import { DLQ_TOPIC, eventMessage, type OutMessage } from './topics.js';

export interface PublisherOptions {
  batchMessages: number;
  lingerMs: number;
  maxBufferedMessages: number;
  /** The longest a writer waits for the broker before its messages are kept (memory, then disk). */
  maxWaitMs: number;
  compression: 'gzip' | 'none';
  spillDir: string;
  /** First pause before reconnecting to an unreachable broker; doubles up to 30 s. */
  retryMs: number;
  /** A crawl's watermark of captures whose messages are safe (publish-journal.ts). */
  journal?: PublishJournal;
}

export const PUBLISHER_DEFAULTS: Omit<PublisherOptions, 'spillDir'> = {
  batchMessages: 5_000,
  lingerMs: 100,
  maxBufferedMessages: 100_000,
  maxWaitMs: 1_000,
  compression: 'gzip',
  retryMs: 1_000,
};

const SPILL_FILE = /^kafka-\d+-\d+\.ndjson$/;
const MAX_RETRY_MS = 30_000;

export class KafkaPublisher {
  private readonly producer: Producer;
  private buffer: OutMessage[] = [];
  /** The capture ordinal of each buffered message (undefined for dead letters), for the journal. */
  private ordinals: (number | undefined)[] = [];
  private draining?: Promise<void>;
  private connected = false;
  private down = false;
  /** Failed reconnects in a row (the backoff's exponent). */
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly linger: NodeJS.Timeout;
  private spillSeq = 0;
  private closed = false;
  /** Messages the broker acknowledged (spilled files sent later included). */
  sent = 0;
  /** Messages handed to publish(), and how many of them, in that order, the broker acknowledged (for acknowledged()). */
  private handedOver = 0;
  private acked = 0;
  /** Messages on disk now, waiting for the broker. */
  spilled: number;
  /** Spill files written by this publisher (an outage was felt). */
  spillFilesWritten = 0;
  /** Spill files that could not be read, moved to SPILL/quarantine/. */
  readonly quarantined: string[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly ko: KafkaOptions,
    private readonly o: PublisherOptions,
    private readonly log: Logger,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Fail a send within seconds: an outage is handled here (buffer, spill, reconnect).
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
    this.spilled = this.spillFiles().reduce((n, f) => n + lineCount(path.join(o.spillDir, f)), 0);
    if (this.spilled)
      log.info(
        { spillDir: o.spillDir, messages: this.spilled },
        'messages spilled by an earlier run will be sent first',
      );
    // While the broker is down, reconnecting is the retry timer's job, with its backoff.
    this.linger = setInterval(() => {
      if (!this.down && (this.buffer.length || this.spilled)) this.startDrain();
    }, o.lingerMs);
    this.linger.unref();
  }

  async publish(messages: OutMessage[], ordinal?: number): Promise<void> {
    for (const m of messages) {
      this.buffer.push(m);
      this.ordinals.push(ordinal);
    }
    this.handedOver += messages.length;
    if (ordinal !== undefined) this.o.journal?.published(ordinal, messages.length);
    if (!this.down && this.buffer.length >= this.o.batchMessages) {
      const sending = this.startDrain();
      if (this.buffer.length >= 2 * this.o.batchMessages)
        await Promise.race([sending, new Promise((r) => setTimeout(r, this.o.maxWaitMs).unref())]);
    }
    if (this.buffer.length >= this.o.maxBufferedMessages) this.spillBuffer();
  }

  /** Sends everything buffered; if the broker is unreachable, spills it instead. */
  async flush(): Promise<void> {
    if (!this.down) await this.startDrain();
    if (this.down && this.buffer.length) this.spillBuffer();
  }

  /**
   * Resolves once everything handed over so far is acknowledged by the broker, waiting out
   * an outage (a fleet worker confirms a target only then; it never spills).
   */
  async acknowledged(): Promise<void> {
    // The buffer is sent in order, so the messages handed over so far are acknowledged once that many were.
    const upTo = this.handedOver;
    for (let attempt = 0; this.acked < upTo; attempt++) {
      if (!this.down) await this.startDrain();
      if (this.acked >= upTo) return;
      if (this.closed) throw new Error('publisher closed before the broker acknowledged its messages');
      await sleep(backoffDelay(attempt, this.o.retryMs, MAX_RETRY_MS));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.linger);
    clearTimeout(this.retryTimer);
    await this.draining;
    // One last attempt even after an outage: the broker may be back.
    this.down = false;
    await this.startDrain();
    if (this.buffer.length) this.spillBuffer();
    if (this.spilled)
      this.log.warn(
        { spillDir: this.o.spillDir, messages: this.spilled },
        `Kafka unreachable at exit: messages kept on disk; they are sent by the next run, or now with "vucrawl replay ${this.o.spillDir}" and the Kafka settings`,
      );
    if (this.connected) await this.producer.disconnect().catch(() => undefined); // at exit, with nothing left unsent or unspilled
  }

  private startDrain(): Promise<void> {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drain(): Promise<void> {
    try {
      if (!this.connected) {
        await this.producer.connect();
        await ensureTopics(this.kafka, this.ko);
        this.connected = true;
      }
      while (this.buffer.length) {
        const chunk = this.buffer.splice(0, this.o.batchMessages);
        const ordinals = this.ordinals.splice(0, chunk.length);
        try {
          await this.send(chunk);
        } catch (e) {
          this.buffer = chunk.concat(this.buffer);
          this.ordinals = ordinals.concat(this.ordinals);
          throw e;
        }
        this.acked += chunk.length;
        this.o.journal?.settled(ordinals);
      }
      // Reading the folder only when something is on disk keeps it off every send.
      if (this.spilled) for (const f of this.spillFiles()) await this.sendSpillFile(f);
      if (this.down) this.log.info({ sent: this.sent }, 'Kafka reachable again; buffered and spilled messages sent');
      this.down = false;
      this.failures = 0;
    } catch (e) {
      if (!this.down)
        this.log.warn(
          { err: (e as Error).message, buffered: this.buffer.length },
          `Kafka unreachable: keeping up to ${this.o.maxBufferedMessages} messages in memory, then spilling to ${this.o.spillDir}; retrying`,
        );
      this.down = true;
      if (this.buffer.length >= this.o.maxBufferedMessages) this.spillBuffer();
      if (!this.closed) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(
          () => void this.startDrain(),
          backoffDelay(this.failures++, this.o.retryMs, MAX_RETRY_MS),
        );
      }
    }
  }

  private async send(messages: OutMessage[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const { topic, key, value, partition } of messages) {
      let t = byTopic.get(topic);
      if (!t) byTopic.set(topic, (t = { topic, messages: [] }));
      t.messages.push(partition === undefined ? { key, value } : { key, value, partition });
    }
    await this.producer.sendBatch({
      topicMessages: [...byTopic.values()],
      acks: -1,
      compression: this.o.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
    });
    this.sent += messages.length;
  }

  /** Sends one spilled file in batches; on failure the file keeps exactly what was not sent. */
  private async sendSpillFile(name: string): Promise<void> {
    const file = path.join(this.o.spillDir, name);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const messages = spilledMessages(lines);
    if (typeof messages === 'string') {
      // Not an outage: this file cannot be sent at all. Set it aside and send the rest.
      const moved = quarantineFile(file);
      this.quarantined.push(moved);
      this.spilled -= lines.length;
      this.log.error(`${file}: ${messages}; moved to ${moved}`);
      return;
    }
    for (let i = 0; i < messages.length; i += this.o.batchMessages) {
      try {
        await this.send(messages.slice(i, i + this.o.batchMessages));
      } catch (e) {
        writeNdjsonFile(file, messages.slice(i));
        this.spilled -= i;
        throw e;
      }
    }
    rmSync(file);
    this.spilled -= messages.length;
  }

  private spillBuffer(): void {
    const file = path.join(
      this.o.spillDir,
      `kafka-${Date.now()}-${process.pid * 1000 + (this.spillSeq++ % 1000)}.ndjson`,
    );
    writeNdjsonFile(file, this.buffer);
    this.log.warn({ file, messages: this.buffer.length }, 'Kafka unreachable: messages spilled to disk');
    this.spilled += this.buffer.length;
    this.spillFilesWritten++;
    this.o.journal?.settled(this.ordinals);
    this.buffer = [];
    this.ordinals = [];
  }

  private spillFiles(): string[] {
    try {
      return readdirSync(this.o.spillDir)
        .filter((f) => SPILL_FILE.test(f))
        .sort();
    } catch {
      return []; // no spill folder yet: nothing was spilled
    }
  }
}

/** A spill file's lines as messages, or why they are not. */
function spilledMessages(lines: string[]): OutMessage[] | string {
  const out: OutMessage[] = [];
  for (let i = 0; i < lines.length; i++) {
    let m: Partial<OutMessage>;
    try {
      m = JSON.parse(lines[i]!) as Partial<OutMessage>;
    } catch (e) {
      return `line ${i + 1} is not JSON (${(e as Error).message.slice(0, 80)})`;
    }
    if (typeof m?.topic !== 'string' || typeof m.value !== 'string')
      return `line ${i + 1} is not a {"topic","key","value"} message`;
    out.push({ topic: m.topic, key: typeof m.key === 'string' ? m.key : null, value: m.value });
  }
  return out;
}

function lineCount(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
}

/** Validated events to their topics. */
export function eventSink(p: KafkaPublisher): Sink<VucrawlEvent> {
  return {
    write: (batch, origin) => p.publish(batch.map(eventMessage), origin?.capture),
    flush: () => p.flush(),
    close: () => p.close(),
  };
}

/** Dead letters to vucrawl.dlq (closing is left to the event sink: both share the publisher). */
export function deadLetterSink(p: KafkaPublisher): Sink<DeadLetterRecord> {
  return {
    write: (batch) => p.publish(batch.map((d) => ({ topic: DLQ_TOPIC, key: null, value: JSON.stringify(d) }))),
    flush: () => p.flush(),
    close: () => p.flush(),
  };
}
