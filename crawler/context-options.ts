// A profile as Playwright's browser-context options, and as the capture records it.
import { devices, type BrowserContextOptions } from 'playwright';
import type { CaptureProfile } from '../capture/capture.js';
import type { Profile } from './profiles.js';

/**
 * Browser-context options of a profile. Chromium-based user agents get the running
 * browser's real major version, so the UA string and navigator.userAgentData agree.
 */
export function contextOptions(p: Profile, browserVersion: string): BrowserContextOptions {
  const d = devices[p.device];
  if (!d) throw new Error(`profile ${p.name}: device "${p.device}" is not in Playwright's registry`);
  const { defaultBrowserType: _ignored, ...device } = d;
  const userAgent = device.userAgent.replace(/Chrome\/[\d.]+/, `Chrome/${browserVersion}`);
  return {
    ...device,
    userAgent,
    locale: p.locale,
    timezoneId: p.timezone,
    geolocation: p.geolocation,
    permissions: p.geolocation ? ['geolocation'] : [],
    extraHTTPHeaders: p.extraHeaders,
  };
}

export function captureProfile(p: Profile, o: BrowserContextOptions): CaptureProfile {
  return {
    name: p.name,
    user_agent: o.userAgent ?? '',
    locale: p.locale,
    timezone: p.timezone,
    viewport: o.viewport ?? null,
    is_mobile: o.isMobile ?? false,
    geolocation: p.geolocation,
  };
}
