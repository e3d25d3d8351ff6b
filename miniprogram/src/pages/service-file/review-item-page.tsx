// /review/service-file/items/:id — verifying one submitted item (a check-up report or a proof from the
// new place), on the certificates' review pieces: who owns it and "take this one" (首问负责), what was
// sent (the report fetched with the sign-in — the read is in the audit log), the deadline, then verify
// (confirmed; the person gets a signed receipt), return with everything to fix at once (一次性告知) or
// hand over to a colleague.
import { useMemo, useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { Notice } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page, Section } from '../../components/page';
import { ErrorState, errorMessage, Loading } from '../../components/states';
import {
  claimServiceItem,
  fetchReviewReport,
  getReviewItem,
  handOverServiceItem,
  listServiceHandoverOfficers,
  type ReviewItem,
  returnServiceItem,
  verifyServiceItem,
} from '../../lib/api/service-file';
import { notifyRecordChanged, useDesktop } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { type Translate, useI18n, useT } from '../../lib/i18n';
import type { PageProps } from '../../lib/router';
import { Link } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { InlinePdf } from '../certificates/inline-pdf';
import { openBlob, useObjectUrl } from '../certificates/object-url';
import { OverdueBadge } from '../certificates/status-badge';
import { Ownership } from '../review/ownership';
import { HandOverForm, ReturnChecklist, type ReturnTargetGroup } from '../review/review-actions';
import { ItemBadge, ReturnedList } from './item-status';
import './service-file.css';

/**
 * The report or proof as sent: a picture for photos, an "open" button for PDFs — at a desk, the PDF
 * itself in the page.
 */
function Report({ submission }: { submission: NonNullable<ReviewItem['submission']> }) {
  const t = useT();
  const file = submission.file;
  const isImage = !!file && file.contentType.startsWith('image/');
  const image = useObjectUrl(() => fetchReviewReport(submission.id), submission.id, isImage);
  const inline = useDesktop();
  const [error, setError] = useState<unknown>(null);
  if (!file) return <p class="muted">{t('fileApp:review.fileGone')}</p>;
  const open = async () => {
    setError(null);
    try {
      openBlob(await fetchReviewReport(submission.id));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <figure class={inline && !isImage ? 'doc doc-large doc-inline-pdf' : 'doc doc-large'}>
      <div class="doc-visual">
        {!isImage && inline ? (
          <InlinePdf
            load={() => fetchReviewReport(submission.id)}
            fileKey={submission.id}
            title={t('fileApp:review.targetFile')}
          />
        ) : !isImage ? (
          <span class="doc-pdf" aria-hidden="true">
            PDF
          </span>
        ) : image.url ? (
          <img src={image.url} alt={t('fileApp:review.targetFile')} />
        ) : image.error ? (
          <ErrorState error={image.error} onRetry={image.reload} />
        ) : (
          <span class="spinner" role="img" aria-label={t('ui.loading')} />
        )}
      </div>
      <figcaption class="doc-caption">
        {inline ? null : (
          <span class="doc-actions">
            <button type="button" class="link-button" onClick={() => void open()}>
              {t('fileApp:review.viewFile')}
            </button>
          </span>
        )}
        {error ? (
          <span class="field-error" role="alert">
            {errorMessage(error, t)}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** What the officer can point at when returning: the form's fields, the file, anything else. */
function returnTargets(view: ReviewItem, t: Translate): ReturnTargetGroup[] {
  const fields =
    view.kind === 'health_checkup'
      ? [
          { target: 'field:clinic', label: t('fileApp:checkup.clinic') },
          { target: 'field:city', label: t('fileApp:checkup.city') },
          { target: 'field:examDate', label: t('fileApp:checkup.examDate') },
        ]
      : [{ target: 'field:label', label: t('fileApp:proof.label') }];
  return [
    {
      title: t('fileApp:review.returnTargets'),
      targets: [...fields, { target: 'file', label: t('fileApp:review.targetFile') }],
    },
  ];
}

function Actions({ view, onDone }: { view: ReviewItem; onDone: (message: string) => void }) {
  const t = useT();
  const [mode, setMode] = useState<'return' | 'handover' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const groups = useMemo(() => returnTargets(view, t), [view, t]);
  const { decide, handOver } = view.can;
  useMainButton(
    decide && mode === null && !confirming
      ? { text: t('fileApp:review.verify'), onClick: () => setConfirming(true) }
      : null,
  );
  if (!decide && !handOver) {
    return (
      <p class="muted">
        {t(view.status === 'submitted' ? 'review.actions.notOwner' : 'review.actions.none')}
      </p>
    );
  }
  return (
    <div class="actions">
      {confirming ? (
        <ConfirmDialog
          title={t('fileApp:review.verifyTitle')}
          body={t('fileApp:review.verifyBody', {
            name: view.person.displayName,
            kind: t(`fileApp:kind.${view.kind}`),
          })}
          confirm={t('fileApp:review.verify')}
          action={() => verifyServiceItem(view.id)}
          onConfirmed={() => onDone(t('fileApp:review.verified'))}
          onClose={() => setConfirming(false)}
        />
      ) : null}
      {mode === null ? (
        <div class="action-buttons">
          {decide ? (
            <>
              <p class="note">{t('fileApp:review.verifyHint')}</p>
              <Button variant="secondary" block onClick={() => setMode('return')}>
                {t('fileApp:review.return')}
              </Button>
            </>
          ) : null}
          {handOver ? (
            <Button variant="secondary" block onClick={() => setMode('handover')}>
              {t('review.actions.handover')}
            </Button>
          ) : null}
        </div>
      ) : mode === 'return' ? (
        <ReturnChecklist
          groups={groups}
          send={(items) => returnServiceItem(view.id, { items })}
          onCancel={() => setMode(null)}
          onDone={(count) => onDone(t('fileApp:review.returned', { count }))}
        />
      ) : (
        <HandOverForm
          loadOfficers={() => listServiceHandoverOfficers(view.id)}
          ownerUserId={view.owner?.userId}
          send={(json) => handOverServiceItem(view.id, json)}
          onCancel={() => setMode(null)}
          onDone={() => onDone(t('review.done.handedOver'))}
        />
      )}
    </div>
  );
}

export function ServiceReviewPage({ params }: PageProps) {
  const { t, language } = useI18n();
  const id = params.id ?? '';
  const view = useResource(() => getReviewItem(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  if (view.error) {
    return (
      <Page title={t('fileApp:review.eyebrow')}>
        <ErrorState error={view.error} onRetry={view.reload} />
      </Page>
    );
  }
  if (!view.data) return <Loading />;
  const data = view.data;
  const details = data.submission?.details ?? {};
  return (
    <Page
      title={`${data.person.displayName} · ${t(`fileApp:kind.${data.kind}`)}`}
      eyebrow={t('fileApp:review.eyebrow')}
    >
      <Notice text={notice} />
      {data.status === 'submitted' ? (
        <Ownership
          owner={data.owner}
          canClaim={data.can.claim}
          claim={() => claimServiceItem(data.id)}
          onClaimed={() => {
            setNotice(t('review.owner.claimedNow'));
            view.reload();
            notifyRecordChanged();
          }}
        />
      ) : null}
      <div class="card status-card">
        <div class="status-line">
          <ItemBadge status={data.status} />
          {data.overdue ? <OverdueBadge /> : null}
        </div>
        <dl class="summary-list">
          <div class="summary-row">
            <dt>{t('fileApp:review.person')}</dt>
            <dd>{data.person.displayName}</dd>
          </div>
          <div class="summary-row">
            <dt>{t('fileApp:review.village')}</dt>
            <dd>{data.villageName ?? '—'}</dd>
          </div>
          {data.submittedAt ? (
            <div class="summary-row">
              <dt>{t('fileApp:review.submittedAt')}</dt>
              <dd>{formatDate(data.submittedAt, language, 'dateTime')}</dd>
            </div>
          ) : null}
          {data.deadlineAt && data.status === 'submitted' ? (
            <div class="summary-row">
              <dt>{t('fileApp:review.deadline')}</dt>
              <dd class={data.overdue ? 'text-danger' : undefined}>
                <strong>{formatDate(data.deadlineAt, language, 'dateTime')}</strong>
              </dd>
            </div>
          ) : null}
        </dl>
        <Link
          to={`/review/service-file/people/${data.person.userId}`}
          class="button button-plain button-block"
        >
          {t('fileApp:review.openFile')}
        </Link>
      </div>
      {data.status === 'returned' && data.returnItems?.length ? (
        <ReturnedList items={data.returnItems} />
      ) : null}
      {data.submission ? (
        <Section title={t('fileApp:review.submission')}>
          {/* At a desk, the file beside what the person entered. */}
          <div class="card desk-columns">
            <dl class="summary-list">
              {data.kind === 'health_checkup' ? (
                <>
                  <div class="summary-row">
                    <dt>{t('fileApp:checkup.clinic')}</dt>
                    <dd>{details.clinic ?? '—'}</dd>
                  </div>
                  <div class="summary-row">
                    <dt>{t('fileApp:checkup.city')}</dt>
                    <dd>{details.city ?? '—'}</dd>
                  </div>
                  <div class="summary-row">
                    <dt>{t('fileApp:checkup.examDate')}</dt>
                    <dd>{details.examDate ? formatDate(details.examDate, language) : '—'}</dd>
                  </div>
                </>
              ) : (
                <div class="summary-row">
                  <dt>{t('fileApp:proof.label')}</dt>
                  <dd>{details.label ?? '—'}</dd>
                </div>
              )}
            </dl>
            <Report submission={data.submission} />
          </div>
        </Section>
      ) : null}
      <Section title={t('review.actions.title')}>
        <Actions
          key={`${data.status}-${data.owner?.userId ?? ''}`}
          view={data}
          onDone={(message) => {
            setNotice(message);
            window.scrollTo(0, 0);
            view.reload();
            notifyRecordChanged();
          }}
        />
      </Section>
    </Page>
  );
}
