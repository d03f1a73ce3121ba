// Request values as the lookups take them, with the same recognition as the CLI's pivot:
// a host (a URL taken as its host, lower case), an IP, a time window; anything else is a
// 400 that says what was expected.
import { isIP } from 'node:net';
import { recognize } from '../store/queries/indicator.js';
import { dateMs } from '../store/queries/pivot.js';
import { badRequest } from './errors.js';

/** A host (or an IP, which can be a host too) from a path parameter. */
export function hostValue(raw: string): string {
  const ind = recognize(raw);
  const host = ind.forms.host ?? ind.forms.ip;
  if (host === undefined) throw badRequest(`not a host name, IP address or URL: "${raw.slice(0, 100)}"`);
  return host;
}

export function ipValue(raw: string): string {
  const ip = raw.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!isIP(ip)) throw badRequest(`not an IP address: "${raw.slice(0, 100)}"`);
  return ip;
}

export interface WindowQuery {
  start?: string;
  end?: string;
}

/** start and end as UTC ms. */
export function windowOf(q: WindowQuery): { since?: number; until?: number } {
  try {
    return { since: dateMs(q.start), until: dateMs(q.end) };
  } catch {
    throw badRequest(
      `start and end need dates (e.g. 2026-11-01 or 2026-11-01T12:00:00Z), got ${JSON.stringify([q.start, q.end].filter(Boolean)).slice(0, 120)}`,
    );
  }
}
