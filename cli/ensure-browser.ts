// Makes sure a Chromium is there for crawls: Debian's packages where apt is available
// (run as root), Playwright's own download elsewhere. Run by `npm install` (prepare) and
// by `vucrawl browser --install`; it never fails the install, it says what to do instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { DEBIAN_PACKAGES, findBrowserBinary, playwrightBrowserInstalled } from '../crawler/browser-binary.js';
import type { BrowserEngine } from '../crawler/options.js';

export async function ensureBrowser(
  engine: BrowserEngine,
  { install, log }: { install: boolean; log: Logger },
): Promise<void> {
  const found = findBrowserBinary(engine);
  if (found.executablePath) {
    log.info({ engine, executable: found.executablePath }, `browser ready (${found.reason})`);
    return;
  }
  if (playwrightBrowserInstalled()) {
    log.info({ engine }, "browser ready (Playwright's own)");
    return;
  }
  if (!install) {
    log.warn({ engine }, `no ${engine} found; run "vucrawl browser --install" (or set VUCRAWL_CHROMIUM)`);
    return;
  }
  const canApt = existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  const steps: [string, string[]][] = canApt
    ? [
        ['apt-get', ['update']],
        ['apt-get', ['install', '-y', ...Object.values(DEBIAN_PACKAGES)]],
      ]
    : [['npx', ['playwright', 'install', 'chromium']]];
  for (const [cmd, args] of steps) {
    log.info(`installing a browser: ${cmd} ${args.join(' ')}`);
    const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      log.error(`"${cmd} ${args.join(' ')}" failed; install Chromium yourself and set VUCRAWL_CHROMIUM to its binary`);
      return;
    }
  }
  const after = findBrowserBinary(engine);
  log.info({ engine, executable: after.executablePath ?? "Playwright's own" }, 'browser installed');
}
