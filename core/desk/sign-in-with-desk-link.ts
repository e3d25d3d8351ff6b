import { and, eq, gt, isNull } from 'drizzle-orm';
import { deskSessions, deskSignInLinks } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadActorById } from '../users/load-actor-by-id';
import { DESK_SESSION_MAX_MS, DESK_TOKEN_BYTES, DESK_TOKEN_PATTERN, sha256Hex } from './desk-tokens';

/**
 * Opening the link's page and pressing "sign in": the link is spent (once, atomically, within its 10
 * minutes) and a browser session starts for the same person — only while they hold an officer role.
 */
export async function signInWithDeskLink(options: { deps: CoreDeps; token: string }) {
  const { deps } = options;
  if (!DESK_TOKEN_PATTERN.test(options.token)) throw new AppError('desk_link_invalid');
  const now = deps.clock.now();
  const [spent] = await deps.db
    .update(deskSignInLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(deskSignInLinks.tokenHash, await sha256Hex(options.token)),
        isNull(deskSignInLinks.usedAt),
        gt(deskSignInLinks.expiresAt, now),
      ),
    )
    .returning({ userId: deskSignInLinks.userId });
  if (!spent) throw new AppError('desk_link_invalid');
  const actor = await loadActorById({ deps, userId: spent.userId });
  if (!actor || actor.roles.length === 0) throw new AppError('forbidden');
  const sessionToken = deps.ids.token(DESK_TOKEN_BYTES);
  const expiresAt = new Date(now.getTime() + DESK_SESSION_MAX_MS);
  const [session] = await deps.db
    .insert(deskSessions)
    .values({
      tokenHash: await sha256Hex(sessionToken),
      userId: actor.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    })
    .returning({ id: deskSessions.id });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'desk_session.start',
      recordType: 'desk_session',
      recordId: session!.id,
    },
  });
  return { sessionToken, expiresAt };
}
