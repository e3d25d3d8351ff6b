// The one schema module of tip-offs (有奖举报): categories, limits, the receipt's shape and every
// input's zod schema — the API validates requests with it, the bot and the mini app/`/report` page
// validate their forms with it. Messages are i18n keys (namespace `tipoffs`), never prose.
// Browser-safe: imports only zod and pure helpers (no db).
import { z } from 'zod';

export const TIP_CATEGORIES = [
  'two_non_sex_determination',
  'two_non_sex_selective_abortion',
  'abortion_drug_sales',
  'illegal_fees',
  'misconduct',
] as const;
export type TipCategory = (typeof TIP_CATEGORIES)[number];

/** One letter per category in the signed receipt; part of the signed format — never reuse one. */
export const CATEGORY_CODES = {
  two_non_sex_determination: 'S',
  two_non_sex_selective_abortion: 'A',
  abortion_drug_sales: 'D',
  illegal_fees: 'F',
  misconduct: 'M',
} as const satisfies Record<TipCategory, string>;

export const OUT_OF_SCOPE_REASONS = ['private_person', 'not_covered', 'insufficient', 'other'] as const;
export type OutOfScopeReason = (typeof OUT_OF_SCOPE_REASONS)[number];

/** What the reporter sees of a tip's status (the same words on every channel). */
export const TIP_STATUSES = [
  'received',
  'acknowledged',
  'accepted',
  'out_of_scope',
  'duplicate',
  'investigating',
  'substantiated',
  'unsubstantiated',
  'closed',
] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

export const REWARD_STATUSES = [
  'proposed',
  'awaiting_second',
  'approved',
  'claimed',
  'paid',
  'declined',
  'lapsed',
] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

// Limits: one place for the API, the bot and the forms.
export const WHAT_MIN_CHARS = 10;
export const WHAT_MAX_CHARS = 4000;
export const PLACE_MAX_CHARS = 200;
export const PERIOD_MAX_CHARS = 100;
export const PROVIDER_MAX_CHARS = 200;
export const MESSAGE_MAX_CHARS = 2000;
export const NOTE_MAX_CHARS = 2000;
export const SUMMARY_MAX_CHARS = 2000;
export const REFERENCE_MAX_CHARS = 100;
export const BANK_NAME_MAX_CHARS = 60;
export const ACCOUNT_NAME_MAX_CHARS = 60;
/** Bank card / account numbers: 12–30 digits. */
export const ACCOUNT_NUMBER_PATTERN = /^\d{12,30}$/;
/** Attachments per tip (reporter and handler together). */
export const MAX_ATTACHMENTS_PER_TIP = 10;
export const MAX_REWARD_YUAN = 1_000_000;

/** The receipt: 16 random digits (~53 bits), shown once in groups of four. */
export const RECEIPT_DIGITS = 16;

/** The receipt as typed: spaces, dashes and full-width digits accepted; null when it is not 16 digits. */
export function normalizeReceipt(input: string): string | null {
  const ascii = input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const digits = ascii.replace(/[\s\-‐‑‒–—_.]/g, '');
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

/** '1234 5678 9012 3456' */
export function formatReceipt(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Suggested defaults (docs/tipoffs.md, ../shared TIPOFFS.md); the admin edits them. Whole yuan. */
export const DEFAULT_REWARD_TIERS: Record<TipCategory, { minYuan: number; maxYuan: number }> = {
  two_non_sex_determination: { minYuan: 5000, maxYuan: 10000 },
  two_non_sex_selective_abortion: { minYuan: 5000, maxYuan: 10000 },
  abortion_drug_sales: { minYuan: 1000, maxYuan: 3000 },
  illegal_fees: { minYuan: 500, maxYuan: 2000 },
  misconduct: { minYuan: 0, maxYuan: 0 },
};

const text = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, { message: min > 1 ? 'tipoffs:validation.tooShort' : 'tipoffs:validation.required' })
    .max(max, { message: 'tipoffs:validation.tooLong' });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'tipoffs:validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : undefined));

export const ZReceiptSchema = z
  .string()
  .max(64)
  .transform((v, ctx) => {
    const digits = normalizeReceipt(v);
    if (!digits) {
      ctx.addIssue({ code: 'custom', message: 'tipoffs:validation.receipt' });
      return z.NEVER;
    }
    return digits;
  });

/** The report form: no field for a person — a practice, a place and a provider. */
export const ZSubmitTipSchema = z
  .object({
    category: z.enum(TIP_CATEGORIES),
    villageId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
    place: optionalText(PLACE_MAX_CHARS),
    what: text(WHAT_MAX_CHARS, WHAT_MIN_CHARS),
    /** A rough period ("last spring", "2026年10月"), never a person. */
    period: text(PERIOD_MAX_CHARS, 1),
    /** The clinic, seller, office or official concerned. */
    provider: optionalText(PROVIDER_MAX_CHARS),
  })
  .refine((v) => v.villageId != null || v.place !== undefined, {
    path: ['place'],
    message: 'tipoffs:validation.placeOrVillage',
  });
export type TSubmitTip = z.infer<typeof ZSubmitTipSchema>;

/** The mini app's submit: the form and, optionally, chat notifications to the person's own chat. */
export const ZSubmitTipMiniAppSchema = z.object({
  tip: ZSubmitTipSchema,
  notify: z.boolean().default(false),
});

export const ZReceiptBodySchema = z.object({ receipt: ZReceiptSchema });

export const ZReporterMessageSchema = z.object({
  receipt: ZReceiptSchema,
  text: text(MESSAGE_MAX_CHARS, 1),
});
export type TReporterMessage = z.infer<typeof ZReporterMessageSchema>;

/** multipart fields beside `file` */
export const ZReporterAttachmentFormSchema = z.object({
  receipt: ZReceiptSchema,
  /** 'true': keep the image's time and place (EXIF) as evidence; default strips them. */
  keepMetadata: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const ZNotificationOptInSchema = z.object({ receipt: ZReceiptSchema, enabled: z.boolean() });

/** A handler's step in the workflow; every step carries a note the reporter sees. */
export const ZTipActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), note: text(NOTE_MAX_CHARS, 1) }),
  z.object({ action: z.literal('accept'), note: text(NOTE_MAX_CHARS, 1) }),
  z.object({
    action: z.literal('out_of_scope'),
    reason: z.enum(OUT_OF_SCOPE_REASONS),
    note: text(NOTE_MAX_CHARS, 1),
  }),
  z.object({
    action: z.literal('duplicate'),
    duplicateOfNumber: z.number().int().positive().max(2_147_483_647),
    note: text(NOTE_MAX_CHARS, 1),
  }),
  z.object({ action: z.literal('investigate'), note: text(NOTE_MAX_CHARS, 1) }),
  z.object({ action: z.literal('substantiate'), note: text(NOTE_MAX_CHARS, 1) }),
  z.object({ action: z.literal('unsubstantiate'), note: text(NOTE_MAX_CHARS, 1) }),
  z.object({ action: z.literal('close'), note: text(SUMMARY_MAX_CHARS, 1) }),
]);
export type TTipAction = z.infer<typeof ZTipActionSchema>;
export type TipActionName = TTipAction['action'];

export const ZHandOverTipSchema = z.object({
  toOfficerUserId: z.uuid(),
  note: optionalText(NOTE_MAX_CHARS),
});

/** Link this tip to an earlier one about the same matter (by its number). */
export const ZLinkTipSchema = z.object({ number: z.number().int().positive().max(2_147_483_647) });

/** internal = a note the reporter never sees; otherwise a message to the reporter. */
export const ZHandlerMessageSchema = z.object({
  text: text(MESSAGE_MAX_CHARS, 1),
  internal: z.boolean().default(false),
});

export const ZProposeRewardSchema = z.object({
  amountYuan: z.number().int().positive().max(MAX_REWARD_YUAN),
  note: optionalText(NOTE_MAX_CHARS),
});

export const ZDeclineRewardSchema = z.object({ reason: text(NOTE_MAX_CHARS, 2) });

export const ZRewardClaimSchema = z.discriminatedUnion('method', [
  /** Come to the office with the receipt (its QR): finance marks it claimed there. */
  z.object({ method: z.literal('in_person'), receipt: ZReceiptSchema }),
  z.object({
    method: z.literal('bank_transfer'),
    receipt: ZReceiptSchema,
    accountName: text(ACCOUNT_NAME_MAX_CHARS, 1),
    bankName: text(BANK_NAME_MAX_CHARS, 1),
    accountNumber: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(ACCOUNT_NUMBER_PATTERN, { message: 'tipoffs:validation.accountNumber' })),
  }),
]);
export type TRewardClaim = z.infer<typeof ZRewardClaimSchema>;

export const ZMarkPaidSchema = z.object({ reference: text(REFERENCE_MAX_CHARS, 1) });

export const ZRewardTierSchema = z
  .object({
    minYuan: z.number().int().min(0).max(MAX_REWARD_YUAN),
    maxYuan: z.number().int().min(0).max(MAX_REWARD_YUAN),
  })
  .refine((v) => v.maxYuan >= v.minYuan, { path: ['maxYuan'], message: 'tipoffs:validation.tierRange' });

export const ZVerifyTipReceiptSchema = z.object({ signedReceipt: z.string().min(1).max(400) });

export const ZTipQueueQuerySchema = z.object({
  /** open: not closed (default); closed; all */
  state: z.enum(['open', 'closed', 'all']).default('open'),
});

export const ZChartsQuerySchema = z.object({
  months: z.coerce.number().int().min(1).max(36).default(12),
});
