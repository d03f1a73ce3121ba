// The perceptual hash against Python's imagehash (4.3.2, `str(imagehash.phash(img))` on the
// same pixels), and its behaviour on page-like images: the same image hashes alike, a
// recoloured copy differs in few bits, an unrelated layout in many.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { perceptualHash, phashOfGray } from '../../crawler/phash.js';
import { DEFAULT_SIMILAR_DISTANCE } from '../../store/queries/similar.js';
import { hamming } from '../helpers/hamming.js';

/** 32x32 RGB from the C library's rand() LCG, the bytes the Python side used too. */
function lcgPixels(seed: number): Buffer {
  const out = Buffer.alloc(32 * 32 * 3);
  let x = BigInt(seed);
  for (let i = 0; i < out.length; i++) {
    x = (1103515245n * x + 12345n) % 2n ** 31n;
    out[i] = Number((x >> 16n) & 255n);
  }
  return out;
}

const png = (rgb: Buffer, width: number, height: number, channels: 1 | 3 | 4 = 3) =>
  sharp(rgb, { raw: { width, height, channels } }).png().toBuffer();

type Box = [x: number, y: number, w: number, h: number, rgb: [number, number, number]];
/** A 1280x720 "page" of flat boxes on a background. */
function page(background: [number, number, number], boxes: Box[]): Promise<Buffer> {
  const W = 1280;
  const H = 720;
  const rgb = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) rgb.set(background, i * 3);
  for (const [x0, y0, w, h, c] of boxes)
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) rgb.set(c, (y * W + x) * 3);
  return png(rgb, W, H);
}

const login = (brand: [number, number, number]) =>
  page(
    [255, 255, 255],
    [
      [0, 0, 1280, 80, brand], // header bar
      [440, 160, 400, 360, [240, 240, 240]], // the form's card
      [480, 230, 320, 40, [255, 255, 255]],
      [480, 300, 320, 40, [255, 255, 255]], // user name, password
      [480, 380, 320, 50, brand], // sign-in button
      [0, 660, 1280, 60, [60, 60, 60]], // footer
    ],
  );
/** A dark news-like page: columns of headlines and a big picture. */
const unrelated = () =>
  page(
    [20, 24, 32],
    [
      [40, 40, 760, 420, [180, 120, 60]],
      ...Array.from({ length: 12 }, (_, i): Box => [840, 40 + i * 50, 400 - (i % 3) * 60, 20, [220, 220, 220]]),
      ...Array.from({ length: 4 }, (_, i): Box => [40 + i * 195, 500, 175, 180, [90, 110, 140]]),
    ],
  );

describe('perceptual hash (pHash)', () => {
  it("gives imagehash.phash's value for the same pixels", async () => {
    const expected: Record<number, string> = { 1: 'bd352a08ba25e7e4', 2: 'b1cf34e2a2ed2e28', 3: '87d4057a57d2c9a3' };
    for (const [seed, phash] of Object.entries(expected)) {
      expect((await perceptualHash(await png(lcgPixels(Number(seed)), 32, 32))).phash, `seed ${seed}`).toBe(phash);
    }
    const bands = Buffer.alloc(32 * 32 * 3);
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) bands.set([((x + y) * 8) % 256, (x * 8) % 256, (y * 8) % 256], (y * 32 + x) * 3);
    expect((await perceptualHash(await png(bands, 32, 32))).phash).toBe('aa01bf61af79036a');
  });

  it('reads the size, and a grayscale PNG as its RGB copy', async () => {
    const gray = Buffer.from(Array.from({ length: 64 * 48 }, (_, i) => (i * 7) % 256));
    const rgb = Buffer.from([...gray].flatMap((v) => [v, v, v]));
    const a = await perceptualHash(await png(gray, 64, 48, 1));
    expect(a).toEqual(await perceptualHash(await png(rgb, 64, 48)));
    expect([a.width, a.height]).toEqual([64, 48]);
    expect(a.phash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('lays a transparent image on white, as a page on a white background shows it', async () => {
    // A blue disc: transparent around it (its hidden colour black), or the same on white.
    const rgba = Buffer.alloc(64 * 64 * 4);
    const onWhite = Buffer.alloc(64 * 64 * 3, 255);
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++)
        if ((x - 32) ** 2 + (y - 26) ** 2 < 20 ** 2) {
          rgba.set([11, 74, 162, 255], (y * 64 + x) * 4);
          onWhite.set([11, 74, 162], (y * 64 + x) * 3);
        }
    const transparent = await perceptualHash(await png(rgba, 64, 64, 4));
    expect(transparent.phash).toBe((await perceptualHash(await png(onWhite, 64, 64))).phash);
  });

  it('hashes a copy alike, a recoloured copy within the default distance, an unrelated page far from it', async () => {
    const blue = (await perceptualHash(await login([30, 90, 200]))).phash;
    expect((await perceptualHash(await login([30, 90, 200]))).phash).toBe(blue);
    const red = (await perceptualHash(await login([200, 40, 40]))).phash;
    const other = (await perceptualHash(await unrelated())).phash;
    expect(hamming(blue, red)).toBeLessThanOrEqual(DEFAULT_SIMILAR_DISTANCE);
    expect(hamming(blue, other)).toBeGreaterThan(2 * DEFAULT_SIMILAR_DISTANCE);
    expect(hamming(red, other)).toBeGreaterThan(2 * DEFAULT_SIMILAR_DISTANCE);
  });

  it('needs 32x32 pixels', () => {
    expect(() => phashOfGray(new Uint8Array(10))).toThrow(/32x32 pixels, got 10/);
  });
});
