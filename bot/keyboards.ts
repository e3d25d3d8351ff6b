import { InlineKeyboard } from 'grammy';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '../core/i18n';
import type { BotContext } from './context';

export function openAppKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().webApp(ctx.t('openApp'), ctx.deps.miniAppUrl);
}

export function languageKeyboard(): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const lng of SUPPORTED_LANGUAGES) kb.text(LANGUAGE_NAMES[lng], `lang:${lng}`);
  return kb;
}
