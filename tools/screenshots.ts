// npm run screenshots: the web UI's main views as PNG files for the docs, under
// docs/screenshots/. Runs the product as a user would: a project and a watch on it, then
// `vucrawl demo` fills a fresh store from the bundled test internet, and a brand run of the
// test brand over its look-alikes on the test internet adds its verdicts (the `brand report`
// table is printed, for docs/brands.md); `vucrawl serve` serves it on loopback, and real
// Chromium (the crawler's own binary) opens each view at 1280x860, and the project's report
// for people (GET /ui/report, the page `vucrawl report` writes). Everything it starts it
// stops, and its temporary folders are removed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { findBrowserBinary } from '../crawler/browser-binary.js';
import { ACME_BANK, startTestInternet } from '../internet/server.js';
import { startBrandLookalikes } from './brand-lookalikes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const OUT = path.join(ROOT, 'docs', 'screenshots');

/** The report's project: the demo shop and the hosts that share its Tag Manager container; the watch raises alerts. */
const PROJECT = [
  ['project', 'create', 'shop', '--description', 'the demo shop and its look-alikes', '--tag', 'brand'],
  ['project', 'add', 'shop', 'www.shop.test'],
  ['project', 'add', 'shop', 'GTM-ABCD123', '--kind', 'tracker'],
  ['watch', 'add', 'shop-parents', '--when', 'new-parent:@shop'],
];

/** View -> the UI route it shows (`{shop}` is the demo's capture of the compromised shop, `{cmp}` its comparison that found cloaking). */
const VIEWS: { file: string; route: string; fullPage?: boolean }[] = [
  { file: 'search.png', route: '#/' },
  { file: 'indicator.png', route: '#/i/cdn.jquery-stats.test', fullPage: true },
  { file: 'tracker.png', route: '#/i/GTM-ABCD123' },
  { file: 'graph.png', route: '#/g/www.shop.test?hops=2' },
  { file: 'capture.png', route: '#/c/{shop}' },
  { file: 'comparison.png', route: '#/cmp/{cmp}', fullPage: true },
  { file: 'brand.png', route: `#/brand/${ACME_BANK.brand}`, fullPage: true },
];

function run(args: string[], onOut?: (text: string, child: ChildProcess) => void): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      onOut?.(out, child);
    });
    child.on('exit', resolve);
  });
}

/** The test brand added and run once over its look-alikes (its own test internet, DNS and RDAP servers); prints its report. */
async function brandRun(data: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const net = await startTestInternet();
  const acme = await startBrandLookalikes(net, out, Date.now());
  try {
    for (const args of [acme.add, acme.run(out)])
      if ((await run([...args, '--data', data])) !== 0) throw new Error(`vucrawl ${args.join(' ')} failed`);
  } finally {
    await acme.close();
    await net.close();
  }
  let report = '';
  await run(['brand', 'report', ACME_BANK.brand, '--data', data], (text) => {
    report = text;
  });
  console.log(`vucrawl brand report ${ACME_BANK.brand}\n${report}`);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'vucrawl-screenshots-'));
let server: ChildProcess | undefined;
let served: Promise<number | null> | undefined;
const browser = await chromium.launch({ executablePath: findBrowserBinary('headless-shell').executablePath });
try {
  const data = path.join(tmp, 'data');
  const out = path.join(tmp, 'out');
  for (const args of PROJECT)
    if ((await run([...args, '--data', data])) !== 0) throw new Error(`vucrawl ${args.join(' ')} failed`);
  if ((await run(['demo', '--out', out, '--data', data, '--screenshots'])) !== 0)
    throw new Error('vucrawl demo failed');
  const brandOut = path.join(tmp, 'brands');
  await brandRun(data, brandOut);
  const url = await new Promise<string>((resolve) => {
    served = run(
      [
        'serve',
        '--data',
        data,
        '--listen',
        '127.0.0.1:0',
        '--crawl-dir',
        path.join(tmp, 'crawls'),
        '--screenshot-dir',
        out,
        '--screenshot-dir',
        path.join(brandOut, ACME_BANK.brand),
      ],
      (text, child) => {
        server = child;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (m) resolve(m[1]!);
      },
    );
  });
  const pages = (await (await fetch(`${url}/api/v1/hosts/www.shop.test/pages`)).json()) as {
    results: { capture_id: string }[];
  };
  const cloaking = (await (await fetch(`${url}/api/v1/cloaking`)).json()) as { results: { comparison_id: string }[] };
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  for (const v of VIEWS) {
    const hash = v.route
      .replace('{shop}', pages.results[0]!.capture_id)
      .replace('{cmp}', cloaking.results[0]!.comparison_id);
    await page.goto(`${url}/${hash}`);
    // The UI marks its body once a view is drawn.
    await page.waitForSelector(`body[data-ready=${JSON.stringify(hash)}]`, { state: 'attached' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, v.file), fullPage: v.fullPage ?? false });
    console.log(path.relative(ROOT, path.join(OUT, v.file)));
  }
  // The report: its top (scope, totals, what changed) and its graph, as a reader scrolls to them.
  await page.goto(`${url}/ui/report?project=shop&since=7d`);
  await page.screenshot({ path: path.join(OUT, 'report.png') });
  await page.evaluate("document.getElementById('graph').scrollIntoView()");
  await page.screenshot({ path: path.join(OUT, 'report-graph.png') });
  console.log(path.relative(ROOT, path.join(OUT, 'report.png')));
} finally {
  await browser.close();
  server?.kill('SIGTERM');
  await served;
  rmSync(tmp, { recursive: true, force: true });
}
