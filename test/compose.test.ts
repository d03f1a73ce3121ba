// docker-compose.yml and the Dockerfile, checked statically: there is no Docker engine
// where the tests run, so these assertions stand in for `docker compose up` catching a
// wrong host name, port, variable, command or volume only once someone runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI } from './helpers/cli.js';
import { KAFKA_VERSION } from '../tools/kafka/broker.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

type PortSpec = string | { host_ip?: string; published?: string | number; target?: number };
type VolumeSpec = string | { type?: string; source?: string; target?: string };
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: PortSpec[];
  volumes?: VolumeSpec[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
  deploy?: { replicas?: number | string };
  restart?: string;
  stop_grace_period?: string;
  ulimits?: { nofile?: { soft?: number; hard?: number } };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText) as ComposeFile;

function service(name: string): Service {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
}

/** `${VAR:-default}` as compose resolves it with nothing set in the environment. */
const withDefaults = (s: string) =>
  s.replace(/\$\{[A-Za-z0-9_]+(?::?-([^}]*))?\}/g, (_m, def: string | undefined) => def ?? '');

/** A service's environment as name -> raw value (compose accepts a map or NAME=value lines). */
function env(s: Service): Record<string, string> {
  const e = s.environment ?? {};
  if (Array.isArray(e)) return Object.fromEntries(e.map((l) => [l.split('=')[0]!, l.slice(l.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, String(v ?? '')]));
}
function envVar(s: Service, name: string): string {
  const v = env(s)[name];
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
}

/** Published ports in the short ("IP:HOST:CONTAINER") or long syntax. */
function ports(s: Service): { hostIp?: string; published?: number; target: number }[] {
  return (s.ports ?? []).map((p) => {
    if (typeof p !== 'string')
      return {
        hostIp: p.host_ip,
        published: p.published === undefined ? undefined : Number(p.published),
        target: Number(p.target),
      };
    const parts = p.replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts.pop());
    const published = parts.length ? Number(parts.pop()) : undefined;
    return { hostIp: parts.length ? parts.join(':') : undefined, published, target };
  });
}

/** Named volumes a service mounts (bind mounts start with . / or ~). */
function namedVolumes(s: Service): { name: string; target: string }[] {
  return (s.volumes ?? []).flatMap((v) => {
    if (typeof v !== 'string')
      return v.type === 'volume' && v.source ? [{ name: v.source, target: v.target ?? '' }] : [];
    const [source = '', target = ''] = v.split(':');
    return /^[./~]/.test(source) || !target ? [] : [{ name: source, target }];
  });
}

function dependsOn(s: Service): Record<string, string | undefined> {
  const d = s.depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((n) => [n, undefined]));
  return Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v.condition]));
}

const healthcheck = (s: Service) => [s.healthcheck?.test ?? []].flat().join(' ');

/** Kafka listener lists ("NAME://host:port,...") as name -> { host, port }. */
function listeners(list: string): Map<string, { host: string; port: number }> {
  return new Map(
    list.split(',').map((l) => {
      const m = /^([A-Z_]+):\/\/(.*):(\d+)$/.exec(l.trim());
      if (!m) throw new Error(`bad listener ${l}`);
      return [m[1]!, { host: m[2]!, port: Number(m[3]) }];
    }),
  );
}

const durationSeconds = (d: string) => {
  const m = /^(\d+)(s|m)$/.exec(d);
  if (!m) throw new Error(`unexpected duration ${d}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
};

// The services running the vucrawl image (the ones this project builds).
const OURS = ['submit', 'worker', 'loader'];

describe('docker-compose.yml', () => {
  it('runs exactly the pipeline: kafka, clickhouse, submit, the workers and the loader', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['clickhouse', 'kafka', 'loader', 'submit', 'worker']);
  });

  it('pins third-party images; ours is built here, and kafka is the version the test broker uses', () => {
    const builder = Object.values(compose.services).find((s) => s.build);
    expect(builder?.image).toBe('vucrawl:latest');
    for (const [name, s] of Object.entries(compose.services)) {
      if (OURS.includes(name)) {
        // Compose builds the image once (the service with `build:`) and does not pull it for the others.
        expect(s.image, name).toBe(builder?.image);
        continue;
      }
      const tag = /^[^:]+:(.+)$/.exec(s.image ?? '')?.[1];
      expect(tag, `${name} image ${s.image}`).toMatch(/^\d+(\.\d+)+$/); // a version, never "latest"
    }
    expect(service('kafka').image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(service('clickhouse').image).toMatch(/^clickhouse\/clickhouse-server:/);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own ${VAR} syntax, named in the title
  it('runs with nothing set: every ${VAR} has a default, and no stray $ reaches compose', () => {
    for (const m of composeText.matchAll(/\$(\$|\{[^}]*\}|[A-Za-z_])/g)) {
      if (m[1] === '$') continue; // "$$" is a literal dollar
      expect(m[0], 'interpolation without a default').toMatch(/^\$\{[A-Z0-9_]+:-[^}]+\}$/);
    }
    expect(Number(withDefaults(String(service('worker').deploy?.replicas)))).toBeGreaterThanOrEqual(1);
    expect(String(service('worker').deploy?.replicas)).toContain('${VUCRAWL_WORKERS');
  });

  describe('kafka', () => {
    const kafka = service('kafka');
    const listen = listeners(envVar(kafka, 'KAFKA_LISTENERS'));
    const advertised = listeners(envVar(kafka, 'KAFKA_ADVERTISED_LISTENERS'));

    it('is one KRaft node, broker and controller, with no ZooKeeper', () => {
      expect(
        envVar(kafka, 'KAFKA_PROCESS_ROLES')
          .split(',')
          .map((r) => r.trim())
          .sort(),
      ).toEqual(['broker', 'controller']);
      expect(Object.keys(env(kafka)).filter((k) => /ZOOKEEPER/.test(k))).toEqual([]);
      expect(envVar(kafka, 'CLUSTER_ID')).toMatch(/^[A-Za-z0-9_-]{22}$/); // a base64url UUID, as kafka-storage format wants
      // The quorum is this node, on its controller listener.
      const controller = envVar(kafka, 'KAFKA_CONTROLLER_LISTENER_NAMES');
      expect(listen.has(controller)).toBe(true);
      expect(envVar(kafka, 'KAFKA_CONTROLLER_QUORUM_VOTERS')).toMatch(
        new RegExp(`^${envVar(kafka, 'KAFKA_NODE_ID')}@[^:]+:${listen.get(controller)!.port}$`),
      );
      // Every listener has a security protocol.
      const protocols = new Set(
        envVar(kafka, 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP')
          .split(',')
          .map((p) => p.split(':')[0]),
      );
      for (const name of listen.keys()) expect(protocols.has(name), name).toBe(true);
    });

    it('fits one node: internal topics with one replica, and topics created by vucrawl only', () => {
      for (const k of [
        'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
        'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
        'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR',
      ])
        expect(envVar(kafka, k), k).toBe('1');
      expect(envVar(kafka, 'KAFKA_AUTO_CREATE_TOPICS_ENABLE')).toBe('false');
    });

    it('advertises to the other containers exactly the brokers submit, workers and loader are given', () => {
      for (const name of OURS) {
        for (const broker of envVar(service(name), 'VUCRAWL_KAFKA_BROKERS').split(',')) {
          const [host, port] = broker.split(':');
          expect(host, `${name} must reach kafka by its service name`).toBe('kafka');
          const match = [...advertised].find(([, a]) => a.host === host && a.port === Number(port));
          expect(match, `${name}: ${broker} is not an advertised listener`).toBeDefined();
          expect(listen.get(match![0])?.port, `${broker} is advertised but not listened on`).toBe(Number(port));
        }
      }
    });

    it('lets the host consume through a listener advertised as the published localhost port', () => {
      const published = ports(kafka);
      expect(published.length).toBeGreaterThan(0);
      for (const p of published) {
        const external = [...advertised].find(([, a]) => a.host === 'localhost' && a.port === p.published);
        expect(external, `host port ${p.published} is not advertised as localhost:${p.published}`).toBeDefined();
        expect(listen.get(external![0])?.port).toBe(p.target);
      }
    });

    it('keeps its log on a named volume', () => {
      expect(namedVolumes(kafka).map((v) => v.target)).toContain(envVar(kafka, 'KAFKA_LOG_DIRS'));
    });
  });

  describe('clickhouse and the loader', () => {
    const clickhouse = service('clickhouse');
    const loader = service('loader');

    it('the loader reaches ClickHouse by service name on the HTTP port it serves and publishes', () => {
      const url = new URL(envVar(loader, 'VUCRAWL_CLICKHOUSE_URL'));
      expect(url.hostname).toBe('clickhouse');
      expect(Number(url.port)).toBe(8123);
      expect(ports(clickhouse).map((p) => p.target)).toContain(8123);
      expect(healthcheck(clickhouse)).toContain(':8123/');
    });

    it('the loader logs in as the user the server creates, with the same password setting', () => {
      expect(envVar(loader, 'VUCRAWL_CLICKHOUSE_USER')).toBe(envVar(clickhouse, 'CLICKHOUSE_USER'));
      // Both the same expression, so one VUCRAWL_CLICKHOUSE_PASSWORD changes both sides.
      expect(envVar(loader, 'VUCRAWL_CLICKHOUSE_PASSWORD')).toBe(envVar(clickhouse, 'CLICKHOUSE_PASSWORD'));
      expect(envVar(clickhouse, 'CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT')).toBe('1');
      expect(namedVolumes(clickhouse).map((v) => v.target)).toContain('/var/lib/clickhouse');
      expect(clickhouse.ulimits?.nofile?.soft).toBeGreaterThanOrEqual(262144);
    });

    it('serves metrics on all of its interfaces, on the port it publishes and its healthcheck probes', () => {
      const m = /^(.+):(\d+)$/.exec(envVar(loader, 'VUCRAWL_METRICS'));
      expect(m?.[1], 'bound to loopback inside the container, a published port would reach nothing').toBe('0.0.0.0');
      const port = Number(m?.[2]);
      expect(ports(loader).map((p) => p.target)).toEqual([port]);
      expect(healthcheck(loader)).toContain(`:${port}/metrics`);
    });

    it('gets time on SIGTERM to load and commit the batch in hand', () => {
      expect(durationSeconds(loader.stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(30);
    });
  });

  it('publishes ports on the host loopback only', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const p of ports(s)) expect(p.hostIp, `${name} publishes ${p.target} beyond 127.0.0.1`).toBe('127.0.0.1');
    }
  });

  it('starts submit, workers and loader once what they depend on is healthy', () => {
    expect(dependsOn(service('submit'))).toEqual({ kafka: 'service_healthy' });
    expect(dependsOn(service('worker'))).toEqual({ kafka: 'service_healthy' });
    expect(dependsOn(service('loader'))).toEqual({ kafka: 'service_healthy', clickhouse: 'service_healthy' });
    for (const s of Object.values(compose.services)) {
      for (const dep of Object.keys(dependsOn(s)))
        expect(healthcheck(service(dep)), `${dep} has no healthcheck`).not.toBe('');
    }
  });

  it('sets only VUCRAWL_* variables the code reads, and the ones each role needs', () => {
    // What the code reads: process.env.VUCRAWL_X / env.VUCRAWL_X, or the name as a string
    // literal (connect.ts maps options to names); help text and comments do not count.
    const reads = new Set<string>();
    for (const dir of ['cli', 'capture', 'seeds', 'crawler', 'extractor', 'sinks', 'store', 'pipeline', 'runtime']) {
      for (const file of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts')) continue;
        for (const m of read(path.join(dir, file)).matchAll(
          /\benv\.(VUCRAWL_[A-Z0-9_]+)\b|['"`](VUCRAWL_[A-Z0-9_]+)['"`]/g,
        ))
          reads.add(m[1] ?? m[2]!);
      }
    }
    expect(reads.has('VUCRAWL_KAFKA_BROKERS')).toBe(true); // the scan finds reads at all
    for (const [name, s] of Object.entries(compose.services)) {
      for (const v of Object.keys(env(s)).filter((k) => k.startsWith('VUCRAWL_')))
        expect(reads.has(v), `${name} sets ${v}, which nothing reads`).toBe(true);
    }
    for (const name of ['submit', 'worker'])
      expect(Object.keys(env(service(name))), name).toContain('VUCRAWL_KAFKA_BROKERS');
    expect(Object.keys(env(service('loader')))).toEqual(
      expect.arrayContaining(['VUCRAWL_KAFKA_BROKERS', 'VUCRAWL_CLICKHOUSE_URL']),
    );
  });

  it('runs commands and options the CLI knows', () => {
    expect(existsSync(CLI), `${CLI} is missing: run "npm run build"`).toBe(true);
    const help = spawnSync(process.execPath, [CLI, 'help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const name of OURS) {
      const [command, ...args] = service(name).command ?? [];
      expect(help.stdout, `${name}: vucrawl ${command}`).toContain(`vucrawl ${command} `);
      // Each command's own help lists the flags it takes.
      const own = spawnSync(process.execPath, [CLI, command!, '--help'], { encoding: 'utf8' });
      expect(own.status).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--')))
        expect(own.stdout, `${name}: ${flag}`).toMatch(new RegExp(`\\s${flag}\\b`));
    }
    expect(service('submit').command).toEqual(['submit', '--demo']);
    expect(service('worker').command?.slice(0, 2)).toEqual(['worker', '--demo']);
    expect(service('loader').command).toEqual(['load']);
  });

  it('submits once, and lets each worker finish its pages in flight on SIGTERM', () => {
    expect(service('submit').restart).toBe('no');
    expect(durationSeconds(service('worker').stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(30);
    // Several replicas: no host port each (they would collide), their own folder on the shared volume.
    expect(ports(service('worker'))).toEqual([]);
    expect(service('worker').command).toEqual(expect.arrayContaining(['--out', '/data/{hostname}']));
    const metrics = service('worker').command![service('worker').command!.indexOf('--metrics') + 1];
    expect(metrics, 'bound to loopback inside the container, nothing could scrape it').toMatch(/^0\.0\.0\.0:\d+$/);
  });

  it('declares every named volume the services mount, and mounts every one it declares', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = Object.values(compose.services).flatMap((s) => namedVolumes(s).map((v) => v.name));
    for (const v of used) expect(declared, `volume ${v}`).toContain(v);
    expect([...new Set(used)].sort()).toEqual([...declared].sort());
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  // COPY [--chown=...] SRC... DEST: the sources.
  const copied = new Set(
    instructions
      .filter((l) => /^COPY\s/.test(l))
      .flatMap((l) =>
        l
          .trim()
          .split(/\s+/)
          .slice(1, -1)
          .filter((a) => !a.startsWith('--')),
      ),
  );

  it("is on Playwright's image for the installed playwright version, so its browsers match", () => {
    const { version } = JSON.parse(read('node_modules/playwright/package.json')) as { version: string };
    const from = instructions.find((l) => l.startsWith('FROM '));
    expect(from).toMatch(new RegExp(`^FROM mcr\\.microsoft\\.com/playwright:v${version.replace(/\./g, '\\.')}-`));
  });

  it('copies everything tsconfig.json compiles, the schemas and the package files', () => {
    const { include } = JSON.parse(read('tsconfig.json')) as { include: string[] };
    const folders = new Set(include.map((p) => p.split('/')[0]!));
    for (const f of [...folders, 'schemas', 'package.json', 'package-lock.json', 'tsconfig.json'])
      expect(copied.has(f), `COPY ${f}`).toBe(true);
  });

  it('installs with npm install (npm ci rejects the lock file elsewhere) and runs the package bin', () => {
    expect(instructions.some((l) => /^RUN .*\bnpm install\b/.test(l))).toBe(true);
    expect(instructions.filter((l) => /\bnpm ci\b/.test(l))).toEqual([]);
    const { bin } = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(instructions).toContain(`ENTRYPOINT ["node", "${bin.vucrawl}"]`);
  });

  it('.dockerignore keeps local builds and output out, and nothing the build copies', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
    for (const f of copied) expect(ignored, `${f} is copied but ignored`).not.toContain(f);
  });
});
