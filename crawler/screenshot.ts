// One viewport screenshot of a settled page (--screenshots, or a seed's screenshots=on):
// taken through the page's own DevTools session, bounded in time, hashed (SHA-256 of the
// PNG and its perceptual hash), and written once per content as <sha256>.png in the
// screenshots folder. Only the hashes go into the capture: captures.ndjson never holds an image.
import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CapturedScreenshot } from '../capture/capture.js';
import { errorText } from '../runtime/errors.js';
import { withTimeout } from '../runtime/timing.js';
import type { CdpSession } from './cdp-connection.js';
import { perceptualHash } from './phash.js';

/** The screenshot of what the page shows now; a failure (a page that does not paint in time) is recorded, not thrown. */
export async function takeScreenshot(
  cdp: CdpSession,
  dir: string | undefined,
  timeoutMs: number,
): Promise<CapturedScreenshot> {
  try {
    return await withTimeout(shoot(cdp, dir), timeoutMs);
  } catch (e) {
    return { error: errorText(e) };
  }
}

async function shoot(cdp: CdpSession, dir: string | undefined): Promise<CapturedScreenshot> {
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
  const png = Buffer.from(data, 'base64');
  const sha256 = createHash('sha256').update(png).digest('hex');
  const { phash, width, height } = await perceptualHash(png);
  if (dir) await writeOnce(dir, sha256, png);
  return { sha256, phash, width, height };
}

/** Content-addressed: a file that is there already holds these bytes; a new one appears whole (written aside, then renamed). */
async function writeOnce(dir: string, sha256: string, png: Buffer): Promise<void> {
  const file = path.join(dir, `${sha256}.png`);
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  )
    return;
  await mkdir(dir, { recursive: true });
  const part = `${file}.${randomUUID()}.part`;
  try {
    await writeFile(part, png);
    await rename(part, file);
  } finally {
    await rm(part, { force: true });
  }
}
