// pino, JSON lines on stderr by default; readable lines when stderr is a terminal (or
// VUCRAWL_LOG_PRETTY=1). stdout stays free for command output. pino (about 20 ms to load)
// is created at the logger's first use, and pino-pretty (about 18 ms more) at the first
// line written: a short command that logs nothing, a pivot, pays for neither.
import { createRequire } from 'node:module';
import type pino from 'pino';
import type { Logger } from 'pino';
import type pretty from 'pino-pretty';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const DEFAULT_LOG_LEVEL = 'info';

const load = createRequire(import.meta.url);

export function createLogger(level: string = process.env.VUCRAWL_LOG_LEVEL ?? DEFAULT_LOG_LEVEL): Logger {
  let real: Logger | undefined;
  const logger = () => (real ??= createPino(level));
  // Every property of the real logger, methods bound to it, once something asks for one.
  return new Proxy({} as Logger, {
    get: (_t, key) => {
      const value: unknown = Reflect.get(logger(), key);
      return typeof value === 'function' ? value.bind(logger()) : value;
    },
    set: (_t, key, value) => Reflect.set(logger(), key, value),
  });
}

function createPino(level: string): Logger {
  const make = load('pino') as typeof pino;
  const wantPretty = process.env.VUCRAWL_LOG_PRETTY ? process.env.VUCRAWL_LOG_PRETTY === '1' : process.stderr.isTTY;
  const opts = {
    level,
    base: undefined,
    redact: { paths: ['*.password', '*.authorization', '*.cookie', 'proxy'], censor: '[redacted]' },
  };
  if (wantPretty) {
    let stream: { write(line: string): unknown } | undefined;
    const prettyStream = () =>
      (load('pino-pretty') as typeof pretty)({
        destination: 2,
        sync: true,
        translateTime: 'HH:MM:ss',
        ignore: 'pid,hostname',
      });
    return make(opts, { write: (line: string) => (stream ??= prettyStream()).write(line) });
  }
  return make(opts, make.destination({ fd: 2, sync: true }));
}
