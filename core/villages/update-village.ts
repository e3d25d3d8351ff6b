import { and, eq, ne } from 'drizzle-orm';
import { villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { codeTaken } from './create-village';
import { villagePolicy } from './village-policy';
import { ZUpdateVillageSchema } from './village-schema';

/**
 * Renames a village, changes its deep-link code or its poster's text, or (de)activates it. A deactivated village is no
 * longer offered to residents nor reachable by its poster link; its people, applications and
 * history stay as they are. A changed code makes old posters unknown to the bot: reprint them.
 */
export async function updateVillage(options: {
  deps: CoreDeps;
  actor: Actor;
  villageId: number;
  input: unknown;
}) {
  const { deps, actor, villageId } = options;
  enforce(villagePolicy.manage, actor, { villageId });
  const input = parseOrThrow(ZUpdateVillageSchema, options.input);
  const [current] = await deps.db.select().from(villages).where(eq(villages.id, villageId));
  if (!current) throw new AppError('not_found');
  if (input.code && input.code !== current.code) {
    const [clash] = await deps.db
      .select({ id: villages.id })
      .from(villages)
      .where(and(eq(villages.code, input.code), ne(villages.id, villageId)));
    if (clash) throw codeTaken();
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.posterText !== undefined ? { posterText: input.posterText } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  try {
    await deps.db
      .update(villages)
      .set({ ...changes, updatedAt: deps.clock.now() })
      .where(eq(villages.id, villageId));
  } catch (e) {
    // Two admins choosing the same code at once: the unique index decides.
    if ((e as { code?: string }).code === '23505') throw codeTaken();
    throw e;
  }
  const action =
    input.active === false && current.active
      ? 'village.deactivate'
      : input.active === true && !current.active
        ? 'village.reactivate'
        : 'village.update';
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action,
      recordType: 'village',
      recordId: String(villageId),
      details: {
        renamed: input.name !== undefined && input.name !== current.name,
        posterTextChanged: input.posterText !== undefined && input.posterText !== current.posterText,
        ...(input.code !== undefined && input.code !== current.code
          ? { code: input.code, previousCode: current.code }
          : {}),
      },
    },
  });
  return { id: villageId };
}
