import { Composer } from 'grammy';
import { translator } from '../../core/i18n';
import { welcomeBack } from '../../core/subscriptions/welcome-back';
import { setVillageByCode } from '../../core/users/set-village-by-code';
import type { BotContext } from '../context';
import { openAppKeyboard } from '../keyboards';

export const start = new Composer<BotContext>();

// /start or /start v_<village code> (deep link printed as a QR code on each village's poster).
start.command('start', async (ctx) => {
  // Someone who had blocked the bot and pressed "Restart" is reachable again.
  await welcomeBack({ deps: ctx.deps.core, actor: ctx.actor });
  const payload = ctx.match.trim();
  const villageMatch = /^v_([a-z0-9-]{1,32})$/i.exec(payload);
  if (villageMatch) {
    const village = await setVillageByCode({
      deps: ctx.deps.core,
      userId: ctx.actor.userId,
      code: villageMatch[1]!,
    });
    await ctx.reply(village ? ctx.t('villageSet', { village: village.name }) : ctx.t('villageUnknown'));
  }
  await ctx.reply(
    ctx.t('welcome', {
      name: ctx.from?.first_name ?? '',
      office: translator(ctx.lang, 'common')('officeName'),
    }),
    { reply_markup: openAppKeyboard(ctx) },
  );
});
