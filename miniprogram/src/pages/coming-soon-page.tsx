// Placeholder for a service that is not built yet: says so, and where to get help meanwhile.
import { Panel } from '../components/card';
import { Page } from '../components/page';
import { useT } from '../lib/i18n';
import { Link } from '../lib/router';
import type { SERVICES } from './home-page';

export function ComingSoonPage({ service }: { service: (typeof SERVICES)[number]['id'] }) {
  const t = useT();
  return (
    <Page title={t(`services.${service}.title`)}>
      <div class="stack">
        <Panel>
          <span class="badge">{t('comingSoon.badge')}</span>
          <p class="lead">{t(`services.${service}.summary`)}</p>
          <p>{t('comingSoon.body')}</p>
        </Panel>
        <Link to="/" class="button button-secondary button-block">
          {t('ui.backHome')}
        </Link>
      </div>
    </Page>
  );
}
