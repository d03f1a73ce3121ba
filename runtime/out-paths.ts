// The output folder (--out) and every path under it, named here and nowhere else. The
// commands hand the folder to the pipeline, which hands each part the paths it writes:
//   captures.ndjson                  every page's capture, one line each (the extractor's input)
//   <type>.ndjson                    the events, one file per type (dead_letter.ndjson: invalid ones)
//   screenshots/<sha256>.png         the pages' screenshots, once per content
//   state/crawl.json                 the crawl the folder is in the middle of (crawl-state.ts)
//   state/store-journal.ndjson       which captures' events the store made safe
//   state/kafka-journal.ndjson       which captures' events the broker acknowledged
//   kafka-spill/                     events kept while the broker is unreachable
//   alerts.ndjson                    alerts raised (the watches' and monitors')
//   alert-webhook-dead-letters.ndjson, alert-kafka-spill/: alerts that did not get through yet
//   <monitor>/, <brand>/             each monitor's and brand's own output folder, laid out the same
import path from 'node:path';

export const CAPTURES_FILE = 'captures.ndjson';
export const SCREENSHOTS_DIR = 'screenshots';
export const ALERTS_FILE = 'alerts.ndjson';
export const WEBHOOK_DEAD_LETTERS_FILE = 'alert-webhook-dead-letters.ndjson';

export interface OutPaths {
  /** The folder itself (it holds the event files). */
  readonly dir: string;
  readonly captures: string;
  readonly screenshots: string;
  readonly state: string;
  readonly crawlState: string;
  readonly storeJournal: string;
  readonly kafkaJournal: string;
  /** Absolute: a publisher's spill folder is named in hints and replayed from anywhere. */
  readonly kafkaSpill: string;
  readonly alerts: string;
  readonly alertWebhookDeadLetters: string;
  readonly alertKafkaSpill: string;
  /** The NDJSON file of one event type (`dead_letter` for dead letters). */
  eventFile(type: string): string;
  /** A monitor's (or a brand's) output folder. */
  monitor(name: string): OutPaths;
}

export function outPaths(dir: string): OutPaths {
  const state = path.join(dir, 'state');
  return {
    dir,
    captures: path.join(dir, CAPTURES_FILE),
    screenshots: path.join(dir, SCREENSHOTS_DIR),
    state,
    crawlState: path.join(state, 'crawl.json'),
    storeJournal: path.join(state, 'store-journal.ndjson'),
    kafkaJournal: path.join(state, 'kafka-journal.ndjson'),
    kafkaSpill: path.resolve(dir, 'kafka-spill'),
    alerts: path.join(dir, ALERTS_FILE),
    alertWebhookDeadLetters: path.join(dir, WEBHOOK_DEAD_LETTERS_FILE),
    alertKafkaSpill: path.join(dir, 'alert-kafka-spill'),
    eventFile: (type) => path.join(dir, `${type}.ndjson`),
    monitor: (name) => outPaths(path.join(dir, name)),
  };
}
