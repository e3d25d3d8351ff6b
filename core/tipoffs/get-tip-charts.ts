import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { tipRewards, tips } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import { shanghaiDateOf, workingDaysBetween } from '../certificates/working-days';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';
import { OPEN_TIP_STATUSES, tipPolicy } from './tipoff-policy';
import { TIP_CATEGORIES } from './tipoff-schema';

/**
 * The charts (counts only): tips per category per month, time from the day received to triage in
 * working days (median, average), the share substantiated of those decided, rewards paid per month.
 */
export async function getTipCharts(options: { deps: CoreDeps; actor: Actor; query: { months: number } }) {
  const { deps, actor } = options;
  enforce(tipPolicy.charts, actor, { status: 'received', ownerOfficerId: null });
  const today = shanghaiDateOf(deps.clock.now());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = options.query.months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const firstDay = `${months[0]}-01`;
  const perMonth = await deps.db
    .select({
      month: sql<string>`to_char(${tips.day}, 'YYYY-MM')`,
      category: tips.category,
      n: sql<number>`count(*)::int`,
    })
    .from(tips)
    .where(gte(tips.day, firstDay))
    .groupBy(sql`1`, tips.category);
  const triaged = await deps.db
    .select({ day: tips.day, triagedAt: tips.triagedAt })
    .from(tips)
    .where(and(gte(tips.day, firstDay), isNotNull(tips.triagedAt)));
  const { calendar } = await runtimeSettings(deps);
  const durations = triaged
    .map((t) => workingDaysBetween(new Date(`${t.day}T12:00:00+08:00`), t.triagedAt!, calendar))
    .sort((a, b) => a - b);
  const median =
    durations.length === 0
      ? null
      : durations.length % 2
        ? durations[(durations.length - 1) / 2]!
        : (durations[durations.length / 2 - 1]! + durations[durations.length / 2]!) / 2;
  const [decided] = await deps.db
    .select({
      decided: sql<number>`count(*) filter (where ${tips.finding} is not null)::int`,
      substantiated: sql<number>`count(*) filter (where ${tips.finding} = 'substantiated')::int`,
      open: sql<number>`count(*) filter (where ${tips.status} in (${sql.join(
        OPEN_TIP_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )}) and ${tips.overdueStage} is not null)::int`,
      escalations: sql<number>`coalesce(sum(${tips.overdueCount}), 0)::int`,
    })
    .from(tips)
    .where(gte(tips.day, firstDay));
  const paid = await deps.db
    .select({
      month: sql<string>`to_char(${tipRewards.paidAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
      count: sql<number>`count(*)::int`,
      amountYuan: sql<number>`sum(${tipRewards.amountYuan})::int`,
    })
    .from(tipRewards)
    .where(and(eq(tipRewards.status, 'paid'), gte(tipRewards.paidAt, new Date(`${firstDay}T00:00:00+08:00`))))
    .groupBy(sql`1`);
  return {
    months,
    perCategory: TIP_CATEGORIES.map((category) => ({
      category,
      counts: months.map((mo) => perMonth.find((r) => r.month === mo && r.category === category)?.n ?? 0),
    })),
    triage: {
      count: durations.length,
      medianWorkingDays: median,
      averageWorkingDays:
        durations.length === 0
          ? null
          : Math.round((durations.reduce((a, b) => a + b, 0) / durations.length) * 10) / 10,
    },
    substantiated: {
      decided: decided?.decided ?? 0,
      substantiated: decided?.substantiated ?? 0,
      share: decided?.decided ? Math.round((decided.substantiated / decided.decided) * 1000) / 1000 : null,
    },
    rewardsPaid: months.map((mo) => {
      const row = paid.find((p) => p.month === mo);
      return { month: mo, count: row?.count ?? 0, amountYuan: row?.amountYuan ?? 0 };
    }),
    overdue: { open: decided?.open ?? 0, escalations: decided?.escalations ?? 0 },
  };
}
