// The schemas of a campaign as the publicity officer composes it: the mini app validates its forms
// with them and the API validates requests with them. Messages are i18n keys (namespace `campaigns`).
// Browser-safe: imports only zod and the pure helpers next to it.
import { z } from 'zod';
import { ZId, ZIdString, zCommaList } from '../schema-primitives';
import {
  MAX_BUTTON_TARGET_CHARS,
  MAX_BUTTON_TEXT_CHARS,
  MAX_NOTE_CHARS,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
} from './campaign-limits';
import { checkTelegramHtml } from './telegram-html';

export const TOPIC_CODES = [
  'marriage_customs',
  'care_for_girls',
  'family_support',
  'pre_pregnancy_checkup',
  'women_health',
  'birth_policy',
] as const;
export type TopicCode = (typeof TOPIC_CODES)[number];

export const CAMPAIGN_LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const AUDIENCE_STATUSES = ['resident', 'moved_away', 'newcomer'] as const;

export {
  MAX_BUTTON_TEXT_CHARS,
  MAX_CAPTION_CHARS,
  MAX_NOTE_CHARS,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
} from './campaign-limits';

export const ZTopicCode = z.enum(TOPIC_CODES);
/** The topics a person receives (the settings page: exactly these). */
export const ZSetSubscriptionsSchema = z.object({ topics: z.array(ZTopicCode).max(20) });
export type TSetSubscriptions = z.infer<typeof ZSetSubscriptionsSchema>;

export const ZCampaignAudienceSchema = z.object({
  villageIds: z.array(ZId).max(200).default([]),
  languages: z.array(z.enum(CAMPAIGN_LANGUAGES)).max(3).default([]),
  statuses: z.array(z.enum(AUDIENCE_STATUSES)).max(3).default([]),
});
export type TCampaignAudience = z.infer<typeof ZCampaignAudienceSchema>;

/** The live count's query: the audience's dimensions as comma-separated lists (empty = all). */
export const ZAudienceCountQuerySchema = z.object({
  topic: ZTopicCode,
  villageIds: zCommaList(ZIdString, 200),
  languages: zCommaList(z.enum(CAMPAIGN_LANGUAGES), 3),
  statuses: zCommaList(z.enum(AUDIENCE_STATUSES), 3),
});
export type TAudienceCountQuery = z.infer<typeof ZAudienceCountQuerySchema>;

/** Back to draft: the author withdraws without a note; an approver must give one (the use case's rule). */
export const ZReturnCampaignSchema = z.object({
  note: z.string().trim().min(1, 'campaigns:validation.required').max(MAX_NOTE_CHARS).optional(),
});
export type TReturnCampaign = z.infer<typeof ZReturnCampaignSchema>;

export const ZScheduleCampaignSchema = z.object({
  /** ISO date-time; omitted or null = now. */
  at: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type TScheduleCampaign = z.infer<typeof ZScheduleCampaignSchema>;

/** "Send a test to yourself": which language (default: the officer's own). */
export const ZTestSendSchema = z.object({ language: z.enum(CAMPAIGN_LANGUAGES).optional() });

export const ZCampaignInputSchema = z.object({
  title: z.string().trim().min(1, 'campaigns:validation.required').max(MAX_TITLE_CHARS),
  topic: ZTopicCode,
  audience: ZCampaignAudienceSchema.default({ villageIds: [], languages: [], statuses: [] }),
});
export type TCampaignInput = z.infer<typeof ZCampaignInputSchema>;

/** A mini app path (below /app/, no scheme, no "..") or an https link. */
export const ZCampaignButtonSchema = z
  .object({
    text: z.string().trim().min(1, 'campaigns:validation.required').max(MAX_BUTTON_TEXT_CHARS),
    kind: z.enum(['mini_app', 'url']),
    target: z.string().trim().min(1, 'campaigns:validation.required').max(MAX_BUTTON_TARGET_CHARS),
  })
  .superRefine((b, ctx) => {
    const ok =
      b.kind === 'url'
        ? /^https:\/\/[^\s/$.?#][^\s]*$/i.test(b.target)
        : /^[a-z0-9][a-z0-9/_-]*$/i.test(b.target) && !b.target.includes('..');
    if (!ok) ctx.addIssue({ code: 'custom', path: ['target'], message: 'campaigns:validation.buttonTarget' });
  });
export type TCampaignButton = z.infer<typeof ZCampaignButtonSchema>;

export const ZVariantInputSchema = z
  .object({
    text: z
      .string()
      .min(1, 'campaigns:validation.required')
      .max(MAX_TEXT_CHARS * 2),
    button: ZCampaignButtonSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const checked = checkTelegramHtml(v.text);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'campaigns:validation.html', params: {} });
      return;
    }
    if (checked.visibleLength === 0 || checked.text.trim() === '')
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'campaigns:validation.required' });
    if (checked.visibleLength > MAX_TEXT_CHARS)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'campaigns:validation.textTooLong' });
  });
export type TVariantInput = z.infer<typeof ZVariantInputSchema>;
