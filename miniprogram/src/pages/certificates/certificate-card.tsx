// The issued certificate as the holder shows it (and the officer sees it, in words for an officer):
// serial, validity, status, the QR code anyone can scan to check it (drawn as SVG from
// view.certificate.qrText), the PDF and the verification page.
import { useState } from 'preact/hooks';
import { formatCheckCode } from '../../../../core/certificates/check-code';
import { Button } from '../../components/button';
import { QrCode } from '../../components/qr-code';
import { FormError } from '../../components/states';
import { type CertificateSummary, fetchCertificatePdf } from '../../lib/api/certificates';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { openBlob } from './object-url';
import { CertificateBadge } from './status-badge';

export function CertificateCard({
  certificate,
  holderName,
  forOfficer,
}: {
  certificate: CertificateSummary;
  holderName?: string;
  /** The review screen: the notes speak of the holder, not to them. */
  forOfficer?: boolean;
}) {
  const { t, language } = useI18n();
  const state = certificate.standing;
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const openPdf = async () => {
    setOpening(true);
    setError(null);
    try {
      openBlob(await fetchCertificatePdf(certificate.serial));
    } catch (e) {
      setError(e);
    } finally {
      setOpening(false);
    }
  };
  return (
    <section class={`card cert cert-${state}`} aria-labelledby="cert-title">
      <div class="cert-head">
        <h2 id="cert-title" class="cert-title">
          {t('certificates:pdf.title')}
        </h2>
        <CertificateBadge state={state} />
      </div>
      {state === 'revoked' ? (
        <div class="cert-alert" role="alert">
          <p>
            <strong>{t('certView.revokedTitle')}</strong>
          </p>
          <p>{t('certificates:verify.explain.revoked')}</p>
          {certificate.revokeReason ? (
            <p>{t('history.reason', { reason: certificate.revokeReason })}</p>
          ) : null}
        </div>
      ) : state === 'expired' ? (
        <div class="cert-alert cert-alert-warning" role="status">
          <p>{t('certificates:verify.explain.expired')}</p>
        </div>
      ) : null}
      <dl class="summary-list">
        {holderName ? (
          <div class="summary-row">
            <dt>{t('certificates:pdf.holderName')}</dt>
            <dd>{holderName}</dd>
          </div>
        ) : null}
        <div class="summary-row">
          <dt>{t('certificates:pdf.serial')}</dt>
          <dd class="mono">{certificate.serial}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('certificates:verify.checkCode')}</dt>
          <dd class="mono">{formatCheckCode(certificate.checkCode)}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('certificates:pdf.issueDate')}</dt>
          <dd>{formatDate(certificate.issuedAt, language)}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('certificates:pdf.validUntil')}</dt>
          <dd>{formatDate(certificate.validUntil, language)}</dd>
        </div>
      </dl>
      <figure class="qr-figure">
        <QrCode text={certificate.qrText} label={t('certView.qrLabel', { serial: certificate.serial })} />
        <figcaption>{t(forOfficer ? 'certView.qrHintOfficer' : 'certView.qrHint')}</figcaption>
      </figure>
      <div class="stack">
        <Button variant="secondary" block busy={opening} onClick={() => void openPdf()}>
          {t('certView.openPdf')}
        </Button>
        <a
          class="button button-plain button-block"
          href={certificate.verifyUrl}
          target="_blank"
          rel="noopener"
        >
          {t('certView.openVerify')}
        </a>
      </div>
      <FormError error={error} shownFields={[]} />
      <p class="note">{t(forOfficer ? 'certView.pdfInChatOfficer' : 'certView.pdfInChat')}</p>
    </section>
  );
}
