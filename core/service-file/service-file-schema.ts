// The one schema of the "eight ones" service file (八个一): item kinds and statuses, what each item
// asks of the person, limits, default intervals and reminder rules, and the zod input of every
// operation. The API validates requests with it and the mini app its forms. Messages are i18n keys
// (namespace `serviceFile`). Browser-safe: imports only zod and pure helpers.
import { z } from 'zod';
import { zReturnChecklist } from '../review/return-checklist';
import { isIsoDate, todayInShanghai } from '../review/working-days';
import { ZIdString, ZInt32 } from '../schema-primitives';

/** The eight items, in the order the office lists them (DOMAIN.md "The eight ones"). */
export const ITEM_KINDS = [
  'training',
  'health_checkup',
  'certificate',
  'service_agreement',
  'contact_details',
  'residence_proof',
  'personal_file',
  'livelihood',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * not_started: never met · submitted: waiting for an officer · verified: met and not yet due ·
 * returned: sent back with every reason · due_again: was met, the renewal date passed (or a new
 * agreement version) · expired: what met it is no longer valid (certificate expired or revoked) ·
 * not_applicable: the person moved back, nothing falls due.
 */
export const ITEM_STATUSES = [
  'not_started',
  'submitted',
  'verified',
  'returned',
  'due_again',
  'expired',
  'not_applicable',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** Statuses in which the item is not met: they count as missing and as overdue past the due date. */
export const UNMET_STATUSES: readonly ItemStatus[] = ['not_started', 'returned', 'due_again', 'expired'];

export const FILE_STATUSES = ['active', 'moved_back'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/**
 * How an item is met: upload → the person uploads, an officer verifies · acknowledge / confirm → the
 * person's own act meets it at once · officer → an officer records it (attendance) · linked → follows
 * another record (certificate, registration) · request → an officer answers a request of the person.
 */
export type ItemAction = 'upload' | 'acknowledge' | 'confirm' | 'officer' | 'linked' | 'request';

export const ITEM_ACTIONS: Record<ItemKind, ItemAction> = {
  training: 'officer',
  health_checkup: 'upload',
  certificate: 'linked',
  service_agreement: 'acknowledge',
  contact_details: 'confirm',
  residence_proof: 'upload',
  personal_file: 'linked',
  livelihood: 'request',
};

/** Items an officer verifies from a submission (the verification queue). */
export const REVIEWED_KINDS = ['health_checkup', 'residence_proof'] as const satisfies readonly ItemKind[];
export type ReviewedKind = (typeof REVIEWED_KINDS)[number];
export function isReviewedKind(kind: ItemKind): kind is ReviewedKind {
  return (REVIEWED_KINDS as readonly ItemKind[]).includes(kind);
}

/**
 * Renewal interval in months; null = once per departure (met again only after a new departure or a
 * new agreement version). The certificate falls due when it expires. Configurable per item
 * (SERVICE_FILE_INTERVALS, api/services.ts); these are the defaults from the issue.
 */
export const DEFAULT_INTERVAL_MONTHS: Record<ItemKind, number | null> = {
  training: null,
  health_checkup: 12,
  certificate: null,
  service_agreement: null,
  contact_details: 6,
  residence_proof: 12,
  personal_file: null,
  livelihood: null,
};
export const INTERVAL_MONTHS_MAX = 120;

/** Days from the start of a departure by which an item never met is due. */
export const DEFAULT_FIRST_DUE_DAYS = 30;
/** Working days an officer has to verify a submission (限时办结, as for certificates). */
export const DEFAULT_REVIEW_WORKING_DAYS = 3;
/** A verified check-up report file is deleted this many days after verification; the fact stays. */
export const DEFAULT_REPORT_RETENTION_DAYS = 90;

/** Reminders: days before the due date and days after it (overdue). */
export const DEFAULT_REMINDER_OFFSETS = { before: [14, 3], after: [7, 30] } as const;
/** At most one reminder message per person in this many days (items are grouped). */
export const REMINDER_MIN_GAP_DAYS = 7;
/** No reminder between 21:00 and 08:00 Beijing time: deferred to 08:00. */
export const QUIET_HOURS = { from: 21, to: 8 } as const;

export interface ServiceFileSettings {
  intervalMonths: Record<ItemKind, number | null>;
  firstDueDays: number;
  reviewWorkingDays: number;
  reportRetentionDays: number;
  reminderOffsets: { before: readonly number[]; after: readonly number[] };
}

export const DEFAULT_SERVICE_FILE_SETTINGS: ServiceFileSettings = {
  intervalMonths: DEFAULT_INTERVAL_MONTHS,
  firstDueDays: DEFAULT_FIRST_DUE_DAYS,
  reviewWorkingDays: DEFAULT_REVIEW_WORKING_DAYS,
  reportRetentionDays: DEFAULT_REPORT_RETENTION_DAYS,
  reminderOffsets: DEFAULT_REMINDER_OFFSETS,
};

// Limits (the mini app's maxLength and counters read these).
export const CLINIC_MAX_CHARS = 100;
export const CITY_MAX_CHARS = 50;
export const PROOF_LABEL_MAX_CHARS = 40;
export const QUESTION_MIN_CHARS = 2;
export const QUESTION_MAX_CHARS = 1000;
export const ANSWER_MIN_CHARS = 2;
export const ANSWER_MAX_CHARS = 2000;
export const AGREEMENT_TEXT_MAX_CHARS = 20_000;
/** A check-up older than this is not accepted as this period's check-up. */
export const CHECKUP_MAX_AGE_DAYS = 366;
export const PHONE_PATTERN = /^1\d{10}$/;

/** The health-data consent the person gives before the first check-up upload (purpose, who, how long, how to withdraw). */
export const HEALTH_CONSENT_VERSION = 1;

export const LIVELIHOOD_TOPICS = ['job', 'training', 'legal_aid'] as const;
export type LivelihoodTopic = (typeof LIVELIHOOD_TOPICS)[number];

/** Receipt (回执) format tag: `HYBY1|kid|submissionId|kind|village|verifiedOn|holderRef|sig`. */
export const RECEIPT_VERSION = 'HYBY1';

const v = (key: string) => `serviceFile:validation.${key}`;

export const ZItemKind = z.enum(ITEM_KINDS);
export const ZReviewedKind = z.enum(REVIEWED_KINDS);

const ZPastIsoDate = z
  .string()
  .refine(isIsoDate, { message: v('dateFormat') })
  .refine((d) => d <= todayInShanghai(), { message: v('dateInFuture') });

/** The check-up form: only what shows a check-up took place. No results, pregnancy or contraception fields. */
export const ZCheckupFormSchema = z.strictObject({
  clinic: z.string().trim().min(2, v('required')).max(CLINIC_MAX_CHARS, v('textTooLong')),
  city: z.string().trim().min(2, v('required')).max(CITY_MAX_CHARS, v('textTooLong')),
  examDate: ZPastIsoDate,
});
export type TCheckupForm = z.infer<typeof ZCheckupFormSchema>;

/** The proof from the new place (寄回证明): what it is, in the person's words (optional). */
export const ZProofFormSchema = z.strictObject({
  label: z.string().trim().max(PROOF_LABEL_MAX_CHARS, v('textTooLong')).optional(),
});
export type TProofForm = z.infer<typeof ZProofFormSchema>;

export const ZAcknowledgeAgreementSchema = z.strictObject({ version: ZInt32.min(1) });
export type TAcknowledgeAgreement = z.infer<typeof ZAcknowledgeAgreementSchema>;

/** Contact details: the Telegram chat is always one way; a phone number is optional. */
export const ZConfirmContactSchema = z.strictObject({
  phone: z.string().trim().regex(PHONE_PATTERN, v('phoneFormat')).nullable().optional(),
});
export type TConfirmContact = z.infer<typeof ZConfirmContactSchema>;

export const ZHealthConsentSchema = z.strictObject({ version: z.literal(HEALTH_CONSENT_VERSION) });
export type THealthConsent = z.infer<typeof ZHealthConsentSchema>;

export const ZLivelihoodRequestSchema = z.strictObject({
  topic: z.enum(LIVELIHOOD_TOPICS),
  question: z
    .string()
    .trim()
    .min(QUESTION_MIN_CHARS, v('required'))
    .max(QUESTION_MAX_CHARS, v('textTooLong')),
});
export type TLivelihoodRequest = z.infer<typeof ZLivelihoodRequestSchema>;

export const ZAnswerLivelihoodSchema = z.strictObject({
  answer: z.string().trim().min(ANSWER_MIN_CHARS, v('required')).max(ANSWER_MAX_CHARS, v('textTooLong')),
});
export type TAnswerLivelihood = z.infer<typeof ZAnswerLivelihoodSchema>;

/** Return targets: a field of the check-up form, the uploaded file, or anything else. */
export const ZReturnServiceItemSchema = zReturnChecklist(/^(field:(clinic|city|examDate|label)|file|other)$/);
export type TReturnServiceItem = z.infer<typeof ZReturnServiceItemSchema>;

export const ZPublishAgreementSchema = z.strictObject({
  texts: z.strictObject({
    'zh-CN': z.string().trim().min(10).max(AGREEMENT_TEXT_MAX_CHARS),
    'zh-TW': z.string().trim().min(10).max(AGREEMENT_TEXT_MAX_CHARS),
    en: z.string().trim().min(10).max(AGREEMENT_TEXT_MAX_CHARS),
  }),
});
export type TPublishAgreement = z.infer<typeof ZPublishAgreementSchema>;

export const ZServiceQueueQuerySchema = z.object({
  /** open: submitted, waiting for verification (by deadline); livelihood: open requests. */
  villageId: ZIdString.optional(),
  kind: ZReviewedKind.optional(),
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TServiceQueueQuery = z.infer<typeof ZServiceQueueQuerySchema>;

export const ZCompletenessQuerySchema = z.object({ villageId: ZIdString.optional() });
export type TCompletenessQuery = z.infer<typeof ZCompletenessQuerySchema>;

/**
 * The officers' search of service files (POST body, never a URL): part of a name, or the last 4–6
 * characters of an ID number (from the person's certificate applications) or of the contact phone.
 * At least 2 characters: one letter or one surname would list a large part of a village.
 */
export const PERSON_SEARCH_MIN_CHARS = 2;
export const PERSON_SEARCH_MAX_CHARS = 40;
/** At most this many people are answered; with more the officer is asked to refine the search. */
export const PERSON_SEARCH_LIMIT = 20;
/** Tails searched: at least 4 characters (the indexed part), at most 6. */
export const PERSON_TAIL_MIN = 4;
export const PERSON_TAIL_MAX = 6;

export const ZPersonSearchSchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(PERSON_SEARCH_MIN_CHARS, v('searchTooShort'))
    .max(PERSON_SEARCH_MAX_CHARS, v('textTooLong')),
});
export type TPersonSearch = z.infer<typeof ZPersonSearchSchema>;

export type PersonSearchTerm = { kind: 'tail'; value: string } | { kind: 'name'; value: string };
const PERSON_TAIL = new RegExp(`^\\d{${PERSON_TAIL_MIN - 1},${PERSON_TAIL_MAX - 1}}[\\dXx]$`);

/** A term of 4–6 digits (an ID number may end in X) is a tail; anything else part of a name. */
export function classifyPersonSearch(raw: string): PersonSearchTerm {
  const q = raw.trim().replace(/\s+/g, ' ');
  return PERSON_TAIL.test(q) ? { kind: 'tail', value: q.toUpperCase() } : { kind: 'name', value: q };
}

/** One file found by an officer's search (POST /api/review/service-file/people/search). */
export interface FoundPerson {
  userId: string;
  displayName: string;
  villageId: number | null;
  villageName: string | null;
  status: FileStatus;
  /** Items met today, of `items` (the eight). */
  met: number;
  items: number;
  overdue: number;
}
