import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { officerInvites, officerRoles, users } from '../../db/schema';
import type { OfficerRole } from '../../db/schema/officer-roles';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { officerPolicy } from './officer-policy';
import { type OwnedCounts, ownedCountsByOfficer } from './owned-work';

const total = (c: OwnedCounts | undefined) => (c ? c.application + c.tip + c.service_item : 0);

export interface OfficerListItem {
  userId: string;
  displayName: string;
  roles: { role: OfficerRole; villageIds: number[] | null }[];
  /** Open work they own (applications, tip-offs, service-file items): what a removal must hand over. */
  ownedOpen: number;
  owned: OwnedCounts;
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
  const ownedBy = await ownedCountsByOfficer(deps);
  const officers = new Map<string, OfficerListItem>();
  for (const r of rows) {
    const o = officers.get(r.userId) ?? {
      userId: r.userId,
      displayName: r.displayName,
      roles: [],
      ownedOpen: total(ownedBy.get(r.userId)),
      owned: ownedBy.get(r.userId) ?? { application: 0, tip: 0, service_item: 0 },
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
