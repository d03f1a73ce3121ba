// Values as an analyst types them, recognized once for the CLI, the API and the web UI;
// negative numbers on the command line; cursors.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../cli/flags.js';
import { offsetOf, paged } from '../../server/paging.js';
import { describeLookup, recognize } from '../../store/queries/indicator.js';
import { formatMediaType, outputFormat } from '../../store/queries/sql.js';
import { dateMs, pivotLookups } from '../../store/queries/pivot.js';

describe('recognizing a value', () => {
  it.each([
    ['www.Shop.test', 'www.shop.test', ['host', 'tracker']],
    ['shop.example.', 'shop.example', ['host', 'tracker']],
    ['https://User:pw@Login.Brand.example:8443/x?y#z', 'login.brand.example', ['host']],
    ['http://[2001:db8::1]/', '2001:db8::1', ['ip']],
    ['http://10.1.2.3:8080/', '10.1.2.3', ['ip']],
    ['192.0.2.7', '192.0.2.7', ['ip']],
    ['[2001:DB8::1]', '2001:db8::1', ['ip']],
    [
      '1432C6765DEA9D78715445AC73E83E158CFC3FCE8E9D94DB16228C933EF7440B',
      '1432c6765dea9d78715445ac73e83e158cfc3fce8e9d94db16228c933ef7440b',
      ['sha256'],
    ],
    ['-1234567', '-1234567', ['favicon', 'tracker']],
    ['743163047', '743163047', ['favicon', 'tracker']],
    ['2147483648', '2147483648', ['tracker', 'cookie']],
    ['731946250118342', '731946250118342', ['tracker', 'cookie']],
    ['GTM-ABCD123', 'GTM-ABCD123', ['tracker', 'cookie']],
    ['  px_uid  ', 'px_uid', ['tracker', 'cookie']],
  ])('%j is %j as %j', (input, value, kinds) => {
    const ind = recognize(input);
    expect([ind.value, ind.kinds]).toEqual([value, kinds]);
  });

  it('keeps a tracker ID as typed while the host form is lower case', () => {
    expect(recognize('UA-Example.Test').forms).toEqual({ host: 'ua-example.test', tracker: 'UA-Example.Test' });
  });

  it('says what it looked up and as what', () => {
    expect(describeLookup(recognize('-5'))).toBe(
      'looked up "-5" as favicon hash (hosts with that icon) and as tracker ID (hosts that carry it)',
    );
    expect(describeLookup(recognize('shop.test'), true)).toContain('widened to every host of its registrable domain');
  });

  it('runs host lookups in the direction asked, widened with site', () => {
    expect(pivotLookups(recognize('a.test'), { direction: 'children', site: true })).toEqual([
      { name: 'children', value: { value: 'a.test', site: true } },
      { name: 'trackerHosts', value: { value: 'a.test', site: false } },
    ]);
  });

  it('reads dates as UTC unless they say otherwise', () => {
    expect(dateMs('2026-11-01')).toBe(Date.UTC(2026, 10, 1));
    expect(dateMs('2026-11-01 10:30')).toBe(Date.UTC(2026, 10, 1, 10, 30));
    expect(dateMs('2026-11-01T10:30:00+02:00')).toBe(Date.UTC(2026, 10, 1, 8, 30));
    expect(() => dateMs('soon')).toThrow('not a date');
  });
});

describe('negative numbers on the command line', () => {
  const spec = {
    name: 'pivot',
    groups: [{ title: 'Pivot', flags: { limit: { kind: 'string', help: 'n' }, json: { kind: 'boolean', help: 'j' } } }],
  } as const;

  it('are values, wherever they stand, unless a flag takes them', () => {
    expect(parseCommand(spec, ['-1234567']).positionals).toEqual(['-1234567']);
    expect(parseCommand(spec, ['--json', '-1234567', '--limit', '5'])).toMatchObject({
      positionals: ['-1234567'],
      values: { json: true, limit: '5' },
    });
    expect(parseCommand(spec, ['--', '-7']).positionals).toEqual(['-7']);
    expect(() => parseCommand(spec, ['x', '--limit', '-5'])).toThrow(/ambiguous/);
    expect(() => parseCommand(spec, ['-x'])).toThrow("Unknown option '-x'");
  });
});

describe('cursors', () => {
  it('walk a query page by page and belong to it alone', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const read = async (limit: number, offset: number) => rows.slice(offset, offset + limit);
    const walked: number[] = [];
    let cursor: string | undefined;
    do {
      const query: { limit: number; cursor?: string; site: boolean } = { limit: 3, cursor, site: true };
      const page = await paged('/api/v1/x', query, read);
      walked.push(...page.results);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(rows);
    const first = await paged('/api/v1/x', { limit: 3 }, read);
    expect(() => offsetOf('/api/v1/y', { limit: 3, cursor: first.next_cursor! })).toThrow(
      'cursor is not one this server gave',
    );
    expect(() => offsetOf('/api/v1/x', { limit: 3, cursor: 'eyJvIjotMX0' })).toThrow(
      'cursor is not one this server gave',
    );
    expect(() => offsetOf('/api/v1/x', { limit: 3, cursor: '%%%' })).toThrow('cursor is not one this server gave');
  });
});

describe('ad-hoc SQL that names its output format', () => {
  it('is recognized by a trailing FORMAT clause, SETTINGS and a semicolon allowed after it', () => {
    expect(outputFormat('SELECT count() FROM vucrawl.pages FORMAT TSV')).toBe('TSV');
    expect(outputFormat('select 1 format JSONEachRow;\n')).toBe('JSONEachRow');
    expect(outputFormat('SELECT 1 FORMAT Parquet SETTINGS max_threads = 1')).toBe('Parquet');
    expect(outputFormat("SELECT 'FORMAT TSV' AS x")).toBeUndefined();
    expect(outputFormat('SELECT format FROM t')).toBeUndefined();
    expect(formatMediaType('CSVWithNames')).toBe('text/csv; charset=utf-8');
    expect(formatMediaType('Parquet')).toBe('application/octet-stream');
  });
});
