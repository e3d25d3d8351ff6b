// /certificates — the certificate service: the public notice (公开栏: what it is, documents, time
// limit, fee), the person's applications with their status, and "apply / continue" as the main action.
import { useState } from 'preact/hooks';
import { Page, Section } from '../../components/page';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { type ApplicationListItem, listMyApplications, startApplication } from '../../lib/api/certificates';
import { getConfig } from '../../lib/api/endpoints';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { Link, navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { CertificateBadge, StatusBadge } from './status-badge';

const IN_PROGRESS = new Set(['draft', 'submitted', 'in_review', 'returned']);

function PublicNotice() {
  const t = useT();
  // The terms come from the server's settings (CERT_DEADLINE_WORKING_DAYS, MAX_UPLOAD_MB), never hard-coded.
  const config = useResource(getConfig);
  const terms = config.data?.certificates;
  return (
    <section class="card notice" aria-labelledby="notice-title">
      <h2 id="notice-title" class="notice-title">
        {t('certificates.notice.title')}
      </h2>
      <p>{t('certificates.notice.what')}</p>
      <dl class="notice-list">
        <div>
          <dt>{t('certificates.notice.documents')}</dt>
          <dd>
            <ul>
              <li>{t('certificates:documentKind.id_card')}</li>
              <li>{t('certificates:documentKind.hukou_page')}</li>
              <li>
                {t('certificates.notice.marriageDoc', {
                  kind: t('certificates:documentKind.marriage_certificate'),
                })}
              </li>
            </ul>
            <p class="field-hint">{t('certificates.notice.formats', { maxMb: terms?.maxUploadMb ?? 10 })}</p>
          </dd>
        </div>
        <div>
          <dt>{t('certificates.notice.timeLimit')}</dt>
          <dd>{terms ? t('certificates.notice.timeLimitText', { days: terms.deadlineWorkingDays }) : '…'}</dd>
        </div>
        <div>
          <dt>{t('certificates.notice.fee')}</dt>
          <dd>
            <strong>{t('certificates.notice.feeText')}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('certificates.notice.promises')}</dt>
          <dd>{t('certificates.notice.promisesText')}</dd>
        </div>
      </dl>
    </section>
  );
}

function ApplicationRow({ item }: { item: ApplicationListItem }) {
  const { t, language } = useI18n();
  return (
    <Link to={`/certificates/applications/${item.id}`} class="card card-link app-row">
      <span class="card-body">
        <span class="card-title">
          {item.serial
            ? t('certificates.mine.serial', { serial: item.serial })
            : t('certificates.mine.application')}
        </span>
        <span class="status-line">
          {/* One badge for an issued certificate: its standing (valid, expired or revoked). */}
          {item.certificateState ? (
            <CertificateBadge state={item.certificateState} />
          ) : (
            <StatusBadge status={item.status} />
          )}
        </span>
        <span class="card-summary">
          {item.certificateState === 'revoked' && item.revokedAt
            ? t('certificates.mine.revokedAt', { date: formatDate(item.revokedAt, language) })
            : item.status === 'issued' && item.validUntil
              ? t('certificates.mine.validUntil', { date: formatDate(item.validUntil, language) })
              : item.deadlineAt && (item.status === 'submitted' || item.status === 'in_review')
                ? t('certificates.mine.deadline', { date: formatDate(item.deadlineAt, language, 'dateTime') })
                : item.submittedAt
                  ? t('certificates.mine.submittedAt', { date: formatDate(item.submittedAt, language) })
                  : t('certificates.mine.createdAt', { date: formatDate(item.createdAt, language) })}
        </span>
      </span>
      <span class="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

export function CertificatesPage() {
  const t = useT();
  const list = useResource(listMyApplications);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const applications = list.data?.applications ?? [];
  const current = applications.find((a) => IN_PROGRESS.has(a.status));

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const { id } = await startApplication();
      navigate(`/certificates/applications/${id}`);
    } catch (e) {
      setStartError(e);
      setStarting(false);
    }
  };
  const actionText = !current
    ? t('certificates.apply')
    : current.status === 'draft' || current.status === 'returned'
      ? t('certificates.continue')
      : t('certificates.viewProgress');
  useMainButton(list.data ? { text: actionText, onClick: () => void start(), progress: starting } : null);

  return (
    <Page title={t('services.certificates.title')}>
      <PublicNotice />
      <FormError error={startError} shownFields={[]} />
      <Section title={t('certificates.mine.title')}>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : applications.length === 0 ? (
          <EmptyState title={t('certificates.mine.emptyTitle')} body={t('certificates.mine.empty')} />
        ) : (
          <div class="card-stack">
            {applications.map((a) => (
              <ApplicationRow key={a.id} item={a} />
            ))}
          </div>
        )}
        {current?.status === 'returned' ? (
          <p class="note text-warning">{t('certificates.mine.returnedHint')}</p>
        ) : null}
      </Section>
    </Page>
  );
}
