// vucrawl export checked with the standards' own tools: a store filled from the bundled
// test internet (a project, a watch that raises an alert), exported as STIX 2.1 and MISP,
// then stix2-validator in strict mode, pymisp's loader, and a round trip through the stix2
// package (test/helpers/exchange_check.py): every host pair, tracker and alert of the scope
// comes back with the first/last seen the store's own lookups (pivot, sql, alerts) show.
// Needs the Python packages in .venv-validate (npm test makes it: tools/validators.sh); run
// alone without it, the tests are skipped, saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { causeRelationship } from '../exchange/ids.js';
import { CLI, runCli as vucrawl, serve } from './helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENV = path.join(ROOT, '.venv-validate', 'bin');
const HAS_VENV = existsSync(path.join(VENV, 'stix2_validator')) && existsSync(path.join(VENV, 'python'));
const CHECK = path.join(ROOT, 'test', 'helpers', 'exchange_check.py');
if (!HAS_VENV)
  process.stderr.write(
    `test/exchange.test.ts skipped: no ${VENV}/stix2_validator. Create it with sh tools/validators.sh (npm test runs it)\n`,
  );

interface PivotRow {
  kind: string;
  relation: string;
  host: string;
  direction: 'parent' | 'child' | null;
  first_seen: string;
  last_seen: string;
  looked_up: string;
}
interface Pair {
  parent_host: string;
  child_host: string;
  cause: string;
  first_seen: string;
  last_seen: string;
}
interface Checked {
  host_pairs: (Pair & { relationship_type: string; capture_id: string; labels: string[] })[];
  trackers: { host: string; type: string; value: string; first_seen: string; last_seen: string }[];
  alerts: { key: string; rule: string; pattern: string; first_seen: string; sighted: string[]; labels: string[] }[];
  sco_ids: [string, string][];
  types: Record<string, number>;
}

const lines = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
const byKey = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
const pairKey = (p: Pair) => `${p.parent_host} ${p.child_host} ${p.cause}`;

describe.skipIf(!HAS_VENV)('vucrawl export: STIX 2.1 and MISP, checked with stix2-validator, stix2 and pymisp', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-export-'));
  const store = ['--data', path.join(dir, 'data')];
  const file = (name: string) => path.join(dir, name);
  const run = async (args: string[]) => {
    const r = await vucrawl([...args, ...store]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const pivot = async (value: string) => lines<PivotRow>(await run(['pivot', value, '--json', '--limit', '1000']));
  /** The host pairs a pivot on a host shows, as parent -> child. */
  const pairsOf = (rows: PivotRow[]): Pair[] =>
    rows
      .filter((r) => r.kind === 'host')
      .map((r) => ({
        parent_host: r.direction === 'parent' ? r.host : r.looked_up,
        child_host: r.direction === 'parent' ? r.looked_up : r.host,
        cause: r.relation,
        first_seen: r.first_seen,
        last_seen: r.last_seen,
      }));
  const python = (...args: string[]) =>
    spawnSync(path.join(VENV, 'python'), args, { encoding: 'utf8', timeout: 120_000 });
  const check = (kind: 'stix' | 'misp', f: string) => {
    const r = python(CHECK, kind, f);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const validate = (f: string, ...flags: string[]) =>
    spawnSync(path.join(VENV, 'stix2_validator'), [...flags, f], { encoding: 'utf8', timeout: 120_000 });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does)`);
    await run(['project', 'create', 'demo', '--tag', 'brand', '--tag', 'case-42']);
    await run(['project', 'add', 'demo', 'cdn.jquery-stats.test']);
    await run(['project', 'add', 'demo', 'GTM-ABCD123', '--kind', 'tracker']);
    await run(['watch', 'add', 'hotlinks', '--when', 'new-parent:@demo']);
    await run(['demo', '--out', file('out')]);
    for (const [name, scope] of [
      ['project', ['--project', 'demo']],
      ['host', ['--host', 'cdn.jquery-stats.test']],
      ['alerts', ['--alerts']],
    ] as const)
      for (const format of ['stix', 'misp'])
        await run(['export', '--format', format, ...scope, '--out', file(`${format}-${name}.json`)]);
  }, 240_000);

  it('is valid STIX 2.1 in strict mode; the only best-practice finding is the custom relationship types of host pairs', () => {
    for (const name of ['project', 'host', 'alerts']) {
      const f = file(`stix-${name}.json`);
      // 202 (relationship-types): script-src, presents-certificate, serves, ... are custom
      // relationship types, which STIX 2.1 permits (docs/exchange.md); every other check is strict.
      const strict = validate(f, '--strict', '--enforce-refs', '--disable', '202');
      expect(strict.status, strict.stdout + strict.stderr).toBe(0);
      expect(strict.stdout).toContain('STIX JSON: Valid');
      const all = validate(f, '--enforce-refs');
      expect(all.status, all.stdout + all.stderr).toBe(0);
      const findings = all.stdout.split('\n').filter((l) => /^\s*\[!\]/.test(l));
      expect(findings.filter((l) => !l.includes('{202}'))).toEqual([]);
      if (name !== 'alerts') expect(findings.length).toBeGreaterThan(0);
    }
  });

  it('round-trips through stix2: every host pair, tracker and alert of the scope, with the same first/last seen', async () => {
    const project: Checked = check('stix', file('stix-project.json'));
    const host: Checked = check('stix', file('stix-host.json'));
    const alertsOnly: Checked = check('stix', file('stix-alerts.json'));

    // Observables: the ids stix2 itself derives for the same values.
    for (const c of [project, host, alertsOnly]) for (const [ours, theirs] of c.sco_ids) expect(ours).toBe(theirs);

    // --host: the host pairs a pivot on the host shows.
    const hostPairs = pairsOf(await pivot('cdn.jquery-stats.test'));
    expect(hostPairs.length).toBeGreaterThan(0);
    const strip = (p: Pair) => ({
      parent_host: p.parent_host,
      child_host: p.child_host,
      cause: p.cause,
      first_seen: p.first_seen,
      last_seen: p.last_seen,
    });
    expect(byKey(host.host_pairs.map(strip), pairKey)).toEqual(byKey(hostPairs, pairKey));
    for (const p of project.host_pairs) expect(p.relationship_type).toBe(causeRelationship(p.cause));

    // --project: its host's pairs and those of the host carrying its tracker ID, with every tracker there.
    const trackerHosts = (await pivot('GTM-ABCD123')).filter((r) => r.kind === 'tracker').map((r) => r.host);
    expect(trackerHosts).toEqual(['www.trackers.test']);
    const projectPairs = [...hostPairs, ...pairsOf(await pivot('www.trackers.test'))];
    const unique = [...new Map(projectPairs.map((p) => [pairKey(p), p])).values()];
    expect(byKey(project.host_pairs.map(strip), pairKey)).toEqual(byKey(unique, pairKey));
    for (const p of project.host_pairs) expect(p.labels).toEqual(expect.arrayContaining(['brand', 'case-42']));
    const trackers = lines<{ host: string; type: string; value: string; first_seen: string; last_seen: string }>(
      await run([
        'sql',
        `SELECT host, type, value, concat(replaceOne(toString(min(observed_at)), ' ', 'T'), 'Z') AS first_seen,
          concat(replaceOne(toString(max(observed_at)), ' ', 'T'), 'Z') AS last_seen
        FROM vucrawl.trackers WHERE host = 'www.trackers.test' GROUP BY host, type, value`,
        '--json',
      ]),
    );
    expect(trackers.length).toBeGreaterThan(2);
    const trackerKey = (t: { host: string; type: string; value: string }) => `${t.host} ${t.type} ${t.value}`;
    expect(byKey(project.trackers, trackerKey)).toEqual(byKey(trackers, trackerKey));

    // --alerts: every alert, an indicator with its sighting at the time the fact was seen.
    const alerts = lines<{ key: string; rule: string; subject: string; first_seen: string }>(
      await run(['alerts', '--json']),
    );
    expect(alerts.map((a) => a.rule)).toEqual(['new-parent:@demo']);
    for (const c of [alertsOnly, project]) {
      expect(c.alerts.map((a) => [a.key, a.first_seen, a.sighted])).toEqual(
        alerts.map((a) => [a.key, a.first_seen, [a.first_seen]]),
      );
      expect(c.alerts[0]!.pattern).toBe(`[domain-name:value = '${alerts[0]!.subject}']`);
    }
    expect(project.alerts[0]!.labels).toEqual(['brand', 'case-42', 'vucrawl-rule:new-parent']);
  });

  it('exports the same facts to the same ids (a re-export updates rather than duplicates)', async () => {
    const again = file('stix-project-again.json');
    await run(['export', '--format', 'stix', '--project', 'demo', '--out', again]);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(file('stix-project.json'), 'utf8'));
    // A window that ends before the crawl: no facts, but the same vucrawl identity and extension.
    const empty = JSON.parse(
      await run(['export', '--format', 'stix', '--project', 'demo', '--until', '2000-01-01']),
    ) as { objects: { type: string }[] };
    expect(empty.objects.map((o) => o.type)).toEqual(['identity', 'extension-definition']);
  });

  it('is a MISP event pymisp loads without a warning: standard templates, references for host pairs, tags', () => {
    const project = check('misp', file('misp-project.json'));
    expect(project.warnings).toEqual([]);
    expect(project.objects).toEqual(expect.arrayContaining(['domain-ip', 'tracking-id', 'x509', 'file', 'url']));
    expect(project.tags).toEqual(['brand', 'case-42', 'vucrawl:rule="new-parent"']);
    expect(project.references).toContainEqual(['domain-ip', 'script-src']);
    expect(project.attributes).toEqual([['domain', 'www.shop.test', ['vucrawl:rule="new-parent"']]]);
    for (const name of ['host', 'alerts']) expect(check('misp', file(`misp-${name}.json`)).warnings).toEqual([]);
    const raw = JSON.parse(readFileSync(file('misp-project.json'), 'utf8')) as { Event: { uuid: string } };
    expect(project.uuid).toBe(raw.Event.uuid);
  });

  it('exports the same through the vucrawl serve that holds the store; --crawl takes one crawl run', async () => {
    const [{ crawl_id, pairs }] = lines<{ crawl_id: string; pairs: string }>(
      await run([
        'sql',
        'SELECT any(crawl_id) AS crawl_id, uniqExact(parent_host, child_host, cause) AS pairs FROM vucrawl.host_pairs',
        '--json',
      ]),
    ) as [{ crawl_id: string; pairs: string }];
    // The server holds the embedded store (one process per folder): these exports can only go through it.
    const server = await serve(store);
    try {
      await run(['export', '--format', 'stix', '--project', 'demo', '--out', file('stix-served.json')]);
      await run(['export', '--format', 'misp', '--project', 'demo', '--out', file('misp-served.json')]);
      await run(['export', '--format', 'stix', '--crawl', crawl_id, '--out', file('stix-crawl.json')]);
    } finally {
      await server.stop();
    }
    expect(server.stderr()).not.toContain('"level":50');
    expect(readFileSync(file('stix-served.json'), 'utf8')).toBe(readFileSync(file('stix-project.json'), 'utf8'));
    expect(readFileSync(file('misp-served.json'), 'utf8')).toBe(readFileSync(file('misp-project.json'), 'utf8'));
    const strict = validate(file('stix-crawl.json'), '--strict', '--enforce-refs', '--disable', '202');
    expect(strict.status, strict.stdout + strict.stderr).toBe(0);
    // The demo is one crawl run: all of its host pairs.
    expect((check('stix', file('stix-crawl.json')) as Checked).host_pairs.length).toBe(Number(pairs));
  }, 120_000);

  it('says what is wrong with its flags', async () => {
    const r = await vucrawl(['export', '--format', 'stix', ...store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exactly one of --project, --host, --indicator, --crawl or --alerts');
    expect(execFileSync('node', [CLI, 'export', '--help'], { encoding: 'utf8' })).toContain('--format stix|misp');
  });
});
