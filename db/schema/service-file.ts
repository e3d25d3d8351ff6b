// The "eight ones" service file (八个一) of a person who moved away: the file, its eight items and
// their submissions, the service agreement's versions, health-data consent, livelihood requests,
// planned/sent reminders and the officers' daily digest. See docs/service-file.md.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { storedFiles } from './stored-files';
import { users } from './users';
import { villages } from './villages';

// Kept in step with core/service-file/service-file-schema.ts (browser-safe copy of the lists).
export const SERVICE_ITEM_KINDS = [
  'training',
  'health_checkup',
  'certificate',
  'service_agreement',
  'contact_details',
  'residence_proof',
  'personal_file',
  'livelihood',
] as const;
export type ServiceItemKind = (typeof SERVICE_ITEM_KINDS)[number];

export const SERVICE_ITEM_STATUSES = [
  'not_started',
  'submitted',
  'verified',
  'returned',
  'due_again',
  'expired',
  'not_applicable',
] as const;
export type ServiceItemStatus = (typeof SERVICE_ITEM_STATUSES)[number];

/** One item of a 一次性告知 return (same shape as a certificate application's). */
export interface ServiceReturnItem {
  target: string;
  note: string;
}

export const serviceFiles = pgTable(
  'service_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id),
    /** The home village whose reviewers keep the file (copied from the person; null until they pick one). */
    villageId: integer('village_id').references(() => villages.id),
    /** active: away for work, items fall due; moved_back: nothing falls due any more. */
    status: text('status', { enum: ['active', 'moved_back'] })
      .notNull()
      .default('active'),
    /** Start of the current departure: "once per departure" items are met again after a new one. */
    departedAt: timestamp('departed_at', { withTimezone: true }).notNull(),
    movedBackAt: timestamp('moved_back_at', { withTimezone: true }),
    /** A phone number the person gave besides their Telegram chat (contact details item); optional. */
    contactPhone: text('contact_phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_files_village_idx').on(t.villageId, t.status),
    // The officers' search of service files by the last 4 digits of the phone in the contact details.
    index('service_files_phone_tail_idx').on(sql`right(${t.contactPhone}, 4)`),
    check('service_files_status_check', sql`${t.status} in ('active', 'moved_back')`),
  ],
);

export const serviceItems = pgTable(
  'service_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => serviceFiles.id, { onDelete: 'cascade' }),
    /** Copied from the file so the dashboard and queue group without a join. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    villageId: integer('village_id').references(() => villages.id),
    kind: text('kind', { enum: SERVICE_ITEM_KINDS }).notNull(),
    status: text('status', { enum: SERVICE_ITEM_STATUSES }).notNull().default('not_started'),
    /** Shanghai date the item was last met (verified); null when never. */
    lastMetOn: date('last_met_on', { mode: 'string' }),
    /** Shanghai date by which it must be (re)met; null: not due (once per departure and met, or moved back). */
    dueOn: date('due_on', { mode: 'string' }),
    /** What met it: the agreement version, the certificate id, the submission id. */
    metRef: text('met_ref'),
    /** The submission an officer is to look at (or last looked at). */
    currentSubmissionId: uuid('current_submission_id'),
    // Review workflow (core/review): deadline in working days, first-handler ownership, escalation.
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    ownerOfficerId: uuid('owner_officer_id').references(() => users.id),
    ownedSince: timestamp('owned_since', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    returnItems: jsonb('return_items').$type<ServiceReturnItem[]>(),
    /** `<dueOn>:<stage>` of the last reminder planned for it: each stage is reminded once per due date. */
    reminderKey: text('reminder_key'),
    /** When the next reminder stage of this due date begins; null: none left. Keeps the planner's scan small. */
    nextRemindOn: date('next_remind_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('service_items_file_kind_key').on(t.fileId, t.kind),
    // Completeness per village and kind: an index-only scan over (village, kind, status, due).
    index('service_items_village_kind_idx').on(t.villageId, t.kind, t.status, t.dueOn),
    // The verification queue: submitted items by review deadline.
    index('service_items_queue_idx').on(t.villageId, t.deadlineAt).where(sql`${t.status} = 'submitted'`),
    // The reminder planner: items whose next reminder stage has begun.
    index('service_items_remind_idx').on(t.nextRemindOn).where(sql`${t.nextRemindOn} is not null`),
    index('service_items_user_idx').on(t.userId),
    check(
      'service_items_status_check',
      sql`${t.status} in ('not_started', 'submitted', 'verified', 'returned', 'due_again', 'expired', 'not_applicable')`,
    ),
  ],
);

/**
 * What the person handed in for an item: a check-up (clinic, city, date, report), a proof document,
 * an acknowledgement or contact confirmation. Health parts are erased on consent withdrawal; the
 * report file is deleted some time after verification, the fact stays.
 */
export const serviceSubmissions = pgTable(
  'service_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => serviceItems.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: SERVICE_ITEM_KINDS }).notNull(),
    status: text('status', { enum: ['submitted', 'verified', 'returned'] }).notNull(),
    /** Check-up: clinic, city, examDate. Proof: label. Nothing else (no results, no pregnancy fields). */
    details: jsonb('details').$type<Record<string, string>>(),
    fileId: uuid('file_id').references(() => storedFiles.id),
    fileDeletedAt: timestamp('file_deleted_at', { withTimezone: true }),
    /** Consent withdrawn: the health parts (details, file) were erased. */
    healthErasedAt: timestamp('health_erased_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    returnItems: jsonb('return_items').$type<ServiceReturnItem[]>(),
    /** The signed receipt (回执) of a verified submission: docs/service-file.md#receipts. */
    receipt: text('receipt'),
  },
  (t) => [
    index('service_submissions_item_idx').on(t.itemId, t.submittedAt),
    index('service_submissions_user_idx').on(t.userId),
    // The retention purge: verified reports whose file is still kept.
    index('service_submissions_purge_idx')
      .on(t.decidedAt)
      .where(sql`${t.fileId} is not null and ${t.status} = 'verified'`),
  ],
);

/** Review history of an item (claimed, handed over, verified, returned, overdue). */
export const serviceItemEvents = pgTable(
  'service_item_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => serviceItems.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('service_item_events_item_idx').on(t.itemId, t.at)],
);

/** The service agreement's text from the office, versioned: a new version makes the item due again. */
export const serviceAgreementVersions = pgTable('service_agreement_versions', {
  version: integer('version').primaryKey(),
  /** language → text */
  texts: jsonb('texts').$type<Record<string, string>>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  publishedBy: uuid('published_by').references(() => users.id),
});

/** Separate consent before the first health upload (versioned); withdrawing erases health data. */
export const healthConsents = pgTable(
  'health_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('health_consents_one_active').on(t.userId).where(sql`${t.withdrawnAt} is null`)],
);

export const LIVELIHOOD_TOPICS = ['job', 'training', 'legal_aid'] as const;

/** Livelihood services (生产生活服务): a request for information that an officer answers. */
export const livelihoodRequests = pgTable(
  'livelihood_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    villageId: integer('village_id').references(() => villages.id),
    topic: text('topic', { enum: LIVELIHOOD_TOPICS }).notNull(),
    question: text('question').notNull(),
    status: text('status', { enum: ['open', 'answered'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('livelihood_requests_user_idx').on(t.userId),
    index('livelihood_requests_open_idx').on(t.villageId, t.createdAt).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A reminder message to one person, grouping the items it is about. Planned time and actual send
 * time are separate; cancelled the moment its items are submitted.
 */
export const serviceReminders = pgTable(
  'service_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['planned', 'sending', 'sent', 'cancelled', 'failed'] })
      .notNull()
      .default('planned'),
    /** [{ itemId, kind, stage }] — stage 'before_14', 'after_7' …; what the message lists. */
    items: jsonb('items').$type<{ itemId: string; kind: ServiceItemKind; stage: string }[]>().notNull(),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** When a sender took it up ('sending'); a stale claim is taken up again. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    /** Telegram's message id, or the reason it failed. */
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_reminders_user_idx').on(t.userId, t.plannedAt),
    index('service_reminders_planned_idx').on(t.plannedAt).where(sql`${t.status} = 'planned'`),
    // The sender's retake of claims left stale by a crashed run (few rows: only those being sent).
    index('service_reminders_sending_idx').on(t.claimedAt).where(sql`${t.status} = 'sending'`),
  ],
);

/** One digest per officer per Shanghai day: the cron may run many times a day. */
export const serviceDigests = pgTable(
  'service_digests',
  {
    officerUserId: uuid('officer_user_id')
      .notNull()
      .references(() => users.id),
    day: date('day', { mode: 'string' }).notNull(),
    waiting: integer('waiting').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.officerUserId, t.day] })],
);

/**
 * The completeness dashboard's analytics table: per village (village_key = coalesce(village_id, 0),
 * key 0 always written so the snapshot's day and time are known even with no files), the figures of
 * active files for one Shanghai day, replaced whole by core/service-file/refresh-completeness.ts.
 */
export const serviceCompleteness = pgTable('service_completeness', {
  villageKey: integer('village_key').primaryKey(),
  villageId: integer('village_id'),
  figures: jsonb('figures').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
