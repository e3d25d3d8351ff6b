import { and, eq, inArray, lt } from 'drizzle-orm';
import { applicationDocuments, certificateApplications, storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';

const BATCH = 500;

/**
 * Runs from the cron trigger: documents are kept only as long as they serve the application — the
 * evidence of applications decided more than the retention setting (CERT_DOCUMENT_RETENTION_DAYS by default) ago goes (uploads never
 * attached go with the other orphan files, core/files/purge-orphan-files.ts). The history and the
 * certificate itself stay; R2 objects go first, then their rows. Bounded batches, so one run never
 * holds a large result in memory.
 */
export async function purgeCertificateDocuments(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now().getTime();
  const { documentRetentionDays } = (await runtimeSettings(deps)).certificates;
  const decidedCutoff = new Date(now - documentRetentionDays * 86_400_000);

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

  if (expired.length > 0) {
    await deps.files.delete(expired.map((f) => f.objectKey));
    await deps.db.transaction(async (tx) => {
      await tx.delete(applicationDocuments).where(
        inArray(
          applicationDocuments.id,
          expired.map((e) => e.docId),
        ),
      );
      await tx.delete(storedFiles).where(
        inArray(
          storedFiles.id,
          expired.map((f) => f.id),
        ),
      );
    });
  }
  return { decidedDocuments: expired.length };
}
