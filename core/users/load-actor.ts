import { eq } from 'drizzle-orm';
import { officerRoles, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';

/** The acting user with their role grants, or null when this Telegram id never signed in. */
export async function loadActor(options: { deps: CoreDeps; telegramId: number }): Promise<Actor | null> {
  const { db } = options.deps;
  const rows = await db
    .select({
      userId: users.id,
      telegramId: users.telegramId,
      villageId: users.villageId,
      role: officerRoles.role,
      roleVillages: officerRoles.villageIds,
    })
    .from(users)
    .leftJoin(officerRoles, eq(officerRoles.userId, users.id))
    .where(eq(users.telegramId, options.telegramId));
  const first = rows[0];
  if (!first) return null;
  return {
    userId: first.userId,
    telegramId: first.telegramId,
    villageId: first.villageId,
    roles: rows.flatMap((r) => (r.role ? [{ role: r.role, villageIds: r.roleVillages ?? null }] : [])),
  };
}
