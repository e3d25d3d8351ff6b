// /verify — 核验证明: anyone signed in (an officer, an employer who uses the bot) scans the QR code of a
// certificate they are shown with Telegram's scanner, or pastes its text, and gets one verdict reached on
// this phone (verify/judge-scan.ts). Nothing of the payload — name, ID number — leaves the phone.
import { useRef, useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { useT } from '../../lib/i18n';
import { useMainButton } from '../../telegram/main-button';
import { canScanQr, scanQr } from '../../telegram/scan-qr';
import { useInTelegram, useTelegramClient } from '../../telegram/telegram-context';
import { judgeReceipt, type ReceiptVerdict, receiptKindOf } from '../../verify/judge-receipt';
import { judgeScannedText, type ScanVerdict } from '../../verify/judge-scan';
import { ReceiptVerdictView, ScanVerdictView } from './scan-verdict';
import './scan.css';

export function ScanPage() {
  const t = useT();
  const client = useTelegramClient();
  const scanner = useInTelegram() && canScanQr(client);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [verdict, setVerdict] = useState<ScanVerdict | ReceiptVerdict | 'checking' | null>(null);
  const latest = useRef(0);

  const check = async (scanned: string) => {
    const run = ++latest.current;
    setVerdict('checking');
    let next: ScanVerdict | ReceiptVerdict;
    const receipt = receiptKindOf(scanned);
    try {
      // A service-file or tip-off receipt is vouched for by the office; a certificate on this phone.
      next = receipt
        ? await judgeReceipt(scanned, receipt)
        : await judgeScannedText(scanned, () => new Date());
    } catch {
      // Whatever could not be judged is not relied on.
      next = receipt ? { state: 'receipt_not_genuine', receipt } : { state: 'not_genuine', reason: 'format' };
    }
    // A newer scan replaces this one; its verdict must not come back over the newer.
    if (run === latest.current) setVerdict(next);
  };
  const scan = async () => {
    // The last verdict goes before the camera opens: what shows after belongs to this scan only.
    latest.current++;
    setVerdict(null);
    const scanned = await scanQr(t('scan.popupText'));
    if (scanned) void check(scanned);
  };
  useMainButton(
    scanner
      ? { text: t('scan.scanButton'), onClick: () => void scan(), progress: verdict === 'checking' }
      : null,
  );

  const submit = (e: Event) => {
    e.preventDefault();
    setEmpty(text.trim() === '');
    if (text.trim()) void check(text);
  };

  return (
    <Page title={t('scan.title')}>
      <p class="lead">{t('scan.intro')}</p>
      <div class="scan-result" aria-live="polite">
        {verdict === null ? null : verdict !== 'checking' && verdict.state.startsWith('receipt_') ? (
          <ReceiptVerdictView verdict={verdict as ReceiptVerdict} />
        ) : (
          <ScanVerdictView verdict={verdict as ScanVerdict | 'checking'} />
        )}
      </div>
      <form class="form scan-form" onSubmit={submit} noValidate>
        <Field
          id="scan-text"
          label={t('scan.pasteLabel')}
          hint={t(scanner ? 'scan.pasteHint' : 'scan.pasteHintNoCamera')}
          error={empty ? t('scan.empty') : undefined}
        >
          <textarea
            rows={3}
            value={text}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </Field>
        <Button type="submit" variant={scanner ? 'secondary' : 'primary'} block busy={verdict === 'checking'}>
          {t('scan.check')}
        </Button>
      </form>
    </Page>
  );
}
