import { rewardTiers } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { DEFAULT_REWARD_TIERS, TIP_CATEGORIES } from './tipoff-schema';

/** The published reward table: the admin's edits over the defaults (TIPOFFS.md). Public. */
export async function getRewardTiers(options: { deps: CoreDeps }) {
  const rows = await options.deps.db.select().from(rewardTiers);
  return {
    tiers: TIP_CATEGORIES.map((category) => {
      const row = rows.find((r) => r.category === category);
      return {
        category,
        ...(row ? { minYuan: row.minYuan, maxYuan: row.maxYuan } : DEFAULT_REWARD_TIERS[category]),
      };
    }),
  };
}
