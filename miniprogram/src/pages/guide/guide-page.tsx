// /guide — publicity and the service guide (公开栏): the guide's pages (procedures, documents, time
// limits, fees — all free) in the reader's language, and the latest campaigns with a link to all.
// Publicity officers and admins also get "add a page".
import { LinkCard } from '../../components/card';
import { Icon } from '../../components/icons';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { listPublished } from '../../lib/api/campaigns';
import { listGuidePages } from '../../lib/api/guide';
import { useT } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { PublishedRow } from '../campaigns/published-row';
import '../campaigns/campaigns.css';

/** How many of the latest campaigns the guide page shows before "all past campaigns". */
const LATEST = 3;

export function GuidePage() {
  const t = useT();
  const { me } = useProfile();
  const pages = useResource(listGuidePages);
  const latest = useResource(() => listPublished());
  const editor = me.capabilities.guide.edit;
  const items = latest.data?.items.slice(0, LATEST) ?? [];
  return (
    <Page
      title={t('services.guide.title')}
      actions={
        editor ? (
          <Link to="/publicity/guide/new" class="header-action">
            {t('publicity:guide.add')}
          </Link>
        ) : undefined
      }
    >
      <p class="lead">{t('publicity:guide.intro')}</p>
      <Section title={t('publicity:guide.title')}>
        {pages.error ? (
          <ErrorState error={pages.error} onRetry={pages.reload} />
        ) : !pages.data ? (
          <Loading />
        ) : pages.data.pages.length === 0 ? (
          <EmptyState title={t('publicity:guide.emptyTitle')} body={t('publicity:guide.empty')} />
        ) : (
          <div class="card-stack">
            {pages.data.pages.map((p) => (
              <LinkCard key={p.slug} to={`/guide/${p.slug}`} icon={<Icon name="guide" />} title={p.title} />
            ))}
          </div>
        )}
        <p class="note">{t('home.free')}</p>
      </Section>
      <Section title={t('publicity:published.latest')}>
        {latest.error ? (
          <ErrorState error={latest.error} onRetry={latest.reload} />
        ) : !latest.data ? (
          <Loading />
        ) : (
          <div class="card-stack">
            {items.length === 0 ? (
              <p class="card muted">{t('publicity:published.emptyShort')}</p>
            ) : (
              items.map((item) => <PublishedRow key={item.id} item={item} />)
            )}
            <LinkCard
              to="/campaigns"
              title={t('publicity:published.all')}
              summary={t('publicity:published.allSummary')}
            />
          </div>
        )}
      </Section>
    </Page>
  );
}
