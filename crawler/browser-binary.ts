// Which Chromium binary to run. Debian packages both the full browser and the headless
// shell (Playwright's own default for headless runs): the shell crawls ~1.8x faster, the
// full browser is harder for cloaking pages to tell from a victim's. Where neither is
// installed, Playwright's own downloaded browser is used (executablePath undefined).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';
import type { BrowserEngine } from './options.js';

export const BINARY_CANDIDATES: Record<BrowserEngine, string[]> = {
  // The binary itself first: Debian's /usr/bin wrapper for the shell does not exec it.
  'headless-shell': ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'],
  chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
};

/** The Debian package that provides each engine. */
export const DEBIAN_PACKAGES: Record<BrowserEngine, string> = {
  'headless-shell': 'chromium-headless-shell',
  chromium: 'chromium',
};

export interface BinaryChoice {
  executablePath?: string;
  /** What was chosen and why, for the log. */
  reason: string;
}

export function findBrowserBinary(engine: BrowserEngine, explicit = process.env.VUCRAWL_CHROMIUM): BinaryChoice {
  if (explicit) {
    if (!existsSync(explicit))
      throw new Error(`browser binary ${explicit} (from --chromium or VUCRAWL_CHROMIUM) does not exist`);
    return { executablePath: explicit, reason: 'explicitly configured' };
  }
  const found = BINARY_CANDIDATES[engine].find((p) => existsSync(p));
  if (found) return { executablePath: found, reason: `${engine} found on this system` };
  return { reason: `no system ${engine}; using Playwright's own browser` };
}

/** Whether Playwright's own downloaded Chromium is installed (it picks its headless shell itself). */
export function playwrightBrowserInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false; // Playwright knows no browser of its own for this platform
  }
}

const versions = new Map<string, string>();

/**
 * The full version of a Chromium binary (156.0.8078.114), from its --version: the user
 * agent a browser is launched with names it, so it is needed before the launch.
 */
export function browserVersion(executablePath: string): string {
  let v = versions.get(executablePath);
  if (v) return v;
  const r = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  v = /\b(\d+\.\d+\.\d+\.\d+)\b/.exec(r.stdout ?? '')?.[1];
  if (!v)
    throw new Error(
      `cannot tell the version of ${executablePath} from its --version (${r.error?.message ?? `said "${(r.stdout || r.stderr || '').trim().slice(0, 200)}"`})`,
    );
  versions.set(executablePath, v);
  return v;
}
