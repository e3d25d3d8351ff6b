import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { officerInvites, officerRoles } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { hashInviteToken } from './invite-token';
import { INVITE_TOKEN_PATTERN } from './officer-schema';

/**
 * The person accepts an invitation in chat: they get its roles with its scope (a role they already
 * had takes the invitation's scope). One use only — two taps or two people race for one row and the
 * loser gets 'invalid'. Audited.
 */
export async function acceptOfficerInvite(options: {
  deps: CoreDeps;
  actor: Actor;
  token: string;
}): Promise<{ status: 'accepted'; roles: string[] } | { status: 'invalid' }> {
  const { deps, actor, token } = options;
  if (!INVITE_TOKEN_PATTERN.test(token)) return { status: 'invalid' };
  const now = deps.clock.now();
  const tokenHash = await hashInviteToken(token);
  const accepted = await deps.db.transaction(async (tx) => {
    const [invite] = await tx
      .update(officerInvites)
      .set({ acceptedAt: now, acceptedBy: actor.userId })
      .where(
        and(
          eq(officerInvites.tokenHash, tokenHash),
          isNull(officerInvites.acceptedAt),
          isNull(officerInvites.revokedAt),
          gt(officerInvites.expiresAt, now),
        ),
      )
      .returning();
    if (!invite) return null;
    for (const role of invite.roles) {
      await tx
        .insert(officerRoles)
        .values({ userId: actor.userId, townshipId: invite.townshipId, role, villageIds: invite.villageIds })
        .onConflictDoUpdate({
          target: [officerRoles.userId, officerRoles.role],
          set: { villageIds: invite.villageIds === null ? sql`null` : invite.villageIds },
        });
    }
    return invite;
  });
  if (!accepted) return { status: 'invalid' };
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'officer.invite_accept',
      recordType: 'officer',
      recordId: actor.userId,
      details: {
        inviteId: accepted.id,
        roles: accepted.roles.join(','),
        villages: accepted.villageIds?.join(',') ?? 'township',
      },
    },
  });
  return { status: 'accepted', roles: accepted.roles };
}
