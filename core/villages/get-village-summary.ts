import { count, eq } from 'drizzle-orm';
import { users, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { villagePolicy } from './village-policy';

/** Head counts of a village by population status, for officers responsible for it. */
export async function getVillageSummary(options: { deps: CoreDeps; actor: Actor; villageId: number }) {
  const { db } = options.deps;
  const [village] = await db
    .select({ id: villages.id, code: villages.code, name: villages.name })
    .from(villages)
    .where(eq(villages.id, options.villageId));
  if (!village) throw new AppError('not_found');
  enforce(villagePolicy.readSummary, options.actor, { villageId: village.id });
  const rows = await db
    .select({ status: users.populationStatus, n: count() })
    .from(users)
    .where(eq(users.villageId, village.id))
    .groupBy(users.populationStatus);
  const counts = { resident: 0, moved_away: 0, newcomer: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return { village, counts };
}
