import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Telegram redelivers an update until the webhook answers 2xx, so each update_id is claimed
 * here before it is handled: a replay finds the row and has no second effect. A claim is a lease:
 * while `processing`, it is held until `processing_until`; a handler that died (or whose release
 * failed with the database) leaves a claim that the next redelivery after that time takes over.
 */
export const telegramUpdates = pgTable(
  'telegram_updates',
  {
    updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
    status: text('status', { enum: ['processing', 'done'] })
      .notNull()
      .default('processing'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** End of the current claim's lease (meaningless once done). */
    processingUntil: timestamp('processing_until', { withTimezone: true }).notNull().defaultNow(),
    /** Which claim holds the lease (1, 2, …): the fencing token of complete and release. */
    attempt: integer('attempt').notNull().default(1),
  },
  (t) => [
    // The minute cron looks for claims whose lease ran out: only the few still processing.
    index('telegram_updates_processing_idx').on(t.processingUntil).where(sql`${t.status} = 'processing'`),
  ],
);
