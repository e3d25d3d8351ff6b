// The service guide (公开栏): procedures, required documents, time limits and fees, one page per
// slug with a text per language. Everyone signed in reads it; publicity officers and admins edit it.
// Browser-safe: zod and the limits next to it (no db/ import).
import { z } from 'zod';
import type { Language } from '../i18n/languages';
import { GUIDE_BODY_MAX_CHARS, GUIDE_SLUG, GUIDE_SORT_MAX, GUIDE_TITLE_MAX_CHARS } from './guide-limits';

const ZGuideText = z.object({
  title: z.string().trim().min(1, 'campaigns:validation.required').max(GUIDE_TITLE_MAX_CHARS),
  body: z.string().trim().min(1, 'campaigns:validation.required').max(GUIDE_BODY_MAX_CHARS),
});
type GuideText = z.infer<typeof ZGuideText>;
export const ZGuidePageSchema = z.object({
  sort: z.number().int().min(0).max(GUIDE_SORT_MAX).default(0),
  /** zh-CN is required: it is every reader's fallback. */
  content: z.object({ 'zh-CN': ZGuideText, 'zh-TW': ZGuideText.optional(), en: ZGuideText.optional() }),
});
export const ZGuideSlug = z.string().regex(GUIDE_SLUG);

export function inLanguage(content: Partial<Record<Language, GuideText>>, language: Language) {
  const text = content[language] ?? content['zh-CN'];
  return {
    language: content[language] ? language : ('zh-CN' as const),
    ...(text ?? { title: '', body: '' }),
  };
}
