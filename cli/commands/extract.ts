// vucrawl extract: re-runs extraction over saved captures (so rules can improve without
// re-crawling). A line that is not a capture is reported with file and line; the rest goes on.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import { CAPTURE_SCHEMA, type PageCapture } from '../../capture/capture.js';
import { CaptureEvents } from '../../pipeline/capture-pipeline.js';
import { EventFiles } from '../../sinks/event-files.js';
import { EventRouter } from '../../sinks/event-router.js';
import { defineCommand, positionalsExactly } from '../flags.js';
import { OUT_FLAG, outDir } from '../out-flag.js';
import { eventsLine } from '../run-crawl.js';

export interface ExtractRun {
  captures: number;
  badLines: number;
  extractionErrors: number;
  events: EventRouter['counts'];
}

export async function runExtract(file: string, outDir: string, log: Logger): Promise<ExtractRun> {
  const files = new EventFiles(outDir);
  const events = new EventRouter([files], [files], log);
  const run: ExtractRun = { captures: 0, badLines: 0, extractionErrors: 0, events: events.counts };
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  await opened.catch((e: Error) => {
    throw new Error(`cannot read ${file}: ${e.message}`);
  });
  let n = 0;
  const extract = new CaptureEvents(log, run);
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      n++;
      if (!line.trim()) continue;
      let c: PageCapture;
      try {
        c = JSON.parse(line) as PageCapture;
      } catch (e) {
        run.badLines++;
        log.error(`${file}:${n}: not JSON (${(e as Error).message.slice(0, 100)}); skipped`);
        continue;
      }
      if (c?.schema !== CAPTURE_SCHEMA) {
        run.badLines++;
        log.error(`${file}:${n}: not a ${CAPTURE_SCHEMA} capture; skipped`);
        continue;
      }
      run.captures++;
      await events.write(extract.of(c));
    }
  } finally {
    await events.close();
  }
  return run;
}

export const command = defineCommand(
  {
    name: 'extract',
    summary: 're-run extraction over saved captures into one NDJSON file per event type',
    args: 'CAPTURES.ndjson',
    groups: [{ title: 'Output', flags: OUT_FLAG }],
  },
  async ({ values: v, positionals, log }) => {
    const [file] = positionalsExactly(
      positionals,
      1,
      'extract takes one captures file: vucrawl extract DIR/captures.ndjson --out DIR2',
    );
    const out = outDir(v.out);
    const r = await runExtract(file!, out, log);
    process.stdout.write(
      `extracted ${r.captures} captures (${r.badLines} bad lines, ${r.extractionErrors} extraction errors)\n${eventsLine(r.events, out)}\n`,
    );
    return r.badLines || r.extractionErrors ? 1 : 0;
  },
);
