// The receipt QR the bot sends for an in-person reward claim: a valid PNG that a scanner reads back.
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPng } from '../../../bot/qr-png';

/** Decodes the 1-bit greyscale PNG qrPng writes (filter 0 rows) to RGBA. */
function decode(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      expect([...body.subarray(8, 10)]).toEqual([1, 0]);
    }
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (rowBytes + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const bit = ((raw[y * (rowBytes + 1) + 1 + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      rgba.fill(bit ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      rgba[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, rgba };
}

describe('the receipt QR code sent in chat', () => {
  it('is a PNG a phone scanner reads back to the receipt', () => {
    const { width, height, rgba } = decode(qrPng('0123456789012345'));
    expect(width).toBe(height);
    expect(jsQR(rgba, width, height)?.data).toBe('0123456789012345');
  });
});
