// Binary bodies built in code (no files to keep in sync): a real 1x1 PNG, a real short
// WAV, placeholder font and video bytes, and the download's deterministic payload.

import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

function makePng1x1(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter, interlace stay 0
  const scanline = Buffer.from([0, 0x33, 0x66, 0x99, 0xff]); // filter byte + one RGBA pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid 1x1 RGBA PNG. */
export const PNG_1x1: Buffer = makePng1x1();

/** 0.1 s of 8 kHz mono 8-bit silence: small and decodable, so <audio> loads cleanly. */
function makeWav(): Buffer {
  const samples = 800;
  const b = Buffer.alloc(44 + samples, 0x80);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16); // fmt chunk size
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // channels
  b.writeUInt32LE(8000, 24); // sample rate
  b.writeUInt32LE(8000, 28); // byte rate
  b.writeUInt16LE(1, 32); // block align
  b.writeUInt16LE(8, 34); // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(samples, 40);
  return b;
}
export const WAV_SILENCE: Buffer = makeWav();

/**
 * Not a decodable font: Chromium still requests it (the test only needs the request) and
 * then logs "Failed to decode downloaded font" to the console.
 */
export const FONT_BYTES: Buffer = Buffer.concat([Buffer.from('wOF2', 'ascii'), Buffer.alloc(60)]);

/** Only an `ftyp` box: enough for Chromium to fetch it as media, not to play it. */
export const VIDEO_BYTES: Buffer = Buffer.from([
  0,
  0,
  0,
  0x18,
  0x66,
  0x74,
  0x79,
  0x70,
  0x69,
  0x73,
  0x6f,
  0x6d, // size 24, 'ftyp', 'isom'
  0,
  0,
  2,
  0,
  0x69,
  0x73,
  0x6f,
  0x6d,
  0x6d,
  0x70,
  0x34,
  0x31, // minor version, 'isom', 'mp41'
]);

/** The download: 100 KiB from a fixed linear congruential sequence. */
function makeDownload(): Buffer {
  const b = Buffer.alloc(100 * 1024);
  let x = 12345;
  for (let i = 0; i < b.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}
export const DOWNLOAD_BYTES: Buffer = makeDownload();
export const DOWNLOAD_SHA256: string = createHash('sha256').update(DOWNLOAD_BYTES).digest('hex');
export const DOWNLOAD_FILENAME = 'quarterly-report.bin';

/** Exact size of the huge-body page (50 MiB). */
export const HUGE_BODY_BYTES = 50 * 1024 * 1024;
