// One service-guide page as a chat message (title in bold, the body, a button to the page in the mini
// app): /guide's page buttons and the answers to free-text questions send the same message.
import { InlineKeyboard } from 'grammy';
import { escapeHtml } from '../core/campaigns/telegram-html';
import { translator } from '../core/i18n';
import type { BotContext } from './context';

export async function replyWithGuidePage(
  ctx: BotContext,
  page: { slug: string; title: string; body: string },
  around: { intro?: string; outro?: string } = {},
): Promise<void> {
  const t = translator(ctx.lang, 'campaigns');
  const lead = around.intro ? `${escapeHtml(around.intro)}\n\n` : '';
  const tail = around.outro ? `\n\n${escapeHtml(around.outro)}` : '';
  await ctx.reply(`${lead}<b>${escapeHtml(page.title)}</b>\n\n${escapeHtml(page.body)}${tail}`, {
    parse_mode: 'HTML',
    reply_markup: new InlineKeyboard().webApp(
      t('bot.guideOpen'),
      new URL(`guide/${page.slug}`, ctx.deps.miniAppUrl).toString(),
    ),
  });
}
