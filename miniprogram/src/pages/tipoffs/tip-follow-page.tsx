// /tip-offs/follow — "Follow my report" in the mini app: a receipt typed or picked from this phone,
// then the report as its reporter sees it. The receipt lives in this page's memory only.
import { useState } from 'preact/hooks';
import { Page } from '../../components/page';
import { getConfig } from '../../lib/api/endpoints';
import type { ReporterTipView } from '../../lib/api/tipoffs';
import { useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { phoneStorageSupported } from '../../telegram/phone-storage';
import { useInTelegram, useTelegramClient } from '../../telegram/telegram-context';
import { ReceiptEntry, TipStatusView } from './follow-view';
import './tipoffs.css';

/** Used before /api/config answers; the server checks the size anyway. */
const FALLBACK_MAX_UPLOAD_MB = 10;

export function TipFollowPage() {
  const t = useT();
  const inTelegram = useInTelegram();
  const client = useTelegramClient();
  const config = useResource(getConfig);
  const [opened, setOpened] = useState<{ receipt: string; view: ReporterTipView } | null>(null);
  return (
    <Page title={t('report:follow.title')}>
      {opened ? (
        <TipStatusView
          receipt={opened.receipt}
          initial={opened.view}
          channel="mini_app"
          maxUploadMb={config.data?.certificates.maxUploadMb ?? FALLBACK_MAX_UPLOAD_MB}
          onLeave={() => setOpened(null)}
        />
      ) : (
        <ReceiptEntry
          canUsePhone={phoneStorageSupported(client, inTelegram)}
          onOpened={(receipt, view) => setOpened({ receipt, view })}
        />
      )}
    </Page>
  );
}
