import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutTornTail, NdjsonSink, readNdjson } from '../../sinks/ndjson.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'vucrawl-ndjson-'));

describe('a torn last line (a write cut off by a kill)', () => {
  it('is moved aside to FILE.torn on open and never glued to the next record', async () => {
    const file = path.join(dir(), 'captures.ndjson');
    writeFileSync(file, '{"n":1}\n{"n":2}\n{"n":3,"half');
    const sink = new NdjsonSink<{ n: number }>(file);
    expect(sink.torn).toEqual({ file, tornFile: `${file}.torn`, bytes: '{"n":3,"half'.length });
    await sink.write([{ n: 4 }]);
    await sink.close();
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":4}\n');
    expect(readFileSync(`${file}.torn`, 'utf8')).toBe('{"n":3,"half\n');
  });

  it("leaves a whole file alone, and finds the cut past the reader's window", () => {
    const d = dir();
    const whole = path.join(d, 'a.ndjson');
    writeFileSync(whole, '{"a":1}\n');
    expect(cutTornTail(whole)).toBeUndefined();
    expect(cutTornTail(path.join(d, 'missing.ndjson'))).toBeUndefined();
    const long = path.join(d, 'b.ndjson');
    writeFileSync(long, `{"a":1}\n{"big":"${'x'.repeat(200_000)}`);
    expect(cutTornTail(long)?.bytes).toBe('{"big":"'.length + 200_000);
    expect(readFileSync(long, 'utf8')).toBe('{"a":1}\n');
    expect(existsSync(`${long}.torn`)).toBe(true);
  });

  it('is not read by readNdjson; a line that is not JSON is reported with its number', async () => {
    const file = path.join(dir(), 'c.ndjson');
    writeFileSync(file, '{"n":1}\nnot json\n\n{"n":4}\n{"n":5');
    const bad: number[] = [];
    const got: [number, unknown][] = [];
    for await (const { line, value } of readNdjson(file, (l) => bad.push(l))) got.push([line, value]);
    expect(got).toEqual([
      [1, { n: 1 }],
      [4, { n: 4 }],
    ]);
    expect(bad).toEqual([2]);
  });
});
