// The stages a campaign moves through, as the list's tabs and the workbench card group them, and
// the counts of the open ones.
import { type CampaignStatus, listCampaigns } from '../../lib/api/campaigns';

export const STAGES = [
  { id: 'draft', statuses: ['draft'] },
  { id: 'submitted', statuses: ['submitted'] },
  { id: 'scheduled', statuses: ['approved', 'scheduled'] },
  { id: 'sending', statuses: ['sending'] },
  { id: 'sent', statuses: ['sent'] },
  { id: 'cancelled', statuses: ['cancelled'] },
] as const satisfies readonly { id: string; statuses: readonly CampaignStatus[] }[];
export type StageId = (typeof STAGES)[number]['id'];

const OPEN_STATUSES: readonly CampaignStatus[] = ['draft', 'submitted', 'approved', 'scheduled', 'sending'];

/** Campaigns per open stage, from one request (the API lists at most 100 at a time). */
export async function openStageCounts(): Promise<Record<StageId, number>> {
  const { items } = await listCampaigns({ status: OPEN_STATUSES.join(','), limit: '100' });
  const counts: Record<StageId, number> = {
    draft: 0,
    submitted: 0,
    scheduled: 0,
    sending: 0,
    sent: 0,
    cancelled: 0,
  };
  for (const item of items) {
    const stage = STAGES.find((s) => (s.statuses as readonly string[]).includes(item.status));
    if (stage) counts[stage.id] += 1;
  }
  return counts;
}

/**
 * The stage the list opens on: the first with something in it — campaigns awaiting approval first,
 * since someone is waiting for that decision — else drafts for those who write, the sent ones for others.
 */
export function stageWithWork(counts: Record<StageId, number>, composes: boolean): StageId {
  const order: readonly StageId[] = ['submitted', 'draft', 'scheduled', 'sending'];
  return order.find((s) => counts[s] > 0) ?? (composes ? 'draft' : 'sent');
}
