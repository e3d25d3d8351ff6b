// /campaigns — past campaigns of the reader's topics, for all villages or theirs, newest first, in
// their language; "show more" pages back in time. Bot buttons ("Past campaigns") open this page.
import { useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { listPublished, type PublishedItem } from '../../lib/api/campaigns';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { PublishedRow } from './published-row';
import './campaigns.css';

export function PublishedListPage() {
  const { t, language } = useI18n();
  const first = useResource(() => listPublished(), [language]);
  const [more, setMore] = useState<{ items: PublishedItem[]; done: boolean }>({ items: [], done: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const items = [...(first.data?.items ?? []), ...more.items];
  // A full page may have more behind it; the API answers 20 at a time.
  const mayHaveMore = !more.done && (more.items.length ? more.items.length % 20 === 0 : items.length >= 20);

  const loadMore = async () => {
    const last = items.at(-1);
    if (!last) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await listPublished(last.publishedAt);
      setMore((m) => ({ items: [...m.items, ...next.items], done: next.items.length < 20 }));
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page title={t('publicity:published.title')}>
      {first.error ? (
        <ErrorState error={first.error} onRetry={first.reload} />
      ) : !first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('publicity:published.emptyTitle')} body={t('publicity:published.empty')}>
          <Link to="/settings" class="button button-secondary">
            {t('publicity:published.chooseTopics')}
          </Link>
        </EmptyState>
      ) : (
        <>
          <div class="card-stack">
            {items.map((item) => (
              <PublishedRow key={item.id} item={item} />
            ))}
          </div>
          {mayHaveMore ? (
            <div class="stack">
              <Button variant="secondary" block busy={loadingMore} onClick={() => void loadMore()}>
                {t('publicity:published.more')}
              </Button>
            </div>
          ) : null}
          <FormError error={moreError} shownFields={[]} />
          <p class="note">
            {t('publicity:published.topicsHint')}{' '}
            <Link to="/settings">{t('publicity:published.chooseTopics')}</Link>
          </p>
        </>
      )}
    </Page>
  );
}
