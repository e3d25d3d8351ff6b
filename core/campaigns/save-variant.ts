import { eq } from 'drizzle-orm';
import { campaigns, campaignVariants, type UserLanguage } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { loadCampaignFor } from './campaign-records';
import { ZVariantInputSchema } from './campaign-schema';

/** The author writes (or rewrites) the message in one language: Telegram HTML, an optional button. */
export async function saveVariant(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  language: UserLanguage;
  input: unknown;
}) {
  const { deps, actor, language } = options;
  const input = parseOrThrow(ZVariantInputSchema, options.input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'edit', { forUpdate: true });
    await tx
      .insert(campaignVariants)
      .values({ campaignId: row.id, language, text: input.text, button: input.button, updatedAt: now })
      .onConflictDoUpdate({
        target: [campaignVariants.campaignId, campaignVariants.language],
        set: { text: input.text, button: input.button, updatedAt: now },
      });
    await tx.update(campaigns).set({ updatedAt: now }).where(eq(campaigns.id, row.id));
    return { language };
  });
}
