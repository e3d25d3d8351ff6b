// /review/service-file/agreement — the office publishes a new version of the service agreement (admin):
// the current version's texts to start from, one text per language, and a confirmation that says
// everyone who acknowledged the current version will be asked to read and acknowledge the new one.
import { useEffect, useState } from 'preact/hooks';
import {
  AGREEMENT_TEXT_MAX_CHARS,
  type TPublishAgreement,
  ZPublishAgreementSchema,
} from '../../../../core/service-file/service-file-schema';
import { Button } from '../../components/button';
import { Notice } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { Page, Section } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { getAgreement, publishAgreement } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import './service-file.css';

const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
type Texts = TPublishAgreement['texts'];

export function AgreementPage() {
  const { t, language } = useI18n();
  const current = useResource(getAgreement);
  const [texts, setTexts] = useState<Texts>({ 'zh-CN': '', 'zh-TW': '', en: '' });
  const [showErrors, setShowErrors] = useState(false);
  const [confirming, setConfirming] = useState<TPublishAgreement | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = current.data?.current;
  useEffect(() => {
    if (loaded)
      setTexts({
        'zh-CN': loaded.texts['zh-CN'] ?? '',
        'zh-TW': loaded.texts['zh-TW'] ?? '',
        en: loaded.texts.en ?? '',
      });
  }, [loaded]);
  if (current.error) {
    return (
      <Page title={t('fileApp:agreementOffice.title')}>
        <ErrorState error={current.error} onRetry={current.reload} />
      </Page>
    );
  }
  if (!current.data) return <Loading />;
  const parsed = ZPublishAgreementSchema.safeParse({ texts });
  const wrong = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[1] ?? '')));
  const next = (loaded?.version ?? 0) + 1;
  const publish = () => {
    setShowErrors(true);
    setNotice(null);
    if (!parsed.success) {
      document.getElementById(`agreement-${[...wrong][0]}`)?.focus();
      return;
    }
    setConfirming(parsed.data);
  };
  return (
    <Page title={t('fileApp:agreementOffice.title')} eyebrow={t('fileApp:officer.section')}>
      <Notice text={notice} />
      <div class="card status-card">
        <p class="lead">
          {loaded
            ? t('fileApp:agreementOffice.current', {
                version: loaded.version,
                date: formatDate(loaded.publishedAt, language),
              })
            : t('fileApp:agreementOffice.noneYet')}
        </p>
        <p class="field-hint">{t('fileApp:agreementOffice.intro')}</p>
      </div>
      <Section title={t('fileApp:agreementOffice.newVersion', { version: next })}>
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            publish();
          }}
        >
          {LANGUAGES.map((lang) => (
            <Field
              key={lang}
              id={`agreement-${lang}`}
              label={t(`fileApp:agreementOffice.text.${lang}`)}
              error={showErrors && wrong.has(lang) ? t('fileApp:agreementOffice.tooShort') : undefined}
            >
              <textarea
                rows={6}
                maxLength={AGREEMENT_TEXT_MAX_CHARS}
                value={texts[lang]}
                onInput={(e) => setTexts({ ...texts, [lang]: e.currentTarget.value })}
              />
            </Field>
          ))}
          <Button type="submit" block>
            {t('fileApp:agreementOffice.publish', { version: next })}
          </Button>
        </form>
      </Section>
      {confirming ? (
        <ConfirmDialog
          title={t('fileApp:agreementOffice.confirmTitle', { version: next })}
          body={t('fileApp:agreementOffice.confirmBody')}
          confirm={t('fileApp:agreementOffice.publish', { version: next })}
          action={() => publishAgreement(confirming)}
          onConfirmed={(result) => {
            setNotice(
              t('fileApp:agreementOffice.published', { version: result.version, count: result.asked }),
            );
            setShowErrors(false);
            window.scrollTo(0, 0);
            current.reload();
          }}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </Page>
  );
}
