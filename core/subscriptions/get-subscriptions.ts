import { asc, eq } from 'drizzle-orm';
import { subscriptions, topics } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';

/** Every topic in the office's order, with whether this person receives it (names: campaigns:topic.<code>). */
export async function getSubscriptions(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  const all = await deps.db
    .select({ code: topics.code })
    .from(topics)
    .orderBy(asc(topics.sort), asc(topics.code));
  const mine = new Set(
    (
      await deps.db
        .select({ topic: subscriptions.topic })
        .from(subscriptions)
        .where(eq(subscriptions.userId, actor.userId))
    ).map((s) => s.topic),
  );
  return { topics: all.map((t) => ({ code: t.code, subscribed: mine.has(t.code) })) };
}
