// Who receives the campaign: villages (only within the officer's scope), languages and population
// groups — an empty choice means "all" — under the live count of people it reaches now.

import { AUDIENCE_STATUSES, CAMPAIGN_LANGUAGES } from '../../../../core/campaigns/campaign-schema';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import type { Village } from '../../lib/api/endpoints';
import { useT } from '../../lib/i18n';
import { AudienceCountView, useAudienceCount } from './campaign-labels';
import type { ComposeDraft } from './compose-state';
import { fieldId } from './compose-state';

export interface AudiencePickerProps {
  draft: ComposeDraft;
  /** Villages the officer may address. */
  villages: readonly Village[];
  /** The officer covers only some villages: "all" is not theirs to choose. */
  scopeLimited: boolean;
  error?: string;
  onChange: (patch: Pick<Partial<ComposeDraft>, 'villageIds' | 'languages' | 'statuses'>) => void;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

export function AudiencePicker({ draft, villages, scopeLimited, error, onChange }: AudiencePickerProps) {
  const t = useT();
  const count = useAudienceCount(
    draft.topic
      ? {
          topic: draft.topic,
          villageIds: [...draft.villageIds].sort((a, b) => a - b),
          languages: draft.languages,
          statuses: draft.statuses,
        }
      : null,
  );
  const villagesId = fieldId('audience.villageIds');
  return (
    <div class="card form">
      {/* First, and pinned while the officer ticks the choices below: the count stays in sight. */}
      <AudienceCountView state={count} topicChosen={draft.topic !== ''} sticky />
      <fieldset
        class={error ? 'check-group field-invalid' : 'check-group'}
        id={villagesId}
        tabIndex={-1}
        aria-describedby={error ? `${villagesId}-error` : `${villagesId}-hint`}
      >
        <legend>{t('publicity:audience.villages')}</legend>
        <div class="check-grid">
          {villages.map((v) => (
            <label key={v.id} class="check">
              <input
                type="checkbox"
                checked={draft.villageIds.includes(v.id)}
                onChange={(e) =>
                  onChange({ villageIds: toggle(draft.villageIds, v.id, e.currentTarget.checked) })
                }
              />
              <span>{v.name}</span>
            </label>
          ))}
        </div>
        {error ? (
          <p class="field-error" id={`${villagesId}-error`}>
            {error}
          </p>
        ) : null}
        <p class="field-hint" id={`${villagesId}-hint`}>
          {t(scopeLimited ? 'publicity:audience.villagesHintScoped' : 'publicity:audience.villagesHint')}
        </p>
      </fieldset>
      <fieldset class="check-group">
        <legend>{t('publicity:audience.languages')}</legend>
        <div class="check-grid">
          {CAMPAIGN_LANGUAGES.map((l) => (
            <label key={l} class="check">
              <input
                type="checkbox"
                checked={draft.languages.includes(l)}
                onChange={(e) => onChange({ languages: toggle(draft.languages, l, e.currentTarget.checked) })}
              />
              <span lang={l}>{LANGUAGE_NAMES[l]}</span>
            </label>
          ))}
        </div>
        <p class="field-hint">{t('publicity:audience.languagesHint')}</p>
      </fieldset>
      <fieldset class="check-group">
        <legend>{t('publicity:audience.statuses')}</legend>
        <div class="check-grid">
          {AUDIENCE_STATUSES.map((s) => (
            <label key={s} class="check">
              <input
                type="checkbox"
                checked={draft.statuses.includes(s)}
                onChange={(e) => onChange({ statuses: toggle(draft.statuses, s, e.currentTarget.checked) })}
              />
              <span>{t(`common:populationStatus.${s}`)}</span>
            </label>
          ))}
        </div>
        <p class="field-hint">{t('publicity:audience.statusesHint')}</p>
      </fieldset>
    </div>
  );
}
