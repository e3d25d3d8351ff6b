// /start inv_<token>: an officer invitation the admin created (core/officers). The bot shows the
// roles and scope and asks; only the person's "accept" makes them an officer, and only once.
import { Composer, InlineKeyboard } from 'grammy';
import { translator } from '../../core/i18n';
import { acceptOfficerInvite } from '../../core/officers/accept-officer-invite';
import { findOfficerInvite } from '../../core/officers/find-officer-invite';
import type { BotContext } from '../context';

export const invite = new Composer<BotContext>();

const TOKEN = '[A-Za-z0-9_-]{22}';

const texts = (ctx: BotContext) => translator(ctx.lang, 'admin');

invite.command('start', async (ctx, next) => {
  const match = new RegExp(`^inv_(${TOKEN})$`).exec(ctx.match.trim());
  if (!match) return next();
  const t = texts(ctx);
  const found = await findOfficerInvite({ deps: ctx.deps.core, token: match[1]! });
  if (!found) {
    await ctx.reply(t('invite.bot.invalid'));
    return;
  }
  const common = translator(ctx.lang, 'common');
  const roles = found.roles.map((r) => common(`roles.${r}`)).join(t('invite.bot.listSeparator'));
  const scope = found.villageNames
    ? found.villageNames.join(t('invite.bot.listSeparator'))
    : t('invite.bot.townshipWide');
  await ctx.reply(t('invite.bot.ask', { roles, scope, office: common('officeName') }), {
    reply_markup: new InlineKeyboard()
      .text(t('invite.bot.accept'), `inv:ok:${match[1]!}`)
      .row()
      .text(t('invite.bot.decline'), 'inv:no'),
  });
});

invite.callbackQuery(new RegExp(`^inv:ok:(${TOKEN})$`), async (ctx) => {
  const t = texts(ctx);
  const outcome = await acceptOfficerInvite({ deps: ctx.deps.core, actor: ctx.actor, token: ctx.match[1]! });
  await ctx.answerCallbackQuery();
  if (outcome.status === 'invalid') {
    await ctx.editMessageText(t('invite.bot.invalid'));
    return;
  }
  await ctx.editMessageText(t('invite.bot.accepted'), {
    reply_markup: new InlineKeyboard().webApp(
      t('invite.bot.openWorkbench'),
      new URL('workbench', ctx.deps.miniAppUrl).toString(),
    ),
  });
});

invite.callbackQuery('inv:no', async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(texts(ctx)('invite.bot.declined'));
});
