import { lt } from 'drizzle-orm';
import { certificateVerificationCounts, telegramUpdates } from '../../db/schema';
import { purgeCertificateDocuments } from '../certificates/purge-certificate-documents';
import { purgeExpiredConversations } from '../conversations/bot-conversation';
import type { CoreDeps } from '../deps';
import { purgeOrphanFiles } from '../files/purge-orphan-files';
import { purgeStrayObjects } from '../files/purge-stray-objects';
import { todayInShanghai } from '../review/working-days';

/** Telegram stops redelivering after 24 h; keeping claimed ids a week is ample. */
export const UPDATE_ID_RETENTION_DAYS = 7;
/** Daily counts of public certificate checks (no serials): a year answers "how much is it used". */
export const VERIFICATION_COUNT_RETENTION_DAYS = 366;

/** Runs from the cron trigger: deletes what is kept only for a limited time (retention settings). */
export async function purgeExpired(options: { deps: CoreDeps }) {
  const { db, clock } = options.deps;
  const now = clock.now().getTime();
  const cutoff = new Date(now - UPDATE_ID_RETENTION_DAYS * 86_400_000);
  const purged = await db
    .delete(telegramUpdates)
    .where(lt(telegramUpdates.receivedAt, cutoff))
    .returning({ id: telegramUpdates.updateId });
  const firstKeptDay = todayInShanghai(new Date(now - VERIFICATION_COUNT_RETENTION_DAYS * 86_400_000));
  const counts = await db
    .delete(certificateVerificationCounts)
    .where(lt(certificateVerificationCounts.day, firstKeptDay))
    .returning({ day: certificateVerificationCounts.day });
  const documents = await purgeCertificateDocuments({ deps: options.deps });
  const orphans = await purgeOrphanFiles({ deps: options.deps });
  const { strayObjects } = await purgeStrayObjects({ deps: options.deps });
  const conversations = await purgeExpiredConversations({ deps: options.deps });
  return {
    telegramUpdates: purged.length,
    verificationCounts: counts.length,
    conversations,
    ...documents,
    ...orphans,
    strayObjects,
  };
}
