// The signed receipt (回执) of a verified item, as the person shows it to their home office or an
// employer: what was verified and when, the QR code of the signed text (drawn by the certificate's QR
// component) and the text itself to copy, and the public page that checks it.
import { useState } from 'preact/hooks';
import type { ItemKind } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { QrCode } from '../../components/qr-code';
import type { Receipt } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

export function ReceiptCard({ kind, receipt }: { kind: ItemKind; receipt: Receipt }) {
  const { t, language } = useI18n();
  const [copied, setCopied] = useState(false);
  const kindName = t(`fileApp:kind.${kind}`);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.text);
      setCopied(true);
    } catch {
      // No clipboard in this webview: the text stays selectable below.
      setCopied(false);
    }
  };
  return (
    <section class="card cert cert-valid receipt" aria-labelledby="receipt-title">
      <div class="cert-head">
        <h2 id="receipt-title" class="cert-title">
          {t('fileApp:receipt.title')}
        </h2>
        <span class="badge badge-success">{t('fileApp:status.verified')}</span>
      </div>
      <p class="field-hint">{t('fileApp:receipt.intro')}</p>
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{t('fileApp:receipt.item')}</dt>
          <dd>{kindName}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('fileApp:receipt.verifiedOn')}</dt>
          <dd>{formatDate(receipt.verifiedOn, language)}</dd>
        </div>
        {receipt.villageName ? (
          <div class="summary-row">
            <dt>{t('fileApp:receipt.village')}</dt>
            <dd>{receipt.villageName}</dd>
          </div>
        ) : null}
      </dl>
      <figure class="qr-figure">
        <QrCode text={receipt.text} label={t('fileApp:receipt.qrLabel', { kind: kindName })} />
        <figcaption>{t('fileApp:receipt.text')}</figcaption>
      </figure>
      <p class="receipt-text mono">{receipt.text}</p>
      <div class="stack">
        <Button variant="secondary" block onClick={() => void copy()}>
          {copied ? t('fileApp:receipt.copied') : t('fileApp:receipt.copy')}
        </Button>
        {receipt.verifyUrl ? (
          <a class="button button-plain button-block" href={receipt.verifyUrl} target="_blank" rel="noopener">
            {t('fileApp:receipt.openVerify')}
          </a>
        ) : null}
      </div>
    </section>
  );
}
