// Per village: how complete the files of people who moved away are — per item (total, met, overdue)
// and whole files (complete, with something overdue) — for the dashboard's charts and tables and
// the CSV export. Two grouped scans of service_items (index service_items_village_kind_idx).
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { serviceFiles, serviceItems, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { serviceFilePolicy } from './service-file-policy';
import { today } from './service-file-records';
import { ITEM_KINDS, type ItemKind, type TCompletenessQuery } from './service-file-schema';

export interface KindFigures {
  total: number;
  met: number;
  overdue: number;
}
export interface VillageCompleteness {
  villageId: number | null;
  villageName: string | null;
  files: number;
  completeFiles: number;
  filesWithOverdue: number;
  items: Record<ItemKind, KindFigures>;
}

export async function getCompleteness(options: { deps: CoreDeps; actor: Actor; query: TCompletenessQuery }) {
  const { deps, actor, query } = options;
  const scope = ruleScope(serviceFilePolicy.view, actor);
  const day = today(deps);
  const i = serviceItems;
  const where: SQL[] = [eq(serviceFiles.status, 'active')];
  if (scope !== null) where.push(scope.length ? inArray(i.villageId, scope) : sql`false`);
  if (query.villageId) where.push(eq(i.villageId, query.villageId));
  // Met: verified and not yet due again (or nothing applies any more). Overdue: not met, due date passed.
  const met = sql`(${i.status} = 'not_applicable' or (${i.status} = 'verified' and (${i.dueOn} is null or ${i.dueOn} > ${day})))`;
  const overdue = sql`(${i.dueOn} < ${day} and ${i.status} in ('not_started', 'returned', 'due_again', 'expired', 'verified'))`;
  const perKind = await deps.db
    .select({
      villageId: i.villageId,
      kind: i.kind,
      total: sql<number>`count(*)::int`,
      met: sql<number>`(count(*) filter (where ${met}))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
    })
    .from(i)
    .innerJoin(serviceFiles, eq(serviceFiles.id, i.fileId))
    .where(and(...where))
    .groupBy(i.villageId, i.kind);
  const perFile = deps.db
    .select({
      villageId: i.villageId,
      unmet: sql<number>`count(*) filter (where not ${met})`.as('unmet'),
      late: sql<number>`count(*) filter (where ${overdue})`.as('late'),
    })
    .from(i)
    .innerJoin(serviceFiles, eq(serviceFiles.id, i.fileId))
    .where(and(...where))
    .groupBy(i.fileId, i.villageId)
    .as('per_file');
  const files = await deps.db
    .select({
      villageId: perFile.villageId,
      files: sql<number>`count(*)::int`,
      complete: sql<number>`(count(*) filter (where ${perFile.unmet} = 0))::int`,
      withOverdue: sql<number>`(count(*) filter (where ${perFile.late} > 0))::int`,
    })
    .from(perFile)
    .groupBy(perFile.villageId);
  const names = await deps.db.select({ id: villages.id, name: villages.name }).from(villages);
  const byVillage = new Map<number | null, VillageCompleteness>();
  const entry = (villageId: number | null) => {
    let v = byVillage.get(villageId);
    if (!v) {
      v = {
        villageId,
        villageName: names.find((n) => n.id === villageId)?.name ?? null,
        files: 0,
        completeFiles: 0,
        filesWithOverdue: 0,
        items: Object.fromEntries(ITEM_KINDS.map((k) => [k, { total: 0, met: 0, overdue: 0 }])) as Record<
          ItemKind,
          KindFigures
        >,
      };
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
  const list = [...byVillage.values()].sort((a, b) => (a.villageId ?? 0) - (b.villageId ?? 0));
  return { asOf: day, villages: list };
}

/** The same figures as CSV (one row per village and item, then per village the whole files). */
export async function completenessCsv(options: { deps: CoreDeps; actor: Actor; query: TCompletenessQuery }) {
  const { asOf, villages: list } = await getCompleteness(options);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['as_of,village_id,village,item,total,met,overdue'];
  for (const v of list) {
    const name = quote(v.villageName ?? '');
    for (const kind of ITEM_KINDS) {
      const f = v.items[kind];
      lines.push([asOf, v.villageId ?? '', name, kind, f.total, f.met, f.overdue].join(','));
    }
    lines.push(
      [asOf, v.villageId ?? '', name, 'whole_file', v.files, v.completeFiles, v.filesWithOverdue].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
