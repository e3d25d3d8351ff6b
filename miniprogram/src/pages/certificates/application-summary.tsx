// The application's data, read-only: for the applicant before submitting and while it is reviewed,
// and for the reviewing officer beside the documents. Reads the stored form defensively (it is JSON).
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../lib/format';
import { type Language, type TextKey, type Translate, useI18n } from '../../lib/i18n';
import { FIELDS, type StepId, valueAt } from './form-fields';

function str(form: unknown, path: string): string | undefined {
  const v = valueAt(form, path);
  return typeof v === 'string' && v.trim() ? v : undefined;
}

function display(path: string, value: string, t: Translate, language: Language): ComponentChildren {
  if (path.endsWith('sex')) return t(`certificates:sex.${value}` as TextKey);
  if (path === 'marital.status') return t(`certificates:maritalStatus.${value}` as TextKey);
  if (/date$|since$/i.test(path) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, language);
  if (path.endsWith('idNumber')) return <span class="mono">{value}</span>;
  return value;
}

export interface ApplicationSummaryProps {
  form: unknown;
  villageName: string | null;
  /** Adds an "Edit" button per section (the form's last step). */
  onEdit?: (step: StepId) => void;
  /** Paths to mark (e.g. what the officer asked to fix). */
  flagged?: ReadonlySet<string>;
  /** The officer's review screen: labels about the applicant, not addressed to them. */
  forOfficer?: boolean;
}

const SECTIONS: readonly StepId[] = ['personal', 'residence', 'marital', 'children'];

export function ApplicationSummary({
  form,
  villageName,
  onEdit,
  flagged,
  forOfficer,
}: ApplicationSummaryProps) {
  const { t, language } = useI18n();
  const notGiven = <span class="muted">{t('certView.notGiven')}</span>;
  const children = valueAt(form, 'children');
  const childList = Array.isArray(children) ? children : [];
  return (
    <div class="summary">
      {SECTIONS.map((step) => (
        <section key={step} class="card summary-section" aria-labelledby={`summary-${step}`}>
          <div class="summary-head">
            <h3 id={`summary-${step}`}>{t(`certForm.steps.${step}`)}</h3>
            {onEdit ? (
              <button type="button" class="link-button" onClick={() => onEdit(step)}>
                {t('certForm.edit')}
                <span class="visually-hidden"> {t(`certForm.steps.${step}`)}</span>
              </button>
            ) : null}
          </div>
          {step === 'children' ? (
            childList.length === 0 ? (
              <p class="muted">{t('certView.noChildren')}</p>
            ) : (
              <ol class="summary-children">
                {childList.map((_, i) => {
                  const name = str(form, `children.${i}.name`);
                  const sex = str(form, `children.${i}.sex`);
                  const birth = str(form, `children.${i}.birthDate`);
                  return (
                    <li key={i} class={flagged?.has(`children.${i}`) ? 'flagged' : undefined}>
                      {name ?? notGiven}
                      {sex ? ` · ${t(`certificates:sex.${sex}` as TextKey)}` : ''}
                      {birth ? ` · ${display('birthDate', birth, t, language)}` : ''}
                    </li>
                  );
                })}
              </ol>
            )
          ) : (
            <dl class="summary-list">
              {FIELDS.filter((f) => f.step === step).map((f) => {
                const value = f.path === 'villageId' ? (villageName ?? undefined) : str(form, f.path);
                // Spouse and marriage date only make sense for some statuses: leave them out when empty.
                if (!value && (f.path.startsWith('marital.spouse') || f.path === 'marital.marriageDate'))
                  return null;
                return (
                  <div key={f.path} class={flagged?.has(f.path) ? 'summary-row flagged' : 'summary-row'}>
                    <dt>{t(forOfficer && f.path === 'villageId' ? 'review.village' : f.label)}</dt>
                    <dd>
                      {value
                        ? f.path === 'villageId'
                          ? value
                          : display(f.path, value, t, language)
                        : notGiven}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
        </section>
      ))}
    </div>
  );
}
