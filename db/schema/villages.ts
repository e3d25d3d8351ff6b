import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// A township (乡镇) and its ~20 villages/communities (村/社区). Officer scope and audiences are expressed in villages.
export const townships = pgTable('townships', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** The issuing office printed on certificates, e.g. 示范镇人口服务办公室. */
  officeName: text('office_name').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const villages = pgTable(
  'villages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    // Short code printed on the village's poster QR code: /start v_<code>.
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** A deactivated village is offered to nobody (pickers, poster links) but keeps its history. */
    active: boolean('active').notNull().default(true),
    /**
     * A short text of the admin's own printed on the village's poster (e.g. where the village office
     * is and when): one text, written in the language the village reads — printed as typed.
     */
    posterText: text('poster_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('villages_code_key').on(t.code)],
);
