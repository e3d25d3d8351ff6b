import { and, eq, isNotNull } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';

/**
 * /start after blocking the bot: the person can be reached again, so the "blocked" mark goes. Their
 * topics stay as they were left (a 403 unsubscribed them); the welcome points to /topics.
 */
export async function welcomeBack(options: { deps: CoreDeps; actor: Actor }): Promise<void> {
  await options.deps.db
    .update(users)
    .set({ broadcastBlockedAt: null })
    .where(and(eq(users.id, options.actor.userId), isNotNull(users.broadcastBlockedAt)));
}
