// /review/applications/:id — the review screen. Opening it changes nothing: it says who owns the
// application, and offers "take this one" (领取办理, 首问负责) while nobody does. Shows what changed since
// a return, the form data, the documents (by name, fetched with the sign-in), the deadline and the
// history, and the actions the officer may take now.
import { useState } from 'preact/hooks';
import { Notice } from '../../components/card';
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { claimApplication, openForReview, type ReviewView } from '../../lib/api/certificates';
import { notifyRecordChanged } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { ApplicationSummary } from '../certificates/application-summary';
import { CertificateCard } from '../certificates/certificate-card';
import { DocumentPreview } from '../certificates/document-preview';
import { DOCUMENT_KIND_LIST, pathOfTarget, valueAt } from '../certificates/form-fields';
import { HistoryTimeline } from '../certificates/history-timeline';
import { OverdueBadge, StatusBadge } from '../certificates/status-badge';
import { ChangesSinceReturn } from './changes-since-return';
import { Ownership } from './ownership';
import { ReviewActions } from './review-actions';

function Documents({ view }: { view: ReviewView }) {
  const { t } = useI18n();
  const kinds = DOCUMENT_KIND_LIST.filter(
    (k) => (k !== 'other' && view.requiredDocuments.includes(k)) || view.documents.some((d) => d.kind === k),
  );
  return (
    <div class="stack">
      {kinds.map((kind) => {
        const docs = view.documents.filter((d) => d.kind === kind);
        return (
          <section key={kind} class="card doc-kind" aria-labelledby={`rv-${kind}`}>
            <div class="doc-kind-head">
              <h3 id={`rv-${kind}`}>{t(`certificates:documentKind.${kind}`)}</h3>
              {docs.length ? null : <span class="badge badge-danger">{t('certForm.docs.missing')}</span>}
            </div>
            {docs.map((doc, i) => (
              <DocumentPreview
                key={doc.id}
                applicationId={view.id}
                doc={doc}
                index={i}
                showKind={kind === 'other'}
                large
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}

export function ReviewPage({ params }: PageProps) {
  const { t, language } = useI18n();
  const id = params.id ?? '';
  const view = useResource(() => openForReview(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);

  if (view.error) {
    return (
      <Page title={t('review.reviewTitle')}>
        <ErrorState error={view.error} onRetry={view.reload} />
      </Page>
    );
  }
  if (!view.data) return <Loading />;
  const data = view.data;
  const name = valueAt(data.form, 'applicant.name');
  const returned = new Set(
    (data.returnItems ?? []).map((i) => pathOfTarget(i.target)).filter((p): p is string => p !== null),
  );
  return (
    <Page
      title={typeof name === 'string' && name ? name : data.applicant.displayName}
      eyebrow={t('review.reviewTitle')}
    >
      <Notice text={notice} />
      <Ownership
        owner={data.owner}
        canClaim={data.can.claim}
        claim={() => claimApplication(data.id)}
        onClaimed={() => {
          setNotice(t('review.owner.claimedNow'));
          view.reload();
          notifyRecordChanged();
        }}
      />
      {data.changesSinceReturn ? <ChangesSinceReturn changes={data.changesSinceReturn} /> : null}
      <div class="card status-card">
        <div class="status-line">
          <StatusBadge status={data.status} certificate={data.certificate?.standing} />
          {data.overdue ? <OverdueBadge /> : null}
          {data.submissionCount > 1 ? (
            <span class="badge badge-neutral">{t('review.resubmission', { n: data.submissionCount })}</span>
          ) : null}
        </div>
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('review.applicant')}</dt>
            <dd>{data.applicant.displayName}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('review.village')}</dt>
            <dd>{data.villageName ?? t('certView.notGiven')}</dd>
          </div>
          {data.submittedAt ? (
            <div class="summary-row">
              <dt>{t('review.submittedAt')}</dt>
              <dd>{formatDate(data.submittedAt, language, 'dateTime')}</dd>
            </div>
          ) : null}
          {data.deadlineAt && (data.status === 'submitted' || data.status === 'in_review') ? (
            <div class="summary-row">
              <dt>{t('certView.deadline')}</dt>
              <dd class={data.overdue ? 'text-danger' : undefined}>
                <strong>{formatDate(data.deadlineAt, language, 'dateTime')}</strong>
              </dd>
            </div>
          ) : null}
          {data.decidedAt ? (
            <div class="summary-row">
              <dt>{t('review.decidedAt')}</dt>
              <dd>{formatDate(data.decidedAt, language, 'dateTime')}</dd>
            </div>
          ) : null}
        </dl>
        {data.status === 'rejected' && data.rejectReason ? (
          <p>{t('history.reason', { reason: data.rejectReason })}</p>
        ) : null}
      </div>
      {data.certificate ? (
        <Section title={t('review.certificate')}>
          <CertificateCard
            certificate={data.certificate}
            holderName={typeof name === 'string' ? name : undefined}
            forOfficer
          />
        </Section>
      ) : null}
      {/* At a desk, the documents beside the form data they prove. */}
      <div class="desk-columns">
        <Section title={t('certView.yourDataOfficer')}>
          <ApplicationSummary form={data.form} villageName={data.villageName} flagged={returned} forOfficer />
        </Section>
        <Section title={t('certView.documents')}>
          <Documents view={data} />
        </Section>
      </div>
      <Section title={t('review.actions.title')}>
        {/* A new key after every change: a finished action's form never stays on screen. */}
        <ReviewActions
          key={`${data.status}-${data.version}-${data.owner?.userId ?? ''}-${data.certificate?.status ?? ''}`}
          view={data}
          onDone={(message) => {
            setNotice(message);
            window.scrollTo(0, 0);
            view.reload();
            notifyRecordChanged();
          }}
        />
      </Section>
      <Section title={t('certView.history')}>
        <HistoryTimeline history={data.history} forOfficer />
      </Section>
    </Page>
  );
}
