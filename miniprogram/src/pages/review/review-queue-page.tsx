// /review — the reviewing officer's queue: applications of their villages, nearest deadline first,
// overdue ones marked in words and colour, the owner of each; views open / returned / decided and
// filters "mine", "overdue" and village.
import { useEffect, useState } from 'preact/hooks';
import { SEARCH_MAX_CHARS } from '../../../../core/certificates/review-search-schema';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import {
  exportApplications,
  getReviewQueue,
  type QueueItem,
  type QueueQuery,
  searchReviewQueue,
} from '../../lib/api/certificates';
import { getVillages } from '../../lib/api/endpoints';
import { useRecordChanges } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link } from '../../lib/router';
import { saveBlob } from '../../lib/save-blob';
import { useResource } from '../../lib/use-resource';
import { OverdueBadge, StatusBadge } from '../certificates/status-badge';

const VIEWS = ['open', 'returned', 'decided'] as const;
type QueueView = (typeof VIEWS)[number];

interface Filters {
  view: QueueView;
  mine: boolean;
  overdue: boolean;
  villageId: string;
}

// Kept for the session, so coming back from an application shows the same list.
let remembered: Filters = { view: 'open', mine: false, overdue: false, villageId: '' };

function QueueRow({ item, meId }: { item: QueueItem; meId: string }) {
  const { t, language } = useI18n();
  const when =
    item.status === 'issued' || item.status === 'rejected'
      ? item.decidedAt &&
        t('review.queue.decided', { date: formatDate(item.decidedAt, language, 'dateTime') })
      : item.status === 'returned'
        ? item.submittedAt &&
          t('review.queue.submitted', { date: formatDate(item.submittedAt, language, 'dateTime') })
        : item.deadlineAt &&
          t('review.queue.due', { date: formatDate(item.deadlineAt, language, 'dateTime') });
  return (
    <Link
      to={`/review/applications/${item.id}`}
      class={item.overdue ? 'card card-link queue-item is-overdue' : 'card card-link queue-item'}
    >
      <span class="card-body">
        <span class="card-title">{item.applicantName ?? t('review.queue.noName')}</span>
        <span class="status-line">
          <StatusBadge status={item.status} certificate={item.certificateState} />
          {item.overdue ? <OverdueBadge /> : null}
          {item.submissionCount > 1 ? (
            <span class="badge badge-neutral">{t('review.resubmission', { n: item.submissionCount })}</span>
          ) : null}
        </span>
        <span class={item.overdue ? 'card-summary text-danger' : 'card-summary'}>
          {[item.villageName, when].filter(Boolean).join(' · ')}
        </span>
        <span class="card-summary">
          {item.ownerOfficerId === null
            ? t('review.queue.unclaimed')
            : item.ownerOfficerId === meId
              ? t('review.queue.ownerYou')
              : t('review.queue.owner', { name: item.ownerName ?? '' })}
        </span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function ReviewQueuePage() {
  const { t } = useI18n();
  const { me } = useProfile();
  const [filters, setFilters] = useState<Filters>(remembered);
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  const { view, mine, overdue, villageId } = filters;
  const query: QueueQuery = {
    view,
    ...(mine ? { mine: 'true' as const } : {}),
    ...(overdue && view === 'open' ? { overdue: 'true' as const } : {}),
    ...(villageId ? { villageId } : {}),
  };
  // A search term lives only in this page's state (never the URL), and is sent in a POST body.
  const [term, setTerm] = useState('');
  const [searched, setSearched] = useState('');
  const [exporting, setExporting] = useState(false);
  const filterBody = {
    ...(mine ? { mine: 'true' as const } : {}),
    ...(overdue && view === 'open' ? { overdue: 'true' as const } : {}),
    ...(villageId ? { villageId: Number(villageId) } : {}),
  };
  // Beside an application (desk layout), a decision on it shows in the list at once.
  const changes = useRecordChanges();
  const queue = useResource(
    () => (searched ? searchReviewQueue({ q: searched, ...filterBody }) : getReviewQueue(query)),
    [view, mine, overdue, villageId, searched, changes],
  );
  const download = async () => {
    setExporting(true);
    try {
      const blob = await exportApplications(
        searched ? { q: searched, ...filterBody } : { view, ...filterBody },
      );
      saveBlob(blob, 'applications.csv');
    } finally {
      setExporting(false);
    }
  };
  const villages = useResource(getVillages);
  const scope = me.capabilities.review.villageIds;
  const myVillages = (villages.data ?? []).filter((v) => scope === null || scope.includes(v.id));
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <Page
      title={t('review.queue.title')}
      actions={
        <Link to="/review/dashboard" class="header-action">
          {t('dashboard.short')}
        </Link>
      }
    >
      <form
        class="queue-search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(term.trim());
        }}
      >
        <label class="visually-hidden" for="queue-search">
          {t('review.search.label')}
        </label>
        <input
          id="queue-search"
          type="search"
          value={term}
          maxLength={SEARCH_MAX_CHARS}
          placeholder={t('review.search.placeholder')}
          onInput={(e) => {
            setTerm(e.currentTarget.value);
            if (!e.currentTarget.value.trim()) setSearched('');
          }}
        />
        <button type="submit" class="button button-secondary">
          {t('review.search.submit')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          disabled={exporting}
          onClick={() => void download()}
        >
          {t('review.export.button')}
        </button>
      </form>
      {searched ? <p class="note">{t('review.search.hint')}</p> : null}
      <fieldset class="segmented" hidden={!!searched}>
        <legend class="visually-hidden">{t('review.queue.viewLegend')}</legend>
        <div class="segmented-options">
          {VIEWS.map((v) => (
            <label key={v} class={view === v ? 'segment segment-on' : 'segment'}>
              <input
                type="radio"
                name="queue-view"
                value={v}
                checked={view === v}
                onChange={() => set({ view: v })}
              />
              <span>{t(`review.queue.views.${v}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="filters">
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => set({ mine: e.currentTarget.checked })} />
          <span>{t('review.queue.mine')}</span>
        </label>
        {view === 'open' ? (
          <label class="check">
            <input
              type="checkbox"
              checked={overdue}
              onChange={(e) => set({ overdue: e.currentTarget.checked })}
            />
            <span>{t('review.queue.overdueOnly')}</span>
          </label>
        ) : null}
        {myVillages.length > 1 ? (
          <label class="filter-select">
            <span class="visually-hidden">{t('review.village')}</span>
            <select value={villageId} onChange={(e) => set({ villageId: e.currentTarget.value })}>
              <option value="">{t('review.queue.allVillages')}</option>
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
            {t(queue.data.totalCapped ? 'review.queue.totalAtLeast' : 'review.queue.total', {
              count: queue.data.total,
            })}
            {queue.loading ? ` · ${t('ui.loading')}` : ''}
          </p>
          {queue.data.items.length === 0 ? (
            <EmptyState
              title={t('review.queue.emptyTitle')}
              body={searched ? t('review.search.none') : t(`review.queue.empty.${view}`)}
            />
          ) : (
            <div class="card-stack">
              {queue.data.items.map((item) => (
                <QueueRow key={item.id} item={item} meId={me.user.id} />
              ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
