// Records as NDJSON files, one per type, named after the `schema` field
// (vucrawl.host_pair/4 -> DIR/host_pair.ndjson; dead letters -> DIR/dead_letter.ndjson).
import type { Logger } from 'pino';
import { schemaType } from '../extractor/events.js';
import { outPaths, type OutPaths } from '../runtime/out-paths.js';
import { NdjsonSink } from './ndjson.js';
import type { Sink } from './sink.js';

export class EventFiles implements Sink<{ schema: string }> {
  private readonly files = new Map<string, NdjsonSink<unknown>>();
  private readonly paths: OutPaths;

  constructor(
    readonly dir: string,
    private readonly log?: Logger,
  ) {
    this.paths = outPaths(dir);
  }

  async write(batch: { schema: string }[]): Promise<void> {
    const byType = new Map<string, unknown[]>();
    for (const e of batch) {
      const type = schemaType(e.schema);
      const list = byType.get(type);
      if (list) list.push(e);
      else byType.set(type, [e]);
    }
    for (const [type, items] of byType) await this.file(type).write(items);
  }

  async flush(): Promise<void> {
    for (const f of this.files.values()) await f.flush();
  }

  async close(): Promise<void> {
    for (const f of this.files.values()) await f.close();
  }

  private file(type: string): NdjsonSink<unknown> {
    let f = this.files.get(type);
    if (!f) {
      this.files.set(type, (f = new NdjsonSink(this.paths.eventFile(type))));
      if (f.torn) this.log?.warn(f.torn, 'a torn last line (a write cut off by a crash) was moved aside');
    }
    return f;
  }
}
