import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../errors';
import type { ReviewTable, ReviewTx } from './review-table';

/**
 * Takes up a waiting, unowned record (领取办理) for `ownerUserId` in one conditional UPDATE: of two
 * officers pressing at the same moment one owns it and the other gets invalid_transition, never
 * both. `set` adds the workflow's own changes (a certificate application moves to in_review).
 */
export async function claimForReview(
  tx: ReviewTx,
  t: ReviewTable,
  options: {
    id: string;
    waitingStatus: string;
    ownerUserId: string;
    now: Date;
    set?: Record<string, unknown>;
  },
): Promise<void> {
  const claimed = await tx
    .update(t.table)
    .set({ ownerOfficerId: options.ownerUserId, ownedSince: options.now, ...options.set } as never)
    .where(and(eq(t.id, options.id), eq(t.status, options.waitingStatus), isNull(t.ownerOfficerId)))
    .returning({ id: t.id });
  if (claimed.length === 0) throw new AppError('invalid_transition');
}
