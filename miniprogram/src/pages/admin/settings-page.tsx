// Run-time settings, one section per capability: the time limits, retention periods, the reward
// threshold and the service file's reminder days (empty = the deployment's default), and the holiday
// calendar's days set by the admin on top of the maintained source. Ranges come from the schema.
import { useEffect, useState } from 'preact/hooks';
import {
  NUMBER_SETTING_KEYS,
  NUMBER_SETTINGS,
  type NumberSettingKey,
  SETTING_GROUPS,
} from '../../../../core/settings/settings-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { Field } from '../../components/field';
import { Page, Section } from '../../components/page';
import { ErrorState, FormError, Loading } from '../../components/states';
import { getSettings, type Settings, saveSettings } from '../../lib/api/admin';
import { fieldErrors } from '../../lib/api/api-error';
import { useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import './admin.css';

const lines = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
/** 2004–2026 for a run of years; the list when there are gaps. */
const yearSpan = (years: readonly number[]) => {
  const first = years[0];
  const last = years.at(-1);
  if (first === undefined || last === undefined) return '';
  return last - first + 1 === years.length ? `${first}–${last}` : years.join(', ');
};
const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

/** "14, 3" → [14, 3]; an entry that is not a number is sent as is, for the server to name it. */
const offsetList = (text: string) => lines(text).map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
const offsetText = (days: readonly number[]) => days.join(', ');

type Numbers = Record<NumberSettingKey, string>;

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const t = useT();
  const stored = settings.stored;
  const [numbers, setNumbers] = useState<Numbers>(
    () => Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, String(stored[k] ?? '')])) as Numbers,
  );
  const storedOffsets = stored.serviceFileReminderOffsets;
  const [before, setBefore] = useState(storedOffsets ? offsetText(storedOffsets.before) : '');
  const [after, setAfter] = useState(storedOffsets ? offsetText(storedOffsets.after) : '');
  const [holidays, setHolidays] = useState((stored.calendar?.holidays ?? []).join('\n'));
  const [workdays, setWorkdays] = useState((stored.calendar?.workdays ?? []).join('\n'));
  const [years, setYears] = useState((stored.calendar?.completeYears ?? []).join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [numbers, before, after, holidays, workdays, years]);
  const errors = fieldErrors(error);
  const firstError = (prefix: string) =>
    Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const calendar = {
        holidays: lines(holidays),
        workdays: lines(workdays),
        completeYears: lines(years).map(Number),
      };
      const empty = !calendar.holidays.length && !calendar.workdays.length && !calendar.completeYears.length;
      const noOffsets = before.trim() === '' && after.trim() === '';
      await saveSettings({
        ...(Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, numberOrNull(numbers[k])])) as Record<
          NumberSettingKey,
          number | null
        >),
        serviceFileReminderOffsets: noOffsets
          ? null
          : { before: offsetList(before), after: offsetList(after) },
        calendar: empty ? null : calendar,
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const missing = settings.calendar.missingYear;
  const numberField = (key: NumberSettingKey) => (
    <Field
      key={key}
      id={`setting-${key}`}
      label={t(`admin:settings.fields.${key}`)}
      hint={t('admin:settings.defaultHint', {
        value: settings.defaults[key],
        effective: settings.effective[key],
      })}
      error={errors[key]}
    >
      <input
        type="number"
        inputMode="numeric"
        min={NUMBER_SETTINGS[key].min}
        max={NUMBER_SETTINGS[key].max}
        value={numbers[key]}
        placeholder={String(settings.defaults[key])}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setNumbers((n) => ({ ...n, [key]: value }));
        }}
      />
    </Field>
  );
  const offsetsHint = (side: 'before' | 'after', example: string) => {
    const show = (days: readonly number[]) =>
      days.length ? offsetText(days) : t('admin:settings.offsetsNone');
    return t('admin:settings.offsetsHint', {
      example,
      value: show(settings.defaults.serviceFileReminderOffsets[side]),
      effective: show(settings.effective.serviceFileReminderOffsets[side]),
    });
  };
  return (
    <form class="form" onSubmit={(e) => void submit(e)}>
      <p class="lead">{t('admin:settings.intro')}</p>
      <Section title={t('admin:settings.sections.certificates')}>
        <div class="card form">{SETTING_GROUPS.certificates.map(numberField)}</div>
      </Section>
      <Section title={t('admin:settings.sections.tipoffs')}>
        <div class="card form">
          <p class="field-hint">{t('admin:settings.tipDeadlinesHint')}</p>
          {SETTING_GROUPS.tipoffs.map(numberField)}
        </div>
      </Section>
      <Section title={t('admin:settings.sections.serviceFile')}>
        <div class="card form">
          {SETTING_GROUPS.serviceFile.map(numberField)}
          <Field
            id="remind-before"
            label={t('admin:settings.remindBefore')}
            hint={offsetsHint('before', '14, 3')}
            error={firstError('serviceFileReminderOffsets.before')}
          >
            <input
              value={before}
              inputMode="numeric"
              placeholder={offsetText(settings.defaults.serviceFileReminderOffsets.before)}
              onInput={(e) => setBefore(e.currentTarget.value)}
            />
          </Field>
          <Field
            id="remind-after"
            label={t('admin:settings.remindAfter')}
            hint={offsetsHint('after', '7, 30')}
            error={firstError('serviceFileReminderOffsets.after') ?? firstError('serviceFileReminderOffsets')}
          >
            <input
              value={after}
              inputMode="numeric"
              placeholder={offsetText(settings.defaults.serviceFileReminderOffsets.after)}
              onInput={(e) => setAfter(e.currentTarget.value)}
            />
          </Field>
        </div>
      </Section>
      <Section title={t('admin:settings.calendarTitle')}>
        <div class="card form">
          <p>
            {t('admin:settings.calendarSource', {
              years: yearSpan(settings.calendar.sourceYears),
            })}
          </p>
          {missing ? (
            <Panel tone="warning">
              <p>{t('admin:settings.calendarMissing', { year: missing })}</p>
            </Panel>
          ) : (
            <p class="muted">{t('admin:settings.calendarOk')}</p>
          )}
          <Field
            id="holidays"
            label={t('admin:settings.holidays')}
            hint={t('admin:settings.datesHint')}
            error={firstError('calendar.holidays')}
          >
            <textarea rows={4} value={holidays} onInput={(e) => setHolidays(e.currentTarget.value)} />
          </Field>
          <Field
            id="workdays"
            label={t('admin:settings.workdays')}
            hint={t('admin:settings.datesHint')}
            error={firstError('calendar.workdays')}
          >
            <textarea rows={3} value={workdays} onInput={(e) => setWorkdays(e.currentTarget.value)} />
          </Field>
          <Field
            id="complete-years"
            label={t('admin:settings.completeYears')}
            hint={t('admin:settings.completeYearsHint')}
            error={firstError('calendar.completeYears')}
          >
            <input value={years} inputMode="numeric" onInput={(e) => setYears(e.currentTarget.value)} />
          </Field>
        </div>
      </Section>
      <FormError
        error={error}
        shownFields={[...NUMBER_SETTING_KEYS, 'serviceFileReminderOffsets', 'calendar']}
      />
      <div class="form-actions">
        <Button type="submit" busy={busy}>
          {t('admin:settings.save')}
        </Button>
      </div>
      <p class="form-status" role="status">
        {saved ? t('admin:settings.saved') : ''}
      </p>
    </form>
  );
}

export function AdminSettingsPage() {
  const t = useT();
  const settings = useResource(getSettings);
  return (
    <AdminGate title={t('admin:settings.title')}>
      <Page title={t('admin:settings.title')}>
        {settings.error ? (
          <ErrorState error={settings.error} onRetry={settings.reload} />
        ) : !settings.data ? (
          <Loading />
        ) : (
          <SettingsForm settings={settings.data} onSaved={settings.reload} />
        )}
      </Page>
    </AdminGate>
  );
}
