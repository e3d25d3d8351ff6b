import { and, eq } from 'drizzle-orm';
import { tipNotificationLinks } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { Language } from '../i18n';
import { findTipByReceipt } from './tip-records';

/**
 * Opt in (or out) of chat messages about a tip: links this chat to the tip in a table apart from it.
 * The link is the only place a chat and a tip meet; it is deleted on opt-out and when the case closes.
 */
export async function setNotificationOptIn(options: {
  deps: CoreDeps;
  receipt: string;
  chatId: number;
  language: Language;
  enabled: boolean;
}) {
  const { deps } = options;
  const tip = await findTipByReceipt(deps.db, deps, options.receipt);
  const link = and(eq(tipNotificationLinks.tipId, tip.id), eq(tipNotificationLinks.chatId, options.chatId));
  if (!options.enabled) {
    await deps.db.delete(tipNotificationLinks).where(link);
    return { enabled: false };
  }
  if (tip.status === 'closed') throw new AppError('invalid_transition');
  await deps.db
    .insert(tipNotificationLinks)
    .values({ tipId: tip.id, chatId: options.chatId, language: options.language })
    .onConflictDoUpdate({
      target: [tipNotificationLinks.tipId, tipNotificationLinks.chatId],
      set: { language: options.language },
    });
  return { enabled: true };
}
