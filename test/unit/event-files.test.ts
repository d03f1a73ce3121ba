import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EventFiles } from '../../sinks/event-files.js';
import { EventRouter } from '../../sinks/event-router.js';

const envelope = {
  event_id: 'a'.repeat(32),
  tags: [],
  comparison_id: null,
  crawl_id: 'c',
  capture_id: 'k',
  page_url: 'http://a.test/',
  observed_at: 1,
  profile: 'p',
};
const hostIp = { schema: 'vucrawl.host_ip/4', ...envelope, host: 'a.test', ip: '192.0.2.1', port: 80 };

describe('EventRouter with EventFiles', () => {
  it('writes each valid event to its type file and an invalid one to dead_letter.ndjson with the reason', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-events-'));
    const errors: string[] = [];
    const log = pino({ level: 'error' }, { write: (l: string) => errors.push(l) });
    const out = new EventFiles(dir);
    const files = new EventRouter([out], [out], log);
    await files.write([hostIp, { ...hostIp, port: 'eighty' }, { schema: 'vucrawl.nope/4' }]);
    await files.close();
    expect(readdirSync(dir).sort()).toEqual(['dead_letter.ndjson', 'host_ip.ndjson']);
    expect(
      readFileSync(path.join(dir, 'host_ip.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([hostIp]);
    const dead = readFileSync(path.join(dir, 'dead_letter.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(dead.map((d) => [d.schema, d.reason, d.event.schema])).toEqual([
      ['vucrawl.dead_letter/4', 'vucrawl.host_ip/4: /port must be integer,null', 'vucrawl.host_ip/4'],
      [
        'vucrawl.dead_letter/4',
        expect.stringMatching(/^vucrawl\.nope\/4: \/schema is not a known event schema/),
        'vucrawl.nope/4',
      ],
    ]);
    expect(files.counts).toEqual({ host_ip: 1, dead_letter: 2 });
    expect(errors).toHaveLength(2);
  });
});
