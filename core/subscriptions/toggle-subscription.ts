import { and, eq } from 'drizzle-orm';
import { subscriptions, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { ZTopicCode } from '../campaigns/campaign-schema';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { getSubscriptions } from './get-subscriptions';

/** The bot's topics menu: one topic on or off. */
export async function toggleSubscription(options: { deps: CoreDeps; actor: Actor; topic: unknown }) {
  const { deps, actor } = options;
  const topic = parseOrThrow(ZTopicCode, options.topic);
  const where = and(eq(subscriptions.userId, actor.userId), eq(subscriptions.topic, topic));
  const [existing] = await deps.db.select().from(subscriptions).where(where);
  if (existing) await deps.db.delete(subscriptions).where(where);
  else {
    await deps.db
      .insert(subscriptions)
      .values({ userId: actor.userId, topic, createdAt: deps.clock.now() })
      .onConflictDoNothing();
    await deps.db.update(users).set({ broadcastBlockedAt: null }).where(eq(users.id, actor.userId));
  }
  return getSubscriptions({ deps, actor });
}
