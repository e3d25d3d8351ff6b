import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { certificateApplications, certificates, users, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { ZIdString } from '../schema-primitives';
import { applicationPolicy } from './application-policy';
import { certificateStanding } from './certificate-standing';

export const ZReviewQueueQuerySchema = z.object({
  /** open: waiting for a decision (by deadline); returned: waiting for the applicant; decided: issued or rejected. */
  view: z.enum(['open', 'returned', 'decided']).default('open'),
  villageId: ZIdString.optional(),
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TReviewQueueQuery = z.infer<typeof ZReviewQueueQuerySchema>;

const STATUSES = {
  open: ['submitted', 'in_review'],
  returned: ['returned'],
  decided: ['issued', 'rejected'],
} as const;

/** The reviewer's queue: applications of their villages, the nearest deadline first, overdue marked. */
export async function listReviewQueue(options: { deps: CoreDeps; actor: Actor; query: TReviewQueueQuery }) {
  const { deps, actor, query } = options;
  const scope = ruleScope(applicationPolicy.view, actor);
  const now = deps.clock.now();
  const a = certificateApplications;
  const owner = alias(users, 'owner');
  const where: SQL[] = [inArray(a.status, STATUSES[query.view])];
  if (scope !== null) where.push(scope.length ? inArray(a.villageId, scope) : sql`false`);
  if (query.villageId) where.push(eq(a.villageId, query.villageId));
  if (query.mine === 'true') where.push(eq(a.ownerOfficerId, actor.userId));
  if (query.overdue === 'true') where.push(lt(a.deadlineAt, now), inArray(a.status, STATUSES.open));
  const order =
    query.view === 'open'
      ? [asc(a.deadlineAt), asc(a.id)]
      : query.view === 'returned'
        ? [desc(a.updatedAt)]
        : [desc(a.decidedAt)];
  const rows = await deps.db
    .select({
      id: a.id,
      status: a.status,
      villageId: a.villageId,
      villageName: villages.name,
      applicantName: sql<string | null>`${a.form} -> 'applicant' ->> 'name'`,
      submittedAt: a.submittedAt,
      deadlineAt: a.deadlineAt,
      decidedAt: a.decidedAt,
      submissionCount: a.submissionCount,
      ownerOfficerId: a.ownerOfficerId,
      ownerName: owner.displayName,
      certificateStatus: certificates.status,
      validUntil: certificates.validUntil,
    })
    .from(a)
    .leftJoin(villages, eq(villages.id, a.villageId))
    .leftJoin(certificates, eq(certificates.applicationId, a.id))
    .leftJoin(owner, eq(owner.id, a.ownerOfficerId))
    .where(and(...where))
    .orderBy(...order)
    .limit(query.limit)
    .offset(query.offset);
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: count() })
    .from(a)
    .where(and(...where));
  return {
    total,
    items: rows.map(({ certificateStatus, validUntil, ...r }) => ({
      ...r,
      overdue: (r.status === 'submitted' || r.status === 'in_review') && !!r.deadlineAt && r.deadlineAt < now,
      certificateState:
        certificateStatus && validUntil
          ? certificateStanding({ status: certificateStatus, validUntil }, now)
          : null,
    })),
  };
}
