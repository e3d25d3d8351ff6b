import { asc } from 'drizzle-orm';
import { officerInvites, townships } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { checkVillagesExist } from './check-villages';
import { hashInviteToken } from './invite-token';
import { officerPolicy } from './officer-policy';
import { INVITE_VALID_DAYS, ZCreateInviteSchema } from './officer-schema';

/**
 * A one-time invitation (roles + scope) for the bot to deliver: the returned token goes into
 * t.me/<bot>?start=inv_<token> and is shown once; only its hash is stored. Audited.
 */
export async function createOfficerInvite(options: { deps: CoreDeps; actor: Actor; input: unknown }) {
  const { deps, actor } = options;
  enforce(officerPolicy.manage, actor, undefined);
  const input = parseOrThrow(ZCreateInviteSchema, options.input);
  await checkVillagesExist(deps, input.villageIds);
  const [township] = await deps.db
    .select({ id: townships.id })
    .from(townships)
    .orderBy(asc(townships.id))
    .limit(1);
  if (!township) throw new AppError('conflict');
  const token = deps.ids.token(16);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + INVITE_VALID_DAYS * 86_400_000);
  const [row] = await deps.db
    .insert(officerInvites)
    .values({
      tokenHash: await hashInviteToken(token),
      townshipId: township.id,
      roles: input.roles,
      villageIds: input.villageIds,
      label: input.label,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: officerInvites.id });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'officer.invite',
      recordType: 'officer_invite',
      recordId: row!.id,
      details: { roles: input.roles.join(','), villages: input.villageIds?.join(',') ?? 'township' },
    },
  });
  return { id: row!.id, token, expiresAt };
}
