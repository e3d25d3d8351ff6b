import { and, eq, inArray, isNull } from 'drizzle-orm';
import { healthConsents, serviceItems, serviceSubmissions, storedFiles } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';
import { firstDueOn } from './item-rules';
import { cancelRemindersFor, dueFields, findFileOf } from './service-file-records';
import type { THealthConsent } from './service-file-schema';

/** The separate consent before the first health upload (purpose, who sees it, retention, withdrawal). */
export async function giveHealthConsent(options: { deps: CoreDeps; actor: Actor; input: THealthConsent }) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  await deps.db
    .insert(healthConsents)
    .values({ userId: actor.userId, version: input.version, givenAt: now })
    .onConflictDoNothing();
  const [row] = await deps.db
    .select({ version: healthConsents.version, givenAt: healthConsents.givenAt })
    .from(healthConsents)
    .where(and(eq(healthConsents.userId, actor.userId), isNull(healthConsents.withdrawnAt)));
  return { given: row ?? null };
}

/**
 * Withdrawing the consent erases the person's health data: every check-up report file (the object
 * in R2 and its row) and the check-up details (clinic, city, date) of every submission. The
 * check-up item starts again (not started, due as for a new departure). Audited, without details.
 */
export async function withdrawHealthConsent(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const settings = (await runtimeSettings(deps)).serviceFile;
  const submissions = await deps.db
    .select({
      id: serviceSubmissions.id,
      fileId: serviceSubmissions.fileId,
      objectKey: storedFiles.objectKey,
    })
    .from(serviceSubmissions)
    .leftJoin(storedFiles, eq(storedFiles.id, serviceSubmissions.fileId))
    .where(
      and(
        eq(serviceSubmissions.userId, actor.userId),
        eq(serviceSubmissions.kind, 'health_checkup'),
        isNull(serviceSubmissions.healthErasedAt),
      ),
    );
  const objectKeys = submissions.flatMap((s) => (s.objectKey ? [s.objectKey] : []));
  // Objects first: a row without its object is harmless, a kept object after "erased" is not.
  if (objectKeys.length > 0) await deps.files.delete(objectKeys);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(healthConsents)
      .set({ withdrawnAt: now })
      .where(and(eq(healthConsents.userId, actor.userId), isNull(healthConsents.withdrawnAt)));
    if (submissions.length > 0) {
      await tx
        .update(serviceSubmissions)
        .set({ details: null, fileId: null, fileDeletedAt: now, healthErasedAt: now })
        .where(
          inArray(
            serviceSubmissions.id,
            submissions.map((s) => s.id),
          ),
        );
      const fileIds = submissions.flatMap((s) => (s.fileId ? [s.fileId] : []));
      if (fileIds.length > 0) await tx.delete(storedFiles).where(inArray(storedFiles.id, fileIds));
    }
    const file = await findFileOf(tx, actor.userId);
    if (file) {
      const [item] = await tx
        .update(serviceItems)
        .set({
          status: file.status === 'active' ? 'not_started' : 'not_applicable',
          lastMetOn: null,
          metRef: null,
          currentSubmissionId: null,
          submittedAt: null,
          deadlineAt: null,
          overdueAt: null,
          ownerOfficerId: null,
          ownedSince: null,
          returnItems: null,
          ...dueFields(file.status === 'active' ? firstDueOn(now, settings) : null, settings),
          updatedAt: now,
        })
        .where(and(eq(serviceItems.fileId, file.id), eq(serviceItems.kind, 'health_checkup')))
        .returning({ id: serviceItems.id });
      if (item) await cancelRemindersFor(tx, deps, actor.userId, [item.id]);
    }
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'service_file.health_consent_withdrawn',
      recordType: 'user',
      recordId: actor.userId,
      details: { erasedSubmissions: submissions.length },
    },
  });
  return { erasedSubmissions: submissions.length };
}
