import { and, eq } from 'drizzle-orm';
import { tipNotificationLinks } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { findTipByReceipt } from './tip-records';

/**
 * Whether this chat gets messages about the tip the receipt opens (the mini app's switch shows it as
 * it is). Reads the opt-in link only; a wrong receipt is `not_found`, like every receipt use case.
 */
export async function getNotificationOptIn(options: { deps: CoreDeps; receipt: string; chatId: number }) {
  const { deps } = options;
  const tip = await findTipByReceipt(deps.db, deps, options.receipt);
  const [link] = await deps.db
    .select({ tipId: tipNotificationLinks.tipId })
    .from(tipNotificationLinks)
    .where(and(eq(tipNotificationLinks.tipId, tip.id), eq(tipNotificationLinks.chatId, options.chatId)))
    .limit(1);
  return { enabled: Boolean(link) };
}
