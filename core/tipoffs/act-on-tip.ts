import { and, eq, ne } from 'drizzle-orm';
import { tips } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { addTipEvent, deleteObjects, deleteTipContent, loadTipFor, notifyReporter } from './tip-records';
import { TIP_TRANSITIONS, transitionRefusal } from './tipoff-policy';
import { type TTipAction, ZTipActionSchema } from './tipoff-schema';

/**
 * One step of the workflow by the owning handler (or the first handler to act, who then owns it —
 * 首问负责). Each step carries a note the reporter sees. Out of scope as `private_person` deletes the
 * content, messages and attachments at once; `duplicate` joins the earlier tip's matter; `close`
 * records the closing summary and sends the last chat message, after which the chat link goes.
 */
export async function actOnTip(options: { deps: CoreDeps; actor: Actor; tipId: string; input: TTipAction }) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZTipActionSchema, options.input);
  const now = deps.clock.now();
  const to = TIP_TRANSITIONS[input.action].to;
  const result = await deps.db.transaction(async (tx) => {
    const tip = await loadTipFor(tx, actor, options.tipId, 'act', { forUpdate: true });
    const refused = transitionRefusal(input.action, tip.status);
    if (refused) throw new AppError(refused);
    const set: Partial<typeof tips.$inferInsert> = {
      status: to,
      ownerOfficerId: tip.ownerOfficerId ?? actor.userId,
    };
    let objects: string[] = [];
    switch (input.action) {
      case 'acknowledge':
        set.acknowledgedAt = now;
        break;
      case 'accept':
        set.triage = 'accepted';
        set.triagedAt = now;
        break;
      case 'out_of_scope':
        set.triage = 'out_of_scope';
        set.outOfScopeReason = input.reason;
        set.triagedAt = tip.triagedAt ?? now;
        // Not something the system may keep: the content goes now, not at retention.
        if (input.reason === 'private_person') objects = (await deleteTipContent(tx, deps, tip.id)).objects;
        break;
      case 'duplicate': {
        const [first] = await tx
          .select({ id: tips.id, matterTipId: tips.matterTipId })
          .from(tips)
          .where(
            and(
              eq(tips.townshipId, tip.townshipId),
              eq(tips.number, input.duplicateOfNumber),
              ne(tips.id, tip.id),
            ),
          );
        if (!first) {
          throw new AppError('validation_failed', {
            fields: [{ path: 'duplicateOfNumber', message: 'tipoffs:validation.tipNumber' }],
          });
        }
        set.triage = 'duplicate';
        set.triagedAt = now;
        set.duplicateOfTipId = first.id;
        set.matterTipId = first.matterTipId;
        break;
      }
      case 'investigate':
        break;
      case 'substantiate':
      case 'unsubstantiate':
        set.finding = input.action === 'substantiate' ? 'substantiated' : 'unsubstantiated';
        set.concludedAt = now;
        break;
      case 'close':
        set.closedAt = now;
        set.closingSummary = input.note;
        break;
    }
    await tx.update(tips).set(set).where(eq(tips.id, tip.id));
    await addTipEvent(tx, deps, {
      tipId: tip.id,
      type: to,
      actorOfficerId: actor.userId,
      note: input.action === 'close' ? null : input.note,
    });
    return { tip, objects };
  });
  await deleteObjects(deps, result.objects);
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: `tip.${input.action}`,
      recordType: 'tip',
      recordId: result.tip.id,
      ...(input.action === 'out_of_scope' ? { details: { reason: input.reason } } : {}),
    },
  });
  await notifyReporter(
    deps,
    result.tip.id,
    `tipoffs:notify.reporter.${to}`,
    { number: result.tip.number },
    { deleteAfter: to === 'closed' },
  );
  return { status: to };
}
