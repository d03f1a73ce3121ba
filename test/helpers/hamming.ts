// Bits two perceptual hashes (16 hex digits) differ in, computed apart from ClickHouse's bitCount(bitXor(...)).
export function hamming(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  for (; x; x >>= 1n) n += Number(x & 1n);
  return n;
}
