// /service-file — "My service file" (八个一): how far along the file is, the eight cards (status, due
// date, what to do; each opens its item), the health-data consent and "I have moved back".
import { useState } from 'preact/hooks';
import { ITEM_KINDS } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { LinkCard, Notice, Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { type FileItem, getMyFile, moveBack, openMyFile } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { ItemBadge, itemLine } from './item-status';
import './service-file.css';

function ItemCard({ item }: { item: FileItem }) {
  const { t, language } = useI18n();
  const line = itemLine(item, t, language);
  return (
    <Link
      to={`/service-file/items/${item.kind}`}
      class={item.overdue ? 'card card-link file-item is-overdue' : 'card card-link file-item'}
    >
      <span class="card-body">
        <span class="card-title">{t(`fileApp:kind.${item.kind}`)}</span>
        <span class="status-line">
          <ItemBadge status={item.status} overdue={item.overdue} />
        </span>
        <span class={item.overdue ? 'card-summary text-danger' : 'card-summary'}>{line}</span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

function NoFile({ onOpened }: { onOpened: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await openMyFile();
      onOpened();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Page title={t('fileApp:overview.title')}>
      <EmptyState title={t('fileApp:overview.noFile')} body={t('fileApp:overview.noFileBody')}>
        <div class="stack">
          <Button block busy={busy} onClick={() => void open()}>
            {t('fileApp:overview.openFile')}
          </Button>
          <FormError error={error} shownFields={[]} />
        </div>
      </EmptyState>
    </Page>
  );
}

export function ServiceFilePage() {
  const { t, language } = useI18n();
  const file = useResource(getMyFile);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const title = t('fileApp:overview.title');

  if (file.error) {
    return (
      <Page title={title}>
        <ErrorState error={file.error} onRetry={file.reload} />
      </Page>
    );
  }
  if (file.data === undefined) return <Loading />;
  // No file: the person is not registered as away (a resident, a newcomer) — they can say they are.
  if (file.data === null) return <NoFile onOpened={file.reload} />;
  const data = file.data;
  const items = ITEM_KINDS.map((kind) => data.items.find((i) => i.kind === kind)).filter(
    (i): i is FileItem => !!i,
  );
  const counted = items.filter((i) => i.status !== 'not_applicable');
  const done = counted.filter((i) => i.status === 'verified').length;
  const overdue = items.filter((i) => i.overdue).length;
  const movedBack = data.status === 'moved_back';

  return (
    <Page title={title}>
      <Notice text={notice} />
      {movedBack ? (
        <Panel tone="info">
          <p>
            <strong>{t('fileApp:overview.movedBackTitle')}</strong>
          </p>
          <p>{t('fileApp:overview.movedBackBody')}</p>
        </Panel>
      ) : (
        <div class={overdue ? 'card panel-warning file-progress' : 'card file-progress'}>
          <p class="lead">{t('fileApp:overview.intro')}</p>
          <p class="file-progress-count">
            <strong>{t('fileApp:overview.progress', { done, total: counted.length })}</strong>
          </p>
          <progress max={counted.length || 1} value={done} aria-hidden="true" />
          <p class={overdue ? 'text-danger' : 'muted'}>
            {overdue
              ? t('fileApp:overview.overdue', { count: overdue })
              : done < counted.length
                ? t('fileApp:overview.remaining', { count: counted.length - done })
                : t('fileApp:overview.allDone')}
          </p>
        </div>
      )}
      <Section title={t('fileApp:person.items')}>
        <div class="card-stack file-items">
          {items.map((item) => (
            <ItemCard key={item.kind} item={item} />
          ))}
        </div>
      </Section>
      <Section title={t('fileApp:overview.healthData')}>
        <LinkCard
          to="/service-file/consent"
          title={t('fileApp:consent.settingsLink')}
          summary={
            data.consent.given && data.consent.givenAt
              ? t('fileApp:consent.given', { date: formatDate(data.consent.givenAt, language) })
              : t('fileApp:consent.notGiven')
          }
        />
      </Section>
      {movedBack ? null : (
        <Section title={t('fileApp:overview.movedBack')}>
          <p class="note">{t('fileApp:overview.movedBackHint')}</p>
          <Button variant="secondary" block onClick={() => setConfirming(true)}>
            {t('fileApp:overview.movedBack')}
          </Button>
        </Section>
      )}
      {confirming ? (
        <ConfirmDialog
          title={t('fileApp:overview.movedBackConfirmTitle')}
          body={t('fileApp:overview.movedBackConfirmBody')}
          confirm={t('fileApp:overview.movedBackConfirm')}
          action={moveBack}
          onConfirmed={() => {
            setNotice(t('fileApp:overview.movedBackDone'));
            file.reload();
          }}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Page>
  );
}
