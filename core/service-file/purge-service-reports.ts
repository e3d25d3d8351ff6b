import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import { serviceSubmissions, storedFiles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';

const BATCH = 500;

/**
 * Cron: a verified report or proof file is deleted `reportRetentionDays` (90 by default, a run-time
 * setting) after verification;
 * the fact (what, when verified, by whom, the receipt) stays. Objects first, then rows; bounded.
 */
export async function purgeServiceReports(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now();
  const { reportRetentionDays } = (await runtimeSettings(deps)).serviceFile;
  const cutoff = new Date(now.getTime() - reportRetentionDays * 86_400_000);
  const expired = await deps.db
    .select({ id: serviceSubmissions.id, fileId: storedFiles.id, objectKey: storedFiles.objectKey })
    .from(serviceSubmissions)
    .innerJoin(storedFiles, eq(storedFiles.id, serviceSubmissions.fileId))
    .where(
      and(
        eq(serviceSubmissions.status, 'verified'),
        isNotNull(serviceSubmissions.fileId),
        lt(serviceSubmissions.decidedAt, cutoff),
      ),
    )
    .limit(BATCH);
  if (expired.length === 0) return { reportsDeleted: 0 };
  await deps.files.delete(expired.map((e) => e.objectKey));
  await deps.db.transaction(async (tx) => {
    await tx
      .update(serviceSubmissions)
      .set({ fileId: null, fileDeletedAt: now })
      .where(
        inArray(
          serviceSubmissions.id,
          expired.map((e) => e.id),
        ),
      );
    await tx.delete(storedFiles).where(
      inArray(
        storedFiles.id,
        expired.map((e) => e.fileId),
      ),
    );
  });
  return { reportsDeleted: expired.length };
}
