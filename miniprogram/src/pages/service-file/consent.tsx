// Consent for health data (健康资料授权): the screen shown before the first check-up upload (purpose, who
// sees it, how long it is kept, how to withdraw), and /service-file/consent where it is read again and
// withdrawn — withdrawing deletes the health data, after a confirmation that says so.
import { useState } from 'preact/hooks';
import { HEALTH_CONSENT_VERSION } from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { Notice, Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Page } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { type ConsentState, getMyFile, giveConsent, withdrawConsent } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { NoFileYet } from './item-status';
import './service-file.css';

/** What the person agrees to, in four plain parts. */
export function ConsentText({ retentionDays }: { retentionDays: number }) {
  const t = useT();
  const parts = [
    ['purpose', t('fileApp:consent.purposeText')],
    ['who', t('fileApp:consent.whoText')],
    ['keep', t('fileApp:consent.keepText', { days: retentionDays })],
    ['withdraw', t('fileApp:consent.withdrawText')],
  ] as const;
  return (
    <section class="card consent" aria-labelledby="consent-title">
      <h2 id="consent-title" class="notice-title">
        {t('fileApp:consent.title')}
      </h2>
      <p>{t('fileApp:consent.intro')}</p>
      <dl class="notice-list">
        {parts.map(([key, text]) => (
          <div key={key}>
            <dt>{t(`fileApp:consent.${key}`)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p class="note">
        <strong>{t('fileApp:consent.notCollected')}</strong>
      </p>
    </section>
  );
}

/** The consent step before the first health upload: agreeing records it and shows the form. */
export function ConsentStep({ retentionDays, onGiven }: { retentionDays: number; onGiven: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const agree = async () => {
    setBusy(true);
    setError(null);
    try {
      await giveConsent({ version: HEALTH_CONSENT_VERSION });
      onGiven();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton({ text: t('fileApp:consent.agree'), onClick: () => void agree(), progress: busy });
  return (
    <div class="stack">
      <ConsentText retentionDays={retentionDays} />
      <FormError error={error} shownFields={[]} />
    </div>
  );
}

function ConsentStatus({ consent, onChange }: { consent: ConsentState; onChange: (notice: string) => void }) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <Panel tone={consent.given ? 'info' : undefined}>
      <p role="status">
        <strong>
          {consent.given && consent.givenAt
            ? t('fileApp:consent.given', { date: formatDate(consent.givenAt, language) })
            : t('fileApp:consent.notGiven')}
        </strong>
      </p>
      {consent.given ? (
        <Button variant="secondary" block class="button-danger" onClick={() => setConfirming(true)}>
          {t('fileApp:consent.withdrawButton')}
        </Button>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('fileApp:consent.withdrawTitle')}
          body={t('fileApp:consent.withdrawBody')}
          confirm={t('fileApp:consent.withdrawConfirm')}
          danger
          action={withdrawConsent}
          onConfirmed={() => onChange(t('fileApp:consent.withdrawn'))}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Panel>
  );
}

/** /service-file/consent — read the consent again, give it, or withdraw it. */
export function ConsentPage() {
  const t = useT();
  const file = useResource(getMyFile);
  const [notice, setNotice] = useState<string | null>(null);
  const [giving, setGiving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const consent = file.data?.consent;
  const give = async () => {
    setGiving(true);
    setError(null);
    try {
      await giveConsent({ version: HEALTH_CONSENT_VERSION });
      setNotice(null);
      file.reload();
    } catch (e) {
      setError(e);
    } finally {
      setGiving(false);
    }
  };
  useMainButton(
    consent && !consent.given
      ? { text: t('fileApp:consent.agree'), onClick: () => void give(), progress: giving }
      : null,
  );
  if (file.error) {
    return (
      <Page title={t('fileApp:consent.title')}>
        <ErrorState error={file.error} onRetry={file.reload} />
      </Page>
    );
  }
  if (file.data === undefined) return <Loading />;
  if (!file.data || !consent) return <NoFileYet />;
  return (
    <Page title={t('fileApp:consent.title')}>
      <Notice text={notice} />
      <ConsentStatus
        consent={consent}
        onChange={(message) => {
          setNotice(message);
          file.reload();
        }}
      />
      <FormError error={error} shownFields={[]} />
      <ConsentText retentionDays={file.data.settings.reportRetentionDays} />
    </Page>
  );
}
