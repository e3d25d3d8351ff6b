import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadCampaignFor } from './campaign-records';

/**
 * Reach after (or during) sending, for the charts: outcomes by reason, per village and language,
 * button clicks (total and people), sends per minute. Aggregates only — nothing about a person.
 */
export async function getCampaignStats(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const row = await loadCampaignFor(deps.db, actor, options.campaignId, 'read');
  const byReason = await deps.db.execute<{ status: string; error_code: string | null; n: number }>(sql`
    select status, error_code, count(*)::int as n from campaign_deliveries
    where campaign_id = ${row.id} group by status, error_code order by status, error_code`);
  const byVillage = await deps.db.execute<{
    village_id: number | null;
    village_name: string | null;
    delivered: number;
    failed: number;
    blocked: number;
    clicked: number;
  }>(sql`
    select d.village_id, v.name as village_name,
      count(*) filter (where d.status = 'sent')::int as delivered,
      count(*) filter (where d.status = 'failed')::int as failed,
      count(*) filter (where d.status = 'blocked')::int as blocked,
      count(distinct c.user_id)::int as clicked
    from campaign_deliveries d
    left join villages v on v.id = d.village_id
    left join campaign_clicks c on c.campaign_id = d.campaign_id and c.user_id = d.user_id
    where d.campaign_id = ${row.id}
    group by d.village_id, v.name order by v.name nulls last`);
  const byLanguage = await deps.db.execute<{ language: string; delivered: number; total: number }>(sql`
    select language, count(*) filter (where status = 'sent')::int as delivered, count(*)::int as total
    from campaign_deliveries where campaign_id = ${row.id} group by language order by language`);
  const [clicks] = await deps.db.execute<{
    total: number;
    people: number;
    url: number;
    mini_app: number;
  }>(sql`
    select count(*)::int as total, count(distinct user_id)::int as people,
      count(*) filter (where via = 'url')::int as url, count(*) filter (where via = 'mini_app')::int as mini_app
    from campaign_clicks where campaign_id = ${row.id}`);
  const timeline = await deps.db.execute<{ minute: string; sent: number }>(sql`
    select to_char(date_trunc('minute', sent_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:00"Z"') as minute,
      count(*)::int as sent
    from campaign_deliveries where campaign_id = ${row.id} and sent_at is not null
    group by 1 order by 1 limit 1440`);
  const failedByReason: Record<string, number> = {};
  let delivered = 0;
  let blocked = 0;
  let cancelled = 0;
  for (const r of byReason) {
    if (r.status === 'sent') delivered += r.n;
    else if (r.status === 'blocked') blocked += r.n;
    else if (r.status === 'cancelled') cancelled += r.n;
    else if (r.status === 'failed') failedByReason[r.error_code ?? 'unknown'] = r.n;
  }
  return {
    status: row.status,
    delivered,
    failed: Object.values(failedByReason).reduce((a, b) => a + b, 0),
    failedByReason,
    blocked,
    cancelled,
    clicks: {
      total: clicks?.total ?? 0,
      people: clicks?.people ?? 0,
      byKind: { url: clicks?.url ?? 0, miniApp: clicks?.mini_app ?? 0 },
    },
    byVillage: byVillage.map((v) => ({
      villageId: v.village_id,
      villageName: v.village_name,
      delivered: v.delivered,
      failed: v.failed,
      blocked: v.blocked,
      clicked: v.clicked,
    })),
    byLanguage: byLanguage.map((l) => ({ language: l.language, delivered: l.delivered, total: l.total })),
    timeline: timeline.map((t) => ({ minute: t.minute, sent: t.sent })),
  };
}
