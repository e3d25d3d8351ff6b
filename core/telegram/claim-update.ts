import { and, eq } from 'drizzle-orm';
import { telegramUpdates } from '../../db/schema';
import type { CoreDeps } from '../deps';

/**
 * Claims an update_id before handling it. Returns false when it was claimed before (a replay or a
 * concurrent redelivery): the caller answers 200 and does nothing.
 */
export async function claimUpdate(options: { deps: CoreDeps; updateId: number }): Promise<boolean> {
  const rows = await options.deps.db
    .insert(telegramUpdates)
    .values({ updateId: options.updateId, receivedAt: options.deps.clock.now() })
    .onConflictDoNothing()
    .returning({ updateId: telegramUpdates.updateId });
  return rows.length === 1;
}

export async function completeUpdate(options: { deps: CoreDeps; updateId: number }): Promise<void> {
  await options.deps.db
    .update(telegramUpdates)
    .set({ status: 'done' })
    .where(eq(telegramUpdates.updateId, options.updateId));
}

/** Handling failed: forget the claim so Telegram's redelivery is processed. */
export async function releaseUpdate(options: { deps: CoreDeps; updateId: number }): Promise<void> {
  await options.deps.db
    .delete(telegramUpdates)
    .where(and(eq(telegramUpdates.updateId, options.updateId), eq(telegramUpdates.status, 'processing')));
}
