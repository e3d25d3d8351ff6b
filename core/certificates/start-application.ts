import { and, eq, inArray } from 'drizzle-orm';
import { certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { addEvent } from './application-records';

const IN_PROGRESS = ['draft', 'submitted', 'in_review', 'returned'] as const;

/**
 * Starts an application, or returns the one already in progress: one at a time per person, so
 * documents sent to the bot always have one place to go. The village defaults to the person's own.
 */
export async function startApplication(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  const existing = await findInProgress(deps, actor.userId);
  if (existing) return { id: existing.id, created: false };
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(certificateApplications)
        .values({
          applicantUserId: actor.userId,
          villageId: actor.villageId,
          createdAt: deps.clock.now(),
          updatedAt: deps.clock.now(),
        })
        .returning({ id: certificateApplications.id });
      await addEvent(tx, deps, { applicationId: row!.id, type: 'created', actorUserId: actor.userId });
      return { id: row!.id, created: true };
    });
  } catch (e) {
    // Two devices pressed "apply" at once: the partial unique index let one win; return that one.
    const winner = await findInProgress(deps, actor.userId);
    if (winner) return { id: winner.id, created: false };
    throw e;
  }
}

async function findInProgress(deps: CoreDeps, userId: string) {
  const [row] = await deps.db
    .select({ id: certificateApplications.id })
    .from(certificateApplications)
    .where(
      and(
        eq(certificateApplications.applicantUserId, userId),
        inArray(certificateApplications.status, IN_PROGRESS),
      ),
    );
  return row;
}
