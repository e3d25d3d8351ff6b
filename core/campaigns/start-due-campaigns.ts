import { and, eq, lte } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { startCampaign } from './start-campaign';

/** Cron (every minute): scheduled campaigns whose time has come start sending. */
export async function startDueCampaigns(options: { deps: CoreDeps }): Promise<{ started: number }> {
  const { deps } = options;
  const due = await deps.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.status, 'scheduled'), lte(campaigns.scheduledAt, deps.clock.now())));
  let started = 0;
  for (const c of due) if (await startCampaign({ deps, campaignId: c.id, actorUserId: null })) started += 1;
  return { started };
}
