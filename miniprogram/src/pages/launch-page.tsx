// Shown when the app is opened without Telegram's launch data (a plain browser): how to open it
// properly, and in development a way in through the demo sign-in page.
import { Panel } from '../components/card';
import { Page } from '../components/page';
import { getConfig, type PublicConfig } from '../lib/api/endpoints';
import { useT } from '../lib/i18n';
import { useResource } from '../lib/use-resource';

/** Links that help someone who landed outside Telegram; the dev sign-in only exists in development. */
export function LaunchLinks({ config }: { config: PublicConfig | undefined }) {
  const t = useT();
  if (!config) return null;
  return (
    <div class="stack">
      <a
        class="button button-primary button-block"
        href={`https://t.me/${encodeURIComponent(config.botUsername)}`}
      >
        {t('launch.openBot')}
      </a>
      {config.appEnv === 'development' ? (
        <Panel tone="info">
          <p>{t('launch.devHint')}</p>
          <a class="button button-secondary button-block" href="/dev/login">
            {t('launch.devLogin')}
          </a>
        </Panel>
      ) : null}
    </div>
  );
}

export function LaunchPage() {
  const t = useT();
  // Without the config the page still says what to do; the links are a convenience.
  const config = useResource(getConfig);
  return (
    <Page back={false} eyebrow={t('common:appName')} title={t('launch.title')}>
      <Panel>
        <p>{t('launch.body')}</p>
      </Panel>
      <LaunchLinks config={config.data} />
    </Page>
  );
}
