// What one recipient gets: their language's variant (zh-CN when there is none), as Telegram HTML,
// with the image and the button. Click tracking: a link button goes through /c/<token>, a mini app
// button carries ?c=<campaign id> for the mini app to report the open.
import type { CampaignButton, UserLanguage } from '../../db/schema';
import { type CoreConfig, miniAppUrl } from '../config';
import { clickToken } from './click-token';

export interface VariantForSending {
  language: UserLanguage;
  text: string;
  imageFileId: string | null;
  imageTelegramFileId: string | null;
  button: CampaignButton | null;
}

export interface CampaignMessage {
  chatId: number;
  /** parse_mode HTML; sent as the photo's caption when there is an image. */
  html: string;
  photo?: { storedFileId: string; telegramFileId: string | null };
  button?: { text: string; url: string; kind: 'web_app' | 'url' };
  /** Rows of buttons above `button` (a service-file reminder: each item's page, and its card in chat). */
  keyboard?: MessageButton[][];
}

/** One inline button: a page (mini app or link) or a callback the bot answers in chat. */
export type MessageButton =
  | { text: string; url: string; kind: 'web_app' | 'url' }
  | { text: string; callbackData: string; kind: 'callback' };

export const FALLBACK_LANGUAGE: UserLanguage = 'zh-CN';

export function pickVariant<T extends { language: string }>(
  variants: readonly T[],
  language: string,
): T | undefined {
  return (
    variants.find((v) => v.language === language) ?? variants.find((v) => v.language === FALLBACK_LANGUAGE)
  );
}

export async function buildCampaignMessage(options: {
  config: CoreConfig;
  campaignId: string;
  variant: VariantForSending;
  chatId: number;
  /** The delivery being sent; absent for a test message (its link is not tracked). */
  deliveryId?: number;
}): Promise<CampaignMessage> {
  const { config, variant } = options;
  const message: CampaignMessage = { chatId: options.chatId, html: variant.text };
  if (variant.imageFileId)
    message.photo = { storedFileId: variant.imageFileId, telegramFileId: variant.imageTelegramFileId };
  const b = variant.button;
  if (b?.kind === 'mini_app') {
    const sep = b.target.includes('?') ? '&' : '?';
    message.button = {
      text: b.text,
      kind: 'web_app',
      url: miniAppUrl(config, `${b.target}${sep}c=${options.campaignId}`),
    };
  } else if (b?.kind === 'url') {
    const url =
      options.deliveryId === undefined
        ? b.target
        : new URL(
            `/c/${await clickToken(config.campaigns.linkSecret, options.deliveryId)}`,
            config.publicUrl,
          ).toString();
    message.button = { text: b.text, kind: 'url', url };
  }
  return message;
}
