// /guide/:slug — one page of the service guide in the reader's language (Simplified Chinese, said so,
// where the office has not translated it yet). Editors get an "edit" action.
import { Panel } from '../../components/card';
import { Page } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { getGuidePage } from '../../lib/api/guide';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link, type PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { GuideBody } from './guide-body';

export function GuideDetailPage({ params }: PageProps) {
  const { t, language } = useI18n();
  const { me } = useProfile();
  const slug = params.slug ?? '';
  const page = useResource(() => getGuidePage(slug), [slug, language]);
  if (page.error) {
    return (
      <Page title={t('publicity:guide.title')}>
        <ErrorState error={page.error} onRetry={page.reload} />
      </Page>
    );
  }
  if (!page.data) return <Loading />;
  const data = page.data;
  return (
    <Page
      title={data.title}
      eyebrow={t('publicity:guide.title')}
      actions={
        me.capabilities.guide.edit ? (
          <Link to={`/publicity/guide/${slug}`} class="header-action">
            {t('publicity:guide.edit')}
          </Link>
        ) : undefined
      }
    >
      {data.language !== language ? (
        <Panel tone="info">
          <p>{t('publicity:guide.notTranslated')}</p>
        </Panel>
      ) : null}
      <article class="card" lang={data.language}>
        <GuideBody body={data.body} />
      </article>
      <p class="note">
        {t('publicity:guide.updated', { date: formatDate(data.updatedAt, language) })}
        {' · '}
        {t('home.free')}
      </p>
    </Page>
  );
}
