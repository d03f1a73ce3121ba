import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Lines, faviconHash, murmur3x86_32 } from '../../extractor/favicon-hash.js';
import { PNG_1x1 } from '../../internet/assets.js';

describe('MurmurHash3 x86 32-bit', () => {
  it('matches published values', () => {
    // The Python mmh3 package's documented example: mmh3.hash("foo") == -156908512.
    expect(murmur3x86_32(Buffer.from('foo'))).toBe(-156908512);
    expect(murmur3x86_32(Buffer.alloc(0))).toBe(0);
    // Computed independently with Python's mmh3 4.x: mmh3.hash(b"hello, world").
    expect(murmur3x86_32(Buffer.from('hello, world'))).toBe(345750399);
  });

  it('covers every tail length', () => {
    // mmh3.hash(x) for x = b"a", b"ab", b"abc", b"abcd" (Python mmh3 4.x).
    expect(['a', 'ab', 'abc', 'abcd'].map((s) => murmur3x86_32(Buffer.from(s)))).toEqual(TAILS);
  });
});

describe('favicon hash (Shodan http.favicon.hash)', () => {
  it('base64-encodes with a newline every 76 characters and at the end', () => {
    const text = base64Lines(Buffer.alloc(100, 1));
    expect(text.split('\n').map((l) => l.length)).toEqual([76, 60, 0]);
  });

  it('equals the value Python computes as Shodan does: mmh3.hash(codecs.encode(icon, "base64"))', () => {
    // Reference computed with Python mmh3 for the test internet's icon bytes.
    expect(createHash('sha256').update(PNG_1x1).digest('hex')).toBe(
      '1432c6765dea9d78715445ac73e83e158cfc3fce8e9d94db16228c933ef7440b',
    );
    expect(faviconHash(PNG_1x1)).toBe(743163047);
    const longer = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('favicon'),
    ]);
    expect(faviconHash(longer)).toBe(-607724478);
  });
});

const TAILS = [1009084850, -1681926305, -1277324294, 1139631978];
