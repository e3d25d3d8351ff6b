// Status badges: an application's status, an overdue mark and a certificate's validity. Each carries
// its meaning in words; the colour only repeats it. An issued application whose certificate was
// revoked (or has expired) never shows the green "issued": the certificate's standing replaces it.
import type { CertificateStanding } from '../../../../core/certificates/certificate-standing';
import type { ApplicationStatus } from '../../lib/api/certificates';
import { useT } from '../../lib/i18n';

const TONES: Record<ApplicationStatus, string> = {
  draft: 'neutral',
  submitted: 'info',
  in_review: 'info',
  returned: 'warning',
  issued: 'success',
  rejected: 'danger',
};

export type CertificateState = CertificateStanding;

export function StatusBadge({
  status,
  certificate,
}: {
  status: ApplicationStatus;
  /** The standing of the certificate issued from it, if any. */
  certificate?: CertificateState | null;
}) {
  const t = useT();
  if (status === 'issued' && certificate && certificate !== 'valid') {
    return (
      <span class={`badge badge-${certificate === 'revoked' ? 'danger' : 'warning'}`}>
        {t(`certStatus.${certificate}`)}
      </span>
    );
  }
  return <span class={`badge badge-${TONES[status]}`}>{t(`certStatus.${status}`)}</span>;
}

export function OverdueBadge() {
  const t = useT();
  return (
    <span class="badge badge-danger">
      <span aria-hidden="true">! </span>
      {t('review.overdue')}
    </span>
  );
}

export function CertificateBadge({ state }: { state: CertificateState }) {
  const t = useT();
  const tone = state === 'valid' ? 'success' : state === 'expired' ? 'warning' : 'danger';
  return <span class={`badge badge-${tone}`}>{t(`certificates:verify.result.${state}`)}</span>;
}
