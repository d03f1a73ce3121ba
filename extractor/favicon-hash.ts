// The favicon hash threat-intel tools pivot on (Shodan's `http.favicon.hash`): the
// MurmurHash3 x86 32-bit hash (seed 0, as a signed integer) of the icon's bytes encoded
// as base64 the way Python's base64.encodebytes does it: a newline after every 76
// characters and at the end.

/** MurmurHash3, x86 32-bit variant, as a signed 32-bit integer. */
export function murmur3x86_32(data: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const mix = (k: number) => Math.imul(rotl(Math.imul(k, c1), 15), c2);
  let h = seed | 0;
  const tail = data.length - (data.length % 4);
  for (let i = 0; i < tail; i += 4) {
    h ^= mix(data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    h = (Math.imul(rotl(h, 13), 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const rest = data.length - tail;
  if (rest >= 3) k ^= data[tail + 2]! << 16;
  if (rest >= 2) k ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    k ^= data[tail]!;
    h ^= mix(k);
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** base64 with a newline after every 76 characters and at the end (Python's encodebytes). */
export function base64Lines(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\n`;
  return out;
}

export function faviconHash(bytes: Uint8Array): number {
  return murmur3x86_32(Buffer.from(base64Lines(bytes), 'ascii'));
}
