// The completeness dashboard's analytics table (as DHIS2's analytics tables): the figures of every
// village — per item (total, met, overdue) and whole files (complete, with something overdue) — for
// one Shanghai day, computed with two grouped scans of service_items and written to
// service_completeness in one transaction. Run by the 15-minute maintenance cron, and by a read that
// finds no snapshot for today or one older than 15 minutes. "Met" and "overdue" compare due dates
// with the day, so the figures are a function of the day: counters could not keep them.
import { and, eq, sql } from 'drizzle-orm';
import { serviceCompleteness, serviceFiles, serviceItems } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { today } from './service-file-records';
import { ITEM_KINDS, type ItemKind } from './service-file-schema';

export interface KindFigures {
  total: number;
  met: number;
  overdue: number;
}
/** One village's figures as stored (jsonb `figures`) and answered. */
export interface CompletenessFigures {
  files: number;
  completeFiles: number;
  filesWithOverdue: number;
  items: Record<ItemKind, KindFigures>;
}

/** A snapshot older than this is recomputed before it is read. */
export const COMPLETENESS_MAX_AGE_MS = 15 * 60_000;
/** An officer's "refresh now" recomputes only a snapshot at least this old: one run a minute, whoever asks. */
export const COMPLETENESS_MANUAL_MIN_AGE_MS = 60_000;
const REFRESH_LOCK = sql`hashtext('service_file.refresh_completeness')`;

const emptyFigures = (): CompletenessFigures => ({
  files: 0,
  completeFiles: 0,
  filesWithOverdue: 0,
  items: Object.fromEntries(ITEM_KINDS.map((k) => [k, { total: 0, met: 0, overdue: 0 }])) as Record<
    ItemKind,
    KindFigures
  >,
});

/** True when the snapshot (its key-0 row) is for another day, `maxAgeMs` old or more (15 minutes), or from the future. */
export function isCompletenessStale(
  snapshot: { asOf: string; computedAt: Date } | undefined,
  day: string,
  now: Date,
  maxAgeMs = COMPLETENESS_MAX_AGE_MS,
): boolean {
  if (!snapshot || snapshot.asOf !== day) return true;
  const age = now.getTime() - snapshot.computedAt.getTime();
  return age < 0 || age >= maxAgeMs;
}

/**
 * Recomputes every village's figures for today and replaces the snapshot. Overlapping runs queue on
 * a transaction advisory lock; with `onlyIfStale` a run that finds a fresh snapshot once it holds the
 * lock (another request just computed it) returns without recomputing — fresh meaning younger than
 * `staleAfterMs` (15 minutes; an officer's "refresh now" passes one minute).
 */
export async function refreshCompleteness(options: {
  deps: CoreDeps;
  onlyIfStale?: boolean;
  staleAfterMs?: number;
}) {
  const { deps } = options;
  const now = deps.clock.now();
  const day = today(deps);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    if (options.onlyIfStale) {
      const [head] = await tx
        .select({ asOf: serviceCompleteness.asOf, computedAt: serviceCompleteness.computedAt })
        .from(serviceCompleteness)
        .where(eq(serviceCompleteness.villageKey, 0));
      if (!isCompletenessStale(head, day, now, options.staleAfterMs))
        return { refreshed: false, villages: 0, asOf: day };
    }
    const i = serviceItems;
    const active = and(eq(serviceFiles.status, 'active'));
    // Met: verified and not yet due again (or nothing applies any more). Overdue: not met, due date passed.
    const met = sql`(${i.status} = 'not_applicable' or (${i.status} = 'verified' and (${i.dueOn} is null or ${i.dueOn} > ${day})))`;
    const overdue = sql`(${i.dueOn} < ${day} and ${i.status} in ('not_started', 'returned', 'due_again', 'expired', 'verified'))`;
    const perKind = await tx
      .select({
        villageId: i.villageId,
        kind: i.kind,
        total: sql<number>`count(*)::int`,
        met: sql<number>`(count(*) filter (where ${met}))::int`,
        overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
      })
      .from(i)
      .innerJoin(serviceFiles, eq(serviceFiles.id, i.fileId))
      .where(active)
      .groupBy(i.villageId, i.kind);
    const perFile = tx
      .select({
        villageId: i.villageId,
        unmet: sql<number>`count(*) filter (where not ${met})`.as('unmet'),
        late: sql<number>`count(*) filter (where ${overdue})`.as('late'),
      })
      .from(i)
      .innerJoin(serviceFiles, eq(serviceFiles.id, i.fileId))
      .where(active)
      .groupBy(i.fileId, i.villageId)
      .as('per_file');
    const files = await tx
      .select({
        villageId: perFile.villageId,
        files: sql<number>`count(*)::int`,
        complete: sql<number>`(count(*) filter (where ${perFile.unmet} = 0))::int`,
        withOverdue: sql<number>`(count(*) filter (where ${perFile.late} > 0))::int`,
      })
      .from(perFile)
      .groupBy(perFile.villageId);
    // Key 0 (no village) is always written: it carries the snapshot's day and time.
    const byVillage = new Map<number | null, CompletenessFigures>([[null, emptyFigures()]]);
    const entry = (villageId: number | null) => {
      let v = byVillage.get(villageId);
      if (!v) {
        v = emptyFigures();
        byVillage.set(villageId, v);
      }
      return v;
    };
    for (const r of perKind)
      entry(r.villageId).items[r.kind] = { total: r.total, met: r.met, overdue: r.overdue };
    for (const r of files) {
      const v = entry(r.villageId);
      v.files = r.files;
      v.completeFiles = r.complete;
      v.filesWithOverdue = r.withOverdue;
    }
    await tx.delete(serviceCompleteness);
    await tx.insert(serviceCompleteness).values(
      [...byVillage].map(([villageId, figures]) => ({
        villageKey: villageId ?? 0,
        villageId,
        figures,
        asOf: day,
        computedAt: now,
      })),
    );
    return { refreshed: true, villages: byVillage.size, asOf: day };
  });
}
