// Campaign subscriptions and the service guide in chat: /topics (a menu of inline buttons that turn
// each topic on or off, ✓ marking those received), /stop (unsubscribe from everything), /guide
// (the 公开栏 pages in the person's language, readable here or in the mini app, then the latest past
// campaigns of their topics, each readable again here).
import { Composer, InlineKeyboard } from 'grammy';
import { getPublishedCampaign } from '../../core/campaigns/get-published-campaign';
import { listPublishedCampaigns } from '../../core/campaigns/list-published-campaigns';
import { getGuidePage } from '../../core/guide/get-guide-page';
import { listGuidePages } from '../../core/guide/list-guide-pages';
import { translator } from '../../core/i18n';
import { getSubscriptions } from '../../core/subscriptions/get-subscriptions';
import { toggleSubscription } from '../../core/subscriptions/toggle-subscription';
import { unsubscribeAll } from '../../core/subscriptions/unsubscribe-all';
import type { BotContext } from '../context';
import { replyWithGuidePage } from '../guide-message';

export const campaignsFeature = new Composer<BotContext>();

function topicsKeyboard(ctx: BotContext, topics: { code: string; subscribed: boolean }[]): InlineKeyboard {
  const t = translator(ctx.lang, 'campaigns');
  const kb = new InlineKeyboard();
  for (const topic of topics) {
    const name = t(`topic.${topic.code}`);
    kb.text(
      t(topic.subscribed ? 'bot.topicOn' : 'bot.topicOff', { topic: name }),
      `topic:${topic.code}`,
    ).row();
  }
  return kb;
}

function topicsText(ctx: BotContext, topics: { subscribed: boolean }[]): string {
  const t = translator(ctx.lang, 'campaigns');
  return topics.some((x) => x.subscribed)
    ? t('bot.topicsIntro')
    : `${t('bot.topicsIntro')}\n\n${t('bot.topicsNone')}`;
}

campaignsFeature.command('topics', async (ctx) => {
  const { topics } = await getSubscriptions({ deps: ctx.deps.core, actor: ctx.actor });
  await ctx.reply(topicsText(ctx, topics), { reply_markup: topicsKeyboard(ctx, topics) });
});

campaignsFeature.callbackQuery('topics', async (ctx) => {
  const { topics } = await getSubscriptions({ deps: ctx.deps.core, actor: ctx.actor });
  await ctx.answerCallbackQuery();
  await ctx.reply(topicsText(ctx, topics), { reply_markup: topicsKeyboard(ctx, topics) });
});

campaignsFeature.callbackQuery(/^topic:([a-z_]{1,40})$/, async (ctx) => {
  const { topics } = await toggleSubscription({ deps: ctx.deps.core, actor: ctx.actor, topic: ctx.match[1] });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(topicsText(ctx, topics), { reply_markup: topicsKeyboard(ctx, topics) });
});

campaignsFeature.command('stop', async (ctx) => {
  await unsubscribeAll({ deps: ctx.deps.core, actor: ctx.actor });
  const t = translator(ctx.lang, 'campaigns');
  await ctx.reply(t('bot.stopDone'), {
    reply_markup: new InlineKeyboard().text(t('bot.chooseTopics'), 'topics'),
  });
});

campaignsFeature.command('guide', async (ctx) => {
  const t = translator(ctx.lang, 'campaigns');
  const { pages } = await listGuidePages({ deps: ctx.deps.core, language: ctx.lang });
  const kb = new InlineKeyboard();
  for (const page of pages) kb.text(page.title, `guide:${page.slug}`).row();
  kb.webApp(t('bot.guideOpen'), new URL('guide', ctx.deps.miniAppUrl).toString()).row();
  kb.webApp(t('bot.pastCampaigns'), new URL('campaigns', ctx.deps.miniAppUrl).toString());
  await ctx.reply(pages.length > 0 ? t('bot.guideIntro') : t('bot.guideEmpty'), { reply_markup: kb });
  const { items } = await listPublishedCampaigns({
    deps: ctx.deps.core,
    actor: ctx.actor,
    query: { limit: PAST_IN_CHAT },
  });
  if (items.length === 0) return;
  const past = new InlineKeyboard();
  for (const item of items) past.text(item.title, `pc:${item.id}`).row();
  await ctx.reply(t('bot.pastIntro'), { reply_markup: past });
});

/** How many past campaigns /guide lists; the mini app pages through all of them. */
const PAST_IN_CHAT = 5;

campaignsFeature.callbackQuery(/^pc:([0-9a-f-]{36})$/, async (ctx) => {
  const campaign = await getPublishedCampaign({
    deps: ctx.deps.core,
    actor: ctx.actor,
    campaignId: ctx.match[1]!,
  });
  await ctx.answerCallbackQuery();
  const t = translator(ctx.lang, 'campaigns');
  // As it went out: Telegram HTML, checked when it was saved (the title is the office's, not sent).
  await ctx.reply(campaign.html, {
    parse_mode: 'HTML',
    reply_markup: new InlineKeyboard().webApp(
      t('bot.pastOpen'),
      new URL(`campaigns/${campaign.id}`, ctx.deps.miniAppUrl).toString(),
    ),
  });
});

campaignsFeature.callbackQuery(/^guide:([a-z0-9-]{1,48})$/, async (ctx) => {
  const page = await getGuidePage({ deps: ctx.deps.core, slug: ctx.match[1]!, language: ctx.lang });
  await ctx.answerCallbackQuery();
  await replyWithGuidePage(ctx, page);
});
