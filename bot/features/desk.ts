// /desk: an officer at a computer asks for a one-time sign-in link, sent to their own chat (good for
// 10 minutes, once). Its page asks before signing in, so a link preview cannot use it up.
import { Composer, InlineKeyboard } from 'grammy';
import { DESK_LINK_TTL_MS } from '../../core/desk/desk-tokens';
import { requestDeskLink } from '../../core/desk/request-desk-link';
import { spendRateLimit } from '../../core/rate-limit/spend-rate-limit';
import type { BotContext } from '../context';

export const desk = new Composer<BotContext>();

desk.command('desk', async (ctx) => {
  if (ctx.actor.roles.length === 0) {
    await ctx.reply(ctx.t('desk.notOfficer'));
    return;
  }
  // Links are cheap to ask for but each is a way in: the costly-call budget, per person.
  const refusal = await spendRateLimit({
    limiter: ctx.deps.limiter(),
    settings: ctx.deps.core.config.rateLimits,
    policy: 'costly',
    identity: `user:${ctx.actor.userId}:desk-link`,
    requestId: ctx.deps.core.requestId,
  });
  if (refusal) throw refusal;
  const { token } = await requestDeskLink({ deps: ctx.deps.core, actor: ctx.actor });
  const url = new URL(`/desk/sign-in?t=${token}`, ctx.deps.miniAppUrl).toString();
  await ctx.reply(ctx.t('desk.link', { minutes: DESK_LINK_TTL_MS / 60_000 }), {
    link_preview_options: { is_disabled: true },
    reply_markup: new InlineKeyboard().url(ctx.t('desk.open'), url),
  });
});
