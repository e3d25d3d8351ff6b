// /tip-offs/start — 有奖举报 in the mini app: what the office can and cannot learn about the reporter on
// this channel (Telegram knows who writes; the office promises not to keep it), the login-free web page
// as the more anonymous channel, what may and may not be reported, and the reward table — before the form.
import { useState } from 'preact/hooks';
import { Panel } from '../../components/card';
import { Page, Section } from '../../components/page';
import { getTipCategories } from '../../lib/api/tipoffs';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { postEvent } from '../../telegram/bridge';
import { useInTelegram } from '../../telegram/telegram-context';
import { ScopeAndTiers } from './scope-and-tiers';
import './tipoffs.css';

export function TipOffsStartPage() {
  const t = useT();
  const inTelegram = useInTelegram();
  const tiers = useResource(getTipCategories);
  const webAddress = `${window.location.origin}/report`;
  const [copied, setCopied] = useState(false);

  const openWeb = (e: Event) => {
    // Inside Telegram the page opens in the person's own browser, away from Telegram's webview.
    if (!inTelegram) return;
    e.preventDefault();
    postEvent('web_app_open_link', { url: webAddress });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(webAddress);
      setCopied(true);
    } catch {
      // No clipboard in this webview: the address is on screen to copy by hand.
    }
  };

  return (
    <Page title={t('report:title')}>
      <p class="lead">{t('report:intro')}</p>
      <div class="button-row tip-actions">
        <Link to="/tip-offs/new" class="button button-primary">
          {t('report:actions.start')}
        </Link>
        <Link to="/tip-offs/follow" class="button button-secondary">
          {t('report:actions.follow')}
        </Link>
      </div>

      <Section title={t('report:channel.title')}>
        <Panel tone="info" class="tip-channel">
          <p>{t('report:channel.telegram')}</p>
          <p>{t('report:channel.promise')}</p>
          <p>{t('report:channel.notify')}</p>
        </Panel>
        <Panel class="tip-web">
          <h3 class="section-title">{t('report:channel.webTitle')}</h3>
          <p>{t('report:channel.web')}</p>
          <p class="mono tip-web-address">{webAddress}</p>
          <div class="button-row">
            <a
              class="button button-secondary"
              href={webAddress}
              target="_blank"
              rel="noopener noreferrer"
              onClick={openWeb}
            >
              {t('report:channel.openWeb')}
            </a>
            <button type="button" class="button button-plain" onClick={() => void copy()}>
              {copied ? t('report:channel.copied') : t('report:channel.copy')}
            </button>
          </div>
        </Panel>
      </Section>

      <ScopeAndTiers tiers={tiers} />

      <Link to="/tip-offs/new" class="button button-primary button-block">
        {t('report:actions.start')}
      </Link>
    </Page>
  );
}
