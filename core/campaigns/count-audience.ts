import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { audienceCondition } from './audience';
import { campaignPolicy } from './campaign-policy';
import { proposedCampaign } from './campaign-records';
import type { TCampaignAudience, TopicCode } from './campaign-schema';

/**
 * The live count while composing: how many people this audience reaches now (subscribed to the
 * topic, not blocked), in total and per language — the same SQL that materialises recipients.
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
  const rows = await deps.db.execute<{ language: string; n: number }>(
    sql`select u.language, count(*)::int as n from users u where ${audienceCondition({ topic, audience })} group by u.language`,
  );
  const byLanguage: Record<string, number> = { 'zh-CN': 0, 'zh-TW': 0, en: 0 };
  for (const r of rows) byLanguage[r.language] = r.n;
  return { total: rows.reduce((n, r) => n + r.n, 0), byLanguage };
}
