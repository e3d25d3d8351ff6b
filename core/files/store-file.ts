import { storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { cleanFileName } from './file-name';
import { DEFAULT_IMAGE_LIMITS } from './image-limits';
import type { ObjectStore } from './object-store';
import { sanitizeUpload } from './sanitize-upload';
import { sniffContentType } from './sniff-content-type';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps an uploaded document: checks size and real type (by its bytes, never its name), rewrites
 * photos to their pixel data (no GPS, device or second picture; damaged or oversized ones refused),
 * refuses PDFs with active content, writes the bytes to R2 first and the metadata row second (an
 * orphan object is harmless; a row without its object is not), and takes the object back when the
 * row cannot be written. A row whose record never follows is purged as an orphan after a day.
 */
export async function storeFile(options: {
  deps: CoreDeps;
  store?: ObjectStore;
  /** null: a tip-off's attachment, which must not be tied to the person who sent it. */
  ownerUserId: string | null;
  purpose: string;
  bytes: Uint8Array;
  maxBytes?: number;
  /** The name it was sent under (kept cleaned, only to show it back to people). */
  fileName?: string | null;
  /**
   * Keep the bytes as sent (a tip-off's reporter chose to keep an image's time and place as
   * evidence): the same checks run (type, size, structure, active content), only the rewrite is dropped.
   */
  keepOriginal?: boolean;
  /** What the row records as its creation time (a tip-off's attachment: the start of its day only). */
  createdAt?: Date;
}) {
  const { deps } = options;
  const store = options.store ?? deps.files;
  const maxBytes = options.maxBytes ?? deps.config?.maxUploadBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (options.bytes.byteLength > maxBytes) {
    throw new AppError('payload_too_large', {
      params: { maxMb: Math.round((maxBytes / 1048576) * 10) / 10 },
    });
  }
  const contentType = sniffContentType(options.bytes);
  if (!contentType) throw new AppError('unsupported_media_type');
  const sanitized = await sanitizeUpload(
    options.bytes,
    contentType,
    deps.config?.imageLimits ?? DEFAULT_IMAGE_LIMITS,
  );
  const bytes = options.keepOriginal ? options.bytes : sanitized;
  const sha256 = await sha256Hex(bytes);
  const objectKey = `files/${options.ownerUserId ?? 'tips'}/${deps.ids.uuid()}`;
  await store.put(objectKey, bytes, { httpMetadata: { contentType }, sha256 });
  try {
    const [row] = await deps.db
      .insert(storedFiles)
      .values({
        objectKey,
        ownerUserId: options.ownerUserId,
        contentType,
        sizeBytes: bytes.byteLength,
        sha256,
        purpose: options.purpose,
        fileName: cleanFileName(options.fileName),
        createdAt: options.createdAt ?? deps.clock.now(),
      })
      .returning();
    return row!;
  } catch (e) {
    // No row will ever name this object: take it back now (best effort; the person retries anyway).
    await store.delete(objectKey).catch(() => {});
    throw e;
  }
}
