import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { deskSessions } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { DESK_SESSION_IDLE_MS, DESK_TOKEN_PATTERN, DESK_TOUCH_EVERY_MS, sha256Hex } from './desk-tokens';

/**
 * The person behind a desk session cookie, while the session is live: not revoked, within its absolute
 * end and used within the idle limit. Each use moves the idle limit on (written at most once a minute).
 */
export async function resolveDeskSession(options: { deps: CoreDeps; token: string }) {
  const { deps } = options;
  if (!DESK_TOKEN_PATTERN.test(options.token)) return null;
  const now = deps.clock.now();
  const [session] = await deps.db
    .select({ id: deskSessions.id, userId: deskSessions.userId, expiresAt: deskSessions.expiresAt })
    .from(deskSessions)
    .where(
      and(
        eq(deskSessions.tokenHash, await sha256Hex(options.token)),
        isNull(deskSessions.revokedAt),
        gt(deskSessions.expiresAt, now),
        gt(deskSessions.lastSeenAt, new Date(now.getTime() - DESK_SESSION_IDLE_MS)),
      ),
    );
  if (!session) return null;
  await deps.db
    .update(deskSessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(deskSessions.id, session.id),
        lt(deskSessions.lastSeenAt, new Date(now.getTime() - DESK_TOUCH_EVERY_MS)),
      ),
    );
  return session;
}
