// Runs the built vucrawl command as a child process, the way operators run it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'main.js');

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** `onStderr` sees the stderr so far after each chunk, and can signal the process. */
export function runCli(args: string[], onStderr?: (stderr: string, kill: (sig: NodeJS.Signals) => void) => void): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, VUCRAWL_LOG_PRETTY: '0' } });
    const run: CliRun = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (d) => { run.stdout += d; });
    child.stderr.on('data', (d) => { run.stderr += d; onStderr?.(run.stderr, (sig) => child.kill(sig)); });
    child.on('exit', (code) => { run.code = code; resolve(run); });
  });
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
export function runCliUntilKilled(args: string[], trigger: (line: string, seen: string[]) => boolean): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, VUCRAWL_LOG_PRETTY: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const seen: string[] = [];
    let rest = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => {
      rest += d.toString();
      const lines = rest.split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        seen.push(line);
        if (!killed && trigger(line, seen)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', () => resolve({ killed }));
  });
}

export interface Served { child: ChildProcessWithoutNullStreams; url: string; stderr: () => string; stop(): Promise<number | null> }

/** Starts `vucrawl serve` on a loopback port and resolves once it said where it listens. */
export function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--listen', '127.0.0.1:0', ...args], { env: { ...process.env, VUCRAWL_LOG_PRETTY: '0' } });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url, stderr: () => err, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then((code) => reject(new Error(`vucrawl serve exited (${code}) before listening: ${err}`)));
  });
}
