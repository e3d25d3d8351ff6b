// How large an uploaded image may be, checked from its header before anything decodes it: a small
// file can declare billions of pixels, and every viewer (the reviewer's browser, Telegram) would try
// to allocate them.
import { AppError } from '../errors';

export interface ImageLimits {
  /** Width × height, in pixels (MAX_IMAGE_MEGAPIXELS × 1,000,000). */
  maxPixels: number;
  /** The longer side, in pixels (MAX_IMAGE_SIDE). */
  maxSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000, maxSide: 16_384 };

export function assertImageSize(width: number, height: number, limits: ImageLimits): void {
  if (width * height > limits.maxPixels || Math.max(width, height) > limits.maxSide) {
    throw new AppError('image_too_large', {
      params: { maxMegapixels: Math.round(limits.maxPixels / 100_000) / 10, maxSide: limits.maxSide },
    });
  }
}

/** Joins byte ranges into one array (the rewritten file). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
