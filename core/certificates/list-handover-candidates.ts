import { and, eq, ne, sql } from 'drizzle-orm';
import { officerRoles, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadApplicationFor } from './application-records';

/** Reviewers of the application's village, other than its owner: who it can be handed over to. */
export async function listHandoverCandidates(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
}) {
  const { deps, actor } = options;
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'view');
  return deps.db
    .select({ userId: users.id, displayName: users.displayName })
    .from(officerRoles)
    .innerJoin(users, eq(users.id, officerRoles.userId))
    .where(
      and(
        eq(officerRoles.role, 'reviewer'),
        sql`(${officerRoles.villageIds} is null or ${row.villageId} = any(${officerRoles.villageIds}))`,
        ...(row.ownerOfficerId ? [ne(users.id, row.ownerOfficerId)] : []),
      ),
    )
    .orderBy(users.displayName);
}
