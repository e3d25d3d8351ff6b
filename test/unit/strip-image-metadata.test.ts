import { describe, expect, it } from 'vitest';
import { sniffContentType } from '../../core/files/sniff-content-type';
import { stripImageMetadata } from '../../core/files/strip-image-metadata';
import { jpegWithGps, pngWithText, smallPdf } from '../fixtures/certificates';

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

describe('removing photo metadata', () => {
  it('drops the EXIF GPS block of a JPEG and keeps its orientation and image data', () => {
    const input = jpegWithGps();
    expect(has(input, 'GPSMARKER')).toBe(true);
    const out = stripImageMetadata(input, 'image/jpeg');
    expect(has(out, 'GPSMARKER')).toBe(false);
    expect(sniffContentType(out)).toBe('image/jpeg');
    // A minimal EXIF with Orientation = 6 replaces the original.
    const app1 = Buffer.from(out).indexOf(Buffer.from([0xff, 0xe1]));
    expect(app1).toBeGreaterThan(0);
    expect(
      Buffer.from(out).includes(Buffer.from([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06])),
    ).toBe(true);
    // The scan (entropy-coded data) and end marker are untouched.
    expect(Buffer.from(out).subarray(-8)).toEqual(Buffer.from(input).subarray(-8));
  });

  it('drops text chunks from a PNG and keeps a valid chunk sequence', () => {
    const input = pngWithText();
    expect(has(input, 'Location')).toBe(true);
    const out = stripImageMetadata(input, 'image/png');
    expect(has(out, 'Location')).toBe(false);
    expect(has(out, 'IHDR') && has(out, 'IDAT') && has(out, 'IEND')).toBe(true);
    expect(out.length).toBeLessThan(input.length);
  });

  it('leaves PDFs and malformed images as they are', () => {
    const pdf = smallPdf();
    expect(stripImageMetadata(pdf, 'application/pdf')).toBe(pdf);
    const broken = new Uint8Array([0xff, 0xd8, 0x00, 0x01, 0x02]);
    expect(stripImageMetadata(broken, 'image/jpeg')).toEqual(broken);
  });
});
