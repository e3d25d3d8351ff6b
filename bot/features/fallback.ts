import { Composer } from 'grammy';
import type { BotContext } from '../context';

// Mounted last: anything no feature handled gets a pointer to /help instead of silence.
export const fallback = new Composer<BotContext>();

fallback.on('message', (ctx) => ctx.reply(ctx.t('unknownCommand')));
fallback.on('callback_query', (ctx) => ctx.answerCallbackQuery());
