// Live progress on a terminal: one line at the bottom of stderr, rewritten every second.
// Log lines share stderr: each one clears the progress line first and the progress line
// is drawn again under it, so the two never end up on one line.
import type { CrawlProgress } from '../crawler/crawl.js';

const CLEAR_LINE = '\r\x1b[2K';

/** A terminal stream with a status line kept below whatever else is written. */
export class StatusLine {
  private text = '';

  constructor(private readonly stream: { write(s: string): unknown; isTTY?: boolean }) {}

  /** Writes a whole line (or lines) above the status line. */
  write(lines: string): void {
    this.stream.write(this.text ? `${CLEAR_LINE}${lines}${this.text}` : lines);
  }

  show(text: string): void {
    this.text = text;
    this.stream.write(`${CLEAR_LINE}${text}`);
  }

  /** Leaves the last status where it is, on a line of its own. */
  end(): void {
    if (this.text) this.stream.write('\n');
    this.text = '';
  }
}

/** stderr as the logger and the progress line share it. */
export const stderrLine = new StatusLine(process.stderr);

export function startProgress(
  read: () => CrawlProgress,
  line: StatusLine = stderrLine,
  isTTY = process.stderr.isTTY,
): () => void {
  if (!isTTY) return () => {};
  const draw = () => {
    const p = read();
    line.show(
      `pages ${p.done}  active ${p.active}  queued ${p.queued}  failed ${p.failed}  ${p.pagesPerSecond.toFixed(2)} pages/s`,
    );
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    draw();
    line.end();
  };
}
