import { asc } from 'drizzle-orm';
import { townships, villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { villagePolicy } from './village-policy';
import { ZCreateVillageSchema } from './village-schema';

/** Adds a village/community to the township; its code must be unused (also by deactivated ones). */
export async function createVillage(options: { deps: CoreDeps; actor: Actor; input: unknown }) {
  const { deps, actor } = options;
  enforce(villagePolicy.manage, actor, { villageId: 0 });
  const input = parseOrThrow(ZCreateVillageSchema, options.input);
  const [township] = await deps.db
    .select({ id: townships.id })
    .from(townships)
    .orderBy(asc(townships.id))
    .limit(1);
  if (!township) throw new AppError('conflict');
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(villages)
    .values({ townshipId: township.id, name: input.name, code: input.code, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: villages.code })
    .returning({ id: villages.id });
  if (!row) throw codeTaken();
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'village.create',
      recordType: 'village',
      recordId: String(row.id),
      details: { code: input.code },
    },
  });
  return { id: row.id };
}

export function codeTaken() {
  return new AppError('validation_failed', {
    fields: [{ path: 'code', message: 'admin:validation.codeTaken' }],
  });
}
