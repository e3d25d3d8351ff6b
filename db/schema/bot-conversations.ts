import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const BOT_CONVERSATION_KINDS = ['tip_report', 'service_file'] as const;
export type BotConversationKind = (typeof BOT_CONVERSATION_KINDS)[number];

/**
 * Where a person is in a multi-step chat conversation (one per kind; the latest touched is the one
 * a typed answer belongs to). It holds only a draft — a tip-off being written, which /file item the next photo is for — never a submitted record
 * or its receipt: a tip's draft row is deleted when the tip is submitted, so nothing here ever links
 * a person to a tip. Rows expire (`expires_at`) and the maintenance cron deletes them.
 */
export const botConversations = pgTable(
  'bot_conversations',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: BOT_CONVERSATION_KINDS }).notNull(),
    step: text('step').notNull(),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    index('bot_conversations_expires_idx').on(t.expiresAt),
    check('bot_conversations_kind_check', sql`${t.kind} in ('tip_report', 'service_file')`),
  ],
);
