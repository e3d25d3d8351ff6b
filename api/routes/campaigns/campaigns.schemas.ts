// Request and response schemas of the campaign routes (OpenAPI); the mini app reads the same types.
import { z } from '@hono/zod-openapi';
import { ZLanguage } from '../schemas';

const ZTimestamp = z.string().openapi({ format: 'date-time' });
export const ZCampaignStatus = z.enum([
  'draft',
  'submitted',
  'approved',
  'scheduled',
  'sending',
  'sent',
  'cancelled',
]);
export const ZCampaignIdParam = z.object({ campaignId: z.uuid() });
export const ZVariantParam = ZCampaignIdParam.extend({ language: ZLanguage });

export const ZAudience = z
  .object({
    villageIds: z.array(z.number().int()),
    languages: z.array(ZLanguage),
    statuses: z.array(z.enum(['resident', 'moved_away', 'newcomer'])),
  })
  .openapi('CampaignAudience');

export const ZButton = z
  .object({ text: z.string(), kind: z.enum(['mini_app', 'url']), target: z.string() })
  .openapi('CampaignButton');

export const ZCampaignSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    topic: z.string(),
    status: ZCampaignStatus,
    scheduledAt: ZTimestamp.nullable(),
    startedAt: ZTimestamp.nullable(),
    finishedAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('CampaignSummary');

export const ZCampaignView = ZCampaignSummary.extend({
  audience: ZAudience,
  resendOf: z.uuid().nullable(),
  createdBy: z.object({ userId: z.uuid(), displayName: z.string() }),
  approvedBy: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
  approvedAt: ZTimestamp.nullable(),
  submittedAt: ZTimestamp.nullable(),
  cancelledAt: ZTimestamp.nullable(),
  variants: z.array(
    z.object({
      language: ZLanguage,
      text: z.string().openapi({ description: 'Telegram HTML' }),
      button: ZButton.nullable(),
      hasImage: z.boolean(),
      updatedAt: ZTimestamp,
    }),
  ),
  history: z.array(
    z.object({
      type: z.string(),
      at: ZTimestamp,
      details: z.record(z.string(), z.unknown()),
      actorName: z.string().nullable(),
    }),
  ),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    schedule: z.boolean(),
    cancel: z.boolean(),
    testSend: z.boolean(),
    resendFailed: z.boolean(),
  }),
}).openapi('CampaignView');

export const ZAudienceCount = z
  .object({ total: z.number().int(), byLanguage: z.record(z.string(), z.number().int()) })
  .openapi('AudienceCount');

export const ZProgress = z
  .object({
    status: ZCampaignStatus,
    total: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    failedByReason: z.record(z.string(), z.number().int()),
    blocked: z.number().int(),
    cancelled: z.number().int(),
    remaining: z.number().int(),
    ratePerSecond: z.number(),
    etaSeconds: z.number().int(),
    startedAt: ZTimestamp.nullable(),
    finishedAt: ZTimestamp.nullable(),
  })
  .openapi('CampaignProgress');

export const ZStats = z
  .object({
    status: ZCampaignStatus,
    delivered: z.number().int(),
    failed: z.number().int(),
    failedByReason: z.record(z.string(), z.number().int()),
    blocked: z.number().int(),
    cancelled: z.number().int(),
    clicks: z.object({
      total: z.number().int(),
      people: z.number().int(),
      byKind: z.object({ url: z.number().int(), miniApp: z.number().int() }),
    }),
    byVillage: z.array(
      z.object({
        villageId: z.number().nullable(),
        villageName: z.string().nullable(),
        delivered: z.number().int(),
        failed: z.number().int(),
        blocked: z.number().int(),
        clicked: z.number().int(),
      }),
    ),
    byLanguage: z.array(
      z.object({ language: z.string(), delivered: z.number().int(), total: z.number().int() }),
    ),
    timeline: z.array(z.object({ minute: ZTimestamp, sent: z.number().int() })),
  })
  .openapi('CampaignStats');

export const ZTopics = z
  .object({ topics: z.array(z.object({ code: z.string(), subscribed: z.boolean() })) })
  .openapi('TopicSubscriptions');

export const ZPublishedItem = z
  .object({
    id: z.uuid(),
    topic: z.string(),
    title: z.string(),
    language: ZLanguage,
    preview: z.string(),
    hasImage: z.boolean(),
    publishedAt: ZTimestamp,
  })
  .openapi('PublishedCampaignItem');

export const ZPublished = z
  .object({
    id: z.uuid(),
    topic: z.string(),
    title: z.string(),
    language: ZLanguage,
    html: z
      .string()
      .openapi({ description: 'Telegram HTML (b, i, u, s, a, code, pre, blockquote, tg-spoiler)' }),
    hasImage: z.boolean(),
    button: ZButton.nullable(),
    publishedAt: ZTimestamp,
  })
  .openapi('PublishedCampaign');
