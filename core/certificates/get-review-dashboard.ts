import { and, count, eq, gt, gte, inArray, isNotNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import { certificateApplications, certificates, users, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { applicationPolicy } from './application-policy';

const WINDOW_DAYS = 90;
const WEEKS = 8;

/**
 * The review dashboard of an officer's villages: applications by status, what is overdue now and
 * who/where it sits (限时办结 counted per officer and village), median time to decision, and
 * submissions vs decisions per week — the figures the charts draw.
 */
export async function getReviewDashboard(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  const scope = ruleScope(applicationPolicy.view, actor);
  const a = certificateApplications;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const inScope: SQL[] = [ne(a.status, 'draft')];
  if (scope !== null) inScope.push(scope.length ? inArray(a.villageId, scope) : sql`false`);
  const open = inArray(a.status, ['submitted', 'in_review']);
  const overdueNow = and(open, lt(a.deadlineAt, now));
  const decidedLate = and(gte(a.decidedAt, since), gt(a.decidedAt, a.deadlineAt));

  // An issued application whose certificate was revoked counts as revoked, never as issued.
  const shownStatus = sql<string>`case when ${certificates.status} = 'revoked' then 'revoked' else ${a.status} end`;
  const byStatus = await deps.db
    .select({ status: shownStatus, n: count() })
    .from(a)
    .leftJoin(certificates, eq(certificates.applicationId, a.id))
    .where(and(...inScope))
    .groupBy(shownStatus);

  const perOfficer = await deps.db
    .select({
      officerUserId: a.ownerOfficerId,
      name: users.displayName,
      open: sql<number>`count(*) filter (where ${open})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${overdueNow})`.mapWith(Number),
      decidedLate: sql<number>`count(*) filter (where ${decidedLate})`.mapWith(Number),
    })
    .from(a)
    .innerJoin(users, sql`${users.id} = ${a.ownerOfficerId}`)
    .where(and(...inScope, isNotNull(a.ownerOfficerId)))
    .groupBy(a.ownerOfficerId, users.displayName);

  const perVillage = await deps.db
    .select({
      villageId: a.villageId,
      name: villages.name,
      open: sql<number>`count(*) filter (where ${open})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${overdueNow})`.mapWith(Number),
      decidedLate: sql<number>`count(*) filter (where ${decidedLate})`.mapWith(Number),
    })
    .from(a)
    .innerJoin(villages, sql`${villages.id} = ${a.villageId}`)
    .where(and(...inScope))
    .groupBy(a.villageId, villages.name);

  const [timing] = await deps.db
    .select({
      decided: count(),
      medianHours: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${a.decidedAt} - ${a.submittedAt}) / 3600)`.mapWith(
        (v) => (v === null ? null : Math.round(Number(v) * 10) / 10),
      ),
      late: sql<number>`count(*) filter (where ${a.decidedAt} > ${a.deadlineAt})`.mapWith(Number),
    })
    .from(a)
    .where(and(...inScope, gte(a.decidedAt, since), isNotNull(a.submittedAt)));

  const weekStart = sql`date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'Asia/Shanghai') - interval '${sql.raw(String(WEEKS - 1))} weeks'`;
  const weekly = await deps.db.execute<{ week: string; submitted: number; decided: number }>(sql`
    with weeks as (
      select generate_series(${weekStart}, date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'Asia/Shanghai'), interval '1 week') as week
    )
    select to_char(w.week, 'YYYY-MM-DD') as week,
      (select count(*) from ${a} where ${and(...inScope)} and date_trunc('week', ${a.submittedAt} at time zone 'Asia/Shanghai') = w.week)::int as submitted,
      (select count(*) from ${a} where ${and(...inScope)} and date_trunc('week', ${a.decidedAt} at time zone 'Asia/Shanghai') = w.week)::int as decided
    from weeks w order by w.week`);

  const statusCounts = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
  return {
    byStatus: {
      submitted: statusCounts.submitted ?? 0,
      in_review: statusCounts.in_review ?? 0,
      returned: statusCounts.returned ?? 0,
      issued: statusCounts.issued ?? 0,
      revoked: statusCounts.revoked ?? 0,
      rejected: statusCounts.rejected ?? 0,
    },
    overdueNow: perVillage.reduce((n, v) => n + v.overdue, 0),
    perOfficer,
    perVillage,
    decisions: {
      windowDays: WINDOW_DAYS,
      decided: timing?.decided ?? 0,
      late: timing?.late ?? 0,
      medianHours: timing?.medianHours ?? null,
    },
    weekly: [...weekly].map((w) => ({
      week: w.week,
      submitted: Number(w.submitted),
      decided: Number(w.decided),
    })),
  };
}
