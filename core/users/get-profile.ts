import { eq } from 'drizzle-orm';
import { users, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { runtimeSettings } from '../settings/runtime-settings';
import { capabilities } from './capabilities';

/** What the signed-in person sees about themselves and may use (GET /api/me, the mini app's shell). */
export async function getProfile(options: { deps: CoreDeps; actor: Actor }) {
  const [row] = await options.deps.db
    .select({
      id: users.id,
      telegramId: users.telegramId,
      displayName: users.displayName,
      language: users.language,
      populationStatus: users.populationStatus,
      villageId: users.villageId,
      villageName: villages.name,
    })
    .from(users)
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(eq(users.id, options.actor.userId));
  if (!row) throw new AppError('not_found');
  // Officers are warned (workbench banner) before a year without a holiday calendar begins.
  const calendarMissingYear = options.actor.roles.length
    ? (await runtimeSettings(options.deps)).missingCalendarYear
    : null;
  return {
    user: row,
    roles: options.actor.roles,
    capabilities: capabilities(options.actor),
    notices: { calendarMissingYear },
  };
}
