// The screenshots a server can show: each is the file screenshots/<sha256>.png of the
// crawl output folder that took it, so the server looks in the folders it was told of
// (--screenshot-dir, the default output folder unless told otherwise) and in each of its
// submitted crawls' folders. A request names a SHA-256 (checked as 64 hex digits), never a
// path: nothing a caller sends reaches the file system but that name.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { outPaths } from '../runtime/out-paths.js';

const SHA256 = /^[0-9a-f]{64}$/;

export class ScreenshotFiles {
  /** @param outDirs crawl output folders; @param crawlDir the folder of the server's submitted crawls (one output folder each). */
  constructor(
    private readonly outDirs: readonly string[],
    private readonly crawlDir: string,
  ) {}

  /** The PNG file of this screenshot, or undefined when no known folder holds it. */
  find(sha256: string): string | undefined {
    const sha = sha256.toLowerCase();
    if (!SHA256.test(sha)) return undefined;
    return this.folders()
      .map((d) => path.join(outPaths(d).screenshots, `${sha}.png`))
      .find((f) => existsSync(f));
  }

  private folders(): string[] {
    const crawls = existsSync(this.crawlDir)
      ? readdirSync(this.crawlDir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => path.join(this.crawlDir, e.name))
      : [];
    return [...this.outDirs, ...crawls];
  }
}
