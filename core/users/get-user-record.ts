import { eq } from 'drizzle-orm';
import { users, villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { personPolicy } from './person-policy';

/**
 * A person's record. A resident reads only their own; an officer reads those in their villages,
 * and every such read is written to the audit log.
 */
export async function getUserRecord(options: { deps: CoreDeps; actor: Actor; userId: string }) {
  const { deps, actor, userId } = options;
  const [row] = await deps.db
    .select({
      id: users.id,
      displayName: users.displayName,
      language: users.language,
      populationStatus: users.populationStatus,
      villageId: users.villageId,
      villageName: villages.name,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(eq(users.id, userId));
  if (!row) throw new AppError('not_found');
  enforce(personPolicy.read, actor, { userId: row.id, villageId: row.villageId });
  if (row.id === actor.userId) return row;
  await recordAudit({
    deps,
    entry: { actorUserId: actor.userId, action: 'user.read', recordType: 'user', recordId: row.id },
  });
  return row;
}
