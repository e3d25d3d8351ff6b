// Livelihood services (生产生活服务): the person asks for job, training or legal-aid information; a
// reviewer of their village answers, which meets the livelihood item.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { livelihoodRequests, serviceItems, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce, ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { reviewersOfVillage } from '../review/escalate-overdue';
import { meetItem } from './meet-item';
import { serviceFilePolicy } from './service-file-policy';
import { findItem, type LoadedItem, loadOwnItem } from './service-file-records';
import type { TAnswerLivelihood, TLivelihoodRequest } from './service-file-schema';

export async function requestLivelihood(options: {
  deps: CoreDeps;
  actor: Actor;
  input: TLivelihoodRequest;
}) {
  const { deps, actor, input } = options;
  const item = await loadOwnItem(deps.db, actor, 'livelihood', 'request');
  const [row] = await deps.db
    .insert(livelihoodRequests)
    .values({
      userId: actor.userId,
      villageId: item.villageId,
      topic: input.topic,
      question: input.question,
      createdAt: deps.clock.now(),
    })
    .returning();
  for (const userId of await reviewersOfVillage(deps.db, item.villageId)) {
    await deps.jobs.send({
      type: 'notify-user',
      userId,
      messageKey: 'serviceFile:notify.officerLivelihood',
      params: {},
      button: { textKey: 'serviceFile:notify.openReview', path: 'review/service-file/livelihood' },
    });
  }
  return requestView(row!);
}

function requestView(r: typeof livelihoodRequests.$inferSelect) {
  return {
    id: r.id,
    userId: r.userId,
    villageId: r.villageId,
    topic: r.topic,
    question: r.question,
    status: r.status,
    answer: r.answer,
    answeredAt: r.answeredAt,
    createdAt: r.createdAt,
  };
}

/** Open requests of the officer's villages, oldest first. */
export async function listLivelihoodQueue(options: { deps: CoreDeps; actor: Actor; villageId?: number }) {
  const { deps, actor } = options;
  const scope = ruleScope(serviceFilePolicy.view, actor);
  const where: SQL[] = [eq(livelihoodRequests.status, 'open')];
  if (scope !== null) where.push(scope.length ? inArray(livelihoodRequests.villageId, scope) : sql`false`);
  if (options.villageId) where.push(eq(livelihoodRequests.villageId, options.villageId));
  const rows = await deps.db
    .select({ request: livelihoodRequests, displayName: users.displayName })
    .from(livelihoodRequests)
    .innerJoin(users, eq(users.id, livelihoodRequests.userId))
    .where(and(...where))
    .orderBy(asc(livelihoodRequests.createdAt))
    .limit(100);
  return { items: rows.map((r) => ({ ...requestView(r.request), displayName: r.displayName })) };
}

/** A reviewer of the village answers; the person is told and the livelihood item is met. */
export async function answerLivelihood(options: {
  deps: CoreDeps;
  actor: Actor;
  requestId: string;
  input: TAnswerLivelihood;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const answered = await deps.db.transaction(async (tx) => {
    const [req] = await tx
      .select()
      .from(livelihoodRequests)
      .where(eq(livelihoodRequests.id, options.requestId))
      .for('update');
    if (!req) throw new AppError('not_found');
    const [itemRow] = await tx
      .select({ id: serviceItems.id })
      .from(serviceItems)
      .where(and(eq(serviceItems.userId, req.userId), eq(serviceItems.kind, 'livelihood')));
    const item = itemRow ? ((await findItem(tx, itemRow.id, { forUpdate: true })) as LoadedItem) : undefined;
    enforce(serviceFilePolicy.answer, actor, {
      userId: req.userId,
      villageId: req.villageId,
      kind: 'livelihood',
      status: item?.status ?? 'not_started',
      ownerOfficerId: null,
      fileStatus: item?.fileStatus ?? 'active',
    });
    if (req.status !== 'open') throw new AppError('invalid_transition');
    const [row] = await tx
      .update(livelihoodRequests)
      .set({ status: 'answered', answer: input.answer, answeredBy: actor.userId, answeredAt: now })
      .where(eq(livelihoodRequests.id, req.id))
      .returning();
    if (item && item.fileStatus === 'active' && item.status !== 'verified')
      await meetItem(tx, deps, item, {
        decidedBy: actor.userId,
        metRef: req.id,
        details: { topic: req.topic },
      });
    return row!;
  });
  await deps.jobs.send({
    type: 'notify-user',
    userId: answered.userId,
    messageKey: 'serviceFile:notify.livelihoodAnswered',
    params: {},
    button: { textKey: 'serviceFile:notify.open', path: 'service-file/items/livelihood' },
  });
  return requestView(answered);
}
