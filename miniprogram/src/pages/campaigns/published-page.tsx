// /campaigns/:id — one past campaign as it was sent, in the reader's language: image, text (Telegram
// formatting, rendered safely) and its button (a page of this app, or a link).
import { Page } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { TelegramHtml } from '../../components/telegram-html';
import { type CampaignButton, getPublished, type PublishedCampaign } from '../../lib/api/campaigns';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { Link, type PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { CampaignImage } from './campaign-image';
import { topicKey } from './published-row';
import './campaigns.css';

/** A campaign's button: an in-app page opens here, a link opens outside. */
export function MessageButton({ button }: { button: CampaignButton }) {
  if (button.kind === 'mini_app') {
    return (
      <Link to={`/${button.target.replace(/^\/+/, '')}`} class="button button-secondary button-block">
        {button.text}
      </Link>
    );
  }
  return (
    <a
      class="button button-secondary button-block"
      href={button.target}
      target="_blank"
      rel="noopener noreferrer"
    >
      {button.text}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}

function Body({ campaign }: { campaign: PublishedCampaign }) {
  const t = useT();
  return (
    <article class="card published" lang={campaign.language}>
      {campaign.hasImage ? (
        <CampaignImage
          campaignId={campaign.id}
          language={campaign.language}
          alt={t('publicity:published.imageAlt', { title: campaign.title })}
        />
      ) : null}
      <TelegramHtml html={campaign.html} />
    </article>
  );
}

export function PublishedPage({ params }: PageProps) {
  const { t, language } = useI18n();
  const id = params.id ?? '';
  const campaign = useResource(() => getPublished(id), [id, language]);
  if (campaign.error) {
    return (
      <Page title={t('publicity:published.title')}>
        <ErrorState error={campaign.error} onRetry={campaign.reload} />
      </Page>
    );
  }
  if (!campaign.data) return <Loading />;
  const c = campaign.data;
  return (
    <Page title={c.title} eyebrow={t(topicKey(c.topic))}>
      <p class="note published-date">
        {t('publicity:published.sentOn', { date: formatDate(c.publishedAt, language) })}
      </p>
      <Body campaign={c} />
      {c.button ? (
        <div class="stack">
          <MessageButton button={c.button} />
        </div>
      ) : null}
      {c.button?.kind === 'mini_app' && c.button.target.replace(/^\/+/, '') === 'campaigns' ? null : (
        <div class="stack">
          <Link to="/campaigns" class="button button-plain">
            {t('publicity:published.all')}
          </Link>
        </div>
      )}
    </Page>
  );
}
