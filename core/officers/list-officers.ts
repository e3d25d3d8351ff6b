import { and, count, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { certificateApplications, officerInvites, officerRoles, users } from '../../db/schema';
import type { OfficerRole } from '../../db/schema/officer-roles';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { officerPolicy } from './officer-policy';
import { OWNED_STATUSES } from './owned-applications';

export interface OfficerListItem {
  userId: string;
  displayName: string;
  roles: { role: OfficerRole; villageIds: number[] | null }[];
  /** Applications they own that are still open: what a removal must hand over. */
  ownedOpen: number;
}

/** The officers with their roles and scope, and the invitations still waiting to be accepted. */
export async function listOfficers(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  enforce(officerPolicy.read, actor, undefined);
  const rows = await deps.db
    .select({
      userId: users.id,
      displayName: users.displayName,
      role: officerRoles.role,
      villageIds: officerRoles.villageIds,
    })
    .from(officerRoles)
    .innerJoin(users, eq(users.id, officerRoles.userId))
    .orderBy(users.displayName, officerRoles.role);
  const owned = await deps.db
    .select({ userId: certificateApplications.ownerOfficerId, n: count() })
    .from(certificateApplications)
    .where(inArray(certificateApplications.status, [...OWNED_STATUSES]))
    .groupBy(certificateApplications.ownerOfficerId);
  const ownedBy = new Map(owned.map((o) => [o.userId, o.n]));
  const officers = new Map<string, OfficerListItem>();
  for (const r of rows) {
    const o = officers.get(r.userId) ?? {
      userId: r.userId,
      displayName: r.displayName,
      roles: [],
      ownedOpen: ownedBy.get(r.userId) ?? 0,
    };
    o.roles.push({ role: r.role, villageIds: r.villageIds ?? null });
    officers.set(r.userId, o);
  }
  const invites = await deps.db
    .select({
      id: officerInvites.id,
      label: officerInvites.label,
      roles: officerInvites.roles,
      villageIds: officerInvites.villageIds,
      createdAt: officerInvites.createdAt,
      expiresAt: officerInvites.expiresAt,
    })
    .from(officerInvites)
    .where(
      and(
        isNull(officerInvites.acceptedAt),
        isNull(officerInvites.revokedAt),
        gt(officerInvites.expiresAt, deps.clock.now()),
      ),
    )
    .orderBy(desc(officerInvites.createdAt));
  return { officers: [...officers.values()], invites };
}
