import { lt } from 'drizzle-orm';
import { telegramUpdates } from '../../db/schema';
import { purgeCertificateDocuments } from '../certificates/purge-certificate-documents';
import type { CoreDeps } from '../deps';

/** Telegram stops redelivering after 24 h; keeping claimed ids a week is ample. */
export const UPDATE_ID_RETENTION_DAYS = 7;

/** Runs from the cron trigger: deletes what is kept only for a limited time (retention settings). */
export async function purgeExpired(options: { deps: CoreDeps }) {
  const { db, clock } = options.deps;
  const cutoff = new Date(clock.now().getTime() - UPDATE_ID_RETENTION_DAYS * 86_400_000);
  const purged = await db
    .delete(telegramUpdates)
    .where(lt(telegramUpdates.receivedAt, cutoff))
    .returning({ id: telegramUpdates.updateId });
  const documents = await purgeCertificateDocuments({ deps: options.deps });
  return { telegramUpdates: purged.length, ...documents };
}
