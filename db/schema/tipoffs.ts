// Tip-offs with rewards (有奖举报): the tip, its history, two-way messages and internal notes, its
// attachments, the opt-in chat link (kept apart from the tip), the reward tiers and the rewards.
// Anonymity by construction: no column of a tip, message or attachment names the reporter — no
// Telegram id, user id, IP, user agent or exact time (only the Shanghai day and a per-township number).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// The lists the columns check come from the pure schema module (the browser imports it; it imports no
// database code): one list per vocabulary, not a copy kept equal by a test.
import {
  OUT_OF_SCOPE_REASONS,
  type OutOfScopeReason,
  REWARD_STATUSES,
  type RewardStatus,
  TIP_CATEGORIES,
  TIP_STATUSES,
  type TipCategory,
  type TipStatus,
} from '../../core/tipoffs/tipoff-schema';
import { storedFiles } from './stored-files';
import { users } from './users';
import { townships, villages } from './villages';

/** received → acknowledged → accepted | out_of_scope | duplicate → investigating → substantiated | unsubstantiated → closed */

/** The per-township running number of tips ("first reporter" is decided by it). */
export const tipCounters = pgTable('tip_counters', {
  townshipId: integer('township_id')
    .primaryKey()
    .references(() => townships.id),
  lastNumber: integer('last_number').notNull(),
});

export const tips = pgTable(
  'tips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    number: integer('number').notNull(),
    /** The Shanghai day it was received: no time of day is kept. */
    day: date('day', { mode: 'string' }).notNull(),
    category: text('category', { enum: TIP_CATEGORIES }).notNull(),
    /** The content (null once purged or deleted as about a private person). */
    villageId: integer('village_id').references(() => villages.id),
    place: text('place'),
    what: text('what'),
    period: text('period'),
    provider: text('provider'),
    /** SHA-256 (base64url) of the content as received: what the signed receipt proves. */
    contentHash: text('content_hash').notNull(),
    /** HMAC-SHA-256 (TIPOFF_RECEIPT_KEY) of the receipt digits: the only trace of the receipt. */
    receiptHash: text('receipt_hash').notNull(),
    status: text('status', { enum: TIP_STATUSES }).notNull().default('received'),
    /** Kept through 'closed': the triage decision and the finding. */
    triage: text('triage', { enum: ['accepted', 'out_of_scope', 'duplicate'] }),
    outOfScopeReason: text('out_of_scope_reason', { enum: OUT_OF_SCOPE_REASONS }),
    finding: text('finding', { enum: ['substantiated', 'unsubstantiated'] }),
    /** duplicate_of: the tip this one repeats. */
    duplicateOfTipId: uuid('duplicate_of_tip_id'),
    /** The first tip of the matter (itself unless linked): one reward per matter. */
    matterTipId: uuid('matter_tip_id').notNull(),
    /** 首问负责: the first handler who acknowledged it owns it until a recorded handover. */
    ownerOfficerId: uuid('owner_officer_id').references(() => users.id),
    ackDueAt: timestamp('ack_due_at', { withTimezone: true }).notNull(),
    triageDueAt: timestamp('triage_due_at', { withTimezone: true }).notNull(),
    outcomeDueAt: timestamp('outcome_due_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closingSummary: text('closing_summary'),
    /** The last deadline stage escalated by the cron ('acknowledge' | 'triage' | 'outcome'), each once. */
    overdueStage: text('overdue_stage', { enum: ['acknowledge', 'triage', 'outcome'] }),
    overdueCount: integer('overdue_count').notNull().default(0),
    contentPurgedAt: timestamp('content_purged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tips_receipt_hash_key').on(t.receiptHash),
    uniqueIndex('tips_township_number_key').on(t.townshipId, t.number),
    index('tips_status_idx').on(t.status),
    index('tips_matter_idx').on(t.matterTipId),
    check(
      'tips_status_check',
      sql`${t.status} in ('received', 'acknowledged', 'accepted', 'out_of_scope', 'duplicate', 'investigating', 'substantiated', 'unsubstantiated', 'closed')`,
    ),
    check(
      'tips_category_check',
      sql`${t.category} in ('two_non_sex_determination', 'two_non_sex_selective_abortion', 'abortion_drug_sales', 'illegal_fees', 'misconduct')`,
    ),
  ],
);

export const TIP_EVENT_TYPES = [
  'received',
  'acknowledged',
  'accepted',
  'out_of_scope',
  'duplicate',
  'investigating',
  'substantiated',
  'unsubstantiated',
  'closed',
  'handed_over',
  'linked',
  'overdue',
  'content_purged',
  'reward_proposed',
  'reward_approved',
  'reward_declined',
  'reward_claimed',
  'reward_paid',
  'reward_lapsed',
] as const;
export type TipEventType = (typeof TIP_EVENT_TYPES)[number];

/** The history: each change with its note (shown to the reporter unless `internal`). */
export const tipEvents = pgTable(
  'tip_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tipId: uuid('tip_id')
      .notNull()
      .references(() => tips.id, { onDelete: 'cascade' }),
    type: text('type', { enum: TIP_EVENT_TYPES }).notNull(),
    /** Officers' and the cron's steps have a time; the reporter's only a day. */
    at: timestamp('at', { withTimezone: true }),
    day: date('day', { mode: 'string' }).notNull(),
    actorOfficerId: uuid('actor_officer_id').references(() => users.id),
    note: text('note'),
    /** Shown to the reporter? (handovers, overdue marks and reward internals are not). */
    visible: boolean('visible').notNull().default(true),
  },
  (t) => [index('tip_events_tip_idx').on(t.tipId, t.id)],
);

/** reporter → handler, handler → reporter, and internal notes the reporter never sees. */
export const tipMessages = pgTable(
  'tip_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tipId: uuid('tip_id')
      .notNull()
      .references(() => tips.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['reporter', 'handler', 'note'] }).notNull(),
    at: timestamp('at', { withTimezone: true }),
    day: date('day', { mode: 'string' }).notNull(),
    authorOfficerId: uuid('author_officer_id').references(() => users.id),
    text: text('text').notNull(),
  },
  (t) => [index('tip_messages_tip_idx').on(t.tipId, t.id)],
);

export const tipAttachments = pgTable(
  'tip_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tipId: uuid('tip_id')
      .notNull()
      .references(() => tips.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** The reporter chose to keep the image's time and place as evidence. */
    keptMetadata: boolean('kept_metadata').notNull().default(false),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [index('tip_attachments_tip_idx').on(t.tipId)],
);

/**
 * Opt-in chat notifications: the one place a chat and a tip meet, kept apart from the tip and
 * deleted when the case closes (or the reporter opts out). Queue jobs carry this row's id only.
 */
export const tipNotificationLinks = pgTable(
  'tip_notification_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tipId: uuid('tip_id')
      .notNull()
      .references(() => tips.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    language: text('language', { enum: ['zh-CN', 'zh-TW', 'en'] })
      .notNull()
      .default('zh-CN'),
  },
  (t) => [uniqueIndex('tip_notification_links_tip_chat_key').on(t.tipId, t.chatId)],
);

/** The published reward table (admin-editable), in whole yuan; max 0 = no cash reward. */
export const rewardTiers = pgTable(
  'reward_tiers',
  {
    category: text('category', { enum: TIP_CATEGORIES }).primaryKey(),
    minYuan: integer('min_yuan').notNull(),
    maxYuan: integer('max_yuan').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('reward_tiers_range_check', sql`${t.minYuan} >= 0 and ${t.maxYuan} >= ${t.minYuan}`)],
);

/** The rewards ledger: one row per rewarded tip, no reporter data (bank details deleted once paid). */
export const tipRewards = pgTable(
  'tip_rewards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tipId: uuid('tip_id')
      .notNull()
      .references(() => tips.id),
    matterTipId: uuid('matter_tip_id').notNull(),
    amountYuan: integer('amount_yuan').notNull(),
    status: text('status', { enum: REWARD_STATUSES }).notNull().default('proposed'),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    secondApprovedBy: uuid('second_approved_by').references(() => users.id),
    secondApprovedAt: timestamp('second_approved_at', { withTimezone: true }),
    claimDeadline: timestamp('claim_deadline', { withTimezone: true }),
    claimMethod: text('claim_method', { enum: ['in_person', 'bank_transfer'] }),
    claimedDay: date('claimed_day', { mode: 'string' }),
    /** AES-GCM sealed { name, account } (bank transfer), deleted once paid; every read audited. */
    bankDetailsSealed: text('bank_details_sealed'),
    paidBy: uuid('paid_by').references(() => users.id),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    declinedBy: uuid('declined_by').references(() => users.id),
    declineReason: text('decline_reason'),
  },
  (t) => [
    index('tip_rewards_tip_idx').on(t.tipId),
    // Only one live reward per matter (the first substantiated tip's).
    uniqueIndex('tip_rewards_one_per_matter')
      .on(t.matterTipId)
      .where(sql`${t.status} not in ('declined', 'lapsed')`),
    index('tip_rewards_status_idx').on(t.status),
    check('tip_rewards_amount_check', sql`${t.amountYuan} > 0`),
  ],
);

export type { OutOfScopeReason, RewardStatus, TipCategory, TipStatus };
export { OUT_OF_SCOPE_REASONS, REWARD_STATUSES, TIP_CATEGORIES, TIP_STATUSES };
