import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { certificateApplications, certificates, users, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { applicationPolicy } from './application-policy';
import { certificateStanding } from './certificate-standing';
import {
  ID_TAIL_MIN,
  type SearchTerm,
  type TReviewFilters,
  ZReviewFiltersSchema,
} from './review-search-schema';

export const ZReviewQueueQuerySchema = ZReviewFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TReviewQueueQuery = z.infer<typeof ZReviewQueueQuerySchema>;

export const QUEUE_STATUSES = {
  open: ['submitted', 'in_review'],
  returned: ['returned'],
  decided: ['issued', 'rejected'],
} as const;
/** A search looks through every view: all but drafts, which no officer sees. */
const SEARCHED_STATUSES = ['submitted', 'in_review', 'returned', 'issued', 'rejected'] as const;

const a = certificateApplications;
/** The applicant's ID number as the form holds it; `cert_app_id_tail_idx` indexes its last 4 characters. */
export const APPLICANT_ID_SQL = sql`upper(${a.form} #>> '{applicant,idNumber}')`;
const APPLICANT_NAME_SQL = sql`(${a.form} #>> '{applicant,name}')`;

/**
 * The WHERE of the queue, its search and its export: always the actor's villages for viewing
 * applications (the policy's scope), then the filters on screen, then the search term.
 */
export function reviewQueueWhere(options: {
  actor: Actor;
  now: Date;
  filters: Omit<TReviewFilters, 'view'> & { view?: TReviewFilters['view'] };
  search?: SearchTerm;
}): SQL {
  const { actor, now, filters, search } = options;
  const scope = ruleScope(applicationPolicy.view, actor);
  const where: SQL[] = [
    inArray(a.status, search || !filters.view ? SEARCHED_STATUSES : QUEUE_STATUSES[filters.view]),
  ];
  if (scope !== null) where.push(scope.length ? inArray(a.villageId, scope) : sql`false`);
  if (filters.villageId) where.push(eq(a.villageId, filters.villageId));
  if (filters.mine === 'true') where.push(eq(a.ownerOfficerId, actor.userId));
  if (filters.overdue === 'true') where.push(lt(a.deadlineAt, now), inArray(a.status, QUEUE_STATUSES.open));
  if (search?.kind === 'id_tail') {
    // The indexed expression first (exactly as in the index), then the longer tail on those few rows.
    where.push(
      sql`right(${APPLICANT_ID_SQL}, ${sql.raw(String(ID_TAIL_MIN))}) = ${search.value.slice(-ID_TAIL_MIN)}`,
    );
    if (search.value.length > ID_TAIL_MIN)
      where.push(sql`right(${APPLICANT_ID_SQL}, ${search.value.length}) = ${search.value}`);
  } else if (search?.kind === 'serial') {
    where.push(
      sql`exists (select 1 from ${certificates} c where c.application_id = ${a.id} and c.serial = ${search.value})`,
    );
  } else if (search?.kind === 'name') {
    const pattern = `%${search.value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(sql`${APPLICANT_NAME_SQL} ilike ${pattern}`);
  }
  return and(...where)!;
}

/**
 * The queue counts matching applications up to this many and then says "more than 1,000": a count
 * that stops after 1,001 rows costs the same at 10,000 people as at 1,000,000, where an exact count
 * of the decided view read every decided application (O(rows)). A reviewer works from the first page
 * (nearest deadline or latest decision) and narrows with filters or search; the open view stays well
 * under the cap in an office that keeps its deadlines, so its count stays exact, and the dashboard
 * carries the exact figures. A trigger-kept counter was the other choice, but it could only count
 * the unfiltered view per village and status — not "mine", "overdue", a village subset or a search.
 */
export const QUEUE_TOTAL_CAP = 1000;

/** The reviewer's queue: applications of their villages, the nearest deadline first, overdue marked. */
export async function listReviewQueue(options: {
  deps: CoreDeps;
  actor: Actor;
  query: TReviewQueueQuery;
  search?: SearchTerm;
}) {
  const { deps, actor, query, search } = options;
  const now = deps.clock.now();
  const owner = alias(users, 'owner');
  const where = reviewQueueWhere({ actor, now, filters: query, search });
  const order = search
    ? [desc(a.updatedAt), asc(a.id)]
    : query.view === 'open'
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
      applicantName: sql<string | null>`${APPLICANT_NAME_SQL}`,
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
    .where(where)
    .orderBy(...order)
    .limit(query.limit)
    .offset(query.offset);
  const capped = deps.db
    .select({ one: sql`1` })
    .from(a)
    .where(where)
    .limit(QUEUE_TOTAL_CAP + 1)
    .as('capped');
  const [{ counted } = { counted: 0 }] = await deps.db.select({ counted: count() }).from(capped);
  return {
    /** Exact when `totalCapped` is false; otherwise there are more than this many. */
    total: Math.min(counted, QUEUE_TOTAL_CAP),
    totalCapped: counted > QUEUE_TOTAL_CAP,
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
