// Publicity campaigns (宣传): topics people subscribe to, campaigns with a variant per language, the
// per-recipient delivery outbox the broadcast engine works from, button clicks, the workflow history,
// and the public service guide (公开栏) pages.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
import { LANGUAGES, type PopulationStatus, type UserLanguage, users } from './users';

/** Names live in the locale files under campaigns:topic.<code>; the table only orders them. */
export const topics = pgTable('topics', {
  code: text('code').primaryKey(),
  sort: integer('sort').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who receives which topic. Opt-out model: a trigger (migration 0003) subscribes every new person to
 * every topic when their file is created; the bot's topics menu, the mini app and /stop remove rows.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topic: text('topic')
      .notNull()
      .references(() => topics.code, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] }), index('subscriptions_topic_idx').on(t.topic)],
);

/**
 * How many people each audience cell reaches — subscribed to the topic and not blocked, per village
 * (0 = none), language and population status — kept exact by triggers on users and subscriptions
 * (migration 0010), so the live count while composing reads a few hundred rows at any population.
 * Never written by the application; `audienceCondition` over users stays the definition (recipients
 * are materialised from it), and a test compares the two after every kind of change.
 */
export const audienceCounts = pgTable(
  'audience_counts',
  {
    topic: text('topic').notNull(),
    villageId: integer('village_id').notNull(),
    language: text('language').notNull(),
    populationStatus: text('population_status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.topic, t.villageId, t.language, t.populationStatus] })],
);

export const CAMPAIGN_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'scheduled',
  'sending',
  'sent',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Empty list = everyone on that dimension. */
export interface CampaignAudience {
  villageIds: number[];
  languages: UserLanguage[];
  statuses: PopulationStatus[];
}

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    topic: text('topic')
      .notNull()
      .references(() => topics.code),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    audience: jsonb('audience')
      .$type<CampaignAudience>()
      .notNull()
      .default({ villageIds: [], languages: [], statuses: [] }),
    /** A "resend to the failed only" round: its recipients are the failed deliveries of this campaign. */
    resendOf: uuid('resend_of'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    /** Keyset cursor of materialisation: recipients are inserted in user-id order, one chunk per job. */
    materializeCursor: uuid('materialize_cursor'),
    materialized: boolean('materialized').notNull().default(false),
    /** Audience size counted when sending started: "remaining" before every recipient is materialised. */
    audienceSize: integer('audience_size'),
  },
  (t) => [
    index('campaigns_status_idx').on(t.status, t.scheduledAt),
    /** The workbench list, most recently changed first, pages by updated_at (list-campaigns.ts). */
    index('campaigns_updated_idx').on(t.updatedAt),
    check(
      'campaigns_status_check',
      sql`${t.status} in ('draft', 'submitted', 'approved', 'scheduled', 'sending', 'sent', 'cancelled')`,
    ),
  ],
);

export const BUTTON_KINDS = ['mini_app', 'url'] as const;
export interface CampaignButton {
  text: string;
  /** mini_app: a path below /app/ opened as a web app; url: an https link (through the click redirect). */
  kind: (typeof BUTTON_KINDS)[number];
  target: string;
}

export const campaignVariants = pgTable(
  'campaign_variants',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    language: text('language', { enum: LANGUAGES }).notNull(),
    /** Telegram HTML (parse_mode HTML), validated when saved. */
    text: text('text').notNull(),
    imageFileId: uuid('image_file_id').references(() => storedFiles.id),
    /** Telegram's file_id after the first upload of the image, so later sends reuse it. */
    imageTelegramFileId: text('image_telegram_file_id'),
    button: jsonb('button').$type<CampaignButton>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.language] })],
);

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'blocked', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per (campaign, recipient), written before anything is sent. A consumer claims
 * a row (pending → sending, with a lease: claimed_at and lease_id), sends, and records the outcome.
 */
export const campaignDeliveries = pgTable(
  'campaign_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    /** The recipient's village when materialised (per-village reach figures). */
    villageId: integer('village_id'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** A retry (429 retry_after, 5xx backoff) is not sent before this time. */
    notBefore: timestamp('not_before', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /**
     * The fencing token of the current claim, new for every claim: an outcome, a release or a retried
     * claim is written only while it still matches, so a consumer whose lease expired and was claimed
     * again cannot write over the new owner.
     */
    leaseId: uuid('lease_id'),
    /** rate_limited | network | bad_request | blocked | lease_expired */
    errorCode: text('error_code'),
    /** Telegram's description for a permanent failure (never message text). */
    errorReason: text('error_reason'),
    telegramMessageId: bigint('telegram_message_id', { mode: 'number' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaign_deliveries_campaign_user_key').on(t.campaignId, t.userId),
    index('campaign_deliveries_campaign_status_idx').on(t.campaignId, t.status),
    index('campaign_deliveries_campaign_sent_idx').on(t.campaignId, t.sentAt),
    check(
      'campaign_deliveries_status_check',
      sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'blocked', 'cancelled')`,
    ),
  ],
);

/**
 * The live progress bar's figures: deliveries of a campaign per status and error code ('' = none),
 * kept exact by statement triggers on campaign_deliveries (migration 0022) — one aggregated upsert per
 * statement that changed a status, never one per delivery — so a progress poll reads a few rows
 * however large the audience. Spread over a few shards (by database backend) so that concurrent
 * consumers' outcome writes do not queue on one row; readers sum the shards. Never written by the
 * application; `campaign_delivery_counts_recount(campaign)` rebuilds a campaign's rows.
 */
export const campaignDeliveryCounts = pgTable(
  'campaign_delivery_counts',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    errorCode: text('error_code').notNull(),
    shard: integer('shard').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.status, t.errorCode, t.shard] })],
);

export const campaignClicks = pgTable(
  'campaign_clicks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Only a recipient's press counts, once: one row per delivery (first press wins). */
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => campaignDeliveries.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    via: text('via', { enum: ['url', 'mini_app'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('campaign_clicks_campaign_idx').on(t.campaignId),
    uniqueIndex('campaign_clicks_delivery_key').on(t.deliveryId),
  ],
);

export const CAMPAIGN_EVENT_TYPES = [
  'created',
  'submitted',
  'withdrawn',
  'returned',
  'approved',
  'scheduled',
  'started',
  'cancelled',
  'finished',
  'resend_created',
] as const;
export type CampaignEventType = (typeof CAMPAIGN_EVENT_TYPES)[number];

/** The workflow history: who submitted, approved, scheduled, cancelled — shown on the campaign page. */
export const campaignEvents = pgTable(
  'campaign_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    type: text('type', { enum: CAMPAIGN_EVENT_TYPES }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('campaign_events_campaign_idx').on(t.campaignId, t.at)],
);

export interface GuideContent {
  title: string;
  body: string;
}

/** 公开栏: procedures, documents, time limits, fees — one page per slug, a text per language. */
export const guidePages = pgTable('guide_pages', {
  slug: text('slug').primaryKey(),
  sort: integer('sort').notNull().default(0),
  content: jsonb('content').$type<Partial<Record<UserLanguage, GuideContent>>>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
