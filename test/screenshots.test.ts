// Screenshots with real Chromium against the test internet (scenario phishing-copy: a bank's
// login page, a copy on a look-alike host with another colour, an unrelated page): one PNG a
// page written once per content, only its hashes in the capture and the page event, none
// for a page that showed no document; then pages that look alike, found through the real
// CLI (crawl --screenshots, pivot --similar) in an embedded store, through the API, and
// through the CLI again while `vucrawl serve` holds that store.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { perceptualHash } from '../crawler/phash.js';
import { extractEvents } from '../extractor/extract.js';
import type { PageEvent } from '../extractor/events.js';
import { PHISHING_COPY_URLS as URLS } from '../internet/scenarios/phishing-copy.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';
import { ServedStore as ApiClient } from '../store/served.js';
import { openStore } from '../store/connect.js';
import { DEFAULT_SIMILAR_DISTANCE, type SimilarPage } from '../store/queries/similar.js';
import { KEYS, testApp } from './helpers/api.js';
import { runCli as vucrawl, serve } from './helpers/cli.js';
import { hamming } from './helpers/hamming.js';
import { captureFor, crawlSeeds } from './helpers/harness.js';

let net: TestInternet;
beforeAll(async () => {
  net = await startTestInternet();
});
afterAll(async () => {
  await net?.close();
});

describe('screenshots in captures', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-screenshots-'));
  let captures: PageCapture[];
  const shot = (url: string) => captureFor(captures, url).screenshot!;

  beforeAll(async () => {
    // Screenshots asked for by the seeds (screenshots=on), not by the crawl.
    const on = [URLS.genuine, URLS.copy, URLS.unrelated, `${URLS.genuine}?again=1`, scenarioSeeds['error-page']!].map(
      (url) => ({ url, screenshots: true }),
    );
    ({ captures } = await crawlSeeds(net, [...on, scenarioSeeds.robots!], { screenshotsDir: dir }));
  });

  it('takes one viewport PNG a page, written as <sha256>.png; the capture and the page event hold only its hashes', async () => {
    for (const url of [URLS.genuine, URLS.copy, URLS.unrelated]) {
      const c = captureFor(captures, url);
      expect(c.outcome).toBe('ok');
      expect(c.target.screenshots).toBe(true);
      const s = c.screenshot!;
      // The viewport of the default profile's window (1366x728, less the toolbars).
      expect(s).toEqual({
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        phash: expect.stringMatching(/^[0-9a-f]{16}$/),
        width: 1366,
        height: 641,
      });
      expect(c.profile.viewport).toEqual({ width: 1366, height: 641 });
      const png = readFileSync(path.join(dir, `${s.sha256}.png`));
      expect(createHash('sha256').update(png).digest('hex')).toBe(s.sha256);
      expect((await perceptualHash(png)).phash).toBe(s.phash);
      // The screenshot's first bytes (signature and header, its size) in base64: nowhere in the capture (a favicon may be a PNG too).
      expect(JSON.stringify(c)).not.toContain(png.subarray(0, 33).toString('base64'));
      const page = extractEvents(c)[0] as PageEvent;
      expect([page.screenshot_sha256, page.screenshot_phash]).toEqual([s.sha256, s.phash]);
    }
  });

  it('stores an identical screenshot once, and leaves no partial file', () => {
    expect(shot(`${URLS.genuine}?again=1`).sha256).toBe(shot(URLS.genuine).sha256);
    const shas = [URLS.genuine, URLS.copy, URLS.unrelated].map((u) => `${shot(u).sha256}.png`);
    expect(readdirSync(dir).sort()).toEqual([...new Set(shas)].sort());
  });

  it('takes none of a page that ended on no document of its own, nor of a seed that did not ask', () => {
    const failed = captureFor(captures, scenarioSeeds['error-page']!);
    expect(failed.outcome).toBe('failed');
    expect(failed.screenshot).toBeUndefined();
    expect(extractEvents(failed)[0]).toMatchObject({ screenshot_sha256: null, screenshot_phash: null });
    expect(captureFor(captures, scenarioSeeds.robots!).screenshot).toBeUndefined();
  });

  it('hashes the recoloured copy within the default distance and the unrelated page far from both', () => {
    expect(shot(URLS.copy).sha256).not.toBe(shot(URLS.genuine).sha256);
    expect(hamming(shot(URLS.genuine).phash!, shot(URLS.copy).phash!)).toBeLessThanOrEqual(DEFAULT_SIMILAR_DISTANCE);
    for (const u of [URLS.genuine, URLS.copy])
      expect(hamming(shot(u).phash!, shot(URLS.unrelated).phash!)).toBeGreaterThan(DEFAULT_SIMILAR_DISTANCE);
  });
});

describe('vucrawl pivot --similar', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'vucrawl-similar-'));
  const data = path.join(out, 'data');
  const netFlags = () => ['--allow-private', '--ignore-https-errors', '--host-resolver-rules', net.hostResolverRules];
  const similar = async (value: string, ...more: string[]) => {
    const r = await vucrawl(['pivot', '--similar', value, '--data', data, '--json', ...more]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as SimilarPage);
  };

  beforeAll(async () => {
    const seeds = path.join(out, 'seeds.txt');
    writeFileSync(
      seeds,
      [URLS.genuine, URLS.copy, URLS.unrelated, `${scenarioSeeds.robots} screenshots=off`].join('\n'),
    );
    const r = await vucrawl(['crawl', '--seeds', seeds, '--screenshots', '--out', out, '--data', data, ...netFlags()]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('writes the screenshots under OUT/screenshots, and none for a seed that said screenshots=off', () => {
    const caps = readFileSync(path.join(out, 'captures.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as PageCapture);
    const shas = caps.flatMap((c) => (c.screenshot?.sha256 ? [`${c.screenshot.sha256}.png`] : []));
    expect(shas).toHaveLength(3);
    expect(readdirSync(path.join(out, 'screenshots')).sort()).toEqual(shas.sort());
    expect(captureFor(caps, scenarioSeeds.robots!)).toMatchObject({ outcome: 'ok', target: { screenshots: false } });
    expect(captureFor(caps, scenarioSeeds.robots!).screenshot).toBeUndefined();
  });

  it('finds the copy and not the unrelated page, by page URL and by hash', async () => {
    const rows = await similar(URLS.genuine);
    expect(rows.map((r) => r.url).sort()).toEqual([URLS.copy, URLS.genuine].sort());
    // The page itself is at distance 0 (so may be its copy: the hash is of the grey levels); closest first.
    expect(rows.find((r) => r.url === URLS.genuine)).toMatchObject({
      host: 'www.northbank.test',
      distance: 0,
      observations: 1,
    });
    expect(rows.map((r) => r.distance)).toEqual(rows.map((r) => r.distance).sort((a, b) => a - b));
    for (const r of rows) {
      expect(r.distance).toBeLessThanOrEqual(DEFAULT_SIMILAR_DISTANCE);
      expect(readdirSync(path.join(out, 'screenshots'))).toContain(`${r.screenshot_sha256}.png`);
      expect(r.first_seen).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    }
    const unrelated = await similar(URLS.unrelated);
    expect(unrelated.map((r) => r.url)).toEqual([URLS.unrelated]);
    expect(await similar(unrelated[0]!.phash)).toEqual(unrelated);
    // The widest distance takes every screenshot in.
    expect(await similar(URLS.genuine, '--distance', '64')).toHaveLength(3);
  });

  it("prints a table with each screenshot's file, and says what it looked for when nothing matched", async () => {
    const table = await vucrawl(['pivot', '--similar', URLS.copy, '--data', data]);
    expect(table.stdout).toMatch(/^distance +host +url +first_seen/);
    expect(table.stdout).toMatch(/screenshot: screenshots\/[0-9a-f]{64}\.png \(capture [0-9a-f-]{36}\)/);
    const none = await vucrawl(['pivot', '--similar', 'http://www.never-crawled.test/', '--data', data]);
    expect([none.code, none.stdout]).toEqual([
      0,
      '(no rows: the store holds no screenshot of http://www.never-crawled.test/ (crawl it with --screenshots))\n',
    ]);
  });

  it('refuses a value that is neither a page URL nor a hash, naming it', async () => {
    const bad = await vucrawl(['pivot', '--similar', 'f3194c66', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--similar needs a page URL (http(s)://...) or a perceptual hash (16 hex digits), got "f3194c66"',
    );
    const far = await vucrawl(['pivot', '--similar', URLS.genuine, '--distance', '65', '--data', data]);
    expect([far.code, far.stderr]).toEqual([
      2,
      expect.stringContaining('--distance needs a number of bits from 0 to 64, got "65"'),
    ]);
  });

  it('answers the same through the API (GET /api/v1/similar/{value}, as `vucrawl pivot` calls it while a server holds the store)', async () => {
    const cli = await similar(URLS.genuine);
    const store = await openStore({ dataDir: data });
    const api = await testApp(
      { store, db: 'vucrawl', spillDir: path.join(out, 'spill') },
      net,
      path.join(out, 'crawls'),
    );
    try {
      const client = new ApiClient({ url: await api.listen(), token: KEYS.token });
      const found = await client.similar(URLS.genuine, { distance: DEFAULT_SIMILAR_DISTANCE, limit: 100 });
      expect(found.rows).toEqual(cli);
      expect(found.phash).toBe(cli[0]!.phash);
      const paged = await client.similar(URLS.genuine, { distance: DEFAULT_SIMILAR_DISTANCE, limit: 1 });
      expect(paged.rows).toEqual(cli.slice(0, 1));
      const bad = await api.app.inject({
        url: '/api/v1/similar/not-a-hash',
        headers: { authorization: `Bearer ${KEYS.read}` },
      });
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'bad_request']);
    } finally {
      await api.close();
      await store.close();
    }
  });

  it('goes through `vucrawl serve` while it holds the store, with the same rows', async () => {
    const direct = await similar(URLS.genuine);
    const server = await serve(['--data', data]);
    try {
      expect(await similar(URLS.genuine)).toEqual(direct);
      expect(await similar(direct[0]!.phash, '--distance', '0')).toEqual(direct.filter((r) => r.distance === 0));
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
