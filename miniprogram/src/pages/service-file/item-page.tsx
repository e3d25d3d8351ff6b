// /service-file/items/:kind — one item of the file, where a reminder's button lands: its status, due
// date and last date, everything to fix after a return, the signed receipt once verified, and the
// item's own action (upload behind the health-data consent, acknowledge, confirm, request, or where
// the linked record is).
import { useState } from 'preact/hooks';
import { ITEM_KINDS, type ItemKind } from '../../../../core/service-file/service-file-schema';
import { Notice, Panel } from '../../components/card';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { type FileItem, getMyFile, type MyFile } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { PageProps } from '../../lib/router';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { ConsentStep } from './consent';
import { AgreementPanel, CertificatePanel, ContactPanel, InfoPanel, LivelihoodPanel } from './item-panels';
import { ItemFacts, NoFileYet, ReturnedList } from './item-status';
import { ReceiptCard } from './receipt-card';
import { UploadForm } from './upload-form';
import './service-file.css';

const isKind = (k: string): k is ItemKind => (ITEM_KINDS as readonly string[]).includes(k);

/** The upload items: the form while it can be sent (again), the wait while an officer has it. */
function UploadAction({
  file,
  item,
  onDone,
  onConsent,
}: {
  file: MyFile;
  item: FileItem & { kind: 'health_checkup' | 'residence_proof' };
  onDone: (message: string) => void;
  onConsent: () => void;
}) {
  const { t, language } = useI18n();
  if (item.status === 'submitted') {
    return (
      <Panel tone="info">
        <p role="status">
          {item.deadlineAt
            ? t('fileApp:item.submittedNote', { date: formatDate(item.deadlineAt, language) })
            : t('fileApp:item.submittedNoDeadline')}
        </p>
      </Panel>
    );
  }
  if (item.status === 'not_applicable') return null;
  // Health data only with consent: the consent screen comes first, then the form.
  if (item.kind === 'health_checkup' && !file.consent.given) {
    return <ConsentStep retentionDays={file.settings.reportRetentionDays} onGiven={onConsent} />;
  }
  return <UploadForm kind={item.kind} onSent={() => onDone(t('fileApp:checkup.submitted'))} />;
}

function Action({ file, item, onDone }: { file: MyFile; item: FileItem; onDone: (m: string) => void }) {
  const { t, language } = useI18n();
  switch (item.kind) {
    case 'health_checkup':
    case 'residence_proof':
      return (
        <UploadAction
          file={file}
          item={item as FileItem & { kind: 'health_checkup' | 'residence_proof' }}
          onDone={onDone}
          onConsent={() => onDone('')}
        />
      );
    case 'service_agreement':
      return <AgreementPanel file={file} item={item} onDone={onDone} />;
    case 'contact_details':
      return <ContactPanel file={file} item={item} onDone={onDone} />;
    case 'livelihood':
      return <LivelihoodPanel file={file} onDone={onDone} />;
    case 'certificate':
      return <CertificatePanel file={file} />;
    case 'personal_file':
      return (
        <InfoPanel
          text={
            file.createdAt
              ? t('fileApp:personalFile.created', { date: formatDate(file.createdAt, language) })
              : t('fileApp:personalFile.body')
          }
        />
      );
    case 'training':
      return <InfoPanel text={t('fileApp:training.body')} />;
  }
}

export function ItemPage({ params }: PageProps) {
  const { t } = useI18n();
  const kind = params.kind ?? '';
  const file = useResource(getMyFile);
  const [notice, setNotice] = useState<string | null>(null);
  if (!isKind(kind)) {
    return (
      <Page title={t('fileApp:overview.title')}>
        <EmptyState title={t('fileApp:item.notFound')}>
          <Link to="/service-file" class="button button-secondary">
            {t('fileApp:overview.title')}
          </Link>
        </EmptyState>
      </Page>
    );
  }
  const title = t(`fileApp:kind.${kind}`);
  if (file.error) {
    return (
      <Page title={title}>
        <ErrorState error={file.error} onRetry={file.reload} />
      </Page>
    );
  }
  if (file.data === undefined) return <Loading />;
  if (file.data === null) return <NoFileYet />;
  const data = file.data;
  const item = data.items.find((i) => i.kind === kind);
  if (!item) {
    return (
      <Page title={title}>
        <EmptyState title={t('fileApp:item.notFound')} />
      </Page>
    );
  }
  return (
    <Page title={title} eyebrow={t('fileApp:overview.title')}>
      <Notice text={notice} />
      <div class="card status-card">
        <p>{t(`fileApp:about.${kind}`)}</p>
        <ItemFacts item={item} />
      </div>
      {item.status === 'returned' && item.returnItems?.length ? (
        <ReturnedList items={item.returnItems} />
      ) : null}
      {item.status === 'verified' && item.receipt ? <ReceiptCard kind={kind} receipt={item.receipt} /> : null}
      {/* A verified upload is done until it falls due again: its receipt is what to show, not a form. */}
      {(kind === 'health_checkup' || kind === 'residence_proof') && item.status === 'verified' ? null : (
        <Section title={t('fileApp:item.action')}>
          <Action
            // A new key after every change, so a sent form never stays on screen.
            key={`${item.status}-${item.lastMetOn ?? ''}-${data.consent.given}`}
            file={data}
            item={item}
            onDone={(message) => {
              setNotice(message || null);
              window.scrollTo(0, 0);
              file.reload();
            }}
          />
        </Section>
      )}
    </Page>
  );
}
