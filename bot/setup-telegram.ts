// One-time Telegram settings for a bot: the command menu in every language and the menu button that
// opens the mini app, plus (when given) the webhook. Used by `npm start` against the sandbox and by
// `npm run telegram:setup` when deploying.
import { Api } from 'grammy';
import { SUPPORTED_LANGUAGES, translator } from '../core/i18n';
import { BOT_COMMANDS } from './create-bot';

/**
 * Telegram picks a command list by the client's two-letter language code, so Traditional Chinese
 * clients ("zh") share the Simplified list; the bot's replies still follow each person's choice.
 */
const TELEGRAM_LANGUAGE_CODES = { 'zh-CN': ['zh'], 'zh-TW': [], en: ['en'] } as const;

export async function setupTelegram(options: {
  token: string;
  apiRoot: string;
  miniAppUrl: string;
  webhook?: { url: string; secret: string };
}): Promise<void> {
  const api = new Api(options.token, { apiRoot: options.apiRoot });
  if (options.webhook) {
    await api.setWebhook(options.webhook.url, {
      secret_token: options.webhook.secret,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
  }
  for (const lng of SUPPORTED_LANGUAGES) {
    const t = translator(lng, 'bot');
    const commands = BOT_COMMANDS.map((command) => ({ command, description: t(`commands.${command}`) }));
    // The default list (no language) is Simplified Chinese, the office's default language.
    if (lng === 'zh-CN') await api.setMyCommands(commands);
    for (const code of TELEGRAM_LANGUAGE_CODES[lng] as readonly ('zh' | 'en')[])
      await api.setMyCommands(commands, { language_code: code });
  }
  await api.setChatMenuButton({
    menu_button: {
      type: 'web_app',
      text: translator('zh-CN', 'bot')('openApp'),
      web_app: { url: options.miniAppUrl },
    },
  });
}
