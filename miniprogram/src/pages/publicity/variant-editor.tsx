// One language's message: the text (formatted, or its Telegram HTML, with a live character count),
// an optional image and an optional button (a page of this app or an https link), next to the live
// preview.
import { useState } from 'preact/hooks';
import { MAX_BUTTON_TEXT_CHARS } from '../../../../core/campaigns/campaign-limits';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { errorMessage } from '../../components/states';
import type { CampaignLanguage } from '../../lib/api/campaigns';
import type { GuideListItem } from '../../lib/api/guide';
import { useT } from '../../lib/i18n';
import { type ButtonDraft, fieldId, textLimit, type VariantDraft, visibleLength } from './compose-state';
import { MessagePreview } from './message-preview';
import { MessageTextEditor } from './message-text-editor';

/** Pages of this app a button may open (paths below /app/). */
const APP_PAGES = ['campaigns', 'guide', 'certificates', 'settings'] as const;

export interface VariantEditorProps {
  language: CampaignLanguage;
  value: VariantDraft;
  title: string;
  onChange: (patch: Partial<VariantDraft>) => void;
  issueFor: (path: string) => string | undefined;
  guidePages: readonly GuideListItem[];
  /** Set once the campaign exists: images can be attached then. */
  campaignId?: string;
  imageVersion: string;
  onUploadImage: (file: File) => Promise<void>;
  onRemoveImage: () => Promise<void>;
}

export function VariantEditor({
  language,
  value,
  title,
  onChange,
  issueFor,
  guidePages,
  campaignId,
  imageVersion,
  onUploadImage,
  onRemoveImage,
}: VariantEditorProps) {
  const t = useT();
  const [imageBusy, setImageBusy] = useState(false);
  const [imageError, setImageError] = useState<unknown>(null);
  const path = (p: string) => `variants.${language}.${p}`;
  const length = visibleLength(value.text);
  const limit = textLimit(value);
  const textError = issueFor(path('text')) ?? (length === null ? t('campaigns:validation.html') : undefined);

  const setButton = (patch: Partial<ButtonDraft> | null) =>
    onChange({
      button:
        patch === null
          ? null
          : { ...(value.button ?? { text: '', kind: 'mini_app', target: 'campaigns' }), ...patch },
    });

  const image = async (action: () => Promise<void>) => {
    setImageBusy(true);
    setImageError(null);
    try {
      await action();
    } catch (e) {
      setImageError(e);
    } finally {
      setImageBusy(false);
    }
  };

  const targets = [
    ...APP_PAGES.map((p) => ({ value: p, label: t(`publicity:button.pages.${p}`) })),
    ...guidePages.map((g) => ({
      value: `guide/${g.slug}`,
      label: `${t('publicity:button.pages.guide')} · ${g.title}`,
    })),
  ];
  const button = value.button;
  if (button?.kind === 'mini_app' && button.target && !targets.some((x) => x.value === button.target))
    targets.push({ value: button.target, label: button.target });
  const textId = fieldId(path('text'));

  return (
    <div class="variant">
      <div class={textError ? 'field field-invalid' : 'field'}>
        <label class="field-label" id={`${textId}-label`} for={textId}>
          {t('publicity:compose.text', { language: LANGUAGE_NAMES[language] })}
        </label>
        <MessageTextEditor
          id={textId}
          language={language}
          value={value.text}
          placeholder={t(
            language === 'zh-CN'
              ? 'publicity:compose.textPlaceholderMain'
              : 'publicity:compose.textPlaceholder',
          )}
          invalid={Boolean(textError)}
          describedBy={`${textId}-count ${textId}-hint${textError ? ` ${textId}-error` : ''}`}
          onChange={(text) => onChange({ text })}
        />
        {textError ? (
          <p class="field-error" id={`${textId}-error`}>
            {textError}
          </p>
        ) : null}
        <p
          class={length !== null && length > limit ? 'field-hint text-danger' : 'field-hint'}
          id={`${textId}-count`}
        >
          {t('publicity:compose.count', { n: length ?? '—', max: limit })}
        </p>
        <p class="field-hint" id={`${textId}-hint`}>
          {t(language === 'zh-CN' ? 'publicity:compose.mainHint' : 'publicity:compose.otherHint')}
        </p>
      </div>

      <div class="variant-extra">
        <p class="field-label">{t('publicity:image.title')}</p>
        {!campaignId ? (
          <p class="field-hint">{t('publicity:image.saveFirst')}</p>
        ) : value.hasImage ? (
          <div class="image-actions">
            <p class="field-hint">{t('publicity:image.attached')}</p>
            <Button
              variant="plain"
              class="button-danger"
              busy={imageBusy}
              onClick={() => void image(onRemoveImage)}
            >
              {t('publicity:image.remove')}
            </Button>
          </div>
        ) : (
          <div class="file-picker">
            <input
              id={`image-${language}`}
              class="visually-hidden"
              type="file"
              accept="image/jpeg,image/png"
              disabled={imageBusy}
              onChange={(e) => {
                const input = e.currentTarget;
                const file = input.files?.[0];
                if (file)
                  void image(() => onUploadImage(file)).finally(() => {
                    input.value = '';
                  });
              }}
            />
            <label
              for={`image-${language}`}
              class={
                imageBusy
                  ? 'button button-secondary button-block is-disabled'
                  : 'button button-secondary button-block'
              }
            >
              {imageBusy ? t('publicity:image.uploading') : t('publicity:image.add')}
            </label>
            <p class="field-hint">{t('publicity:image.hint')}</p>
          </div>
        )}
        {imageError ? (
          <p class="field-error" role="alert">
            {errorMessage(imageError, t)}
          </p>
        ) : null}
      </div>

      <div class="variant-extra">
        <label class="check">
          <input
            type="checkbox"
            checked={button !== null}
            onChange={(e) => setButton(e.currentTarget.checked ? {} : null)}
          />
          <span>{t('publicity:button.add')}</span>
        </label>
        {button ? (
          <div class="form">
            <Field
              id={fieldId(path('button.text'))}
              label={t('publicity:button.text')}
              error={issueFor(path('button.text'))}
            >
              <input
                type="text"
                maxLength={MAX_BUTTON_TEXT_CHARS}
                value={button.text}
                placeholder={t('publicity:button.textPlaceholder')}
                onInput={(e) => setButton({ text: e.currentTarget.value })}
              />
            </Field>
            <fieldset class="segmented">
              <legend class="field-label">{t('publicity:button.kind')}</legend>
              <div class="segmented-options">
                {(['mini_app', 'url'] as const).map((kind) => (
                  <label key={kind} class={button.kind === kind ? 'segment segment-on' : 'segment'}>
                    <input
                      type="radio"
                      name={`button-kind-${language}`}
                      checked={button.kind === kind}
                      onChange={() => setButton({ kind, target: kind === 'url' ? 'https://' : 'campaigns' })}
                    />
                    <span>{t(`publicity:button.kinds.${kind}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Field
              id={fieldId(path('button.target'))}
              label={t(button.kind === 'url' ? 'publicity:button.url' : 'publicity:button.page')}
              error={issueFor(path('button.target'))}
            >
              {button.kind === 'url' ? (
                <input
                  type="url"
                  inputMode="url"
                  value={button.target}
                  placeholder="https://"
                  onInput={(e) => setButton({ target: e.currentTarget.value })}
                />
              ) : (
                <select value={button.target} onChange={(e) => setButton({ target: e.currentTarget.value })}>
                  {targets.map((x) => (
                    <option key={x.value} value={x.value}>
                      {x.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : null}
      </div>

      <MessagePreview
        language={language}
        text={value.text}
        button={button}
        title={title}
        image={campaignId && value.hasImage ? { campaignId, version: imageVersion } : undefined}
      />
    </div>
  );
}
