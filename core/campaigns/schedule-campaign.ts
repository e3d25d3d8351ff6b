import { eq } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { addCampaignEvent, findCampaign, loadCampaignFor } from './campaign-records';
import type { TScheduleCampaign } from './campaign-schema';
import { startCampaign } from './start-campaign';

/**
 * A publicity officer sends an approved campaign now, or schedules it (the cron starts it at that
 * minute). A scheduled campaign may be rescheduled until it starts.
 */
export async function scheduleCampaign(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  input: TScheduleCampaign;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const at = input.at ? new Date(input.at) : null;
  const later = at !== null && at.getTime() > now.getTime() + 30_000;
  await deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'schedule', { forUpdate: true });
    if (at && at.getTime() > now.getTime() + 90 * 86_400_000)
      throw new AppError('validation_failed', {
        fields: [{ path: 'at', message: 'campaigns:validation.scheduleTooFar' }],
      });
    await tx
      .update(campaigns)
      .set({ status: 'scheduled', scheduledAt: later ? at : now, updatedAt: now })
      .where(eq(campaigns.id, row.id));
    await addCampaignEvent(tx, deps, {
      campaignId: row.id,
      type: 'scheduled',
      actorUserId: actor.userId,
      details: { at: (later ? at! : now).toISOString() },
    });
  });
  if (!later) await startCampaign({ deps, campaignId: options.campaignId, actorUserId: actor.userId });
  const row = await findCampaign(deps.db, options.campaignId);
  return { status: row!.status, scheduledAt: row!.scheduledAt?.toISOString() ?? null };
}
