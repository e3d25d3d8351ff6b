// Run-time settings: the certificate time limit and document retention (empty = the deployment's
// default), and the holiday calendar's days set by the admin on top of the maintained source.
import { useEffect, useState } from 'preact/hooks';
import { DEADLINE_DAYS_RANGE, RETENTION_DAYS_RANGE } from '../../../../core/settings/settings-schema';
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

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const t = useT();
  const stored = settings.stored;
  const [deadline, setDeadline] = useState(String(stored.certificateDeadlineWorkingDays ?? ''));
  const [retention, setRetention] = useState(String(stored.certificateDocumentRetentionDays ?? ''));
  const [holidays, setHolidays] = useState((stored.calendar?.holidays ?? []).join('\n'));
  const [workdays, setWorkdays] = useState((stored.calendar?.workdays ?? []).join('\n'));
  const [years, setYears] = useState((stored.calendar?.completeYears ?? []).join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [deadline, retention, holidays, workdays, years]);
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
      await saveSettings({
        certificateDeadlineWorkingDays: numberOrNull(deadline),
        certificateDocumentRetentionDays: numberOrNull(retention),
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
  return (
    <form class="form" onSubmit={(e) => void submit(e)}>
      <p class="lead">{t('admin:settings.intro')}</p>
      <div class="card form">
        <Field
          id="deadline"
          label={t('admin:settings.deadline')}
          hint={t('admin:settings.defaultHint', {
            value: settings.defaults.certificateDeadlineWorkingDays,
            effective: settings.effective.certificateDeadlineWorkingDays,
          })}
          error={errors.certificateDeadlineWorkingDays}
        >
          <input
            type="number"
            inputMode="numeric"
            min={DEADLINE_DAYS_RANGE.min}
            max={DEADLINE_DAYS_RANGE.max}
            value={deadline}
            placeholder={String(settings.defaults.certificateDeadlineWorkingDays)}
            onInput={(e) => setDeadline(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="retention"
          label={t('admin:settings.retention')}
          hint={t('admin:settings.defaultHint', {
            value: settings.defaults.certificateDocumentRetentionDays,
            effective: settings.effective.certificateDocumentRetentionDays,
          })}
          error={errors.certificateDocumentRetentionDays}
        >
          <input
            type="number"
            inputMode="numeric"
            min={RETENTION_DAYS_RANGE.min}
            max={RETENTION_DAYS_RANGE.max}
            value={retention}
            placeholder={String(settings.defaults.certificateDocumentRetentionDays)}
            onInput={(e) => setRetention(e.currentTarget.value)}
          />
        </Field>
      </div>
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
        shownFields={['certificateDeadlineWorkingDays', 'certificateDocumentRetentionDays', 'calendar']}
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
