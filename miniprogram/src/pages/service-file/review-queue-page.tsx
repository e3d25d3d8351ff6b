// /review/service-file — the reviewing officer's verification queue of the service file: check-up
// reports and proofs from the new place of their villages, nearest deadline first, overdue ones marked
// in words and colour, the owner of each; filters "mine", "overdue", item and village; "load more" pages
// on (50 at a time, "n of total"). Above it, the search that finds any person's file of their villages.
import { useEffect, useState } from 'preact/hooks';
import { REVIEWED_KINDS, type ReviewedKind } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { getVillages } from '../../lib/api/endpoints';
import { getServiceQueue, type ServiceQueueItem } from '../../lib/api/service-file';
import { useRecordChanges } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { OverdueBadge } from '../certificates/status-badge';
import { ItemBadge } from './item-status';
import { PersonSearch } from './person-search';
import './service-file.css';

interface Filters {
  mine: boolean;
  overdue: boolean;
  kind: ReviewedKind | '';
  villageId: string;
}

/** Items fetched per page of the queue (the API's default limit). */
const PAGE = 50;

// Kept for the session, so coming back from an item shows the same list.
let remembered: Filters = { mine: false, overdue: false, kind: '', villageId: '' };

function QueueRow({ item, meId }: { item: ServiceQueueItem; meId: string }) {
  const { t, language } = useI18n();
  return (
    <Link
      to={`/review/service-file/items/${item.id}`}
      class={item.overdue ? 'card card-link queue-item is-overdue' : 'card card-link queue-item'}
    >
      <span class="card-body">
        <span class="card-title">
          {item.personName} · {t(`fileApp:kind.${item.kind}`)}
        </span>
        <span class="status-line">
          <ItemBadge status={item.status} />
          {item.overdue ? <OverdueBadge /> : null}
        </span>
        <span class={item.overdue ? 'card-summary text-danger' : 'card-summary'}>
          {[
            item.villageName,
            item.deadlineAt
              ? t('fileApp:queue.due', { date: formatDate(item.deadlineAt, language, 'dateTime') })
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
        <span class="card-summary">
          {item.owner === null
            ? t('fileApp:queue.unclaimed')
            : item.owner.userId === meId
              ? t('fileApp:queue.ownerYou')
              : t('fileApp:queue.owner', { name: item.owner.displayName })}
        </span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function ServiceQueuePage() {
  const { t } = useI18n();
  const { me } = useProfile();
  const [filters, setFilters] = useState<Filters>(remembered);
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  const { mine, overdue, kind, villageId } = filters;
  // Beside a record (desk layout), a decision on it shows in the list at once.
  const changes = useRecordChanges();
  const query = {
    ...(mine ? { mine: 'true' as const } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
    ...(kind ? { kind } : {}),
    ...(villageId ? { villageId } : {}),
    limit: String(PAGE),
  };
  // Later pages, appended below the first; the first page's reload (a filter, a decision) drops them.
  const [more, setMore] = useState<ServiceQueueItem[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const queue = useResource(() => {
    setMore([]);
    setMoreError(null);
    return getServiceQueue(query);
  }, [mine, overdue, kind, villageId, changes]);
  const shown = [...(queue.data?.items ?? []), ...more];
  const total = Math.max(queue.data?.total ?? 0, shown.length);
  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await getServiceQueue({ ...query, offset: String(shown.length) });
      // An item decided meanwhile shifts the pages: never show one twice.
      const seen = new Set(shown.map((i) => i.id));
      setMore((m) => [...m, ...next.items.filter((i) => !seen.has(i.id))]);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  const villages = useResource(getVillages);
  const scope = me.capabilities.review.villageIds;
  const myVillages = (villages.data ?? []).filter((v) => scope === null || scope.includes(v.id));
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <Page
      title={t('fileApp:queue.title')}
      actions={
        <Link to="/review/service-file/completeness" class="header-action">
          {t('fileApp:completeness.title')}
        </Link>
      }
    >
      <PersonSearch />
      <p class="lead">{t('fileApp:queue.intro')}</p>
      <div class="filters">
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => set({ mine: e.currentTarget.checked })} />
          <span>{t('fileApp:queue.mine')}</span>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => set({ overdue: e.currentTarget.checked })}
          />
          <span>{t('fileApp:queue.overdueOnly')}</span>
        </label>
        <label class="filter-select">
          <span class="visually-hidden">{t('fileApp:completeness.item')}</span>
          <select value={kind} onChange={(e) => set({ kind: e.currentTarget.value as ReviewedKind | '' })}>
            <option value="">{t('fileApp:queue.allKinds')}</option>
            {REVIEWED_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fileApp:kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {myVillages.length > 1 ? (
          <label class="filter-select">
            <span class="visually-hidden">{t('fileApp:review.village')}</span>
            <select value={villageId} onChange={(e) => set({ villageId: e.currentTarget.value })}>
              <option value="">{t('fileApp:queue.allVillages')}</option>
              {myVillages.map((v) => (
                <option key={v.id} value={String(v.id)}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {queue.error ? (
        <ErrorState error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <Loading />
      ) : (
        <>
          <p class="note" role="status">
            {shown.length < total
              ? t('fileApp:queue.shown', { shown: shown.length, total })
              : t('fileApp:queue.total', { count: total })}
            {queue.loading ? ` · ${t('ui.loading')}` : ''}
          </p>
          {shown.length === 0 ? (
            <EmptyState title={t('fileApp:queue.emptyTitle')} body={t('fileApp:queue.empty')} />
          ) : (
            <div class="card-stack">
              {shown.map((item) => (
                <QueueRow key={item.id} item={item} meId={me.user.id} />
              ))}
            </div>
          )}
          {moreError ? <ErrorState error={moreError} onRetry={() => void loadMore()} /> : null}
          {shown.length < total ? (
            <div class="stack queue-more">
              <p class="note">{t('fileApp:queue.shown', { shown: shown.length, total })}</p>
              <Button variant="secondary" block busy={loadingMore} onClick={() => void loadMore()}>
                {t('fileApp:queue.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <div class="stack officer-links">
        <Link to="/review/service-file/livelihood" class="button button-secondary button-block">
          {t('fileApp:officer.livelihood')}
        </Link>
      </div>
    </Page>
  );
}
