// The scanner's one verdict and, only when the office's signature holds, what the QR code signs. Its
// colour repeats its title: green for valid alone, never for a forged, revoked or unchecked QR.
import type { CertificatePayloadFields } from '../../../../core/certificates/certificate-signing';
import type { ScannedQr } from '../../../../core/certificates/scanned-qr';
import type { ItemKind } from '../../../../core/service-file/service-file-schema';
import type { TipCategory } from '../../../../core/tipoffs/tipoff-schema';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n, useT } from '../../lib/i18n';
import type { ReceiptVerdict } from '../../verify/judge-receipt';
import type { ScanVerdict } from '../../verify/judge-scan';
import { verdictTextKeys } from '../../verify/verdict-text';

const TONES: Record<ScanVerdict['state'], 'success' | 'warning' | 'danger' | 'neutral'> = {
  valid: 'success',
  expired: 'warning',
  revoked: 'danger',
  revocation_unknown: 'warning',
  not_genuine: 'danger',
  unchecked: 'neutral',
};

/** Keys under certificates.json's `verify`, shared with the public page (verdict-text.ts). */
const verifyKey = (key: string) => `certificates:verify.${key}` as TextKey;

export function ScanVerdictView({ verdict }: { verdict: ScanVerdict | 'checking' }) {
  const t = useT();
  if (verdict === 'checking') {
    return (
      <div class="verdict verdict-neutral" data-verdict="checking">
        <p class="verdict-title">{t(verifyKey('result.checking'))}</p>
      </div>
    );
  }
  if (verdict.state === 'unchecked') {
    return (
      <div class="verdict verdict-neutral" data-verdict="unchecked">
        <p class="verdict-title">{t(verifyKey('result.unchecked'))}</p>
        <p>{t(verifyKey(`qr.${verdict.reason}`))}</p>
        {/* The public page can ask the office's server, after the person agrees to send the payload. */}
        {verdict.reason === 'noWebCrypto' && verdict.scanned.serial ? (
          <a
            class="button button-secondary"
            href={publicPageUrl(verdict.scanned)}
            target="_blank"
            rel="noopener"
          >
            {t('scan.openPage')}
          </a>
        ) : null}
      </div>
    );
  }
  const keys = verdictTextKeys(verdict);
  return (
    <>
      <div class={`verdict verdict-${TONES[verdict.state]}`} data-verdict={verdict.state}>
        <p class="verdict-title">{t(verifyKey(keys.title))}</p>
        {keys.explain.map((key) => (
          <p key={key}>{t(verifyKey(key))}</p>
        ))}
      </div>
      {verdict.state === 'not_genuine' ? null : <SignedFields fields={verdict.fields} />}
    </>
  );
}

/** The QR's own data, signed by the office: the verifier compares it with the holder's ID card. */
function SignedFields({ fields }: { fields: CertificatePayloadFields }) {
  const { t, language } = useI18n();
  const rows: [TextKey, string][] = [
    [verifyKey('serial'), fields.serial],
    [verifyKey('holder'), fields.name],
    [verifyKey('idNumber'), fields.idNumber],
    [verifyKey('sex'), t(`certificates:sex.${fields.sex}`)],
    [verifyKey('maritalStatus'), t(`certificates:maritalStatus.${fields.maritalStatus}`)],
    [verifyKey('children'), String(fields.childrenCount)],
    [verifyKey('issuedAt'), formatDate(fields.issueDate, language)],
    [verifyKey('validUntil'), formatDate(fields.validUntil, language)],
  ];
  return (
    <section class="card signed-fields" aria-labelledby="signed-fields-title">
      <h2 id="signed-fields-title" class="signed-fields-title">
        {t(verifyKey('qr.fieldsTitle'))}
      </h2>
      <dl class="summary-list">
        {rows.map(([label, value]) => (
          <div class="summary-row" key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The public verification page on this origin, for a WebView that cannot check Ed25519 itself. */
function publicPageUrl(scanned: ScannedQr): string {
  const code = scanned.checkCode ? `?c=${scanned.checkCode}` : '';
  return `/verify/${encodeURIComponent(scanned.serial ?? '')}${code}#${encodeURIComponent(scanned.payload)}`;
}

/** A service-file receipt or a tip-off's signed receipt, as the office vouched for it. */
export function ReceiptVerdictView({ verdict }: { verdict: ReceiptVerdict }) {
  const { t, language } = useI18n();
  if (verdict.state === 'receipt_not_genuine') {
    return (
      <div class="verdict verdict-danger" data-verdict="receipt_not_genuine">
        <p class="verdict-title">{t('scan.receipt.notGenuine')}</p>
        <p>{t('scan.receipt.notGenuineExplain')}</p>
      </div>
    );
  }
  const rows: [string, string][] =
    verdict.receipt === 'service'
      ? [
          [t('scan.receipt.item'), t(`fileApp:kind.${verdict.item as ItemKind}`)],
          [t('scan.receipt.village'), verdict.villageCode],
          [t('scan.receipt.verifiedOn'), formatDate(verdict.verifiedOn, language)],
        ]
      : [
          [t('scan.receipt.number'), String(verdict.number)],
          [t('scan.receipt.day'), formatDate(verdict.day, language)],
          [t('scan.receipt.category'), t(`tipoffs:category.${verdict.category as TipCategory}`)],
        ];
  return (
    <>
      <div class="verdict verdict-success" data-verdict="receipt_valid">
        <p class="verdict-title">
          {t(verdict.receipt === 'service' ? 'scan.receipt.serviceValid' : 'scan.receipt.tipValid')}
        </p>
        <p>
          {verdict.receipt === 'service'
            ? t('scan.receipt.serviceExplain')
            : t(verdict.registered ? 'scan.receipt.tipRegistered' : 'scan.receipt.tipNotRegistered')}
        </p>
      </div>
      <section class="card signed-fields" aria-labelledby="receipt-fields-title">
        <h2 id="receipt-fields-title" class="signed-fields-title">
          {t('scan.receipt.fieldsTitle')}
        </h2>
        <dl class="summary-list">
          {rows.map(([label, value]) => (
            <div class="summary-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
