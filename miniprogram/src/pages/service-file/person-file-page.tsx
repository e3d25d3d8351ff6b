// /review/service-file/people/:userId — a person's file as their village's officer sees it: the eight
// items with status, dates and what waits for verification. Opening it is written to the audit log
// (the server does that; the page says so). The pre-departure training is recorded here as attended.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ITEM_KINDS } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { Notice, Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { type FileItem, getPersonFile, recordServiceItem } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { PageProps } from '../../lib/router';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { ItemBadge } from './item-status';
import './service-file.css';

/** The training attended: the officer confirms, the item is met with a signed receipt. */
function RecordTraining({ item, name, onDone }: { item: FileItem; name: string; onDone: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  if (!item.id || !item.can?.record) return null;
  return (
    <>
      <Button variant="secondary" block onClick={() => setConfirming(true)}>
        {t('fileApp:person.recordTraining')}
      </Button>
      {confirming ? (
        <ConfirmDialog
          title={t('fileApp:person.recordTraining')}
          body={t('fileApp:person.recordTrainingBody', { name })}
          confirm={t('fileApp:person.recordTrainingConfirm')}
          action={() => recordServiceItem(item.id!)}
          onConfirmed={onDone}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}

function Row({ item, children }: { item: FileItem; children?: ComponentChildren }) {
  const { t, language } = useI18n();
  const dates = [
    item.lastMetOn ? t('fileApp:overview.metOn', { date: formatDate(item.lastMetOn, language) }) : null,
    item.dueOn
      ? t(item.overdue ? 'fileApp:overview.overdueSince' : 'fileApp:overview.dueOn', {
          date: formatDate(item.dueOn, language),
        })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const body = (
    <span class="card-body">
      <span class="card-title">{t(`fileApp:kind.${item.kind}`)}</span>
      <span class="status-line">
        <ItemBadge status={item.status} overdue={item.overdue} />
      </span>
      {dates ? <span class={item.overdue ? 'card-summary text-danger' : 'card-summary'}>{dates}</span> : null}
    </span>
  );
  // Items waiting for an officer open the verification screen.
  if (item.status === 'submitted' && item.id) {
    return (
      <Link to={`/review/service-file/items/${item.id}`} class="card card-link file-item">
        {body}
        <span class="card-chevron" aria-hidden="true">
          ›
        </span>
      </Link>
    );
  }
  return (
    <div class={item.overdue ? 'card file-item is-overdue' : 'card file-item'}>
      {body}
      {children}
    </div>
  );
}

export function PersonFilePage({ params }: PageProps) {
  const { t } = useI18n();
  const userId = params.userId ?? '';
  const file = useResource(() => getPersonFile(userId), [userId]);
  const [notice, setNotice] = useState<string | null>(null);
  if (file.error) {
    return (
      <Page title={t('fileApp:person.eyebrow')}>
        <ErrorState error={file.error} onRetry={file.reload} />
      </Page>
    );
  }
  if (!file.data) return <Loading />;
  const data = file.data;
  const items = ITEM_KINDS.map((k) => data.items.find((i) => i.kind === k)).filter((i): i is FileItem => !!i);
  return (
    <Page title={data.person.displayName} eyebrow={t('fileApp:person.eyebrow')}>
      <Notice text={notice} />
      <div class="card status-card">
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('fileApp:person.village')}</dt>
            <dd>{data.villageName ?? '—'}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('fileApp:person.status')}</dt>
            <dd>{t(`fileApp:person.${data.status}`)}</dd>
          </div>
        </dl>
      </div>
      <Section title={t('fileApp:person.items')}>
        <div class="card-stack file-items">
          {items.map((item) => (
            <Row key={item.kind} item={item}>
              {item.kind === 'training' ? (
                <RecordTraining
                  item={item}
                  name={data.person.displayName}
                  onDone={() => {
                    setNotice(t('fileApp:person.trainingRecorded'));
                    window.scrollTo(0, 0);
                    file.reload();
                  }}
                />
              ) : null}
            </Row>
          ))}
        </div>
      </Section>
      <Panel>
        <p class="note">{t('fileApp:person.audited')}</p>
      </Panel>
    </Page>
  );
}
