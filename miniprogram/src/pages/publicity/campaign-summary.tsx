// A campaign as the approver (or the author after submitting) reads it: topic and audience in words
// with the number of people it reaches now, and each language's message as the chat will show it.
import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Section } from '../../components/page';
import type { CampaignLanguage, CampaignView, TopicCode } from '../../lib/api/campaigns';
import { getVillages } from '../../lib/api/endpoints';
import { useI18n } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { topicKey } from '../campaigns/published-row';
import { AudienceCountView, audienceText, useAudienceCount } from './campaign-labels';
import { LANGUAGES } from './compose-state';
import { MessagePreview } from './message-preview';

/** Statuses in which the count still matters: it is fixed once sending starts. */
const BEFORE_SENDING = new Set(['draft', 'submitted', 'approved', 'scheduled']);

/** The versions in the office's order (zh-CN, zh-TW, en); the reader's own language shown first. */
export function versionLanguages(view: CampaignView, reader: CampaignLanguage) {
  const languages = LANGUAGES.filter((l) => view.variants.some((v) => v.language === l));
  const first = languages.includes(reader) ? reader : (languages[0] ?? 'zh-CN');
  return { languages, first };
}

/**
 * Readers in the audience who get the Simplified Chinese version because theirs was not written — a
 * language the audience leaves out has no readers to mention.
 */
function fallbackLanguages(view: CampaignView, written: readonly CampaignLanguage[]): CampaignLanguage[] {
  const reached = view.audience.languages.length ? view.audience.languages : LANGUAGES;
  return LANGUAGES.filter((l) => l !== 'zh-CN' && reached.includes(l) && !written.includes(l));
}

export function CampaignSummary({ view }: { view: CampaignView }) {
  const { t, language } = useI18n();
  const villages = useResource(getVillages);
  const audience = audienceText(view.audience, villages.data ?? [], t);
  const live = BEFORE_SENDING.has(view.status);
  // The API answers topics as plain strings; they are always one of the topic codes.
  const count = useAudienceCount(live ? { topic: view.topic as TopicCode, ...view.audience } : null);
  const { languages, first } = versionLanguages(view, language);
  const [tab, setTab] = useState<CampaignLanguage>(first);
  const variant = view.variants.find((v) => v.language === tab);
  const fallback = fallbackLanguages(view, languages);
  return (
    <>
      <Section title={t('publicity:audience.title')}>
        <div class="card">
          <dl class="summary-list">
            <div class="summary-row">
              <dt>{t('publicity:compose.topic')}</dt>
              <dd>{t(topicKey(view.topic))}</dd>
            </div>
            <div class="summary-row">
              <dt>{t('publicity:audience.villages')}</dt>
              <dd>{audience.villages}</dd>
            </div>
            <div class="summary-row">
              <dt>{t('publicity:audience.languages')}</dt>
              <dd>{audience.languages}</dd>
            </div>
            <div class="summary-row">
              <dt>{t('publicity:audience.statuses')}</dt>
              <dd>{audience.statuses}</dd>
            </div>
          </dl>
          {live ? <AudienceCountView state={count} topicChosen /> : null}
        </div>
      </Section>
      <Section title={t('publicity:compose.messages')}>
        {languages.length > 1 ? (
          <fieldset class="segmented">
            <legend class="visually-hidden">{t('publicity:compose.languageTabs')}</legend>
            <div class="segmented-options">
              {languages.map((l) => (
                <label key={l} class={tab === l ? 'segment segment-on' : 'segment'}>
                  <input
                    type="radio"
                    name="preview-tab"
                    value={l}
                    checked={tab === l}
                    onChange={() => setTab(l)}
                  />
                  <span lang={l}>{LANGUAGE_NAMES[l]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div class="card">
          {variant ? (
            <MessagePreview
              language={variant.language}
              text={variant.text}
              button={variant.button}
              title={view.title}
              image={variant.hasImage ? { campaignId: view.id, version: variant.updatedAt } : undefined}
            />
          ) : (
            <p class="muted">{t('publicity:preview.noVersions')}</p>
          )}
          {fallback.length ? (
            <p class="field-hint">
              {t('publicity:preview.fallback', {
                languages: fallback.map((l) => LANGUAGE_NAMES[l]).join(t('ui.listSeparator')),
              })}
            </p>
          ) : null}
        </div>
      </Section>
    </>
  );
}
