import { asc, eq, inArray } from 'drizzle-orm';
import { tips, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { OPEN_TIP_STATUSES, tipPolicy } from './tipoff-policy';
import type { TipStatus } from './tipoff-schema';

type Stage = 'acknowledge' | 'triage' | 'outcome' | null;

/** The deadline a tip is working towards: acknowledge, then triage, then the outcome. */
export function dueStage(status: TipStatus): Stage {
  if (status === 'received') return 'acknowledge';
  if (status === 'acknowledged') return 'triage';
  if (status === 'accepted' || status === 'investigating') return 'outcome';
  return null;
}

export function dueAt(t: { status: TipStatus; ackDueAt: Date; triageDueAt: Date; outcomeDueAt: Date }) {
  const stage = dueStage(t.status);
  return stage === 'acknowledge'
    ? t.ackDueAt
    : stage === 'triage'
      ? t.triageDueAt
      : stage === 'outcome'
        ? t.outcomeDueAt
        : null;
}

/** The case handlers' queue (限时办结): open tips by nearest deadline, overdue marked; no content. */
export async function listTipQueue(options: {
  deps: CoreDeps;
  actor: Actor;
  query: { state: 'open' | 'closed' | 'all' };
}) {
  const { deps, actor } = options;
  enforce(tipPolicy.view, actor, { status: 'received', ownerOfficerId: null });
  const where =
    options.query.state === 'open'
      ? inArray(tips.status, [...OPEN_TIP_STATUSES])
      : options.query.state === 'closed'
        ? eq(tips.status, 'closed')
        : undefined;
  const rows = await deps.db
    .select({
      id: tips.id,
      number: tips.number,
      day: tips.day,
      category: tips.category,
      status: tips.status,
      ownerOfficerId: tips.ownerOfficerId,
      ownerName: users.displayName,
      ackDueAt: tips.ackDueAt,
      triageDueAt: tips.triageDueAt,
      outcomeDueAt: tips.outcomeDueAt,
      overdueCount: tips.overdueCount,
    })
    .from(tips)
    .leftJoin(users, eq(users.id, tips.ownerOfficerId))
    .where(where)
    .orderBy(asc(tips.number))
    .limit(500);
  const now = deps.clock.now().getTime();
  const items = rows.map((r) => {
    const at = dueAt(r);
    return {
      id: r.id,
      number: r.number,
      day: r.day,
      category: r.category,
      status: r.status,
      ownerOfficerId: r.ownerOfficerId,
      ownerName: r.ownerName,
      dueStage: dueStage(r.status),
      dueAt: at?.toISOString() ?? null,
      overdue: at !== null && at.getTime() < now,
      overdueCount: r.overdueCount,
    };
  });
  // Nearest deadline first; tips without one (decided, closed) after, newest first.
  items.sort((a, b) =>
    a.dueAt && b.dueAt ? a.dueAt.localeCompare(b.dueAt) : a.dueAt ? -1 : b.dueAt ? 1 : b.number - a.number,
  );
  return { items };
}
