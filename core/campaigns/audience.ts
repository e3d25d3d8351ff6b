// The one definition of "who receives a campaign", as SQL over users: used for the live count while
// composing and for materialising recipients at send time, so the number an officer saw is the
// number that gets a delivery row.
import { type SQL, sql } from 'drizzle-orm';
import type { CampaignAudience } from '../../db/schema';

export interface AudienceQuery {
  topic: string;
  audience: CampaignAudience;
  /** A "resend to the failed only" round: only people whose delivery of that campaign failed. */
  resendOf?: string | null;
}

/**
 * WHERE condition on `users u`: subscribed to the topic, not blocked, and matching each non-empty
 * audience dimension (villages, languages, population statuses).
 */
export function audienceCondition(query: AudienceQuery): SQL {
  const parts: SQL[] = [
    sql`u.broadcast_blocked_at is null`,
    sql`exists (select 1 from subscriptions s where s.user_id = u.id and s.topic = ${query.topic})`,
  ];
  const { villageIds, languages, statuses } = query.audience;
  if (villageIds.length > 0)
    parts.push(
      sql`u.village_id in (${sql.join(
        villageIds.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (languages.length > 0)
    parts.push(
      sql`u.language in (${sql.join(
        languages.map((l) => sql`${l}`),
        sql`, `,
      )})`,
    );
  if (statuses.length > 0)
    parts.push(
      sql`u.population_status in (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (query.resendOf)
    parts.push(
      sql`u.id in (select d.user_id from campaign_deliveries d where d.campaign_id = ${query.resendOf} and d.status = 'failed')`,
    );
  return sql.join(parts, sql` and `);
}
