import { and, eq, isNull } from 'drizzle-orm';
import { deskSessions } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { CoreDeps } from '../deps';

/** Signing out at the desk: the session is revoked at once (its cookie no longer opens anything). */
export async function endDeskSession(options: { deps: CoreDeps; sessionId: string; userId: string }) {
  const { deps } = options;
  await deps.db
    .update(deskSessions)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(deskSessions.id, options.sessionId), isNull(deskSessions.revokedAt)));
  await recordAudit({
    deps,
    entry: {
      actorUserId: options.userId,
      action: 'desk_session.end',
      recordType: 'desk_session',
      recordId: options.sessionId,
    },
  });
}
