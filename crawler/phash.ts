// The perceptual hash of a screenshot: pHash as Python's imagehash computes `phash`, so
// values compare with that tool's. The image in grayscale (ITU-R 601 luma, as Pillow's "L"),
// scaled to 32x32, its 2-D DCT-II, then the 8x8 lowest frequencies, each compared with their
// median: 64 bits, row by row (vertical frequency first), the first bit most significant,
// written as 16 hex digits. Copies of a page (another colour, another word) differ in a few
// bits; unrelated pages in about half of them. A transparent image is first laid on white,
// as a page on a white background shows it (imagehash reads the colour its transparent
// pixels hide, often black: a brand's transparent logo would not match its own rendering). sharp (libvips) decodes and scales, on its own
// threads rather than Node's; the arithmetic is below.
import sharp from 'sharp';

/** Side of the grayscale image the DCT runs on, and of the block of low frequencies kept. */
const SIZE = 32;
const LOW = 8;

// A crawler decodes each screenshot once: libvips' cache of recent operations would only hold memory.
sharp.cache(false);

/** cos(pi k (2n + 1) / 2N) for the LOW lowest frequencies k over the SIZE samples n: the DCT-II basis (its constant factor changes no comparison). */
const BASIS = Array.from({ length: LOW }, (_, k) =>
  Float64Array.from({ length: SIZE }, (_, n) => Math.cos((Math.PI * k * (2 * n + 1)) / (2 * SIZE))),
);

export interface PerceptualHash {
  /** 16 lower-case hex digits. */
  phash: string;
  /** The image's own size in pixels. */
  width: number;
  height: number;
}

/** The pHash of an image (PNG, or any format sharp reads). */
export async function perceptualHash(image: Buffer): Promise<PerceptualHash> {
  const img = sharp(image);
  const { width, height } = await img.metadata();
  // RGB scaled first, then luma: luma is linear, so this is Pillow's convert("L") then resize, one pass cheaper.
  const { data } = await img
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .resize(SIZE, SIZE, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gray = new Float64Array(SIZE * SIZE);
  for (let i = 0; i < gray.length; i++) gray[i] = luma(data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!);
  return { phash: phashOfGray(gray), width: width ?? 0, height: height ?? 0 };
}

/** Pillow's "L": (19595 R + 38470 G + 7471 B) / 65536, rounded (ITU-R 601-2). */
function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/** The pHash of a 32x32 grayscale image, row by row. */
export function phashOfGray(pixels: ArrayLike<number>): string {
  if (pixels.length !== SIZE * SIZE) throw new Error(`phash needs ${SIZE}x${SIZE} pixels, got ${pixels.length}`);
  // Along each row, the LOW lowest horizontal frequencies; then down each of those columns, the LOW lowest vertical ones.
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let k = 0; k < LOW; k++) {
      let s = 0;
      for (let x = 0; x < SIZE; x++) s += BASIS[k]![x]! * pixels[y * SIZE + x]!;
      rows[y * LOW + k] = s;
    }
  }
  const low = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < SIZE; y++) s += BASIS[v]![y]! * rows[y * LOW + u]!;
      low[v * LOW + u] = s;
    }
  }
  const sorted = [...low].sort((a, b) => a - b);
  const median = (sorted[(LOW * LOW) / 2 - 1]! + sorted[(LOW * LOW) / 2]!) / 2;
  let bits = 0n;
  for (const c of low) bits = (bits << 1n) | (c > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}
