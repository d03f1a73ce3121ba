// The schema on a ClickHouse cluster (--clickhouse-cluster): the same migrations, ON CLUSTER,
// with replicated local tables under Distributed ones that keep the plain names. Checked on
// the statements themselves (store.test.ts has ClickHouse's parser read every one).
import { describe, expect, it } from 'vitest';
import { schemaStatements } from '../../store/schema/migrations.js';

const single = schemaStatements({ db: 'vucrawl' });
const cluster = schemaStatements({ db: 'vucrawl', cluster: 'crawl' });
/** Table name -> its CREATE statement. */
const creates = (statements: string[]) =>
  new Map(
    statements.flatMap((q) => {
      const m = /^CREATE TABLE IF NOT EXISTS vucrawl\.(\w+)/.exec(q);
      return m ? [[m[1]!, q] as const] : [];
    }),
  );

describe('schema on one server', () => {
  it('has no cluster, no local tables and no Distributed ones', () => {
    expect(single.join('\n')).not.toMatch(/ON CLUSTER|_local\b|Distributed|Replicated/);
    expect(creates(single).get('host_pairs')).toMatch(
      /ENGINE = MergeTree .*non_replicated_deduplication_window = 10000/s,
    );
  });
});

describe('schema on a cluster', () => {
  const tables = creates(cluster);

  it('runs every DDL statement on the whole cluster, and the one backfill once, through the Distributed tables', () => {
    const [inserts, ddl] = [
      cluster.filter((q) => q.startsWith('INSERT')),
      cluster.filter((q) => !q.startsWith('INSERT')),
    ];
    for (const q of ddl) expect(q, q.slice(0, 80)).toContain(' ON CLUSTER crawl');
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatch(/^INSERT INTO vucrawl\.favicon_rollup SELECT .* FROM vucrawl\.pages WHERE/s);
  });

  it('creates each table of one server as a replicated local table with a Distributed table of the same name over it', () => {
    const names = [...creates(single).keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'pages',
        'host_pairs',
        'host_pairs_by_child',
        'favicon_rollup',
        'dead_letters',
        'schema_migrations',
      ]),
    );
    const paths = new Set<string>();
    for (const name of names) {
      const local = tables.get(`${name}_local`);
      expect(local, name).toMatch(
        /ENGINE = Replicated(Aggregating)?MergeTree\('\/clickhouse\/tables\/\{shard\}\/vucrawl\/(\w+)', '\{replica\}'\)/,
      );
      paths.add(/tables\/\{shard\}\/vucrawl\/(\w+)'/.exec(local!)![1]!);
      expect(local).toContain('replicated_deduplication_window = 10000');
      // The same engine family as on one server (a rollup stays aggregating).
      expect(/Aggregating/.test(local!), name).toBe(/AggregatingMergeTree/.test(creates(single).get(name)!));
      expect(tables.get(name), name).toMatch(
        new RegExp(
          `^CREATE TABLE IF NOT EXISTS vucrawl\\.${name} ON CLUSTER crawl AS vucrawl\\.${name}_local ENGINE = Distributed\\(crawl, vucrawl, ${name}_local, (cityHash64\\(capture_id\\)|rand\\(\\))\\)$`,
        ),
      );
    }
    // One replica path per table: two tables never share a ZooKeeper/Keeper path.
    expect(paths.size).toBe(names.length);
  });

  it("keeps one page's raw rows on one shard, and materialized views between local tables", () => {
    for (const raw of [
      'pages',
      'host_pairs',
      'trackers',
      'resources',
      'cookies',
      'host_ips',
      'certificates',
      'components',
    ]) {
      expect(tables.get(raw), raw).toMatch(/Distributed\(crawl, vucrawl, \w+_local, cityHash64\(capture_id\)\)$/);
    }
    const views = cluster.filter((q) => q.startsWith('CREATE MATERIALIZED VIEW'));
    expect(views.length).toBe(9);
    for (const v of views)
      expect(v, v.slice(0, 80)).toMatch(/TO vucrawl\.\w+_local AS\s+SELECT .* FROM vucrawl\.\w+_local\b/s);
    const modified = cluster.filter((q) => q.includes('MODIFY QUERY'));
    for (const q of modified) expect(q).toMatch(/FROM vucrawl\.\w+_local\b/);
  });

  it('changes a column on the local and the Distributed table alike', () => {
    const alters = cluster.filter((q) => q.includes('MODIFY COLUMN outcome'));
    expect(alters).toEqual([
      'ALTER TABLE vucrawl.pages_local ON CLUSTER crawl MODIFY COLUMN outcome String',
      'ALTER TABLE vucrawl.pages ON CLUSTER crawl MODIFY COLUMN outcome String',
    ]);
  });

  it('refuses a cluster name that is not an identifier', () => {
    expect(() => schemaStatements({ db: 'vucrawl', cluster: 'a; DROP TABLE x' })).toThrow(
      /not a ClickHouse identifier/,
    );
  });
});
