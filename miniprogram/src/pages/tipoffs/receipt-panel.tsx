// The receipt, shown once and big, in groups of four digits, with the required "I have saved it" step
// before leaving; in Telegram, optionally kept on this phone (SecureStorage, else DeviceStorage —
// never CloudStorage, never our server); and the signed receipt as a QR code and a text file.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatReceipt } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { QrCode } from '../../components/qr-code';
import type { SubmittedTip } from '../../lib/api/tipoffs';
import { type Translate, useT } from '../../lib/i18n';
import type { PhoneStore } from '../../telegram/phone-storage';
import { keepReceiptOnPhone } from './kept-receipts';
import type { UploadOutcome } from './tip-form';

/** The receipt as big groups of four; read out digit by digit. */
export function ReceiptDigits({ receipt, label }: { receipt: string; label: string }) {
  const groups = formatReceipt(receipt).split(' ');
  return (
    <p class="receipt-digits" data-receipt={receipt}>
      <span class="visually-hidden">{`${label}: ${receipt.split('').join(' ')}`}</span>
      {groups.map((g, i) => (
        <span key={i} class="receipt-group" aria-hidden="true">
          {g}
        </span>
      ))}
    </p>
  );
}

/** The signed receipt (HYJB1 …): QR code on demand and a text file to keep. */
export function SignedReceipt({ text, number }: { text: string; number: number }) {
  const t = useT();
  const [showQr, setShowQr] = useState(false);
  const href = useMemo(() => URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <section class="card tip-signed" aria-labelledby="signed-title">
      <h2 id="signed-title" class="section-title">
        {t('report:receipt.signedTitle')}
      </h2>
      <p class="field-hint">{t('report:receipt.signedBody')}</p>
      <p class="mono tip-signed-text">{text}</p>
      <div class="button-row">
        <Button variant="secondary" onClick={() => setShowQr((s) => !s)}>
          {showQr ? t('report:receipt.hideQr') : t('report:receipt.showQr')}
        </Button>
        <a class="button button-secondary" href={href} download={t('report:receipt.fileName', { number })}>
          {t('report:receipt.download')}
        </a>
      </div>
      {showQr ? (
        <figure class="qr-figure">
          <QrCode text={text} label={t('report:receipt.qrLabel')} />
        </figure>
      ) : null}
    </section>
  );
}

function keptText(store: PhoneStore | null, t: Translate): string {
  if (store === 'secure') return t('report:receipt.keptSecure');
  if (store === 'device') return t('report:receipt.keptDevice');
  return t('report:receipt.keepFailed');
}

export function ReceiptPanel({
  result,
  uploads,
  canKeepOnPhone,
  onDone,
}: {
  result: SubmittedTip;
  uploads: readonly UploadOutcome[];
  /** Inside a Telegram client that has device storage (Bot API 9.0+). */
  canKeepOnPhone: boolean | null;
  onDone: () => void;
}) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const [remind, setRemind] = useState(false);
  const [keeping, setKeeping] = useState(false);
  const [kept, setKept] = useState<{ store: PhoneStore | null } | null>(null);
  const failed = uploads.filter((u) => !u.ok);

  const keep = async () => {
    setKeeping(true);
    const store = await keepReceiptOnPhone({
      receipt: result.receipt,
      number: result.number,
      day: result.day,
    });
    setKept({ store });
    setKeeping(false);
  };
  const done = () => {
    if (!saved) {
      setRemind(true);
      document.getElementById('receipt-saved')?.focus();
      return;
    }
    onDone();
  };

  return (
    <div class="stack tip-receipt">
      {/* The page's own heading already says "received"; the panel gives what identifies the tip. */}
      <Panel tone="info">
        <p>
          <strong>{t('report:receipt.number', { number: result.number, day: result.day })}</strong>
        </p>
      </Panel>
      <section class="card receipt-card" aria-labelledby="receipt-label">
        <h2 id="receipt-label" class="section-title">
          {t('report:receipt.label')}
        </h2>
        <ReceiptDigits receipt={result.receipt} label={t('report:receipt.label')} />
        <p class="receipt-warning">{t('report:receipt.onlyOnce')}</p>
        <label class="choice receipt-saved">
          <input
            id="receipt-saved"
            type="checkbox"
            checked={saved}
            aria-describedby={remind && !saved ? 'receipt-saved-error' : undefined}
            onChange={(e) => {
              setSaved(e.currentTarget.checked);
              setRemind(false);
            }}
          />
          <span>{t('report:receipt.savedCheck')}</span>
        </label>
        {remind && !saved ? (
          <p class="field-error" id="receipt-saved-error" role="alert">
            {t('report:receipt.savedRequired')}
          </p>
        ) : null}
      </section>

      {uploads.length ? (
        <Panel tone={failed.length ? 'warning' : undefined}>
          <p>{t('report:receipt.uploadsDone', { count: uploads.length - failed.length })}</p>
          {failed.length ? (
            <>
              <ul class="plain-list">
                {failed.map((f) => (
                  <li key={f.name}>
                    {t('report:follow.uploadFailed', { name: f.name, reason: f.reason ?? '' })}
                  </li>
                ))}
              </ul>
              <p class="field-hint">{t('report:receipt.uploadsFailed')}</p>
            </>
          ) : null}
        </Panel>
      ) : null}

      {canKeepOnPhone === null ? null : (
        <section class="card" aria-labelledby="keep-title">
          <h2 id="keep-title" class="section-title">
            {t('report:receipt.keepTitle')}
          </h2>
          {canKeepOnPhone ? (
            <>
              <p class="field-hint">{t('report:receipt.keepBody')}</p>
              {kept ? (
                <p role="status" class={kept.store ? 'text-success' : 'field-error'}>
                  {keptText(kept.store, t)}
                </p>
              ) : (
                <Button variant="secondary" busy={keeping} onClick={() => void keep()}>
                  {t('report:receipt.keep')}
                </Button>
              )}
            </>
          ) : (
            <p class="field-hint">{t('report:receipt.keepUnavailable')}</p>
          )}
        </section>
      )}

      <SignedReceipt text={result.signedReceipt} number={result.number} />

      <Button block onClick={done}>
        {t('report:receipt.done')}
      </Button>
    </div>
  );
}
