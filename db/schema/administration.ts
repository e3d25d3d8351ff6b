import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { OfficerRole } from './officer-roles';
import { users } from './users';
import { townships } from './villages';

/**
 * A one-time invitation to become an officer: the admin picks roles and scope, the bot delivers the
 * link (t.me/<bot>?start=inv_<token>) and the person accepts in chat. Only the token's SHA-256 is kept.
 */
export const officerInvites = pgTable(
  'officer_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    roles: text('roles').array().$type<OfficerRole[]>().notNull(),
    /** null: township-wide. */
    villageIds: integer('village_ids').array(),
    /** The admin's own note of whom it is for (shown only to admins). */
    label: text('label').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('officer_invites_created_idx').on(t.createdAt)],
);

/**
 * Run-time settings the admin changes without a redeploy (deadlines, retention, the holiday
 * calendar's overrides). A missing key means "the env/config default" (core/settings/runtime-settings.ts).
 */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
