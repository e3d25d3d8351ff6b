import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { officerInvites, villages } from '../../db/schema';
import type { OfficerRole } from '../../db/schema/officer-roles';
import type { CoreDeps } from '../deps';
import { hashInviteToken } from './invite-token';
import { INVITE_TOKEN_PATTERN } from './officer-schema';

export interface OpenInvite {
  id: string;
  roles: OfficerRole[];
  /** null: township-wide; else the names of the villages. */
  villageNames: string[] | null;
}

/** The invitation behind a token while it can still be accepted (unused, not withdrawn, not expired). */
export async function findOfficerInvite(options: {
  deps: CoreDeps;
  token: string;
}): Promise<OpenInvite | null> {
  const { deps, token } = options;
  if (!INVITE_TOKEN_PATTERN.test(token)) return null;
  const [invite] = await deps.db
    .select({ id: officerInvites.id, roles: officerInvites.roles, villageIds: officerInvites.villageIds })
    .from(officerInvites)
    .where(
      and(
        eq(officerInvites.tokenHash, await hashInviteToken(token)),
        isNull(officerInvites.acceptedAt),
        isNull(officerInvites.revokedAt),
        gt(officerInvites.expiresAt, deps.clock.now()),
      ),
    );
  if (!invite) return null;
  const names =
    invite.villageIds === null
      ? null
      : (
          await deps.db
            .select({ name: villages.name })
            .from(villages)
            .where(inArray(villages.id, invite.villageIds.length ? invite.villageIds : [0]))
            .orderBy(villages.code)
        ).map((v) => v.name);
  return { id: invite.id, roles: invite.roles, villageNames: names };
}
