import { and, count, gt, gte, inArray, isNotNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  applicationStatusCounts,
  applicationWeekCounts,
  certificateApplications,
  users,
  villages,
} from '../../db/schema';
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

  // Read from the per-village counters the database keeps (migration 0022), a few rows per village at
  // any population; 'revoked' holds the revoked certificates of those villages, taken out of "issued".
  const c = applicationStatusCounts;
  const byStatus = await deps.db
    .select({ status: c.status, n: sql<number>`sum(${c.n})::int`.mapWith(Number) })
    .from(c)
    .where(scope === null ? undefined : scope.length ? inArray(c.villageId, scope) : sql`false`)
    .groupBy(c.status);

  // Only what is open now or was decided inside the window can count below: the history before it
  // is never read, so these stay as fast with ten years of applications as with one.
  const current = or(open, gte(a.decidedAt, since));
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
    .where(and(...inScope, isNotNull(a.ownerOfficerId), current))
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
    .where(and(...inScope, current))
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

  // Weeks start on Monday in Shanghai; the counts per village and week are kept by the database
  // (application_week_counts, migration 0022): eight weeks read a few rows per village, however
  // many applications they hold.
  const nowText = now.toISOString();
  const thisWeek = sql`date_trunc('week', ${nowText}::timestamptz at time zone 'Asia/Shanghai')`;
  const firstWeek = sql`(${thisWeek} - interval '${sql.raw(String(WEEKS - 1))} weeks')`;
  const w = applicationWeekCounts;
  const weekScope = scope === null ? sql`true` : scope.length ? inArray(w.villageId, scope) : sql`false`;
  const weekly = await deps.db.execute<{ week: string; submitted: number; decided: number }>(sql`
    with weeks as (select generate_series(${firstWeek}, ${thisWeek}, interval '1 week')::date as week),
    counted as (
      select ${w.week} as week,
        coalesce(sum(${w.n}) filter (where ${w.kind} = 'submitted'), 0)::int as submitted,
        coalesce(sum(${w.n}) filter (where ${w.kind} = 'decided'), 0)::int as decided
      from ${w}
      where ${weekScope} and ${w.week} >= ${firstWeek}::date and ${w.week} <= ${thisWeek}::date
      group by 1)
    select to_char(weeks.week, 'YYYY-MM-DD') as week, coalesce(c.submitted, 0) as submitted,
      coalesce(c.decided, 0) as decided
    from weeks left join counted c on c.week = weeks.week
    order by weeks.week`);

  const statusCounts: Record<string, number> = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
  const revokedCount = statusCounts.revoked ?? 0;
  return {
    byStatus: {
      submitted: statusCounts.submitted ?? 0,
      in_review: statusCounts.in_review ?? 0,
      returned: statusCounts.returned ?? 0,
      // An issued application whose certificate was revoked counts as revoked, never as issued.
      issued: (statusCounts.issued ?? 0) - revokedCount,
      revoked: revokedCount,
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
