// CLI for a developer's Kafka broker (tools/kafka/broker.ts), `node dist/tools/kafka/main.js` (`npm run kafka --`):
//   fetch                        fetch the broker's jars into the cache, print the cache folder
//   start [--port N] [--data D]  start a broker that outlives this command; prints
//                                KAFKA_BROKERS=127.0.0.1:PORT and KAFKA_DATA_DIR=... (eval-able)
//   stop [--keep]                stop the recorded broker, remove its data folder unless --keep
//   status                       say whether the recorded broker runs (exit 1 if not)
// The running broker is recorded in $TMPDIR/vucrawl-kafka-broker.json.
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fetchKafka, isAlive, startBroker, stopProcess } from './broker.js';

interface State {
  pid: number;
  port: number;
  controllerPort: number;
  dataDir: string;
}

const STATE_FILE = path.join(os.tmpdir(), 'vucrawl-kafka-broker.json');
const say = (msg: string): void => {
  process.stderr.write(`kafka: ${msg}\n`);
};

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined) throw new Error(`${name} needs a value`);
  return v;
}

function portArg(args: string[]): number | undefined {
  const v = arg(args, '--port');
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error('--port needs a port number');
  return n;
}

async function readState(): Promise<State | undefined> {
  try {
    return JSON.parse(await readFile(STATE_FILE, 'utf8')) as State;
  } catch {
    return undefined;
  }
}

/** Alive and still a Kafka JVM: a recorded PID may have been reused by another process since. */
function brokerAlive(s: State): boolean {
  if (!isAlive(s.pid)) return false;
  const cmdline = `/proc/${s.pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('kafka.Kafka');
}

async function main(): Promise<number> {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case 'fetch': {
      process.stdout.write(`${path.dirname(await fetchKafka(say))}\n`);
      return 0;
    }
    case 'start': {
      const old = await readState();
      if (old && brokerAlive(old)) {
        say(
          `a broker is already running (pid ${old.pid}, 127.0.0.1:${old.port}, data ${old.dataDir}); stop it first with \`stop\``,
        );
        return 1;
      }
      const dataDir = arg(args, '--data');
      const b = await startBroker({
        port: portArg(args),
        dataDir: dataDir && path.resolve(dataDir),
        keepAfterExit: true,
        log: say,
      });
      const state: State = { pid: b.pid, port: b.port, controllerPort: b.controllerPort, dataDir: b.dataDir };
      await writeFile(STATE_FILE, `${JSON.stringify(state)}\n`);
      say(`broker pid ${b.pid} is running, log ${b.logFile}`);
      process.stdout.write(`KAFKA_BROKERS=${b.bootstrap}\nKAFKA_DATA_DIR=${b.dataDir}\n`);
      return 0;
    }
    case 'stop': {
      const s = await readState();
      if (!s) {
        say(`no broker recorded in ${STATE_FILE}`);
        return 0;
      }
      if (brokerAlive(s)) {
        await stopProcess(s.pid);
        say(`stopped broker pid ${s.pid}`);
      } else {
        say(`broker pid ${s.pid} was not running`);
      }
      await rm(STATE_FILE, { force: true });
      if (!args.includes('--keep')) {
        await rm(s.dataDir, { recursive: true, force: true });
        say(`removed ${s.dataDir}`);
      }
      return 0;
    }
    case 'status': {
      const s = await readState();
      if (s && brokerAlive(s)) {
        process.stdout.write(`running: pid ${s.pid}, KAFKA_BROKERS=127.0.0.1:${s.port}, data ${s.dataDir}\n`);
        return 0;
      }
      process.stdout.write(s ? `not running (pid ${s.pid} recorded in ${STATE_FILE} is gone)\n` : 'not running\n');
      return 1;
    }
    default:
      say('usage: main.js fetch | start [--port N] [--data DIR] | stop [--keep] | status');
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    say(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
