// The service guide (公开栏): procedures, required documents, time limits and fees, one page per
// slug with a text per language. Everyone signed in reads it; publicity officers and admins edit it.
import { z } from 'zod';
import type { GuideContent, UserLanguage } from '../../db/schema';

const ZGuideText = z.object({
  title: z.string().trim().min(1, 'campaigns:validation.required').max(120),
  body: z.string().trim().min(1, 'campaigns:validation.required').max(8000),
});
export const ZGuidePageSchema = z.object({
  sort: z.number().int().min(0).max(10_000).default(0),
  /** zh-CN is required: it is every reader's fallback. */
  content: z.object({ 'zh-CN': ZGuideText, 'zh-TW': ZGuideText.optional(), en: ZGuideText.optional() }),
});
export const ZGuideSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/);

export function inLanguage(content: Partial<Record<UserLanguage, GuideContent>>, language: UserLanguage) {
  const text = content[language] ?? content['zh-CN'];
  return {
    language: content[language] ? language : ('zh-CN' as const),
    ...(text ?? { title: '', body: '' }),
  };
}
