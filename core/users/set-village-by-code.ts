import { eq } from 'drizzle-orm';
import { users, villages } from '../../db/schema';
import type { CoreDeps } from '../deps';

/** Deep link from a village poster's QR code (/start v_<code>): returns the village, or null for an unknown code. */
export async function setVillageByCode(options: { deps: CoreDeps; userId: string; code: string }) {
  const { db, clock } = options.deps;
  const [village] = await db
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(eq(villages.code, options.code.toLowerCase()));
  if (!village) return null;
  await db
    .update(users)
    .set({ villageId: village.id, updatedAt: clock.now() })
    .where(eq(users.id, options.userId));
  return village;
}
