import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Telegram redelivers an update until the webhook answers 2xx, so each update_id is claimed
 * here before it is handled: a replay finds the row and has no second effect.
 */
export const telegramUpdates = pgTable('telegram_updates', {
  updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
  status: text('status', { enum: ['processing', 'done'] })
    .notNull()
    .default('processing'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
