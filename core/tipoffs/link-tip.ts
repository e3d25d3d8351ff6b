import { and, eq, ne } from 'drizzle-orm';
import { tips } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { addTipEvent, loadTipFor } from './tip-records';
import { ZLinkTipSchema } from './tipoff-schema';

/**
 * Links this tip to an earlier one about the same matter: both then share the earlier tip's matter
 * (one reward per matter, the first substantiated reporter's). The earlier tip must have a lower number.
 */
export async function linkTip(options: {
  deps: CoreDeps;
  actor: Actor;
  tipId: string;
  input: { number: number };
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZLinkTipSchema, options.input);
  const result = await deps.db.transaction(async (tx) => {
    const tip = await loadTipFor(tx, actor, options.tipId, 'write', { forUpdate: true });
    const [first] = await tx
      .select({ id: tips.id, number: tips.number, matterTipId: tips.matterTipId })
      .from(tips)
      .where(and(eq(tips.townshipId, tip.townshipId), eq(tips.number, input.number), ne(tips.id, tip.id)));
    if (!first || first.number > tip.number) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'number', message: 'tipoffs:validation.tipNumber' }],
      });
    }
    // Every tip of this tip's matter moves to the earlier matter.
    await tx
      .update(tips)
      .set({ matterTipId: first.matterTipId })
      .where(eq(tips.matterTipId, tip.matterTipId));
    await addTipEvent(tx, deps, {
      tipId: tip.id,
      type: 'linked',
      actorOfficerId: actor.userId,
      note: null,
      visible: false,
    });
    const [matter] = await tx
      .select({ number: tips.number })
      .from(tips)
      .where(eq(tips.id, first.matterTipId));
    return { tip, matterNumber: matter?.number ?? first.number };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip.link',
      recordType: 'tip',
      recordId: result.tip.id,
      details: { toNumber: input.number },
    },
  });
  return { matterNumber: result.matterNumber };
}
