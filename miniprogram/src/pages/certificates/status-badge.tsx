// Status badges: an application's status, an overdue mark and a certificate's validity. Each carries
// its meaning in words; the colour only repeats it.
import type { ApplicationStatus, CertificateSummary } from '../../lib/api/certificates';
import { useT } from '../../lib/i18n';

const TONES: Record<ApplicationStatus, string> = {
  draft: 'neutral',
  submitted: 'info',
  in_review: 'info',
  returned: 'warning',
  issued: 'success',
  rejected: 'danger',
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useT();
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

export type CertificateState = 'valid' | 'expired' | 'revoked';

export function certificateState(cert: Pick<CertificateSummary, 'status' | 'expired'>): CertificateState {
  if (cert.status === 'revoked') return 'revoked';
  return cert.expired ? 'expired' : 'valid';
}

export function CertificateBadge({ state }: { state: CertificateState }) {
  const t = useT();
  const tone = state === 'valid' ? 'success' : state === 'expired' ? 'warning' : 'danger';
  return <span class={`badge badge-${tone}`}>{t(`certificates:verify.result.${state}`)}</span>;
}
