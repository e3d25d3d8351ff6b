import { eq } from 'drizzle-orm';
import { tipNotificationLinks } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { translator } from '../i18n';
import type { TTipNotifyJob } from '../notifications/jobs';

/**
 * The chat message of a tip-notify job: the chat and language come from the opt-in link (the job
 * carries only its id). null when the link is gone (opted out, case closed): nothing is sent.
 */
export async function renderTipNotification(options: { deps: CoreDeps; job: TTipNotifyJob }) {
  const { deps, job } = options;
  const [link] = await deps.db
    .select({ chatId: tipNotificationLinks.chatId, language: tipNotificationLinks.language })
    .from(tipNotificationLinks)
    .where(eq(tipNotificationLinks.id, job.linkId));
  if (!link) return null;
  const t = translator(link.language, 'tipoffs');
  return { chatId: link.chatId, text: t(job.messageKey, job.params) };
}

/** After the closing message: the link goes with the case. */
export async function dropTipLink(options: { deps: CoreDeps; linkId: string }) {
  await options.deps.db.delete(tipNotificationLinks).where(eq(tipNotificationLinks.id, options.linkId));
}
