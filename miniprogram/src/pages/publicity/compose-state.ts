// The compose form's model: the draft as the officer edits it, what the API receives from it, and
// the browser-side checks — the API's own zod schemas (core/campaigns/campaign-schema.ts), so the
// form and the server agree on what is valid.
import {
  MAX_CAPTION_CHARS,
  MAX_TEXT_CHARS,
  type TopicCode,
  ZCampaignInputSchema,
  ZVariantInputSchema,
} from '../../../../core/campaigns/campaign-schema';
import { checkTelegramHtml } from '../../../../core/campaigns/telegram-html';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import type {
  Audience,
  CampaignInput,
  CampaignLanguage,
  CampaignView,
  VariantInput,
} from '../../lib/api/campaigns';
import type { TextKey, Translate } from '../../lib/i18n';

export const LANGUAGES: readonly CampaignLanguage[] = ['zh-CN', 'zh-TW', 'en'];

export interface ButtonDraft {
  text: string;
  kind: 'mini_app' | 'url';
  target: string;
}

export interface VariantDraft {
  text: string;
  button: ButtonDraft | null;
  hasImage: boolean;
}

export interface ComposeDraft {
  title: string;
  topic: TopicCode | '';
  villageIds: number[];
  languages: Audience['languages'];
  statuses: Audience['statuses'];
  variants: Record<CampaignLanguage, VariantDraft>;
}

export interface Issue {
  path: string;
  message: string;
}

const emptyVariant = (): VariantDraft => ({ text: '', button: null, hasImage: false });

export function emptyDraft(): ComposeDraft {
  return {
    title: '',
    topic: '',
    villageIds: [],
    languages: [],
    statuses: [],
    variants: { 'zh-CN': emptyVariant(), 'zh-TW': emptyVariant(), en: emptyVariant() },
  };
}

export function draftFromView(view: CampaignView): ComposeDraft {
  const draft = emptyDraft();
  for (const v of view.variants) {
    draft.variants[v.language] = {
      text: v.text,
      button: v.button ? { ...v.button } : null,
      hasImage: v.hasImage,
    };
  }
  return {
    ...draft,
    title: view.title,
    topic: view.topic as TopicCode,
    villageIds: [...view.audience.villageIds],
    languages: [...view.audience.languages],
    statuses: [...view.audience.statuses],
  };
}

export function basicsOf(d: ComposeDraft): CampaignInput {
  return {
    title: d.title.trim(),
    topic: d.topic as TopicCode,
    audience: { villageIds: d.villageIds, languages: d.languages, statuses: d.statuses },
  };
}

export function variantInputOf(v: VariantDraft): VariantInput {
  return {
    text: v.text,
    button: v.button
      ? { text: v.button.text.trim(), kind: v.button.kind, target: v.button.target.trim() }
      : null,
  };
}

export const sameBasics = (a: ComposeDraft, b: ComposeDraft) =>
  JSON.stringify(basicsOf(a)) === JSON.stringify(basicsOf(b));
export const sameVariant = (a: VariantDraft, b: VariantDraft) =>
  JSON.stringify(variantInputOf(a)) === JSON.stringify(variantInputOf(b));

/** The schema messages are i18n keys ('campaigns:validation.required'); others get a generic text. */
export function issueText(message: string, t: Translate): string {
  return message.startsWith('campaigns:') ? t(message as TextKey) : t('publicity:compose.invalidValue');
}

/** Characters the reader sees (what Telegram counts), or null while the formatting is invalid. */
export function visibleLength(text: string): number | null {
  const checked = checkTelegramHtml(text);
  return checked.ok ? checked.visibleLength : null;
}

export function textLimit(v: VariantDraft): number {
  return v.hasImage ? MAX_CAPTION_CHARS : MAX_TEXT_CHARS;
}

/**
 * Everything to fix, at once. Saving a draft needs a title, a topic and well-formed messages;
 * submitting also needs the Simplified Chinese message (every reader's fallback) and captions that
 * fit under an image.
 */
export function validateDraft(
  d: ComposeDraft,
  options: { mode: 'save' | 'submit'; scopeLimited: boolean; t: Translate },
): Issue[] {
  const { t } = options;
  const issues: Issue[] = [];
  const basics = ZCampaignInputSchema.safeParse(basicsOf(d));
  if (!basics.success) {
    for (const issue of basics.error.issues) {
      const path = issue.path.map(String).join('.');
      issues.push({
        path,
        message: path === 'topic' ? t('campaigns:validation.required') : issueText(issue.message, t),
      });
    }
  }
  if (options.scopeLimited && d.villageIds.length === 0)
    issues.push({ path: 'audience.villageIds', message: t('publicity:audience.villagesRequired') });
  for (const lang of LANGUAGES) {
    const v = d.variants[lang];
    const prefix = `variants.${lang}`;
    if (!v.text.trim()) {
      if (lang === 'zh-CN' && options.mode === 'submit')
        issues.push({ path: `${prefix}.text`, message: t('campaigns:validation.zhCnRequired') });
      // An image or a button without text would be lost: the text is what makes the version exist.
      else if (v.button || v.hasImage)
        issues.push({ path: `${prefix}.text`, message: t('campaigns:validation.required') });
      continue;
    }
    const parsed = ZVariantInputSchema.safeParse(variantInputOf(v));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          path: `${prefix}.${issue.path.map(String).join('.')}`,
          message: issueText(issue.message, t),
        });
    } else if (v.hasImage && (visibleLength(v.text) ?? 0) > MAX_CAPTION_CHARS) {
      issues.push({ path: `${prefix}.text`, message: t('campaigns:validation.captionTooLong') });
    }
  }
  return issues;
}

/** The id of the control that shows a path's problem ('variants.en.text' → 'c-variants-en-text'). */
export function fieldId(path: string): string {
  return `c-${path.replace(/\./g, '-')}`;
}

/** The variant a path belongs to, if any. */
export function languageOfPath(path: string): CampaignLanguage | null {
  const lang = /^variants\.([^.]+)/.exec(path)?.[1];
  return LANGUAGES.find((l) => l === lang) ?? null;
}

/** Where a problem is, in words: "Title", "English · Button link". */
export function labelOfPath(path: string, t: Translate): string {
  const lang = languageOfPath(path);
  if (lang) {
    const rest = path.split('.').slice(2).join('.');
    const what =
      rest === 'button.text'
        ? t('publicity:button.text')
        : rest.startsWith('button')
          ? t('publicity:button.target')
          : t('publicity:compose.textShort');
    return `${LANGUAGE_NAMES[lang]} · ${what}`;
  }
  if (path === 'title') return t('publicity:compose.title');
  if (path === 'topic') return t('publicity:compose.topic');
  if (path.startsWith('audience.villageIds')) return t('publicity:audience.villages');
  if (path.startsWith('audience')) return t('publicity:audience.title');
  return t('publicity:compose.other');
}
