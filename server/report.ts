// The report for people, assembled: its data from the store (store/queries/summary-report.ts),
// thumbnails of the latest screenshots from the crawl output folders (screenshots.ts), the
// page from the pure renderer (exchange/html-report.ts). `vucrawl report` and GET /ui/report
// both call this, so the file and the web page are the same report.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { renderReportHtml, type ReportShot } from '../exchange/html-report.js';
import type { TableAccess } from '../store/access.js';
import { readSummaryReport, type ReportSubject, type SummaryReport } from '../store/queries/summary-report.js';
import type { ScreenshotFiles } from './screenshots.js';

/** Screenshots in a report at most (the latest, one per page URL), and their width: thumbnails keep the file small. */
const MAX_SHOTS = 8;
const THUMB_WIDTH = 480;

export async function buildReport(
  a: TableAccess,
  subject: ReportSubject,
  w: { since: number; until?: number },
  screenshots: ScreenshotFiles,
): Promise<{ report: SummaryReport; html: string }> {
  const report = await readSummaryReport(a, subject, w);
  const shots: ReportShot[] = [];
  const urls = new Set<string>();
  for (const p of report.pages) {
    if (shots.length >= MAX_SHOTS) break;
    const file = p.screenshot_sha256 ? screenshots.find(p.screenshot_sha256) : undefined;
    if (!file || urls.has(p.url)) continue;
    urls.add(p.url);
    // A file that is no image (damaged, or not ours) is left out rather than failing the report.
    const jpeg = await sharp(readFileSync(file))
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer()
      .catch(() => undefined);
    if (!jpeg) continue;
    shots.push({
      capture_id: p.capture_id,
      url: p.url,
      title: p.title,
      observed_at: p.observed_at,
      data_uri: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    });
  }
  return { report, html: renderReportHtml(report, shots) };
}
