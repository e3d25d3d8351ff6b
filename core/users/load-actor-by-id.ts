import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadActor } from './load-actor';

/** Another person's roles and scope (e.g. the officer an application is handed to), or null. */
export async function loadActorById(options: { deps: CoreDeps; userId: string }): Promise<Actor | null> {
  const [row] = await options.deps.db
    .select({ telegramId: users.telegramId })
    .from(users)
    .where(eq(users.id, options.userId));
  return row ? loadActor({ deps: options.deps, telegramId: row.telegramId }) : null;
}
