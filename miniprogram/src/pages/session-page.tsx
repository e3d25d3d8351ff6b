// Shown when the API refuses the sign-in (401): expired, tampered or missing init data. Only
// reopening the app from Telegram helps, so that is all this page asks for.
import { Panel } from '../components/card';
import { Page } from '../components/page';
import { errorMessage, RequestId } from '../components/states';
import type { ApiError } from '../lib/api/api-error';
import { getConfig } from '../lib/api/endpoints';
import { useT } from '../lib/i18n';
import { useResource } from '../lib/use-resource';
import { LaunchLinks } from './launch-page';

export function SessionPage({ error }: { error: ApiError }) {
  const t = useT();
  const config = useResource(getConfig);
  const expired = error.code === 'init_data_expired';
  // Signed in at a desk: the message itself says how to sign in again (no mini app to reopen).
  const deskEnded = error.code === 'desk_session_ended';
  return (
    <Page
      back={false}
      eyebrow={t('common:appName')}
      title={t(deskEnded ? 'desk.endedTitle' : expired ? 'session.title' : 'session.invalidTitle')}
    >
      <Panel tone="warning">
        <p class="lead" role="alert">
          {errorMessage(error, t)}
        </p>
        {deskEnded ? null : <p>{t(expired ? 'session.body' : 'session.invalidBody')}</p>}
        <RequestId error={error} />
      </Panel>
      {config.data?.appEnv === 'development' ? <LaunchLinks config={config.data} /> : null}
    </Page>
  );
}

/** A reload after a desk session ended (signed out or expired): how to sign in again at this computer. */
export function DeskEndedPage() {
  const t = useT();
  return (
    <Page back={false} eyebrow={t('common:appName')} title={t('desk.endedTitle')}>
      <Panel tone="warning">
        <p class="lead" role="alert">
          {t('desk.endedBody')}
        </p>
      </Panel>
    </Page>
  );
}
