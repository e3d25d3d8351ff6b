import { eq } from 'drizzle-orm';
import { tips } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { type Actor, hasRole } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadActorById } from '../users/load-actor-by-id';
import { parseOrThrow } from '../validation';
import { addTipEvent, loadTipFor, notifyOfficers } from './tip-records';
import { ZHandOverTipSchema } from './tipoff-schema';

/** The owner (or an admin) passes the case to another case handler (首问负责: recorded, not shown to the reporter). */
export async function handOverTip(options: {
  deps: CoreDeps;
  actor: Actor;
  tipId: string;
  input: { toOfficerUserId: string; note?: string };
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZHandOverTipSchema, options.input);
  const target = await loadActorById({ deps, userId: input.toOfficerUserId });
  const tip = await deps.db.transaction(async (tx) => {
    const row = await loadTipFor(tx, actor, options.tipId, 'handOver', { forUpdate: true });
    if (!target || !hasRole(target, 'case_handler') || target.userId === row.ownerOfficerId) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'toOfficerUserId', message: 'tipoffs:validation.handoverTarget' }],
      });
    }
    await tx.update(tips).set({ ownerOfficerId: target.userId }).where(eq(tips.id, row.id));
    await addTipEvent(tx, deps, {
      tipId: row.id,
      type: 'handed_over',
      actorOfficerId: actor.userId,
      note: input.note ?? null,
      visible: false,
    });
    return row;
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip.hand_over',
      recordType: 'tip',
      recordId: tip.id,
      details: { toOfficerUserId: input.toOfficerUserId },
    },
  });
  await notifyOfficers(deps, {
    role: 'case_handler',
    userIds: [input.toOfficerUserId],
    messageKey: 'tipoffs:notify.officerHandedOver',
    path: `tips/${tip.id}`,
  });
}
