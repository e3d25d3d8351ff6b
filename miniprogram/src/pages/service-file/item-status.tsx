// An item's standing in words and colour: its status badge (with "overdue" said in words too), and the
// one line under a card saying what matters now (due date, sent on, done on, what to fix).
import type { ItemKind, ItemStatus } from '../../../../core/service-file/service-file-schema';
import { Page } from '../../components/page';
import { EmptyState } from '../../components/states';
import type { FileItem } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { type Translate, useI18n, useT } from '../../lib/i18n';
import { Link } from '../../lib/router';

const TONES: Record<ItemStatus, string> = {
  not_started: 'neutral',
  submitted: 'info',
  verified: 'success',
  returned: 'warning',
  due_again: 'warning',
  expired: 'danger',
  not_applicable: 'neutral',
};

export function ItemBadge({ status, overdue }: { status: ItemStatus; overdue?: boolean }) {
  const t = useT();
  return (
    <>
      <span class={`badge badge-${TONES[status]}`}>{t(`fileApp:status.${status}`)}</span>
      {overdue ? (
        <span class="badge badge-danger">
          <span aria-hidden="true">! </span>
          {t('fileApp:status.overdue')}
        </span>
      ) : null}
    </>
  );
}

/** What the person should do about an item now, or when it was done. */
export function itemLine(item: FileItem, t: Translate, language: Parameters<typeof formatDate>[1]): string {
  const date = (d: string) => formatDate(d, language);
  switch (item.status) {
    case 'submitted':
      return item.submittedAt
        ? t('fileApp:overview.submittedOn', { date: date(item.submittedAt) })
        : t('fileApp:status.submitted');
    case 'returned':
      return t('fileApp:overview.returnedCount', { count: item.returnItems?.length ?? 1 });
    case 'verified':
      return [
        item.lastMetOn ? t('fileApp:overview.metOn', { date: date(item.lastMetOn) }) : '',
        item.dueOn ? t('fileApp:overview.dueOn', { date: date(item.dueOn) }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'not_applicable':
      return t('fileApp:status.not_applicable');
    default: {
      const todo = t(`fileApp:todo.${item.kind}`);
      if (!item.dueOn) return todo;
      return `${todo} · ${t(item.overdue ? 'fileApp:overview.overdueSince' : 'fileApp:overview.dueOn', {
        date: date(item.dueOn),
      })}`;
    }
  }
}

/** The item's facts: status, last done, due date. */
export function ItemFacts({ item }: { item: FileItem }) {
  const { t, language } = useI18n();
  return (
    <dl class="summary-list">
      <div class="summary-row">
        <dt>{t('fileApp:item.status')}</dt>
        <dd>
          <span class="status-line">
            <ItemBadge status={item.status} overdue={item.overdue} />
          </span>
        </dd>
      </div>
      <div class="summary-row">
        <dt>{t('fileApp:item.lastMet')}</dt>
        <dd>{item.lastMetOn ? formatDate(item.lastMetOn, language) : t('fileApp:item.notYet')}</dd>
      </div>
      <div class="summary-row">
        <dt>{t('fileApp:item.dueDate')}</dt>
        <dd class={item.overdue ? 'text-danger' : undefined}>
          {item.dueOn ? <strong>{formatDate(item.dueOn, language)}</strong> : t('fileApp:item.noDueDate')}
        </dd>
      </div>
    </dl>
  );
}

/** Everything the officer asked to fix, all at once (一次性告知). */
export function ReturnedList({ items }: { items: readonly { target: string; note: string }[] }) {
  const t = useT();
  return (
    <div class="card panel-warning" role="status">
      <p>
        <strong>{t('fileApp:item.returnedTitle')}</strong>
      </p>
      <ol class="return-list">
        {items.map((i) => (
          <li key={`${i.target}-${i.note}`}>{i.note}</li>
        ))}
      </ol>
      <p class="field-hint">{t('fileApp:item.returnedFix')}</p>
    </div>
  );
}

export const kindTitle = (kind: ItemKind, t: Translate) => t(`fileApp:kind.${kind}`);

/** An item page opened (from a link) before the person has a file: where to open one. */
export function NoFileYet() {
  const t = useT();
  return (
    <Page title={t('fileApp:overview.title')}>
      <EmptyState title={t('fileApp:overview.noFile')} body={t('fileApp:overview.noFileBody')}>
        <Link to="/service-file" class="button button-secondary">
          {t('fileApp:overview.title')}
        </Link>
      </EmptyState>
    </Page>
  );
}
