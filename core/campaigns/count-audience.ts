import { and, eq, inArray, sql } from 'drizzle-orm';
import { audienceCounts } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { campaignPolicy } from './campaign-policy';
import { proposedCampaign } from './campaign-records';
import type { TCampaignAudience, TopicCode } from './campaign-schema';

/**
 * The live count while composing: how many people this audience reaches now (subscribed to the
 * topic, not blocked), in total and per language. Read from the audience cells the database keeps
 * exact (`audience_counts`, migration 0010) — a few hundred rows whatever the population — and equal
 * by construction to what `audienceCondition` materialises (a test holds the two together).
 */
export async function countAudience(options: {
  deps: CoreDeps;
  actor: Actor;
  topic: TopicCode;
  audience: TCampaignAudience;
}) {
  const { deps, actor, topic, audience } = options;
  // Anyone who may read campaigns of this audience may count it (approvers check a count too).
  enforce(campaignPolicy.read, actor, proposedCampaign(actor, audience));
  const c = audienceCounts;
  const rows = await deps.db
    .select({ language: c.language, n: sql<number>`sum(${c.n})::int`.mapWith(Number) })
    .from(c)
    .where(
      and(
        eq(c.topic, topic),
        audience.villageIds.length > 0 ? inArray(c.villageId, audience.villageIds) : undefined,
        audience.languages.length > 0 ? inArray(c.language, audience.languages) : undefined,
        audience.statuses.length > 0 ? inArray(c.populationStatus, audience.statuses) : undefined,
      ),
    )
    .groupBy(c.language);
  const byLanguage: Record<string, number> = { 'zh-CN': 0, 'zh-TW': 0, en: 0 };
  for (const r of rows) byLanguage[r.language] = r.n;
  return { total: rows.reduce((n, r) => n + r.n, 0), byLanguage };
}
