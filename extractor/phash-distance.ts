// How far apart two perceptual hashes are (crawler/phash.ts makes them: 64 bits as 16 hex
// digits): the bits they differ in, the Hamming distance. Copies of a page or a logo
// differ in a few; unrelated images in about half (32).

/** More bits apart than this, two images do not show the same thing (a login page and its recoloured copy are 0 apart). */
export const SAME_IMAGE_BITS = 12;

/** Bits two 16-hex-digit hashes differ in (0-64). */
export function phashDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let bits = 0;
  for (; x; x >>= 1n) bits += Number(x & 1n);
  return bits;
}

/** The smallest distance between one of `ours` and one of `theirs`; null when either side has none. */
export function nearestDistance(ours: readonly string[], theirs: readonly string[]): number | null {
  let best: number | null = null;
  for (const a of ours) for (const b of theirs) best = Math.min(best ?? 64, phashDistance(a, b));
  return best;
}
