import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users, villages } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { SUPPORTED_LANGUAGES } from '../i18n/languages';
import { ZId } from '../schema-primitives';

export const ZUpdatePreferencesSchema = z
  .object({
    language: z.enum(SUPPORTED_LANGUAGES).optional(),
    villageId: ZId.optional(),
  })
  .refine((v) => v.language !== undefined || v.villageId !== undefined, { message: 'nothing to update' });
export type TUpdatePreferences = z.infer<typeof ZUpdatePreferencesSchema>;

/** A person changes their own language or village (from the bot's picker or the mini app). */
export async function updatePreferences(options: {
  deps: CoreDeps;
  actor: Actor;
  input: TUpdatePreferences;
}) {
  const { db, clock } = options.deps;
  const { language, villageId } = options.input;
  if (villageId !== undefined) {
    // A deactivated village is not offered, so it cannot be chosen either.
    const [v] = await db
      .select({ id: villages.id })
      .from(villages)
      .where(and(eq(villages.id, villageId), eq(villages.active, true)));
    if (!v)
      throw new AppError('validation_failed', {
        fields: [{ path: 'villageId', message: 'unknown village' }],
      });
  }
  const [row] = await db
    .update(users)
    .set({ ...(language ? { language } : {}), ...(villageId ? { villageId } : {}), updatedAt: clock.now() })
    .where(eq(users.id, options.actor.userId))
    .returning({ language: users.language, villageId: users.villageId });
  if (!row) throw new AppError('not_found');
  return row;
}
