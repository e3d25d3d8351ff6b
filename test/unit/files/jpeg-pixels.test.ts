// The JPEG rewriter keeps only what decodes the first picture, or refuses the file: checked byte by
// byte and with exiftool, on hand-built phone-like files and the variants issue 8 found stored as is.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors';
import { DEFAULT_IMAGE_LIMITS } from '../../../core/files/image-limits';
import { rewriteJpeg } from '../../../core/files/jpeg-pixels';
import { exiftool, metadataTags } from '../../fixtures/exiftool';
import {
  GPS_MARKER,
  greyJpeg,
  jpegDeclaring,
  jpegWithStrayByteAfterExif,
  mpoWithGpsInSecondFrame,
  phoneJpeg,
  truncatedJpeg,
} from '../../fixtures/uploads';

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));
const rewrite = (bytes: Uint8Array) => rewriteJpeg(bytes, DEFAULT_IMAGE_LIMITS);

function refusal(run: () => unknown): { code: string; params?: object } {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, ...(e.params ? { params: e.params } : {}) };
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/** The marker codes of a JPEG's segments up to EOI, in order. */
function markers(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let pos = 2;
  while (pos < bytes.length) {
    const marker = bytes[pos + 1]!;
    out.push(marker);
    if (marker === 0xd9) break;
    pos += 2 + ((bytes[pos + 2]! << 8) | bytes[pos + 3]!);
    if (marker === 0xda) while (!(bytes[pos] === 0xff && bytes[pos + 1] !== 0)) pos++;
  }
  return out;
}

describe('rewriting a JPEG to its pixel data', () => {
  it('drops EXIF GPS, XMP, the ICC profile, JFIF and comments, keeping only a fresh orientation', () => {
    const input = phoneJpeg();
    expect(metadataTags(input)).toEqual(
      expect.arrayContaining(['GPS:GPSLatitude', 'XMP-exif:GPSLatitude', 'File:Comment']),
    );
    const out = rewrite(input);
    expect(has(out, GPS_MARKER)).toBe(false);
    expect(metadataTags(out)).toEqual([]);
    expect(exiftool(out)).toMatchObject({ 'IFD0:Orientation': 'Rotate 90 CW', 'File:ImageWidth': 16 });
    // SOI, the synthesised APP1, then exactly the decoding segments of the original, then EOI.
    expect(markers(out)).toEqual([0xe1, 0xdb, 0xc0, 0xc4, 0xc4, 0xda, 0xd9]);
  });

  it('keeps a clean photo byte for byte apart from what it drops (the scan is untouched)', () => {
    const plain = new Uint8Array(greyJpeg({ width: 40, height: 24 }));
    expect(rewrite(plain)).toEqual(plain);
    expect(exiftool(plain)['File:ImageWidth']).toBe(40);
  });

  it('drops the second picture of a multi-picture (MPO) file, and the GPS it carried', () => {
    const input = mpoWithGpsInSecondFrame();
    const second = Buffer.from(input).indexOf(Buffer.from([0xff, 0xd8]), 2);
    expect(metadataTags(input.subarray(second))).toContain('GPS:GPSLatitude');
    const out = rewrite(input);
    expect(has(out, GPS_MARKER)).toBe(false);
    expect(Buffer.from(out).indexOf(Buffer.from([0xff, 0xd8]), 2)).toBe(-1);
    expect(metadataTags(out)).toEqual([]);
    expect(out.subarray(-2)).toEqual(new Uint8Array([0xff, 0xd9]));
  });

  it('refuses a stray byte between segments instead of storing the file unchanged', () => {
    const input = jpegWithStrayByteAfterExif();
    expect(metadataTags(input)).toContain('GPS:GPSLatitude');
    expect(refusal(() => rewrite(input))).toEqual({ code: 'file_damaged' });
  });

  it('refuses a truncated photo, and files that are not a JPEG structure at all', () => {
    expect(refusal(() => rewrite(truncatedJpeg()))).toEqual({ code: 'file_damaged' });
    for (const broken of [
      [0xff, 0xd8],
      [0xff, 0xd8, 0x00, 0x01, 0x02],
      [0xff, 0xd8, 0xff, 0xd9], // no frame, no scan
      [0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40, 0x45], // a segment running past the end
      [0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x12, 0xff, 0xd9], // a scan before any frame
    ]) {
      expect(refusal(() => rewrite(new Uint8Array(broken)))).toEqual({ code: 'file_damaged' });
    }
  });

  it('refuses a declared 65500×65500 frame from its header, naming the limits', () => {
    expect(refusal(() => rewrite(jpegDeclaring(65_500, 65_500)))).toEqual({
      code: 'image_too_large',
      params: { maxMegapixels: 40, maxSide: 16_384 },
    });
    // Within 40 Mpx but one side too long, and the configured limits apply.
    expect(refusal(() => rewrite(jpegDeclaring(20_000, 100))).code).toBe('image_too_large');
    const small = { maxPixels: 1_000_000, maxSide: 2_000 };
    expect(() => rewriteJpeg(jpegDeclaring(1_000, 1_000), small)).not.toThrow();
    expect(refusal(() => rewriteJpeg(jpegDeclaring(1_001, 1_000), small))).toMatchObject({
      params: { maxMegapixels: 1, maxSide: 2_000 },
    });
  });
});
