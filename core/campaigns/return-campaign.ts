import { eq } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { campaignPolicy } from './campaign-policy';
import { addCampaignEvent, loadCampaignFor, notifyAuthor } from './campaign-records';
import type { TReturnCampaign } from './campaign-schema';

/**
 * Back to draft. The author may withdraw a submitted or approved (not yet scheduled) campaign to
 * change it; an approver may return it with a note. Either way it needs a new approval.
 */
export async function returnCampaign(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  input: TReturnCampaign;
}) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'read', { forUpdate: true });
    const byAuthor = row.createdBy === actor.userId;
    enforce(byAuthor ? campaignPolicy.withdraw : campaignPolicy.return, actor, row);
    const note = byAuthor ? undefined : options.input.note;
    if (!byAuthor && !note)
      throw new AppError('validation_failed', {
        fields: [{ path: 'note', message: 'campaigns:validation.required' }],
      });
    await tx
      .update(campaigns)
      .set({ status: 'draft', submittedAt: null, approvedBy: null, approvedAt: null, updatedAt: now })
      .where(eq(campaigns.id, row.id));
    await addCampaignEvent(tx, deps, {
      campaignId: row.id,
      type: byAuthor ? 'withdrawn' : 'returned',
      actorUserId: actor.userId,
      ...(note ? { details: { note } } : {}),
    });
    return { row, byAuthor };
  });
  if (!result.byAuthor) await notifyAuthor(deps, result.row, 'returned', { title: result.row.title });
  return { status: 'draft' as const };
}
