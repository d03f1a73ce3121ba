// Writes the public contract files schemas/<type>.schema.json from the schemas in
// events.ts and the alert record's (alerting/alert.ts) (`node dist/tools/write-schemas.js`). test/unit/events.test.ts fails when
// the committed files differ from what this would write.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALERT_RECORD_SCHEMA } from '../alerting/alert.js';
import { DEAD_LETTER_SCHEMA, EVENT_SCHEMAS, EVENT_TYPES } from '../extractor/events.js';

/** File name -> exact file text, for every event type, the dead-letter record and the alert record. */
export function renderSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const t of EVENT_TYPES) files.set(`${t}.schema.json`, `${JSON.stringify(EVENT_SCHEMAS[t], null, 2)}\n`);
  files.set('dead_letter.schema.json', `${JSON.stringify(DEAD_LETTER_SCHEMA, null, 2)}\n`);
  files.set('alert.schema.json', `${JSON.stringify(ALERT_RECORD_SCHEMA, null, 2)}\n`);
  return files;
}

/** schemas/ of the package this file belongs to (works from extractor/ and dist/extractor/). */
export function schemasDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return path.join(dir, 'schemas');
}

export function writeSchemas(dir = schemasDir()): string[] {
  mkdirSync(dir, { recursive: true });
  const files = renderSchemas();
  // A schema file with no type behind it any more would mislead consumers: remove it.
  for (const f of readdirSync(dir)) if (f.endsWith('.schema.json') && !files.has(f)) rmSync(path.join(dir, f));
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
  return [...files.keys()].map((f) => path.join(dir, f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const f of writeSchemas()) console.log(`wrote ${f}`);
}
