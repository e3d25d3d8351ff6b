import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** Metadata of an object kept in R2. The bytes live in the bucket under objectKey. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectKey: text('object_key').notNull().unique(),
    /** Null for a tip-off's attachment: nothing may tie it to the person who sent it. */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    purpose: text('purpose').notNull(),
    /** The name it was uploaded under, cleaned (core/files/file-name.ts); null when it had none (a chat photo). */
    fileName: text('file_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_owner_idx').on(t.ownerUserId)],
);
