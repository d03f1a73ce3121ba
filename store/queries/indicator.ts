// What a value is, the way an analyst types it: recognized by its shape, so that the CLI,
// the API and the web UI look the same text up the same way. Hosts are matched in lower
// case (a URL is taken as its host, a trailing dot dropped); SHA-256 in lower case; a
// number (negative ones too: Shodan's favicon hashes are signed) is a favicon hash and a
// tracker ID; text that fits several kinds is looked up as each. Pure: no store access.
import { isIP } from 'node:net';

export type PivotKind = 'host' | 'ip' | 'tracker' | 'sha256' | 'favicon' | 'cookie';

/** A value as recognized: what to look up, as which kinds, each with the form the store holds it in. */
export interface Indicator {
  /** The text as given. */
  input: string;
  /** What is looked up: the host of a URL, a lower-case host or hash, else the text trimmed. */
  value: string;
  /** Kinds to look it up as, the most likely first. */
  kinds: PivotKind[];
  /** The value per kind, as the store holds it (hosts and hashes in lower case, a tracker ID as given). */
  forms: Partial<Record<PivotKind, string>>;
}

/** Longest value looked up (the longest URL a crawl keeps is 2,048 characters). */
export const MAX_INDICATOR_LENGTH = 2048;

/** How each kind is looked up, in words: what a lookup with no rows says it tried. */
export const KIND_NAMES: Record<PivotKind, string> = {
  host: 'host (host pairs: the hosts that lead to it and that it leads to)',
  ip: 'IP address (hosts that answered from it)',
  tracker: 'tracker ID (hosts that carry it)',
  sha256: 'SHA-256 (hosts that served that body or presented that certificate)',
  favicon: 'favicon hash (hosts with that icon)',
  cookie: 'cookie name (hosts that set it)',
};

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const HOST = /^(?=.*[a-z])[a-z0-9_-]+(\.[a-z0-9_-]+)+$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function recognize(input: string): Indicator {
  const text = input.trim();
  const host = hostOfUrl(text);
  if (host !== undefined) {
    const forms = isIP(host) ? { ip: host } : { host };
    return { input, value: host, kinds: Object.keys(forms) as PivotKind[], forms };
  }
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return one(input, 'ip', bare.toLowerCase());
  if (/^[0-9a-f]{64}$/i.test(text)) return one(input, 'sha256', text.toLowerCase());
  if (/^-?\d{1,10}$/.test(text) && Number(text) >= INT32.min && Number(text) <= INT32.max) {
    const n = String(Number(text));
    return { input, value: n, kinds: ['favicon', 'tracker'], forms: { favicon: n, tracker: text } };
  }
  const name = text.replace(/\.$/, '');
  if (HOST.test(name))
    return {
      input,
      value: name.toLowerCase(),
      kinds: ['host', 'tracker'],
      forms: { host: name.toLowerCase(), tracker: text },
    };
  return { input, value: text, kinds: ['tracker', 'cookie'], forms: { tracker: text, cookie: text } };
}

function one(input: string, kind: PivotKind, value: string): Indicator {
  return { input, value, kinds: [kind], forms: { [kind]: value } };
}

/** The host of something written as a URL (lower case, IPv6 without brackets), else undefined. */
function hostOfUrl(text: string): string | undefined {
  if (!URL_LIKE.test(text)) return undefined;
  try {
    const h = new URL(text).hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
    return h || undefined;
  } catch {
    return undefined; // not a URL: not a host either
  }
}

/** "shop.example (host) and tracker ID": what a lookup tried, for a lookup that found nothing. */
export function describeLookup(ind: Indicator, site = false): string {
  const as = ind.kinds.map((k) =>
    k === 'host' && site ? `${KIND_NAMES.host}, widened to every host of its registrable domain` : KIND_NAMES[k],
  );
  return `looked up "${ind.value}" as ${as.join(' and as ')}`;
}
