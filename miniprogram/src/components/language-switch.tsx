// Language choice as a segmented radio group: applies at once and re-renders the whole app.
import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '../../../core/i18n/languages';
import { type Language, useI18n } from '../lib/i18n';
import { FormError } from './states';

export function LanguageSwitch({ legend, hideLegend }: { legend: string; hideLegend?: boolean }) {
  const { language, setLanguage } = useI18n();
  const [pending, setPending] = useState<Language | null>(null);
  const [error, setError] = useState<unknown>(null);
  const choose = async (next: Language) => {
    if (next === language || pending) return;
    setPending(next);
    setError(null);
    try {
      await setLanguage(next);
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  };
  return (
    <fieldset class="segmented" aria-busy={pending ? true : undefined}>
      <legend class={hideLegend ? 'visually-hidden' : 'field-label'}>{legend}</legend>
      <div class="segmented-options">
        {SUPPORTED_LANGUAGES.map((l) => (
          <label key={l} class={(pending ?? language) === l ? 'segment segment-on' : 'segment'}>
            <input
              type="radio"
              name="language"
              value={l}
              checked={(pending ?? language) === l}
              disabled={pending !== null}
              onChange={() => void choose(l)}
            />
            <span lang={l}>{LANGUAGE_NAMES[l]}</span>
          </label>
        ))}
      </div>
      <FormError error={error} shownFields={['language']} />
    </fieldset>
  );
}
