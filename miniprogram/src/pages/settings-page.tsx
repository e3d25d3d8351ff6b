// Settings: language (applies at once), village (saved with the main button), the campaign topics
// the person receives (each switch saved at once; its own chunk with the topic names) and, for people
// with a service file, the health-data consent.
import { useState } from 'preact/hooks';
import { Field } from '../components/field';
import { LanguageSwitch } from '../components/language-switch';
import { Page, Section } from '../components/page';
import { ErrorState, FormError, Loading } from '../components/states';
import { isApiError } from '../lib/api/api-error';
import { getVillages, updateMe } from '../lib/api/endpoints';
import { useT } from '../lib/i18n';
import { lazyPart } from '../lib/lazy-page';
import { useProfile } from '../lib/profile';
import { useResource } from '../lib/use-resource';
import { useMainButton } from '../telegram/main-button';

// Only for people with a service file: their consent for health data, to see or withdraw.
const ConsentSettings = lazyPart(
  () => import('./service-file/consent-settings').then((m) => m.ConsentSettings),
  { namespaces: ['fileApp'] },
);

const TopicSettings = lazyPart(() => import('./campaigns/topic-settings').then((m) => m.TopicSettings), {
  namespaces: ['campaigns', 'publicity'],
});

export function SettingsPage() {
  const t = useT();
  const { me, setMe } = useProfile();
  const villages = useResource(getVillages);
  const [villageId, setVillageId] = useState<number | null>(me.user.villageId);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dirty = villageId !== null && villageId !== me.user.villageId;

  const save = async () => {
    if (!dirty || villageId === null) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      setMe(await updateMe({ villageId }));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  useMainButton(
    villages.data ? { text: t('ui.save'), onClick: save, active: dirty, progress: saving } : null,
  );

  return (
    <Page title={t('settings.title')}>
      <Section title={t('settings.language')}>
        <LanguageSwitch legend={t('settings.language')} hideLegend />
      </Section>
      {/* The field's own label names this section: a second heading would repeat it. */}
      <div class="section">
        {villages.error ? (
          <ErrorState error={villages.error} onRetry={villages.reload} />
        ) : !villages.data ? (
          <Loading />
        ) : (
          <form
            class="card form"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <Field
              id="villageId"
              label={t('fields.villageId')}
              hint={t('settings.villageHint')}
              error={isApiError(error) ? error.fieldError('villageId') : undefined}
            >
              <select
                value={villageId === null ? '' : String(villageId)}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setVillageId(value ? Number(value) : null);
                  setSaved(false);
                }}
              >
                <option value="" disabled>
                  {t('settings.villagePlaceholder')}
                </option>
                {villages.data.map((v) => (
                  <option key={v.id} value={String(v.id)}>
                    {v.name}
                  </option>
                ))}
              </select>
            </Field>
            <FormError error={error} shownFields={['villageId']} />
          </form>
        )}
        <p class="form-status" role="status">
          {saving ? t('ui.saving') : saved ? t('ui.saved') : ''}
        </p>
      </div>
      <TopicSettings />
      <ConsentSettings />
    </Page>
  );
}
