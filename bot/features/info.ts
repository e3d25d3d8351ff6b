import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { openAppKeyboard } from '../keyboards';

// /help and /privacy: static texts from the locale files.
export const info = new Composer<BotContext>();

info.command('help', (ctx) => ctx.reply(ctx.t('help'), { reply_markup: openAppKeyboard(ctx) }));
info.command('privacy', (ctx) => ctx.reply(ctx.t('privacy')));
