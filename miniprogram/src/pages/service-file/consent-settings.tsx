// The settings page's entry to the health-data consent (see or withdraw it), for people with a file.
import { LinkCard } from '../../components/card';
import { Section } from '../../components/page';
import { getMyFile } from '../../lib/api/service-file';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';

export function ConsentSettings() {
  const { t, language } = useI18n();
  const file = useResource(getMyFile);
  // Nothing to show to someone without a file (or while it loads, or if it cannot be read now).
  if (!file.data) return null;
  const consent = file.data.consent;
  return (
    <Section title={t('fileApp:overview.healthData')}>
      <LinkCard
        to="/service-file/consent"
        title={t('fileApp:consent.settingsLink')}
        summary={
          consent.given && consent.givenAt
            ? `${t('fileApp:consent.given', { date: formatDate(consent.givenAt, language) })} · ${t('fileApp:consent.settingsHint')}`
            : t('fileApp:consent.notGiven')
        }
      />
    </Section>
  );
}
