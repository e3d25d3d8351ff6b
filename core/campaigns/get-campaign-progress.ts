import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadCampaignFor } from './campaign-records';

/** The window of the "current rate" figure. */
const RATE_WINDOW_S = 20;

/**
 * The live progress bar while sending: delivered, failed (by reason), blocked, remaining, the rate
 * of the last 20 s and the ETA at that rate (at the configured rate before anything was sent).
 */
export async function getCampaignProgress(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const row = await loadCampaignFor(deps.db, actor, options.campaignId, 'read');
  const now = deps.clock.now();
  // The counters the database keeps per status and error code (migration 0022): a few rows per
  // campaign, however large the audience, exact in the same transaction as every delivery's change.
  const counts = await deps.db.execute<{ status: string; error_code: string; n: number }>(sql`
    select status, error_code, sum(n)::int as n from campaign_delivery_counts
    where campaign_id = ${row.id} group by status, error_code`);
  const [recent] = await deps.db.execute<{ n: number }>(sql`
    select count(*)::int as n from campaign_deliveries
    where campaign_id = ${row.id} and sent_at > ${new Date(now.getTime() - RATE_WINDOW_S * 1000).toISOString()}::timestamptz`);
  let delivered = 0;
  let blocked = 0;
  let cancelled = 0;
  let open = 0;
  let materialized = 0;
  const failed: Record<string, number> = {};
  for (const c of counts) {
    if (c.n === 0) continue;
    materialized += c.n;
    if (c.status === 'sent') delivered += c.n;
    else if (c.status === 'blocked') blocked += c.n;
    else if (c.status === 'cancelled') cancelled += c.n;
    else if (c.status === 'failed')
      failed[c.error_code || 'unknown'] = (failed[c.error_code || 'unknown'] ?? 0) + c.n;
    else open += c.n;
  }
  const notYetMaterialized =
    row.status === 'sending' && !row.materialized ? Math.max(0, (row.audienceSize ?? 0) - materialized) : 0;
  const remaining = row.status === 'sending' ? open + notYetMaterialized : 0;
  const ratePerSecond = Math.round(((recent?.n ?? 0) / RATE_WINDOW_S) * 10) / 10;
  const pace = ratePerSecond > 0 ? ratePerSecond : deps.config.campaigns.ratePerSecond;
  return {
    status: row.status,
    total: row.audienceSize ?? materialized,
    delivered,
    failed: Object.values(failed).reduce((a, b) => a + b, 0),
    failedByReason: failed,
    blocked,
    cancelled,
    remaining,
    ratePerSecond,
    etaSeconds: remaining > 0 ? Math.ceil(remaining / pace) : 0,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
