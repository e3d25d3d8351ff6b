import { storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { ObjectStore } from './object-store';
import { sniffContentType } from './sniff-content-type';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps an uploaded document: checks size and real type, writes the bytes to R2 first and the
 * metadata row second (an orphan object is harmless; a row without its object is not).
 */
export async function storeFile(options: {
  deps: CoreDeps;
  store: ObjectStore;
  ownerUserId: string;
  purpose: string;
  bytes: Uint8Array<ArrayBuffer>;
  maxBytes?: number;
}) {
  const { deps, store, bytes } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength > maxBytes)
    throw new AppError('payload_too_large', { params: { maxMb: maxBytes / 1048576 } });
  const contentType = sniffContentType(bytes);
  if (!contentType) throw new AppError('unsupported_media_type');
  const sha256 = await sha256Hex(bytes);
  const objectKey = `files/${options.ownerUserId}/${deps.ids.uuid()}`;
  await store.put(objectKey, bytes, { httpMetadata: { contentType }, sha256 });
  const [row] = await deps.db
    .insert(storedFiles)
    .values({
      objectKey,
      ownerUserId: options.ownerUserId,
      contentType,
      sizeBytes: bytes.byteLength,
      sha256,
      purpose: options.purpose,
      createdAt: deps.clock.now(),
    })
    .returning();
  return row!;
}
