// Per village: how complete the files of people who moved away are — per item (total, met, overdue)
// and whole files (complete, with something overdue) — for the dashboard's charts and tables and
// the CSV export. Reads only the snapshot rows in the officer's scope (service_completeness, one per
// village: O(villages)); computes them first when there is none for today or it is older than 15
// minutes (refresh-completeness.ts, also run by the maintenance cron).
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { serviceCompleteness, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import type { CoreDeps } from '../deps';
import {
  type CompletenessFigures,
  isCompletenessStale,
  type KindFigures,
  refreshCompleteness,
} from './refresh-completeness';
import { serviceFilePolicy } from './service-file-policy';
import { today } from './service-file-records';
import { ITEM_KINDS, type TCompletenessQuery } from './service-file-schema';

export type { KindFigures };
export interface VillageCompleteness extends CompletenessFigures {
  villageId: number | null;
  villageName: string | null;
}

export async function getCompleteness(options: { deps: CoreDeps; actor: Actor; query: TCompletenessQuery }) {
  const { deps, actor, query } = options;
  const scope = ruleScope(serviceFilePolicy.view, actor);
  const day = today(deps);
  const c = serviceCompleteness;
  const [head] = await deps.db
    .select({ asOf: c.asOf, computedAt: c.computedAt })
    .from(c)
    .where(eq(c.villageKey, 0));
  if (isCompletenessStale(head, day, deps.clock.now()))
    await refreshCompleteness({ deps, onlyIfStale: true });
  const where: SQL[] = [];
  if (scope !== null) where.push(scope.length ? inArray(c.villageId, scope) : sql`false`);
  if (query.villageId) where.push(eq(c.villageId, query.villageId));
  const rows = await deps.db
    .select({
      villageId: c.villageId,
      villageName: villages.name,
      figures: c.figures,
      asOf: c.asOf,
      computedAt: c.computedAt,
    })
    .from(c)
    .leftJoin(villages, eq(villages.id, c.villageId))
    .where(and(...where));
  // Villages without active files are not listed (the key-0 row is written even when empty).
  const list: VillageCompleteness[] = rows
    .map((r) => ({
      villageId: r.villageId,
      villageName: r.villageName,
      ...(r.figures as CompletenessFigures),
    }))
    .filter((v) => v.files > 0)
    .sort((a, b) => (a.villageId ?? 0) - (b.villageId ?? 0));
  const snapshot =
    rows[0] ??
    (await deps.db.select({ asOf: c.asOf, computedAt: c.computedAt }).from(c).where(eq(c.villageKey, 0)))[0];
  return {
    asOf: snapshot?.asOf ?? day,
    computedAt: (snapshot?.computedAt ?? deps.clock.now()).toISOString(),
    villages: list,
  };
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
