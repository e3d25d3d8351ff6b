// /certificates/applications/:id — one application, by status: the form while it is a draft or
// returned (its own chunk), progress with the deadline while it is reviewed, the certificate once
// issued, the reason once rejected.
import { useState } from 'preact/hooks';
import { Panel } from '../../components/card';
import { Page, Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { type ApplicationView, getApplication, startApplication } from '../../lib/api/certificates';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { lazyPart } from '../../lib/lazy-page';
import { navigate, type PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { ApplicationSummary } from './application-summary';
import { CertificateCard } from './certificate-card';
import { DocumentPreview } from './document-preview';
import { valueAt } from './form-fields';
import { HistoryTimeline } from './history-timeline';
import { savesSettled } from './pending-saves';
import { OverdueBadge, StatusBadge } from './status-badge';

const ApplicationForm = lazyPart(() => import('./application-form').then((m) => m.ApplicationForm));

export function ApplicationPage({ params }: PageProps) {
  const t = useT();
  const id = params.id ?? '';
  // A save made as the form was left may still be on its way: read the application after it.
  const view = useResource(() => savesSettled(id).then(() => getApplication(id)), [id]);
  const [generation, setGeneration] = useState(0);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const reload = () => {
    setGeneration((g) => g + 1);
    view.reload();
  };

  if (view.error) {
    return (
      <Page title={t('certView.title')}>
        <ErrorState error={view.error} onRetry={view.reload} />
      </Page>
    );
  }
  if (!view.data || view.loading) return <Loading />;
  const data = view.data;
  // Whether the form is still open to changes is the application policy's answer (data.can.edit).
  if (data.can.edit) {
    return (
      <ApplicationForm
        key={`${data.version}-${generation}`}
        view={data}
        onReload={reload}
        onSubmitted={() => {
          setJustSubmitted(true);
          reload();
        }}
      />
    );
  }
  switch (data.status) {
    case 'issued':
      return <IssuedView view={data} />;
    case 'rejected':
      return <RejectedView view={data} />;
    default:
      return <ProgressView view={data} justSubmitted={justSubmitted} />;
  }
}

function DocumentList({ view }: { view: ApplicationView }) {
  const t = useT();
  if (!view.documents.length) return <p class="muted">{t('certView.noDocuments')}</p>;
  return (
    <div class="doc-grid">
      {view.documents.map((doc) => (
        <DocumentPreview
          key={doc.id}
          applicationId={view.id}
          doc={doc}
          index={view.documents.filter((d) => d.kind === doc.kind).indexOf(doc)}
          showKind
        />
      ))}
    </div>
  );
}

/** Submitted or in review: where it is, the promised deadline, what was sent, what happened. */
function ProgressView({ view, justSubmitted }: { view: ApplicationView; justSubmitted: boolean }) {
  const { t, language } = useI18n();
  return (
    <Page title={t('certView.title')} eyebrow={t('services.certificates.title')}>
      {justSubmitted ? (
        <Panel tone="info">
          <p class="lead" role="status">
            {t(view.submissionCount > 1 ? 'certView.resubmittedNotice' : 'certView.submittedNotice')}
          </p>
        </Panel>
      ) : null}
      <div class="card status-card">
        <div class="status-line">
          <StatusBadge status={view.status} certificate={view.certificate?.standing} />
          {view.overdue ? <OverdueBadge /> : null}
        </div>
        <p>{t(view.status === 'in_review' ? 'certView.inReviewText' : 'certView.submittedText')}</p>
        {view.deadlineAt ? (
          <p class="deadline">
            <span class="deadline-label">{t('certView.deadline')}</span>
            <strong>{formatDate(view.deadlineAt, language, 'dateTime')}</strong>
            <span class="note-inline">{t('certView.timeZone')}</span>
          </p>
        ) : null}
        {view.overdue ? <p class="text-danger">{t('certView.overdueText')}</p> : null}
        <p class="note">{t('certView.promises')}</p>
      </div>
      <Section title={t('certView.yourData')}>
        <ApplicationSummary form={view.form} villageName={view.villageName} />
      </Section>
      <Section title={t('certView.documents')}>
        <DocumentList view={view} />
      </Section>
      <Section title={t('certView.history')}>
        <HistoryTimeline history={view.history} />
      </Section>
    </Page>
  );
}

function IssuedView({ view }: { view: ApplicationView }) {
  const t = useT();
  const holder = valueAt(view.form, 'applicant.name');
  return (
    <Page title={t('certView.issuedTitle')} eyebrow={t('services.certificates.title')}>
      {view.certificate ? (
        <CertificateCard
          certificate={view.certificate}
          holderName={typeof holder === 'string' ? holder : undefined}
        />
      ) : null}
      <Section title={t('certView.yourData')}>
        <details class="card disclosure">
          <summary>{t('certView.showData')}</summary>
          <ApplicationSummary form={view.form} villageName={view.villageName} />
        </details>
      </Section>
      <Section title={t('certView.history')}>
        <HistoryTimeline history={view.history} />
      </Section>
    </Page>
  );
}

/** Starts a new application (or opens the one in progress) and goes to it. */
function useApplyAgain() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const { id } = await startApplication();
      navigate(`/certificates/applications/${id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { apply, busy, error };
}

function RejectedView({ view }: { view: ApplicationView }) {
  const t = useT();
  const again = useApplyAgain();
  useMainButton({ text: t('certView.applyAgain'), onClick: () => void again.apply(), progress: again.busy });
  return (
    <Page title={t('certView.title')} eyebrow={t('services.certificates.title')}>
      <div class="card panel-danger">
        <div class="status-line">
          <StatusBadge status={view.status} certificate={view.certificate?.standing} />
        </div>
        <p class="lead">{t('certView.rejectedText')}</p>
        {view.rejectReason ? (
          <p>
            <strong>{t('certView.reason')}</strong>
            {t('ui.labelSeparator')}
            {view.rejectReason}
          </p>
        ) : null}
        <p>{t('certView.contactOffice')}</p>
        <p class="note">{t('certView.applyAgainHint')}</p>
      </div>
      <FormError error={again.error} shownFields={[]} />
      <Section title={t('certView.history')}>
        <HistoryTimeline history={view.history} />
      </Section>
    </Page>
  );
}
