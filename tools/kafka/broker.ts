// A real single-node Apache Kafka broker (KRaft, combined broker+controller) for tests and
// developers: the jars come from Maven Central (pom.xml beside this file) into a cache, and
// the broker runs under Java 17 on 127.0.0.1 with its data in a temporary folder.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

export const KAFKA_VERSION = '3.9.1';

export interface BrokerOptions {
  port?: number;
  controllerPort?: number;
  dataDir?: string;
  heapMb?: number;
  log?: (msg: string) => void;
  /** Let the broker outlive this Node process (the CLI's `start`); by default it is killed when Node exits. */
  keepAfterExit?: boolean;
}

export interface Broker {
  bootstrap: string;
  port: number;
  controllerPort: number;
  pid: number;
  dataDir: string;
  logFile: string;
  /** SIGTERM (a clean shutdown that flushes the logs), SIGKILL after 15 s; resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const MARKER = 'complete';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const here = path.dirname(fileURLToPath(import.meta.url));
// Beside this file when run from source (vitest), or from dist/tools/kafka/ back to the source tree.
const POM = [path.join(here, 'pom.xml'), path.resolve(here, '..', '..', '..', 'tools', 'kafka', 'pom.xml')].find((p) =>
  existsSync(p),
);

export function cacheDir(): string {
  return process.env.VUCRAWL_KAFKA_CACHE ?? path.join(os.homedir(), '.cache', 'vucrawl', `kafka-${KAFKA_VERSION}`);
}

/** Runs a command to completion; its output only matters when it fails. */
function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err)
        reject(
          new Error(`${cmd} failed (${err.code ?? err.signal}): ${cmd} ${args.join(' ')}\n${stdout}${stderr}`.trim()),
        );
      else resolve();
    });
  });
}

/** Fetches the broker's jars into the cache unless a previous fetch completed; returns the folder of jars. */
export async function fetchKafka(log: (msg: string) => void = () => {}): Promise<string> {
  const cache = cacheDir();
  const lib = path.join(cache, 'lib');
  if (existsSync(path.join(cache, MARKER))) return lib;
  if (!POM) throw new Error(`tools/kafka/pom.xml not found from ${here}`);
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars with Maven into ${cache}`);
  await mkdir(cache, { recursive: true });
  // Copy into a private folder first so that an interrupted fetch never looks complete.
  const tmp = path.join(cache, `lib.${process.pid}`);
  try {
    await run('mvn', [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      POM,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${tmp}`,
    ]);
    if (!(await readdir(tmp)).includes(`kafka_2.13-${KAFKA_VERSION}.jar`))
      throw new Error(`Maven did not fetch kafka_2.13-${KAFKA_VERSION}.jar into ${tmp}`);
    await rm(lib, { recursive: true, force: true });
    await rename(tmp, lib);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await writeFile(path.join(cache, MARKER), `${KAFKA_VERSION}\n`);
  return lib;
}

/** `n` ports that were free a moment ago on 127.0.0.1 (held open together, so they differ). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** True while `pid` is a live process: signal 0 reaches it and it is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A dead process that its parent has not reaped (e.g. a detached broker under a PID 1
  // that does not reap) still answers signal 0.
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > end) return false;
    await sleep(100);
  }
  return true;
}

/** Whether `p` settles within `ms` (without a timer left behind to hold Node up). */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void p.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** SIGTERM and up to `graceMs` for a clean shutdown (none if 0), then SIGKILL; `gone(ms)` tells whether it ended in time. */
async function terminate(pid: number, graceMs: number, gone: (ms: number) => Promise<boolean>): Promise<void> {
  if (graceMs > 0) {
    signal(pid, 'SIGTERM');
    if (await gone(graceMs)) return;
  }
  signal(pid, 'SIGKILL');
  if (!(await gone(10_000))) throw new Error(`process ${pid} still alive after SIGKILL`);
}

/** Stops a broker this process did not start (the CLI's `stop`) by PID: SIGTERM, SIGKILL after `graceMs`. */
export function stopProcess(pid: number, graceMs = STOP_GRACE_MS): Promise<void> {
  return terminate(pid, graceMs, (ms) => waitGone(pid, ms));
}

function clusterId(): string {
  // 16 random bytes as Kafka's base64url Uuid; one starting with '-' would read as an option.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(dataDir: string, port: number, cport: number): string {
  return `# written by vucrawl tools/kafka/broker.ts
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${cport}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${path.join(dataDir, 'logs')}
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Internal topics with one partition: created in a blink on first use, enough for one node.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
# Few threads and a small log-cleaner buffer (128 MB by default, allocated up front) for a
# 2-core machine and a small heap.
num.network.threads=2
num.io.threads=2
background.threads=2
log.cleaner.dedupe.buffer.size=16777216
`;
}

// Everything to stdout, which goes to the broker's log file.
const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
`;

// Lean JVM for a 2-core machine: serial GC, C1 only (fast start, little JIT work), no hsperfdata files.
function jvmArgs(lib: string, dataDir: string, heapMb: number): string[] {
  return [
    `-Xmx${heapMb}m`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:-UsePerfData',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${path.join(dataDir, 'log4j.properties')}`,
    '-cp',
    path.join(lib, '*'),
  ];
}

/** The log's error lines (the cause is there; the tail is mostly the shutdown) and its last lines. */
async function logExcerpt(file: string): Promise<string> {
  let lines: string[];
  try {
    lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  } catch {
    return '(no log)';
  }
  const errors = [...new Set(lines.filter((l) => /^\[[^\]]+\] (ERROR|FATAL) |^Caused by: /.test(l)))].slice(0, 20);
  return [...errors, '...', ...lines.slice(-15)].join('\n');
}

/** One Metadata round trip through the real protocol: the broker serves requests only once it is unfenced. */
async function answers(bootstrap: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'vucrawl-kafka-ready',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export async function startBroker(o: BrokerOptions = {}): Promise<Broker> {
  const log = o.log ?? (() => {});
  const lib = await fetchKafka(log);
  const [p1, p2] = (await freePorts(2)) as [number, number];
  const port = o.port ?? p1;
  const controllerPort = o.controllerPort ?? (p2 === port ? p1 : p2); // never the broker's own port
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vucrawl-kafka-')));
  try {
    return await launch(lib, port, controllerPort, dataDir, o.heapMb ?? 512, o.keepAfterExit ?? false, log);
  } catch (err) {
    // A folder of our own making holds nothing worth keeping; the error carries the log's excerpt.
    if (o.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

async function launch(
  lib: string,
  port: number,
  controllerPort: number,
  dataDir: string,
  heapMb: number,
  keepAfterExit: boolean,
  log: (msg: string) => void,
): Promise<Broker> {
  await mkdir(dataDir, { recursive: true });
  const props = path.join(dataDir, 'server.properties');
  await writeFile(props, serverProperties(dataDir, port, controllerPort));
  await writeFile(path.join(dataDir, 'log4j.properties'), LOG4J);

  // Format once: a restart on the same folder keeps the cluster, its topics and messages.
  if (!existsSync(path.join(dataDir, 'logs', 'meta.properties'))) {
    const id = clusterId();
    log(`formatting ${dataDir} for cluster ${id}`);
    await run('java', [...jvmArgs(lib, dataDir, 256), 'kafka.tools.StorageTool', 'format', '-t', id, '-c', props]);
  }

  const logFile = path.join(dataDir, 'kafka.log');
  const out = openSync(logFile, 'a');
  // Own process group: a Ctrl-C in the terminal does not reach the broker; stop()/kill() or the exit hook end it.
  const child = spawn('java', [...jvmArgs(lib, dataDir, heapMb), 'kafka.Kafka', props], {
    cwd: dataDir,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start java: ${await new Promise((r) => child.once('error', r))}`);
  let exitCode: string | undefined;
  // Our own child: wait for Node to have reaped it, so that its PID is really gone afterwards.
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, sig) => {
      exitCode = sig ?? String(code);
      resolve();
    }),
  );

  // Last resort when Node exits with the broker still running (a test that failed before stop()).
  const onExit = (): void => signal(pid, 'SIGKILL');
  if (!keepAfterExit) process.on('exit', onExit);

  let ending: Promise<void> | undefined;
  const end = (graceMs: number): Promise<void> => {
    ending ??= terminate(pid, graceMs, (ms) => within(exited, ms)).finally(() => process.off('exit', onExit));
    return ending;
  };
  const bootstrap = `127.0.0.1:${port}`;
  const broker: Broker = {
    bootstrap,
    port,
    controllerPort,
    pid,
    dataDir,
    logFile,
    stop: () => end(STOP_GRACE_MS),
    kill: () => end(0),
  };

  log(`starting Kafka ${KAFKA_VERSION} broker pid ${pid} on ${bootstrap}, log ${logFile}`);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await Promise.race([answers(bootstrap), exited.then(() => false)]))) {
    const why =
      exitCode !== undefined
        ? `exited (${exitCode})`
        : Date.now() > deadline
          ? `did not answer within ${READY_TIMEOUT_MS / 1000} s`
          : undefined;
    if (why) {
      await broker.kill();
      throw new Error(`Kafka broker on ${bootstrap} ${why}; its log says:\n${await logExcerpt(logFile)}`);
    }
    await sleep(250);
  }
  // The handle must not keep Node (the CLI's `start`) alive; its 'exit' event still comes while Node runs.
  child.unref();
  return broker;
}
