// Live progress on a terminal: one line on stderr rewritten in place every second.
import type { CrawlProgress } from '../crawler/crawl.js';

export function startProgress(read: () => CrawlProgress, stream: NodeJS.WriteStream = process.stderr): () => void {
  if (!stream.isTTY) return () => {};
  const draw = () => {
    const p = read();
    stream.write(`\r\x1b[2Kpages ${p.done}  active ${p.active}  queued ${p.queued}  failed ${p.failed}  ${p.pagesPerSecond.toFixed(2)} pages/s`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    draw();
    stream.write('\n');
  };
}
