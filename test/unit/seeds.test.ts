import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILE_NAMES } from '../../crawler/identity/profiles.js';
import { comparisonError, comparisonProfiles } from '../../crawler/options.js';
import { parseSeedArgs, parseSeedText, readSeedFile } from '../../seeds/seed-file.js';

// The profile names the CLI passes in.
const rules = { profiles: BUILTIN_PROFILE_NAMES };

describe('seed files', () => {
  it('parses URLs with per-seed settings and names bad lines by file and line', () => {
    const text = [
      '# comment',
      'https://www.a.test/',
      '',
      'http://b.test/x profile=android-samsung depth=2 priority=3',
      'not a url',
      'http://c.test/ profile=nokia',
      'http://d.test/ depth=-1',
      'http://e.test/ color=red',
      'javascript:alert(1)',
    ].join('\n');
    const r = parseSeedText(text, 'seeds.txt', rules);
    expect(r.seeds).toEqual([
      { url: 'https://www.a.test/' },
      { url: 'http://b.test/x', profile: 'android-samsung', depth: 2, priority: 3 },
    ]);
    expect(r.errors.map((e) => e.where)).toEqual([
      'seeds.txt:5',
      'seeds.txt:6',
      'seeds.txt:7',
      'seeds.txt:8',
      'seeds.txt:9',
    ]);
    expect(r.errors[0]!.message).toMatch(/not an http\(s\) URL/);
    expect(r.errors[1]!.message).toMatch(/unknown profile "nokia"/);
  });

  it('reads compare= and referer=, and names a comparison it cannot run', () => {
    const withComparison = { ...rules, comparison: (list: string[]) => comparisonError(list, BUILTIN_PROFILE_NAMES) };
    const r = parseSeedText(
      [
        'https://a.test/ compare=victim referer=https://mail.example.test/read',
        'https://b.test/ compare=android,desktop-chrome-windows',
        'https://c.test/ compare=android',
        'https://d.test/ compare=victim,nokia',
        'https://e.test/ compare=',
      ].join('\n'),
      'seeds.txt',
      withComparison,
    );
    expect(r.seeds).toEqual([
      { url: 'https://a.test/', compare: ['victim'], referer: 'https://mail.example.test/read' },
      { url: 'https://b.test/', compare: ['android', 'desktop-chrome-windows'] },
    ]);
    expect(r.errors.map((e) => `${e.where} ${e.message}`)).toEqual([
      expect.stringMatching(/^seeds\.txt:3 compare: a comparison needs two visits or more/),
      expect.stringMatching(/^seeds\.txt:4 compare: unknown profile "nokia"; known: victim, desktop-chrome-windows/),
      expect.stringMatching(/^seeds\.txt:5 /),
    ]);
    expect(comparisonProfiles(['victim', 'android'], 'desktop-chrome-de')).toEqual([
      'desktop-chrome-de',
      'scanner',
      'android',
    ]);
  });

  it('reports an unreadable file and keeps going', async () => {
    const r = await readSeedFile('/nonexistent/seeds.txt', rules);
    expect(r.seeds).toEqual([]);
    expect(r.errors[0]!.where).toBe('/nonexistent/seeds.txt');
  });

  it('reads a file with CRLF line ends', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-seeds-'));
    const f = path.join(dir, 's.txt');
    writeFileSync(f, 'http://a.test/\r\nhttp://b.test/\r\n');
    expect((await readSeedFile(f, rules)).seeds.map((s) => s.url)).toEqual(['http://a.test/', 'http://b.test/']);
  });

  it('checks command-line URLs the same way', () => {
    const r = parseSeedArgs(['http://a.test/', 'oops'], rules);
    expect(r.seeds).toHaveLength(1);
    expect(r.errors).toEqual([{ where: 'argument 2', message: 'not an http(s) URL: oops' }]);
  });
});

describe('seed URLs with credentials or of excessive length', () => {
  it('crawls a URL without its user:password@, warns, and never echoes them; rejects a URL over the bound, truncated', () => {
    const long = `http://x.test/${'a'.repeat(3000)}`;
    const r = parseSeedText(
      ['http://admin:hunter2@intranet.example/', long, 'htp://root:toor@bad/'].join('\n'),
      'seeds.txt',
      rules,
    );
    expect(r.seeds).toEqual([{ url: 'http://intranet.example/' }]);
    expect(r.warnings).toEqual([{ where: 'seeds.txt:1', message: expect.stringContaining('user:password@ removed') }]);
    expect(r.errors.map((e) => e.where)).toEqual(['seeds.txt:2', 'seeds.txt:3']);
    expect(r.errors[0]!.message).toMatch(/^URL longer than 2048 characters: http:\/\/x\.test\/a+\.\.\.$/);
    expect(r.errors[0]!.message.length).toBeLessThan(200);
    expect(r.errors[1]!.message).toBe('not an http(s) URL: htp://[credentials removed]@bad/');
    expect(JSON.stringify(r)).not.toMatch(/hunter2|toor/);
  });
});

describe('seed files in CSV and JSON Lines', () => {
  const write = (name: string, text: string) => {
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'vucrawl-seeds-')), name);
    writeFileSync(f, text);
    return f;
  };

  it('reads CSV by its header: tags separated by ";", empty cells left out, bad rows named by line', async () => {
    const f = write(
      'brand.csv',
      [
        'url,tags,depth,profile',
        '# the shop',
        'https://shop.a.test/,case-42;variant-of:a.test,1,',
        '"http://b.test/x?a=1,2",,0,android-samsung',
        'http://c.test/,,deep,',
        'http://d.test/,bad tag!,,',
      ].join('\n'),
    );
    const r = await readSeedFile(f, rules);
    expect(r.seeds).toEqual([
      { url: 'https://shop.a.test/', tags: ['case-42', 'variant-of:a.test'], depth: 1 },
      { url: 'http://b.test/x?a=1,2', depth: 0, profile: 'android-samsung' },
    ]);
    expect(r.errors).toEqual([
      { where: `${f}:5`, message: 'depth must be a whole number >= 0, got "deep"' },
      { where: `${f}:6`, message: expect.stringMatching(/^tag "bad tag!" must be/) },
    ]);
  });

  it('refuses a CSV header without url or with an unknown column, and says where a quote is not closed', async () => {
    expect((await readSeedFile(write('a.csv', 'link,tags\nhttp://a.test/,x\n'), rules)).errors[0]).toMatchObject({
      where: expect.stringMatching(/a\.csv:1$/),
      message: expect.stringMatching(/must name a url column/),
    });
    expect((await readSeedFile(write('b.csv', 'url,colour\nhttp://a.test/,red\n'), rules)).errors[0]!.message).toMatch(
      /unknown: colour/,
    );
    expect((await readSeedFile(write('c.csv', 'url\n"http://a.test/\n'), rules)).errors[0]).toMatchObject({
      where: expect.stringMatching(/c\.csv:2$/),
      message: expect.stringMatching(/^not CSV: Quote Not Closed/),
    });
  });

  it('reads JSON Lines (.jsonl, .ndjson) with the same settings and names bad lines', async () => {
    const f = write(
      'seeds.jsonl',
      [
        '{"url": "https://a.test/", "tags": ["case-42"], "depth": 2, "screenshots": true}',
        '',
        '{"url": "http://b.test/", "priority": 5, "profile": null}',
        '{"url": "http://c.test/", "tags": "case-42"}',
        '{"link": "http://d.test/"}',
        '{"url": "http://e.test/", "colour": "red"}',
        'not json',
      ].join('\n'),
    );
    const r = await readSeedFile(f, rules);
    expect(r.seeds).toEqual([
      { url: 'https://a.test/', tags: ['case-42'], depth: 2, screenshots: true },
      { url: 'http://b.test/', priority: 5 },
    ]);
    expect(r.errors.map((e) => [e.where.slice(f.length), e.message.slice(0, 40)])).toEqual([
      [':4', '"tags" must be an array of strings'],
      [':5', 'not a seed: an object with a "url" strin'],
      [':6', 'unknown setting "colour" (expected profi'],
      [':7', expect.stringMatching(/^not JSON/)],
    ]);
    expect((await readSeedFile(write('s.ndjson', '{"url":"http://a.test/"}\n'), rules)).seeds).toEqual([
      { url: 'http://a.test/' },
    ]);
  });
});
