// API keys: read from a file (one "ROLE KEY" a line, roles read and admin; # comments and
// blank lines skipped; a bad line is an error naming FILE:LINE), plus the server's
// per-start token, an admin key. A presented key is compared with every known key in
// constant time (SHA-256 digests, crypto.timingSafeEqual, no early exit), and is known
// afterwards only by an id derived from its digest: keys are never logged or echoed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const ROLES = ['read', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  role: Role;
  /** For rate limits and logs: the first 12 hex digits of the key's SHA-256 (not the key). */
  id: string;
  digest: Buffer;
}

/** Shorter keys are refused: a key is a password that travels with every request. */
export const MIN_KEY_LENGTH = 16;

const digestOf = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export function apiKey(role: Role, key: string): ApiKey {
  const digest = digestOf(key);
  return { role, id: digest.toString('hex').slice(0, 12), digest };
}

/** A server's per-start token: 32 random bytes, an admin key for this run of the server only. */
export function startToken(): { secret: string; key: ApiKey } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, key: apiKey('admin', secret) };
}

/** Parses a keys file's text; `file` names it in errors. */
export function parseApiKeys(text: string, file: string): ApiKey[] {
  const keys: ApiKey[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${file}:${i + 1}`;
    const parts = line.split(/\s+/);
    if (parts.length !== 2)
      throw new Error(`${where}: expected "ROLE KEY" (roles: ${ROLES.join(', ')}), got ${parts.length} field(s)`);
    const [role, key] = parts as [string, string];
    if (!(ROLES as readonly string[]).includes(role))
      throw new Error(`${where}: unknown role "${role.slice(0, 20)}" (roles: ${ROLES.join(', ')})`);
    if (key.length < MIN_KEY_LENGTH) throw new Error(`${where}: the key is shorter than ${MIN_KEY_LENGTH} characters`);
    const k = apiKey(role as Role, key);
    if (keys.some((x) => x.digest.equals(k.digest))) throw new Error(`${where}: the same key is listed twice`);
    keys.push(k);
  });
  return keys;
}

export function readApiKeys(file: string): ApiKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the API keys file ${file}: ${(e as Error).message}`);
  }
  const keys = parseApiKeys(text, file);
  if (!keys.length) throw new Error(`${file}: no keys (one "ROLE KEY" a line)`);
  return keys;
}

/** The keys a server accepts. */
export class KeyRing {
  constructor(private readonly keys: readonly ApiKey[]) {}

  /** The key presented, if known; every key is compared, whatever matches first. */
  find(presented: string): ApiKey | undefined {
    const d = digestOf(presented);
    let found: ApiKey | undefined;
    for (const k of this.keys) if (timingSafeEqual(k.digest, d) && !found) found = k;
    return found;
  }
}
