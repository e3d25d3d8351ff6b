import { and, eq, isNull } from 'drizzle-orm';
import { officerInvites } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { officerPolicy } from './officer-policy';

/** Withdraws an invitation nobody has accepted yet (a link sent to the wrong person). Audited. */
export async function revokeOfficerInvite(options: { deps: CoreDeps; actor: Actor; inviteId: string }) {
  const { deps, actor, inviteId } = options;
  enforce(officerPolicy.manage, actor, undefined);
  const [row] = await deps.db
    .update(officerInvites)
    .set({ revokedAt: deps.clock.now() })
    .where(
      and(
        eq(officerInvites.id, inviteId),
        isNull(officerInvites.acceptedAt),
        isNull(officerInvites.revokedAt),
      ),
    )
    .returning({ id: officerInvites.id });
  if (!row) throw new AppError('not_found');
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'officer.invite_revoke',
      recordType: 'officer_invite',
      recordId: row.id,
    },
  });
}
