// Exactly-once handling of Telegram updates, or retried until they are: the webhook claims an
// update_id with a lease before the bot handles it, completes it after, and gives it back on a
// transient failure. Telegram redelivers every update it did not get a 2xx for.
//
// The one gap is the reply itself: a handler that already answered in chat but could not record
// completion (the database went away in between) is handled again after the lease, so that person
// may get the same answer twice — at least once, never lost. Completion is retried on a fresh
// connection first, which keeps that rare.
import { and, eq, lt, sql } from 'drizzle-orm';
import { telegramUpdates } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { isDatabaseUnavailable } from '../infra-errors';

/**
 * How long a claim is held before another delivery of the same update may take it over: longer
 * than any handler runs (file downloads included), short enough that a lost claim costs a person
 * a minute, not a day.
 */
export const UPDATE_CLAIM_LEASE_SECONDS = 60;

/**
 * A held claim. Its attempt and lease end together fence complete and release: after the sweeper
 * deleted an expired claim a new one may start at attempt 1 again, but never with the same lease end.
 */
export interface HeldClaim {
  updateId: number;
  attempt: number;
  leaseUntil: Date;
}

export type UpdateClaim =
  /** This delivery handles the update. */
  | { outcome: 'claimed'; claim: HeldClaim }
  /** Handled before: answer 200 and do nothing. */
  | { outcome: 'done' }
  /** Another delivery holds the lease: answer 503 so Telegram comes back after it. */
  | { outcome: 'in_progress'; retryAfterSeconds: number };

export async function claimUpdate(options: { deps: CoreDeps; updateId: number }): Promise<UpdateClaim> {
  const { db, clock } = options.deps;
  const now = clock.now();
  const until = new Date(now.getTime() + UPDATE_CLAIM_LEASE_SECONDS * 1000);
  // One statement: a new update is inserted, an expired claim is taken over (attempt + 1), anything
  // else is left alone. The row lock of ON CONFLICT lets exactly one of two racing deliveries win.
  const [won] = await db
    .insert(telegramUpdates)
    .values({ updateId: options.updateId, receivedAt: now, processingUntil: until, attempt: 1 })
    .onConflictDoUpdate({
      target: telegramUpdates.updateId,
      set: { processingUntil: until, attempt: sql`${telegramUpdates.attempt} + 1` },
      setWhere: and(eq(telegramUpdates.status, 'processing'), lt(telegramUpdates.processingUntil, now)),
    })
    .returning({ attempt: telegramUpdates.attempt });
  if (won) {
    return {
      outcome: 'claimed',
      claim: { updateId: options.updateId, attempt: won.attempt, leaseUntil: until },
    };
  }
  const [held] = await db
    .select({ status: telegramUpdates.status, processingUntil: telegramUpdates.processingUntil })
    .from(telegramUpdates)
    .where(eq(telegramUpdates.updateId, options.updateId));
  if (held?.status === 'done') return { outcome: 'done' };
  // Still leased (or reopened by the sweeper a moment ago): come back when the lease ends.
  const left = held ? held.processingUntil.getTime() - now.getTime() : 0;
  return { outcome: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
}

/**
 * Records that the update was handled. Retried on a fresh connection when the database connection
 * was lost; false when the claim was no longer ours (its lease ran out and another delivery took it).
 */
export async function completeUpdate(options: { deps: CoreDeps; claim: HeldClaim }): Promise<boolean> {
  const { db } = options.deps;
  const rows = await retryOnLostConnection(() =>
    db
      .update(telegramUpdates)
      .set({ status: 'done' })
      .where(heldBy(options.claim))
      .returning({ updateId: telegramUpdates.updateId }),
  );
  return rows.length === 1;
}

/**
 * Handling failed: end the lease now so Telegram's redelivery is handled at once. Best effort — if
 * the database is away this fails too, and the lease running out does the same a minute later.
 */
export async function releaseUpdate(options: { deps: CoreDeps; claim: HeldClaim }): Promise<boolean> {
  const { db, clock } = options.deps;
  try {
    await retryOnLostConnection(() =>
      db.update(telegramUpdates).set({ processingUntil: clock.now() }).where(heldBy(options.claim)),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs from the minute cron: claims whose lease ran out (their handler died, their release failed)
 * are deleted, so none stays `processing`; Telegram's next delivery of that update claims it anew.
 */
export async function reopenStaleUpdateClaims(options: { deps: CoreDeps }): Promise<{ reopened: number }> {
  const { db, clock } = options.deps;
  const rows = await db
    .delete(telegramUpdates)
    .where(and(eq(telegramUpdates.status, 'processing'), lt(telegramUpdates.processingUntil, clock.now())))
    .returning({ updateId: telegramUpdates.updateId });
  return { reopened: rows.length };
}

function heldBy(claim: HeldClaim) {
  return and(
    eq(telegramUpdates.updateId, claim.updateId),
    eq(telegramUpdates.status, 'processing'),
    eq(telegramUpdates.attempt, claim.attempt),
    eq(telegramUpdates.processingUntil, claim.leaseUntil),
  );
}

/** An idempotent statement tried again (up to twice more) when its connection was lost. */
async function retryOnLostConnection<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= 3 || !isDatabaseUnavailable(e)) throw e;
    }
  }
}
