// The operator's upstream HTTP proxy (--proxy URL): Playwright takes its credentials apart
// from the server URL, and they must never appear in a log line or a capture.

export interface ProxySettings {
  server: string;
  username?: string;
  password?: string;
}

export function proxySettings(url: string): ProxySettings {
  const u = new URL(url);
  const username = decodeURIComponent(u.username) || undefined;
  const password = decodeURIComponent(u.password) || undefined;
  u.username = '';
  u.password = '';
  return { server: u.href.replace(/\/$/, ''), username, password };
}
