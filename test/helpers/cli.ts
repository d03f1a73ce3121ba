// Runs the built vucrawl command as a child process, the way operators run it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `onStderr` sees the stderr so far after each chunk, and can signal the process. */
export async function runCli(
  args: string[],
  onStderr?: (stderr: string, kill: (sig: NodeJS.Signals) => void) => void,
): Promise<CliRun> {
  const p = startCli(args);
  if (onStderr) p.child.stderr.on('data', () => onStderr(p.stderr(), (sig) => p.child.kill(sig)));
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** The message of a JSON log line, or ''. */
export function logMessage(line: string): string {
  try {
    return (JSON.parse(line) as { msg?: string }).msg ?? '';
  } catch {
    return '';
  }
}

/**
 * Runs the command and SIGKILLs it on the first stderr line `trigger` picks (it also sees
 * every line so far); resolves once the process is gone, saying whether it was killed.
 */
export async function runCliUntilKilled(
  args: string[],
  trigger: (line: string, seen: string[]) => boolean,
): Promise<{ killed: boolean }> {
  const p = startCli(args);
  const seen: string[] = [];
  let rest = '';
  let killed = false;
  p.child.stderr.on('data', (d: Buffer) => {
    rest += d.toString();
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      seen.push(line);
      if (!killed && trigger(line, seen)) {
        killed = true;
        p.child.kill('SIGKILL');
      }
    }
  });
  await p.exited;
  return { killed };
}

/** A vucrawl process left running (a server, a worker): what it wrote so far, and its exit. */
export interface Started {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export function startCli(args: string[]): Started {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, VUCRAWL_LOG_PRETTY: '0' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

/** Starts `vucrawl serve` on a loopback port and resolves once it said where it listens. */
export function serve(args: string[]): Promise<Served> {
  const { child, stdout, stderr, exited } = startCli(['serve', '--listen', '127.0.0.1:0', ...args]);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout())?.[1];
      if (url)
        resolve({
          child,
          url,
          stderr,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`vucrawl serve exited (${code}) before listening: ${stderr()}`)));
  });
}
