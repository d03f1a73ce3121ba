// The progress line and log lines share stderr on a terminal: a log line never lands on the
// progress line's row, and the progress line is drawn again under it.
import { describe, expect, it, vi } from 'vitest';
import { startProgress, StatusLine } from '../../cli/progress.js';

function terminal() {
  const chunks: string[] = [];
  /** What the terminal shows: each \r\x1b[2K clears the current row. */
  const screen = () =>
    chunks
      .join('')
      .replace(/[^\n]*\r\x1b\[2K/g, '')
      .split('\n');
  return { stream: { write: (s: string) => chunks.push(s) }, screen };
}

describe('the progress line', () => {
  it('stays below the log lines written while it shows', () => {
    const t = terminal();
    const line = new StatusLine(t.stream);
    line.write('first log\n');
    line.show('pages 1');
    line.write('second log\n');
    line.show('pages 2');
    line.write('third log\n');
    expect(t.screen()).toEqual(['first log', 'second log', 'third log', 'pages 2']);
    line.end();
    line.write('after\n');
    expect(t.screen()).toEqual(['first log', 'second log', 'third log', 'pages 2', 'after', '']);
  });

  it('is drawn every second on a terminal and not at all elsewhere', () => {
    vi.useFakeTimers();
    try {
      const t = terminal();
      let done = 0;
      const stop = startProgress(
        () => ({ done: ++done, failed: 0, active: 1, queued: 3, pagesPerSecond: 1.5 }),
        new StatusLine(t.stream),
        true,
      );
      vi.advanceTimersByTime(2_000);
      stop();
      expect(t.screen()).toEqual(['pages 3  active 1  queued 3  failed 0  1.50 pages/s', '']);
      const piped = terminal();
      startProgress(
        () => {
          throw new Error('not read when stderr is not a terminal');
        },
        new StatusLine(piped.stream),
        false,
      )();
      expect(piped.screen()).toEqual(['']);
    } finally {
      vi.useRealTimers();
    }
  });
});
