import { eq } from 'drizzle-orm';
import { campaignVariants, type UserLanguage, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { logEvent } from '../log';
import { readStoredFileBytes } from './campaign-image';
import { buildCampaignMessage, pickVariant } from './campaign-message';
import { loadCampaignFor } from './campaign-records';
import type { CampaignSender } from './campaign-sender';
import type { SendGovernor } from './governor';

/**
 * "Send a test to yourself": one language's message (default: the officer's own) to the officer's
 * own chat, now, exactly as recipients will see it. Through the governor like every campaign
 * message, so a test during a big send does not break the rate; not counted in any figure.
 */
export async function sendTestMessage(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  language?: UserLanguage;
  governor: SendGovernor;
  sender: CampaignSender;
}) {
  const { deps, actor } = options;
  const row = await loadCampaignFor(deps.db, actor, options.campaignId, 'testSend');
  const [me] = await deps.db
    .select({ language: users.language })
    .from(users)
    .where(eq(users.id, actor.userId));
  const variants = await deps.db
    .select()
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, row.id));
  const variant = pickVariant(variants, options.language ?? me?.language ?? 'zh-CN');
  if (!variant)
    throw new AppError('validation_failed', {
      fields: [{ path: 'variants.zh-CN', message: 'campaigns:validation.zhCnRequired' }],
    });
  const message = await buildCampaignMessage({
    config: deps.config,
    campaignId: row.id,
    variant,
    chatId: actor.telegramId,
  });
  for (let attempt = 0; attempt < 20; attempt++) {
    const { grants, retryAt } = await options.governor.acquire({ chatIds: [actor.telegramId] });
    const grant = grants[0];
    if (!grant) {
      await new Promise((r) => setTimeout(r, Math.max(1, retryAt - Date.now())));
      continue;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, grant.at - Date.now())));
    const outcome = await options.sender.send(message, () => readStoredFileBytes(deps, variant.imageFileId!));
    await options.governor.report([
      {
        ...grant,
        completedAt: Date.now(),
        outcome: outcome.kind === 'sent' ? 'sent' : outcome.kind === 'transient' ? 'not_sent' : 'failed',
      },
    ]);
    logEvent('info', 'campaign test sent', { campaignId: row.id, outcome: outcome.kind });
    if (outcome.kind === 'sent') return { sent: true as const, language: variant.language };
    if (outcome.kind === 'bad_request')
      throw new AppError('telegram_refused', { params: { reason: outcome.description.slice(0, 200) } });
    throw new AppError('telegram_unavailable');
  }
  throw new AppError('telegram_unavailable');
}
