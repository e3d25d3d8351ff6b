import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { townships } from './villages';

export const OFFICER_ROLES = ['reviewer', 'publicity', 'case_handler', 'finance', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/**
 * One row per (user, role). villageIds = null means township-wide; otherwise the officer
 * acts only within the listed villages.
 */
export const officerRoles = pgTable(
  'officer_roles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    role: text('role', { enum: OFFICER_ROLES }).notNull(),
    villageIds: integer('village_ids').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('officer_roles_user_role_key').on(t.userId, t.role),
    index('officer_roles_user_idx').on(t.userId),
    check(
      'officer_roles_role_check',
      sql`${t.role} in ('reviewer', 'publicity', 'case_handler', 'finance', 'admin')`,
    ),
  ],
);
