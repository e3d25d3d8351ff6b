// /tip-offs/new — the report form in the mini app; once sent, the receipt is shown here, once, and the
// page leaves only after "I have saved it". The receipt never enters the address or the history.
import { useState } from 'preact/hooks';
import { Page } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { getConfig, getVillages } from '../../lib/api/endpoints';
import type { SubmittedTip } from '../../lib/api/tipoffs';
import { useT } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { phoneStorageSupported } from '../../telegram/phone-storage';
import { useInTelegram, useTelegramClient } from '../../telegram/telegram-context';
import { ReceiptPanel } from './receipt-panel';
import { TipForm, type UploadOutcome } from './tip-form';
import './tipoffs.css';

export function TipNewPage() {
  const t = useT();
  const inTelegram = useInTelegram();
  const client = useTelegramClient();
  const setup = useResource(() => Promise.all([getVillages(), getConfig()]));
  const [sent, setSent] = useState<{ result: SubmittedTip; uploads: UploadOutcome[] } | null>(null);

  if (sent) {
    return (
      <Page title={t('report:receipt.title')} back={false}>
        <ReceiptPanel
          result={sent.result}
          uploads={sent.uploads}
          canKeepOnPhone={phoneStorageSupported(client, inTelegram)}
          onDone={() => navigate('/tip-offs/start', { replace: true })}
        />
      </Page>
    );
  }
  return (
    <Page title={t('report:form.title')}>
      {setup.data ? (
        <TipForm
          channel="mini_app"
          villages={setup.data[0]}
          maxUploadMb={setup.data[1].certificates.maxUploadMb}
          onSubmitted={(result, uploads) => {
            setSent({ result, uploads });
            window.scrollTo(0, 0);
          }}
        />
      ) : setup.error ? (
        <ErrorState error={setup.error} onRetry={setup.reload} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
