import { eq } from 'drizzle-orm';
import { subscriptions } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';

/** /stop: no campaign messages at all until the person chooses topics again. */
export async function unsubscribeAll(options: { deps: CoreDeps; actor: Actor }) {
  const removed = await options.deps.db
    .delete(subscriptions)
    .where(eq(subscriptions.userId, options.actor.userId))
    .returning({ topic: subscriptions.topic });
  return { removed: removed.length };
}
