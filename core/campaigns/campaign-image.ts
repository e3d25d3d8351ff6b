// A campaign variant's image: kept in R2 like every stored file; read back when a variant is sent for
// the first time (later sends reuse Telegram's file_id) or shown in the mini app.
import { eq } from 'drizzle-orm';
import { storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

export const CAMPAIGN_IMAGE_PURPOSE = 'campaign_image';
/** Telegram photos: JPEG or PNG, at most 10 MB. */
export const CAMPAIGN_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;

export async function readStoredFileBytes(deps: CoreDeps, fileId: string) {
  const [file] = await deps.db.select().from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!file) throw new AppError('not_found');
  const object = await deps.files.get(file.objectKey);
  if (!object) throw new AppError('not_found');
  return new Uint8Array(await object.arrayBuffer());
}

export async function readStoredFile(deps: CoreDeps, fileId: string) {
  const [file] = await deps.db.select().from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!file) throw new AppError('not_found');
  return { bytes: await readStoredFileBytes(deps, fileId), contentType: file.contentType };
}
