// Virtual-user profiles: a device from Playwright's registry plus the locale, timezone,
// geolocation and headers a real victim's browser would send. Named, so that a run or a
// single seed can pick one. Plain data (context-options.ts turns a profile into
// Playwright's options), so that reading the names costs no browser library.

export interface Profile {
  name: string;
  /** Key in Playwright's device registry. */
  device: string;
  locale: string;
  timezone: string;
  geolocation?: { latitude: number; longitude: number };
  extraHeaders?: Record<string, string>;
  description: string;
}

export const PROFILES: Record<string, Profile> = {
  'desktop-chrome-windows': {
    name: 'desktop-chrome-windows', device: 'Desktop Chrome', locale: 'en-US', timezone: 'America/New_York',
    geolocation: { latitude: 40.7128, longitude: -74.006 },
    description: 'Chrome on Windows 10, 1280x720, US English',
  },
  iphone: {
    name: 'iphone', device: 'iPhone 15', locale: 'en-US', timezone: 'America/Los_Angeles',
    geolocation: { latitude: 37.7749, longitude: -122.4194 },
    description: 'iPhone 15 user agent and viewport, touch, US English',
  },
  android: {
    name: 'android', device: 'Pixel 7', locale: 'en-GB', timezone: 'Europe/London',
    geolocation: { latitude: 51.5072, longitude: -0.1276 },
    description: 'Chrome on a Pixel 7 (Android 14), touch, British English',
  },
  'desktop-chrome-de': {
    name: 'desktop-chrome-de', device: 'Desktop Chrome', locale: 'de-DE', timezone: 'Europe/Berlin',
    geolocation: { latitude: 52.52, longitude: 13.405 },
    extraHeaders: { 'Accept-Language': 'de-DE,de;q=0.9,en;q=0.5' },
    description: 'Chrome on Windows 10, German locale and Berlin timezone',
  },
};

export function getProfile(name: string): Profile {
  const p = PROFILES[name];
  if (!p) throw new Error(`unknown profile "${name}"; known profiles: ${Object.keys(PROFILES).join(', ')}`);
  return p;
}

export const PROFILE_NAMES: readonly string[] = Object.keys(PROFILES);
