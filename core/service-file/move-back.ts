import { and, eq, ne } from 'drizzle-orm';
import { serviceFiles, serviceItems, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { getOwnServiceFile } from './get-own-service-file';
import { cancelRemindersFor, findFileOf } from './service-file-records';

/**
 * "I have moved back": the file stops (moved_back), every item not met becomes not applicable and
 * nothing falls due or is reminded any more. The person counts as a resident again.
 */
export async function moveBack(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const file = await findFileOf(tx, actor.userId);
    if (!file) throw new AppError('not_found');
    if (file.status === 'moved_back') throw new AppError('invalid_transition');
    await tx
      .update(serviceFiles)
      .set({ status: 'moved_back', movedBackAt: now, updatedAt: now })
      .where(eq(serviceFiles.id, file.id));
    await tx
      .update(serviceItems)
      .set({ status: 'not_applicable', dueOn: null, nextRemindOn: null, updatedAt: now })
      .where(and(eq(serviceItems.fileId, file.id), ne(serviceItems.status, 'verified')));
    // Met items keep the fact, but nothing of theirs falls due while the person is home.
    await tx
      .update(serviceItems)
      .set({ dueOn: null, nextRemindOn: null, updatedAt: now })
      .where(eq(serviceItems.fileId, file.id));
    await tx
      .update(users)
      .set({ populationStatus: 'resident', updatedAt: now })
      .where(eq(users.id, actor.userId));
    await cancelRemindersFor(tx, deps, actor.userId, 'all');
  });
  return getOwnServiceFile({ deps, actor });
}
