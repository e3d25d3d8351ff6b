// Sign-in outside Telegram for officers at a desk: the bot sends a one-time link to the officer's own
// chat; opening it starts a browser session carried by an HttpOnly cookie. Only hashes of the link
// token and of the session token are stored, so a copy of the database signs nobody in.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const deskSignInLinks = pgTable(
  'desk_sign_in_links',
  {
    /** SHA-256 (hex) of the token in the link. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link was used: a second use is refused. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('desk_links_user_idx').on(t.userId), index('desk_links_expires_idx').on(t.expiresAt)],
);

export const deskSessions = pgTable(
  'desk_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the cookie's token. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Moved forward on use; a session idle longer than DESK_SESSION_IDLE_MINUTES has ended. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The absolute end, however active the session. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('desk_sessions_user_idx').on(t.userId), index('desk_sessions_expires_idx').on(t.expiresAt)],
);
