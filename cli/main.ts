#!/usr/bin/env node
// vucrawl command line: one module per command (cli/commands/), each with its own flags
// and --help. Only the command that runs is loaded, so a pivot does not pay for a browser
// library; the summaries below are what `vucrawl help` lists without loading any of them.
import type { Command } from './flags.js';
import { UsageError } from './flags.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  crawl: {
    summary: 'crawl seed URLs; one capture line per page in OUT/captures.ndjson',
    load: () => import('./commands/crawl.js'),
  },
  demo: { summary: 'crawl the bundled test internet (no network needed)', load: () => import('./commands/demo.js') },
  extract: { summary: 're-run extraction over saved captures', load: () => import('./commands/extract.js') },
  variants: {
    summary: "look-alike domains of a brand (dnstwist's fuzzers), as a table, JSON or seed lines",
    load: () => import('./commands/variants.js'),
  },
  pivot: {
    summary: 'hosts related to a host, IP, tracker ID, SHA-256, favicon hash or cookie name',
    load: () => import('./commands/pivot.js'),
  },
  sql: { summary: 'ad-hoc SQL on the store', load: () => import('./commands/sql.js') },
  stats: { summary: 'what the store holds', load: () => import('./commands/stats.js') },
  enrich: {
    summary: 'one JSON document per indicator (a file of them, or stdin): everything the store knows about each',
    load: () => import('./commands/enrich.js'),
  },
  serve: {
    summary: 'the enrichment API and web UI over the store; other commands go through it while it runs',
    load: () => import('./commands/serve.js'),
  },
  replay: {
    summary: 'load batches spilled while the database (or, with Kafka settings, the broker) was unreachable',
    load: () => import('./commands/replay.js'),
  },
  submit: {
    summary: 'publish crawl targets to vucrawl.targets for the fleet of workers',
    load: () => import('./commands/submit.js'),
  },
  worker: {
    summary: 'crawl targets from vucrawl.targets as one worker of the fleet',
    load: () => import('./commands/worker.js'),
  },
  fleet: { summary: 'fleet status: workers, partitions, sites, pages, lag', load: () => import('./commands/fleet.js') },
  load: {
    summary: 'Kafka topics -> ClickHouse (embedded or server), exactly once',
    load: () => import('./commands/load.js'),
  },
  project: {
    summary: 'projects: named sets of indicators with tags, for watches, monitors and pivots',
    load: () => import('./commands/project.js'),
  },
  brand: {
    summary: 'brands for brand protection: official domains, logos (perceptual hashes), keywords, a project',
    load: () => import('./commands/brand.js'),
  },
  monitor: {
    summary: 'monitors: URLs recrawled on a schedule and compared with their previous visit; changes raise alerts',
    load: () => import('./commands/monitor.js'),
  },
  watch: {
    summary:
      'watches: standing searches over every crawled page (new parents of your hosts, copies of your favicon, ...)',
    load: () => import('./commands/watch.js'),
  },
  alerts: {
    summary: 'alerts raised by monitors and watches, newest first',
    load: () => import('./commands/alerts.js'),
  },
  export: {
    summary: 'one STIX 2.1 bundle or MISP event of a project, host, indicator, crawl or the alerts',
    load: () => import('./commands/export.js'),
  },
  report: {
    summary: 'one self-contained HTML report of a project, monitor or host over a time window, for people',
    load: () => import('./commands/report.js'),
  },
  browser: { summary: 'show (or install) the Chromium that crawls use', load: () => import('./commands/browser.js') },
};

/** How long a finished command's process may linger on open handles before it exits anyway. */
const EXIT_GRACE_MS = 3_000;

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  return [
    "vucrawl: crawl like a victim's browser and record everything it did",
    '',
    'Usage: vucrawl COMMAND [ARGS] [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  vucrawl ${name.padEnd(width)}${c.summary}`),
    '',
    'Run "vucrawl COMMAND --help" (or "vucrawl help COMMAND") for the options of a command.',
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic) return main([topic, '--help']);
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command "${name}"`);
  const { command } = await entry.load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The command is done and has flushed and closed what it opened. A library's stray
    // socket (kafkajs reconnecting after a broker outage) must not keep the process alive.
    setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  },
  (e: Error) => {
    const usageError = e instanceof UsageError;
    process.stderr.write(`vucrawl: ${e.message}\n${usageError ? 'Run "vucrawl help" for usage.\n' : ''}`);
    process.exitCode = usageError ? 2 : 1;
  },
);
