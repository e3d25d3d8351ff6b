import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { applicationDocuments, certificateApplications, storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { PENDING_DOCUMENT_PURPOSE } from './receive-bot-document';

/** A photo sent to the bot but never said which document it is: gone after a day. */
export const PENDING_DOCUMENT_RETENTION_HOURS = 24;
const BATCH = 500;

/**
 * Runs from the cron trigger: documents are kept only as long as they serve the application —
 * uploads never attached (after a day) and the evidence of applications decided more than
 * CERT_DOCUMENT_RETENTION_DAYS ago. The history and the certificate itself stay; R2 objects go first,
 * then their rows. Bounded batches, so one run never holds a large result in memory.
 */
export async function purgeCertificateDocuments(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now().getTime();
  const pendingCutoff = new Date(now - PENDING_DOCUMENT_RETENTION_HOURS * 3600_000);
  const decidedCutoff = new Date(now - deps.config.certificates.documentRetentionDays * 86_400_000);

  const orphans = await deps.db
    .select({ id: storedFiles.id, objectKey: storedFiles.objectKey })
    .from(storedFiles)
    .where(
      and(
        eq(storedFiles.purpose, PENDING_DOCUMENT_PURPOSE),
        lt(storedFiles.createdAt, pendingCutoff),
        notExists(
          deps.db
            .select({ one: sql`1` })
            .from(applicationDocuments)
            .where(eq(applicationDocuments.fileId, storedFiles.id)),
        ),
      ),
    )
    .limit(BATCH);

  const expired = await deps.db
    .select({ docId: applicationDocuments.id, id: storedFiles.id, objectKey: storedFiles.objectKey })
    .from(applicationDocuments)
    .innerJoin(certificateApplications, eq(certificateApplications.id, applicationDocuments.applicationId))
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(
      and(
        inArray(certificateApplications.status, ['issued', 'rejected']),
        lt(certificateApplications.decidedAt, decidedCutoff),
      ),
    )
    .limit(BATCH);

  const files = [...orphans, ...expired];
  if (files.length > 0) {
    await deps.files.delete(files.map((f) => f.objectKey));
    await deps.db.transaction(async (tx) => {
      if (expired.length)
        await tx.delete(applicationDocuments).where(
          inArray(
            applicationDocuments.id,
            expired.map((e) => e.docId),
          ),
        );
      await tx.delete(storedFiles).where(
        inArray(
          storedFiles.id,
          files.map((f) => f.id),
        ),
      );
    });
  }
  return { pendingDocuments: orphans.length, decidedDocuments: expired.length };
}
