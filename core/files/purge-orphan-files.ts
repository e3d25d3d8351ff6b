// Stored files that no record refers to: an upload whose record was never written (the database
// went away between the object and its document row), a photo sent to the bot and never attached,
// a replaced campaign image. Found and deleted by the maintenance cron after a grace period.
import { and, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  applicationDocuments,
  campaignVariants,
  certificates,
  serviceSubmissions,
  storedFiles,
  tipAttachments,
} from '../../db/schema';
import type { CoreDeps } from '../deps';

/**
 * Every column that refers to a stored file. A file none of them names is an orphan; a test compares
 * this list with the foreign keys in the database, so a new kind of file cannot be forgotten here.
 */
export const STORED_FILE_REFERENCES: readonly AnyPgColumn[] = [
  applicationDocuments.fileId,
  certificates.pdfFileId,
  campaignVariants.imageFileId,
  tipAttachments.fileId,
  serviceSubmissions.fileId,
];

/** A file younger than this is never judged: its record may still be on its way (upload in flight). */
export const ORPHAN_FILE_GRACE_HOURS = 24;
const BATCH = 500;

/**
 * Runs from the maintenance cron. Rows go first, in one statement that checks every reference again
 * as it deletes (a file attached meanwhile stays); then their objects. An object whose delete fails
 * is harmless (no row points at it); a row whose object was gone would not be.
 */
export async function purgeOrphanFiles(options: { deps: CoreDeps }): Promise<{ orphanFiles: number }> {
  const { db, clock, files } = options.deps;
  const cutoff = new Date(clock.now().getTime() - ORPHAN_FILE_GRACE_HOURS * 3600_000);
  const unreferenced = and(
    lt(storedFiles.createdAt, cutoff),
    ...STORED_FILE_REFERENCES.map((column) =>
      notExists(db.select({ one: sql`1` }).from(column.table).where(sql`${column} = ${storedFiles.id}`)),
    ),
  );
  const batch = db.select({ id: storedFiles.id }).from(storedFiles).where(unreferenced).limit(BATCH);
  const deleted = await db
    .delete(storedFiles)
    .where(and(inArray(storedFiles.id, batch), unreferenced))
    .returning({ objectKey: storedFiles.objectKey });
  if (deleted.length > 0) await files.delete(deleted.map((f) => f.objectKey));
  return { orphanFiles: deleted.length };
}
