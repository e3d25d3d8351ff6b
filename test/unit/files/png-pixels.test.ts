// The PNG rewriter keeps IHDR, PLTE, tRNS, IDAT and IEND with their checksums, or refuses the file.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors';
import { DEFAULT_IMAGE_LIMITS } from '../../../core/files/image-limits';
import { rewritePng } from '../../../core/files/png-pixels';
import { metadataTags } from '../../fixtures/exiftool';
import { GPS_MARKER, greyPng, pngChunk, pngDeclaring, pngWithMetadata } from '../../fixtures/uploads';

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));
const rewrite = (bytes: Uint8Array) => rewritePng(bytes, DEFAULT_IMAGE_LIMITS);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/** Chunk types in order, and the inflated image data (what a decoder would read). */
function chunks(bytes: Uint8Array) {
  const types: string[] = [];
  const idat: Buffer[] = [];
  for (let pos = 8; pos < bytes.length; ) {
    const length = Buffer.from(bytes).readUInt32BE(pos);
    const type = Buffer.from(bytes.subarray(pos + 4, pos + 8)).toString('latin1');
    types.push(type);
    if (type === 'IDAT') idat.push(Buffer.from(bytes.subarray(pos + 8, pos + 8 + length)));
    pos += 12 + length;
  }
  return { types, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('rewriting a PNG to its pixel data', () => {
  it('drops eXIf, text chunks, timestamps and data after IEND; the image data is unchanged', () => {
    const input = pngWithMetadata();
    expect(metadataTags(input)).toEqual(
      expect.arrayContaining(['GPS:GPSLatitude', 'PNG:Location', 'PNG:Author', 'PNG:Comment']),
    );
    const out = rewrite(input);
    expect(has(out, GPS_MARKER)).toBe(false);
    expect(metadataTags(out)).toEqual([]);
    expect(chunks(out).types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks(out).pixels).toEqual(chunks(input).pixels);
    expect(rewrite(out)).toEqual(out); // what it writes, it accepts as it is
  });

  it('keeps the palette and transparency a palette image needs', () => {
    const ihdr = pngChunk('IHDR', [0, 0, 0, 2, 0, 0, 0, 2, 8, 3, 0, 0, 0]);
    const base = greyPng({ width: 2, height: 2 });
    const idatAndEnd = base.subarray(8 + 25);
    const palette = new Uint8Array([
      ...base.subarray(0, 8),
      ...ihdr,
      ...pngChunk('PLTE', [0, 0, 0, 255, 255, 255]),
      ...pngChunk('tRNS', [0, 255]),
      ...pngChunk('sRGB', [0]),
      ...idatAndEnd,
    ]);
    expect(chunks(rewrite(palette)).types).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
  });

  it('refuses damaged files: a wrong checksum, a truncated file, chunks out of order', () => {
    const good = greyPng();
    const badCrc = good.slice();
    badCrc[8 + 25 + 8] = badCrc[8 + 25 + 8]! ^ 0xff; // first byte of the IDAT data
    expect(refusal(() => rewrite(badCrc))).toBe('file_damaged');
    expect(refusal(() => rewrite(good.subarray(0, good.length - 12)))).toBe('file_damaged');
    const split = greyPng({ extra: [] });
    const idatAt = 8 + 25;
    const twoRuns = new Uint8Array([
      ...split.subarray(0, idatAt),
      ...split.subarray(idatAt, split.length - 12),
      ...pngChunk('tEXt', [0x61, 0, 0x62]),
      ...split.subarray(idatAt, split.length - 12),
      ...split.subarray(split.length - 12),
    ]);
    expect(refusal(() => rewrite(twoRuns))).toBe('file_damaged');
    const noHeader = new Uint8Array([...good.subarray(0, 8), ...good.subarray(8 + 25)]);
    expect(refusal(() => rewrite(noHeader))).toBe('file_damaged');
  });

  it('refuses an unknown critical chunk, which no decoder may skip', () => {
    const good = greyPng({ extra: [pngChunk('ABCD', [1, 2, 3])] });
    expect(refusal(() => rewrite(good))).toBe('unsupported_media_type');
  });

  it('refuses PNGs declaring 30000×30000 or (2³¹−1)² pixels before reading their image data', () => {
    expect(refusal(() => rewrite(pngDeclaring(30_000, 30_000)))).toBe('image_too_large');
    expect(refusal(() => rewrite(pngDeclaring(2 ** 31 - 1, 2 ** 31 - 1)))).toBe('image_too_large');
    expect(refusal(() => rewrite(pngDeclaring(2 ** 31, 1)))).toBe('file_damaged'); // beyond the PNG maximum
  });
});
