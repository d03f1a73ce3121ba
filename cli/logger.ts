// pino, JSON lines on stderr by default; readable lines when stderr is a terminal (or
// VUCRAWL_LOG_PRETTY=1). stdout stays free for command output.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const DEFAULT_LOG_LEVEL = 'info';

export function createLogger(level: string = process.env.VUCRAWL_LOG_LEVEL ?? DEFAULT_LOG_LEVEL): Logger {
  const wantPretty = process.env.VUCRAWL_LOG_PRETTY ? process.env.VUCRAWL_LOG_PRETTY === '1' : process.stderr.isTTY;
  const opts = { level, base: undefined, redact: { paths: ['*.password', '*.authorization', '*.cookie', 'proxy'], censor: '[redacted]' } };
  if (wantPretty) return pino(opts, pretty({ destination: 2, sync: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }));
  return pino(opts, pino.destination({ fd: 2, sync: true }));
}
