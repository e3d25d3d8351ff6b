// /start, and /start v_<village code> (the deep link printed as a QR code on each village's poster).
// A person who already has a village is asked before the poster moves them (keep / move buttons).
import { Composer, InlineKeyboard } from 'grammy';
import { translator } from '../../core/i18n';
import { isServiceAvailable, SERVICE_IDS } from '../../core/service-availability';
import { welcomeBack } from '../../core/subscriptions/welcome-back';
import { setVillageByCode } from '../../core/users/set-village-by-code';
import { listVillages } from '../../core/villages/list-villages';
import type { BotContext } from '../context';
import { openAppKeyboard } from '../keyboards';

export const start = new Composer<BotContext>();

const VILLAGE_CODE = '[a-z0-9-]{1,32}';

/** The services, each marked "coming soon" until its switch in core/service-availability.ts is on. */
function servicesList(ctx: BotContext): string {
  return SERVICE_IDS.map((id) =>
    ctx.t(isServiceAvailable(id) ? 'serviceLine' : 'serviceComingSoon', { service: ctx.t(`services.${id}`) }),
  ).join('\n');
}

start.command('start', async (ctx) => {
  // Someone who had blocked the bot and pressed "Restart" is reachable again.
  await welcomeBack({ deps: ctx.deps.core, actor: ctx.actor });
  const villageMatch = new RegExp(`^v_(${VILLAGE_CODE})$`, 'i').exec(ctx.match.trim());
  const outcome = villageMatch
    ? await setVillageByCode({ deps: ctx.deps.core, userId: ctx.actor.userId, code: villageMatch[1]! })
    : null;
  if (outcome?.status === 'unknown') await ctx.reply(ctx.t('villageUnknown'));
  else if (outcome && outcome.status !== 'confirm')
    await ctx.reply(ctx.t('villageSet', { village: outcome.village.name }));
  await ctx.reply(
    ctx.t('welcome', {
      name: ctx.from?.first_name ?? '',
      office: translator(ctx.lang, 'common')('officeName'),
      services: servicesList(ctx),
    }),
    { reply_markup: openAppKeyboard(ctx) },
  );
  // Asked last, so the buttons are the newest thing in the chat; nothing changes until answered.
  if (outcome?.status === 'confirm') {
    const names = { current: outcome.current.name, village: outcome.village.name };
    await ctx.reply(ctx.t('villageAsk', names), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('villageMove', names), `village:move:${villageMatch![1]!.toLowerCase()}`)
        .row()
        .text(ctx.t('villageKeep', names), 'village:keep'),
    });
  }
});

start.callbackQuery(new RegExp(`^village:move:(${VILLAGE_CODE})$`), async (ctx) => {
  const outcome = await setVillageByCode({
    deps: ctx.deps.core,
    userId: ctx.actor.userId,
    code: ctx.match[1]!,
    move: true,
  });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    outcome.status === 'unknown'
      ? ctx.t('villageUnknown')
      : ctx.t('villageSet', { village: outcome.village.name }),
  );
});

start.callbackQuery('village:keep', async (ctx) => {
  await ctx.answerCallbackQuery();
  // The village as it is now (the question may be old): nothing was changed, say which one stays.
  const villages = await listVillages({ deps: ctx.deps.core });
  const current = villages.find((v) => v.id === ctx.actor.villageId);
  await ctx.editMessageText(
    current ? ctx.t('villageKept', { current: current.name }) : ctx.t('villageUnknown'),
  );
});
