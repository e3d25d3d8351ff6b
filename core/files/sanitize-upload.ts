// What an upload becomes before it is stored, by its real type: an image is rewritten to its pixel
// data alone (no location, device or hidden second picture) and checked against the size limits; a
// PDF is refused if it carries active content. Anything else was refused earlier by its bytes.
import type { ImageLimits } from './image-limits';
import { rewriteJpeg } from './jpeg-pixels';
import { assertPdfInert } from './pdf-active-content';
import { rewritePng } from './png-pixels';
import type { AcceptedContentType } from './sniff-content-type';

export async function sanitizeUpload(
  bytes: Uint8Array,
  contentType: AcceptedContentType,
  limits: ImageLimits,
): Promise<Uint8Array> {
  if (contentType === 'image/jpeg') return rewriteJpeg(bytes, limits);
  if (contentType === 'image/png') return rewritePng(bytes, limits);
  await assertPdfInert(bytes);
  return bytes;
}
