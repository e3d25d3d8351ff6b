import { and, eq, notInArray } from 'drizzle-orm';
import { subscriptions, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { TSetSubscriptions } from '../campaigns/campaign-schema';
import type { CoreDeps } from '../deps';
import { getSubscriptions } from './get-subscriptions';

/**
 * The settings page: exactly these topics from now on (an empty list = none, like /stop). Choosing
 * topics also lifts a "blocked the bot" mark: the person is evidently back.
 */
export async function setSubscriptions(options: { deps: CoreDeps; actor: Actor; input: TSetSubscriptions }) {
  const { deps, actor } = options;
  const wanted = options.input.topics;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(subscriptions)
      .where(
        and(
          eq(subscriptions.userId, actor.userId),
          wanted.length > 0 ? notInArray(subscriptions.topic, wanted) : undefined,
        ),
      );
    if (wanted.length > 0) {
      await tx
        .insert(subscriptions)
        .values(wanted.map((topic) => ({ userId: actor.userId, topic, createdAt: now })))
        .onConflictDoNothing();
      await tx.update(users).set({ broadcastBlockedAt: null }).where(eq(users.id, actor.userId));
    }
  });
  return getSubscriptions({ deps, actor });
}
