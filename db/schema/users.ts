import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { villages } from './villages';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
/** resident: lives here; moved_away: 流出人口 (works elsewhere); newcomer: 流入人口. */
export const POPULATION_STATUSES = ['resident', 'moved_away', 'newcomer'] as const;
export type UserLanguage = (typeof LANGUAGES)[number];
export type PopulationStatus = (typeof POPULATION_STATUSES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    telegramId: bigint('telegram_id', { mode: 'number' }).notNull().unique(),
    displayName: text('display_name').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull().default('zh-CN'),
    villageId: integer('village_id').references(() => villages.id),
    populationStatus: text('population_status', { enum: POPULATION_STATUSES }).notNull().default('resident'),
    /** Set when Telegram answered 403 (the person blocked the bot): campaigns skip them from then on. */
    broadcastBlockedAt: timestamp('broadcast_blocked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('users_village_idx').on(t.villageId),
    // The officers' search of service files by name (prefix, case-insensitive): a portable btree on
    // the lowered name — pg_trgm is not available on every database this runs on (PGlite).
    index('users_display_name_lower_idx').on(sql`lower(${t.displayName}) text_pattern_ops`),
    check('users_language_check', sql`${t.language} in ('zh-CN', 'zh-TW', 'en')`),
    check(
      'users_population_status_check',
      sql`${t.populationStatus} in ('resident', 'moved_away', 'newcomer')`,
    ),
  ],
);
