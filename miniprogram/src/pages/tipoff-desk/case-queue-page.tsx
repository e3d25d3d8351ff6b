// /cases — the case handler's queue of tip-offs (举报受理): nearest deadline first (acknowledge within 2
// working days, triage within 5, outcome within 30), overdue ones counted, marked in words and colour;
// views open / closed / all and filters by status, category, "mine" and "overdue only" (applied here:
// the API answers the whole view, nearest deadline first).
import { useEffect, useState } from 'preact/hooks';
import { TIP_CATEGORIES, TIP_STATUSES } from '../../../../core/tipoffs/tipoff-schema';
import { Page } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { getTipQueue, type QueueState, type TipQueueItem } from '../../lib/api/tipoff-desk';
import { useRecordChanges } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { categoryLabel, statusLabel, TipOverdueBadge, TipStatusBadge, tipNumber } from './labels';
import './tipoff-desk.css';

const VIEWS: readonly QueueState[] = ['open', 'closed', 'all'];

interface Filters {
  view: QueueState;
  status: string;
  category: string;
  mine: boolean;
  overdue: boolean;
}

// Kept for the session, so coming back from a case shows the same list.
let remembered: Filters = { view: 'open', status: '', category: '', mine: false, overdue: false };

function QueueRow({ item, meId }: { item: TipQueueItem; meId: string }) {
  const { t, language } = useI18n();
  const due =
    item.dueAt && item.dueStage
      ? t(`tipoffDesk:queue.due.${item.dueStage}`, { date: formatDate(item.dueAt, language, 'dateTime') })
      : null;
  return (
    <Link
      to={`/cases/${item.id}`}
      class={item.overdue ? 'card card-link queue-item is-overdue' : 'card card-link queue-item'}
    >
      <span class="card-body">
        <span class="card-title">
          <span class="tip-number">{tipNumber(item.number)}</span> {categoryLabel(item.category, t)}
        </span>
        <span class="status-line">
          <TipStatusBadge status={item.status} />
          {item.overdue ? <TipOverdueBadge stage={item.dueStage} /> : null}
        </span>
        <span class={item.overdue ? 'card-summary text-danger' : 'card-summary'}>
          {[t('tipoffDesk:queue.received', { date: formatDate(item.day, language) }), due]
            .filter(Boolean)
            .join(' · ')}
        </span>
        <span class="card-summary">
          {item.ownerOfficerId === null
            ? t('tipoffDesk:queue.unowned')
            : item.ownerOfficerId === meId
              ? t('tipoffDesk:queue.ownerYou')
              : t('tipoffDesk:queue.owner', { name: item.ownerName ?? '' })}
        </span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function CaseQueuePage() {
  const { t } = useI18n();
  const { me } = useProfile();
  const [filters, setFilters] = useState<Filters>(remembered);
  useEffect(() => {
    remembered = filters;
  }, [filters]);
  const { view, status, category, mine, overdue } = filters;
  // Beside a case (desk layout), a step taken on it shows in the list at once.
  const changes = useRecordChanges();
  const queue = useResource(() => getTipQueue(view), [view, changes]);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const all = queue.data?.items ?? [];
  const items = all.filter(
    (i) =>
      (!status || i.status === status) &&
      (!category || i.category === category) &&
      (!mine || i.ownerOfficerId === me.user.id) &&
      (!overdue || i.overdue),
  );
  const overdueCount = all.filter((i) => i.overdue).length;

  return (
    <Page
      title={t('tipoffDesk:queue.title')}
      actions={
        <Link to="/cases/charts" class="header-action">
          {t('tipoffDesk:charts.short')}
        </Link>
      }
    >
      <p class="lead">{t('tipoffDesk:queue.intro')}</p>
      <fieldset class="segmented">
        <legend class="visually-hidden">{t('tipoffDesk:queue.viewLegend')}</legend>
        <div class="segmented-options">
          {VIEWS.map((v) => (
            <label key={v} class={view === v ? 'segment segment-on' : 'segment'}>
              <input
                type="radio"
                name="tip-queue-view"
                value={v}
                checked={view === v}
                onChange={() => set({ view: v, status: '' })}
              />
              <span>{t(`tipoffDesk:queue.views.${v}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="filters tip-filters">
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => set({ mine: e.currentTarget.checked })} />
          <span>{t('tipoffDesk:queue.mine')}</span>
        </label>
        {view !== 'closed' ? (
          <label class="check">
            <input
              type="checkbox"
              checked={overdue}
              onChange={(e) => set({ overdue: e.currentTarget.checked })}
            />
            <span>{t('tipoffDesk:queue.overdueOnly')}</span>
          </label>
        ) : null}
        <label class="filter-select">
          <span class="visually-hidden">{t('tipoffDesk:queue.statusFilter')}</span>
          <select value={status} onChange={(e) => set({ status: e.currentTarget.value })}>
            <option value="">{t('tipoffDesk:queue.allStatuses')}</option>
            {TIP_STATUSES.filter((s) =>
              view === 'open' ? s !== 'closed' : view === 'closed' ? s === 'closed' : true,
            ).map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, t)}
              </option>
            ))}
          </select>
        </label>
        <label class="filter-select">
          <span class="visually-hidden">{t('tipoffDesk:queue.categoryFilter')}</span>
          <select value={category} onChange={(e) => set({ category: e.currentTarget.value })}>
            <option value="">{t('tipoffDesk:queue.allCategories')}</option>
            {TIP_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {queue.error ? (
        <ErrorState error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <Loading />
      ) : (
        <>
          <p class="note" role="status">
            {t('tipoffDesk:queue.total', { count: items.length })}
            {view !== 'closed' && overdueCount > 0 ? (
              <>
                {' · '}
                <strong class="text-danger">
                  {t('tipoffDesk:queue.overdueCount', { count: overdueCount })}
                </strong>
              </>
            ) : null}
            {queue.loading ? ` · ${t('ui.loading')}` : ''}
          </p>
          {items.length === 0 ? (
            <EmptyState
              title={t('tipoffDesk:queue.emptyTitle')}
              body={t(all.length ? 'tipoffDesk:queue.emptyFiltered' : `tipoffDesk:queue.empty.${view}`)}
            />
          ) : (
            <div class="card-stack">
              {items.map((item) => (
                <QueueRow key={item.id} item={item} meId={me.user.id} />
              ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
