// Any /app/* path that matches no route.

import { Page } from '../components/page';
import { EmptyState } from '../components/states';
import { useT } from '../lib/i18n';
import { Link } from '../lib/router';

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t('notFound.title')}>
      <EmptyState title={t('notFound.title')} body={t('notFound.body')}>
        <Link to="/" class="button button-secondary">
          {t('ui.backHome')}
        </Link>
      </EmptyState>
    </Page>
  );
}
