// The Kafka client comparison (`npm run bench -- --only kafka-clients`): kafkajs, the
// client in use, against the maintained candidates, on one real broker (the project's
// own, tools/kafka/broker.ts). Each client's run is a child process (kafka-client-run.ts)
// on the Node version it needs: kafkajs on this Node and on Node 24 (which separates
// Node's share of a difference from the client's), @confluentinc/kafka-javascript on this
// Node (its addon is built for one Node ABI), @platformatic/kafka on Node 24 (it asks for
// 22.22 or 24.6 and later). Node 24 is the `node` package from the npm registry, through
// npx. The candidates stay outside package.json, in ~/.cache/vucrawl/kafka-clients/<client>
// (VUCRAWL_KAFKA_CLIENTS); one not installed there is skipped, with the command that installs it.
// Before each run every topic it uses is deleted and created again, so each client reads
// exactly its own 500,000 events; repetitions alternate the clients.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { createKafka, ensureTopics, kafkaOptions, type KafkaOptions } from '../sinks/kafka/connect.js';
import { withAdmin } from '../sinks/kafka/group-consumer.js';
import { DLQ_TOPIC, EVENT_TOPICS, TARGETS_TOPIC } from '../sinks/kafka/topics.js';
import { startBroker } from '../tools/kafka/broker.js';
import { sleep } from '../runtime/timing.js';

export type ClientName = 'kafkajs' | 'confluent' | 'platformatic';

/** Where a candidate is installed, outside this project's package.json. */
export const candidateDir = (client: ClientName): string =>
  path.join(process.env.VUCRAWL_KAFKA_CLIENTS ?? path.join(homedir(), '.cache', 'vucrawl', 'kafka-clients'), client);

export interface Phase {
  events: number;
  seconds: number;
  cpuSeconds: number;
}
export interface ClientRun {
  client: ClientName;
  node: string;
  publish: Phase;
  publishTargets: Phase;
  bare: Phase;
  loader: Phase;
  /** The project's own Loader (kafkajs only). */
  realLoader?: Phase;
  worker: Phase;
  /** Whether the client could record the batch boundary as commit metadata (the loader's protocol needs it). */
  commitMetadata: boolean;
}

interface Candidate {
  client: ClientName;
  /** Node 24 from the npm registry rather than this Node. */
  node24: boolean;
  /** The file whose presence says it is installed (none: a dependency of this project). */
  marker?: string;
  install?: string;
}

const CANDIDATES: Candidate[] = [
  { client: 'kafkajs', node24: false },
  { client: 'kafkajs', node24: true },
  {
    client: 'confluent',
    node24: false,
    marker: 'node_modules/@confluentinc/kafka-javascript/build/Release/confluent-kafka-javascript.node',
    // Its default static build downloads zlib, OpenSSL, zstd and curl sources from their sites;
    // the dynamic one builds the bundled librdkafka against the system's libssl and zlib.
    install: 'CKJS_LINKING=dynamic npm install --no-audit --no-fund @confluentinc/kafka-javascript@1.10.1',
  },
  {
    client: 'platformatic',
    node24: true,
    marker: 'node_modules/@platformatic/kafka/package.json',
    install: 'npm install --no-audit --no-fund @platformatic/kafka@2.12.1',
  },
];

const TOPICS = [EVENT_TOPICS.host_pair.topic, TARGETS_TOPIC, DLQ_TOPIC];
const here = path.dirname(fileURLToPath(import.meta.url));

export const labelOfRun = (r: ClientRun): string => `${r.client} (Node ${r.node.split('.')[0]!.slice(1)})`;

/** The Node 24 binary of the npm registry's `node` package (fetched once by npx). */
function node24(): string {
  const r = spawnSync('npx', ['--yes', '--package', 'node@24', '--', 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npx --package node@24 failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Deletes the bench's topics and creates them again, empty. */
async function emptyTopics(kafka: Kafka, ko: KafkaOptions): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    const existing = (await admin.listTopics()).filter((t) => TOPICS.includes(t));
    if (existing.length) await admin.deleteTopics({ topics: existing });
    while ((await admin.listTopics()).some((t) => TOPICS.includes(t))) await sleep(200);
  });
  // A topic just deleted may not be creatable at once ("marked for deletion").
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureTopics(kafka, ko, TOPICS);
      return;
    } catch (e) {
      if (attempt >= 20) throw e;
      await sleep(500);
    }
  }
}

function runChild(node: string, args: string[]): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [path.join(here, 'kafka-client-run.js'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ClientRun);
      else reject(new Error(`${args[0]} run exited with ${code}: ${out.slice(-2000)}`));
    });
  });
}

export async function kafkaClientsBench(events: number, reps: number): Promise<ClientRun[]> {
  const present = CANDIDATES.filter((c) => {
    if (!c.marker || existsSync(path.join(candidateDir(c.client), c.marker))) return true;
    console.log(`(${c.client} not installed: skipped; install it with: cd ${candidateDir(c.client)} && ${c.install})`);
    return false;
  });
  const nodeOf = (c: Candidate) => (c.node24 ? node24() : process.execPath);
  const nodes = new Map(present.map((c) => [c, nodeOf(c)]));
  const broker = await startBroker({ heapMb: 1024 });
  const runs: ClientRun[] = [];
  try {
    const ko = kafkaOptions({ brokers: broker.bootstrap })!;
    const kafka = createKafka(ko, pino({ level: 'warn' }));
    for (let rep = 0; rep < reps; rep++) {
      for (const c of present) {
        await emptyTopics(kafka, ko);
        const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-kafka-clients-'));
        try {
          const r = await runChild(nodes.get(c)!, [c.client, broker.bootstrap, String(events), dir]);
          console.log(JSON.stringify({ bench: 'kafka-clients', rep, ...r }));
          runs.push(r);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await broker.stop();
    rmSync(broker.dataDir, { recursive: true, force: true });
  }
  return runs;
}
