import { and, eq, ne } from 'drizzle-orm';
import { officerRoles, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadTipFor } from './tip-records';

/** Case handlers other than the owner: who the case can be handed over to. */
export async function listTipHandoverCandidates(options: { deps: CoreDeps; actor: Actor; tipId: string }) {
  const { deps, actor } = options;
  const tip = await loadTipFor(deps.db, actor, options.tipId, 'view');
  return deps.db
    .select({ userId: users.id, displayName: users.displayName })
    .from(officerRoles)
    .innerJoin(users, eq(users.id, officerRoles.userId))
    .where(
      and(
        eq(officerRoles.role, 'case_handler'),
        ...(tip.ownerOfficerId ? [ne(users.id, tip.ownerOfficerId)] : []),
      ),
    )
    .orderBy(users.displayName);
}
