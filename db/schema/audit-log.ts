import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Append-only record of who did what to which record, when and why. A trigger in the
 * migrations rejects UPDATE and DELETE. `details` must never hold personal data.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    reason: text('reason'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index('audit_log_record_idx').on(t.recordType, t.recordId),
    index('audit_log_actor_idx').on(t.actorUserId),
    // The admin's audit viewer pages newest first within a date range.
    index('audit_log_at_idx').on(t.at),
  ],
);
