// A village poster's deep link (/start v_<code>): sets the person's village when they have none, and
// a deactivated village's poster is unknown; it never moves someone who already has one without asking — `move: true` is their answer "yes, move".
import { and, eq } from 'drizzle-orm';
import { users, villages } from '../../db/schema';
import type { CoreDeps } from '../deps';

type Village = { id: number; name: string };

export type VillageLinkOutcome =
  | { status: 'unknown' }
  | { status: 'set'; village: Village }
  | { status: 'unchanged'; village: Village }
  | { status: 'confirm'; current: Village; village: Village };

export async function setVillageByCode(options: {
  deps: CoreDeps;
  userId: string;
  code: string;
  move?: boolean;
}): Promise<VillageLinkOutcome> {
  const { db, clock } = options.deps;
  const [village] = await db
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(and(eq(villages.code, options.code.toLowerCase()), eq(villages.active, true)));
  if (!village) return { status: 'unknown' };
  const [current] = await db
    .select({ id: villages.id, name: villages.name })
    .from(users)
    .innerJoin(villages, eq(villages.id, users.villageId))
    .where(eq(users.id, options.userId));
  if (current?.id === village.id) return { status: 'unchanged', village };
  if (current && !options.move) return { status: 'confirm', current, village };
  await db
    .update(users)
    .set({ villageId: village.id, updatedAt: clock.now() })
    .where(eq(users.id, options.userId));
  return { status: 'set', village };
}
