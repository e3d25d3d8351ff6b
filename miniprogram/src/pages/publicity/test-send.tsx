// "Send a test to myself": one language's message to the officer's own chat, exactly as recipients
// get it (not counted anywhere). `prepare` saves unsaved changes first and gives the campaign id.
import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Button } from '../../components/button';
import { FormError } from '../../components/states';
import { type CampaignLanguage, sendTest } from '../../lib/api/campaigns';
import { useT } from '../../lib/i18n';

export function TestSend({
  language,
  prepare,
}: {
  language: CampaignLanguage;
  prepare: () => Promise<string | null>;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<CampaignLanguage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setBusy(true);
    setSent(null);
    setError(null);
    try {
      const id = await prepare();
      if (!id) return;
      const result = await sendTest(id, language);
      setSent(result.language);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="test-send">
      <Button variant="secondary" block busy={busy} onClick={() => void send()}>
        {t('publicity:test.send', { language: LANGUAGE_NAMES[language] })}
      </Button>
      <p class="form-status" role="status">
        {sent ? t('publicity:test.sent', { language: LANGUAGE_NAMES[sent] }) : ''}
      </p>
      <FormError error={error} shownFields={[]} />
    </div>
  );
}
