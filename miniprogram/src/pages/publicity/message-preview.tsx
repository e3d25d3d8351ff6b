// The message as the recipient's chat shows it: image, text with Telegram's formatting (rendered by
// the same component as the residents' pages; text Telegram would refuse shows why), and the button
// under it.
import { TelegramHtml } from '../../components/telegram-html';
import type { CampaignLanguage } from '../../lib/api/campaigns';
import { useT } from '../../lib/i18n';
import { CampaignImage } from '../campaigns/campaign-image';
import type { ButtonDraft } from './compose-state';

export interface MessagePreviewProps {
  language: CampaignLanguage;
  text: string;
  button: ButtonDraft | null;
  /** Shows the stored image of this language (absent: no image). */
  image?: { campaignId: string; version: string };
  title: string;
}

export function MessagePreview({ language, text, button, image, title }: MessagePreviewProps) {
  const t = useT();
  return (
    <figure class="tg-preview">
      <figcaption class="tg-preview-label">{t('publicity:preview.label')}</figcaption>
      <div class="tg-bubble" lang={language}>
        {image ? (
          <CampaignImage
            campaignId={image.campaignId}
            language={language}
            version={image.version}
            alt={t('publicity:published.imageAlt', { title })}
          />
        ) : null}
        {text.trim() ? <TelegramHtml html={text} /> : <p class="muted">{t('publicity:preview.empty')}</p>}
      </div>
      {button?.text.trim() ? (
        <div class="tg-inline-button">
          {button.text}
          {button.kind === 'url' ? <span aria-hidden="true"> ↗</span> : null}
        </div>
      ) : null}
    </figure>
  );
}
