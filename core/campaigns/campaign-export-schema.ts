// POST /api/campaigns/export: campaign reach as a spreadsheet, with the list's stage filter on screen.
// Browser-safe: zod and types only.
import { z } from 'zod';
import type { CampaignStatus } from '../../db/schema/campaigns';

const STATUSES = [
  'draft',
  'submitted',
  'approved',
  'scheduled',
  'sending',
  'sent',
  'cancelled',
] as const satisfies readonly CampaignStatus[];

export const ZCampaignReachExportSchema = z.object({
  /** The stage(s) on screen; empty = every campaign I may read. */
  status: z.array(z.enum(STATUSES)).max(STATUSES.length).default([]),
});
export type TCampaignReachExport = z.infer<typeof ZCampaignReachExportSchema>;
